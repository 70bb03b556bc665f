import { createHash } from 'node:crypto';
import type { Store } from '../../store/store.ts';
import { estimateIdealPointsOffThread } from './fit-thread.ts';
import type { IdealPointOptions } from './idealpoints.ts';
import { positionTableFromRows, type PositionTable } from './poles.ts';
import { stateKey, type StoreVotes } from './store.ts';
import { BSV_FILTER, type VoteFilter } from './subset.ts';
import type { IssueSelector } from './types.ts';

/**
 * Our estimator's ideal points on the store's votes, fitted once per (voting record, selection)
 * and kept in `alignment_fit_runs` / `alignment_fit_points`: the full record takes 15–25 s to fit,
 * the faces answer in well under a second once it is cached.
 */

/** A vote selection: every vote, or one issue / the State Department's important votes. */
export type Selection = 'all' | IssueSelector;

export interface OwnPoint {
  ccode: number;
  session: number;
  year: number;
  theta: number;
  sd: number;
  lo: number;
  hi: number;
  nVotes: number;
}

export interface OwnRun {
  key: string;
  selection: Selection;
  method: string;
  options: Record<string, unknown>;
  rollcalls: number;
  votes: number;
  iterations: number;
  converged: boolean;
  /** Seconds the fit took when it was run (not the time to read it back). */
  seconds: number;
  cached: boolean;
  createdAt: string;
}

export interface OwnFit {
  points: OwnPoint[];
  table: PositionTable;
  run: OwnRun;
}

/**
 * Bump when the estimator or its defaults change in a way that changes results: old runs are then ignored.
 */
const ESTIMATOR_VERSION = 'dyn-ordinal-probit-3';

export function selectionFilter(selection: Selection): VoteFilter {
  return selection === 'all' ? BSV_FILTER : { ...BSV_FILTER, issues: [selection] };
}

/**
 * The estimator (default gibbs); for `mode`, bootstrap replicates (each about one warm-started fit) replace
 * the Laplace intervals when > 0.
 */
export type FitOptions = Pick<IdealPointOptions, 'method' | 'rwSd' | 'bootstrap' | 'matches'>;

const inFlight = new Map<string, Promise<OwnFit>>();

/** Returns the cached fit for this record and selection, or fits, stores and returns it. */
export async function ownIdealPoints(
  store: Store,
  votes: StoreVotes,
  selection: Selection,
  opts: FitOptions = {},
): Promise<OwnFit> {
  // bootstrap and matches only enter the key when asked for, so the plain fit keeps its key.
  const options = {
    estimator: ESTIMATOR_VERSION,
    selection,
    method: opts.method ?? 'gibbs',
    rwSd: opts.rwSd ?? null,
    ...(opts.bootstrap ? { bootstrap: opts.bootstrap } : {}),
    ...(opts.matches
      ? { matches: createHash('sha256').update(JSON.stringify(opts.matches)).digest('hex') }
      : {}),
  };
  const key = createHash('sha256')
    .update(JSON.stringify({ votes: votes.signature, ...options }))
    .digest('hex');
  const memo = `${store.path}\u0000${key}`;
  const pending = inFlight.get(memo);
  if (pending) return pending;
  const work = (async () =>
    (await readRun(store, key)) ?? (await fitAndStore(store, votes, selection, key, opts)))();
  inFlight.set(memo, work);
  try {
    return await work;
  } finally {
    inFlight.delete(memo);
  }
}

function toFit(points: OwnPoint[], run: OwnRun): OwnFit {
  return {
    points,
    run,
    table: positionTableFromRows(
      points.map((p) => ({ state: stateKey(p.ccode), session: p.session, theta: p.theta, sd: p.sd })),
    ),
  };
}

async function readRun(store: Store, key: string): Promise<OwnFit | null> {
  const [run] = await store.query<{
    selection: string;
    options: string;
    rollcalls: number;
    votes: number;
    iterations: number;
    converged: boolean;
    seconds: number;
    created_at: unknown;
  }>(
    'SELECT selection, options, rollcalls, votes, iterations, converged, ' +
      'seconds, created_at FROM alignment_fit_runs WHERE key = $1 LIMIT 1',
    [key],
  );
  if (!run) return null;
  const options = JSON.parse(run.options) as Record<string, unknown>;
  const cols = (
    await store.conn.runAndReadAll(
      'SELECT ccode, session, theta, sd, lo, hi, nvotes FROM ' +
        'alignment_fit_points WHERE key = $1 ORDER BY ccode, session',
      [key],
    )
  ).getColumnsJS();
  const points: OwnPoint[] = (cols[0] ?? []).map((c, i) => ({
    ccode: Number(c),
    session: Number(cols[1]![i]),
    year: 1945 + Number(cols[1]![i]),
    theta: Number(cols[2]![i]),
    sd: Number(cols[3]![i]),
    lo: Number(cols[4]![i]),
    hi: Number(cols[5]![i]),
    nVotes: Number(cols[6]![i]),
  }));
  return toFit(points, {
    key,
    selection: run.selection as Selection,
    method: String(options.method_name ?? options.method),
    options,
    rollcalls: Number(run.rollcalls),
    votes: Number(run.votes),
    iterations: Number(run.iterations),
    converged: run.converged,
    seconds: run.seconds,
    cached: true,
    createdAt: String(run.created_at),
  });
}

async function fitAndStore(
  store: Store,
  votes: StoreVotes,
  selection: Selection,
  key: string,
  opts: FitOptions,
): Promise<OwnFit> {
  const fit = await estimateIdealPointsOffThread(votes.data, {
    filter: selectionFilter(selection),
    method: opts.method ?? 'gibbs',
    ...(opts.rwSd === undefined ? {} : { rwSd: opts.rwSd }),
    ...(opts.bootstrap ? { bootstrap: opts.bootstrap } : {}),
    ...(opts.matches ? { matches: opts.matches } : {}),
  });
  const points: OwnPoint[] = Array.from(fit.theta, (theta, u) => {
    const session = fit.unitSession[u]!;
    return {
      ccode: Number(fit.states[fit.unitState[u]!]),
      session,
      year: 1945 + session,
      theta,
      sd: fit.sd[u]!,
      lo: fit.lo[u]!,
      hi: fit.hi[u]!,
      nVotes: fit.nVotes[u]!,
    };
  });
  const options = {
    ...fit.provenance.options,
    estimator: ESTIMATOR_VERSION,
    method_name: fit.provenance.method,
  };
  await store.transaction(async (tx) => {
    // Fits of an older voting record can never be asked for again: drop them with the new one.
    const stale = `SELECT key FROM alignment_fit_runs WHERE votes_signature <> $1 OR key = $2`;
    await tx.run(`DELETE FROM alignment_fit_points WHERE key IN (${stale})`, [votes.signature, key]);
    await tx.run(`DELETE FROM alignment_fit_runs WHERE key IN (${stale})`, [votes.signature, key]);
    await tx.run(
      'INSERT INTO alignment_fit_runs (key, selection, votes_signature, options, rollcalls, votes, ' +
        'items, iterations, converged, seconds) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
      [
        key,
        selection,
        votes.signature,
        JSON.stringify(options),
        fit.provenance.rollcalls,
        fit.provenance.votes,
        Number(fit.provenance.options.items ?? 0),
        fit.iterations,
        fit.converged,
        fit.seconds,
      ],
    );
    const app = await tx.conn.createAppender('alignment_fit_points');
    try {
      for (const p of points) {
        app.appendVarchar(key);
        app.appendSmallInt(p.ccode);
        app.appendSmallInt(p.session);
        app.appendDouble(p.theta);
        app.appendDouble(p.sd);
        app.appendDouble(p.lo);
        app.appendDouble(p.hi);
        app.appendInteger(p.nVotes);
        app.endRow();
      }
      app.flushSync();
    } finally {
      app.closeSync();
    }
  });
  return toFit(points, {
    key,
    selection,
    method: fit.provenance.method,
    options,
    rollcalls: fit.provenance.rollcalls,
    votes: fit.provenance.votes,
    iterations: fit.iterations,
    converged: fit.converged,
    seconds: fit.seconds,
    cached: false,
    createdAt: new Date().toISOString(),
  });
}
