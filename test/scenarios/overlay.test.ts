import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { mediation } from '../../src/framework/mediation/index.ts';
import { applyOverlay } from '../../src/scenarios/overlay.ts';
import { resolveFor, runScenario } from '../../src/scenarios/run.ts';
import { AZE, scenarioDir, syntheticSession } from './fixture.ts';

const head = (id: string, from = 2020) =>
  `id: ${id}\ntitle: test ${id}\nsummary: a test scenario\nfrom: ${from}\nedits:\n`;
const dir = scenarioDir({
  'pact.yaml':
    `${head('pact')}  - add_security: {provider: RUS, recipient: AZE, subtype: defence-pact, ` +
    `obligation: defence}\n    basis: assumption\n    rationale: a pole guarantees the state\n`,
  'direct.yaml':
    `${head('direct')}  - add_rounds: {conflict: x, parties: [ARM, AZE], format: direct, ` +
    `per_year: 2}\n    basis: assumption\n    rationale: the parties talk directly\n`,
  'shift.yaml':
    `${head('shift', 2021)}  - ideal_point: {state: AZE, toward: west, fraction: 0.5}\n    ` +
    `basis: assumption\n    rationale: votes move west\n  - arms_redirect: {recipient: AZE, ` +
    `from: RUS, to: TUR, share: 1}\n    basis: assumption\n    rationale: suppliers change\n`,
  'both.yaml':
    `${head('both')}compose: [pact]\n`.replace('edits:\n', '') +
    'edits:\n  - add_rounds: {conflict: x, parties: [ARM, AZE], format: ' +
    'direct}\n    basis: assumption\n    rationale: direct talks\n',
});

/** A deep, order-stable snapshot of everything a scenario could touch. */
function snapshot(session: ReturnType<typeof syntheticSession>): string {
  const maps = (m: Map<unknown, unknown>): unknown =>
    [...m].map(([k, v]) => [k, v instanceof Map ? maps(v) : v]);
  return JSON.stringify({
    facts: session.inputs.kb.facts,
    ideal: maps(session.inputs.ideal.data),
    arms: maps(session.inputs.arms.data),
    transit: session.transit,
  });
}

test('the overlay never mutates the baseline inputs or knowledge base', () => {
  const session = syntheticSession();
  const before = snapshot(session);
  const kb = session.inputs.kb;
  for (const f of ['pact.yaml', 'direct.yaml', 'shift.yaml', 'both.yaml'])
    runScenario(session, join(dir, f), { states: ['AZE'], years: [2019, 2021], draws: 20 });
  assert.equal(snapshot(session), before);
  assert.equal(session.inputs.kb, kb);
});

test('a defence pact from a pole turns a balanced state aligned, and the trace names the edit', () => {
  const session = syntheticSession();
  const r = runScenario(session, join(dir, 'pact.yaml'), { states: ['AZE'], years: [2019, 2021], draws: 20 });
  const y2019 = r.rows.find((x) => x.year === 2019)!;
  const y2020 = r.rows.find((x) => x.year === 2020)!;
  assert.equal(y2019.baseline.posture, 'balanced');
  assert.equal(y2019.scenario.posture, 'balanced', 'before the scenario applies nothing changes');
  assert.deepEqual(y2019.changes, []);
  assert.equal(y2020.baseline.posture, 'balanced');
  assert.equal(y2020.scenario.posture, 'aligned');
  assert.equal(y2020.baseline.components.commitments, 1);
  assert.equal(y2020.scenario.components.commitments, 0);
  const posture = y2020.changes.find((c) => c.what === 'posture')!;
  assert.deepEqual(posture.edits, ['pact#1']);
  assert.deepEqual(y2020.changes.find((c) => c.what === 'commitments')!.edits, ['pact#1']);
});

test('direct-format rounds raise mediation by the hand-computed amount', () => {
  const session = syntheticSession();
  const r = runScenario(session, join(dir, 'direct.yaml'), {
    states: ['AZE'],
    years: [2020, 2021],
    draws: 0,
  });
  const y2020 = r.rows.find((x) => x.year === 2020)!;
  // 2018–2020 window: two US-mediated rounds (0) plus two direct scenario rounds (1) → 0.5.
  assert.equal(y2020.baseline.components.mediation, 0);
  assert.equal(y2020.scenario.components.mediation, 0.5);
  // 2019–2021: the two mediated rounds and four direct ones → 4/6.
  assert.ok(Math.abs(r.rows.find((x) => x.year === 2021)!.scenario.components.mediation! - 4 / 6) < 1e-12);
  const overlay = applyOverlay(session.inputs, null, resolveFor(session, join(dir, 'direct.yaml')));
  assert.equal(mediation(overlay.inputs, AZE, 2020).value, 0.5);
  assert.equal(mediation(session.inputs, AZE, 2020).value, 0);
});

test(
  'ideal-point shift and arms redirection move ' + 'alignment and dependence only from the scenario year',
  () => {
    const session = syntheticSession();
    const r = runScenario(session, join(dir, 'shift.yaml'), {
      states: ['AZE'],
      years: [2020, 2021],
      draws: 0,
    });
    const [a, b] = [r.rows[0]!, r.rows[1]!];
    assert.deepEqual(a.changes, []);
    // AZE 0.5, USA 2, RUS −1: equidistance 1 − |1.5 − 1.5|/3 = 1; halfway to the USA (1.25): 1 − |0.75 −
    // 2.25|/3 = 0.5.
    assert.equal(b.baseline.components.alignment, 1);
    assert.equal(b.scenario.components.alignment, 0.5);
    assert.deepEqual(b.changes.find((c) => c.what === 'alignment')!.edits, ['shift#1']);
    assert.deepEqual(b.changes.find((c) => c.what === 'dependence')!.edits, ['shift#2']);
    assert.notEqual(b.scenario.components.dependence, b.baseline.components.dependence);
  },
);

test(
  'composition applies the composed scenario first, then ' +
    'its own edits; A+B on the command line is the same',
  () => {
    const session = syntheticSession();
    const viaFile = runScenario(session, join(dir, 'both.yaml'), {
      states: ['AZE'],
      years: [2020, 2020],
      draws: 0,
      scenarioDir: dir,
    });
    const viaPlus = runScenario(session, `pact+direct`, {
      states: ['AZE'],
      years: [2020, 2020],
      draws: 0,
      scenarioDir: dir,
    });
    assert.deepEqual(
      viaFile.edits.map((e) => e.id),
      ['pact#1', 'both#1'],
    );
    assert.deepEqual(
      viaPlus.edits.map((e) => e.id),
      ['pact#1', 'direct#1'],
    );
    assert.equal(viaFile.rows[0]!.scenario.posture, 'aligned');
    assert.equal(viaFile.rows[0]!.scenario.components.mediation, 1 / 3);
    assert.equal(viaPlus.rows[0]!.scenario.components.mediation, 0.5);
    assert.equal(viaPlus.scenario.id, 'pact+direct');
  },
);
