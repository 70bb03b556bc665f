import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { runEnsemble, sample } from '../../src/scenarios/ensemble.ts';
import { idleCount, started } from '../../src/worker-pool.ts';
import { rng } from '../../src/framework/random.ts';
import { scenarioDir, syntheticSession } from './fixture.ts';

const file = join(
  scenarioDir({
    'unc.yaml': `id: unc
title: uncertain pressure
summary: a pole may or may not guarantee the state; votes drift by an uncertain amount
from: 2020
uncertain:
  tie: {dist: choice, options: [consultation, defence], weights: [0.5, 0.5]}
  drift: {dist: triangular, min: 0, mode: 0.2, max: 0.6}
  rounds: {dist: choice, options: [1, 2, 3]}
edits:
  - add_security: {provider: RUS, recipient: AZE, subtype: mutual-assistance, obligation: $tie}
    basis: assumption
    rationale: uncertain tie
  - ideal_point: {state: AZE, toward: russia, fraction: $drift}
    basis: assumption
    rationale: uncertain drift
  - add_rounds: {conflict: x, parties: [ARM, AZE], format: direct, per_year: $rounds}
    basis: assumption
    rationale: uncertain talks
`,
  }),
  'unc.yaml',
);

test('distributions sample within their support and in proportion', () => {
  const r = rng(3);
  const xs = Array.from(
    { length: 4000 },
    () => sample({ dist: 'triangular', min: 0, mode: 0.2, max: 0.6 }, r) as number,
  );
  assert.ok(xs.every((x) => x >= 0 && x <= 0.6));
  assert.ok(
    Math.abs(xs.reduce((a, b) => a + b, 0) / xs.length - 0.8 / 3) < 0.01,
    'triangular mean (a+b+c)/3',
  );
  const u = Array.from(
    { length: 4000 },
    () => sample({ dist: 'normal', mean: 1, sd: 1, min: 0 }, r) as number,
  );
  assert.ok(u.every((x) => x >= 0));
  const c = Array.from({ length: 4000 }, () =>
    sample({ dist: 'choice', options: ['a', 'b'], weights: [3, 1] }, r),
  );
  assert.ok(Math.abs(c.filter((x) => x === 'a').length / 4000 - 0.75) < 0.03);
});

test('an ensemble is reproducible from its seed, whatever the number of worker threads', async () => {
  const session = syntheticSession();
  const opts = { members: 60, states: ['AZE'], years: [2019, 2021] as [number, number] };
  const a = await runEnsemble(session, file, { ...opts, seed: 42, threads: 1 });
  const b = await runEnsemble(session, file, { ...opts, seed: 42, threads: 1 });
  // minWork 0: this small ensemble would otherwise stay on one thread
  const c = await runEnsemble(session, file, { ...opts, seed: 42, threads: 2, minWork: 0 });
  const d = await runEnsemble(session, file, { ...opts, seed: 43, threads: 1 });
  assert.deepEqual(a, b);
  assert.deepEqual(a, c);
  assert.notDeepEqual(a.rows, d.rows);
  const y2019 = a.rows.find((r) => r.year === 2019)!;
  assert.equal(y2019.p5, y2019.p95, 'before the scenario applies there is no spread');
  const y2020 = a.rows.find((r) => r.year === 2020)!;
  assert.ok(y2020.p5! < y2020.p95!);
  assert.ok(y2020.p5! <= y2020.median! && y2020.median! <= y2020.p95!);
  // A defence obligation from a pole makes the state aligned: about half the members draw it.
  const pa = y2020.posture_probabilities.aligned ?? 0;
  assert.ok(pa > 0.3 && pa < 0.7, `P(aligned) ${pa}`);
  assert.ok(Math.abs(Object.values(y2020.posture_probabilities).reduce((s, p) => s + p, 0) - 1) < 1e-12);
  assert.equal(a.parameters.find((p) => p.name === 'tie')!.summary.defence, pa);
});

test('ensemble workers stay warm: later calls reuse them and agree with one thread', async () => {
  const session = syntheticSession();
  const worker = new URL('../../src/scenarios/worker.mjs', import.meta.url);
  const opts = { members: 40, states: ['AZE'], years: [2019, 2021] as [number, number], seed: 7 };
  const one = await runEnsemble(session, file, { ...opts, threads: 1 });
  const first = await runEnsemble(session, file, { ...opts, threads: 3, minWork: 0 });
  const startedAfterFirst = started(worker);
  assert.ok(startedAfterFirst >= 1 && startedAfterFirst <= 2, `started ${startedAfterFirst}`);
  assert.equal(idleCount(worker), startedAfterFirst, 'every worker is back in the pool');
  // Another payload (other seed) on the same workers: restored there, not a stale one reused.
  const other = await runEnsemble(session, file, { ...opts, seed: 8, threads: 3, minWork: 0 });
  const again = await runEnsemble(session, file, { ...opts, threads: 3, minWork: 0 });
  assert.equal(started(worker), startedAfterFirst, 'no worker started by the later calls');
  assert.deepEqual(first, one);
  assert.deepEqual(again, one);
  assert.notDeepEqual(other.rows, one.rows);
  // Too small for threads: stays on this thread whatever is asked.
  const small = await runEnsemble(session, file, { ...opts, members: 2, threads: 3 });
  assert.deepEqual(small.rows.length, one.rows.length);
});
