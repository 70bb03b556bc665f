import { cellTerms, pnorm, qnorm } from './normal.ts';
import { BSV_FILTER, selectVotes, type VoteFilter } from './subset.ts';
import type { AlignmentProvenance, VoteData } from './types.ts';

/**
 * Dynamic ordinal ideal points (one dimension), in the spirit of Bailey, Strezhnev & Voeten (2017).
 *
 * Model. State i in session t has position θ_it. On item j (a roll call, or a chain of identical
 * resolutions bridged across sessions) the latent propensity to oppose is y* = β_j θ_it + ε, ε ~ N(0,1),
 * and the vote is yes if y* < c1_j, abstain if c1_j ≤ y* < c2_j, no otherwise (abstention is the middle
 * category). Priors: θ_i,first ~ N(0, σ0²); θ_it | θ_i,prev ~ N(θ_i,prev, ω² · gap) (a random walk over
 * the sessions the state voted in); β_j ~ N(0, σβ²); c_j ~ N(0, σc²).
 *
 * Estimator. Posterior mode by block-coordinate Newton ascent: every item's (c1, c2, β) by a damped
 * 3×3 Newton step, then every state's whole trajectory θ_i· by one Newton step whose Hessian is the
 * diagonal likelihood curvature plus the tridiagonal random-walk precision (a Kalman-smoother solve,
 * O(T) per state). The ordered-probit log-likelihood is concave in each block, so each step is well
 * posed. After every sweep the positions are standardised (mean 0, SD 1 over all state-sessions, as
 * BSV do) with the item parameters transformed so that the likelihood is unchanged. Uncertainty:
 * the Laplace approximation (inverse of the trajectory's Hessian, conditional on the items) and,
 * on request, a parametric bootstrap that also carries item-parameter uncertainty.
 */
export interface IdealPointOptions {
  /** Roll-call / state selection; default BSV's filters (session 19 out, amendment and paragraph votes after 1989 out). */
  filter?: VoteFilter;
  /** Share item parameters between roll calls with the same `resid` (default true). */
  bridge?: boolean;
  /** Drop items whose votes outside the modal category number fewer than this (default 1: only unanimous items go). */
  minMinority?: number;
  /** Random-walk innovation SD per session, on the standardised scale (default 0.05; see docs/alignment.md for the sensitivity). */
  rwSd?: number;
  /** Prior SD of a state's first position (default 1). */
  initSd?: number;
  /** Prior SDs of discrimination and cutpoints (defaults 2.5 and 3). */
  betaSd?: number;
  cutSd?: number;
  /** State identifiers, first match wins, whose mean position is made positive (default: the United States under its usual codes). */
  orient?: string[];
  maxIter?: number;
  /** Stop when no standardised position moves more than this in a sweep (default 1e-4). */
  tol?: number;
  /** Parametric bootstrap replicates for intervals (default 0: Laplace intervals only). */
  bootstrap?: number;
  seed?: number;
  /** Width of the reported interval (default 0.9). */
  level?: number;
  /** Warm start from a previous fit on the same data and options. */
  start?: IdealPointFit;
}

export interface IdealPointFit {
  states: string[];
  /** One entry per state-session with at least one retained vote, sorted by state then session. */
  unitState: Int32Array;
  unitSession: Int32Array;
  nVotes: Int32Array;
  theta: Float64Array;
  /** Posterior SD (bootstrap SD when bootstrapped, else Laplace). */
  sd: Float64Array;
  lo: Float64Array;
  hi: Float64Array;
  /** Item parameters; `rollcallItem[r]` maps a roll call of the filtered data to its item (-1 = dropped). */
  rollcallRcid: Int32Array;
  rollcallItem: Int32Array;
  beta: Float64Array;
  c1: Float64Array;
  c2: Float64Array;
  iterations: number;
  converged: boolean;
  logPosterior: number;
  seconds: number;
  provenance: AlignmentProvenance;
}

const DEFAULT_ORIENT = ['USA', 'US', 'United States', 'United States of America', '2'];

/** The estimation problem in flat arrays: observations sorted by item and, separately, by unit. */
interface Problem {
  nItems: number;
  nUnits: number;
  unitState: Int32Array;
  unitSession: Int32Array;
  /** Units of state-trajectory k are stateStart[k] .. stateStart[k+1]-1. */
  stateStart: Int32Array;
  /** Sessions elapsed since the unit's previous unit (0 for a state's first unit). */
  gap: Int32Array;
  itemStart: Int32Array;
  itemUnit: Int32Array;
  itemY: Int8Array;
  unitStart: Int32Array;
  unitItem: Int32Array;
  unitY: Int8Array;
  /** Unit-major position of the observation stored at each item-major position. */
  itemToUnitPos: Int32Array;
  /** Category counts per item: yes, abstain, no. */
  counts: Int32Array;
  rollcallRcid: Int32Array;
  rollcallItem: Int32Array;
  nObs: number;
  nRollcalls: number;
}

function buildProblem(data: VoteData, opts: IdealPointOptions): Problem {
  const d = selectVotes(data, opts.filter ?? BSV_FILTER);
  const R = d.rollcalls.length;
  // Bridge only keys that are unambiguous inside each session: a title voted twice in one session
  // (e.g. parts A and B) cannot be told apart from its namesake next year.
  const rollItem = new Int32Array(R).fill(-1);
  const bridge = opts.bridge ?? true;
  const perSession = new Map<string, number>();
  if (bridge) for (const rc of d.rollcalls) if (rc.resid) perSession.set(`${rc.session}\u0000${rc.resid}`, (perSession.get(`${rc.session}\u0000${rc.resid}`) ?? 0) + 1);
  const keyItem = new Map<string, number>();
  let nItemsRaw = 0;
  d.rollcalls.forEach((rc, r) => {
    if (bridge && rc.resid && perSession.get(`${rc.session}\u0000${rc.resid}`) === 1) {
      let it = keyItem.get(rc.resid);
      if (it === undefined) keyItem.set(rc.resid, (it = nItemsRaw++));
      rollItem[r] = it;
    } else rollItem[r] = nItemsRaw++;
  });
  // Unanimity is judged on the bridged item, as BSV do.
  const rawCounts = new Int32Array(nItemsRaw * 3);
  for (let k = 0; k < d.vote.length; k++) rawCounts[rollItem[d.voteRollcall[k]!]! * 3 + d.vote[k]! - 1]!++;
  const minMinority = opts.minMinority ?? 1;
  const itemMap = new Int32Array(nItemsRaw).fill(-1);
  let nItems = 0;
  for (let j = 0; j < nItemsRaw; j++) {
    const a = rawCounts[j * 3]!, b = rawCounts[j * 3 + 1]!, c = rawCounts[j * 3 + 2]!;
    if (a + b + c - Math.max(a, b, c) >= minMinority && a + b + c - Math.max(a, b, c) > 0) itemMap[j] = nItems++;
  }
  const rollcallItem = new Int32Array(R);
  for (let r = 0; r < R; r++) rollcallItem[r] = itemMap[rollItem[r]!]!;

  // Units: (state, session) pairs with a retained vote, ordered by state then session.
  const keep: number[] = [];
  for (let k = 0; k < d.vote.length; k++) if (rollcallItem[d.voteRollcall[k]!]! >= 0) keep.push(k);
  const unitKey = new Map<number, number>();
  const maxSession = d.rollcalls.reduce((m, rc) => Math.max(m, rc.session), 0) + 1;
  for (const k of keep) unitKey.set(d.voteState[k]! * maxSession + d.rollcalls[d.voteRollcall[k]!]!.session, 0);
  const keys = [...unitKey.keys()].sort((x, y) => x - y);
  keys.forEach((key, i) => unitKey.set(key, i));
  const nUnits = keys.length;
  const unitState = new Int32Array(nUnits), unitSession = new Int32Array(nUnits), gap = new Int32Array(nUnits);
  const starts: number[] = [];
  keys.forEach((key, i) => {
    unitState[i] = Math.floor(key / maxSession);
    unitSession[i] = key % maxSession;
    if (i === 0 || unitState[i - 1] !== unitState[i]) { starts.push(i); gap[i] = 0; } else gap[i] = unitSession[i]! - unitSession[i - 1]!;
  });
  starts.push(nUnits);

  const nObs = keep.length;
  const obsItem = new Int32Array(nObs), obsUnit = new Int32Array(nObs), obsY = new Int8Array(nObs);
  keep.forEach((k, o) => {
    obsItem[o] = rollcallItem[d.voteRollcall[k]!]!;
    obsUnit[o] = unitKey.get(d.voteState[k]! * maxSession + d.rollcalls[d.voteRollcall[k]!]!.session)!;
    obsY[o] = d.vote[k]! - 1;
  });
  const csr = (n: number, key: Int32Array, other: Int32Array): [Int32Array, Int32Array, Int8Array, Int32Array] => {
    const start = new Int32Array(n + 1);
    for (let o = 0; o < nObs; o++) start[key[o]! + 1]!++;
    for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
    const fill = start.slice(0, n);
    const oth = new Int32Array(nObs), y = new Int8Array(nObs), at = new Int32Array(nObs);
    for (let o = 0; o < nObs; o++) { const p = fill[key[o]!]!++; oth[p] = other[o]!; y[p] = obsY[o]!; at[o] = p; }
    return [start, oth, y, at];
  };
  const [itemStart, itemUnit, itemY, itemPos] = csr(nItems, obsItem, obsUnit);
  const [unitStart, unitItem, unitY, unitPos] = csr(nUnits, obsUnit, obsItem);
  const itemToUnitPos = new Int32Array(nObs);
  for (let o = 0; o < nObs; o++) itemToUnitPos[itemPos[o]!] = unitPos[o]!;
  const counts = new Int32Array(nItems * 3);
  for (let o = 0; o < nObs; o++) counts[obsItem[o]! * 3 + obsY[o]!]!++;
  return {
    nItems, nUnits, unitState, unitSession, stateStart: Int32Array.from(starts), gap,
    itemStart, itemUnit, itemY, unitStart, unitItem, unitY, itemToUnitPos, counts,
    rollcallRcid: Int32Array.from(d.rollcalls.map((rc) => rc.rcid)), rollcallItem, nObs, nRollcalls: R,
  };
}

/** Mutable parameter state of one fit. */
interface Params { theta: Float64Array; beta: Float64Array; c1: Float64Array; c2: Float64Array }

interface Hyper { rwVar: number; initVar: number; betaVar: number; cutVar: number }

const T = new Float64Array(5);

/** Log-likelihood of item j at (c1, c2, β). */
function itemLogLik(p: Problem, theta: Float64Array, j: number, c1: number, c2: number, beta: number): number {
  let ll = 0;
  for (let q = p.itemStart[j]!; q < p.itemStart[j + 1]!; q++) {
    const mu = beta * theta[p.itemUnit[q]!]!;
    const y = p.itemY[q]!;
    cellTerms(y === 0 ? -Infinity : (y === 1 ? c1 : c2) - mu, y === 0 ? c1 - mu : y === 1 ? c2 - mu : Infinity, T);
    ll += T[0]!;
  }
  return ll;
}

/** One damped Newton step for every item's (c1, c2, β); items without abstentions are binary probits (c1 = c2). */
function updateItems(p: Problem, par: Params, h: Hyper): number {
  const { theta, beta, c1, c2 } = par;
  let total = 0;
  for (let j = 0; j < p.nItems; j++) {
    const binary = p.counts[j * 3 + 1] === 0;
    // gradient and negative Hessian over (c1, c2, β)
    let g1 = 0, g2 = 0, gb = 0, h11 = 0, h22 = 0, h12 = 0, h1b = 0, h2b = 0, hbb = 0, ll = 0;
    const b = beta[j]!, k1 = c1[j]!, k2 = c2[j]!;
    for (let q = p.itemStart[j]!; q < p.itemStart[j + 1]!; q++) {
      const th = theta[p.itemUnit[q]!]!;
      const mu = b * th;
      const y = p.itemY[q]!;
      if (y === 0) {
        cellTerms(-Infinity, k1 - mu, T);
        const A = T[1]!, uA = T[3]!;
        const duu = uA + A * A; // −∂²ℓ/∂u²
        g1 += A; gb -= A * th;
        h11 += duu; h1b -= duu * th; hbb += duu * th * th;
      } else if (y === 2) {
        cellTerms(k2 - mu, Infinity, T);
        const B = T[2]!, lB = T[4]!;
        const dll = B * B - lB; // −∂²ℓ/∂l²
        g2 -= B; gb += B * th;
        h22 += dll; h2b -= dll * th; hbb += dll * th * th;
      } else {
        cellTerms(k1 - mu, k2 - mu, T);
        const A = T[1]!, B = T[2]!, uA = T[3]!, lB = T[4]!;
        // u = c2 − μ, l = c1 − μ
        const duu = uA + A * A, dll = B * B - lB, dul = -A * B;
        g2 += A; g1 -= B; gb -= (A - B) * th;
        h22 += duu; h11 += dll; h12 += dul;
        h2b -= (duu + dul) * th; h1b -= (dll + dul) * th; hbb += (duu + dll + 2 * dul) * th * th;
      }
      ll += T[0]!;
    }
    // priors
    g1 -= k1 / h.cutVar; g2 -= k2 / h.cutVar; gb -= b / h.betaVar;
    h11 += 1 / h.cutVar; h22 += 1 / h.cutVar; hbb += 1 / h.betaVar;
    const obj0 = ll - (k1 * k1 + k2 * k2) / (2 * h.cutVar) - (b * b) / (2 * h.betaVar);
    let d1: number, d2: number, db: number;
    if (binary) {
      // c1 = c2 = c: collapse the two cutpoint coordinates into one
      const gc = g1 + g2, hcc = h11 + h22 + 2 * h12, hcb = h1b + h2b;
      const det = hcc * hbb - hcb * hcb;
      const dc = (hbb * gc - hcb * gb) / det;
      db = (hcc * gb - hcb * gc) / det;
      d1 = dc; d2 = dc;
    } else {
      // 3×3 solve by Cholesky of the (positive definite) negative Hessian
      const l11 = Math.sqrt(h11), l21 = h12 / l11, l31 = h1b / l11;
      const l22 = Math.sqrt(Math.max(h22 - l21 * l21, 1e-12)), l32 = (h2b - l31 * l21) / l22;
      const l33 = Math.sqrt(Math.max(hbb - l31 * l31 - l32 * l32, 1e-12));
      const z1 = g1 / l11, z2 = (g2 - l21 * z1) / l22, z3 = (gb - l31 * z1 - l32 * z2) / l33;
      db = z3 / l33; d2 = (z2 - l32 * db) / l22; d1 = (z1 - l21 * d2 - l31 * db) / l11;
    }
    const big = Math.max(Math.abs(d1), Math.abs(d2), Math.abs(db));
    let step = big > 1 ? 1 / big : 1;
    let accepted = false;
    for (let tries = 0; tries < 6; tries++) {
      const n1 = k1 + step * d1;
      let n2 = k2 + step * d2;
      const nb = b + step * db;
      if (binary) n2 = n1;
      else if (n2 - n1 < 1e-3) { step *= 0.5; continue; }
      const obj = itemLogLik(p, theta, j, n1, n2, nb) - (n1 * n1 + n2 * n2) / (2 * h.cutVar) - (nb * nb) / (2 * h.betaVar);
      if (obj >= obj0 - 1e-10) { c1[j] = n1; c2[j] = n2; beta[j] = nb; total += obj; accepted = true; break; }
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
    let gu = 0, hu = 0;
    for (let q = p.unitStart[u]!; q < p.unitStart[u + 1]!; q++) {
      const j = p.unitItem[q]!;
      const b = beta[j]!, mu = b * th, y = p.unitY[q]!;
      if (y === 0) cellTerms(-Infinity, c1[j]! - mu, T);
      else if (y === 2) cellTerms(c2[j]! - mu, Infinity, T);
      else cellTerms(c1[j]! - mu, c2[j]! - mu, T);
      const A = T[1]!, B = T[2]!;
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
 * Returns the log-prior of the positions before the step. Writes posterior variances into `varOut` when given.
 */
function updateUnits(p: Problem, par: Params, h: Hyper, g: Float64Array, hdiag: Float64Array, varOut?: Float64Array): number {
  const theta = par.theta;
  let logPrior = 0;
  const maxT = maxTrajectory(p);
  const D = new Float64Array(maxT), Lo = new Float64Array(maxT), z = new Float64Array(maxT), off = new Float64Array(maxT), diag = new Float64Array(maxT), rhs = new Float64Array(maxT);
  for (let k = 0; k + 1 < p.stateStart.length; k++) {
    const s = p.stateStart[k]!, n = p.stateStart[k + 1]! - s;
    // prior precision (tridiagonal) and gradient
    for (let t = 0; t < n; t++) { diag[t] = hdiag[s + t]!; rhs[t] = g[s + t]!; off[t] = 0; }
    diag[0]! += 1 / h.initVar;
    rhs[0]! -= theta[s]! / h.initVar;
    logPrior -= (theta[s]! * theta[s]!) / (2 * h.initVar);
    for (let t = 1; t < n; t++) {
      const w = 1 / (h.rwVar * p.gap[s + t]!);
      const dlt = theta[s + t]! - theta[s + t - 1]!;
      diag[t - 1]! += w; diag[t]! += w; off[t] = -w; // off[t] couples t-1 and t
      rhs[t]! -= w * dlt; rhs[t - 1]! += w * dlt;
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

/** Mean 0, SD 1 over all state-sessions; items transformed so that every β θ − c is unchanged. */
function standardise(p: Problem, par: Params): void {
  const { theta, beta, c1, c2 } = par;
  let m = 0;
  for (let u = 0; u < p.nUnits; u++) m += theta[u]!;
  m /= p.nUnits;
  let v = 0;
  for (let u = 0; u < p.nUnits; u++) v += (theta[u]! - m) ** 2;
  const sd = Math.sqrt(v / p.nUnits) || 1;
  for (let u = 0; u < p.nUnits; u++) theta[u] = (theta[u]! - m) / sd;
  for (let j = 0; j < p.nItems; j++) {
    c1[j] = c1[j]! - beta[j]! * m;
    c2[j] = c2[j]! - beta[j]! * m;
    beta[j] = beta[j]! * sd;
  }
}

/** Starting values: item polarity from a pivot state's vote (as BSV do with the US/UK), cutpoints from the margins. */
function startValues(p: Problem, states: string[], orient: string[]): Params {
  const theta = new Float64Array(p.nUnits), beta = new Float64Array(p.nItems), c1 = new Float64Array(p.nItems), c2 = new Float64Array(p.nItems);
  let pivot = -1;
  for (const id of orient) { const i = states.indexOf(id); if (i >= 0 && p.unitState.includes(i)) { pivot = i; break; } }
  if (pivot < 0) {
    const votes = new Int32Array(states.length);
    for (let u = 0; u < p.nUnits; u++) votes[p.unitState[u]!]! += p.unitStart[u + 1]! - p.unitStart[u]!;
    pivot = votes.indexOf(Math.max(...votes));
  }
  for (let u = 0; u < p.nUnits; u++) {
    if (p.unitState[u] !== pivot) continue;
    for (let q = p.unitStart[u]!; q < p.unitStart[u + 1]!; q++) {
      const y = p.unitY[q]!;
      beta[p.unitItem[q]!] = y === 2 ? 1 : y === 0 ? -1 : 0;
    }
  }
  for (let j = 0; j < p.nItems; j++) {
    const a = p.counts[j * 3]!, b = p.counts[j * 3 + 1]!, c = p.counts[j * 3 + 2]!, n = a + b + c;
    c1[j] = qnorm((a + 0.5) / (n + 1.5));
    c2[j] = b === 0 ? c1[j]! : Math.max(qnorm((a + b + 1) / (n + 1.5)), c1[j]! + 0.01);
  }
  // A unit's start is its mean signed deviation from each item's average vote.
  const mean = new Float64Array(p.nItems);
  for (let j = 0; j < p.nItems; j++) {
    const n = p.counts[j * 3]! + p.counts[j * 3 + 1]! + p.counts[j * 3 + 2]!;
    mean[j] = (p.counts[j * 3 + 1]! + 2 * p.counts[j * 3 + 2]!) / n;
  }
  for (let u = 0; u < p.nUnits; u++) {
    let s = 0, n = 0;
    for (let q = p.unitStart[u]!; q < p.unitStart[u + 1]!; q++) {
      const j = p.unitItem[q]!;
      if (beta[j] === 0) continue;
      s += beta[j]! * (p.unitY[q]! - mean[j]!);
      n++;
    }
    theta[u] = n > 0 ? s / n : 0;
  }
  const par = { theta, beta, c1, c2 };
  standardise(p, par);
  return par;
}

function hyper(opts: IdealPointOptions): Hyper {
  return { rwVar: (opts.rwSd ?? 0.05) ** 2, initVar: (opts.initSd ?? 1) ** 2, betaVar: (opts.betaSd ?? 2.5) ** 2, cutVar: (opts.cutSd ?? 3) ** 2 };
}

interface CoreResult { par: Params; variance: Float64Array; iterations: number; converged: boolean; logPosterior: number }

function fitCore(p: Problem, par: Params, h: Hyper, maxIter: number, tol: number): CoreResult {
  const g = new Float64Array(p.nUnits), hd = new Float64Array(p.nUnits);
  const prev = new Float64Array(p.nUnits);
  let converged = false, it = 0, logPost = -Infinity;
  for (it = 1; it <= maxIter; it++) {
    prev.set(par.theta);
    const itemObj = updateItems(p, par, h);
    unitDerivs(p, par, g, hd);
    const lp = updateUnits(p, par, h, g, hd);
    standardise(p, par);
    logPost = itemObj + lp;
    let move = 0;
    for (let u = 0; u < p.nUnits; u++) move = Math.max(move, Math.abs(par.theta[u]! - prev[u]!));
    if (move < tol) { converged = true; break; }
  }
  // Laplace variances at the mode: a zero-length Newton pass for the curvature only.
  const variance = new Float64Array(p.nUnits);
  unitDerivs(p, par, g, hd);
  const frozen = Float64Array.from(par.theta);
  g.fill(0);
  updateUnits(p, { ...par, theta: frozen }, h, g, hd, variance);
  return { par, variance, iterations: Math.min(it, maxIter), converged, logPosterior: logPost };
}

/** Small, fast, seedable PRNG (mulberry32) so that bootstraps are reproducible. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function orientIndex(p: Problem, states: string[], orient: string[]): number {
  for (const id of orient) { const i = states.indexOf(id); if (i >= 0 && p.unitState.includes(i)) return i; }
  return -1;
}

/** Flips the scale if the orientation state's mean position is negative. */
function orientParams(p: Problem, par: Params, ref: number): void {
  if (ref < 0) return;
  let s = 0;
  for (let u = 0; u < p.nUnits; u++) if (p.unitState[u] === ref) s += par.theta[u]!;
  if (s >= 0) return;
  for (let u = 0; u < p.nUnits; u++) par.theta[u] = -par.theta[u]!;
  for (let j = 0; j < p.nItems; j++) par.beta[j] = -par.beta[j]!;
}

/** Estimates dynamic ordinal ideal points of every state-session in `data` (see the module comment). */
export function estimateIdealPoints(data: VoteData, opts: IdealPointOptions = {}): IdealPointFit {
  const t0 = performance.now();
  const p = buildProblem(data, opts);
  if (p.nUnits === 0 || p.nItems === 0) throw new Error('no contested votes left after filtering');
  const h = hyper(opts);
  const orient = opts.orient ?? DEFAULT_ORIENT;
  let par: Params;
  if (opts.start && opts.start.theta.length === p.nUnits && opts.start.beta.length === p.nItems) {
    par = { theta: Float64Array.from(opts.start.theta), beta: Float64Array.from(opts.start.beta), c1: Float64Array.from(opts.start.c1), c2: Float64Array.from(opts.start.c2) };
  } else par = startValues(p, data.states, orient);
  const maxIter = opts.maxIter ?? 500, tol = opts.tol ?? 1e-4;
  const core = fitCore(p, par, h, maxIter, tol);
  const ref = orientIndex(p, data.states, orient);
  orientParams(p, core.par, ref);
  const theta = core.par.theta;
  const level = opts.level ?? 0.9;
  const zq = qnorm(0.5 + level / 2);
  const sd = core.variance.map(Math.sqrt);
  const lo = new Float64Array(p.nUnits), hi = new Float64Array(p.nUnits);
  for (let u = 0; u < p.nUnits; u++) { lo[u] = theta[u]! - zq * sd[u]!; hi[u] = theta[u]! + zq * sd[u]!; }

  const nBoot = opts.bootstrap ?? 0;
  if (nBoot > 0) {
    const draws = bootstrapDraws(p, core.par, h, nBoot, opts.seed ?? 1, data.states, orient, tol);
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
  const nVotes = new Int32Array(p.nUnits);
  for (let u = 0; u < p.nUnits; u++) nVotes[u] = p.unitStart[u + 1]! - p.unitStart[u]!;
  return {
    states: data.states, unitState: p.unitState, unitSession: p.unitSession, nVotes, theta, sd, lo, hi,
    rollcallRcid: p.rollcallRcid, rollcallItem: p.rollcallItem,
    beta: core.par.beta, c1: core.par.c1, c2: core.par.c2,
    iterations: core.iterations, converged: core.converged, logPosterior: core.logPosterior,
    seconds: (performance.now() - t0) / 1000,
    provenance: {
      method: 'dynamic ordinal probit IRT, posterior mode by block Newton (Interconnector)',
      rollcalls: p.nRollcalls, votes: p.nObs,
      options: { filter: summariseFilter(opts.filter ?? BSV_FILTER), bridge: opts.bridge ?? true, minMinority: opts.minMinority ?? 1, ...h, bootstrap: nBoot, items: p.nItems },
    },
  };
}

function summariseFilter(f: VoteFilter): Record<string, unknown> {
  const { rollcall, ...rest } = f;
  return rollcall ? { ...rest, rollcall: 'custom predicate' } : rest;
}

function quantile(sorted: Float64Array, q: number): number {
  const pos = q * (sorted.length - 1), i = Math.floor(pos), f = pos - i;
  return sorted[i]! + (i + 1 < sorted.length ? f * (sorted[i + 1]! - sorted[i]!) : 0);
}

/** Parametric bootstrap: redraw every observed vote from the fitted model, refit from the mode. */
function bootstrapDraws(p: Problem, fitted: Params, h: Hyper, n: number, seed: number, states: string[], orient: string[], tol: number): Float64Array[] {
  const rand = rng(seed);
  const out: Float64Array[] = [];
  const ref = orientIndex(p, states, orient);
  for (let r = 0; r < n; r++) {
    const itemY = new Int8Array(p.nObs), unitY = new Int8Array(p.nObs);
    const counts = new Int32Array(p.nItems * 3);
    for (let j = 0; j < p.nItems; j++) {
      for (let q = p.itemStart[j]!; q < p.itemStart[j + 1]!; q++) {
        const mu = fitted.beta[j]! * fitted.theta[p.itemUnit[q]!]!;
        const x = rand(), pYes = pnorm(fitted.c1[j]! - mu), pAbs = pnorm(fitted.c2[j]! - mu);
        const y = x < pYes ? 0 : x < pAbs ? 1 : 2;
        itemY[q] = y;
        unitY[p.itemToUnitPos[q]!] = y;
        counts[j * 3 + y]!++;
      }
    }
    const pb: Problem = { ...p, itemY, unitY, counts };
    const par: Params = { theta: Float64Array.from(fitted.theta), beta: Float64Array.from(fitted.beta), c1: Float64Array.from(fitted.c1), c2: Float64Array.from(fitted.c2) };
    // A replicate can lose all abstentions on an item; keep its cutpoints ordered for the binary branch.
    for (let j = 0; j < p.nItems; j++) if (counts[j * 3 + 1] === 0) par.c2[j] = par.c1[j]!;
    const core = fitCore(pb, par, h, 200, Math.max(tol, 1e-3));
    orientParams(pb, core.par, ref);
    out.push(core.par.theta);
  }
  return out;
}

/** Rows of a fit, one per state-session, for tables and joins. */
export function idealPointRows(fit: IdealPointFit): { state: string; session: number; year: number; theta: number; sd: number; lo: number; hi: number; nVotes: number }[] {
  return Array.from(fit.theta, (theta, u) => ({
    state: fit.states[fit.unitState[u]!]!, session: fit.unitSession[u]!, year: 1945 + fit.unitSession[u]!,
    theta, sd: fit.sd[u]!, lo: fit.lo[u]!, hi: fit.hi[u]!, nVotes: fit.nVotes[u]!,
  }));
}
