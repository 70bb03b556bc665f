import type { IssueCode, RollCall, VoteData } from '../../src/framework/alignment/types.ts';

export { pearson } from '../../src/framework/stats.ts';

/** Builds a VoteData from readable rows: [state, rcid, vote]. */
export function voteData(
  states: string[],
  rollcalls: RollCall[],
  votes: [string, number, 1 | 2 | 3][],
): VoteData {
  const rcIndex = new Map(rollcalls.map((rc, i) => [rc.rcid, i]));
  return {
    states,
    rollcalls,
    voteState: Int32Array.from(votes, ([s]) => states.indexOf(s)),
    voteRollcall: Int32Array.from(votes, ([, r]) => rcIndex.get(r)!),
    vote: Int8Array.from(votes, ([, , v]) => v),
  };
}

export function rc(
  rcid: number,
  session: number,
  year: number,
  issues: IssueCode[] = [],
  important = false,
  extra: Partial<RollCall> = {},
): RollCall {
  return { rcid, session, year, issues, important, ...extra };
}

/** Seeded uniform and normal draws for simulations. */
export function prng(seed: number): { u: () => number; n: () => number } {
  let a = seed >>> 0;
  const u = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 1) / 4294967297;
  };
  return { u, n: () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u()) };
}

export interface Simulation {
  data: VoteData;
  truth: Map<string, number>;
}

/**
 * Dynamic ordinal votes: states follow Gaussian random walks; each session has fresh items plus
 * some resolutions repeated from the previous session (same resid, same parameters).
 */
export function simulateDynamic(opts: {
  states: number;
  sessions: number;
  itemsPerSession: number;
  repeatShare: number;
  rwSd: number;
  absent: number;
  seed: number;
}): Simulation {
  const r = prng(opts.seed);
  const states = Array.from({ length: opts.states }, (_, i) => `S${i}`);
  const theta = states.map(() => r.n());
  const truth = new Map<string, number>();
  const rollcalls: RollCall[] = [];
  const votes: [string, number, 1 | 2 | 3][] = [];
  let prevItems: { beta: number; c1: number; c2: number; resid: string }[] = [];
  let rcid = 1;
  for (let s = 1; s <= opts.sessions; s++) {
    if (s > 1) for (let i = 0; i < theta.length; i++) theta[i] = theta[i]! + opts.rwSd * r.n();
    states.forEach((st, i) => truth.set(`${st}|${s}`, theta[i]!));
    const items: typeof prevItems = [];
    for (let k = 0; k < opts.itemsPerSession; k++) {
      const repeat = prevItems.length > 0 && r.u() < opts.repeatShare;
      const it = repeat
        ? prevItems[Math.floor(r.u() * prevItems.length)]!
        : (() => {
            const c1 = 0.8 * r.n() - 0.5;
            return {
              beta: (r.u() < 0.5 ? -1 : 1) * (0.7 + 1.5 * r.u()),
              c1,
              c2: c1 + 0.2 + 0.8 * r.u(),
              resid: `res-${s}-${k}`,
            };
          })();
      if (items.some((x) => x.resid === it.resid)) continue;
      items.push(it);
      rollcalls.push({
        rcid,
        session: s,
        year: 1945 + s,
        issues: k % 2 === 0 ? ['hr'] : ['ec'],
        important: k % 5 === 0,
        resid: it.resid,
      });
      states.forEach((st, i) => {
        if (r.u() < opts.absent) return;
        const ystar = it.beta * theta[i]! + r.n();
        votes.push([st, rcid, ystar < it.c1 ? 1 : ystar < it.c2 ? 2 : 3]);
      });
      rcid++;
    }
    prevItems = items;
  }
  const rcIndex = new Map(rollcalls.map((x, i) => [x.rcid, i]));
  return {
    data: {
      states,
      rollcalls,
      voteState: Int32Array.from(votes, ([st]) => states.indexOf(st)),
      voteRollcall: Int32Array.from(votes, ([, id]) => rcIndex.get(id)!),
      vote: Int8Array.from(votes, ([, , v]) => v),
    },
    truth,
  };
}
