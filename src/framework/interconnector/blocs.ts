/**
 * The group partition for brokerage: IMF-style blocs (Gopinath et al. 2024) from BSV ideal points,
 * by the alignment engine's `assignBlocs` (USA and China as the poles, terciles of the relative
 * position), over a trailing window of five sessions ending at the year. Ideal points end in 2023:
 * later years use the blocs of 2019–2023 (carried forward, and said so).
 */
import { assignBlocs, positionTableFromRows } from '../alignment/poles.ts';
import type { FrameworkInputs } from '../inputs.ts';
import type { Bloc, BlocAssignment } from './types.ts';

export type { BlocAssignment } from './types.ts';
import { greatPowerBlocs, ukraineBlocs, type BlocDefinition, type VoteRecord } from './vote-blocs.ts';

/** The bloc partition of the chosen definition; null when its data do not cover the year. */
export function blocsByDefinition(
  inp: FrameworkInputs,
  year: number,
  opts: BlocOptions = {},
  votes: VoteRecord | null = null,
): BlocAssignment | null {
  const def = opts.definition ?? 'ideal-points';
  if (def === 'ukraine-votes') return ukraineBlocs(inp, votes, year);
  if (def === 'great-power') return greatPowerBlocs(inp, votes, year, opts.window ?? 5);
  return blocsForYear(inp, year, opts);
}

/** Default cut-offs on the relative position (see BlocOptions). */
export const BLOC_CUTS: [number, number] = [0.25, 0.5];

export interface BlocOptions {
  /** Years averaged (default 5, ending at the year). */
  window?: number;
  west?: string;
  east?: string;
  /**
   * Cut-offs on the relative position s = (θ − θ_east) / (θ_west − θ_east): west if s ≥ upper,
   * china-russia if s ≤ lower. Defaults ¼ and ½ (not the engine's terciles): on BSV's 2019–2023 points
   * Europe sits at s ≈ 0.5–0.66 and the terciles leave four states in the west; ½ keeps "closer to
   * Washington than to Beijing" as the west, ¼ puts Russia (s ≈ 0.15) in its own bloc.
   */
  lower?: number;
  upper?: number;
  /**
   * Which partition (vote-blocs.ts): 'ideal-points' (the cut-offs above, default), 'ukraine-votes'
   * (the General Assembly's Ukraine votes from ES-11/1 on) or 'great-power' (votes on which the USA
   * opposed Russia and China). The vote-based ones need the voting record (InterconnectorData.votes).
   */
  definition?: BlocDefinition;
}

export function blocsForYear(
  inp: FrameworkInputs,
  year: number,
  opts: BlocOptions = {},
): BlocAssignment | null {
  const cov = inp.ideal.covers;
  if (!cov) return null;
  const end = Math.min(year, cov[1]);
  const start = end - (opts.window ?? 5) + 1;
  if (end < cov[0]) return null;
  const rows: { state: string; session: number; theta: number }[] = [];
  for (const [ccode, byYear] of inp.ideal.data) {
    const iso3 = inp.registry.byCcode(ccode)?.iso3;
    if (!iso3) continue;
    for (let y = start; y <= end; y++) {
      const p = byYear.get(y);
      if (p) rows.push({ state: iso3, session: y - 1945, theta: p.ip });
    }
  }
  const table = positionTableFromRows(rows);
  const west = opts.west ?? 'USA',
    east = opts.east ?? 'CHN';
  let assigned;
  try {
    assigned = assignBlocs(table, {
      west,
      east,
      sessions: [start - 1945, end - 1945],
      lower: opts.lower ?? BLOC_CUTS[0],
      upper: opts.upper ?? BLOC_CUTS[1],
    });
  } catch {
    return null;
  }
  const bloc = new Map<string, Exclude<Bloc, 'unclassified'>>();
  const relative = new Map<string, number>();
  const position = new Map<string, number>();
  for (const r of assigned) {
    bloc.set(r.state, r.bloc);
    relative.set(r.state, r.relative);
    position.set(r.state, r.position);
  }
  const poleLeaders = inp.config.poles.map((p) => p.leader);
  const westLeader = inp.config.poles.find((p) => p.id === 'west')?.leader ?? west;
  const eastLeaders = poleLeaders.filter((l) => l !== westLeader);
  const equidistance = new Map<string, number>();
  const pw = position.get(westLeader);
  const pe = eastLeaders.map((l) => position.get(l)).filter((x): x is number => x !== undefined);
  if (pw !== undefined && pe.length) {
    for (const [s, x] of position) {
      const dW = Math.abs(x - pw);
      const dE = Math.min(...pe.map((e) => Math.abs(x - e)));
      equidistance.set(s, dW + dE === 0 ? 1 : 1 - Math.abs(dW - dE) / (dW + dE));
    }
  }
  return {
    bloc,
    relative,
    equidistance,
    position,
    window: [start, end],
    carried: end < year,
    provenance: {
      ...inp.ideal.provenance,
      note:
        `blocs from mean BSV ideal points ${start}–${end} (${west} and ${east} as poles, cut at s ≤ ` +
        `${(opts.lower ?? BLOC_CUTS[0]).toFixed(2)} / s ≥ ${(opts.upper ?? BLOC_CUTS[1]).toFixed(2)}` +
        `)${end < year ? `, carried forward to ${year}` : ''}`,
    },
  };
}
