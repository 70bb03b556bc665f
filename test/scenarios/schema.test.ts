import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { builtinScenarios, ScenarioError } from '../../src/scenarios/load.ts';
import { resolveFor, runScenario } from '../../src/scenarios/run.ts';
import { runCli } from '../helpers/cli.ts';
import { scenarioDir, syntheticSession } from './fixture.ts';

const head = (id: string, from = 2020) =>
  `id: ${id}\ntitle: test ${id}\nsummary: a test scenario\nfrom: ${from}\nedits:\n`;

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof ScenarioError, `expected a ScenarioError, got ${(e as Error).message}`);
    return e.issues.map((i) => `${i.file.split('/').pop()}:${i.line}: ${i.message}`);
  }
  assert.fail('expected the scenario to be rejected');
}

test('every built-in scenario parses and resolves against the real knowledge base', async () => {
  const docs = builtinScenarios();
  const ids = docs.map((d) => d.head.id);
  for (const id of [
    'russia-prevails',
    'ukraine-holds',
    'west-divergence',
    'west-pragmatic-engagement',
    'peace-treaty-tripp',
    'three-plus-three-operational',
    'suez-blocked-2021',
    'red-sea-2024',
    'russia-avoided',
    'poland-belarus-closed-2025',
    'georgia-closed',
  ])
    assert.ok(ids.includes(id), id);
  for (const d of docs) assert.ok(d.head.sources.includes('huseynov-2024'), `${d.head.id} cites the article`);
});

test('unknown state, unknown organisation, year out of range and unknown corridor leg are errors with file:line', () => {
  const session = syntheticSession();
  const dir = scenarioDir({
    'bad.yaml': `${head('bad')}  - add_membership: {state: XYZ, org: OTS}
    basis: assumption
    rationale: test
  - add_membership: {state: AZE, org: NOPE}
    basis: assumption
    rationale: test
  - add_rounds: {conflict: x, parties: [ARM, AZE], format: direct}
    basis: assumption
    rationale: test
    year: 2040
  - corridor: {edits: [{close: {leg: no-such-leg}}]}
    basis: fact
    sources: [no-such-source]
`,
  });
  const p = problems(() => resolveFor(session, join(dir, 'bad.yaml')));
  assert.ok(
    p.some((x) => /^bad\.yaml:6: .*unknown state 'XYZ'/.test(x)),
    p.join('\n'),
  );
  assert.ok(
    p.some((x) => /^bad\.yaml:9: .*unknown organisation 'NOPE'/.test(x)),
    p.join('\n'),
  );
  assert.ok(
    p.some((x) => /^bad\.yaml:15: .*year 2040 is outside the data's years/.test(x)),
    p.join('\n'),
  );
  assert.ok(
    p.some((x) => /^bad\.yaml:16: .*unknown leg 'no-such-leg'/.test(x)),
    p.join('\n'),
  );
  assert.ok(
    p.some((x) => /^bad\.yaml:18: .*unknown source 'no-such-source'/.test(x)),
    p.join('\n'),
  );
});

test('adding and ending the same membership in the same year is a contradiction, across composed files too', () => {
  const session = syntheticSession();
  const dir = scenarioDir({
    'a.yaml': `${head('a')}  - add_membership: {state: AZE, org: GUAM}\n    basis: assumption\n    rationale: joins\n`,
    'b.yaml': `${head('b')}  - end_membership: {state: AZE, org: GUAM}\n    basis: assumption\n    rationale: leaves\n`,
  });
  const p = problems(() => resolveFor(session, `${join(dir, 'a.yaml')}+${join(dir, 'b.yaml')}`));
  assert.match(p[0]!, /^b\.yaml:6: edit 1 contradicts a#1 \(.*a\.yaml:6\)/);
});

test('malformed YAML, a missing field, an unknown parameter and two operations in one edit are reported with their lines', () => {
  const session = syntheticSession();
  const dir = scenarioDir({
    'broken.yaml': `${head('broken')}  - add_membership: {state: AZE, org: OTS\n`,
    'nofrom.yaml': 'id: nofrom\ntitle: no from year\nsummary: missing from\nedits: []\n',
    'param.yaml': `${head('param')}  - ideal_point: {state: AZE, toward: west, fraction: $nope}\n    basis: assumption\n    rationale: r\n  - ideal_point: {state: AZE, toward: west, fraction: 0.1}\n    arms_scale: {recipient: AZE, factor: 2}\n    basis: assumption\n    rationale: r\n`,
    'basis.yaml': `${head('basis')}  - ideal_point: {state: AZE, toward: west, fraction: 0.1}\n    basis: fact\n`,
  });
  assert.match(
    problems(() => resolveFor(session, join(dir, 'broken.yaml')))[0]!,
    /^broken\.yaml:\d+: malformed YAML/,
  );
  assert.match(problems(() => resolveFor(session, join(dir, 'nofrom.yaml')))[0]!, /^nofrom\.yaml:1: from: /);
  const p = problems(() => resolveFor(session, join(dir, 'param.yaml')));
  assert.ok(
    p.some((x) => /^param\.yaml:6: .*unknown uncertain parameter '\$nope'/.test(x)),
    p.join('\n'),
  );
  assert.ok(
    p.some((x) => /^param\.yaml:9: .*name exactly one operation/.test(x)),
    p.join('\n'),
  );
  assert.match(
    problems(() => resolveFor(session, join(dir, 'basis.yaml')))[0]!,
    /^basis\.yaml:7: .*basis fact needs sources/,
  );
});

test('nothing runs half-way: a bad edit stops the run before the framework is re-run', async () => {
  const session = syntheticSession();
  const dir = scenarioDir({
    'bad.yaml': `${head('bad')}  - add_rounds: {conflict: x, parties: [ARM, AZE], format: direct}\n    basis: assumption\n    rationale: ok\n  - add_membership: {state: QQQ, org: OTS}\n    basis: assumption\n    rationale: r\n`,
  });
  const before = session.inputs.kb.facts.length;
  assert.throws(() => runScenario(session, join(dir, 'bad.yaml'), { states: ['AZE'] }), ScenarioError);
  assert.equal(session.inputs.kb.facts.length, before);
  const cli = await runCli(['--store', join(dir, 'none.duckdb'), 'scenario', 'run', join(dir, 'bad.yaml')]);
  assert.equal(cli.code, 1);
  assert.equal(cli.out, '');
});

test('a YAML syntax error is placed at its own line, and an alias bomb is refused as bad input', () => {
  const session = syntheticSession();
  const aliases = Array.from({ length: 150 }, () => '  - *edit').join('\n');
  const dir = scenarioDir({
    'late.yaml': `${head('late')}  - ideal_point: {state: AZE, toward: west, fraction: 0.1}\n    basis: assumption\n    rationale: r\n  - add_membership: {state: AZE, org: [OTS\n`,
    'bomb.yaml': `x: &edit {ideal_point: {state: AZE, toward: west, fraction: 0.1}}\n${head('bomb')}${aliases}\n`,
  });
  const late = problems(() => resolveFor(session, join(dir, 'late.yaml')));
  assert.ok(
    late.every((x) => /^late\.yaml:(9|10): malformed YAML/.test(x)),
    late.join('\n'),
  );
  assert.match(problems(() => resolveFor(session, join(dir, 'bomb.yaml')))[0]!, /too many YAML aliases/);
});
