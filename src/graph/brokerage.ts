/**
 * Gould & Fernandez (1989) brokerage roles, as R `sna::brokerage` (sna 2.7) computes them, plus a
 * weighted variant and two simulation nulls that sna lacks.
 *
 * A broker j lies on an open two-path i→j→k (i, j, k distinct, no i→k tie). With g(·) the group
 * partition the path counts for j as
 *   coordinator    w_I   g(i) = g(j) = g(k)
 *   itinerant      w_O   g(i) = g(k) ≠ g(j)           (also "consultant")
 *   representative b_IO  g(i) = g(j) ≠ g(k)
 *   gatekeeper     b_OI  g(i) ≠ g(j) = g(k)
 *   liaison        b_O   g(i), g(j), g(k) all different
 * and total t is their sum. Counting walks each ego i once, stamps i's out-neighbours, then
 * scans the two-paths through each out-neighbour: O(m + Σ_j indeg(j)·outdeg(j)) time, O(n) extra
 * memory. The graph is directed; undirected input is stored as both directions, so an open
 * two-path a–j–b counts once as a→j→b and once as b→j→a, exactly as sna does for a symmetric
 * adjacency matrix.
 *
 * sna's null (z-scores): the graph is a Bernoulli digraph with density d = m / (N(N−1)), m the
 * number of (loop-free, deduplicated) directed edges. The expectations and variances are sna's
 * closed forms, reproduced term by term from `body(sna::brokerage)`; z = (raw − E) / sd. Groups of
 * size ≤ 2 give sd = 0 for some roles and therefore NaN z, as in sna.
 *
 * Weighted roles: a two-path i→j→k contributes min(w_ij, w_jk) instead of 1. The minimum, not the
 * product, because brokerage is about what can pass through j: a strong tie in and a token tie out
 * carry only the token amount, the result stays in the weights' own unit (a product squares it,
 * so rescaling weights by c changes scores by c² and lets one huge tie dominate), and with all
 * weights 1 it reduces to the counts. `combine: 'product'` is available for users who want the
 * joint-probability reading of weights in [0, 1].
 *
 * Simulation nulls, because the density null rewards nodes merely for having many ties (a hub
 * sits on O(indeg·outdeg) two-paths whatever the groups are):
 * - degree-preserving: a Markov chain of double edge swaps (a→b, c→d ⇒ a→d, c→b; rejected if it
 *   would create a loop or a duplicate) keeps every node's in- and out-degree. Weights stay with
 *   the edge's source slot, so out-strengths are kept too. For undirected graphs the swap is the
 *   undirected one (a–b, c–d ⇒ a–d, c–b) and keeps symmetry. `burnIn` attempts (default 10·m)
 *   precede the first sample and `thin` attempts (default m) separate samples.
 * - permutation: group labels are shuffled over the nodes (graph fixed, group sizes fixed); this
 *   asks whether a node's roles depend on who its neighbours are rather than how many.
 * Both return the sample mean, sample sd (n−1 denominator) and z = (observed − mean) / sd.
 */
import type { Csr } from './csr.ts';
import { createRng, shuffleInPlace } from './random.ts';
import type { Rng } from './random.ts';

export const ROLES = [
  'coordinator',
  'itinerant',
  'representative',
  'gatekeeper',
  'liaison',
  'total',
] as const;
export type Role = (typeof ROLES)[number];
export type RoleArrays = Record<Role, Float64Array>;

export type Combine = 'min' | 'product';

export interface CountOptions {
  /** Weight each two-path by combine(w_ij, w_jk) instead of 1. Needs `g.weights`. */
  weighted?: boolean;
  combine?: Combine;
}

function emptyRoles(n: number): RoleArrays {
  return {
    coordinator: new Float64Array(n),
    itinerant: new Float64Array(n),
    representative: new Float64Array(n),
    gatekeeper: new Float64Array(n),
    liaison: new Float64Array(n),
    total: new Float64Array(n),
  };
}

/** Raw role counts (or weighted sums) per node; `groups[v]` is v's group index. */
export function brokerageCounts(g: Csr, groups: Int32Array, opts: CountOptions = {}): RoleArrays {
  const n = g.n;
  if (groups.length !== n) throw new RangeError(`groups has ${groups.length} entries for ${n} nodes`);
  const out = emptyRoles(n);
  const mark = new Int32Array(n).fill(-1);
  countInto(g, groups, opts, out, mark);
  return out;
}

function countInto(g: Csr, groups: Int32Array, opts: CountOptions, out: RoleArrays, mark: Int32Array): void {
  const { n, offsets, targets } = g;
  const weighted = opts.weighted ?? false;
  const weights = weighted ? g.weights : null;
  if (weighted && weights === null) throw new Error('weighted brokerage needs a weighted graph');
  const product = (opts.combine ?? 'min') === 'product';
  const wI = out.coordinator;
  const wO = out.itinerant;
  const bIO = out.representative;
  const bOI = out.gatekeeper;
  const bO = out.liaison;
  for (let i = 0; i < n; i++) {
    const start = offsets[i] as number;
    const end = offsets[i + 1] as number;
    if (start === end) continue;
    // Stamping i itself as well excludes k = i without a separate test.
    mark[i] = i;
    for (let e = start; e < end; e++) mark[targets[e] as number] = i;
    const gi = groups[i] as number;
    for (let e = start; e < end; e++) {
      const j = targets[e] as number;
      if (j === i) continue;
      const gj = groups[j] as number;
      const wij = weights ? (weights[e] as number) : 1;
      const jEnd = offsets[j + 1] as number;
      // Tally locally and add once per (i, j): fewer writes into the five output arrays.
      let cI = 0;
      let cO = 0;
      let cIO = 0;
      let cOI = 0;
      let cL = 0;
      for (let f = offsets[j] as number; f < jEnd; f++) {
        const k = targets[f] as number;
        if (k === j || mark[k] === i) continue;
        const gk = groups[k] as number;
        const c = weights
          ? product
            ? wij * (weights[f] as number)
            : Math.min(wij, weights[f] as number)
          : 1;
        if (gi === gj) {
          if (gj === gk) cI += c;
          else cIO += c;
        } else if (gj === gk) cOI += c;
        else if (gi === gk) cO += c;
        else cL += c;
      }
      if (cI !== 0) wI[j] = (wI[j] as number) + cI;
      if (cO !== 0) wO[j] = (wO[j] as number) + cO;
      if (cIO !== 0) bIO[j] = (bIO[j] as number) + cIO;
      if (cOI !== 0) bOI[j] = (bOI[j] as number) + cOI;
      if (cL !== 0) bO[j] = (bO[j] as number) + cL;
    }
  }
  const t = out.total;
  for (let v = 0; v < n; v++)
    t[v] =
      (wI[v] as number) + (wO[v] as number) + (bIO[v] as number) + (bOI[v] as number) + (bO[v] as number);
}

export interface SnaNull {
  /** Density used by the null: m / (N(N−1)). */
  density: number;
  /** Per-node expectation, sd and z (sna's exp.nli, sd.nli, z.nli). */
  exp: RoleArrays;
  sd: RoleArrays;
  z: RoleArrays;
  /** Whole-graph raw sums, expectation, sd and z (sna's raw.gli, exp.gli, sd.gli, z.gli). */
  global: Record<Role, { raw: number; exp: number; sd: number; z: number }>;
}

const choose2 = (x: number): number => (x * (x - 1)) / 2;

/** sna's closed-form Bernoulli null for observed counts `raw` on graph g. */
export function snaNull(g: Csr, groups: Int32Array, raw: RoleArrays): SnaNull {
  const N = g.n;
  const m = g.targets.length;
  const d = m / (N * (N - 1));
  // Group sizes in first-appearance order (sna's unique(cl)); order does not change the sums.
  const sizeOf = new Map<number, number>();
  for (let v = 0; v < N; v++) sizeOf.set(groups[v] as number, (sizeOf.get(groups[v] as number) ?? 0) + 1);
  const labels = [...sizeOf.keys()];
  const ns = labels.map((l) => sizeOf.get(l) as number);
  const p2 = d * d * (1 - d);
  const p3 = d ** 3 * (1 - d) ** 3;
  const expByGroup = new Map<number, number[]>();
  const varByGroup = new Map<number, number[]>();
  labels.forEach((label, i) => {
    const ni = ns[i] as number;
    const others = ns.filter((_, j) => j !== i);
    const sum = (f: (x: number) => number): number => others.reduce((acc, x) => acc + f(x), 0);
    const e = new Array<number>(6);
    const v = new Array<number>(6);
    e[0] = p2 * (ni - 1) * (ni - 2);
    v[0] = e[0] * (1 - p2) + 2 * (ni - 1) * (ni - 2) * (ni - 3) * p3;
    e[1] = p2 * sum((x) => x * (x - 1));
    v[1] = e[1] * (1 - p2) + 2 * sum((x) => x * (x - 1) * (x - 2)) * p3;
    e[2] = p2 * (N - ni) * (ni - 1);
    v[2] = e[2] * (1 - p2) + 2 * ((ni - 1) * choose2(N - ni) + (N - ni) * choose2(ni - 1)) * p3;
    e[3] = e[2];
    v[3] = v[2];
    let outer = 0;
    for (const a of others) for (const b of others) outer += a * b;
    e[4] = p2 * (outer - sum((x) => x * x));
    v[4] = e[4] * (1 - p2) + 4 * sum((x) => x * choose2(N - x - ni) * p3);
    e[5] = p2 * (N - 1) * (N - 2);
    v[5] = e[5] * (1 - p2) + 2 * (N - 1) * (N - 2) * (N - 3) * p3;
    expByGroup.set(label, e);
    varByGroup.set(label, v);
  });
  const exp = emptyRoles(N);
  const sd = emptyRoles(N);
  const z = emptyRoles(N);
  for (let u = 0; u < N; u++) {
    const e = expByGroup.get(groups[u] as number) as number[];
    const v = varByGroup.get(groups[u] as number) as number[];
    ROLES.forEach((role, r) => {
      const er = e[r] as number;
      const sr = Math.sqrt(v[r] as number);
      exp[role][u] = er;
      sd[role][u] = sr;
      z[role][u] = ((raw[role][u] as number) - er) / sr;
    });
  }
  return { density: d, exp, sd, z, global: globalNull(raw, ns, N, d) };
}

/** sna's graph-level expectations and variances (exp.gli / sd.gli), transcribed term by term. */
function globalNull(raw: RoleArrays, n: number[], N: number, d: number): SnaNull['global'] {
  const p2 = d * d * (1 - d);
  const a3 = d ** 3 * (1 - d) ** 3;
  const a4 = d ** 4 * (1 - d) ** 2;
  const a5 = d ** 5 * (1 - d);
  const sum = (f: (x: number) => number): number => n.reduce((acc, x) => acc + f(x), 0);
  const outer = (f: (x: number, y: number) => number): number =>
    n.reduce((acc, x) => acc + n.reduce((acc2, y) => acc2 + f(x, y), 0), 0);
  const e = new Array<number>(6).fill(0);
  const v = new Array<number>(6).fill(0);
  e[0] = p2 * sum((x) => x * (x - 1) * (x - 2));
  v[0] =
    e[0] * (1 - p2) +
    sum((x) => x * (x - 1) * (x - 2) * ((4 * x - 10) * a3 - 4 * (x - 3) * a4 + (x - 3) * a5));
  e[1] = p2 * sum((x) => x * (N - x) * (x - 1));
  v[1] =
    e[1] * (1 - p2) +
    (outer((x, y) => x * y * (x - 1) * ((2 * x + 2 * y - 6) * a3 + (N - x - 1) * a5)) -
      sum((x) => x * x * (x - 1) * ((4 * x - 6) * a3 + (N - x - 1) * a5)));
  e[2] = p2 * sum((x) => x * (N - x) * (x - 1));
  v[2] = e[2] * (1 - p2) + sum((x) => x * (N - x) * (x - 1) * ((N - 3) * a3 + (x - 2) * a5));
  e[3] = e[2];
  v[3] = v[2];
  e[4] = p2 * (outer((x, y) => x * y * (N - x - y)) - sum((x) => x * x * (N - 2 * x)));
  let v4 = e[4] * (1 - p2);
  const k = n.length;
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++)
      for (let l = 0; l < k; l++) {
        if (i === j || j === l || i === l) continue;
        const ni = n[i] as number;
        const nj = n[j] as number;
        const nl = n[l] as number;
        v4 +=
          ni *
          nj *
          nl *
          ((4 * (N - nj) - 2 * (ni + nl + 1)) * a3 -
            (4 * (N - nl) - 2 * (ni + nj + 1)) * a4 +
            (N - (ni + nl + 1)) * a5);
      }
  v[4] = v4;
  e[5] = p2 * N * (N - 1) * (N - 2);
  v[5] = e[5] * (1 - p2) + N * (N - 1) * (N - 2) * ((4 * N - 10) * a3 - 4 * (N - 3) * a4 + (N - 3) * a5);
  const out = {} as SnaNull['global'];
  ROLES.forEach((role, r) => {
    let s = 0;
    const arr = raw[role];
    for (let u = 0; u < arr.length; u++) s += arr[u] as number;
    const sr = Math.sqrt(v[r] as number);
    out[role] = { raw: s, exp: e[r] as number, sd: sr, z: (s - (e[r] as number)) / sr };
  });
  return out;
}

export interface SimulationOptions extends CountOptions {
  samples: number;
  seed: number;
  /** Degree-preserving null only: the CSR holds an undirected graph (both directions). */
  undirected?: boolean;
  /** Swap attempts before the first sample; default 10·m. */
  burnIn?: number;
  /** Swap attempts between samples; default m. */
  thin?: number;
}

export interface SimulatedNull {
  mean: RoleArrays;
  sd: RoleArrays;
  z: RoleArrays;
  samples: number;
  /** Degree-preserving null only: accepted / attempted swaps. */
  acceptance?: number;
}

/** Welford accumulators per role and node. */
class Moments {
  readonly mean: RoleArrays;
  readonly m2: RoleArrays;
  count = 0;
  constructor(n: number) {
    this.mean = emptyRoles(n);
    this.m2 = emptyRoles(n);
  }
  add(x: RoleArrays): void {
    this.count++;
    const c = this.count;
    for (const role of ROLES) {
      const xs = x[role];
      const mu = this.mean[role];
      const m2 = this.m2[role];
      for (let v = 0; v < xs.length; v++) {
        const xv = xs[v] as number;
        const d = xv - (mu[v] as number);
        const nm = (mu[v] as number) + d / c;
        mu[v] = nm;
        m2[v] = (m2[v] as number) + d * (xv - nm);
      }
    }
  }
  finish(observed: RoleArrays): SimulatedNull {
    const n = observed.total.length;
    const sd = emptyRoles(n);
    const z = emptyRoles(n);
    for (const role of ROLES) {
      for (let v = 0; v < n; v++) {
        const s = this.count > 1 ? Math.sqrt((this.m2[role][v] as number) / (this.count - 1)) : NaN;
        sd[role][v] = s;
        z[role][v] = ((observed[role][v] as number) - (this.mean[role][v] as number)) / s;
      }
    }
    return { mean: this.mean, sd, z, samples: this.count };
  }
}

function resetRoles(r: RoleArrays): void {
  for (const role of ROLES) r[role].fill(0);
}

/** Null by shuffling group labels over a fixed graph. */
export function permutationNull(
  g: Csr,
  groups: Int32Array,
  observed: RoleArrays,
  opts: SimulationOptions,
): SimulatedNull {
  const rng = createRng(opts.seed);
  const perm = Int32Array.from(groups);
  const moments = new Moments(g.n);
  const buf = emptyRoles(g.n);
  const mark = new Int32Array(g.n);
  for (let s = 0; s < opts.samples; s++) {
    shuffleInPlace(perm, rng);
    resetRoles(buf);
    mark.fill(-1);
    countInto(g, perm, opts, buf, mark);
    moments.add(buf);
  }
  return moments.finish(observed);
}

/** Null by degree-preserving double edge swaps (see the top comment). */
export function degreePreservingNull(
  g: Csr,
  groups: Int32Array,
  observed: RoleArrays,
  opts: SimulationOptions,
): SimulatedNull {
  const rng = createRng(opts.seed);
  // A private copy the chain mutates in place; out-degrees never change, so offsets stay valid.
  const work: Csr = {
    n: g.n,
    offsets: g.offsets,
    targets: g.targets.slice(),
    weights: g.weights ? g.weights.slice() : null,
    ids: g.ids,
  };
  const m = work.targets.length;
  const source = new Int32Array(m);
  for (let u = 0; u < g.n; u++) source.fill(u, g.offsets[u] as number, g.offsets[u + 1] as number);
  const swapper = opts.undirected
    ? new UndirectedSwapper(work, source, rng)
    : new DirectedSwapper(work, source, rng);
  const burnIn = opts.burnIn ?? 10 * m;
  const thin = opts.thin ?? m;
  const moments = new Moments(g.n);
  const buf = emptyRoles(g.n);
  const mark = new Int32Array(g.n);
  swapper.run(burnIn);
  for (let s = 0; s < opts.samples; s++) {
    if (s > 0) swapper.run(thin);
    resetRoles(buf);
    mark.fill(-1);
    countInto(work, groups, opts, buf, mark);
    moments.add(buf);
  }
  const result = moments.finish(observed);
  result.acceptance = swapper.attempts > 0 ? swapper.accepted / swapper.attempts : NaN;
  return result;
}

/**
 * One draw from the degree-preserving chain: `attempts` swap attempts (default 10·m) on a copy of
 * g. Exposed for tests and for users who want rewired graphs for other statistics.
 */
export function rewireDegreePreserving(
  g: Csr,
  opts: { seed: number; undirected?: boolean; attempts?: number },
): { graph: Csr; accepted: number } {
  const work: Csr = {
    n: g.n,
    offsets: g.offsets.slice(),
    targets: g.targets.slice(),
    weights: g.weights ? g.weights.slice() : null,
    ids: g.ids,
  };
  const m = work.targets.length;
  const source = new Int32Array(m);
  for (let u = 0; u < g.n; u++) source.fill(u, g.offsets[u] as number, g.offsets[u + 1] as number);
  const rng = createRng(opts.seed);
  const swapper = opts.undirected
    ? new UndirectedSwapper(work, source, rng)
    : new DirectedSwapper(work, source, rng);
  swapper.run(opts.attempts ?? 10 * m);
  return { graph: work, accepted: swapper.accepted };
}

function hasEdge(g: Csr, u: number, v: number): boolean {
  const end = g.offsets[u + 1] as number;
  const t = g.targets;
  for (let e = g.offsets[u] as number; e < end; e++) if (t[e] === v) return true;
  return false;
}

/** Slot of edge u→v in u's (unsorted, mutated) row; the caller knows it exists. */
function slotOf(g: Csr, u: number, v: number): number {
  const end = g.offsets[u + 1] as number;
  const t = g.targets;
  for (let e = g.offsets[u] as number; e < end; e++) if (t[e] === v) return e;
  throw new Error(`internal: edge ${u}→${v} missing during rewiring`);
}

class DirectedSwapper {
  attempts = 0;
  accepted = 0;
  constructor(
    private readonly g: Csr,
    private readonly source: Int32Array,
    private readonly rng: Rng,
  ) {}
  run(k: number): void {
    const { g, source, rng } = this;
    const t = g.targets;
    const m = t.length;
    if (m < 2) return;
    for (let it = 0; it < k; it++) {
      this.attempts++;
      const e1 = rng.int(m);
      const e2 = rng.int(m);
      const a = source[e1] as number;
      const b = t[e1] as number;
      const c = source[e2] as number;
      const d = t[e2] as number;
      if (a === c || b === d || a === d || c === b) continue;
      if (hasEdge(g, a, d) || hasEdge(g, c, b)) continue;
      t[e1] = d;
      t[e2] = b;
      this.accepted++;
    }
  }
}

/** Swaps on a symmetric CSR: each undirected edge is the slot pair (u→v, v→u). */
class UndirectedSwapper {
  attempts = 0;
  accepted = 0;
  constructor(
    private readonly g: Csr,
    private readonly source: Int32Array,
    private readonly rng: Rng,
  ) {}
  run(k: number): void {
    const { g, source, rng } = this;
    const t = g.targets;
    const m = t.length;
    if (m < 4) return;
    for (let it = 0; it < k; it++) {
      this.attempts++;
      const e1 = rng.int(m);
      const e2 = rng.int(m);
      const a = source[e1] as number;
      const b = t[e1] as number;
      const c = source[e2] as number;
      const d = t[e2] as number;
      // a–b, c–d ⇒ a–d, c–b needs four distinct endpoints and both new ties absent.
      if (a === c || a === d || b === c || b === d) continue;
      if (hasEdge(g, a, d) || hasEdge(g, c, b)) continue;
      const fb = slotOf(g, b, a);
      const fd = slotOf(g, d, c);
      t[e1] = d; // a→d
      t[e2] = b; // c→b
      t[fb] = c; // b→c
      t[fd] = a; // d→a
      if (g.weights) {
        // Keep each undirected tie's two slots equal: the new tie a–d takes a's weight.
        const w = g.weights;
        w[fd] = w[e1] as number;
        w[fb] = w[e2] as number;
      }
      this.accepted++;
    }
  }
}
