import { qnorm } from './normal.ts';
import { BSV_FILTER, selectVotes, type VoteFilter } from './subset.ts';
import type { RollCall, VoteData } from './types.ts';

/**
 * The ideal-point estimation problem shared by both estimators (posterior mode and Gibbs sampler):
 * the selected votes as flat arrays, items after bridging and the unanimity cut, state-session units,
 * and the parameter helpers both need (start values, standardisation, orientation).
 */
export interface ProblemOptions {
  /**
   * Roll-call / state selection; default BSV's filters (session 19 out, amendment and paragraph votes after
   * 1989 out).
   */
  filter?: VoteFilter;
  /**
   * Share item parameters between roll calls with the same bridging key (`resid`, or `matches` when given).
   * Default false.
   */
  bridge?: boolean;
  /**
   * Pairs of roll calls (rcid, rcid) of identical resolutions, as in BSV's `Matches.csv`; chains are
   * collapsed to
   * their earliest roll call as BSV do. When given they replace the text-derived keys and imply `bridge`.
   */
  matches?: readonly (readonly [number, number])[];
  /**
   * Drop items whose votes outside the modal category number fewer than this (default 1: only unanimous items
   * go).
   */
  minMinority?: number;
}

/** The estimation problem in flat arrays: observations sorted by item and, separately, by unit. */
export interface Problem {
  nItems: number;
  nUnits: number;
  unitState: Int32Array;
  unitSession: Int32Array;
  /** Units of state-trajectory k are stateStart[k] .. stateStart[k+1]-1. */
  stateStart: Int32Array;
  /** Sessions elapsed since the unit's previous unit (0 for a state's first unit). */
  gap: Int32Array;
  itemStart: Int32Array;
  itemUnit: Int32Array;
  itemY: Int8Array;
  unitStart: Int32Array;
  unitItem: Int32Array;
  unitY: Int8Array;
  /** Unit-major position of the observation stored at each item-major position. */
  itemToUnitPos: Int32Array;
  /** Category counts per item: yes, abstain, no. */
  counts: Int32Array;
  rollcallRcid: Int32Array;
  rollcallItem: Int32Array;
  nObs: number;
  nRollcalls: number;
}

/**
 * Bridging keys from pairs of identical roll calls, collapsed as BSV's UN_DataProcessing.R does: for
 * each later roll call (highest first) every roll call labelled with it takes the label of its earliest
 * partner, so a chain a–b–c ends with one label, a.
 */
export function matchKeys(pairs: readonly (readonly [number, number])[]): Map<number, string> {
  const earliest = new Map<number, number>();
  for (const [a, b] of pairs) earliest.set(b, Math.min(earliest.get(b) ?? Infinity, a));
  const members = new Map<number, number[]>();
  for (const [a, b] of pairs) for (const id of [a, b]) if (!members.has(id)) members.set(id, [id]);
  for (const b of [...earliest.keys()].sort((x, y) => y - x)) {
    const to = earliest.get(b)!;
    const moving = members.get(b)!;
    if (to === b || moving.length === 0) continue;
    members.get(to)!.push(...moving);
    members.set(b, []);
  }
  const keys = new Map<number, string>();
  for (const [label, ids] of members)
    if (ids.length > 1) for (const id of ids) keys.set(id, `match:${label}`);
  return keys;
}

export function buildProblem(data: VoteData, opts: ProblemOptions): Problem {
  const d = selectVotes(data, opts.filter ?? BSV_FILTER);
  const R = d.rollcalls.length;
  // Bridge only keys that are unambiguous inside each session: a title voted twice in one session
  // (e.g. parts A and B) cannot be told apart from its namesake next year.
  const rollItem = new Int32Array(R).fill(-1);
  const matched = opts.matches ? matchKeys(opts.matches) : null;
  const bridge = matched !== null || (opts.bridge ?? false);
  const keyOf = (rc: RollCall): string | null | undefined => (matched ? matched.get(rc.rcid) : rc.resid);
  const perSession = new Map<string, number>();
  const sessionKey = (rc: RollCall): string => `${rc.session}\u0000${keyOf(rc)}`;
  if (bridge)
    for (const rc of d.rollcalls)
      if (keyOf(rc)) perSession.set(sessionKey(rc), (perSession.get(sessionKey(rc)) ?? 0) + 1);
  const keyItem = new Map<string, number>();
  let nItemsRaw = 0;
  d.rollcalls.forEach((rc, r) => {
    const key = bridge ? keyOf(rc) : null;
    if (key && perSession.get(sessionKey(rc)) === 1) {
      let it = keyItem.get(key);
      if (it === undefined) keyItem.set(key, (it = nItemsRaw++));
      rollItem[r] = it;
    } else rollItem[r] = nItemsRaw++;
  });
  // Unanimity is judged on the bridged item, as BSV do.
  const rawCounts = new Int32Array(nItemsRaw * 3);
  for (let k = 0; k < d.vote.length; k++) rawCounts[rollItem[d.voteRollcall[k]!]! * 3 + d.vote[k]! - 1]!++;
  const minMinority = opts.minMinority ?? 1;
  const itemMap = new Int32Array(nItemsRaw).fill(-1);
  let nItems = 0;
  for (let j = 0; j < nItemsRaw; j++) {
    const a = rawCounts[j * 3]!,
      b = rawCounts[j * 3 + 1]!,
      c = rawCounts[j * 3 + 2]!;
    if (a + b + c - Math.max(a, b, c) >= minMinority && a + b + c - Math.max(a, b, c) > 0)
      itemMap[j] = nItems++;
  }
  const rollcallItem = new Int32Array(R);
  for (let r = 0; r < R; r++) rollcallItem[r] = itemMap[rollItem[r]!]!;

  // Units: (state, session) pairs with a retained vote, ordered by state then session.
  const keep: number[] = [];
  for (let k = 0; k < d.vote.length; k++) if (rollcallItem[d.voteRollcall[k]!]! >= 0) keep.push(k);
  const unitKey = new Map<number, number>();
  const maxSession = d.rollcalls.reduce((m, rc) => Math.max(m, rc.session), 0) + 1;
  for (const k of keep)
    unitKey.set(d.voteState[k]! * maxSession + d.rollcalls[d.voteRollcall[k]!]!.session, 0);
  const keys = [...unitKey.keys()].sort((x, y) => x - y);
  keys.forEach((key, i) => unitKey.set(key, i));
  const nUnits = keys.length;
  const unitState = new Int32Array(nUnits),
    unitSession = new Int32Array(nUnits),
    gap = new Int32Array(nUnits);
  const starts: number[] = [];
  keys.forEach((key, i) => {
    unitState[i] = Math.floor(key / maxSession);
    unitSession[i] = key % maxSession;
    if (i === 0 || unitState[i - 1] !== unitState[i]) {
      starts.push(i);
      gap[i] = 0;
    } else gap[i] = unitSession[i]! - unitSession[i - 1]!;
  });
  starts.push(nUnits);

  const nObs = keep.length;
  const obsItem = new Int32Array(nObs),
    obsUnit = new Int32Array(nObs),
    obsY = new Int8Array(nObs);
  keep.forEach((k, o) => {
    obsItem[o] = rollcallItem[d.voteRollcall[k]!]!;
    obsUnit[o] = unitKey.get(d.voteState[k]! * maxSession + d.rollcalls[d.voteRollcall[k]!]!.session)!;
    obsY[o] = d.vote[k]! - 1;
  });
  const csr = (
    n: number,
    key: Int32Array,
    other: Int32Array,
  ): [Int32Array, Int32Array, Int8Array, Int32Array] => {
    const start = new Int32Array(n + 1);
    for (let o = 0; o < nObs; o++) start[key[o]! + 1]!++;
    for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
    const fill = start.slice(0, n);
    const oth = new Int32Array(nObs),
      y = new Int8Array(nObs),
      at = new Int32Array(nObs);
    for (let o = 0; o < nObs; o++) {
      const p = fill[key[o]!]!++;
      oth[p] = other[o]!;
      y[p] = obsY[o]!;
      at[o] = p;
    }
    return [start, oth, y, at];
  };
  const [itemStart, itemUnit, itemY, itemPos] = csr(nItems, obsItem, obsUnit);
  const [unitStart, unitItem, unitY, unitPos] = csr(nUnits, obsUnit, obsItem);
  const itemToUnitPos = new Int32Array(nObs);
  for (let o = 0; o < nObs; o++) itemToUnitPos[itemPos[o]!] = unitPos[o]!;
  const counts = new Int32Array(nItems * 3);
  for (let o = 0; o < nObs; o++) counts[obsItem[o]! * 3 + obsY[o]!]!++;
  return {
    nItems,
    nUnits,
    unitState,
    unitSession,
    stateStart: Int32Array.from(starts),
    gap,
    itemStart,
    itemUnit,
    itemY,
    unitStart,
    unitItem,
    unitY,
    itemToUnitPos,
    counts,
    rollcallRcid: Int32Array.from(d.rollcalls.map((rc) => rc.rcid)),
    rollcallItem,
    nObs,
    nRollcalls: R,
  };
}

/** Mutable parameter state of one fit. */
export interface Params {
  theta: Float64Array;
  beta: Float64Array;
  c1: Float64Array;
  c2: Float64Array;
}

/** Mean 0, SD 1 over all state-sessions; items transformed so that every β θ − c is unchanged. */
export function standardise(p: Problem, par: Params): void {
  const { theta, beta, c1, c2 } = par;
  let m = 0;
  for (let u = 0; u < p.nUnits; u++) m += theta[u]!;
  m /= p.nUnits;
  let v = 0;
  for (let u = 0; u < p.nUnits; u++) v += (theta[u]! - m) ** 2;
  const sd = Math.sqrt(v / p.nUnits) || 1;
  for (let u = 0; u < p.nUnits; u++) theta[u] = (theta[u]! - m) / sd;
  for (let j = 0; j < p.nItems; j++) {
    c1[j] = c1[j]! - beta[j]! * m;
    c2[j] = c2[j]! - beta[j]! * m;
    beta[j] = beta[j]! * sd;
  }
}

/**
 * Starting values: item polarity from a pivot state's vote (as BSV do with the US/UK), cutpoints from the
 * margins.
 */
export function startValues(p: Problem, states: string[], orient: string[]): Params {
  const theta = new Float64Array(p.nUnits),
    beta = new Float64Array(p.nItems),
    c1 = new Float64Array(p.nItems),
    c2 = new Float64Array(p.nItems);
  let pivot = orientIndex(p, states, orient);
  if (pivot < 0) {
    const votes = new Int32Array(states.length);
    for (let u = 0; u < p.nUnits; u++) votes[p.unitState[u]!]! += p.unitStart[u + 1]! - p.unitStart[u]!;
    pivot = votes.indexOf(Math.max(...votes));
  }
  for (let u = 0; u < p.nUnits; u++) {
    if (p.unitState[u] !== pivot) continue;
    for (let q = p.unitStart[u]!; q < p.unitStart[u + 1]!; q++) {
      const y = p.unitY[q]!;
      beta[p.unitItem[q]!] = y === 2 ? 1 : y === 0 ? -1 : 0;
    }
  }
  for (let j = 0; j < p.nItems; j++) {
    const a = p.counts[j * 3]!,
      b = p.counts[j * 3 + 1]!,
      c = p.counts[j * 3 + 2]!,
      n = a + b + c;
    c1[j] = qnorm((a + 0.5) / (n + 1.5));
    c2[j] = b === 0 ? c1[j]! : Math.max(qnorm((a + b + 1) / (n + 1.5)), c1[j]! + 0.01);
  }
  // A unit's start is its mean signed deviation from each item's average vote.
  const mean = new Float64Array(p.nItems);
  for (let j = 0; j < p.nItems; j++) {
    const n = p.counts[j * 3]! + p.counts[j * 3 + 1]! + p.counts[j * 3 + 2]!;
    mean[j] = (p.counts[j * 3 + 1]! + 2 * p.counts[j * 3 + 2]!) / n;
  }
  for (let u = 0; u < p.nUnits; u++) {
    let s = 0,
      n = 0;
    for (let q = p.unitStart[u]!; q < p.unitStart[u + 1]!; q++) {
      const j = p.unitItem[q]!;
      if (beta[j] === 0) continue;
      s += beta[j]! * (p.unitY[q]! - mean[j]!);
      n++;
    }
    theta[u] = n > 0 ? s / n : 0;
  }
  const par = { theta, beta, c1, c2 };
  standardise(p, par);
  return par;
}

/** Index of the orientation state: the first identifier in `orient` that has votes in the problem, or −1. */
export function orientIndex(p: Problem, states: string[], orient: string[]): number {
  for (const id of orient) {
    const i = states.indexOf(id);
    if (i >= 0 && p.unitState.includes(i)) return i;
  }
  return -1;
}

/** Flips the scale if the orientation state's mean position is negative. */
export function orientParams(p: Problem, par: Params, ref: number): void {
  if (ref < 0) return;
  let s = 0;
  for (let u = 0; u < p.nUnits; u++) if (p.unitState[u] === ref) s += par.theta[u]!;
  if (s >= 0) return;
  for (let u = 0; u < p.nUnits; u++) par.theta[u] = -par.theta[u]!;
  for (let j = 0; j < p.nItems; j++) par.beta[j] = -par.beta[j]!;
}
