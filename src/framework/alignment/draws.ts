/**
 * The sampler's random stream: the same mulberry32 uniforms as `Stream` (../random.ts), with normals by
 * Marsaglia and Tsang's (2000) ziggurat with 128 layers: one 32-bit draw, a table look-up and a
 * comparison for 98.8% of normals, against a log, a square root and a rejection loop for the polar
 * method. The sampler draws about one normal per vote per sweep, so this is on its hottest path; the
 * other users of `Stream` (Monte Carlo, scenarios) keep Box–Muller and with it their published numbers.
 */
const KN = new Int32Array(128),
  WN = new Float64Array(128),
  FN = new Float64Array(128);
{
  const m1 = 2147483648;
  let dn = 3.442619855899,
    tn = dn;
  const vn = 9.91256303526217e-3;
  const q = vn / Math.exp(-0.5 * dn * dn);
  KN[0] = Math.floor((dn / q) * m1);
  KN[1] = 0;
  WN[0] = q / m1;
  WN[127] = dn / m1;
  FN[0] = 1;
  FN[127] = Math.exp(-0.5 * dn * dn);
  for (let i = 126; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(vn / dn + Math.exp(-0.5 * dn * dn)));
    KN[i + 1] = Math.floor((dn / tn) * m1);
    tn = dn;
    FN[i] = Math.exp(-0.5 * dn * dn);
    WN[i] = dn / m1;
  }
}
/** Where the base layer's tail starts. */
const ZIG_R = 3.442619855899;

export class DrawStream {
  private a = 0;

  reset(seed: number): this {
    this.a = seed >>> 0;
    return this;
  }

  /** mulberry32 as a signed 32-bit integer. */
  private int32(): number {
    this.a = (this.a + 0x6d2b79f5) >>> 0;
    let t = this.a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) | 0;
  }

  uniform(): number {
    return (this.int32() >>> 0) / 4294967296;
  }

  normal(): number {
    const hz = this.int32(),
      iz = hz & 127;
    if (Math.abs(hz) < KN[iz]!) return hz * WN[iz]!;
    return this.normalSlow(hz, iz);
  }

  private normalSlow(hz: number, iz: number): number {
    for (;;) {
      const x = hz * WN[iz]!;
      if (iz === 0) {
        let t: number, y: number;
        do {
          t = -Math.log(this.uniform() || 1e-300) / ZIG_R;
          y = -Math.log(this.uniform() || 1e-300);
        } while (y + y < t * t);
        return hz > 0 ? ZIG_R + t : -ZIG_R - t;
      }
      if (FN[iz]! + this.uniform() * (FN[iz - 1]! - FN[iz]!) < Math.exp(-0.5 * x * x)) return x;
      hz = this.int32();
      iz = hz & 127;
      if (Math.abs(hz) < KN[iz]!) return hz * WN[iz]!;
    }
  }
}

/** mixSeed(seed, sweep, item) of ../random.ts without its rest-argument array (once per item per sweep). */
export function mixSeed3(a: number, b: number, c: number): number {
  let h = 0x9e3779b9;
  h = Math.imul(h ^ (a | 0), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h ^ (b | 0), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h ^ (c | 0), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
