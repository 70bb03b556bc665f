/**
 * Normal-distribution helpers for the ordinal probit kernels, written so that tail probabilities
 * keep their relative precision: every ratio φ/Φ is taken through the scaled complementary error
 * function erfcx(z) = exp(z²) erfc(z), never as a quotient of two underflowing numbers.
 */

const SQRT1_2 = Math.SQRT1_2;
const INV_SQRT_2PI = 0.3989422804014327;

/**
 * Numerical Recipes' Chebyshev fit of erfc (relative error < 1.2e-7): erfcx(z) = t · exp(poly(t)), t = 1 / (1
 * + z/2).
 */
function erfcPoly(t: number): number {
  return (
    -1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t *
                  (-0.18628806 +
                    t *
                      (0.27886807 +
                        t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))))
  );
}

/** erfcx(z) for z ≥ 0. */
export function erfcxPos(z: number): number {
  const t = 1 / (1 + 0.5 * z);
  return t * Math.exp(erfcPoly(t));
}

/** log erfcx(z) for z ≥ 0, without the exp/log round trip. */
function logErfcxPos(z: number): number {
  const t = 1 / (1 + 0.5 * z);
  return Math.log(t) + erfcPoly(t);
}

/** Standard normal CDF. */
export function pnorm(x: number): number {
  if (x < 0) return 0.5 * Math.exp(-0.5 * x * x) * erfcxPos(-x * SQRT1_2);
  return 1 - 0.5 * Math.exp(-0.5 * x * x) * erfcxPos(x * SQRT1_2);
}

export function dnorm(x: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}

/** log Φ(x), accurate in the lower tail (no underflow) and near 0 in the upper. */
export function logPnorm(x: number): number {
  if (x < 0) return -0.6931471805599453 - 0.5 * x * x + logErfcxPos(-x * SQRT1_2);
  return Math.log1p(-0.5 * Math.exp(-0.5 * x * x) * erfcxPos(x * SQRT1_2));
}

// log Φ tabulated on [−8, 8] at steps of 1/1024 for the sampler's Metropolis ratios, which evaluate it
// twice per vote per sweep: linear interpolation errs by < 2e-7, and old and new values share most of it.
const LOG_PNORM_STEPS = 1024,
  LOG_PNORM_RANGE = 8;
const LOG_PNORM_TABLE = Float64Array.from({ length: 2 * LOG_PNORM_RANGE * LOG_PNORM_STEPS + 2 }, (_, k) =>
  logPnorm(k / LOG_PNORM_STEPS - LOG_PNORM_RANGE),
);

/** log Φ(x) by table interpolation inside [−8, 8], exactly outside. */
export function logPnormTabled(x: number): number {
  const pos = (x + LOG_PNORM_RANGE) * LOG_PNORM_STEPS;
  if (!(pos >= 0 && pos < 2 * LOG_PNORM_RANGE * LOG_PNORM_STEPS)) return logPnorm(x);
  const k = pos | 0,
    f = pos - k;
  return LOG_PNORM_TABLE[k]! + f * (LOG_PNORM_TABLE[k + 1]! - LOG_PNORM_TABLE[k]!);
}

// Φ on [−5, 5] at steps of 1/128, with φ·h beside each value, for cubic Hermite interpolation: absolute
// error < 1e-11, so relative error < 1e-5 down to Φ = 1e-6. The sampler takes Φ twice per abstention
// per Metropolis ratio and twice per abstention's latent draw; outside the table pnorm is exact.
const PN_STEPS = 128,
  PN_RANGE = 5,
  PN_N = 2 * PN_RANGE * PN_STEPS;
const PN_TABLE = new Float64Array(2 * (PN_N + 2));
for (let k = 0; k <= PN_N + 1; k++) {
  const x = k / PN_STEPS - PN_RANGE;
  PN_TABLE[2 * k] = pnorm(x);
  PN_TABLE[2 * k + 1] = dnorm(x) / PN_STEPS;
}

/** Standard normal CDF by table interpolation inside [−5, 5] (see above), exactly outside. */
export function pnormTabled(x: number): number {
  const pos = (x + PN_RANGE) * PN_STEPS;
  if (!(pos >= 0 && pos < PN_N)) return pnorm(x);
  const k = pos | 0,
    t = pos - k,
    i = 2 * k;
  const s = 1 - t,
    t2 = t * t,
    s2 = s * s;
  return (
    (1 + 2 * t) * s2 * PN_TABLE[i]! +
    t * s2 * PN_TABLE[i + 1]! +
    t2 * (3 - 2 * t) * PN_TABLE[i + 2]! -
    t2 * s * PN_TABLE[i + 3]!
  );
}

// Acklam's coefficients, hoisted: qnorm runs in the sampler's inner loops.
const QA = [
  -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1,
  2.506628277459239,
] as const;
const QB = [
  -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1,
] as const;
const QC = [
  -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549671625803888, 4.374664141464968,
  2.938163982698783,
] as const;
const QD = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416] as const;

/** Inverse normal CDF (Acklam's rational approximation, relative error < 1.2e-9). */
export function qnorm(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const pl = 0.02425;
  if (p < pl) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((QC[0] * q + QC[1]) * q + QC[2]) * q + QC[3]) * q + QC[4]) * q + QC[5]) /
      ((((QD[0] * q + QD[1]) * q + QD[2]) * q + QD[3]) * q + 1)
    );
  }
  if (p > 1 - pl) return -qnorm(1 - p);
  const q = p - 0.5,
    r = q * q;
  return (
    ((((((QA[0] * r + QA[1]) * r + QA[2]) * r + QA[3]) * r + QA[4]) * r + QA[5]) * q) /
    (((((QB[0] * r + QB[1]) * r + QB[2]) * r + QB[3]) * r + QB[4]) * r + 1)
  );
}

/**
 * Terms of one ordinal-probit cell P = Φ(u) − Φ(l) (l may be −∞, u may be +∞), written into `out`:
 * [log P, A = φ(u)/P, B = φ(l)/P, u·A, l·B]. Infinite bounds contribute zero terms.
 */
export function cellTerms(l: number, u: number, out: Float64Array): void {
  if (l === -Infinity) {
    // P = Φ(u)
    if (u < 0) {
      const ex = erfcxPos(-u * SQRT1_2);
      out[0] = -0.5 * u * u + Math.log(0.5 * ex);
      out[1] = (2 * INV_SQRT_2PI) / ex;
    } else {
      const q = 0.5 * Math.exp(-0.5 * u * u) * erfcxPos(u * SQRT1_2);
      out[0] = Math.log1p(-q);
      out[1] = dnorm(u) / (1 - q);
    }
    out[2] = 0;
    out[3] = u * out[1]!;
    out[4] = 0;
    return;
  }
  if (u === Infinity) {
    // P = 1 − Φ(l) = Φ(−l)
    if (l > 0) {
      const ex = erfcxPos(l * SQRT1_2);
      out[0] = -0.5 * l * l + Math.log(0.5 * ex);
      out[2] = (2 * INV_SQRT_2PI) / ex;
    } else {
      const q = 0.5 * Math.exp(-0.5 * l * l) * erfcxPos(-l * SQRT1_2);
      out[0] = Math.log1p(-q);
      out[2] = dnorm(l) / (1 - q);
    }
    out[1] = 0;
    out[3] = 0;
    out[4] = l * out[2]!;
    return;
  }
  if (l > 0) {
    // both bounds in the upper tail: P = Q(l) − Q(u), factor out exp(−l²/2)
    const r = Math.exp(-0.5 * (u * u - l * l));
    const s = 0.5 * (erfcxPos(l * SQRT1_2) - r * erfcxPos(u * SQRT1_2));
    const b = INV_SQRT_2PI / s;
    out[0] = -0.5 * l * l + Math.log(s);
    out[2] = b;
    out[1] = r * b;
  } else if (u < 0) {
    const r = Math.exp(-0.5 * (l * l - u * u));
    const s = 0.5 * (erfcxPos(-u * SQRT1_2) - r * erfcxPos(-l * SQRT1_2));
    const a = INV_SQRT_2PI / s;
    out[0] = -0.5 * u * u + Math.log(s);
    out[1] = a;
    out[2] = r * a;
  } else {
    const p = pnorm(u) - pnorm(l);
    out[0] = Math.log(p);
    out[1] = dnorm(u) / p;
    out[2] = dnorm(l) / p;
  }
  out[3] = u * out[1]!;
  out[4] = l * out[2]!;
}
