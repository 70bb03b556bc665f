import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { FrameworkSession } from '../../src/framework/session.ts';
import { runScenario } from '../../src/scenarios/run.ts';
import type { Store } from '../../src/store/store.ts';
import { runCli } from '../helpers/cli.ts';
import { hasSharedData } from '../helpers/paths.ts';
import { realDataStore } from '../helpers/store.ts';

const skip = hasSharedData ? false : 'no ../shared/data';
let session: FrameworkSession;
let store: Store;
let storePath = '';

before(async () => {
  if (!hasSharedData) return;
  const real = await realDataStore();
  store = real.store;
  storePath = store.path;
  session = await FrameworkSession.open(store, real.kb, real.registry);
});
let closed = false;
after(() => {
  if (!closed) store?.close();
});

test(
  "russia-prevails lowers Azerbaijan's index from 2024 through " +
    'voice, mediation and dependence, each traced to its edit',
  { skip },
  () => {
    const r = runScenario(session, 'russia-prevails', { states: ['AZE'], draws: 100 });
    assert.deepEqual(r.years, [2023, session.latestYear()]);
    const y2023 = r.rows.find((x) => x.year === 2023)!;
    assert.deepEqual(y2023.changes, [], 'the year before the scenario is the baseline');
    const last = r.rows.find((x) => x.year === session.latestYear())!;
    assert.ok(last.scenario.index! < last.baseline.index!, `${last.scenario.index} < ${last.baseline.index}`);
    const by = (what: string) => last.changes.find((c) => c.what === what);
    assert.deepEqual(by('voice')?.edits, ['russia-prevails#2'], 'EAEU observer status is a taker role');
    assert.deepEqual(by('mediation')?.edits, ['russia-prevails#1'], 'Russian-mediated rounds');
    assert.ok(by('mediation')!.delta! < 0);
    for (const row of r.rows) {
      assert.ok(row.baseline.index !== null && row.baseline.index > 0 && row.baseline.index < 1);
      assert.ok(
        row.scenario.interval &&
          row.scenario.interval[0] <= row.scenario.index! + 1e-9 &&
          row.scenario.index! <= row.scenario.interval[1] + 1e-9,
      );
    }
  },
);

test(
  'peace-treaty-tripp raises mediation (direct rounds) and routes the corridor model through TRIPP',
  { skip },
  () => {
    const r = runScenario(session, 'peace-treaty-tripp', { states: ['AZE', 'ARM'], draws: 100 });
    const aze = r.rows.find((x) => x.state === 'AZE' && x.year === 2025)!;
    const arm = r.rows.find((x) => x.state === 'ARM' && x.year === 2025)!;
    for (const row of [aze, arm]) {
      const m = row.changes.find((c) => c.what === 'mediation')!;
      assert.ok(m.delta! > 0, `${row.state} mediation rises`);
      assert.deepEqual(m.edits, ['peace-treaty-tripp#2']);
    }
    assert.ok(r.edits.some((e) => e.label.includes('corridor scenario tripp-open')));
    assert.ok(aze.scenario.transit_mt !== null && aze.baseline.transit_mt !== null);
  },
);

test('scenario run --format json and csv from the CLI', { skip }, async () => {
  if (!storePath) return;
  store.close();
  closed = true;
  const j = await runCli([
    '--store',
    storePath,
    '--format',
    'json',
    'scenario',
    'run',
    'three-plus-three-operational',
    '--states',
    'AZE,GEO',
    '--years',
    '2024-2025',
    '--draws',
    '50',
  ]);
  assert.equal(j.code, 0, j.err);
  const doc = JSON.parse(j.out) as {
    rows: Array<{ state: string; year: number; changes: Array<{ what: string; edits: string[] }> }>;
  };
  assert.equal(doc.rows.length, 4);
  const aze = doc.rows.find((x) => x.state === 'AZE' && x.year === 2025)!;
  assert.ok(
    aze.changes.some((c) => c.what === 'gatekeeper' && c.edits.includes('three-plus-three-operational#2')),
    'Baku hosting raises the gatekeeper',
  );
  const c = await runCli([
    '--store',
    storePath,
    '--format',
    'csv',
    'scenario',
    'run',
    'west-divergence+peace-treaty-tripp',
    '--states',
    'AZE',
    '--years',
    '2025-2025',
    '--draws',
    '20',
  ]);
  assert.equal(c.code, 0, c.err);
  assert.match(c.out.split('\n')[0]!, /^scenario,state,year,index_base,index,d_index/);
  assert.match(c.out.split('\n')[1]!, /^west-divergence\+peace-treaty-tripp,AZE,2025,/);
  const l = await runCli(['--store', storePath, '--format', 'json', 'scenario', 'list']);
  assert.equal(l.code, 0, l.err);
  assert.ok((JSON.parse(l.out) as unknown[]).length >= 11);
});
