import { selectVotes, type VoteFilter } from './subset.ts';
import type { VoteData } from './types.ts';

export interface AgreementOptions {
  /** Aggregate by UNGA session (default) or by calendar year of the vote. */
  by?: 'session' | 'year';
  filter?: VoteFilter;
  /**
   * Drop roll calls on which every recorded vote is the same (default true, as in Voeten's
   * DyadicAgreementScores.R): they carry no information about who agrees with whom.
   */
  dropUnanimous?: boolean;
}

/** Agreement of every dyad (a < b) that voted together at least once, per period. */
export interface DyadAgreement {
  states: string[];
  by: 'session' | 'year';
  period: Int32Array;
  a: Int32Array;
  b: Int32Array;
  /** Mean of 1 − |v1 − v2| / 2 over joint votes (yes–abstain counts ½, yes–no 0). */
  agree: Float64Array;
  /** Share of joint votes on which both cast the identical vote. */
  identical: Float64Array;
  /** Joint votes (both states voted yes, abstain or no). */
  n: Int32Array;
}

export interface PairAgreement {
  period: number;
  agree: number;
  identical: number;
  n: number;
}

interface PeriodBlock {
  period: number;
  /** Dense state × roll-call matrix, 0 = did not vote. Row `s` belongs to `stateIds[s]`. */
  m: Int8Array;
  nrc: number;
  stateIds: Int32Array;
}

/** Splits the (filtered) record into dense per-period blocks, dropping unanimous roll calls. */
function blocks(data: VoteData, opts: AgreementOptions): PeriodBlock[] {
  const d = opts.filter ? selectVotes(data, opts.filter) : data;
  const by = opts.by ?? 'session';
  const dropUnanimous = opts.dropUnanimous ?? true;
  const nrcAll = d.rollcalls.length;
  const seen = new Uint8Array(nrcAll * 4);
  for (let k = 0; k < d.vote.length; k++) seen[d.voteRollcall[k]! * 4 + d.vote[k]!] = 1;
  const keep = new Uint8Array(nrcAll);
  for (let r = 0; r < nrcAll; r++) {
    const kinds = seen[r * 4 + 1]! + seen[r * 4 + 2]! + seen[r * 4 + 3]!;
    keep[r] = kinds >= (dropUnanimous ? 2 : 1) ? 1 : 0;
  }
  const periodOf = (r: number): number => (by === 'session' ? d.rollcalls[r]!.session : d.rollcalls[r]!.year);
  const byPeriod = new Map<number, number[]>();
  for (let r = 0; r < nrcAll; r++) {
    if (!keep[r]) continue;
    const p = periodOf(r);
    let list = byPeriod.get(p);
    if (!list) byPeriod.set(p, (list = []));
    list.push(r);
  }
  // Votes grouped by roll call once, so each block is filled in one pass over its own votes.
  const start = new Int32Array(nrcAll + 1);
  for (let k = 0; k < d.vote.length; k++) start[d.voteRollcall[k]! + 1]!++;
  for (let r = 0; r < nrcAll; r++) start[r + 1]! += start[r]!;
  const fill = start.slice(0, nrcAll);
  const order = new Int32Array(d.vote.length);
  for (let k = 0; k < d.vote.length; k++) order[fill[d.voteRollcall[k]!]!++] = k;

  const out: PeriodBlock[] = [];
  const local = new Int32Array(d.states.length);
  for (const [period, rcs] of [...byPeriod].sort((x, y) => x[0] - y[0])) {
    local.fill(-1);
    const ids: number[] = [];
    for (const r of rcs) {
      for (let q = start[r]!; q < start[r + 1]!; q++) {
        const s = d.voteState[order[q]!]!;
        if (local[s]! < 0) {
          local[s] = ids.length;
          ids.push(s);
        }
      }
    }
    const nrc = rcs.length;
    const m = new Int8Array(ids.length * nrc);
    rcs.forEach((r, j) => {
      for (let q = start[r]!; q < start[r + 1]!; q++) {
        const k = order[q]!;
        m[local[d.voteState[k]!]! * nrc + j] = d.vote[k]!;
      }
    });
    out.push({ period, m, nrc, stateIds: Int32Array.from(ids) });
  }
  return out;
}

/**
 * Agreement of every pair of states in every period. All dyads × all sessions of 1946–2020 take well under a
 * second.
 */
export function agreementAll(data: VoteData, opts: AgreementOptions = {}): DyadAgreement {
  const bl = blocks(data, opts);
  let cap = 0;
  for (const b of bl) cap += (b.stateIds.length * (b.stateIds.length - 1)) / 2;
  const period = new Int32Array(cap),
    a = new Int32Array(cap),
    bb = new Int32Array(cap);
  const agree = new Float64Array(cap),
    identical = new Float64Array(cap),
    n = new Int32Array(cap);
  let o = 0;
  for (const b of bl) {
    const S = b.stateIds.length,
      R = b.nrc,
      m = b.m;
    for (let i = 0; i < S; i++) {
      const oi = i * R;
      for (let j = i + 1; j < S; j++) {
        const oj = j * R;
        let cnt = 0,
          dist = 0,
          same = 0;
        for (let r = 0; r < R; r++) {
          const x = m[oi + r]!,
            y = m[oj + r]!;
          if (x !== 0 && y !== 0) {
            cnt++;
            const diff = x - y;
            if (diff === 0) same++;
            else dist += diff < 0 ? -diff : diff;
          }
        }
        if (cnt === 0) continue;
        const si = b.stateIds[i]!,
          sj = b.stateIds[j]!;
        period[o] = b.period;
        a[o] = si < sj ? si : sj;
        bb[o] = si < sj ? sj : si;
        agree[o] = 1 - dist / (2 * cnt);
        identical[o] = same / cnt;
        n[o] = cnt;
        o++;
      }
    }
  }
  return {
    states: data.states,
    by: opts.by ?? 'session',
    period: period.slice(0, o),
    a: a.slice(0, o),
    b: bb.slice(0, o),
    agree: agree.slice(0, o),
    identical: identical.slice(0, o),
    n: n.slice(0, o),
  };
}

/** Agreement of one pair of states, per period in which both voted. */
export function agreementPair(
  data: VoteData,
  s1: string,
  s2: string,
  opts: AgreementOptions = {},
): PairAgreement[] {
  const i1 = data.states.indexOf(s1),
    i2 = data.states.indexOf(s2);
  if (i1 < 0 || i2 < 0) throw new Error(`unknown state '${i1 < 0 ? s1 : s2}'`);
  return agreementWith(data, s2, opts)
    .filter((r) => r.state === i1)
    .map(({ period, agree, identical, n }) => ({ period, agree, identical, n }));
}

/** Every state's agreement with one reference state per period (like BSV's `USAgree` columns). */
export function agreementWith(
  data: VoteData,
  ref: string,
  opts: AgreementOptions = {},
): (PairAgreement & { state: number })[] {
  const refIdx = data.states.indexOf(ref);
  if (refIdx < 0) throw new Error(`unknown state '${ref}'`);
  const out: (PairAgreement & { state: number })[] = [];
  for (const b of blocks(data, opts)) {
    const R = b.nrc,
      m = b.m;
    const ri = b.stateIds.indexOf(refIdx);
    if (ri < 0) continue;
    const or = ri * R;
    for (let i = 0; i < b.stateIds.length; i++) {
      const oi = i * R;
      let cnt = 0,
        dist = 0,
        same = 0;
      for (let r = 0; r < R; r++) {
        const x = m[oi + r]!,
          y = m[or + r]!;
        if (x !== 0 && y !== 0) {
          cnt++;
          const diff = x - y;
          if (diff === 0) same++;
          else dist += diff < 0 ? -diff : diff;
        }
      }
      if (cnt > 0)
        out.push({
          state: b.stateIds[i]!,
          period: b.period,
          agree: 1 - dist / (2 * cnt),
          identical: same / cnt,
          n: cnt,
        });
    }
  }
  return out;
}
