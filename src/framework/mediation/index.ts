import type { FrameworkInputs } from '../inputs.ts';
import { ccodeOf, eventsIn, iso3Of, poleOf } from '../facts.ts';
import type { ComponentResult } from '../types.ts';

export interface RoundScore {
  id: string;
  date: string;
  format: string;
  mediators: string[];
  score: number;
  declined: boolean;
}

/**
 * Principle 2, "regional solutions for regional problems": the mean score of the conflict-management
 * rounds a state took part in (or declined) over the event window: direct 1, facilitated by a host
 * 0.75, mediated by a neighbouring non-pole state 0.25, mediated by an outside power or a pole 0; a
 * mediated round the state declined counts 1 (it refused outside mediation). Missing when the state
 * had no rounds in the window: the principle does not apply, it is not zero.
 */
export function mediation(inp: FrameworkInputs, ccode: number, year: number): ComponentResult {
  const iso3 = iso3Of(inp, ccode);
  if (!iso3)
    return {
      value: null,
      explanation: ['no ISO3 code: outside the knowledge base'],
      provenance: [],
      detail: {},
    };
  const w = inp.config.eventWindow;
  const rounds = eventsIn(
    inp.kb,
    'negotiation',
    year,
    w,
    (f) => f.parties.includes(iso3) || f.declined.includes(iso3),
  );
  if (rounds.length === 0)
    return {
      value: null,
      explanation: [`no conflict-management rounds recorded in ${year - w}–${year}`],
      provenance: [],
      detail: { rounds: [] },
    };
  const neighbours = new Set(
    inp.contiguity.data.get(ccode)?.get(Math.min(year, inp.contiguity.covers?.[1] ?? year)) ?? [],
  );
  const isRegional = (m: string) => {
    if (poleOf(inp, m)) return false;
    const c = ccodeOf(inp, m);
    return c !== undefined && neighbours.has(c);
  };
  const scored: RoundScore[] = rounds.map((f) => {
    const declined = f.declined.includes(iso3);
    const score = declined
      ? 1
      : f.format === 'direct'
        ? 1
        : f.format === 'facilitated'
          ? 0.75
          : f.mediators.every(isRegional)
            ? 0.25
            : 0;
    return {
      id: f.id,
      date: f.date,
      format: declined ? `${f.format} (declined)` : f.format,
      mediators: f.mediators,
      score,
      declined,
    };
  });
  const value = scored.reduce((s, r) => s + r.score, 0) / scored.length;
  const count = (p: (r: RoundScore) => boolean) => scored.filter(p).length;
  const mediators = [...new Set(scored.filter((r) => r.format === 'mediated').flatMap((r) => r.mediators))];
  return {
    value,
    explanation: [
      `${year - w}–${year}: ${count((r) => r.format === 'direct')} ` +
        `direct, ${count((r) => r.format === 'facilitated')} ` +
        `facilitated, ${count((r) => r.format === 'mediated')} mediated` +
        `${mediators.length ? ` (by ${mediators.join(', ')})` : ''}` +
        `${count((r) => r.declined) ? `, ${count((r) => r.declined)} mediated round(s) declined` : ''}` +
        ` of ${scored.length} rounds`,
    ],
    provenance: [
      {
        facts: scored.map((r) => r.id),
        ...(neighbours.size
          ? { dataset: 'cow_contiguity', note: 'neighbours decide which mediators count as regional' }
          : {}),
      },
    ],
    detail: { rounds: scored },
  };
}
