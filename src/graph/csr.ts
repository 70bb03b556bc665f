/**
 * Compressed-sparse-row directed graph on typed arrays.
 *
 * Node ids are strings mapped to dense indices 0..n-1 in first-seen order (or the order of an
 * explicit `ids` list). Out-edges of node u are `targets[offsets[u] .. offsets[u+1])`, sorted by
 * target index so adjacency tests can binary-search and so results do not depend on input row
 * order. An undirected graph is stored as both directions of every edge. Memory is
 * 4(n+1) + 4m (+8m with weights) bytes.
 *
 * Cleaning policy (the same for every kernel built on this, and what the peer fixtures assume):
 * - self-loops are dropped by default: they never lie on a shortest path between two distinct
 *   nodes and never form a Gould–Fernandez two-path, but they would inflate the edge count that
 *   sna's density null uses;
 * - duplicate (u,v) rows are merged into one edge; their weights are combined with `duplicates`
 *   ('sum' by default, since repeated rows of a tie list usually mean repeated interactions).
 */

export interface Csr {
  n: number;
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array | null;
  ids: string[];
}

export type DuplicatePolicy = 'sum' | 'min' | 'max' | 'first' | 'error';

export interface BuildOptions {
  /** Store each edge in both directions. Default false. */
  undirected?: boolean;
  /** Keep u→u edges instead of dropping them. Default false. */
  keepSelfLoops?: boolean;
  /** How weights of repeated (u,v) edges combine. Default 'sum'. */
  duplicates?: DuplicatePolicy;
}

export interface IndexEdges {
  n: number;
  src: Int32Array;
  dst: Int32Array;
  /** Omit for an unweighted graph. */
  weight?: Float64Array;
}

export interface EdgeRow {
  source: string;
  target: string;
  weight?: number;
}

/** Maps string ids to dense indices; `ids` seeds the order and may list isolated nodes. */
export function indexIds(
  edges: readonly EdgeRow[],
  ids?: readonly string[],
): { ids: string[]; index: Map<string, number> } {
  const index = new Map<string, number>();
  const out: string[] = [];
  const add = (id: string): void => {
    if (!index.has(id)) {
      index.set(id, out.length);
      out.push(id);
    }
  };
  if (ids) for (const id of ids) add(id);
  for (const e of edges) {
    add(e.source);
    add(e.target);
  }
  return { ids: out, index };
}

/** Builds a CSR from string-keyed edge rows. Weighted iff any row carries a weight. */
export function csrFromEdges(
  edges: readonly EdgeRow[],
  opts: BuildOptions & { ids?: readonly string[] } = {},
): Csr {
  const { ids, index } = indexIds(edges, opts.ids);
  const m = edges.length;
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  const weighted = edges.some((e) => e.weight !== undefined);
  const weight = weighted ? new Float64Array(m) : undefined;
  for (let i = 0; i < m; i++) {
    const e = edges[i] as EdgeRow;
    src[i] = index.get(e.source) as number;
    dst[i] = index.get(e.target) as number;
    if (weight) weight[i] = e.weight ?? 1;
  }
  const g = csrFromIndexEdges({ n: ids.length, src, dst, ...(weight ? { weight } : {}) }, opts);
  g.ids = ids;
  return g;
}

/**
 * Builds a CSR from parallel index arrays in O(n + m) time via counting sort on the source and
 * then on the target within each row (two passes keep it stable and allocation-light).
 */
export function csrFromIndexEdges(edges: IndexEdges, opts: BuildOptions = {}): Csr {
  const { n, src, dst, weight } = edges;
  const undirected = opts.undirected ?? false;
  const keepLoops = opts.keepSelfLoops ?? false;
  const policy = opts.duplicates ?? 'sum';
  const m0 = src.length;
  const total = undirected ? 2 * m0 : m0;
  // Expand (and mirror) into raw arrays, dropping loops.
  let rs = new Int32Array(total);
  let rd = new Int32Array(total);
  let rw = weight ? new Float64Array(total) : null;
  let k = 0;
  for (let i = 0; i < m0; i++) {
    const u = src[i] as number;
    const v = dst[i] as number;
    if (u < 0 || u >= n || v < 0 || v >= n)
      throw new RangeError(`edge ${i}: node index out of range [0, ${n})`);
    if (u === v && !keepLoops) continue;
    const w = weight ? (weight[i] as number) : 1;
    rs[k] = u;
    rd[k] = v;
    if (rw) rw[k] = w;
    k++;
    if (undirected && u !== v) {
      rs[k] = v;
      rd[k] = u;
      if (rw) rw[k] = w;
      k++;
    }
  }
  if (k < total) {
    rs = rs.subarray(0, k);
    rd = rd.subarray(0, k);
    if (rw) rw = rw.subarray(0, k);
  }
  // Sort by target first, then stably by source: rows end up sorted by target.
  const byDst = countingOrder(rd, n);
  const order = countingOrder(rs, n, byDst);
  const offsets = new Int32Array(n + 1);
  const targets = new Int32Array(k);
  const weights = rw ? new Float64Array(k) : null;
  let m = 0;
  let prevU = -1;
  let prevV = -1;
  for (let p = 0; p < k; p++) {
    const e = order[p] as number;
    const u = rs[e] as number;
    const v = rd[e] as number;
    if (u === prevU && v === prevV) {
      if (policy === 'error') throw new Error(`duplicate edge ${u}→${v}`);
      if (weights && rw) {
        const w = rw[e] as number;
        const cur = weights[m - 1] as number;
        weights[m - 1] =
          policy === 'sum'
            ? cur + w
            : policy === 'min'
              ? Math.min(cur, w)
              : policy === 'max'
                ? Math.max(cur, w)
                : cur;
      }
      continue;
    }
    prevU = u;
    prevV = v;
    targets[m] = v;
    if (weights && rw) weights[m] = rw[e] as number;
    offsets[u + 1] = (offsets[u + 1] as number) + 1;
    m++;
  }
  for (let u = 0; u < n; u++) offsets[u + 1] = (offsets[u + 1] as number) + (offsets[u] as number);
  const ids: string[] = new Array<string>(n);
  for (let u = 0; u < n; u++) ids[u] = String(u);
  return {
    n,
    offsets,
    targets: m < k ? targets.slice(0, m) : targets,
    weights: weights ? (m < k ? weights.slice(0, m) : weights) : null,
    ids,
  };
}

/** Stable counting sort of positions by `keys` (optionally of an existing permutation). */
function countingOrder(keys: Int32Array, n: number, within?: Int32Array): Int32Array {
  const len = keys.length;
  const count = new Int32Array(n + 1);
  for (let i = 0; i < len; i++) {
    const c = (keys[i] as number) + 1;
    count[c] = (count[c] as number) + 1;
  }
  for (let i = 0; i < n; i++) count[i + 1] = (count[i + 1] as number) + (count[i] as number);
  const out = new Int32Array(len);
  for (let p = 0; p < len; p++) {
    const e = within ? (within[p] as number) : p;
    const key = keys[e] as number;
    out[count[key] as number] = e;
    count[key] = (count[key] as number) + 1;
  }
  return out;
}

/** Reverses every edge (in-adjacency as a CSR); weights follow their edges. Rows stay sorted. */
export function transpose(g: Csr): Csr {
  const { n, offsets, targets, weights } = g;
  const m = targets.length;
  const toff = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) {
    const c = (targets[e] as number) + 1;
    toff[c] = (toff[c] as number) + 1;
  }
  for (let i = 0; i < n; i++) toff[i + 1] = (toff[i + 1] as number) + (toff[i] as number);
  const fill = toff.slice(0, n);
  const tt = new Int32Array(m);
  const tw = weights ? new Float64Array(m) : null;
  // Walking sources in increasing order keeps each transposed row sorted.
  for (let u = 0; u < n; u++) {
    const end = offsets[u + 1] as number;
    for (let e = offsets[u] as number; e < end; e++) {
      const v = targets[e] as number;
      const p = fill[v] as number;
      tt[p] = u;
      if (tw && weights) tw[p] = weights[e] as number;
      fill[v] = p + 1;
    }
  }
  return { n, offsets: toff, targets: tt, weights: tw, ids: g.ids };
}

export function edgeCount(g: Csr): number {
  return g.targets.length;
}

export function outDegree(g: Csr, u: number): number {
  return (g.offsets[u + 1] as number) - (g.offsets[u] as number);
}

/** Index of edge u→v, or -1; binary search over the sorted row. */
export function findEdge(g: Csr, u: number, v: number): number {
  let lo = g.offsets[u] as number;
  let hi = (g.offsets[u + 1] as number) - 1;
  const t = g.targets;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const x = t[mid] as number;
    if (x === v) return mid;
    if (x < v) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** True if the stored graph equals its transpose (every u→v has v→u with the same weight). */
export function isSymmetric(g: Csr): boolean {
  for (let u = 0; u < g.n; u++) {
    const end = g.offsets[u + 1] as number;
    for (let e = g.offsets[u] as number; e < end; e++) {
      const r = findEdge(g, g.targets[e] as number, u);
      if (r < 0) return false;
      if (g.weights && g.weights[r] !== g.weights[e]) return false;
    }
  }
  return true;
}
