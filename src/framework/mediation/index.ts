import { covers, type FrameworkInputs } from '../inputs.ts';
import { conflictsIn } from './conflicts.ts';
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
  if (rounds.length === 0) return withoutRounds(inp, ccode, year);
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

/**
 * No rounds recorded: is the principle not applicable (no conflict) or is the evidence missing?
 * A state that was a primary party to a UCDP/PRIO armed conflict in the window has a conflict to
 * handle, so its mediation is *unknown*; a state with none, in years UCDP covers, has nothing to
 * judge: *not applicable*. Being only a secondary party (a government backing another's war) does
 * not make the principle apply, since the conflict is not its own to settle; it is named. Outside
 * UCDP's years applicability cannot be told, so the value is unknown.
 */
function withoutRounds(inp: FrameworkInputs, ccode: number, year: number): ComponentResult {
  const w = inp.config.eventWindow;
  const span = `${year - w}–${year}`;
  if (!covers(inp.conflicts, year))
    return {
      value: null,
      explanation: [
        `no conflict-management rounds recorded in ${span}; whether the state had an armed conflict is ` +
          `unknown (UCDP/PRIO covers ${inp.conflicts.covers?.join('–') ?? 'no years'})`,
      ],
      provenance: [inp.conflicts.provenance],
      detail: { rounds: [], status: 'unknown' },
    };
  const roles = conflictsIn(inp.conflicts, ccode, year, w);
  const own = [...new Map(roles.filter((r) => r.primary).map((r) => [r.conflict, r])).values()];
  const backing = [...new Set(roles.filter((r) => !r.primary).map((r) => r.location))];
  const name = (c: number) => inp.registry.byCcode(c)?.iso3 ?? String(c);
  if (own.length)
    return {
      value: null,
      explanation: [
        `unknown: party to ${own.length} armed conflict(s) in ${span} (UCDP/PRIO: ` +
          own
            .slice(0, 4)
            .map((r) => `${r.location}${r.opponents.length ? ` vs ${r.opponents.map(name).join(', ')}` : ''}`)
            .join('; ') +
          `${own.length > 4 ? '; …' : ''}) but no conflict-management rounds recorded`,
      ],
      provenance: [{ ...inp.conflicts.provenance, rows: own.length }],
      detail: { rounds: [], status: 'unknown', conflicts: own.map((r) => r.conflict) },
    };
  return {
    value: null,
    applicable: false,
    explanation: [
      `not applicable: no armed conflict of its own in ${span} (UCDP/PRIO) and no rounds recorded` +
        (backing.length ? `; secondary party backing the government in ${backing.join(', ')}` : ''),
    ],
    provenance: [inp.conflicts.provenance],
    detail: { rounds: [], status: 'not-applicable' },
  };
}
