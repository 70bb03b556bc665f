import { DrawStream as Stream, mixSeed3 } from './draws.ts';
import { logPnormTabled, pnorm, pnormTabled, qnorm } from './normal.ts';
import { quantile } from '../random.ts';
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
  /** Effective sample size of each unit's kept draws (Geyer's initial positive sequence): median, minimum. */
  essMedian: number;
  essMin: number;
}

const CUT_BOUND = 7;
const Z_BOUND = 9;
const THETA_BOUND = 5;
/**
 * Proposal SD for the cutpoints: BSV's 0.2/3, larger than Johnson & Albert's 0.05/C so that the cutpoints
 * mix.
 */
const CUT_STEP = 0.2 / 3;

/** Log-probability of category y (0 yes, 1 abstain, 2 no) at mean mu, stable in both tails. */
function logCell(y: number, c1: number, c2: number, mu: number): number {
  if (y === 0) return logPnormTabled(c1 - mu);
  if (y === 2) return logPnormTabled(mu - c2);
  const p =
    c1 - mu > 0 ? pnormTabled(mu - c1) - pnormTabled(mu - c2) : pnormTabled(c2 - mu) - pnormTabled(c1 - mu);
  return Math.log(Math.max(p, 1e-300));
}

/**
 * A draw from N(0, 1) truncated to (a, ∞): plain rejection when a is low, otherwise Robert's (1995)
 * exponential proposal, so the common one-sided yes/no cells need no CDF or quantile evaluations.
 */
function upperTail(a: number, s: Stream): number {
  if (a < 0.45) {
    for (;;) {
      const x = s.normal();
      if (x > a) return x;
    }
  }
  const rate = (a + Math.sqrt(a * a + 4)) / 2;
  for (;;) {
    const x = a - Math.log(s.uniform() || 1e-300) / rate;
    if (s.uniform() <= Math.exp(-0.5 * (x - rate) ** 2)) return x;
  }
}

/** A draw from N(0, 1) truncated to (a, b), by inversion on the tail that keeps precision. */
function betweenBounds(a: number, b: number, u: number): number {
  if (a > 0) {
    const pa = pnormTabled(-a),
      pb = pnormTabled(-b);
    return -qnorm(Math.max(pa - u * (pa - pb), 1e-300));
  }
  const pa = pnormTabled(a),
    pb = pnormTabled(b);
  return qnorm(Math.min(Math.max(pa + u * (pb - pa), 1e-300), 1 - 1e-16));
}

/** The dynamic prior of each unit: which unit's conditional mean centres it, and its precision. */
function dynamicPrior(p: Problem, smooth: number): { anchor: Int32Array; precision: Float64Array } {
  const anchor = new Int32Array(p.nUnits).fill(-1),
    precision = new Float64Array(p.nUnits);
  const votes = (u: number): number => p.unitStart[u + 1]! - p.unitStart[u]!;
  for (let k = 0; k + 1 < p.stateStart.length; k++) {
    const s = p.stateStart[k]!,
      n = p.stateStart[k + 1]! - s;
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

/** Latent vote of category y at mean mu between the item's cutpoints, clipped to ±9 as BSV do. */
function latent(y: number, k1: number, k2: number, mu: number, s: Stream): number {
  const x =
    y === 0
      ? -upperTail(mu - k1, s)
      : y === 2
        ? upperTail(k2 - mu, s)
        : betweenBounds(k1 - mu, k2 - mu, s.uniform());
  return Math.min(Math.max(mu + x, -Z_BOUND), Z_BOUND);
}

/**
 * What the item steps read and write, as ordinary or SharedArrayBuffer-backed arrays so that worker
 * threads can take a share of the items (./sampler-threads.ts).
 */
export interface SweepState {
  itemStart: Int32Array;
  itemUnit: Int32Array;
  itemY: Int8Array;
  theta: Float64Array;
  beta: Float64Array;
  c1: Float64Array;
  c2: Float64Array;
  /** Latent vote of every observation, item-major. */
  z: Float64Array;
}

/**
 * Steps (2)–(4) for items from … to − 1 in sweep `sweep` (sweep 0: latent votes only, to start the
 * chain). Every item draws from a stream seeded by (seed, sweep, item), so a chain does not depend on
 * how the items are split across threads.
 */
export function itemBlock(
  st: SweepState,
  from: number,
  to: number,
  sweep: number,
  seed: number,
  s: Stream,
): void {
  const { itemStart, itemUnit, itemY, theta, beta, c1, c2, z } = st;
  for (let j = from; j < to; j++) {
    s.reset(mixSeed3(seed, sweep, j));
    const b = beta[j]!,
      q0 = itemStart[j]!,
      q1 = itemStart[j + 1]!;
    if (sweep === 0) {
      for (let q = itemStart[j]!; q < itemStart[j + 1]!; q++)
        z[q] = latent(itemY[q]!, c1[j]!, c2[j]!, b * theta[itemUnit[q]!]!, s);
      continue;
    }
    const g1 = c1[j]!,
      g2 = c2[j]!;
    const u1 = s.uniform(),
      u2 = s.uniform();
    const n1 =
      g1 +
      CUT_STEP * qnorm(u1 * pnorm((g2 - g1) / CUT_STEP) + pnorm((-CUT_BOUND - g1) / CUT_STEP) * (1 - u1));
    const n2 =
      g2 + CUT_STEP * qnorm(u2 * pnorm((CUT_BOUND - g2) / CUT_STEP) + pnorm((n1 - g2) / CUT_STEP) * (1 - u2));
    if (Number.isFinite(n1) && Number.isFinite(n2) && n2 > n1) {
      let logRatio =
        Math.log(Math.max(1 - pnorm((n1 - g2) / CUT_STEP), 1e-300)) -
        Math.log(Math.max(1 - pnorm((g1 - n2) / CUT_STEP), 1e-300));
      // The loops below inline logCell and latent by vote category: they run once per vote per sweep.
      for (let q = q0; q < q1; q++) {
        const y = itemY[q]!,
          mu = b * theta[itemUnit[q]!]!;
        if (y === 0) logRatio += logPnormTabled(n1 - mu) - logPnormTabled(g1 - mu);
        else if (y === 2) logRatio += logPnormTabled(mu - n2) - logPnormTabled(mu - g2);
        else logRatio += logCell(1, n1, n2, mu) - logCell(1, g1, g2, mu);
      }
      if (Math.log(s.uniform()) < logRatio) {
        c1[j] = n1;
        c2[j] = n2;
      }
    }
    const k1 = c1[j]!,
      k2 = c2[j]!;
    let stt = 0,
      stz = 0;
    for (let q = q0; q < q1; q++) {
      const th = theta[itemUnit[q]!]!,
        y = itemY[q]!,
        mu = b * th;
      let x: number;
      if (y === 1) x = betweenBounds(k1 - mu, k2 - mu, s.uniform());
      else {
        // yes: Z < k1, i.e. Z − μ = −X with X > μ − k1; no: Z − μ = X with X > k2 − μ
        const a = y === 0 ? mu - k1 : k2 - mu;
        if (a < 0.45) {
          do x = s.normal();
          while (x <= a);
        } else x = upperTail(a, s);
        if (y === 0) x = -x;
      }
      const draw = Math.min(Math.max(mu + x, -Z_BOUND), Z_BOUND);
      z[q] = draw;
      stt += th * th;
      stz += th * draw;
    }
    const vb = 1 / (stt + 1);
    beta[j] = vb * stz + Math.sqrt(vb) * s.normal();
  }
}

/**
 * One chain: its state, step (1) for the positions, and the kept draws. Drivers interleave
 * `positions(sweep)` with item blocks over all items and call `keep(sweep)` after each sweep.
 */
export class Chain {
  readonly state: SweepState;
  readonly sweeps: number;
  readonly stream = new Stream();
  private readonly anchor: Int32Array;
  private readonly precision: Float64Array;
  private readonly condMean: Float64Array;
  private readonly lastMean: Float64Array;
  private readonly sumBZ: Float64Array;
  private readonly sumB2: Float64Array;
  private readonly kept: Float32Array;
  private nKept = 0;

  /** `state` defaults to the start values themselves (updated in place) and the problem's arrays. */
  constructor(
    private readonly p: Problem,
    start: Params,
    private readonly opts: SamplerOptions,
    state?: SweepState,
  ) {
    this.state = state ?? {
      itemStart: p.itemStart,
      itemUnit: p.itemUnit,
      itemY: p.itemY,
      ...start,
      z: new Float64Array(p.nObs),
    };
    const { c1, c2 } = this.state;
    for (let j = 0; j < p.nItems; j++) {
      c1[j] = Math.min(Math.max(c1[j]!, -CUT_BOUND), CUT_BOUND - 1e-3);
      c2[j] = Math.max(Math.min(c2[j]!, CUT_BOUND), c1[j]! + 1e-3);
    }
    ({ anchor: this.anchor, precision: this.precision } = dynamicPrior(p, opts.smooth));
    this.condMean = Float64Array.from(this.state.theta);
    this.lastMean = new Float64Array(p.nUnits);
    this.sumBZ = new Float64Array(p.nUnits);
    this.sumB2 = new Float64Array(p.nUnits);
    this.sweeps = opts.burn + opts.draws * opts.thin;
    this.kept = new Float32Array(opts.draws * p.nUnits);
  }

  /** Step (1): every position from its full conditional, then clipped and standardised. */
  positions(sweep: number): void {
    const {
      p,
      state: { itemStart, itemUnit, theta, beta, z },
      sumBZ,
      sumB2,
      anchor,
      precision,
      condMean,
      lastMean,
    } = this;
    sumBZ.fill(0);
    sumB2.fill(0);
    for (let j = 0; j < p.nItems; j++) {
      const b = beta[j]!;
      for (let q = itemStart[j]!; q < itemStart[j + 1]!; q++) {
        const u = itemUnit[q]!;
        sumBZ[u]! += b * z[q]!;
        sumB2[u]! += b * b;
      }
    }
    lastMean.set(condMean);
    const s = this.stream.reset(mixSeed3(this.opts.seed, sweep, -1));
    for (let u = 0; u < p.nUnits; u++) {
      const centre = anchor[u]! >= 0 ? lastMean[anchor[u]!]! : 0;
      const v = 1 / (sumB2[u]! + precision[u]!);
      condMean[u] = v * (sumBZ[u]! + precision[u]! * centre);
      theta[u] = Math.min(Math.max(condMean[u]! + Math.sqrt(v) * s.normal(), -THETA_BOUND), THETA_BOUND);
    }
    standardiseDraw(theta);
  }

  keep(sweep: number): void {
    if (sweep > this.opts.burn && (sweep - this.opts.burn) % this.opts.thin === 0)
      this.kept.set(this.state.theta, this.nKept++ * this.p.nUnits);
  }

  result(): SamplerResult {
    return summarise(this.kept, this.nKept, this.p.nUnits, this.opts.level, this.sweeps);
  }
}

/** The whole chain on this thread. */
export function sampleIdealPoints(p: Problem, start: Params, opts: SamplerOptions): SamplerResult {
  const chain = new Chain(p, start, opts);
  itemBlock(chain.state, 0, p.nItems, 0, opts.seed, chain.stream);
  for (let sweep = 1; sweep <= chain.sweeps; sweep++) {
    chain.positions(sweep);
    itemBlock(chain.state, 0, p.nItems, sweep, opts.seed, chain.stream);
    chain.keep(sweep);
  }
  return chain.result();
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

function summarise(
  kept: Float32Array,
  draws: number,
  nUnits: number,
  level: number,
  sweeps: number,
): SamplerResult {
  const mean = new Float64Array(nUnits),
    sd = new Float64Array(nUnits),
    lo = new Float64Array(nUnits),
    hi = new Float64Array(nUnits);
  const firstHalf = new Float64Array(nUnits),
    secondHalf = new Float64Array(nUnits);
  const half = draws >> 1;
  const xs = new Float64Array(draws);
  for (let u = 0; u < nUnits; u++) {
    let s = 0,
      a = 0,
      b = 0;
    for (let r = 0; r < draws; r++) {
      const x = kept[r * nUnits + u]!;
      xs[r] = x;
      s += x;
      if (r < half) a += x;
      else b += x;
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
  const ess = new Float64Array(nUnits);
  for (let u = 0; u < nUnits; u++) ess[u] = effectiveSize(kept, draws, nUnits, u, mean[u]!);
  ess.sort();
  return {
    mean,
    sd,
    lo,
    hi,
    sweeps,
    splitHalfR: pearson(firstHalf, secondHalf),
    splitHalfMaxDiff: maxDiff,
    essMedian: nUnits ? quantile(ess, 0.5) : 0,
    essMin: nUnits ? ess[0]! : 0,
  };
}

/**
 * Effective sample size of one unit's draws: n / (1 + 2 Σ ρ_k), the autocorrelations summed in pairs
 * (ρ_2m + ρ_2m+1) while the pair stays positive (Geyer 1992), capped at n.
 */
export function effectiveSize(
  kept: Float32Array,
  draws: number,
  stride: number,
  u: number,
  m: number,
): number {
  let c0 = 0;
  for (let r = 0; r < draws; r++) c0 += (kept[r * stride + u]! - m) ** 2;
  if (!(c0 > 0)) return draws;
  const rho = (k: number): number => {
    let c = 0;
    for (let r = 0; r + k < draws; r++) c += (kept[r * stride + u]! - m) * (kept[(r + k) * stride + u]! - m);
    return c / c0;
  };
  let sum = 0;
  for (let k = 1; k + 1 < draws; k += 2) {
    const pair = rho(k) + rho(k + 1);
    if (pair <= 0) break;
    sum += pair;
  }
  return Math.min(draws, draws / (1 + 2 * sum));
}
