import { quantile, rng } from '../random.ts';
import { cellTerms, pnorm, qnorm } from './normal.ts';
import {
  buildProblem,
  orientIndex,
  orientParams,
  standardise,
  startValues,
  type Params,
  type Problem,
  type ProblemOptions,
} from './problem.ts';
import { sampleIdealPointsThreaded, type ThreadOptions } from './sampler-threads.ts';
import { sampleIdealPoints, type SamplerOptions, type SamplerResult } from './sampler.ts';
import { BSV_FILTER, type VoteFilter } from './subset.ts';
import type { AlignmentProvenance, VoteData } from './types.ts';

/**
 * Dynamic ordinal ideal points (one dimension) after Bailey, Strezhnev & Voeten (2017, "BSV").
 *
 * Model. State i in session t has position θ_it. On item j (a roll call, or a chain of identical
 * resolutions bridged across sessions) the latent propensity to oppose is y* = β_j θ_it + ε, ε ~ N(0,1),
 * and the vote is yes if y* < c1_j, abstain if c1_j ≤ y* < c2_j, no otherwise (abstention is the middle
 * category). Positions are standardised to mean 0, SD 1 over all state-sessions (BSV's identification)
 * and oriented so that the orientation state (default the United States) is positive.
 *
 * Two estimators share that likelihood and differ in the dynamic prior:
 * - `gibbs` (default): BSV's own dynamic prior, each session's position centred on the previous
 *   session's with a weight set by the vote counts, sampled by a Gibbs sampler (./sampler.ts);
 *   estimates are posterior means, intervals posterior quantiles. This reproduces BSV's published
 *   estimates (docs/alignment.md).
 * - `mode`: a proper Gaussian random walk θ_it | θ_i,prev ~ N(θ_i,prev, ω² · gap), θ_i,first ~ N(0, σ0²),
 *   β_j ~ N(0, σβ²), c_j ~ N(0, σc²), fitted to its posterior mode by block-coordinate Newton ascent:
 *   every item's (c1, c2, β) by a damped 3×3 Newton step, then every state's whole trajectory by one
 *   Newton step whose Hessian is the diagonal likelihood curvature plus the tridiagonal random-walk
 *   precision (a Kalman-smoother solve, O(T) per state). Uncertainty: Laplace (conditional on the
 *   items) or a parametric bootstrap. Faster, and its prior is a proper joint one.
 */
export interface IdealPointOptions extends ProblemOptions {
  /** Estimator (default 'gibbs'). */
  method?: 'gibbs' | 'mode';
  /**
   * gibbs: BSV's smoothing constant (default 0.5); burn-in sweeps (100), kept draws (150), thinning (1);
   * the convergence diagnostics behind these defaults are in docs/alignment.md.
   */
  smooth?: number;
  burn?: number;
  draws?: number;
  thin?: number;
  /**
   * mode: random-walk innovation SD per session on the standardised scale (default 0.05; sensitivity in
   * docs/alignment.md).
   */
  rwSd?: number;
  /** mode: prior SD of a state's first position (default 1). */
  initSd?: number;
  /** mode: prior SDs of discrimination and cutpoints (defaults 2.5 and 3). */
  betaSd?: number;
  cutSd?: number;
  /**
   * State identifiers, first match wins, whose mean position is made positive (default: the United States
   * under its usual codes).
   */
  orient?: string[];
  /** mode: sweep limit and stopping rule (no standardised position moves more than `tol`, default 1e-4). */
  maxIter?: number;
  tol?: number;
  /** mode: parametric bootstrap replicates for intervals (default 0: Laplace intervals only). */
  bootstrap?: number;
  seed?: number;
  /** Width of the reported interval (default 0.9). */
  level?: number;
  /** mode: warm start from a previous fit on the same data and options. */
  start?: IdealPointFit;
}

export interface IdealPointFit {
  states: string[];
  /** One entry per state-session with at least one retained vote, sorted by state then session. */
  unitState: Int32Array;
  unitSession: Int32Array;
  nVotes: Int32Array;
  /** Posterior mean (gibbs) or mode (mode). */
  theta: Float64Array;
  /** Posterior SD (gibbs: of the draws; mode: bootstrap SD when bootstrapped, else Laplace). */
  sd: Float64Array;
  lo: Float64Array;
  hi: Float64Array;
  /**
   * Item parameters (gibbs: the last draw); `rollcallItem[r]` maps a roll call of the filtered data to its
   * item (-1 = dropped).
   */
  rollcallRcid: Int32Array;
  rollcallItem: Int32Array;
  beta: Float64Array;
  c1: Float64Array;
  c2: Float64Array;
  /** Sweeps run. */
  iterations: number;
  /**
   * mode: the stopping rule was met; gibbs: the two halves of the kept draws agree (r ≥ 0.99 between their
   * means).
   */
  converged: boolean;
  /** mode: log-posterior at the mode; gibbs: null. */
  logPosterior: number | null;
  seconds: number;
  provenance: AlignmentProvenance;
}

const DEFAULT_ORIENT = ['USA', 'US', 'United States', 'United States of America', '2'];

interface Hyper {
  rwVar: number;
  initVar: number;
  betaVar: number;
  cutVar: number;
}

const T = new Float64Array(5);

/** Log-likelihood of item j at (c1, c2, β). */
function itemLogLik(
  p: Problem,
  theta: Float64Array,
  j: number,
  c1: number,
  c2: number,
  beta: number,
): number {
  let ll = 0;
  for (let q = p.itemStart[j]!; q < p.itemStart[j + 1]!; q++) {
    const mu = beta * theta[p.itemUnit[q]!]!;
    const y = p.itemY[q]!;
    cellTerms(
      y === 0 ? -Infinity : (y === 1 ? c1 : c2) - mu,
      y === 0 ? c1 - mu : y === 1 ? c2 - mu : Infinity,
      T,
    );
    ll += T[0]!;
  }
  return ll;
}

/**
 * One damped Newton step for every item's (c1, c2, β); items without abstentions are binary probits (c1 =
 * c2).
 */
function updateItems(p: Problem, par: Params, h: Hyper): number {
  const { theta, beta, c1, c2 } = par;
  let total = 0;
  for (let j = 0; j < p.nItems; j++) {
    const binary = p.counts[j * 3 + 1] === 0;
    // gradient and negative Hessian over (c1, c2, β)
    let g1 = 0,
      g2 = 0,
      gb = 0,
      h11 = 0,
      h22 = 0,
      h12 = 0,
      h1b = 0,
      h2b = 0,
      hbb = 0,
      ll = 0;
    const b = beta[j]!,
      k1 = c1[j]!,
      k2 = c2[j]!;
    for (let q = p.itemStart[j]!; q < p.itemStart[j + 1]!; q++) {
      const th = theta[p.itemUnit[q]!]!;
      const mu = b * th;
      const y = p.itemY[q]!;
      if (y === 0) {
        cellTerms(-Infinity, k1 - mu, T);
        const A = T[1]!,
          uA = T[3]!;
        const duu = uA + A * A; // −∂²ℓ/∂u²
        g1 += A;
        gb -= A * th;
        h11 += duu;
        h1b -= duu * th;
        hbb += duu * th * th;
      } else if (y === 2) {
        cellTerms(k2 - mu, Infinity, T);
        const B = T[2]!,
          lB = T[4]!;
        const dll = B * B - lB; // −∂²ℓ/∂l²
        g2 -= B;
        gb += B * th;
        h22 += dll;
        h2b -= dll * th;
        hbb += dll * th * th;
      } else {
        cellTerms(k1 - mu, k2 - mu, T);
        const A = T[1]!,
          B = T[2]!,
          uA = T[3]!,
          lB = T[4]!;
        // u = c2 − μ, l = c1 − μ
        const duu = uA + A * A,
          dll = B * B - lB,
          dul = -A * B;
        g2 += A;
        g1 -= B;
        gb -= (A - B) * th;
        h22 += duu;
        h11 += dll;
        h12 += dul;
        h2b -= (duu + dul) * th;
        h1b -= (dll + dul) * th;
        hbb += (duu + dll + 2 * dul) * th * th;
      }
      ll += T[0]!;
    }
    // priors
    g1 -= k1 / h.cutVar;
    g2 -= k2 / h.cutVar;
    gb -= b / h.betaVar;
    h11 += 1 / h.cutVar;
    h22 += 1 / h.cutVar;
    hbb += 1 / h.betaVar;
    const obj0 = ll - (k1 * k1 + k2 * k2) / (2 * h.cutVar) - (b * b) / (2 * h.betaVar);
    let d1: number, d2: number, db: number;
    if (binary) {
      // c1 = c2 = c: collapse the two cutpoint coordinates into one
      const gc = g1 + g2,
        hcc = h11 + h22 + 2 * h12,
        hcb = h1b + h2b;
      const det = hcc * hbb - hcb * hcb;
      const dc = (hbb * gc - hcb * gb) / det;
      db = (hcc * gb - hcb * gc) / det;
      d1 = dc;
      d2 = dc;
    } else {
      // 3×3 solve by Cholesky of the (positive definite) negative Hessian
      const l11 = Math.sqrt(h11),
        l21 = h12 / l11,
        l31 = h1b / l11;
      const l22 = Math.sqrt(Math.max(h22 - l21 * l21, 1e-12)),
        l32 = (h2b - l31 * l21) / l22;
      const l33 = Math.sqrt(Math.max(hbb - l31 * l31 - l32 * l32, 1e-12));
      const z1 = g1 / l11,
        z2 = (g2 - l21 * z1) / l22,
        z3 = (gb - l31 * z1 - l32 * z2) / l33;
      db = z3 / l33;
      d2 = (z2 - l32 * db) / l22;
      d1 = (z1 - l21 * d2 - l31 * db) / l11;
    }
    const big = Math.max(Math.abs(d1), Math.abs(d2), Math.abs(db));
    let step = big > 1 ? 1 / big : 1;
    let accepted = false;
    for (let tries = 0; tries < 6; tries++) {
      const n1 = k1 + step * d1;
      let n2 = k2 + step * d2;
      const nb = b + step * db;
      if (binary) n2 = n1;
      else if (n2 - n1 < 1e-3) {
        step *= 0.5;
        continue;
      }
      const obj =
        itemLogLik(p, theta, j, n1, n2, nb) -
        (n1 * n1 + n2 * n2) / (2 * h.cutVar) -
        (nb * nb) / (2 * h.betaVar);
      if (obj >= obj0 - 1e-10) {
        c1[j] = n1;
        c2[j] = n2;
        beta[j] = nb;
        total += obj;
        accepted = true;
        break;
      }
      step *= 0.5;
    }
    if (!accepted) total += obj0;
  }
  return total;
}

/** Diagonal likelihood gradient and curvature of every unit, at the current parameters. */
function unitDerivs(p: Problem, par: Params, g: Float64Array, hdiag: Float64Array): number {
  const { theta, beta, c1, c2 } = par;
  let ll = 0;
  for (let u = 0; u < p.nUnits; u++) {
    const th = theta[u]!;
    let gu = 0,
      hu = 0;
    for (let q = p.unitStart[u]!; q < p.unitStart[u + 1]!; q++) {
      const j = p.unitItem[q]!;
      const b = beta[j]!,
        mu = b * th,
        y = p.unitY[q]!;
      if (y === 0) cellTerms(-Infinity, c1[j]! - mu, T);
      else if (y === 2) cellTerms(c2[j]! - mu, Infinity, T);
      else cellTerms(c1[j]! - mu, c2[j]! - mu, T);
      const A = T[1]!,
        B = T[2]!;
      // ∂ℓ/∂μ = −(A − B); −∂²ℓ/∂μ² = (uA − lB) + (A − B)²
      gu -= (A - B) * b;
      hu += (T[3]! - T[4]! + (A - B) * (A - B)) * b * b;
      ll += T[0]!;
    }
    g[u] = gu;
    hdiag[u] = hu;
  }
  return ll;
}

/**
 * One Newton step on every state's trajectory: (H + P) Δ = g − Pθ with P the random-walk precision.
 * Returns the log-prior of the positions before the step. Writes posterior variances into `varOut` when
 * given.
 */
function updateUnits(
  p: Problem,
  par: Params,
  h: Hyper,
  g: Float64Array,
  hdiag: Float64Array,
  varOut?: Float64Array,
): number {
  const theta = par.theta;
  let logPrior = 0;
  const maxT = maxTrajectory(p);
  const D = new Float64Array(maxT),
    Lo = new Float64Array(maxT),
    z = new Float64Array(maxT),
    off = new Float64Array(maxT),
    diag = new Float64Array(maxT),
    rhs = new Float64Array(maxT);
  for (let k = 0; k + 1 < p.stateStart.length; k++) {
    const s = p.stateStart[k]!,
      n = p.stateStart[k + 1]! - s;
    // prior precision (tridiagonal) and gradient
    for (let t = 0; t < n; t++) {
      diag[t] = hdiag[s + t]!;
      rhs[t] = g[s + t]!;
      off[t] = 0;
    }
    diag[0]! += 1 / h.initVar;
    rhs[0]! -= theta[s]! / h.initVar;
    logPrior -= (theta[s]! * theta[s]!) / (2 * h.initVar);
    for (let t = 1; t < n; t++) {
      const w = 1 / (h.rwVar * p.gap[s + t]!);
      const dlt = theta[s + t]! - theta[s + t - 1]!;
      diag[t - 1]! += w;
      diag[t]! += w;
      off[t] = -w; // off[t] couples t-1 and t
      rhs[t]! -= w * dlt;
      rhs[t - 1]! += w * dlt;
      logPrior -= (w * dlt * dlt) / 2;
    }
    // LDLᵀ of the tridiagonal matrix, forward and back substitution
    D[0] = diag[0]!;
    z[0] = rhs[0]!;
    for (let t = 1; t < n; t++) {
      Lo[t] = off[t]! / D[t - 1]!;
      D[t] = diag[t]! - Lo[t]! * off[t]!;
      z[t] = rhs[t]! - Lo[t]! * z[t - 1]!;
    }
    let next = 0;
    let maxStep = 0;
    const dx = rhs; // reuse buffer: rhs no longer needed once z is formed
    for (let t = n - 1; t >= 0; t--) {
      const x = z[t]! / D[t]! - (t + 1 < n ? Lo[t + 1]! * next : 0);
      dx[t] = x;
      next = x;
      if (Math.abs(x) > maxStep) maxStep = Math.abs(x);
    }
    const damp = maxStep > 1 ? 1 / maxStep : 1;
    for (let t = 0; t < n; t++) theta[s + t]! += damp * dx[t]!;
    if (varOut) {
      let v = 1 / D[n - 1]!;
      varOut[s + n - 1] = v;
      for (let t = n - 2; t >= 0; t--) {
        v = 1 / D[t]! + Lo[t + 1]! * Lo[t + 1]! * v;
        varOut[s + t] = v;
      }
    }
  }
  return logPrior;
}

function maxTrajectory(p: Problem): number {
  let m = 1;
  for (let k = 0; k + 1 < p.stateStart.length; k++) m = Math.max(m, p.stateStart[k + 1]! - p.stateStart[k]!);
  return m;
}

function hyper(opts: IdealPointOptions): Hyper {
  return {
    rwVar: (opts.rwSd ?? 0.05) ** 2,
    initVar: (opts.initSd ?? 1) ** 2,
    betaVar: (opts.betaSd ?? 2.5) ** 2,
    cutVar: (opts.cutSd ?? 3) ** 2,
  };
}

interface CoreResult {
  par: Params;
  variance: Float64Array;
  iterations: number;
  converged: boolean;
  logPosterior: number;
}

function fitCore(p: Problem, par: Params, h: Hyper, maxIter: number, tol: number): CoreResult {
  const g = new Float64Array(p.nUnits),
    hd = new Float64Array(p.nUnits);
  const prev = new Float64Array(p.nUnits);
  let converged = false,
    it = 0,
    logPost = -Infinity;
  for (it = 1; it <= maxIter; it++) {
    prev.set(par.theta);
    const itemObj = updateItems(p, par, h);
    unitDerivs(p, par, g, hd);
    const lp = updateUnits(p, par, h, g, hd);
    standardise(p, par);
    logPost = itemObj + lp;
    let move = 0;
    for (let u = 0; u < p.nUnits; u++) move = Math.max(move, Math.abs(par.theta[u]! - prev[u]!));
    if (move < tol) {
      converged = true;
      break;
    }
  }
  // Laplace variances at the mode: a zero-length Newton pass for the curvature only.
  const variance = new Float64Array(p.nUnits);
  unitDerivs(p, par, g, hd);
  const frozen = Float64Array.from(par.theta);
  g.fill(0);
  updateUnits(p, { ...par, theta: frozen }, h, g, hd, variance);
  return { par, variance, iterations: Math.min(it, maxIter), converged, logPosterior: logPost };
}

/**
 * Estimates dynamic ordinal ideal points of every state-session in `data` (see the module comment), on this
 * thread.
 */
export function estimateIdealPoints(data: VoteData, opts: IdealPointOptions = {}): IdealPointFit {
  const fit = prepare(data, opts);
  if (fit.method === 'mode') return fit.finish(fitMode(fit.p, data.states, fit.orient, opts));
  const g = gibbsSetup(fit.p, data.states, fit.orient, opts);
  return fit.finish(
    gibbsEstimate(fit.p, data.states, fit.orient, g, sampleIdealPoints(fit.p, g.par, g.options)),
  );
}

/**
 * The same fit with the Gibbs sampler's item steps on several threads (identical results; `mode` runs on this
 * thread).
 */
export async function estimateIdealPointsThreaded(
  data: VoteData,
  opts: IdealPointOptions = {},
  threads: ThreadOptions = {},
): Promise<IdealPointFit> {
  const fit = prepare(data, opts);
  if (fit.method === 'mode') return fit.finish(fitMode(fit.p, data.states, fit.orient, opts));
  const g = gibbsSetup(fit.p, data.states, fit.orient, opts);
  return fit.finish(
    gibbsEstimate(
      fit.p,
      data.states,
      fit.orient,
      g,
      await sampleIdealPointsThreaded(fit.p, g.par, g.options, threads),
    ),
  );
}

type Estimate = Pick<
  IdealPointFit,
  'theta' | 'sd' | 'lo' | 'hi' | 'beta' | 'c1' | 'c2' | 'iterations' | 'converged' | 'logPosterior'
>;
interface MethodResult {
  fit: Estimate;
  method: string;
  options: Record<string, unknown>;
}

/** The problem, validated options, and how to wrap an estimate into a fit with its provenance. */
function prepare(
  data: VoteData,
  opts: IdealPointOptions,
): { p: Problem; orient: string[]; method: 'gibbs' | 'mode'; finish: (est: MethodResult) => IdealPointFit } {
  const t0 = performance.now();
  const p = buildProblem(data, opts);
  if (p.nUnits === 0 || p.nItems === 0) throw new Error('no contested votes left after filtering');
  const method = opts.method ?? 'gibbs';
  if (method === 'gibbs' && (opts.bootstrap ?? 0) > 0)
    throw new Error('bootstrap applies to the mode estimator; the Gibbs sampler gives posterior intervals');
  const finish = (est: MethodResult): IdealPointFit => {
    const nVotes = new Int32Array(p.nUnits);
    for (let u = 0; u < p.nUnits; u++) nVotes[u] = p.unitStart[u + 1]! - p.unitStart[u]!;
    return {
      states: data.states,
      unitState: p.unitState,
      unitSession: p.unitSession,
      nVotes,
      ...est.fit,
      rollcallRcid: p.rollcallRcid,
      rollcallItem: p.rollcallItem,
      seconds: (performance.now() - t0) / 1000,
      provenance: {
        method: est.method,
        rollcalls: p.nRollcalls,
        votes: p.nObs,
        options: {
          filter: summariseFilter(opts.filter ?? BSV_FILTER),
          bridge: opts.matches ? `matched pairs: ${opts.matches.length}` : (opts.bridge ?? false),
          minMinority: opts.minMinority ?? 1,
          ...est.options,
          items: p.nItems,
        },
      },
    };
  };
  return { p, orient: opts.orient ?? DEFAULT_ORIENT, method, finish };
}

function gibbsSetup(
  p: Problem,
  states: string[],
  orient: string[],
  opts: IdealPointOptions,
): { par: Params; options: SamplerOptions } {
  const o = {
    smooth: opts.smooth ?? 0.5,
    burn: opts.burn ?? 100,
    draws: opts.draws ?? 150,
    thin: opts.thin ?? 1,
    seed: opts.seed ?? 1,
    level: opts.level ?? 0.9,
  };
  if (
    !(o.smooth > 0) ||
    !Number.isInteger(o.burn) ||
    o.burn < 0 ||
    !Number.isInteger(o.draws) ||
    o.draws < 2 ||
    !Number.isInteger(o.thin) ||
    o.thin < 1
  ) {
    throw new RangeError(
      'gibbs options: smooth > 0, burn ≥ 0, draws ≥ 2 and thin ' +
        `≥ 1 (whole numbers) expected, got ${JSON.stringify(o)}`,
    );
  }
  return { par: startValues(p, states, orient), options: o };
}

/** Posterior summaries of a finished chain, oriented; the item parameters are the chain's last draw. */
function gibbsEstimate(
  p: Problem,
  states: string[],
  orient: string[],
  g: { par: Params; options: SamplerOptions },
  r: SamplerResult,
): MethodResult {
  const { par, options } = g;
  let { mean: theta, lo, hi } = r;
  const ref = orientIndex(p, states, orient);
  let refSum = 0;
  for (let u = 0; u < p.nUnits; u++) if (p.unitState[u] === ref) refSum += theta[u]!;
  if (refSum < 0) {
    [theta, lo, hi] = [theta.map((x) => -x), hi.map((x) => -x), lo.map((x) => -x)];
    par.beta.forEach((b, j) => {
      par.beta[j] = -b;
    });
  }
  return {
    fit: {
      theta,
      sd: r.sd,
      lo,
      hi,
      beta: par.beta,
      c1: par.c1,
      c2: par.c2,
      iterations: r.sweeps,
      converged: r.splitHalfR >= 0.99,
      logPosterior: null,
    },
    method:
      "dynamic ordinal probit IRT with BSV's dynamic prior, " +
      'posterior means by Gibbs sampling (Interconnector)',
    options: {
      method: 'gibbs',
      ...options,
      splitHalfR: r.splitHalfR,
      splitHalfMaxDiff: r.splitHalfMaxDiff,
      essMedian: r.essMedian,
      essMin: r.essMin,
    },
  };
}

function fitMode(p: Problem, states: string[], orient: string[], opts: IdealPointOptions): MethodResult {
  const h = hyper(opts);
  let par: Params;
  if (opts.start && opts.start.theta.length === p.nUnits && opts.start.beta.length === p.nItems) {
    par = {
      theta: Float64Array.from(opts.start.theta),
      beta: Float64Array.from(opts.start.beta),
      c1: Float64Array.from(opts.start.c1),
      c2: Float64Array.from(opts.start.c2),
    };
  } else par = startValues(p, states, orient);
  const maxIter = opts.maxIter ?? 500,
    tol = opts.tol ?? 1e-4;
  const core = fitCore(p, par, h, maxIter, tol);
  orientParams(p, core.par, orientIndex(p, states, orient));
  const theta = core.par.theta;
  const level = opts.level ?? 0.9;
  const zq = qnorm(0.5 + level / 2);
  const sd = core.variance.map(Math.sqrt);
  const lo = new Float64Array(p.nUnits),
    hi = new Float64Array(p.nUnits);
  for (let u = 0; u < p.nUnits; u++) {
    lo[u] = theta[u]! - zq * sd[u]!;
    hi[u] = theta[u]! + zq * sd[u]!;
  }

  const nBoot = opts.bootstrap ?? 0;
  if (nBoot > 0) {
    const draws = bootstrapDraws(p, core.par, h, nBoot, opts.seed ?? 1, states, orient, tol);
    for (let u = 0; u < p.nUnits; u++) {
      const xs = new Float64Array(nBoot);
      for (let r = 0; r < nBoot; r++) xs[r] = draws[r]![u]!;
      xs.sort();
      let m = 0;
      for (const x of xs) m += x;
      m /= nBoot;
      let v = 0;
      for (const x of xs) v += (x - m) ** 2;
      sd[u] = Math.sqrt(v / Math.max(1, nBoot - 1));
      // Percentile intervals re-centred on the mode (basic bootstrap) so the point estimate stays inside.
      lo[u] = theta[u]! - (quantile(xs, 0.5 + level / 2) - m);
      hi[u] = theta[u]! + (m - quantile(xs, 0.5 - level / 2));
    }
  }
  return {
    fit: {
      theta,
      sd,
      lo,
      hi,
      beta: core.par.beta,
      c1: core.par.c1,
      c2: core.par.c2,
      iterations: core.iterations,
      converged: core.converged,
      logPosterior: core.logPosterior,
    },
    method: 'dynamic ordinal probit IRT, posterior mode by block Newton (Interconnector)',
    options: { method: 'mode', ...h, bootstrap: nBoot },
  };
}

function summariseFilter(f: VoteFilter): Record<string, unknown> {
  const { rollcall, ...rest } = f;
  return rollcall ? { ...rest, rollcall: 'custom predicate' } : rest;
}

/** Parametric bootstrap: redraw every observed vote from the fitted model, refit from the mode. */
function bootstrapDraws(
  p: Problem,
  fitted: Params,
  h: Hyper,
  n: number,
  seed: number,
  states: string[],
  orient: string[],
  tol: number,
): Float64Array[] {
  const rand = rng(seed);
  const out: Float64Array[] = [];
  const ref = orientIndex(p, states, orient);
  for (let r = 0; r < n; r++) {
    const itemY = new Int8Array(p.nObs),
      unitY = new Int8Array(p.nObs);
    const counts = new Int32Array(p.nItems * 3);
    for (let j = 0; j < p.nItems; j++) {
      for (let q = p.itemStart[j]!; q < p.itemStart[j + 1]!; q++) {
        const mu = fitted.beta[j]! * fitted.theta[p.itemUnit[q]!]!;
        const x = rand(),
          pYes = pnorm(fitted.c1[j]! - mu),
          pAbs = pnorm(fitted.c2[j]! - mu);
        const y = x < pYes ? 0 : x < pAbs ? 1 : 2;
        itemY[q] = y;
        unitY[p.itemToUnitPos[q]!] = y;
        counts[j * 3 + y]!++;
      }
    }
    const pb: Problem = { ...p, itemY, unitY, counts };
    const par: Params = {
      theta: Float64Array.from(fitted.theta),
      beta: Float64Array.from(fitted.beta),
      c1: Float64Array.from(fitted.c1),
      c2: Float64Array.from(fitted.c2),
    };
    // A replicate can lose all abstentions on an item; keep its cutpoints ordered for the binary branch.
    for (let j = 0; j < p.nItems; j++) if (counts[j * 3 + 1] === 0) par.c2[j] = par.c1[j]!;
    const core = fitCore(pb, par, h, 200, Math.max(tol, 1e-3));
    orientParams(pb, core.par, ref);
    out.push(core.par.theta);
  }
  return out;
}

/** Rows of a fit, one per state-session, for tables and joins. */
export function idealPointRows(fit: IdealPointFit): {
  state: string;
  session: number;
  year: number;
  theta: number;
  sd: number;
  lo: number;
  hi: number;
  nVotes: number;
}[] {
  return Array.from(fit.theta, (theta, u) => ({
    state: fit.states[fit.unitState[u]!]!,
    session: fit.unitSession[u]!,
    year: 1945 + fit.unitSession[u]!,
    theta,
    sd: fit.sd[u]!,
    lo: fit.lo[u]!,
    hi: fit.hi[u]!,
    nVotes: fit.nVotes[u]!,
  }));
}
