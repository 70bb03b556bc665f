/**
 * Vote-based bloc definitions (issue 15), beside the ideal-point cut-offs of blocs.ts:
 *
 * - `ukraine-votes`: the General Assembly's Ukraine votes from 2 March 2022 (ES-11/1, "Aggression
 *   against Ukraine") on, the emergency session's resolutions and the Ukraine-titled ones, up to the
 *   year: u = mean over those votes of yes 1, abstain ½, no 0 (absences not counted); west if
 *   u ≥ 0.9, china-russia if u ≤ 0.25, non-aligned between. China and Russia sit with their pole;
 *   a member that voted in those years but on no Ukraine resolution counts as ½ (a chosen absence).
 * - `great-power`: a second dimension, the votes on which the poles split: roll calls in the bloc
 *   window where the USA voted against both Russia and China (one yes, the other two no, abstentions
 *   as ½ apart) and at least a quarter of the votes cast went the USA's way (votes where the USA
 *   stands nearly alone, on Cuba or Israel–Palestine, split North and South rather than the powers).
 *   For a state, agreement with a pole on a vote = 1 − |v − v_pole| (yes 1, abstain ½,
 *   no 0); s = A_W / (A_W + A_E), A_W the mean agreement with the USA and A_E with the nearer of
 *   Russia and China; west if s ≥ 0.6, china-russia if s ≤ 0.4, non-aligned between.
 *
 * Both give the equidistance that the index's alignment factor reads: 1 − |2x − 1| on the
 * dimension (x = u or s), 1 in the middle and 0 at either pole.
 */
import type { Store } from '../../store/store.ts';
import type { FrameworkInputs } from '../inputs.ts';
import type { Provenance } from '../types.ts';
import type { Bloc, BlocAssignment } from './types.ts';

export interface RollCall {
  rcid: string;
  date: string;
  year: number;
  unres: string;
  title: string;
}

export interface VoteRecord {
  rollcalls: RollCall[];
  /** rcid → ccode → 1 yes, 2 abstain, 3 no. */
  votes: Map<string, Map<number, number>>;
  covers: [number, number] | null;
  provenance: Provenance[];
}

const has = async (store: Store, t: string): Promise<boolean> =>
  ((
    await store.query<{ n: number }>(
      `SELECT count(*) AS n FROM information_schema.tables WHERE table_name = $1`,
      [t],
    )
  )[0]?.n ?? 0) > 0;

/**
 * Roll calls and votes from `from` on: Voeten's unvotes tables, and the UN Digital Library votes
 * (unga_recent_*, from 2020) where imported; a resolution in both is read once, from the recent table.
 */
export async function loadVoteRecord(store: Store, from = 2010): Promise<VoteRecord | null> {
  const rollcalls: RollCall[] = [];
  const votes = new Map<string, Map<number, number>>();
  const provenance: Provenance[] = [];
  const seen = new Set<string>();
  const take = async (table: string, votesTable: string, titleCol: string, tag: string, ds: string) => {
    const rc = await store.query<{
      rcid: number;
      d: string;
      y: number;
      unres: string | null;
      t: string | null;
    }>(`SELECT rcid, date::VARCHAR AS d, year AS y, unres, ${titleCol} AS t FROM ${table} WHERE year >= $1`, [
      from,
    ]);
    const mine = new Set<string>();
    for (const r of rc) {
      const unres = (r.unres ?? '').trim();
      if (unres && seen.has(unres)) continue;
      if (unres) seen.add(unres);
      const id = `${tag}${r.rcid}`;
      mine.add(id);
      rollcalls.push({ rcid: id, date: r.d, year: Number(r.y), unres, title: r.t ?? '' });
    }
    const vs = await store.query<{ rcid: number; ccode: number; vote: number }>(
      `SELECT v.rcid, v.ccode, v.vote FROM ${votesTable} v JOIN ${table} r USING (rcid)
       WHERE r.year >= $1 AND v.ccode IS NOT NULL AND v.vote IN (1, 2, 3)`,
      [from],
    );
    for (const v of vs) {
      const id = `${tag}${v.rcid}`;
      if (!mine.has(id)) continue;
      let m = votes.get(id);
      if (!m) votes.set(id, (m = new Map()));
      m.set(Number(v.ccode), Number(v.vote));
    }
    provenance.push({ dataset: ds, rows: vs.length, note: `roll calls from ${from}` });
  };
  // Recent first, so that a resolution in both is read from the publisher's newer record.
  if ((await has(store, 'unga_recent_rollcalls')) && (await has(store, 'unga_recent_votes')))
    await take('unga_recent_rollcalls', 'unga_recent_votes', 'title', 'r', 'unga_votes_recent');
  if ((await has(store, 'unga_rollcalls')) && (await has(store, 'unga_votes')))
    await take('unga_rollcalls', 'unga_votes', 'short', 'v', 'unga_votes');
  if (!rollcalls.length) return null;
  const years = rollcalls.map((r) => r.year);
  return {
    rollcalls,
    votes,
    covers: [Math.min(...years), Math.max(...years)],
    provenance,
  };
}

export type BlocDefinition = 'ideal-points' | 'ukraine-votes' | 'great-power';
export const BLOC_DEFINITIONS: readonly BlocDefinition[] = ['ideal-points', 'ukraine-votes', 'great-power'];

const score = (v: number): number => (v === 1 ? 1 : v === 2 ? 0.5 : 0);

/** A Ukraine vote: the emergency special session on Ukraine, or a resolution naming Ukraine. */
export function isUkraineVote(r: RollCall): boolean {
  return r.date >= '2022-03-01' && (/ES-11\//.test(r.unres) || /ukrain/i.test(r.title));
}

function assignment(
  inp: FrameworkInputs,
  x: Map<string, number>,
  cuts: [number, number],
  window: [number, number],
  year: number,
  provenance: Provenance,
): BlocAssignment {
  const bloc = new Map<string, Exclude<Bloc, 'unclassified'>>();
  const equidistance = new Map<string, number>();
  const leaders = inp.config.poles.map((p) => p.leader);
  const westLeader = inp.config.poles.find((p) => p.id === 'west')?.leader ?? 'USA';
  for (const [s, v] of x) {
    const b = leaders.includes(s)
      ? s === westLeader
        ? 'west'
        : 'china-russia'
      : v >= cuts[1]
        ? 'west'
        : v <= cuts[0]
          ? 'china-russia'
          : 'non-aligned';
    bloc.set(s, b);
    equidistance.set(s, 1 - Math.abs(2 * v - 1));
  }
  return {
    bloc,
    relative: new Map(x),
    equidistance,
    position: new Map(x),
    window,
    carried: window[1] < year,
    provenance,
  };
}

/** Blocs from the Ukraine votes from March 2022 to the end of `year`; null before 2022 or without them. */
export function ukraineBlocs(
  inp: FrameworkInputs,
  record: VoteRecord | null,
  year: number,
): BlocAssignment | null {
  if (!record) return null;
  const calls = record.rollcalls.filter((r) => isUkraineVote(r) && r.year <= year);
  if (!calls.length) return null;
  const sum = new Map<string, { s: number; n: number }>();
  for (const r of calls) {
    for (const [ccode, v] of record.votes.get(r.rcid) ?? []) {
      const iso = inp.registry.byCcode(ccode)?.iso3;
      if (!iso) continue;
      const cur = sum.get(iso) ?? { s: 0, n: 0 };
      cur.s += score(v);
      cur.n += 1;
      sum.set(iso, cur);
    }
  }
  const x = new Map([...sum].map(([s, { s: t, n }]) => [s, t / n] as const));
  // A member that voted in the same years but never on Ukraine chose not to vote (Azerbaijan,
  // Turkmenistan): it sits in the middle, as an abstention would, rather than go unclassified.
  const years = new Set(calls.map((r) => r.year));
  let absent = 0;
  for (const r of record.rollcalls) {
    if (!years.has(r.year)) continue;
    for (const ccode of record.votes.get(r.rcid)?.keys() ?? []) {
      const iso = inp.registry.byCcode(ccode)?.iso3;
      if (iso && !x.has(iso)) {
        x.set(iso, 0.5);
        absent++;
      }
    }
  }
  const last = Math.max(...calls.map((r) => r.year));
  return assignment(inp, x, [0.25, 0.9], [2022, last], year, {
    ...record.provenance[0],
    note:
      `blocs from ${calls.length} General Assembly votes on Ukraine, 2 March 2022 (ES-11/1) to ${last}` +
      ` (yes 1, abstain ½, no 0; west ≥ 0.9, china-russia ≤ 0.25); ${absent} members that voted that year` +
      ` but never on Ukraine counted as ½${last < year ? `, carried to ${year}` : ''}`,
  });
}

/**
 * Blocs on the great-power dimension: roll calls in the window `year − window + 1 … year` on which
 * the USA voted against both Russia and China.
 */
export function greatPowerBlocs(
  inp: FrameworkInputs,
  record: VoteRecord | null,
  year: number,
  window = 5,
): BlocAssignment | null {
  if (!record?.covers) return null;
  const end = Math.min(year, record.covers[1]);
  const start = end - window + 1;
  const cc = (iso: string): number | undefined => inp.registry.byIso3(iso)?.ccode;
  const usa = cc('USA'),
    rus = cc('RUS'),
    chn = cc('CHN');
  if (usa === undefined || rus === undefined || chn === undefined) return null;
  const agreeW = new Map<string, { s: number; n: number }>();
  const agreeR = new Map<string, { s: number; n: number }>();
  const agreeC = new Map<string, { s: number; n: number }>();
  let used = 0;
  const add = (m: Map<string, { s: number; n: number }>, k: string, a: number) => {
    const cur = m.get(k) ?? { s: 0, n: 0 };
    cur.s += a;
    cur.n += 1;
    m.set(k, cur);
  };
  for (const r of record.rollcalls) {
    if (r.year < start || r.year > end) continue;
    const vs = record.votes.get(r.rcid);
    const w = vs?.get(usa),
      e1 = vs?.get(rus),
      e2 = vs?.get(chn);
    if (!vs || w === undefined || e1 === undefined || e2 === undefined) continue;
    const vw = score(w),
      vr = score(e1),
      vc = score(e2);
    if (Math.abs(vw - vr) < 1 || Math.abs(vw - vc) < 0.5) continue;
    // Not a vote on which the USA stands nearly alone (Cuba, Israel–Palestine): those split North and
    // South, not the great powers. At least a quarter of the votes cast must go the USA's way.
    let withUsa = 0;
    for (const v of vs.values()) if (score(v) === vw) withUsa++;
    if (withUsa < 0.25 * vs.size) continue;
    used++;
    for (const [ccode, v] of vs) {
      const iso = inp.registry.byCcode(ccode)?.iso3;
      if (!iso) continue;
      const x = score(v);
      add(agreeW, iso, 1 - Math.abs(x - vw));
      add(agreeR, iso, 1 - Math.abs(x - vr));
      add(agreeC, iso, 1 - Math.abs(x - vc));
    }
  }
  if (used < 5) return null;
  const x = new Map<string, number>();
  for (const [s, a] of agreeW) {
    const aw = a.s / a.n;
    const ae = Math.max(agreeR.get(s)!.s / a.n, agreeC.get(s)!.s / a.n);
    x.set(s, aw + ae > 0 ? aw / (aw + ae) : 0.5);
  }
  return assignment(inp, x, [0.4, 0.6], [start, end], year, {
    dataset: record.provenance.map((p) => p.dataset).join('+'),
    note:
      `blocs on the great-power dimension: ${used} roll calls ${start}–${end} where the USA voted against ` +
      'Russia and China; s = agreement with the USA / ' +
      '(with the USA + with the nearer of Russia and China); ' +
      `west ≥ 0.6, china-russia ≤ 0.4${end < year ? `, carried to ${year}` : ''}`,
  });
}
