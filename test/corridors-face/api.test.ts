import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { corridorRoute, corridorTransit } from '../../src/framework/corridors/index.ts';
import { loadKnowledgeBase } from '../../src/kb/knowledge-base.ts';
import { buildServer } from '../../src/server/app.ts';
import { StateRegistry } from '../../src/states/registry.ts';

let app: FastifyInstance;
before(async () => {
  const kb = loadKnowledgeBase();
  app = buildServer({ kb, registry: StateRegistry.fromKnowledgeBase(kb), version: 'test' });
  await app.ready();
});
after(() => app.close());

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const get = async (url: string): Promise<{ status: number; body: any }> => {
  const res = await app.inject({ method: 'GET', url });
  return { status: res.statusCode, body: res.json() };
};

test(
  '/api/corridors/network gives nodes with ' + 'coordinates and legs with mode, status and ' + 'capacity',
  async () => {
    const r = await get('/api/corridors/network');
    assert.equal(r.status, 200);
    assert.ok(r.body.nodes.length >= 50);
    assert.ok(r.body.legs.length >= 80);
    const baku = r.body.nodes.find((n: { id: string }) => n.id === 'baku');
    assert.ok(baku && baku.lat > 39 && baku.lat < 41 && baku.lon > 49 && baku.lon < 51);
    const ids = new Set(r.body.nodes.map((n: { id: string }) => n.id));
    for (const l of r.body.legs) {
      assert.ok(ids.has(l.from) && ids.has(l.to), l.id);
      assert.ok(r.body.modes.includes(l.mode), l.id);
      assert.ok(['operational', 'planned', 'under-construction', 'closed'].includes(l.status), l.id);
      assert.ok(l.capacity_mt === null || typeof l.capacity_mt === 'number');
      assert.ok(l.sources.length > 0, l.id);
    }
    // Unbuilt legs are closed in the baseline; tripp-open opens the Syunik ones.
    const syunik = (body: { legs: { id: string; open: boolean }[] }) =>
      body.legs.find((l) => l.id === 'aghband--meghri-rail');
    assert.equal(syunik(r.body)?.open, false);
    const t = await get('/api/corridors/network?scenario=tripp-open');
    assert.equal(syunik(t.body)?.open, true);
    assert.ok(r.body.provenance.sources.length > 0);
  },
);

test("/api/corridors/route returns the library route, its cost and the legs' sources", async () => {
  const r = await get('/api/corridors/route?from=Shanghai&to=Rotterdam');
  assert.equal(r.status, 200);
  const lib = JSON.parse(JSON.stringify(corridorRoute('Shanghai', 'Rotterdam')));
  for (const k of ['from', 'to', 'by', 'km', 'hours', 'path', 'legs', 'alternatives'])
    assert.deepEqual(r.body[k], lib[k], k);
  assert.ok(r.body.cost_usd_per_t > 0);
  const legCost = lib.legs.reduce((s: number, l: { cost_usd_per_t: number }) => s + l.cost_usd_per_t, 0);
  assert.ok(Math.abs(r.body.cost_usd_per_t - legCost) < 0.01 * lib.legs.length);
  assert.equal(r.body.scenario, null);
  const provLegs = new Set(r.body.provenance.legs.map((l: { leg: string }) => l.leg));
  for (const l of lib.legs) assert.ok(provLegs.has(l.id), l.id);
  for (const l of r.body.provenance.legs)
    for (const s of l.sources) assert.ok(r.body.provenance.sources.includes(s), s);
  assert.match(r.body.provenance.legs[0].where.file, /kb\/corridors\/legs\.yaml$/);
});

test('a scenario changes the route; scenarios compose in order', async () => {
  const base = await get('/api/corridors/route?from=shanghai&to=rotterdam&k=0&by=cost');
  const s = await get(
    '/api/corridors/route?from=shanghai&to=rotterdam&k=0&by=cost&scenario=suez-blocked-2021',
  );
  assert.equal(s.status, 200);
  assert.ok(s.body.path.includes('Cape of Good Hope'));
  assert.ok(s.body.hours > base.body.hours);
  assert.equal(s.body.scenario.id, 'suez-blocked-2021');
  assert.ok(s.body.provenance.sources.includes('eg21nb'), "the scenario's sources are cited");
  assert.deepEqual(
    s.body.path,
    corridorRoute('Shanghai', 'Rotterdam', { scenario: 'suez-blocked-2021', alternatives: 0, by: 'cost' })
      .path,
  );
  const both = await get('/api/corridors/transit?scenario=georgia-closed,tripp-open');
  assert.equal(both.status, 200);
  assert.equal(both.body.scenario.id, 'georgia-closed+tripp-open');
});

test(
  '/api/corridors/transit gives shares per OD flow, leg ' +
    'flows and bottlenecks, and changes with a scenario',
  async () => {
    const r = await get('/api/corridors/transit');
    assert.equal(r.status, 200);
    const lib = JSON.parse(JSON.stringify(corridorTransit()));
    assert.deepEqual(r.body.transit, lib.assignment.transit);
    assert.deepEqual(r.body.bottlenecks, lib.bottlenecks);
    assert.ok(r.body.legs.length > 0);
    assert.ok(r.body.provenance.demands.length === r.body.ods.length);
    const aze = (body: { transit: { country: string; mt: number }[] }) =>
      body.transit.find((t) => t.country === 'AZE')?.mt ?? 0;
    const ra = await get('/api/corridors/transit?scenario=russia-avoided');
    assert.ok(aze(ra.body) > aze(r.body));
    assert.equal(ra.body.scenario.id, 'russia-avoided');
  },
);

test('/api/corridors/scenarios lists the built-in scenarios with sources', async () => {
  const r = await get('/api/corridors/scenarios');
  assert.equal(r.status, 200);
  assert.equal(r.body.scenarios.length, 8);
  for (const s of r.body.scenarios) assert.ok(s.sources.length > 0 && s.name, s.id);
});

test('bad parameters are 400s naming the parameter', async () => {
  for (const [url, param] of [
    ['/api/corridors/route?from=Shanghai&to=Rotterdam&by=speed', 'by'],
    ['/api/corridors/route?from=Shanghai&to=Rotterdam&k=-1', 'k'],
    ['/api/corridors/route?from=Shanghai&to=Rotterdam&k=two', 'k'],
    ['/api/corridors/route?to=Rotterdam', 'from'],
    ['/api/corridors/route?from=Shanghai&to=Rotterdam&scenario=../../etc/passwd', 'scenario'],
    ['/api/corridors/route?from=Shanghai&to=Rotterdam&colour=red', 'colour'],
    ['/api/corridors/transit?by=fast', 'by'],
    ['/api/corridors/network?scenario=a%2Fb', 'scenario'],
  ] as const) {
    const r = await get(url);
    assert.equal(r.status, 400, url);
    assert.match(String(r.body.error), new RegExp(`invalid parameter '${param}'`), url);
  }
});

test('an unknown node or scenario is a 404 with suggestions; files are never read', async () => {
  const n = await get('/api/corridors/route?from=Shanghay&to=Rotterdam');
  assert.equal(n.status, 404);
  assert.match(n.body.error, /closest matches: Shanghai/);
  const s = await get('/api/corridors/transit?scenario=suez-blocked-2022');
  assert.equal(s.status, 404);
  assert.match(s.body.error, /unknown scenario 'suez-blocked-2022'.*suez-blocked-2021/);
  // 'src' exists as a directory beside the server; the API must treat it as an unknown scenario.
  const d = await get('/api/corridors/route?from=Shanghai&to=Rotterdam&scenario=src');
  assert.equal(d.status, 404);
});

test('the corridors endpoints are in the OpenAPI document', async () => {
  const doc = await get('/api/openapi.json');
  for (const p of [
    '/api/corridors/network',
    '/api/corridors/route',
    '/api/corridors/transit',
    '/api/corridors/scenarios',
  ])
    assert.ok(p in doc.body.paths, p);
});
