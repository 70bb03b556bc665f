import { logPnormTabled, pnorm, qnorm } from './normal.ts';
import { quantile, rng } from '../random.ts';
import { pearson } from '../stats.ts';
import type { Params, Problem } from './problem.ts';

/**
 * Gibbs sampler for the dynamic ordinal model with the dynamic prior of Bailey, Strezhnev & Voeten
 * (2017) as their published sampler (UN_Ideal_Rcpp.R) implements it; the code here is our own.
 *
 * Latent Z_ij = β_j θ_u + ε, ε ~ N(0, 1); yes if Z < c1_j, abstain if c1_j ≤ Z < c2_j, no otherwise.
 * Each sweep: (1) every θ_u from its normal full conditional, whose prior is centred on the
 * previous session's conditional mean from the last sweep (the next session's for a state's first
 * session) with variance smooth · n_u / (n_u + n_prev), n = votes cast, so a session with few votes
 * leans on its neighbour; positions clipped to ±5 and standardised to mean 0, SD 1; (2) both cutpoints
 * of every item by one Metropolis–Hastings step (truncated normal proposals inside [−7, 7]); (3) Z
 * from its truncated normal, clipped to ±9; (4) β_j from its normal full conditional, prior N(0, 1).
 *
 * The one-sided prior is not the conditional of a single joint distribution (a session's position
 * does not feed back into its predecessor's prior), so the chain's stationary distribution is the
 * object BSV report rather than the posterior of a proper random walk; we keep it because it is
 * their model. Estimates are the means of the kept draws, intervals their quantiles.
 */
export interface SamplerOptions {
  /** BSV's `Smooth`: the scale of the dynamic prior's variance (default 0.5; smaller = smoother). */
  smooth: number;
  burn: number;
  draws: number;
  thin: number;
  seed: number;
  level: number;
}

export interface SamplerResult {
  mean: Float64Array;
  sd: Float64Array;
  lo: Float64Array;
  hi: Float64Array;
  sweeps: number;
  /** Correlation between the means of the first and second half of the kept draws. */
  splitHalfR: number;
  /** Largest absolute difference between those two half-chain means. */
  splitHalfMaxDiff: number;
}

const CUT_BOUND = 7;
const Z_BOUND = 9;
const THETA_BOUND = 5;
/** Random-walk proposal SD for the cutpoints (Johnson & Albert's 0.05/C with a wider C, as BSV). */
const CUT_STEP = 0.2 / 3;

/** Log-probability of category y (0 yes, 1 abstain, 2 no) at mean mu, stable in both tails. */
function logCell(y: number, c1: number, c2: number, mu: number): number {
  if (y === 0) return logPnormTabled(c1 - mu);
  if (y === 2) return logPnormTabled(mu - c2);
  const p = c1 - mu > 0 ? pnorm(mu - c1) - pnorm(mu - c2) : pnorm(c2 - mu) - pnorm(c1 - mu);
  return Math.log(Math.max(p, 1e-300));
}

/**
 * A draw from N(0, 1) truncated to (a, ∞): plain rejection when a is low, otherwise Robert's (1995)
 * exponential proposal, so the common one-sided yes/no cells need no CDF or quantile evaluations.
 */
function upperTail(a: number, normal: () => number, uniform: () => number): number {
  if (a < 0.45) {
    for (;;) { const x = normal(); if (x > a) return x; }
  }
  const rate = (a + Math.sqrt(a * a + 4)) / 2;
  for (;;) {
    const x = a - Math.log(uniform() || 1e-300) / rate;
    if (uniform() <= Math.exp(-0.5 * (x - rate) ** 2)) return x;
  }
}

/** A draw from N(0, 1) truncated to (a, b), by inversion on the tail that keeps precision. */
function betweenBounds(a: number, b: number, u: number): number {
  if (a > 0) {
    const pa = pnorm(-a), pb = pnorm(-b);
    return -qnorm(Math.max(pa - u * (pa - pb), 1e-300));
  }
  const pa = pnorm(a), pb = pnorm(b);
  return qnorm(Math.min(Math.max(pa + u * (pb - pa), 1e-300), 1 - 1e-16));
}

/** The dynamic prior of each unit: which unit's conditional mean centres it, and its precision. */
function dynamicPrior(p: Problem, smooth: number): { anchor: Int32Array; precision: Float64Array } {
  const anchor = new Int32Array(p.nUnits).fill(-1), precision = new Float64Array(p.nUnits);
  const votes = (u: number): number => p.unitStart[u + 1]! - p.unitStart[u]!;
  for (let k = 0; k + 1 < p.stateStart.length; k++) {
    const s = p.stateStart[k]!, n = p.stateStart[k + 1]! - s;
    for (let t = 0; t < n; t++) {
      const u = s + t;
      const other = t > 0 ? u - 1 : n > 1 ? u + 1 : -1;
      anchor[u] = other;
      // A state seen in one session only has no neighbour: centre 0, weight as if it had one of equal size.
      precision[u] = other < 0 ? 1 / smooth : (votes(u) + votes(other)) / (votes(u) * smooth);
    }
  }
  return { anchor, precision };
}

export function sampleIdealPoints(p: Problem, start: Params, opts: SamplerOptions): SamplerResult {
  const { theta, beta, c1, c2 } = start;
  for (let j = 0; j < p.nItems; j++) {
    c1[j] = Math.min(Math.max(c1[j]!, -CUT_BOUND), CUT_BOUND - 1e-3);
    c2[j] = Math.max(Math.min(c2[j]!, CUT_BOUND), c1[j]! + 1e-3);
  }
  const uniform = rng(opts.seed);
  let spare = NaN;
  const normal = (): number => {
    if (!Number.isNaN(spare)) { const x = spare; spare = NaN; return x; }
    const r = Math.sqrt(-2 * Math.log(uniform() || 1e-300)), a = 2 * Math.PI * uniform();
    spare = r * Math.sin(a);
    return r * Math.cos(a);
  };
  const { anchor, precision } = dynamicPrior(p, opts.smooth);
  const condMean = Float64Array.from(theta), lastMean = new Float64Array(p.nUnits);
  const sumBZ = new Float64Array(p.nUnits), sumB2 = new Float64Array(p.nUnits);
  const z = new Float64Array(p.nObs);
  /** Latent vote of category y on item j at mean mu, clipped as BSV do. */
  const latent = (y: number, j: number, mu: number): number => {
    const x = y === 0 ? -upperTail(mu - c1[j]!, normal, uniform) : y === 2 ? upperTail(c2[j]! - mu, normal, uniform) : betweenBounds(c1[j]! - mu, c2[j]! - mu, uniform());
    return Math.min(Math.max(mu + x, -Z_BOUND), Z_BOUND);
  };
  for (let j = 0; j < p.nItems; j++) {
    for (let q = p.itemStart[j]!; q < p.itemStart[j + 1]!; q++) z[q] = latent(p.itemY[q]!, j, beta[j]! * theta[p.itemUnit[q]!]!);
  }
  const kept = new Float32Array(opts.draws * p.nUnits);
  const sweeps = opts.burn + opts.draws * opts.thin;
  let k = 0;
  for (let sweep = 1; sweep <= sweeps; sweep++) {
    // (1) positions
    sumBZ.fill(0);
    sumB2.fill(0);
    for (let j = 0; j < p.nItems; j++) {
      const b = beta[j]!;
      for (let q = p.itemStart[j]!; q < p.itemStart[j + 1]!; q++) { const u = p.itemUnit[q]!; sumBZ[u]! += b * z[q]!; sumB2[u]! += b * b; }
    }
    lastMean.set(condMean);
    for (let u = 0; u < p.nUnits; u++) {
      const centre = anchor[u]! >= 0 ? lastMean[anchor[u]!]! : 0;
      const v = 1 / (sumB2[u]! + precision[u]!);
      condMean[u] = v * (sumBZ[u]! + precision[u]! * centre);
      theta[u] = Math.min(Math.max(condMean[u]! + Math.sqrt(v) * normal(), -THETA_BOUND), THETA_BOUND);
    }
    standardiseDraw(theta);
    // (2) cutpoints, (3) latent votes, (4) discriminations, item by item
    for (let j = 0; j < p.nItems; j++) {
      const b = beta[j]!, g1 = c1[j]!, g2 = c2[j]!;
      const u1 = uniform(), u2 = uniform();
      const n1 = g1 + CUT_STEP * qnorm(u1 * pnorm((g2 - g1) / CUT_STEP) + pnorm((-CUT_BOUND - g1) / CUT_STEP) * (1 - u1));
      const n2 = g2 + CUT_STEP * qnorm(u2 * pnorm((CUT_BOUND - g2) / CUT_STEP) + pnorm((n1 - g2) / CUT_STEP) * (1 - u2));
      if (Number.isFinite(n1) && Number.isFinite(n2) && n2 > n1) {
        let logRatio = Math.log(Math.max(1 - pnorm((n1 - g2) / CUT_STEP), 1e-300)) - Math.log(Math.max(1 - pnorm((g1 - n2) / CUT_STEP), 1e-300));
        for (let q = p.itemStart[j]!; q < p.itemStart[j + 1]!; q++) {
          const y = p.itemY[q]!, mu = b * theta[p.itemUnit[q]!]!;
          logRatio += logCell(y, n1, n2, mu) - logCell(y, g1, g2, mu);
        }
        if (Math.log(uniform()) < logRatio) { c1[j] = n1; c2[j] = n2; }
      }
      let stt = 0, stz = 0;
      for (let q = p.itemStart[j]!; q < p.itemStart[j + 1]!; q++) {
        const th = theta[p.itemUnit[q]!]!;
        const draw = latent(p.itemY[q]!, j, b * th);
        z[q] = draw;
        stt += th * th;
        stz += th * draw;
      }
      const vb = 1 / (stt + 1);
      beta[j] = vb * stz + Math.sqrt(vb) * normal();
    }
    if (sweep > opts.burn && (sweep - opts.burn) % opts.thin === 0) kept.set(theta, (k++) * p.nUnits);
  }
  return summarise(kept, k, p.nUnits, opts.level, sweeps);
}

function standardiseDraw(theta: Float64Array): void {
  const n = theta.length;
  let m = 0;
  for (let u = 0; u < n; u++) m += theta[u]!;
  m /= n;
  let v = 0;
  for (let u = 0; u < n; u++) v += (theta[u]! - m) ** 2;
  const sd = Math.sqrt(v / (n - 1)) || 1;
  for (let u = 0; u < n; u++) theta[u] = (theta[u]! - m) / sd;
}

function summarise(kept: Float32Array, draws: number, nUnits: number, level: number, sweeps: number): SamplerResult {
  const mean = new Float64Array(nUnits), sd = new Float64Array(nUnits), lo = new Float64Array(nUnits), hi = new Float64Array(nUnits);
  const firstHalf = new Float64Array(nUnits), secondHalf = new Float64Array(nUnits);
  const half = draws >> 1;
  const xs = new Float64Array(draws);
  for (let u = 0; u < nUnits; u++) {
    let s = 0, a = 0, b = 0;
    for (let r = 0; r < draws; r++) {
      const x = kept[r * nUnits + u]!;
      xs[r] = x;
      s += x;
      if (r < half) a += x; else b += x;
    }
    const m = s / draws;
    let v = 0;
    for (let r = 0; r < draws; r++) v += (xs[r]! - m) ** 2;
    xs.sort();
    mean[u] = m;
    sd[u] = Math.sqrt(v / Math.max(1, draws - 1));
    lo[u] = quantile(xs, (1 - level) / 2);
    hi[u] = quantile(xs, (1 + level) / 2);
    firstHalf[u] = a / Math.max(1, half);
    secondHalf[u] = b / Math.max(1, draws - half);
  }
  let maxDiff = 0;
  for (let u = 0; u < nUnits; u++) maxDiff = Math.max(maxDiff, Math.abs(firstHalf[u]! - secondHalf[u]!));
  return { mean, sd, lo, hi, sweeps, splitHalfR: pearson(firstHalf, secondHalf), splitHalfMaxDiff: maxDiff };
}
