import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
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

/** Starting a worker costs ≈0.15 s (loading the TypeScript module): worth it from a few seconds of work. */
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

/** One worker thread running item blocks on request; a failure rejects the sweep with its message. */
class ItemWorker {
  private readonly worker: Worker;
  private pending: { resolve: () => void; reject: (e: Error) => void } | null = null;
  /**
   * A failure that arrived while no sweep was pending (e.g. the module failed to load): the next sweep
   * rejects with it.
   */
  private failed: Error | null = null;

  constructor(data: { state: SweepState; from: number; to: number; seed: number }) {
    this.worker = new Worker(workerFile, { workerData: data });
    this.worker.on('message', (m: { error?: string } | null) =>
      this.settle(m?.error ? new Error(m.error) : null),
    );
    this.worker.on('error', (e) => this.settle(e));
    this.worker.on('exit', (code) => this.settle(new Error(`sampler worker exited with code ${code}`)));
  }

  run(sweep: number): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.failed) return reject(this.failed);
      this.pending = { resolve, reject };
      this.worker.postMessage(sweep);
    });
  }

  async terminate(): Promise<void> {
    this.pending = null;
    this.failed = new Error('sampler worker terminated');
    await this.worker.terminate();
  }

  private settle(error: Error | null): void {
    const p = this.pending;
    this.pending = null;
    if (error && !p) this.failed ??= error;
    else if (error) p!.reject(error);
    else p?.resolve();
  }
}
