import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DrawStream, mixSeed3 } from '../../src/framework/alignment/draws.ts';
import { fitScaleMap } from '../../src/framework/alignment/extend.ts';
import { pnorm, pnormTabled } from '../../src/framework/alignment/normal.ts';
import { effectiveSize } from '../../src/framework/alignment/sampler.ts';
import { mixSeed } from '../../src/framework/random.ts';

test('ziggurat normals: moments and tail frequencies of a standard normal', () => {
  const s = new DrawStream().reset(11);
  const n = 400_000;
  let m = 0,
    v = 0,
    k4 = 0,
    below = 0,
    tail = 0;
  for (let i = 0; i < n; i++) {
    const x = s.normal();
    m += x;
    v += x * x;
    k4 += x ** 4;
    if (x < -1) below++;
    if (x > 3) tail++;
  }
  assert.ok(Math.abs(m / n) < 0.006, `mean ${m / n}`);
  assert.ok(Math.abs(v / n - 1) < 0.01, `variance ${v / n}`);
  assert.ok(Math.abs(k4 / n - 3) < 0.06, `fourth moment ${k4 / n}`);
  assert.ok(Math.abs(below / n - pnorm(-1)) < 0.002, `P(X < −1) ${below / n}`);
  assert.ok(Math.abs(tail / n - pnorm(-3)) < 0.0003, `P(X > 3) ${tail / n}`);
  // the same seed, the same stream; uniforms in [0, 1)
  const a = new DrawStream().reset(5),
    b = new DrawStream().reset(5);
  for (let i = 0; i < 100; i++) assert.equal(a.normal(), b.normal());
  for (let i = 0; i < 1000; i++) {
    const u = a.uniform();
    assert.ok(u >= 0 && u < 1);
  }
  assert.equal(mixSeed3(1, 7, 12345), mixSeed(1, 7, 12345));
  assert.equal(mixSeed3(9, 3, -1), mixSeed(9, 3, -1));
});

test('tabulated normal CDF agrees with pnorm inside the table and equals it outside', () => {
  let worst = 0;
  for (let x = -5.3; x <= 5.3; x += 0.0013) {
    const p = pnorm(x);
    worst = Math.max(worst, Math.abs(pnormTabled(x) - p) / Math.min(p, 1 - p, 1));
  }
  assert.ok(worst < 1e-5, `largest relative error ${worst}`);
  assert.equal(pnormTabled(-6), pnorm(-6));
  assert.equal(pnormTabled(7), pnorm(7));
});

test('effective sample size: n for independent draws, far less for a sticky chain', () => {
  const s = new DrawStream().reset(3);
  const n = 400;
  const iid = new Float32Array(n),
    ar = new Float32Array(n);
  let x = 0;
  for (let r = 0; r < n; r++) {
    iid[r] = s.normal();
    x = 0.9 * x + Math.sqrt(1 - 0.81) * s.normal();
    ar[r] = x;
  }
  const mean = (a: Float32Array) => a.reduce((t, v) => t + v, 0) / a.length;
  assert.ok(effectiveSize(iid, n, 1, 0, mean(iid)) > 0.7 * n);
  // AR(1) with ρ = 0.9: n (1 − ρ) / (1 + ρ) ≈ 21
  const ess = effectiveSize(ar, n, 1, 0, mean(ar));
  assert.ok(ess > 8 && ess < 50, `ess ${ess}`);
});

test('scale map: recovers a known linear relation and reports its fit', () => {
  const own = [-1.5, -0.4, 0, 0.3, 1.1, 2.0];
  const bsv = own.map((x) => 0.2 + 1.3 * x);
  const m = fitScaleMap(own, bsv, [69, 78]);
  assert.ok(Math.abs(m.a - 0.2) < 1e-12 && Math.abs(m.b - 1.3) < 1e-12);
  assert.ok(Math.abs(m.r - 1) < 1e-12 && m.rmse < 1e-12);
  assert.equal(m.n, 6);
  assert.throws(() => fitScaleMap([1, 2], [1, 2], [1, 2]), /at least 3/);
});
