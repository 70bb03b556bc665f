/**
 * mulberry32 as a resettable object, with Box–Muller normals: hot loops re-seed one instance per
 * block of work (e.g. per item and sweep) instead of allocating a generator each time.
 */
export class Stream {
  private a = 0;
  private spare = NaN;

  reset(seed: number): this {
    this.a = seed >>> 0;
    this.spare = NaN;
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
    if (!Number.isNaN(this.spare)) {
      const x = this.spare;
      this.spare = NaN;
      return x;
    }
    const r = Math.sqrt(-2 * Math.log(this.uniform() || 1e-300)),
      angle = 2 * Math.PI * this.uniform();
    this.spare = r * Math.sin(angle);
    return r * Math.cos(angle);
  }
}

/** A small, fast, seedable generator (mulberry32): ensembles must be reproducible from their seed. */
export function rng(seed: number): () => number {
  const stream = new Stream().reset(seed);
  return () => stream.uniform();
}

/** A well-mixed 32-bit seed from several integers (murmur3's finaliser over a running combination). */
export function mixSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const x of parts) {
    h = Math.imul(h ^ (x | 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

export function normal(rand: () => number): number {
  let u = 0;
  while (u === 0) u = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

/** Marsaglia–Tsang gamma(shape, 1). */
export function gamma(rand: () => number, shape: number): number {
  if (shape < 1) return gamma(rand, shape + 1) * rand() ** (1 / shape);
  const d = shape - 1 / 3,
    c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number, v: number;
    do {
      x = normal(rand);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rand();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** Dirichlet draw centred on `mean` (sums to 1); larger concentration = less spread. */
export function dirichlet(rand: () => number, mean: number[], concentration: number): number[] {
  const g = mean.map((m) => (m > 0 ? gamma(rand, m * concentration) : 0));
  const total = g.reduce((a, b) => a + b, 0);
  return g.map((x) => x / total);
}

export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos),
    hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}
