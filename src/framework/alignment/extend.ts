import type { StateRegistry } from '../../states/registry.ts';
import type { Store } from '../../store/store.ts';
import type { Provenance } from '../types.ts';
import { ownIdealPoints, type OwnFit } from './cache.ts';
import { positionTableFromRows, type PositionTable } from './poles.ts';
import { datasetProvenance, loadStoreVotes, stateKey, type StoreBsv, type StoreVotes } from './store.ts';

/**
 * The framework's ideal points past the end of BSV's published file. BSV's estimates are used
 * wherever they exist; for the sessions after their last one, our own estimates (fitted on every
 * session of the joined voting record, ./reconcile.ts) are put on BSV's scale by a linear map
 * θ_bsv ≈ a + b·θ_own, fitted by least squares on the state-sessions of the last `MAP_SESSIONS`
 * sessions both cover. Every extended point carries its own provenance (run, map, fit quality), so a
 * state-year always says which source it used.
 */
export const MAP_SESSIONS = 10;

/** The shapes of ../inputs.ts's ideal-point input, restated here so that module can call this one. */
type IdealPoint = { ip: number; lo: number; hi: number; votes: number; source?: Provenance };
interface DatasetInput<T> {
  data: T;
  covers: [number, number] | null;
  provenance: Provenance;
}

export interface ScaleMap {
  a: number;
  b: number;
  /** Correlation and residual SD of the map on the overlap. */
  r: number;
  rmse: number;
  n: number;
  sessions: [number, number];
}

/** Least-squares map of `own` onto `bsv` over paired values. */
export function fitScaleMap(own: number[], bsv: number[], sessions: [number, number]): ScaleMap {
  const n = own.length;
  if (n < 3) throw new Error(`scale map: ${n} paired state-sessions, need at least 3`);
  const mx = own.reduce((s, x) => s + x, 0) / n,
    my = bsv.reduce((s, y) => s + y, 0) / n;
  let sxx = 0,
    sxy = 0,
    syy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (own[i]! - mx) ** 2;
    sxy += (own[i]! - mx) * (bsv[i]! - my);
    syy += (bsv[i]! - my) ** 2;
  }
  const b = sxy / sxx,
    a = my - b * mx;
  let rss = 0;
  for (let i = 0; i < n; i++) rss += (bsv[i]! - a - b * own[i]!) ** 2;
  return { a, b, r: sxy / Math.sqrt(sxx * syy), rmse: Math.sqrt(rss / Math.max(1, n - 2)), n, sessions };
}

/** The map of a fit onto published points (ccode → year → point, year = 1945 + session). */
export function scaleMapOf(fit: OwnFit, published: Map<number, Map<number, IdealPoint>>): ScaleMap {
  let last = 0;
  for (const years of published.values()) for (const y of years.keys()) last = Math.max(last, y - 1945);
  const first = last - MAP_SESSIONS + 1;
  const own: number[] = [],
    bsv: number[] = [];
  for (const p of fit.points) {
    if (p.session < first || p.session > last) continue;
    const q = published.get(p.ccode)?.get(1945 + p.session);
    if (q && !q.source) {
      own.push(p.theta);
      bsv.push(q.ip);
    }
  }
  return fitScaleMap(own, bsv, [first, last]);
}

export interface Extension {
  map: ScaleMap;
  years: [number, number];
  points: number;
  provenance: Provenance;
}

/**
 * Adds our mapped estimates to `ideal` for the years after its last published one (from `fromYear`),
 * and widens its coverage. Does nothing when BSV's file or the votes are not imported, or when the votes
 * end where BSV's file does. The first call on a store fits the whole record (tens of seconds); the fit
 * is then cached in the store (./cache.ts).
 */
export async function extendIdealPoints(
  store: Store,
  _registry: StateRegistry,
  ideal: DatasetInput<Map<number, Map<number, IdealPoint>>>,
  fromYear: number,
): Promise<Extension | null> {
  if (!ideal.covers || ideal.data.size === 0) return null;
  const votes = await loadStoreVotes(store);
  if (!votes) return null;
  const lastPublished = ideal.covers[1];
  const lastVoteYear = votes.data.rollcalls.reduce((m, r) => Math.max(m, 1945 + r.session), 0);
  if (lastVoteYear <= lastPublished) return null;
  const fit = await ownIdealPoints(store, votes, 'all');
  const map = scaleMapOf(fit, ideal.data);
  const data = datasetProvenance(votes.loads);
  const provenance: Provenance = {
    dataset: [...new Set(votes.loads.map((l) => l.dataset))].join(' + '),
    version: data?.version ?? '',
    sha256: votes.loads.map((l) => l.sha256.slice(0, 12)).join(', '),
    rows: fit.run.votes,
    covers: [1946, lastVoteYear],
    note:
      `our ideal points (${fit.run.method}; run ${fit.run.key.slice(0, 12)}), put on BSV's scale by ` +
      `θ = ${map.a.toFixed(3)} + ${map.b.toFixed(3)}·θ_own, fitted on sessions ${map.sessions[0]}–` +
      `${map.sessions[1]} (${map.n} state-sessions, r = ${map.r.toFixed(3)}, ` +
      `residual SD ${map.rmse.toFixed(3)})`,
  };
  let points = 0,
    y1 = lastPublished;
  for (const p of fit.points) {
    if (p.year <= lastPublished || p.year < fromYear) continue;
    let years = ideal.data.get(p.ccode);
    if (!years) ideal.data.set(p.ccode, (years = new Map()));
    years.set(p.year, {
      ip: map.a + map.b * p.theta,
      lo: map.a + map.b * (map.b >= 0 ? p.lo : p.hi),
      hi: map.a + map.b * (map.b >= 0 ? p.hi : p.lo),
      votes: p.nVotes,
      source: provenance,
    });
    points++;
    y1 = Math.max(y1, p.year);
  }
  ideal.covers = [ideal.covers[0], y1];
  const span = `${lastPublished + 1}–${y1}`;
  ideal.provenance = {
    ...ideal.provenance,
    covers: [ideal.covers[0], y1],
    note: `BSV's published ideal points to ${lastPublished}; ${span}: ${provenance.note}`,
  };
  return { map, years: [lastPublished + 1, y1], points, provenance };
}

/** `extendIdealPoints` returning the input itself, for the one-line call in ../inputs.ts. */
export async function withOwnIdealPoints(
  store: Store,
  registry: StateRegistry,
  ideal: DatasetInput<Map<number, Map<number, IdealPoint>>>,
  fromYear: number,
): Promise<DatasetInput<Map<number, Map<number, IdealPoint>>>> {
  await extendIdealPoints(store, registry, ideal, fromYear);
  return ideal;
}

/**
 * BSV's published positions continued with ours, mapped as above, for the sessions after BSV's last
 * (the alignment profile's default source), or null when the votes end where BSV's file does.
 */
export async function bsvContinued(
  store: Store,
  votes: StoreVotes,
  bsv: StoreBsv,
): Promise<{
  table: PositionTable;
  interval: (ccode: number, session: number) => [number, number] | null;
  sessions: [number, number];
  map: ScaleMap;
  provenance: Record<string, unknown>;
} | null> {
  const lastBsv = bsv.rows.reduce((m, r) => Math.max(m, r.session), 0);
  const lastVote = votes.data.rollcalls.reduce((m, r) => Math.max(m, r.session), 0);
  if (lastVote <= lastBsv) return null;
  const fit = await ownIdealPoints(store, votes, 'all');
  const published = new Map<number, Map<number, IdealPoint>>();
  for (const r of bsv.rows) {
    let m = published.get(r.ccode);
    if (!m) published.set(r.ccode, (m = new Map()));
    m.set(r.year, { ip: r.theta, lo: r.lo ?? r.theta, hi: r.hi ?? r.theta, votes: r.nVotes ?? 0 });
  }
  const map = scaleMapOf(fit, published);
  const after = fit.points.filter((p) => p.session > lastBsv);
  const mapped = new Map(
    after.map((p) => {
      const [lo, hi] = [map.a + map.b * p.lo, map.a + map.b * p.hi];
      return [`${p.ccode}|${p.session}`, [Math.min(lo, hi), Math.max(lo, hi)] as [number, number]];
    }),
  );
  return {
    table: positionTableFromRows([
      ...bsv.rows.map((r) => ({ state: stateKey(r.ccode), session: r.session, theta: r.theta, sd: r.sd })),
      ...after.map((p) => ({
        state: stateKey(p.ccode),
        session: p.session,
        theta: map.a + map.b * p.theta,
        sd: Math.abs(map.b) * p.sd,
      })),
    ]),
    interval: (ccode, session) => mapped.get(`${ccode}|${session}`) ?? null,
    sessions: [lastBsv + 1, lastVote],
    map,
    provenance: {
      sessions: [lastBsv + 1, lastVote],
      source: 'own, mapped to BSV scale',
      run: fit.run.key.slice(0, 16),
      method: fit.run.method,
      map: {
        a: map.a,
        b: map.b,
        r: map.r,
        residual_sd: map.rmse,
        n: map.n,
        fitted_on_sessions: map.sessions,
      },
    },
  };
}
