import { dirichlet, normal } from '../random.ts';

export interface McPoint {
  ip: number;
  sd: number;
}

export interface McInput {
  /** States × components, row-major; NaN = missing. */
  values: Float64Array;
  n: number;
  components: number;
  weights: number[];
  /** Column of the alignment component, redrawn from the ideal points' uncertainty. */
  alignCol: number;
  ideal: Array<McPoint | undefined>;
  poles: Array<McPoint | undefined>;
  /** Whether each state passes the strategic-autonomy tests that do not vary across draws. */
  fixedOk: Uint8Array;
  /** Cells (row-major like values) that do not apply: left out, never filled with the median. */
  notApplicable?: Uint8Array;
  minIndex: number;
  draws: number;
  concentration: number;
  rand: () => number;
}

/** Per state and draw (state-major: state i's draws at [i·draws, (i+1)·draws)). */
export interface McOutput {
  index: Float64Array;
  rank: Float64Array;
  sa: Uint8Array;
}

/**
 * Equidistance of a position between the first pole and the nearest other one (see the alignment component).
 */
export function equidistance(position: number, poles: ArrayLike<number>): number {
  const first = poles[0];
  if (first === undefined || Number.isNaN(first)) return NaN;
  const d1 = Math.abs(position - first);
  let d2 = Infinity;
  for (let k = 1; k < poles.length; k++)
    if (!Number.isNaN(poles[k]!)) d2 = Math.min(d2, Math.abs(position - poles[k]!));
  if (!Number.isFinite(d2)) return NaN;
  return d1 + d2 === 0 ? 1 : 1 - Math.abs(d1 - d2) / (d1 + d2);
}

/**
 * The uncertainty and sensitivity analysis on flat typed arrays with buffers reused across draws
 * (a reader moving a weight re-runs it): each draw samples weights (Dirichlet around the chosen
 * ones), a normalisation (goalposts or percentile ranks), a missing-data treatment (re-weighting or
 * the year's median) and the ideal points, then scores and ranks every state.
 */
export function monteCarlo(input: McInput): McOutput {
  const { n, components: C, values, draws, rand } = input;
  const out: McOutput = {
    index: new Float64Array(n * draws),
    rank: new Float64Array(n * draws),
    sa: new Uint8Array(n * draws),
  };
  const work = new Float64Array(n * C);
  const column = new Float64Array(n);
  const order = new Int32Array(n);
  const idx = new Float64Array(n);
  const medians = new Float64Array(C);
  const poles = new Float64Array(input.poles.length);

  for (let d = 0; d < draws; d++) {
    const wd = dirichlet(rand, input.weights, input.concentration);
    const rankNorm = rand() < 0.5;
    const medianFill = rand() < 0.5;
    input.poles.forEach((p, k) => {
      poles[k] = p ? p.ip + normal(rand) * p.sd : NaN;
    });
    work.set(values);
    for (let i = 0; i < n; i++) {
      const own = input.ideal[i];
      const cell = i * C + input.alignCol;
      if (own && !Number.isNaN(work[cell]!)) work[cell] = equidistance(own.ip + normal(rand) * own.sd, poles);
    }
    if (rankNorm) for (let c = 0; c < C; c++) rankInPlace(work, n, C, c, order);
    if (medianFill) {
      for (let c = 0; c < C; c++) {
        let m = 0;
        for (let i = 0; i < n; i++) {
          const x = work[i * C + c]!;
          if (!Number.isNaN(x)) column[m++] = x;
        }
        const sorted = column.subarray(0, m).sort();
        medians[c] = m === 0 ? NaN : m % 2 ? sorted[(m - 1) / 2]! : (sorted[m / 2 - 1]! + sorted[m / 2]!) / 2;
      }
    }
    for (let i = 0; i < n; i++) {
      let s = 0,
        wsum = 0;
      for (let c = 0; c < C; c++) {
        let x = work[i * C + c]!;
        if (Number.isNaN(x)) {
          if (!medianFill || input.notApplicable?.[i * C + c]) continue;
          x = medians[c]!;
          if (Number.isNaN(x)) continue;
        }
        s += x * wd[c]!;
        wsum += wd[c]!;
      }
      idx[i] = wsum > 0 ? s / wsum : NaN;
    }
    // Ranks: 1 = highest; ties share the better rank.
    let m = 0;
    for (let i = 0; i < n; i++) if (!Number.isNaN(idx[i]!)) order[m++] = i;
    const ranked = order.subarray(0, m).sort((a, b) => idx[b]! - idx[a]!);
    for (let i = 0; i < n; i++) out.rank[i * draws + d] = NaN;
    for (let k = 0; k < m; k++) {
      const i = ranked[k]!;
      out.rank[i * draws + d] =
        k > 0 && idx[ranked[k - 1]!] === idx[i] ? out.rank[ranked[k - 1]! * draws + d]! : k + 1;
    }
    for (let i = 0; i < n; i++) {
      out.index[i * draws + d] = idx[i]!;
      out.sa[i * draws + d] = input.fixedOk[i] && idx[i]! >= input.minIndex ? 1 : 0;
    }
  }
  return out;
}

/** Replaces column c by its percentile ranks among non-missing states (ties averaged). */
function rankInPlace(work: Float64Array, n: number, C: number, c: number, order: Int32Array): void {
  let m = 0;
  for (let i = 0; i < n; i++) if (!Number.isNaN(work[i * C + c]!)) order[m++] = i;
  const sorted = order.subarray(0, m).sort((a, b) => work[a * C + c]! - work[b * C + c]!);
  const ranks = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    let j = k;
    while (j + 1 < m && work[sorted[j + 1]! * C + c] === work[sorted[k]! * C + c]) j++;
    const r = m > 1 ? (k + j) / 2 / (m - 1) : 0.5;
    for (let t = k; t <= j; t++) ranks[t] = r;
    k = j;
  }
  for (let k = 0; k < m; k++) work[sorted[k]! * C + c] = ranks[k]!;
}
