import type { ComponentId, StateYearDoc, SummaryRow, Transition } from '../api.ts';
import type { PlotModule } from './plot.ts';

/** Human names of the components (ids are the API's). */
export const COMPONENT_LABEL: Record<ComponentId, string> = {
  commitments: 'Commitments (no guarantee from a pole)',
  alignment: 'Alignment (UN votes between the poles)',
  voice: 'Voice (rule-maker, not rule-taker)',
  mediation: 'Mediation (regional solutions)',
  gatekeeper: 'Gatekeeper (hosting, transit)',
  capability: 'Capability (relative to rivals)',
  dependence: 'Dependence (diversified partners)',
};
export const COMPONENT_SHORT: Record<ComponentId, string> = {
  commitments: 'Commitments',
  alignment: 'Alignment',
  voice: 'Voice',
  mediation: 'Mediation',
  gatekeeper: 'Gatekeeper',
  capability: 'Capability',
  dependence: 'Dependence',
};

export interface IndexPoint {
  year: number;
  index: number | null;
  lo: number | null;
  hi: number | null;
  rank: number | null;
  rlo: number | null;
  rhi: number | null;
  ranked: number;
  posture: string;
}

/** What the index and rank charts draw of a state-year: full documents and summary rows both have it. */
export type IndexRow = Pick<
  StateYearDoc,
  'year' | 'index' | 'interval' | 'rank' | 'rank_interval' | 'ranked' | 'posture'
>;

export function indexPoints(results: IndexRow[]): IndexPoint[] {
  return results.map((r) => ({
    year: r.year,
    index: r.index,
    lo: r.interval?.[0] ?? null,
    hi: r.interval?.[1] ?? null,
    rank: r.rank,
    rlo: r.rank_interval?.[0] ?? null,
    rhi: r.rank_interval?.[1] ?? null,
    ranked: r.ranked,
    posture: r.posture,
  }));
}

/** A stable string of what a chart draws, so it is rebuilt only when that changes. */
export const keyOf = (x: unknown): string => JSON.stringify(x);

const yearAxis = { label: null, tickFormat: 'd' } as const;

/**
 * Index over years: the 5–95% interval as a band, the index as a line with points, transitions as dashed
 * rules.
 */
export function indexChart(
  Plot: PlotModule,
  width: number,
  pts: IndexPoint[],
  transitions: Transition[],
  opts: { height?: number; years?: [number, number] } = {},
): Element {
  const band = pts.filter((p) => p.lo !== null && p.hi !== null);
  return Plot.plot({
    width,
    height: opts.height ?? 230,
    marginLeft: 40,
    marginRight: 12,
    x: { ...yearAxis, ...(opts.years ? { domain: opts.years } : {}) },
    y: { domain: [0, 1], label: 'index', grid: true },
    marks: [
      Plot.areaY(band, { x: 'year', y1: 'lo', y2: 'hi', fill: '#0072b2', fillOpacity: 0.18, curve: 'step' }),
      Plot.ruleX(transitions, { x: 'year', stroke: '#1b1f24', strokeDasharray: '3 3', strokeOpacity: 0.5 }),
      Plot.lineY(pts, {
        x: 'year',
        y: (p: IndexPoint) => p.index ?? undefined,
        stroke: '#0072b2',
        strokeWidth: 2,
      }),
      Plot.dot(
        pts.filter((p) => p.index !== null),
        { x: 'year', y: 'index', fill: '#0072b2', r: 2.5 },
      ),
      Plot.tip(
        pts.filter((p) => p.index !== null),
        Plot.pointerX({
          x: 'year',
          y: 'index',
          title: (p: IndexPoint) =>
            `${p.year}: index ${p.index?.toFixed(3)}\n5–95%: ${p.lo?.toFixed(3) ?? '–'}` +
            `–${p.hi?.toFixed(3) ?? '–'}\nposture: ${p.posture}`,
        }),
      ),
    ],
  });
}

/** Rank among the ranked states (1 = most autonomous, at the top), with its 5–95% interval. */
export function rankChart(Plot: PlotModule, width: number, pts: IndexPoint[]): Element {
  const maxRanked = Math.max(1, ...pts.map((p) => p.ranked));
  return Plot.plot({
    width,
    height: 170,
    marginLeft: 40,
    marginRight: 12,
    x: yearAxis,
    y: { domain: [maxRanked, 1], label: 'rank (1 = most autonomous)', grid: true },
    marks: [
      Plot.areaY(
        pts.filter((p) => p.rlo !== null && p.rhi !== null),
        { x: 'year', y1: 'rlo', y2: 'rhi', fill: '#009e73', fillOpacity: 0.18, curve: 'step' },
      ),
      Plot.lineY(pts, {
        x: 'year',
        y: (p: IndexPoint) => p.rank ?? undefined,
        stroke: '#009e73',
        strokeWidth: 2,
      }),
      Plot.dot(
        pts.filter((p) => p.rank !== null),
        { x: 'year', y: 'rank', fill: '#009e73', r: 2.5 },
      ),
      Plot.tip(
        pts.filter((p) => p.rank !== null),
        Plot.pointerX({
          x: 'year',
          y: 'rank',
          title: (p: IndexPoint) =>
            `${p.year}: rank ${p.rank} of ${p.ranked}\n5–95%: ` +
            `${p.rlo?.toFixed(0) ?? '–'}–${p.rhi?.toFixed(0) ?? '–'}`,
        }),
      ),
    ],
  });
}

export interface ComponentPoint {
  year: number;
  value: number | null;
  why: string;
}

export function componentPoints(results: SummaryRow[], c: ComponentId): ComponentPoint[] {
  return results.map((r) => {
    const value = r.components[c] ?? null;
    return {
      year: r.year,
      value,
      why: value === null ? (r.missing_reasons?.[c] ?? 'no input covers this year') : '',
    };
  });
}

/** Consecutive missing years with the reason given for the first of them. */
export function missingRuns(pts: ComponentPoint[]): Array<{ from: number; to: number; why: string }> {
  const runs: Array<{ from: number; to: number; why: string }> = [];
  for (const p of pts) {
    if (p.value !== null) continue;
    const last = runs.at(-1);
    if (last && last.to === p.year - 1) last.to = p.year;
    else runs.push({ from: p.year, to: p.year, why: p.why });
  }
  return runs;
}

/**
 * One component over years on its 0–1 scale. Missing years are gaps in the line (never zero) and
 * are marked by grey ticks along the bottom.
 */
export function componentChart(
  Plot: PlotModule,
  width: number,
  pts: ComponentPoint[],
  years?: [number, number],
): Element {
  const missing = pts.filter((p) => p.value === null);
  return Plot.plot({
    width,
    height: 130,
    marginLeft: 32,
    marginRight: 16,
    marginTop: 8,
    marginBottom: 24,
    x: { ...yearAxis, ticks: 5, ...(years ? { domain: years } : {}) },
    y: { domain: [0, 1], ticks: 3, label: null, grid: true },
    marks: [
      Plot.lineY(pts, {
        x: 'year',
        y: (p: ComponentPoint) => p.value ?? undefined,
        stroke: '#1b1f24',
        strokeWidth: 1.6,
      }),
      Plot.dot(
        pts.filter((p) => p.value !== null),
        { x: 'year', y: 'value', fill: '#1b1f24', r: 1.8 },
      ),
      Plot.ruleX(missing, {
        x: 'year',
        y1: 0,
        y2: 0.12,
        stroke: '#999999',
        strokeWidth: 3,
        strokeOpacity: 0.8,
      }),
      Plot.tip(
        pts,
        Plot.pointerX({
          x: 'year',
          y: (p: ComponentPoint) => p.value ?? 0,
          title: (p: ComponentPoint) =>
            p.value === null ? `${p.year}: missing — ${p.why}` : `${p.year}: ${p.value.toFixed(2)}`,
        }),
      ),
    ],
  });
}
