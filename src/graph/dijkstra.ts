/**
 * Dijkstra on a directed graph in CSR form (offsets/targets/weights typed arrays).
 * Weights must be non-negative. Masks let callers (Yen, capacity-aware assignment)
 * switch edges or nodes off without rebuilding the graph.
 */
export interface WeightedGraph {
  n: number;
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
}

export interface DijkstraOptions {
  /** Edge indices with a non-zero entry are skipped. */
  edgeMask?: Uint8Array;
  /** Nodes with a non-zero entry are never entered (sources are still allowed). */
  nodeMask?: Uint8Array;
  /** Stop as soon as this node is settled. */
  target?: number;
}

export interface ShortestPathTree {
  dist: Float64Array;
  /** Edge used to reach each node, -1 for sources and unreached nodes. */
  predEdge: Int32Array;
  predNode: Int32Array;
}

/** Binary min-heap of (key, node) on typed arrays with lazy deletion. */
class Heap {
  private keys: Float64Array;
  private vals: Int32Array;
  size = 0;
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
    let i = this.size++;
    const keys = this.keys;
    const vals = this.vals;
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
  /** Pops the minimum; returns its node and leaves its key in `topKey`. */
  topKey = 0;
  pop(): number {
    const keys = this.keys;
    const vals = this.vals;
    const outVal = vals[0] as number;
    this.topKey = keys[0] as number;
    const n = --this.size;
    if (n > 0) {
      const key = keys[n] as number;
      const val = vals[n] as number;
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        const r = c + 1;
        if (r < n && (keys[r] as number) < (keys[c] as number)) c = r;
        if ((keys[c] as number) >= key) break;
        keys[i] = keys[c] as number;
        vals[i] = vals[c] as number;
        i = c;
      }
      keys[i] = key;
      vals[i] = val;
    }
    return outVal;
  }
}

/** Multi-source Dijkstra; every source starts at distance 0. */
export function dijkstra(
  g: WeightedGraph,
  sources: ArrayLike<number>,
  opts: DijkstraOptions = {},
): ShortestPathTree {
  const { n, offsets, targets, weights } = g;
  const dist = new Float64Array(n).fill(Infinity);
  const predEdge = new Int32Array(n).fill(-1);
  const predNode = new Int32Array(n).fill(-1);
  const done = new Uint8Array(n);
  const heap = new Heap(n);
  const edgeMask = opts.edgeMask;
  const nodeMask = opts.nodeMask;
  const target = opts.target ?? -1;
  for (let i = 0; i < sources.length; i++) {
    const s = sources[i] as number;
    if (dist[s] === 0) continue;
    dist[s] = 0;
    heap.push(0, s);
  }
  while (heap.size > 0) {
    const u = heap.pop();
    const du = heap.topKey;
    if (done[u] || du > (dist[u] as number)) continue;
    done[u] = 1;
    if (u === target) break;
    const end = offsets[u + 1] as number;
    for (let e = offsets[u] as number; e < end; e++) {
      if (edgeMask !== undefined && edgeMask[e] !== 0) continue;
      const v = targets[e] as number;
      if (done[v] || (nodeMask !== undefined && nodeMask[v] !== 0)) continue;
      const nd = du + (weights[e] as number);
      if (nd < (dist[v] as number)) {
        dist[v] = nd;
        predEdge[v] = e;
        predNode[v] = u;
        heap.push(nd, v);
      }
    }
  }
  return { dist, predEdge, predNode };
}

export interface GraphPath {
  cost: number;
  nodes: number[];
  edges: number[];
}

/** Walks the predecessor links back from `t`; null when `t` was not reached. */
export function extractPath(tree: ShortestPathTree, t: number): GraphPath | null {
  const cost = tree.dist[t] as number;
  if (!Number.isFinite(cost)) return null;
  const nodes: number[] = [t];
  const edges: number[] = [];
  let v = t;
  while ((tree.predEdge[v] as number) >= 0) {
    edges.push(tree.predEdge[v] as number);
    v = tree.predNode[v] as number;
    nodes.push(v);
  }
  nodes.reverse();
  edges.reverse();
  return { cost, nodes, edges };
}

/**
 * Builds CSR arrays from an edge list; returns the permutation so callers can map CSR edges back to theirs.
 */
export function csrFromEdges(
  n: number,
  from: ArrayLike<number>,
  to: ArrayLike<number>,
  weight: ArrayLike<number>,
): WeightedGraph & { edgeOrigin: Int32Array } {
  const m = from.length;
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < m; i++) {
    const u = from[i] as number;
    offsets[u + 1] = (offsets[u + 1] as number) + 1;
  }
  for (let i = 0; i < n; i++) offsets[i + 1] = (offsets[i + 1] as number) + (offsets[i] as number);
  const cursor = offsets.slice(0, n);
  const targets = new Int32Array(m);
  const weights = new Float64Array(m);
  const edgeOrigin = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    const u = from[i] as number;
    const pos = cursor[u] as number;
    cursor[u] = pos + 1;
    targets[pos] = to[i] as number;
    weights[pos] = weight[i] as number;
    edgeOrigin[pos] = i;
  }
  return { n, offsets, targets, weights, edgeOrigin };
}
