import { COMPONENTS, type ComponentId } from '../autonomy/components.ts';
import type { FrameworkSession } from '../session.ts';
import { coverageOf, statusOf, type ComponentStatus, type Coverage } from './index.ts';

export interface StateCoverage extends Coverage {
  state: string;
  ccode: number;
  name: string;
  year: number;
  components: Record<ComponentId, ComponentStatus>;
  /** The first line of each unknown or not-applicable component's explanation. */
  reasons: Partial<Record<ComponentId, string>>;
}

export interface CoverageReport {
  year: number;
  states: StateCoverage[];
  /** Per component: how many states have it present, not applicable, unknown. */
  components: Record<ComponentId, Record<ComponentStatus, number>>;
  /** Share of states with every applicable component present. */
  complete: number;
}

/** Components present, not applicable and unknown for every state in a year (or one state). */
export function coverageReport(session: FrameworkSession, year: number, ccode?: number): CoverageReport {
  const run = session.autonomy({ years: [year, year], draws: 0 });
  const all: StateCoverage[] = run.results.map((r) => ({
    state: r.state,
    ccode: r.ccode,
    name: r.name,
    year: r.year,
    ...coverageOf(r.components),
    components: Object.fromEntries(COMPONENTS.map((c) => [c, statusOf(r.components[c])])) as Record<
      ComponentId,
      ComponentStatus
    >,
    reasons: Object.fromEntries(
      COMPONENTS.filter((c) => r.components[c].value === null).map((c) => [
        c,
        r.components[c].explanation[0] ?? '',
      ]),
    ),
  }));
  const components = Object.fromEntries(
    COMPONENTS.map((c) => {
      const count = (s: ComponentStatus) => all.filter((x) => x.components[c] === s).length;
      return [
        c,
        { present: count('present'), 'not-applicable': count('not-applicable'), unknown: count('unknown') },
      ];
    }),
  ) as CoverageReport['components'];
  return {
    year,
    states: ccode === undefined ? all : all.filter((s) => s.ccode === ccode),
    components,
    complete: all.length ? all.filter((s) => s.complete).length / all.length : 0,
  };
}

/** The share of states with every applicable component present that counts as broad coverage. */
export const BROAD_COVERAGE = 0.5;

/**
 * The latest year (at most `latest`) in which at least half the states have every applicable
 * component present, with the reason in words: where a map or ranking should open, so that the
 * first picture is not mostly "no evidence".
 */
export function broadCoverageYear(
  session: FrameworkSession,
  latest: number,
  earliest = latest - 10,
): { year: number; share: number; why: string } {
  let best: { year: number; share: number } | null = null;
  for (let y = latest; y >= earliest; y--) {
    const share = coverageReport(session, y).complete;
    if (share >= BROAD_COVERAGE) {
      best = { year: y, share };
      break;
    }
  }
  if (!best) {
    const share = coverageReport(session, latest).complete;
    return {
      year: latest,
      share,
      why: `no year since ${earliest} has every applicable component for half the states; showing ${latest}`,
    };
  }
  const skipped =
    best.year < latest
      ? `; later years have fewer (e.g. ${latest}: ` +
        `${(coverageReport(session, latest).complete * 100).toFixed(0)}%)`
      : '';
  return {
    ...best,
    why:
      `${best.year} is the latest year in which ${(best.share * 100).toFixed(0)}% of states have every ` +
      `applicable component${skipped}`,
  };
}
