import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { corridorRoute, corridorTransit } from '../../src/framework/corridors/index.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/paths.ts';

const ROUTE_KEYS = ['from', 'to', 'by', 'km', 'hours', 'path', 'legs', 'alternatives'];

test('corridors route Shanghai Rotterdam --format json prints exactly the library result', async () => {
  const r = await runCli(['corridors', 'route', 'Shanghai', 'Rotterdam', '--format', 'json']);
  assert.equal(r.code, 0, r.err);
  const doc = JSON.parse(r.out) as Record<string, unknown>;
  assert.deepEqual(Object.keys(doc), ROUTE_KEYS);
  assert.deepEqual(doc, JSON.parse(JSON.stringify(corridorRoute('Shanghai', 'Rotterdam'))));
  assert.equal(doc.from, 'Shanghai');
  assert.equal(doc.to, 'Rotterdam');
  assert.equal(doc.by, 'time');
  const legs = doc.legs as { km: number; hours: number; penalty_hours: number; id: string }[];
  assert.ok(legs.length > 0);
  // Leg figures add up to the route totals (rounding to 0.1 per leg).
  assert.ok(Math.abs(legs.reduce((s, l) => s + l.km, 0) - (doc.km as number)) < legs.length * 0.1);
  assert.ok(
    Math.abs(legs.reduce((s, l) => s + l.hours + l.penalty_hours, 0) - (doc.hours as number)) <
      legs.length * 0.1,
  );
  assert.equal((doc.path as string[])[0], 'Shanghai');
  assert.equal((doc.alternatives as unknown[]).length, 2);
});

test('place names are case-insensitive and ids work too', async () => {
  const a = await runCli(['corridors', 'route', 'shanghai', 'ROTTERDAM', '--format', 'json', '--k', '0']);
  const b = await runCli(['corridors', 'route', 'Shanghai', 'rotterdam', '--format', 'json', '--k', '0']);
  assert.equal(a.code, 0, a.err);
  assert.deepEqual(JSON.parse(a.out), JSON.parse(b.out));
  const baku = await runCli(['corridors', 'route', 'Baku', 'Kars', '--format', 'json', '--k', '0']);
  assert.equal(baku.code, 0, baku.err);
  assert.equal(JSON.parse(baku.out).from, 'Baku');
});

test('the table shows the path, km, hours, cost and the alternatives', async () => {
  const r = await runCli(['corridors', 'route', 'Shanghai', 'Rotterdam']);
  assert.equal(r.code, 0, r.err);
  const lib = corridorRoute('Shanghai', 'Rotterdam');
  assert.match(r.out, /Shanghai → Rotterdam, best by time/);
  assert.match(r.out, new RegExp(`${Math.round(lib.km).toLocaleString('en-GB')} km`));
  assert.match(r.out, new RegExp(`${lib.hours.toFixed(1)} h`));
  assert.match(r.out, /USD \d+\.\d\d\/t/);
  assert.match(r.out, new RegExp(`path: ${lib.path.join(' › ')}`));
  assert.match(r.out, /alternatives/);
  for (const alt of lib.alternatives) assert.ok(r.out.includes(alt.path.join(' › ')), alt.path.join(' › '));
});

test('csv prints one header row and one row per leg', async () => {
  const r = await runCli(['corridors', 'route', 'Shanghai', 'Rotterdam', '--format', 'csv']);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.trim().split('\n');
  assert.match(lines[0] ?? '', /^from,to,mode,km,hours/);
  assert.equal(lines.length - 1, corridorRoute('Shanghai', 'Rotterdam').legs.length);
});

test('an unknown node is exit 1 with the closest matches', async () => {
  const r = await runCli(['corridors', 'route', 'Shanghay', 'Rotterdam']);
  assert.equal(r.code, 1);
  assert.match(r.err, /unknown place 'Shanghay'; closest matches: Shanghai/);
  assert.equal(r.err.trim().split('\n').length, 1);
});

test('a bad --by or --k is exit 1 naming the option', async () => {
  const by = await runCli(['corridors', 'route', 'Shanghai', 'Rotterdam', '--by', 'speed']);
  assert.equal(by.code, 1);
  assert.match(by.err, /--by must be one of time, distance, cost/);
  const k = await runCli(['corridors', 'route', 'Shanghai', 'Rotterdam', '--k', 'two']);
  assert.equal(k.code, 1);
  assert.match(k.err, /--k/);
});

test('--by distance and --by cost change the criterion', async () => {
  const t = JSON.parse(
    (await runCli(['corridors', 'route', 'Shanghai', 'Rotterdam', '--format', 'json'])).out,
  );
  const d = JSON.parse(
    (await runCli(['corridors', 'route', 'Shanghai', 'Rotterdam', '--by', 'distance', '--format', 'json']))
      .out,
  );
  assert.equal(d.by, 'distance');
  assert.ok(d.km <= t.km);
  const c = JSON.parse(
    (await runCli(['corridors', 'route', 'Shanghai', 'Rotterdam', '--by', 'cost', '--format', 'json'])).out,
  );
  const cost = (r: { legs: { cost_usd_per_t: number }[] }) =>
    r.legs.reduce((s, l) => s + l.cost_usd_per_t, 0);
  assert.equal(c.by, 'cost');
  assert.ok(cost(c) <= cost(t) + 0.05, `${cost(c)} vs ${cost(t)}`);
});

// By cost the sea route wins (by time, rail from Chinese origins does), so the canal closure shows there.
test('suez-blocked-2021 sends Shanghai–Rotterdam round the Cape and takes longer', async () => {
  const base = JSON.parse(
    (
      await runCli([
        'corridors',
        'route',
        'Shanghai',
        'Rotterdam',
        '--format',
        'json',
        '--k',
        '0',
        '--by',
        'cost',
      ])
    ).out,
  );
  const r = await runCli([
    'corridors',
    'route',
    'Shanghai',
    'Rotterdam',
    '--scenario',
    'suez-blocked-2021',
    '--format',
    'json',
    '--k',
    '0',
    '--by',
    'cost',
  ]);
  assert.equal(r.code, 0, r.err);
  const blocked = JSON.parse(r.out);
  assert.ok(base.path.includes('Suez'));
  assert.ok(!blocked.path.includes('Suez'));
  assert.ok(blocked.path.includes('Cape of Good Hope'));
  assert.ok(blocked.hours > base.hours + 7 * 24, `${blocked.hours} vs ${base.hours}`);
  assert.deepEqual(
    blocked,
    JSON.parse(
      JSON.stringify(
        corridorRoute('Shanghai', 'Rotterdam', {
          scenario: 'suez-blocked-2021',
          alternatives: 0,
          by: 'cost',
        }),
      ),
    ),
  );
});

test('an unknown scenario is exit 1 listing the built-in ones', async () => {
  const r = await runCli(['corridors', 'route', 'Shanghai', 'Rotterdam', '--scenario', 'suez-blocked-2022']);
  assert.equal(r.code, 1);
  assert.match(r.err, /unknown scenario 'suez-blocked-2022'.*suez-blocked-2021/);
});

test('a scenario file works, and a malformed one is exit 1 with file:line', async () => {
  const dir = tempDir();
  const good = join(dir, 'canal.yaml');
  writeFileSync(
    good,
    'id: my-canal\nname: Canal shut\nedits:\n  - close: {leg: suez--port-said-sea}\nsources: [eg21nb]\n',
  );
  const ok = await runCli([
    'corridors',
    'route',
    'Shanghai',
    'Rotterdam',
    '--scenario',
    good,
    '--format',
    'json',
    '--k',
    '0',
    '--by',
    'cost',
  ]);
  assert.equal(ok.code, 0, ok.err);
  assert.ok(JSON.parse(ok.out).path.includes('Cape of Good Hope'));

  const badYaml = join(dir, 'broken.yaml');
  writeFileSync(
    badYaml,
    'id: broken\nname: Broken\nedits:\n  - close: {leg: suez--port-said-sea\nsources: [eg21nb]\n',
  );
  const r1 = await runCli(['corridors', 'route', 'Shanghai', 'Rotterdam', '--scenario', badYaml]);
  assert.equal(r1.code, 1);
  assert.match(r1.err, /broken\.yaml:\d+: malformed YAML/);

  const badRef = join(dir, 'badref.yaml');
  writeFileSync(
    badRef,
    'id: badref\nname: Bad reference\nedits:\n  - close: {leg: no-such-leg}\nsources: [eg21nb]\n',
  );
  const r2 = await runCli(['corridors', 'transit', '--scenario', badRef]);
  assert.equal(r2.code, 1);
  assert.match(r2.err, /badref\.yaml:\d+: .*unknown leg 'no-such-leg'/);

  const badField = join(dir, 'badfield.yaml');
  writeFileSync(
    badField,
    'id: badfield\nname: Bad field\nedits:\n  - close: {leg: suez--port-said-sea}\n  ' +
      '- hours: {leg: suez--port-said-sea, add: lots}\nsources: [eg21nb]\n',
  );
  const r3 = await runCli(['corridors', 'route', 'Shanghai', 'Rotterdam', '--scenario', badField]);
  assert.equal(r3.code, 1);
  assert.match(r3.err, /badfield\.yaml:5: /);
});

test(
  'corridors transit: json is the library run; table ' + 'and csv give tonnes and shares per OD flow',
  async () => {
    const j = await runCli(['corridors', 'transit', '--format', 'json']);
    assert.equal(j.code, 0, j.err);
    const doc = JSON.parse(j.out);
    assert.deepEqual(doc, JSON.parse(JSON.stringify(corridorTransit())));
    assert.ok(doc.assignment.transit.length > 0);

    const csv = await runCli(['corridors', 'transit', '--format', 'csv']);
    assert.equal(csv.code, 0, csv.err);
    const [header, ...rows] = csv.out.trim().split('\n');
    const cols = (header ?? '').split(',');
    assert.equal(cols[0], 'country');
    for (const od of doc.assignment.ods as { od: string }[])
      assert.ok(cols.includes(`${od.od}_share`), od.od);
    assert.equal(rows.length, doc.assignment.transit.length);
    const aze = rows.find((r) => r.startsWith('AZE,'));
    assert.ok(aze, 'Azerbaijan carries transit in the baseline');

    const table = await runCli(['corridors', 'transit']);
    assert.equal(table.code, 0, table.err);
    assert.match(table.out, /transit by country \(baseline\)/);
    assert.match(table.out, /bottlenecks/);
    assert.match(table.out, /aktau \(node, 11 Mt\)/);

    const b = await runCli(['corridors', 'transit', '--bottlenecks', '--format', 'csv']);
    assert.equal(b.code, 0, b.err);
    assert.match(b.out, /^od,demand_mt,assigned_mt,unassigned_mt,maxflow_mt,cut\n/);
  },
);

test('corridors transit under russia-avoided moves tonnes onto Azerbaijan', async () => {
  const parse = (out: string) =>
    Object.fromEntries(
      out
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => [l.split(',')[0], Number(l.split(',')[1])]),
    );
  const base = parse((await runCli(['corridors', 'transit', '--format', 'csv'])).out);
  const r = await runCli(['corridors', 'transit', '--scenario', 'russia-avoided', '--format', 'csv']);
  assert.equal(r.code, 0, r.err);
  const after = parse(r.out);
  assert.ok((after.AZE ?? 0) > (base.AZE ?? 0), `${after.AZE} vs ${base.AZE}`);
  assert.equal(after.RUS, undefined);
});

test('corridors scenarios lists the built-in scenarios with descriptions and sources', async () => {
  const r = await runCli(['corridors', 'scenarios', '--format', 'json']);
  assert.equal(r.code, 0, r.err);
  const list = JSON.parse(r.out) as { id: string; summary: string | null; sources: string[] }[];
  const ids = list.map((s) => s.id).sort();
  assert.deepEqual(ids, [
    'georgia-closed',
    'poland-belarus-closed-2025',
    'rasht-astara-complete',
    'red-sea-2024',
    'russia-avoided',
    'suez-blocked-2021',
    'tripp-open',
    'wb-2030',
  ]);
  for (const s of list) {
    assert.ok(s.summary && s.summary.length > 20, s.id);
    assert.ok(s.sources.length > 0, s.id);
  }
  const t = await runCli(['corridors', 'scenarios']);
  assert.match(t.out, /suez-blocked-2021\s+2021-03-23…2021-03-29/);
});
