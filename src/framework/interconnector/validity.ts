/**
 * Face-validity rules of the interconnector index (docs/interconnector.md §3a, issue 15):
 *
 * 1. Armed conflict cuts ties. Two states on opposite sides of an armed conflict active in the year
 *    keep no tie in the multiplex (an alliance carried forward from before the war, shared votes),
 *    because a bridge runs over ties the parties can use, and war cuts them.
 * 2. A state in armed conflict with a pole leader cannot bridge that pole and its rival: its
 *    "aligned with neither" factor is 0.
 * 3. A state under a pole's full guarantee (obligation weight ≥ 1 from the pole leader: NATO for the
 *    USA, the CSTO for Russia) is inside that pole's alliance and cannot bridge it to the rival either.
 *
 * Conflicts come from UCDP/PRIO ACD (table ucdp_conflict_parties, when imported): two states are in
 * conflict in a year when they sit on opposite sides of a conflict active that year and at least one
 * of them is a primary party (two secondary supporters of opposite sides, as Russia and Türkiye in
 * Syria, fight through others and are not counted). Without UCDP the knowledge base's conflict facts
 * of subtype `war` in force in the year stand in, first state of one side against the first of the
 * other (they carry no active years or party roles, so the weaker kinds are left out rather than
 * counted every year since they began).
 */
import { coversYear } from '../../kb/dates.ts';
import type { FrameworkInputs } from '../inputs.ts';
import type { Provenance } from '../types.ts';

/** One party row of a UCDP conflict-year (ucdp_conflict_parties). */
export interface ConflictPartyRow {
  conflictId: number;
  year: number;
  side: string;
  primary: boolean;
  ccode: number;
}

export interface ConflictData {
  rows: ConflictPartyRow[];
  covers: [number, number] | null;
  provenance: Provenance;
}

export interface HostilePair {
  a: string;
  b: string;
  /** 'UCDP 13243' or a knowledge-base fact id. */
  evidence: string[];
}

export interface Hostility {
  /** `${a}|${b}` (a < b) → the pair and what shows the conflict. */
  pairs: Map<string, HostilePair>;
  source: 'ucdp' | 'kb' | 'none';
  provenance: Provenance;
}

const key = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);

function addPair(out: Map<string, HostilePair>, a: string, b: string, evidence: string): void {
  if (a === b) return;
  const k = key(a, b);
  const cur = out.get(k);
  if (!cur) out.set(k, { a: a < b ? a : b, b: a < b ? b : a, evidence: [evidence] });
  else if (!cur.evidence.includes(evidence)) cur.evidence.push(evidence);
}

/** The pairs of states in armed conflict with each other in `year`. */
export function hostilePairs(inp: FrameworkInputs, conflicts: ConflictData | null, year: number): Hostility {
  const pairs = new Map<string, HostilePair>();
  const ucdpCovers = conflicts?.covers;
  if (conflicts && ucdpCovers && year >= ucdpCovers[0] && year <= ucdpCovers[1]) {
    const byConflict = new Map<number, ConflictPartyRow[]>();
    for (const r of conflicts.rows) {
      if (r.year !== year) continue;
      let list = byConflict.get(r.conflictId);
      if (!list) byConflict.set(r.conflictId, (list = []));
      list.push(r);
    }
    for (const [id, rows] of byConflict) {
      for (const x of rows)
        for (const y of rows) {
          if (x.side >= y.side || !(x.primary || y.primary)) continue;
          const a = inp.registry.byCcode(x.ccode)?.iso3,
            b = inp.registry.byCcode(y.ccode)?.iso3;
          if (a && b) addPair(pairs, a, b, `UCDP ${id}`);
        }
    }
    return {
      pairs,
      source: 'ucdp',
      provenance: {
        ...conflicts.provenance,
        note: `armed conflicts active in ${year} (a primary party on a side)`,
      },
    };
  }
  const facts = inp.kb
    .factsOfKind('conflict')
    .filter((f) => f.kind === 'conflict' && f.subtype === 'war' && coversYear(f.from, f.to, year));
  // The facts list states only, without their roles: the first state on each side stands for the
  // primary party (Syria against Türkiye in the Syrian war, not Russia against Türkiye).
  for (const f of facts) {
    if (f.kind !== 'conflict') continue;
    const a = f.side_a.find((x) => inp.registry.byIso3(x)),
      b = f.side_b.find((x) => inp.registry.byIso3(x));
    if (a && b) addPair(pairs, a, b, f.id);
  }
  return {
    pairs,
    source: facts.length ? 'kb' : 'none',
    provenance: facts.length
      ? { facts: facts.map((f) => f.id), note: `knowledge-base wars in force in ${year} (UCDP not imported)` }
      : { note: `no conflict data for ${year} (UCDP not imported, no knowledge-base war)` },
  };
}

export function isHostile(h: Hostility, a: string, b: string): HostilePair | undefined {
  return h.pairs.get(key(a, b));
}

/** Why a state's "aligned with neither" factor was set to 0. */
export interface Gate {
  rule: 'conflict-with-pole' | 'pole-guarantee';
  pole: string;
  evidence: string[];
}
