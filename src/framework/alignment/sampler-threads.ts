import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { Params, Problem } from './problem.ts';
import {
  Chain,
  itemBlock,
  sampleIdealPoints,
  type SamplerOptions,
  type SamplerResult,
  type SweepState,
} from './sampler.ts';
import { toShared } from '../../shared-memory.ts';
import { acquire, discard, release, request } from '../../worker-pool.ts';

/**
 * The Gibbs chain of ./sampler.ts with the item steps (cutpoints, latent votes, discriminations)
 * split across worker threads; positions stay on this thread, which also takes a share of the items.
 * The arrays live in SharedArrayBuffers, so a sweep costs one message each way per worker. Items are
 * split into contiguous ranges of about equal numbers of votes. Because every item draws from its own
 * seeded stream, the chain equals the one-thread chain exactly, whatever the thread count.
 */
export interface ThreadOptions {
  /** Threads including this one; default the machine's available parallelism. */
  threads?: number;
  /** Below this many vote-sweeps (votes × sweeps) everything runs on this thread. */
  minWork?: number;
}

/**
 * Below this many vote-sweeps one thread is faster: a sweep costs a message round trip per worker,
 * and the first threaded fit of a process also starts the workers (≈0.15 s; later fits reuse them).
 */
const MIN_WORK = 3e7;
const workerFile = new URL('./sampler-worker.mjs', import.meta.url);

export async function sampleIdealPointsThreaded(
  p: Problem,
  start: Params,
  opts: SamplerOptions,
  t: ThreadOptions = {},
): Promise<SamplerResult> {
  const threads = Math.max(1, Math.min(Math.floor(t.threads ?? availableParallelism()), p.nItems));
  const sweeps = opts.burn + opts.draws * opts.thin;
  if (threads === 1 || p.nObs * sweeps < (t.minWork ?? MIN_WORK)) return sampleIdealPoints(p, start, opts);
  const state: SweepState = {
    itemStart: toShared(p.itemStart),
    itemUnit: toShared(p.itemUnit),
    itemY: toShared(p.itemY),
    theta: toShared(start.theta),
    beta: toShared(start.beta),
    c1: toShared(start.c1),
    c2: toShared(start.c2),
    z: toShared(new Float64Array(p.nObs)),
  };
  const bounds = splitByVotes(p, threads);
  const workers = bounds
    .slice(1, -1)
    .map((from, k) => new ItemWorker({ state, from, to: bounds[k + 2]!, seed: opts.seed }));
  try {
    const chain = new Chain(p, start, opts, state);
    const sweep = async (s: number): Promise<void> => {
      const pending = workers.map((w) => w.run(s));
      for (const x of pending) x.catch(() => undefined); // handled below, after this thread's share
      itemBlock(state, 0, bounds[1]!, s, opts.seed, chain.stream);
      await Promise.all(pending);
    };
    await sweep(0);
    for (let s = 1; s <= chain.sweeps; s++) {
      chain.positions(s);
      await sweep(s);
      chain.keep(s);
    }
    // The caller reads the last draw of the item parameters from its start values, as on one thread.
    start.theta.set(state.theta);
    start.beta.set(state.beta);
    start.c1.set(state.c1);
    start.c2.set(state.c2);
    return chain.result();
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** Item boundaries 0 = b0 < b1 < … < b_threads = nItems with about equal votes between them. */
function splitByVotes(p: Problem, threads: number): number[] {
  const bounds = [0];
  let j = 0;
  for (let k = 1; k < threads; k++) {
    const target = (p.nObs * k) / threads;
    while (j < p.nItems && p.itemStart[j]! < target) j++;
    bounds.push(Math.max(j, bounds[k - 1]! + 1));
  }
  bounds.push(p.nItems);
  return bounds;
}

/** One warm worker thread running item blocks on request; a failure rejects the sweep with its message. */
class ItemWorker {
  private readonly worker: Worker;
  private readonly ready: Promise<void>;
  private broken = false;
  private inFlight = 0;

  constructor(data: { state: SweepState; from: number; to: number; seed: number }) {
    this.worker = acquire(workerFile);
    this.ready = this.send({ init: data });
    this.ready.catch(() => undefined); // surfaced by the first sweep
  }

  async run(sweep: number): Promise<void> {
    await this.ready;
    await this.send(sweep);
  }

  private async send(message: unknown): Promise<void> {
    this.inFlight++;
    try {
      await request<null>(this.worker, message);
    } catch (err) {
      this.broken = true;
      throw err;
    } finally {
      this.inFlight--;
    }
  }

  /**
   * Back to the pool when healthy and idle; a worker that failed, or is still inside a sweep whose
   * answer would reach its next user, is dropped.
   */
  async terminate(): Promise<void> {
    await this.ready.catch(() => undefined);
    if (this.broken || this.inFlight > 0) discard(this.worker);
    else release(workerFile, this.worker);
  }
}
