import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimateIdealPointsOffThread } from '../../src/framework/alignment/fit-thread.ts';
import {
  estimateIdealPoints,
  estimateIdealPointsThreaded,
  idealPointRows,
  type IdealPointFit,
} from '../../src/framework/alignment/idealpoints.ts';
import { matchKeys } from '../../src/framework/alignment/problem.ts';
import { cellTerms, pnorm, qnorm } from '../../src/framework/alignment/normal.ts';
import {
  assignBlocs,
  hedging,
  poleDistances,
  positionTable,
  positionTableFromRows,
} from '../../src/framework/alignment/poles.ts';
import { pearson, simulateDynamic } from './fixtures.ts';

const sim = simulateDynamic({
  states: 60,
  sessions: 8,
  itemsPerSession: 50,
  repeatShare: 0.3,
  rwSd: 0.25,
  absent: 0.05,
  seed: 11,
});
// Orient by the state with the highest true mean position, so the sign is known in advance.
const meanTruth = sim.data.states.map((s) => {
  let m = 0;
  for (let t = 1; t <= 8; t++) m += sim.truth.get(`${s}|${t}`)!;
  return m / 8;
});
const top = sim.data.states[meanTruth.indexOf(Math.max(...meanTruth))]!;

test('normal helpers: CDF, quantile and tail-stable cell terms', () => {
  assert.ok(Math.abs(pnorm(1.96) - 0.9750021) < 1e-6);
  assert.ok(Math.abs(qnorm(0.975) - 1.959964) < 1e-6);
  const out = new Float64Array(5);
  cellTerms(-Infinity, -30, out); // P = Φ(−30) ≈ 4.9e-198, mills ratio ≈ 30.03
  assert.ok(Math.abs(out[0]! - Math.log(4.906713927148187e-198)) < 1e-4);
  assert.ok(Math.abs(out[1]! - 30.0332) < 1e-3);
  cellTerms(8, 9, out); // both bounds in the upper tail
  assert.ok(Number.isFinite(out[0]!) && out[2]! > out[1]!);
  cellTerms(-0.5, 0.5, out);
  assert.ok(Math.abs(Math.exp(out[0]!) - (pnorm(0.5) - pnorm(-0.5))) < 1e-7);
});

/**
 * Correlation with the simulated truth, and the share of 90% intervals covering the standardised truth (with
 * a margin).
 */
function recovery(fit: IdealPointFit, margin: number): { r: number; cover: number; mean: number } {
  const rows = idealPointRows(fit);
  const est = rows.map((r) => r.theta),
    tru = rows.map((r) => sim.truth.get(`${r.state}|${r.session}`)!);
  const tm = tru.reduce((a, b) => a + b, 0) / tru.length;
  const sd = Math.sqrt(tru.reduce((a, b) => a + (b - tm) ** 2, 0) / tru.length);
  let cover = 0;
  rows.forEach((row, i) => {
    const t = (tru[i]! - tm) / sd;
    if (t >= row.lo - margin && t <= row.hi + margin) cover++;
  });
  return {
    r: pearson(est, tru),
    cover: cover / rows.length,
    mean: est.reduce((a, b) => a + b, 0) / est.length,
  };
}

test('ideal points, mode: recovers simulated dynamic ordinal positions (r ≥ 0.98)', () => {
  const fit = estimateIdealPoints(sim.data, { filter: {}, orient: [top], method: 'mode', rwSd: 0.25 });
  assert.ok(fit.converged, `converged after ${fit.iterations}`);
  const { r, cover, mean } = recovery(fit, 0.15);
  assert.ok(r >= 0.98, `r = ${r}`);
  assert.ok(Math.abs(mean) < 1e-6, 'positions standardised over all state-sessions');
  assert.ok(cover > 0.7, `Laplace coverage ${cover}`);
});

test(
  'ideal points, gibbs: recovers simulated positions (r ≥ ' +
    '0.98), posterior intervals, reproducible from the seed',
  () => {
    const fit = estimateIdealPoints(sim.data, { filter: {}, orient: [top] });
    assert.equal(fit.provenance.options.method, 'gibbs');
    assert.equal(fit.iterations, 250, '100 burn-in + 150 kept sweeps by default');
    assert.ok(Number(fit.provenance.options.essMedian) > 10, 'effective sample size reported');
    assert.ok(fit.converged, `split-half r ${String(fit.provenance.options.splitHalfR)}`);
    const { r, cover } = recovery(fit, 0);
    assert.ok(r >= 0.98, `r = ${r}`);
    assert.ok(cover > 0.75, `posterior 90% interval coverage ${cover}`);
    for (let u = 0; u < fit.theta.length; u++)
      assert.ok(fit.lo[u]! <= fit.theta[u]! && fit.theta[u]! <= fit.hi[u]! && fit.sd[u]! > 0);
    const again = estimateIdealPoints(sim.data, { filter: {}, orient: [top] });
    assert.deepEqual(Array.from(again.theta), Array.from(fit.theta), 'same seed, same draws');
    const other = estimateIdealPoints(sim.data, { filter: {}, orient: [top], seed: 2 });
    assert.notDeepEqual(Array.from(other.theta), Array.from(fit.theta));
    assert.ok(
      pearson(other.theta, fit.theta) > 0.99,
      'another seed moves the means by Monte Carlo error only',
    );
  },
);

test('ideal points, gibbs: the chain on 2 or 3 threads equals the one-thread chain exactly', async () => {
  const opts = { filter: {}, orient: [top], burn: 20, draws: 40 };
  const one = estimateIdealPoints(sim.data, opts);
  for (const threads of [2, 3]) {
    const many = await estimateIdealPointsThreaded(sim.data, opts, { threads, minWork: 0 });
    for (const key of ['theta', 'sd', 'lo', 'hi', 'beta', 'c1', 'c2'] as const)
      assert.deepEqual(Array.from(many[key]), Array.from(one[key]), `${key}, ${threads} threads`);
  }
});

test('ideal points, gibbs: option errors and bootstrap refused', () => {
  assert.throws(
    () => estimateIdealPoints(sim.data, { filter: {}, bootstrap: 5 }),
    /bootstrap applies to the mode estimator/,
  );
  assert.throws(() => estimateIdealPoints(sim.data, { filter: {}, draws: 1 }), /draws ≥ 2/);
  assert.throws(() => estimateIdealPoints(sim.data, { filter: {}, smooth: 0 }), /smooth > 0/);
});

test('ideal points: orientation follows the orientation state', () => {
  const low = sim.data.states[meanTruth.indexOf(Math.min(...meanTruth))]!;
  const mean = (fit: IdealPointFit, s: string) =>
    idealPointRows(fit)
      .filter((r) => r.state === s)
      .reduce((x, r) => x + r.theta, 0);
  for (const method of ['mode', 'gibbs'] as const) {
    const a = estimateIdealPoints(sim.data, {
      filter: {},
      orient: [top],
      method,
      maxIter: 60,
      draws: 50,
      burn: 50,
    });
    const b = estimateIdealPoints(sim.data, {
      filter: {},
      orient: [low],
      method,
      maxIter: 60,
      draws: 50,
      burn: 50,
    });
    assert.ok(mean(a, top) > 0, method);
    assert.ok(mean(b, low) > 0, method);
    assert.ok(pearson(a.theta, b.theta) < -0.99, method);
    if (method === 'gibbs')
      for (let u = 0; u < b.theta.length; u++)
        assert.ok(b.lo[u]! <= b.theta[u]! && b.theta[u]! <= b.hi[u]!, 'a flipped fit keeps lo ≤ θ ≤ hi');
  }
});

test('ideal points: issue subsets and custom subsets use only their votes', () => {
  const hr = estimateIdealPoints(sim.data, {
    filter: { issues: ['hr'] },
    orient: [top],
    method: 'mode',
    maxIter: 100,
  });
  const hrRc = sim.data.rollcalls.filter((r) => r.issues.includes('hr')).length;
  assert.equal(hr.provenance.rollcalls, hrRc);
  const early = estimateIdealPoints(sim.data, {
    filter: { sessions: [1, 3] },
    orient: [top],
    method: 'mode',
    maxIter: 100,
  });
  assert.ok(early.unitSession.every((s) => s <= 3));
  const custom = estimateIdealPoints(sim.data, {
    filter: { rollcall: (r) => r.rcid % 2 === 0 },
    orient: [top],
    method: 'mode',
    maxIter: 100,
  });
  assert.equal(custom.provenance.rollcalls, sim.data.rollcalls.filter((r) => r.rcid % 2 === 0).length);
  assert.ok(
    pearson(
      hr.theta,
      estimateIdealPoints(sim.data, { filter: {}, orient: [top], method: 'mode', maxIter: 100 }).theta,
    ) > 0.9,
  );
});

test(
  'ideal points: bridging shares item parameters ' + 'across sessions, by text keys or by matched pairs',
  () => {
    const opts = { filter: {}, orient: [top], method: 'mode' as const, maxIter: 5 };
    assert.equal(
      new Set(estimateIdealPoints(sim.data, opts).rollcallItem).size,
      sim.data.rollcalls.length,
      'no bridging by default',
    );
    const titled = estimateIdealPoints(sim.data, { ...opts, bridge: true });
    assert.ok(
      new Set(titled.rollcallItem).size < sim.data.rollcalls.length,
      'repeated resolutions share an item',
    );
    const [a, b, c] = sim.data.rollcalls;
    const matched = estimateIdealPoints(sim.data, {
      ...opts,
      matches: [
        [a!.rcid, b!.rcid],
        [b!.rcid, c!.rcid],
      ],
    });
    const item = (fit: IdealPointFit, rcid: number) => fit.rollcallItem[fit.rollcallRcid.indexOf(rcid)];
    // a, b and c sit in session 1, where a key that occurs twice does not bridge: all stay apart.
    assert.equal(new Set([item(matched, a!.rcid), item(matched, b!.rcid), item(matched, c!.rcid)]).size, 3);
    const later = sim.data.rollcalls.find((r) => r.session === 2)!;
    const linked = estimateIdealPoints(sim.data, { ...opts, matches: [[a!.rcid, later.rcid]] });
    assert.equal(item(linked, a!.rcid), item(linked, later.rcid));
    assert.equal(new Set(linked.rollcallItem).size, sim.data.rollcalls.length - 1);
  },
);

test(
  'matched pairs collapse as in BSV: chains to their earliest ' +
    'roll call, a shared later partner to its earliest match',
  () => {
    // BSV's own examples (UN_DataProcessing.R): 470–512–545–577 is one chain; 5310 and 5312 both match 5389.
    const keys = matchKeys([
      [545, 577],
      [470, 512],
      [512, 545],
      [5310, 5389],
      [5312, 5389],
    ]);
    assert.deepEqual(
      [470, 512, 545, 577].map((r) => keys.get(r)),
      Array(4).fill('match:470'),
    );
    assert.equal(keys.get(5389), 'match:5310');
    assert.equal(keys.get(5310), 'match:5310');
    assert.equal(keys.get(5312), undefined, '5312 keeps an item of its own, as in BSV');
  },
);

test('ideal points: parametric bootstrap intervals contain the estimate', () => {
  const small = simulateDynamic({
    states: 25,
    sessions: 3,
    itemsPerSession: 30,
    repeatShare: 0.3,
    rwSd: 0.2,
    absent: 0,
    seed: 3,
  });
  const fit = estimateIdealPoints(small.data, {
    filter: {},
    orient: ['S0'],
    method: 'mode',
    bootstrap: 8,
    seed: 5,
  });
  for (let u = 0; u < fit.theta.length; u++) {
    assert.ok(fit.lo[u]! <= fit.theta[u]! && fit.theta[u]! <= fit.hi[u]!);
    assert.ok(fit.sd[u]! > 0 && fit.sd[u]! < 2);
  }
});

test('ideal points on a worker thread equal the same fit on this thread', async () => {
  const opts = { filter: { sessions: [2, 6] as [number, number] }, orient: [top], draws: 60 };
  const here = estimateIdealPoints(sim.data, opts);
  const there = await estimateIdealPointsOffThread(sim.data, opts);
  assert.deepEqual(Array.from(there.theta), Array.from(here.theta));
  assert.deepEqual(Array.from(there.unitSession), Array.from(here.unitSession));
  assert.equal(there.iterations, here.iterations);
  await assert.rejects(
    estimateIdealPointsOffThread(sim.data, { filter: { rollcall: () => true } }),
    /predicate cannot be sent/,
  );
});

test('poles, blocs and hedging on a hand-made position table', () => {
  const rows = [
    { state: 'USA', session: 72, theta: 3, sd: 0.1 },
    { state: 'CHN', session: 72, theta: -1, sd: 0.1 },
    { state: 'RUS', session: 72, theta: -1.5, sd: 0.1 },
    { state: 'X', session: 72, theta: 1, sd: 0.1 },
    { state: 'W', session: 72, theta: 2.5, sd: 0.1 },
    { state: 'E', session: 72, theta: -0.8, sd: 0.1 },
    { state: 'X', session: 73, theta: 1.2, sd: 0.1 },
    { state: 'USA', session: 73, theta: 3, sd: 0.1 },
    { state: 'CHN', session: 73, theta: -1, sd: 0.1 },
    { state: 'X', session: 74, theta: 1.6, sd: 0.1 },
    { state: 'USA', session: 74, theta: 3, sd: 0.1 },
    { state: 'CHN', session: 74, theta: -1, sd: 0.1 },
  ];
  const t = positionTableFromRows(rows);
  const d = poleDistances(t, ['USA', 'CHN'], ['X']).filter((r) => r.session === 72);
  assert.deepEqual(
    d.map((r) => [r.pole, r.distance]),
    [
      ['USA', 2],
      ['CHN', 2],
    ],
  );
  const blocs = new Map(assignBlocs(t, { sessions: [72, 72] }).map((r) => [r.state, r.bloc]));
  assert.equal(blocs.get('W'), 'west');
  assert.equal(blocs.get('E'), 'china-russia');
  assert.equal(blocs.get('X'), 'non-aligned');
  assert.equal(blocs.get('RUS'), 'china-russia');
  const h = hedging(t, 'X');
  assert.equal(h.series[0]!.hedging, 1); // exactly midway in session 72
  assert.ok(Math.abs(h.series[2]!.hedging - (1 - 1.2 / 4)) < 1e-12);
  assert.ok(h.trend.slope < 0);
  assert.ok(h.series.every((r) => r.lo <= r.hi));
  // The same helpers accept a fit.
  const fit = estimateIdealPoints(sim.data, { filter: {}, orient: [top], maxIter: 30 });
  assert.ok(poleDistances(positionTable(fit), ['S0', 'S1']).length > 0);
});
