/**
 * Betweenness on several threads. Brandes' algorithm is a sum over sources, so the sources are
 * dealt round-robin to worker threads (round-robin rather than in blocks because the cost of a
 * source varies with how much of the graph it reaches, and neighbouring ids tend to be alike).
 * The graph is copied once into SharedArrayBuffers that every thread reads without copying; each
 * thread returns its partial sums, and this thread, which takes a share itself, adds them up.
 *
 * Results equal the single-thread functions up to floating-point summation order (≈1e-15
 * relative). Small jobs stay on this thread: starting a worker costs ≈0.1 s (loading the
 * TypeScript module), which pays off only from a few tens of millions of edge visits, and a
 * message round trip to a running worker only from a few million.
 */
import { availableParallelism } from 'node:os';
import {
  brandesSums,
  bridgingFromSums,
  scaleBetweenness,
  type BetweennessOptions,
  type BrandesSums,
  type BridgingResult,
} from './betweenness.ts';
import type { Csr } from './csr.ts';
import { toShared } from '../shared-memory.ts';
import { acquire, discard, release, request, started } from '../worker-pool.ts';

export interface ParallelOptions {
  /** Threads including this one; default the machine's available parallelism. */
  threads?: number;
  /** Below this many edge visits (sources × edges) everything runs on this thread. */
  minWork?: number;
}

/** A job for one worker: the message src/graph/brandes-worker.mjs receives. */
export interface BrandesJob {
  n: number;
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array | null;
  groups: Int32Array | null;
  weighted: boolean;
  sources: Int32Array;
}

/** Edge visits below which threads do not pay: with cold workers (start-up ≈0.1 s) and warm ones. */
const MIN_WORK_COLD = 3e7;
const MIN_WORK_WARM = 2e6;
const workerFile = new URL('./brandes-worker.mjs', import.meta.url);

export async function betweennessParallel(
  g: Csr,
  opts: BetweennessOptions & ParallelOptions = {},
): Promise<Float64Array> {
  return scaleBetweenness(g.n, (await sumsParallel(g, opts, null)).out, opts);
}

export async function bridgingBetweennessParallel(
  g: Csr,
  groups: Int32Array,
  opts: Omit<BetweennessOptions, 'normalized'> & ParallelOptions = {},
): Promise<BridgingResult> {
  if (groups.length !== g.n) throw new RangeError(`groups has ${groups.length} entries for ${g.n} nodes`);
  return bridgingFromSums(g.n, await sumsParallel(g, opts, groups), opts.undirected ?? false);
}

async function sumsParallel(
  g: Csr,
  opts: BetweennessOptions & ParallelOptions,
  groups: Int32Array | null,
): Promise<BrandesSums> {
  const count = opts.sources ? opts.sources.length : g.n;
  const threads = Math.max(1, Math.min(Math.floor(opts.threads ?? availableParallelism()), count));
  if (
    threads === 1 ||
    count * (g.targets.length + g.n) < (opts.minWork ?? (workersWarm() ? MIN_WORK_WARM : MIN_WORK_COLD))
  )
    return brandesSums(g, opts, groups);
  const parts = dealSources(opts.sources, count, threads);
  const shared = {
    n: g.n,
    offsets: toShared(g.offsets),
    targets: toShared(g.targets),
    weights: g.weights && opts.weighted ? toShared(g.weights) : null,
    groups: groups && toShared(groups),
    weighted: opts.weighted ?? false,
  };
  const pending = parts.slice(1).map((sources) => runWorker({ ...shared, sources }));
  // Keep rejections handled while this thread computes its own share.
  for (const p of pending) p.catch(() => undefined);
  const mine = brandesSums(g, { weighted: opts.weighted ?? false, sources: parts[0] as Int32Array }, groups);
  for (const other of await Promise.all(pending)) addSums(mine, other);
  return mine;
}

function dealSources(sources: ArrayLike<number> | undefined, count: number, threads: number): Int32Array[] {
  const parts = Array.from({ length: threads }, (_, t) => new Int32Array(Math.ceil((count - t) / threads)));
  for (let i = 0; i < count; i++)
    (parts[i % threads] as Int32Array)[Math.floor(i / threads)] = sources ? (sources[i] as number) : i;
  return parts;
}

function addSums(into: BrandesSums, from: BrandesSums): void {
  for (let v = 0; v < into.out.length; v++) into.out[v] = (into.out[v] as number) + (from.out[v] as number);
  if (into.reach && from.reach) {
    into.reach.total += from.reach.total;
    for (let v = 0; v < into.out.length; v++) {
      into.reach.asSource[v] = (into.reach.asSource[v] as number) + (from.reach.asSource[v] as number);
      into.reach.asTarget[v] = (into.reach.asTarget[v] as number) + (from.reach.asTarget[v] as number);
    }
  }
}

/**
 * Workers stay alive between calls (src/worker-pool.ts): the ≈0.1 s start-up is paid once per
 * process, which is what makes threads worth it on mid-sized graphs in a server or a batch of networks.
 */
async function runWorker(job: BrandesJob): Promise<BrandesSums> {
  const worker = acquire(workerFile);
  try {
    const sums = await request<BrandesSums>(worker, job);
    release(workerFile, worker);
    return sums;
  } catch (err) {
    discard(worker);
    throw err;
  }
}

/** Whether a worker has been started in this process (the next parallel call skips the start-up). */
export function workersWarm(): boolean {
  return started(workerFile) > 0;
}
