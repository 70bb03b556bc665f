import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { COMPONENTS } from '../../src/framework/autonomy/components.ts';
import type { AutonomyRun } from '../../src/framework/autonomy/run.ts';
import { coverageReport } from '../../src/framework/coverage/report.ts';
import { FrameworkSession } from '../../src/framework/session.ts';
import { buildServer } from '../../src/server/app.ts';
import type { Store } from '../../src/store/store.ts';
import { hasSharedData } from '../helpers/paths.ts';
import { realDataStore } from '../helpers/store.ts';

// Issue 14 on the real data: capability, voice, mediation and coverage to 2024–2025.
const skip = hasSharedData ? false : 'no ../shared/data';
let store: Store | undefined;
let session: FrameworkSession;
let run: AutonomyRun;
let app: FastifyInstance | undefined;
const at = (state: string, year: number) => run.results.find((r) => r.state === state && r.year === year)!;

before(async () => {
  if (skip) return;
  const data = await realDataStore();
  store = data.store;
  session = await FrameworkSession.open(data.store, data.kb, data.registry);
  run = session.autonomy({ years: [2013, 2025], draws: 0 });
  app = buildServer({
    kb: data.kb,
    registry: data.registry,
    version: 'test',
    store: data.store,
    framework: session,
  });
  await app.ready();
});
after(async () => {
  await app?.close();
  store?.close();
});

test('the new datasets match their READMEs: SIPRI, WDI, UCDP and EI spot checks', { skip }, async () => {
  const one = async (sql: string) => Object.values((await store!.query<Record<string, number>>(sql))[0]!)[0];
  assert.equal(
    Math.round(
      Number(
        await one(
          "SELECT value FROM sipri_milex WHERE ccode = 2 AND year = 2024 AND measure = 'constant_usd_m'",
        ),
      ),
    ),
    968382,
  );
  assert.equal(
    await one("SELECT value FROM wdi_values WHERE indicator = 'SP.POP.TOTL' AND ccode = 373 AND year = 2024"),
    10202830,
  );
  assert.equal(Number(await one('SELECT count(*) FROM ucdp_conflicts WHERE year = 2025')), 65);
  // Nagorno-Karabakh 2020: Türkiye backs Azerbaijan, Armenia backs Artsakh (secondary parties)
  const nk = await store!.query<{ side: string; primary: boolean; ccode: number }>(
    'SELECT side, "primary", ccode FROM ucdp_conflict_parties WHERE conflict_id = 388 AND year = 2020 ORDER BY side, ccode',
  );
  assert.deepEqual(
    nk.map((p) => [p.side, p.primary, p.ccode]),
    [
      ['A', true, 373],
      ['A', false, 640],
      ['B', false, 371],
    ],
  );
  const aze = Number(
    await one(
      "SELECT sum(volume) FROM ei_bilateral_trade WHERE exporter_ccode = 373 AND commodity = 'gas_pipeline' AND NOT importer_aggregate OR (exporter_ccode = 373 AND importer IN ('EU', 'Rest of Europe', 'Other Middle East'))",
    ),
  );
  assert.ok(Math.abs(aze - 23.94) < 0.01, `Azerbaijan's pipeline exports 2023: ${aze}`);
  assert.equal(Number(await one('SELECT count(*) FROM ucdp_peace_agreements')), 374);
  assert.equal(Number(await one('SELECT count(*) FROM ucdp_terminations')), 3140);
});

test(
  'capability: the MGP share tracks CINC on the overlap (r of logs ≥ 0.95) and reaches 2024',
  { skip },
  () => {
    const fit = session.inputs.capabilityProxy.fit!;
    assert.ok(fit, 'a fit exists');
    assert.ok(fit.rLog >= 0.95, `log r ${fit.rLog}`);
    assert.ok(fit.n > 4000, `n ${fit.n}`);
    for (const year of [2023, 2024]) {
      const rows = run.results.filter((r) => r.year === year);
      const present = rows.filter((r) => r.components.capability.value !== null).length;
      assert.ok(present / rows.length >= 0.95, `${year}: ${present} of ${rows.length}`);
    }
    // before COW's last year the measure is CINC itself; after it the calibrated share, and it says so
    assert.equal(at('AZE', 2022).components.capability.detail.measure, 'cinc');
    assert.equal(at('AZE', 2024).components.capability.detail.measure, 'mgp');
  },
);

test('capability: rivals come from UCDP conflicts too (Russia and Ukraine, 2023)', { skip }, () => {
  const rus = at('RUS', 2023).components.capability.detail as {
    rivals: Record<string, number>;
    basis: string;
  };
  const ukr = at('UKR', 2023).components.capability.detail as {
    rivals: Record<string, number>;
    basis: string;
  };
  assert.ok('UKR' in rus.rivals, JSON.stringify(rus));
  assert.ok('RUS' in ukr.rivals, JSON.stringify(ukr));
  assert.match(rus.basis, /UCDP/);
});

test('voice: present for every state after 2014, carried forward from 2014 and labelled so', { skip }, () => {
  for (const year of [2015, 2020, 2024]) {
    const rows = run.results.filter((r) => r.year === year);
    const missing = rows.filter((r) => r.components.voice.value === null).map((r) => r.state);
    assert.ok(missing.length / rows.length <= 0.05, `${year}: voice missing for ${missing.join(', ')}`);
  }
  const fra = at('FRA', 2020).components.voice;
  assert.ok(fra.explanation.some((e) => /carried forward from 2014/.test(e)));
  assert.ok(fra.provenance.some((p) => p.note === 'carried forward from 2014'));
  // in 2014 itself COW covers the year: nothing is carried
  assert.ok(!at('FRA', 2014).components.voice.explanation.some((e) => /carried forward/.test(e)));
});

test(
  'mediation: not applicable without a conflict, unknown with an armed conflict but no rounds',
  { skip },
  () => {
    const nor = at('NOR', 2019);
    assert.equal(nor.components.mediation.applicable, false);
    assert.ok(nor.coverage.not_applicable.includes('mediation'));
    assert.ok(!nor.missing.includes('mediation'));
    // states at war without recorded rounds: unknown, counted as missing, with the conflicts named
    const unknown = run.results.filter((r) => r.year === 2020 && r.coverage.unknown.includes('mediation'));
    assert.ok(unknown.length >= 10, `unknown mediation in 2020: ${unknown.length}`);
    for (const r of unknown) {
      assert.equal(r.components.mediation.value, null);
      assert.notEqual(r.components.mediation.applicable, false);
      assert.ok(r.missing.includes('mediation'));
      assert.match(r.components.mediation.explanation[0]!, /^unknown: party to \d+ armed conflict/);
    }
    // Azerbaijan has recorded rounds: present
    assert.notEqual(at('AZE', 2020).components.mediation.value, null);
    // the posture rule treats them differently: unknown fails the strategic-autonomy marker, n/a passes
    for (const r of run.results.filter((x) => x.coverage.unknown.includes('mediation')))
      assert.notEqual(r.posture, 'strategic-autonomy', `${r.state} ${r.year}`);
  },
);

test(
  'coverage: every state-year says "n of 7 components (k applicable)"; 2015–2024 mostly complete',
  { skip },
  () => {
    const rows = run.results.filter((r) => r.year >= 2015 && r.year <= 2024);
    for (const r of rows) {
      assert.match(r.coverage.label, /^[0-7] of 7 components \([0-7] applicable\)$/);
      assert.equal(r.coverage.present + r.coverage.unknown.length + r.coverage.not_applicable.length, 7);
      assert.match(r.rank_basis, /^ranked among \d+ states/);
      // only unknown components are imputed in missing_effect: a complete state-year has none
      if (r.coverage.complete) assert.equal(r.missing_effect, null);
    }
    const complete = rows.filter((r) => r.coverage.complete).length / rows.length;
    // measured 73.6% with this data (alignment after 2023 and mediation for states at war without
    // recorded rounds are the gaps; see the report of issue 14): a floor, so that a regression shows
    assert.ok(complete >= 0.65, `complete share ${complete}`);
    const report = coverageReport(session, 2020);
    assert.equal(report.states.length, run.results.filter((r) => r.year === 2020).length);
    for (const c of COMPONENTS) {
      const n = report.components[c];
      assert.equal(n.present + n['not-applicable'] + n.unknown, report.states.length);
    }
  },
);

test(
  '/api/coverage and /api/postures carry coverage; the map opens on a year with broad coverage',
  { skip },
  async () => {
    const res = await app!.inject({ method: 'GET', url: '/api/coverage?year=2020&state=AZE' });
    assert.equal(res.statusCode, 200);
    const body = res.json() as {
      states: Array<{ state: string; label: string; components: Record<string, string> }>;
    };
    assert.equal(body.states.length, 1);
    assert.equal(body.states[0]!.components.mediation, 'present');
    const bad = await app!.inject({ method: 'GET', url: '/api/coverage?year=1800' });
    assert.equal(bad.statusCode, 400);
    const p = await app!.inject({ method: 'GET', url: '/api/postures' });
    const postures = p.json() as {
      year: number;
      broad: { year: number; share: number; why: string };
      states: Array<{ coverage: string }>;
    };
    assert.ok(postures.broad.share >= 0.5, JSON.stringify(postures.broad));
    assert.ok(postures.broad.year <= postures.year);
    assert.match(postures.broad.why, /latest year in which \d+% of states have every applicable component/);
    assert.ok(postures.states.every((s) => / of 7 components /.test(s.coverage)));
  },
);
