/**
 * The sampler's random stream: the same mulberry32 uniforms as `Stream` (../random.ts), with normals by
 * Marsaglia's polar method, which needs one log and one square root per pair and no sine or cosine.
 * The sampler draws about one normal per vote per sweep, so this is on its hottest path; the other
 * users of `Stream` (Monte Carlo, scenarios) keep Box–Muller and with it their published numbers.
 */
export class DrawStream {
  private a = 0;
  private spare = 0;
  private hasSpare = false;

  reset(seed: number): this {
    this.a = seed >>> 0;
    this.hasSpare = false;
    return this;
  }

  uniform(): number {
    this.a = (this.a + 0x6d2b79f5) >>> 0;
    let t = this.a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let x: number, y: number, r: number;
    do {
      x = 2 * this.uniform() - 1;
      y = 2 * this.uniform() - 1;
      r = x * x + y * y;
    } while (r >= 1 || r === 0);
    const f = Math.sqrt((-2 * Math.log(r)) / r);
    this.spare = y * f;
    this.hasSpare = true;
    return x * f;
  }
}

/** mixSeed(seed, sweep, item) of ../random.ts without the rest-argument array (called once per item per sweep). */
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
