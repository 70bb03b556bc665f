import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultKbDir, readCorridorData } from '../../src/framework/corridors/load.ts';
import { buildNetwork } from '../../src/framework/corridors/network.ts';
import { BUILTIN_SCENARIOS } from '../../src/framework/corridors/scenario.ts';

test('the committed corridor data loads without issues', () => {
  const { data, issues } = readCorridorData();
  assert.deepEqual(issues, []);
  assert.ok(data.nodes.length >= 57);
  assert.ok(data.legs.length >= 76);
  assert.ok(data.figures.length >= 34);
  assert.deepEqual(data.scenarios.map((s) => s.id).sort(), [...BUILTIN_SCENARIOS].sort());
});

test('every number on a leg is either sourced beyond the estimate entry or marked estimated', () => {
  const { data } = readCorridorData();
  for (const l of data.legs) {
    const onlyEstimate = l.sources.every((s) => s === 'interconnector-estimate');
    if (onlyEstimate)
      assert.ok(
        (l.estimated ?? []).includes('km'),
        `${l.id} cites only the estimate but km is not marked estimated`,
      );
    if ((l.estimated ?? []).length > 0)
      assert.ok(l.note && l.note.length > 0, `${l.id} marks estimates but has no method note`);
  }
});

test('covers the corridors the model is about', () => {
  const net = buildNetwork(readCorridorData().data);
  const countries = new Set(net.nodes.map((n) => n.country));
  for (const c of [
    'CHN',
    'KAZ',
    'TKM',
    'AZE',
    'GEO',
    'TUR',
    'ARM',
    'IRN',
    'IND',
    'RUS',
    'BLR',
    'POL',
    'NLD',
    'EGY',
  ])
    assert.ok(countries.has(c), c);
  const modes = new Set(net.legs.map((l) => l.mode));
  for (const m of ['rail', 'road', 'sea', 'ferry-caspian', 'ferry-black-sea'])
    assert.ok(modes.has(m as never), m);
});

function withBrokenCopy(edit: (dir: string) => void): ReturnType<typeof readCorridorData>['issues'] {
  const dir = mkdtempSync(join(tmpdir(), 'corridors-'));
  try {
    cpSync(join(defaultKbDir, 'corridors'), join(dir, 'corridors'), { recursive: true });
    cpSync(join(defaultKbDir, 'sources', 'corridors.yaml'), join(dir, 'sources', 'corridors.yaml'));
    edit(dir);
    return readCorridorData(dir).issues;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function lineOf(text: string, needle: string): number {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, `fixture needle not found: ${needle}`);
  return text.slice(0, i).split('\n').length;
}

test('malformed field values are reported with file and line', () => {
  let expected = 0;
  const issues = withBrokenCopy((dir) => {
    const p = join(dir, 'corridors', 'legs.yaml');
    const text = readFileSync(p, 'utf8').replace('  mode: rail\n  km: 2530', '  mode: rail\n  km: -5');
    expected = lineOf(text, 'km: -5');
    writeFileSync(p, text);
  });
  const hit = issues.find((i) => i.message.startsWith('km:'));
  assert.ok(hit, JSON.stringify(issues));
  assert.match(hit.file, /legs\.yaml$/);
  assert.equal(hit.line, expected);
});

test('broken YAML syntax is reported with a line', () => {
  const issues = withBrokenCopy((dir) => {
    const p = join(dir, 'corridors', 'nodes.yaml');
    writeFileSync(p, 'nodes:\n  - id: a\n    name: [unclosed\n');
  });
  const hit = issues.find((i) => i.message.startsWith('malformed YAML'));
  assert.ok(hit);
  assert.ok(hit.line >= 3);
});

test('unknown nodes, unknown sources and duplicate ids are caught', () => {
  const issues = withBrokenCopy((dir) => {
    const p = join(dir, 'corridors', 'legs.yaml');
    let text = readFileSync(p, 'utf8');
    text = text.replace('  from: xian\n  to: urumqi', '  from: xian\n  to: atlantis');
    text +=
      '- id: xian--chongqing-rail\n  from: xian\n  to: chongqing\n  mode: rail\n  ' +
      'km: 1\n  hours: 1\n  status: operational\n  sources: [no-such-source]\n';
    text +=
      '- id: xian--chongqing-rail\n  from: xian\n  to: chongqing\n  mode: ' +
      'rail\n  km: 1\n  hours: 1\n  status: operational\n  sources: [rp17]\n';
    writeFileSync(p, text);
  });
  assert.ok(issues.some((i) => i.message.includes("unknown node 'atlantis'")));
  assert.ok(issues.some((i) => i.message.includes("unknown source 'no-such-source'")));
  assert.ok(issues.some((i) => i.message.includes("duplicate id 'xian--chongqing-rail'") && i.line > 1));
});

test('scenario references are checked', () => {
  const issues = withBrokenCopy((dir) => {
    writeFileSync(
      join(dir, 'corridors', 'scenarios', 'bad.yaml'),
      'id: bad\nname: Bad\nedits:\n  - close: {leg: no-such-leg}\n  ' +
        '- demand: {od: trans-caspian}\nsources: [wb23]\n',
    );
  });
  assert.ok(issues.some((i) => i.message.includes("unknown leg 'no-such-leg'")));
  assert.ok(issues.some((i) => i.message.includes('exactly one of mt, factor')));
});
