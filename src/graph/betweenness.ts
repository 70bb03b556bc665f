/**
 * Brandes (2001) betweenness on a CSR graph, and bridging betweenness between groups.
 *
 * Betweenness of v: B(v) = Σ_{s≠v≠t} σ_st(v) / σ_st over ordered pairs, σ_st the number of
 * shortest s→t paths and σ_st(v) those through v. Conventions follow networkx 2.8
 * `betweenness_centrality`:
 * - undirected graphs (stored as both directions) count each unordered pair once, i.e. the
 *   ordered sum is halved; igraph `betweenness(directed=FALSE)` reports the same number;
 * - `normalized` divides the ordered sum by (n−1)(n−2) for directed and undirected graphs alike
 *   (for undirected graphs that is the halved sum times 2/((n−1)(n−2)), as networkx does);
 * - weighted graphs read `weights` as lengths. Two path lengths tie only if their floating-point
 *   sums are identical (`dist[v] + w === dist[u]`), exactly the comparison networkx makes; no
 *   epsilon. igraph compares with a relative tolerance instead, so on weights such as
 *   0.1 + 0.2 vs 0.3 igraph sees a tie and networkx (and we) do not. Weights must be finite and
 *   > 0: with zero-length edges the settle order inside a distance class would matter.
 *
 * Bridging betweenness between groups (our definition; see src/graph/README.md): given a
 * partition g(·) of the nodes into groups (blocs),
 *   raw(v)   = Σ_{s,t: g(s)≠g(t), s≠v≠t} σ_st(v) / σ_st,
 *   share(v) = raw(v) / R(v),
 * where R(v) counts the cross-group pairs (s,t), s≠v≠t, with t reachable from s. Pairs are
 * ordered for directed graphs and unordered for undirected ones (raw and R are both halved).
 * share(v) is the fraction of all shortest-path "traffic" between reachable nodes of different
 * groups that passes through v, with each pair's traffic split evenly over its shortest paths.
 * raw(v) equals the sum over groups G of networkx `betweenness_centrality_subset(sources=G,
 * targets=V∖G)`, which is how the fixtures check it.
 */
import type { Csr } from './csr.ts';

export interface BetweennessOptions {
  /** Use `g.weights` as edge lengths (Dijkstra); otherwise every edge has length 1 (BFS). */
  weighted?: boolean;
  /** The CSR stores an undirected graph as both directions: report each pair once. */
  undirected?: boolean;
  /** Divide by (n−1)(n−2) as networkx does. Ignored by bridging betweenness. */
  normalized?: boolean;
  /** Only accumulate dependencies from these sources (no rescaling); for sampling and benches. */
  sources?: ArrayLike<number>;
}

export interface BridgingResult {
  /** Σ over cross-group pairs of the fraction of their shortest paths through v. */
  raw: Float64Array;
  /** raw(v) / R(v); NaN where R(v) = 0. */
  share: Float64Array;
  /** R(v): reachable cross-group pairs not involving v. */
  pairs: Float64Array;
}

export function betweenness(g: Csr, opts: BetweennessOptions = {}): Float64Array {
  return scaleBetweenness(g.n, brandesSums(g, opts, null).out, opts);
}

/** Bridging betweenness for a partition: `groups[v]` is v's group index. */
export function bridgingBetweenness(
  g: Csr,
  groups: Int32Array,
  opts: Omit<BetweennessOptions, 'normalized'> = {},
): BridgingResult {
  if (groups.length !== g.n) throw new RangeError(`groups has ${groups.length} entries for ${g.n} nodes`);
  return bridgingFromSums(g.n, brandesSums(g, opts, groups), opts.undirected ?? false);
}

/**
 * Raw Brandes sums over `opts.sources` (default all nodes): the unit of work that
 * src/graph/parallel.ts splits across threads. Sums from disjoint source sets add up.
 */
export interface BrandesSums {
  out: Float64Array;
  /** Only with groups: cross-group reachability tallies. */
  reach: ReachCounts | null;
}

export interface ReachCounts {
  total: number;
  asSource: Float64Array;
  asTarget: Float64Array;
}

export function brandesSums(
  g: Csr,
  opts: Pick<BetweennessOptions, 'weighted' | 'sources'>,
  groups: Int32Array | null,
): BrandesSums {
  const out = new Float64Array(g.n);
  const reach =
    groups === null ? null : { total: 0, asSource: new Float64Array(g.n), asTarget: new Float64Array(g.n) };
  brandes(g, opts, groups, out, reach);
  return { out, reach };
}

/** Turns the ordered-pair sums into the reported convention (see the file comment). */
export function scaleBetweenness(
  n: number,
  bc: Float64Array,
  opts: Pick<BetweennessOptions, 'normalized' | 'undirected'>,
): Float64Array {
  if (opts.normalized) {
    // networkx normalises the ordered sum, so undo nothing for undirected graphs.
    if (n > 2) {
      const scale = 1 / ((n - 1) * (n - 2));
      for (let v = 0; v < n; v++) bc[v] = (bc[v] as number) * scale;
    }
  } else if (opts.undirected) {
    for (let v = 0; v < n; v++) bc[v] = (bc[v] as number) * 0.5;
  }
  return bc;
}

export function bridgingFromSums(n: number, sums: BrandesSums, undirected: boolean): BridgingResult {
  const { out: raw, reach } = sums;
  if (reach === null) throw new Error('bridging betweenness needs sums computed with groups');
  const pairs = new Float64Array(n);
  const share = new Float64Array(n);
  const half = undirected ? 0.5 : 1;
  for (let v = 0; v < n; v++) {
    raw[v] = (raw[v] as number) * half;
    // For undirected graphs asSource[v] and asTarget[v] count the same pairs from both ends.
    const r = (reach.total - (reach.asSource[v] as number) - (reach.asTarget[v] as number)) * half;
    pairs[v] = r;
    share[v] = r > 0 ? (raw[v] as number) / r : NaN;
  }
  return { raw, share, pairs };
}

/**
 * Shared Brandes loop. With `groups`, a target w only contributes if it lies in another group
 * than the source (dependency δ_s(v) = Σ_w σ_sv/σ_sw (c_w + δ_s(w)), c_w = [g(w) ≠ g(s)]).
 */
function brandes(
  g: Csr,
  opts: Pick<BetweennessOptions, 'weighted' | 'sources'>,
  groups: Int32Array | null,
  out: Float64Array,
  reach: ReachCounts | null,
): void {
  const n = g.n;
  const weighted = opts.weighted ?? false;
  if (weighted) checkWeights(g);
  const sigma = new Float64Array(n);
  const delta = new Float64Array(n);
  const order = new Int32Array(n);
  const srcs = opts.sources;
  const count = srcs ? srcs.length : n;
  for (let i = 0; srcs && i < count; i++) {
    const s = srcs[i] as number;
    if (!(Number.isInteger(s) && s >= 0 && s < n))
      throw new RangeError(`source ${s} is not a node index 0..${n - 1}`);
  }
  if (!weighted) {
    const dist = new Int32Array(n).fill(-1);
    const dagStart = new Int32Array(n + 1);
    const dagTo = new Int32Array(g.targets.length);
    for (let i = 0; i < count; i++) {
      const s = srcs ? (srcs[i] as number) : i;
      const len = bfs(g, s, dist, sigma, order, dagStart, dagTo);
      accumulateBfs(s, len, order, dagStart, dagTo, sigma, delta, groups, out, reach);
      for (let p = 0; p < len; p++) dist[order[p] as number] = -1;
    }
  } else {
    const dist = new Float64Array(n).fill(Infinity);
    const heap = new Heap(n);
    const settled = new Uint8Array(n);
    for (let i = 0; i < count; i++) {
      const s = srcs ? (srcs[i] as number) : i;
      const len = dijkstra(g, s, dist, sigma, order, heap, settled);
      accumulateDijkstra(g, s, len, order, dist, sigma, delta, groups, out, reach);
      for (let p = 0; p < len; p++) {
        const v = order[p] as number;
        dist[v] = Infinity;
        settled[v] = 0;
      }
    }
  }
}

function checkWeights(g: Csr): void {
  const w = g.weights;
  if (!w) throw new Error('weighted betweenness needs a weighted graph');
  for (let e = 0; e < w.length; e++) {
    const x = w[e] as number;
    if (!(x > 0) || !Number.isFinite(x))
      throw new RangeError(
        `edge weight ${x} at position ${e}: weighted betweenness needs finite lengths > 0`,
      );
  }
}

/**
 * BFS from s; fills dist, sigma and the visit order and records the shortest-path DAG: the
 * successors of the node at visit position p are dagTo[dagStart[p] .. dagStart[p+1]). The backward
 * pass then touches only DAG edges instead of rescanning every out-edge. Returns the number of
 * reached nodes.
 */
function bfs(
  g: Csr,
  s: number,
  dist: Int32Array,
  sigma: Float64Array,
  order: Int32Array,
  dagStart: Int32Array,
  dagTo: Int32Array,
): number {
  const { offsets, targets } = g;
  dist[s] = 0;
  sigma[s] = 1;
  order[0] = s;
  let head = 0;
  let tail = 1;
  let k = 0;
  while (head < tail) {
    dagStart[head] = k;
    const v = order[head++] as number;
    const dv = (dist[v] as number) + 1;
    const sv = sigma[v] as number;
    const end = offsets[v + 1] as number;
    for (let e = offsets[v] as number; e < end; e++) {
      const w = targets[e] as number;
      const dw = dist[w] as number;
      if (dw < 0) {
        dist[w] = dv;
        sigma[w] = sv;
        order[tail++] = w;
        dagTo[k++] = w;
      } else if (dw === dv) {
        sigma[w] = (sigma[w] as number) + sv;
        dagTo[k++] = w;
      }
    }
  }
  dagStart[head] = k;
  return tail;
}

/**
 * Dijkstra from s mirroring networkx `_single_source_dijkstra_path_basic`: a shorter tentative
 * distance resets σ, an identical one adds to it. Returns the number of settled nodes; `order`
 * lists them in settle order (non-decreasing distance).
 */
function dijkstra(
  g: Csr,
  s: number,
  dist: Float64Array,
  sigma: Float64Array,
  order: Int32Array,
  heap: Heap,
  settled: Uint8Array,
): number {
  const { offsets, targets } = g;
  const weights = g.weights as Float64Array;
  dist[s] = 0;
  sigma[s] = 1;
  heap.size = 0;
  heap.push(0, s);
  let len = 0;
  while (heap.size > 0) {
    const v = heap.pop();
    const dv = heap.topKey;
    if (settled[v] !== 0 || dv > (dist[v] as number)) continue;
    settled[v] = 1;
    order[len++] = v;
    const sv = sigma[v] as number;
    const end = offsets[v + 1] as number;
    for (let e = offsets[v] as number; e < end; e++) {
      const w = targets[e] as number;
      if (settled[w] !== 0) continue;
      const nd = dv + (weights[e] as number);
      const dw = dist[w] as number;
      if (nd < dw) {
        dist[w] = nd;
        sigma[w] = sv;
        heap.push(nd, w);
      } else if (nd === dw) {
        sigma[w] = (sigma[w] as number) + sv;
      }
    }
  }
  return len;
}

/**
 * Back-propagates dependencies in reverse visit order using successor edges, so no predecessor
 * lists are stored: w is a successor of v iff dist[w] is exactly dist[v] + len(v→w). The BFS
 * and Dijkstra variants are separate functions so each hot loop stays monomorphic.
 */
function accumulateBfs(
  s: number,
  len: number,
  order: Int32Array,
  dagStart: Int32Array,
  dagTo: Int32Array,
  sigma: Float64Array,
  delta: Float64Array,
  groups: Int32Array | null,
  out: Float64Array,
  reach: ReachCounts | null,
): void {
  // coeff(w) = (c_w + δ(w)) / σ(w) is kept in `delta` once w is final, saving a division per edge.
  const gs = groups === null ? 0 : (groups[s] as number);
  for (let p = len - 1; p >= 0; p--) {
    const v = order[p] as number;
    let acc = 0;
    const end = dagStart[p + 1] as number;
    for (let q = dagStart[p] as number; q < end; q++) acc += delta[dagTo[q] as number] as number;
    const sv = sigma[v] as number;
    const d = sv * acc;
    if (v !== s) out[v] = (out[v] as number) + d;
    const c = groups === null ? 1 : groups[v] !== gs ? 1 : 0;
    delta[v] = (c + d) / sv;
  }
  finish(s, len, order, sigma, delta, groups, reach);
}

function accumulateDijkstra(
  g: Csr,
  s: number,
  len: number,
  order: Int32Array,
  dist: Float64Array,
  sigma: Float64Array,
  delta: Float64Array,
  groups: Int32Array | null,
  out: Float64Array,
  reach: ReachCounts | null,
): void {
  const { offsets, targets } = g;
  const weights = g.weights as Float64Array;
  const gs = groups === null ? 0 : (groups[s] as number);
  for (let p = len - 1; p >= 0; p--) {
    const v = order[p] as number;
    const sv = sigma[v] as number;
    const dv = dist[v] as number;
    let d = 0;
    const end = offsets[v + 1] as number;
    for (let e = offsets[v] as number; e < end; e++) {
      const w = targets[e] as number;
      if (dv + (weights[e] as number) === dist[w]) {
        const c = groups === null ? 1 : groups[w] !== gs ? 1 : 0;
        d += (sv / (sigma[w] as number)) * (c + (delta[w] as number));
      }
    }
    delta[v] = d;
    if (v !== s) out[v] = (out[v] as number) + d;
  }
  finish(s, len, order, sigma, delta, groups, reach);
}

/** Resets per-source state for the reached nodes only, and tallies cross-group reachability. */
function finish(
  s: number,
  len: number,
  order: Int32Array,
  sigma: Float64Array,
  delta: Float64Array,
  groups: Int32Array | null,
  reach: ReachCounts | null,
): void {
  if (groups !== null && reach !== null) {
    const gs = groups[s] as number;
    let cross = 0;
    for (let p = 0; p < len; p++) {
      const v = order[p] as number;
      if (groups[v] !== gs) {
        cross++;
        reach.asTarget[v] = (reach.asTarget[v] as number) + 1;
      }
    }
    reach.total += cross;
    reach.asSource[s] = (reach.asSource[s] as number) + cross;
  }
  for (let p = 0; p < len; p++) {
    const v = order[p] as number;
    delta[v] = 0;
    sigma[v] = 0;
  }
}

/** Binary min-heap of (key, node) on typed arrays with lazy deletion; grows as needed. */
class Heap {
  private keys: Float64Array;
  private vals: Int32Array;
  size = 0;
  topKey = 0;
  constructor(capacity: number) {
    this.keys = new Float64Array(Math.max(16, capacity));
    this.vals = new Int32Array(Math.max(16, capacity));
  }
  push(key: number, val: number): void {
    if (this.size === this.keys.length) {
      const k = new Float64Array(this.size * 2);
      k.set(this.keys);
      const v = new Int32Array(this.size * 2);
      v.set(this.vals);
      this.keys = k;
      this.vals = v;
    }
    const keys = this.keys;
    const vals = this.vals;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pk = keys[p] as number;
      if (pk <= key) break;
      keys[i] = pk;
      vals[i] = vals[p] as number;
      i = p;
    }
    keys[i] = key;
    vals[i] = val;
  }
  pop(): number {
    const keys = this.keys;
    const vals = this.vals;
    const top = vals[0] as number;
    this.topKey = keys[0] as number;
    const n = --this.size;
    if (n > 0) {
      const key = keys[n] as number;
      const val = vals[n] as number;
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && (keys[c + 1] as number) < (keys[c] as number)) c++;
        if ((keys[c] as number) >= key) break;
        keys[i] = keys[c] as number;
        vals[i] = vals[c] as number;
        i = c;
      }
      keys[i] = key;
      vals[i] = val;
    }
    return top;
  }
}
