import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { loadKnowledgeBase } from '../../src/kb/knowledge-base.ts';
import { buildServer, type ServerDeps } from '../../src/server/app.ts';
import { StateRegistry } from '../../src/states/registry.ts';
import { Store } from '../../src/store/store.ts';
import { fixtureStore } from './fixture.ts';

let app: FastifyInstance;
let store: Store;
before(async () => {
  store = await Store.open(await fixtureStore());
  const kb = loadKnowledgeBase();
  const deps: ServerDeps = { kb, registry: StateRegistry.fromKnowledgeBase(kb), version: 'test', store };
  app = buildServer(deps);
  await app.ready();
});
after(async () => {
  await app.close();
  store.close();
});

const get = async (url: string) => {
  const res = await app.inject({ method: 'GET', url });
  return { status: res.statusCode, body: res.json() as Record<string, unknown> };
};
type Row = Record<string, number | string | null>;

test('/api/alignment answers the profile with hand-computed agreement and provenance', async () => {
  const r = await get('/api/alignment?state=AZE&years=2015-2017&poles=USA,CHN');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const rows = r.body.rows as Row[];
  assert.deepEqual(
    rows.map((x) => x.year),
    [2015, 2016, 2017],
  );
  assert.ok(Math.abs((rows[0]!.agree_USA as number) - 1 / 6) < 1e-12);
  assert.ok(Math.abs((rows[0]!.agree_CHN as number) - 2 / 3) < 1e-12);
  assert.equal(rows[1]!.agree_USA, null);
  const prov = r.body.provenance as {
    votes: { dataset: string; version: string; files: { sha256: string }[]; votes_used: number };
    idealpoints: { source: string };
  };
  assert.equal(prov.votes.dataset, 'unga_votes');
  assert.equal(prov.votes.files[0]!.sha256.length, 64);
  assert.equal(prov.idealpoints.source, 'bsv');
  // the same state by name gives the same document (and comes from the cache the second time)
  assert.deepEqual((await get('/api/alignment?state=Azerbaijan&years=2015-2017&poles=USA,CHN')).body, r.body);
});

test(
  '/api/idealpoints by source, filtered by states, ' + 'and /api/alignment/agreement for the heatmap',
  async () => {
    const bsv = await get('/api/idealpoints?source=bsv&states=AZE,USA');
    assert.equal(bsv.status, 200);
    assert.deepEqual(bsv.body.columns, [
      'ccode',
      'iso3',
      'year',
      'session',
      'ideal_point',
      'lo',
      'hi',
      'votes',
      'sd',
      'name',
      'source',
    ]);
    assert.equal((bsv.body.rows as Row[]).length, 5);
    const own = await get('/api/idealpoints?source=own&years=2015-2017');
    assert.equal(own.status, 200);
    assert.equal((own.body.rows as Row[]).length, 14);
    const mode = await get('/api/idealpoints?source=own&method=mode&years=2015-2017');
    assert.equal(mode.status, 200);
    assert.match(
      String((mode.body.provenance as { idealpoints: { method: string } }).idealpoints.method),
      /posterior mode/,
    );
    assert.match(
      String((own.body.provenance as { idealpoints: { method: string } }).idealpoints.method),
      /Gibbs/,
    );
    const heat = await get('/api/alignment/agreement?states=AZE,ARM&poles=USA,RUS&years=2015-2017');
    assert.equal(heat.status, 200);
    const cells = heat.body.cells as Row[];
    assert.equal(cells.length, 2 * 2 * 3);
    const armUsa15 = cells.find((c) => c.iso3 === 'ARM' && c.pole === 'USA' && c.year === 2015)!;
    // ARM vs USA 2015: rc1 abstain–no ½, rc2 yes–yes 1, rc3 yes–no 0
    assert.ok(Math.abs((armUsa15.agree as number) - 0.5) < 1e-12);
    assert.equal(cells.find((c) => c.iso3 === 'AZE' && c.year === 2016)!.agree, null);
  },
);

test('bad parameters are 400s naming the parameter; unknown states 404; missing data 409', async () => {
  for (const [url, param] of [
    ['/api/alignment?state=AZE&years=2017-2015', 'years'],
    ['/api/alignment?state=AZE&years=abc', 'years'],
    ['/api/alignment?state=AZE&issue=trade', 'issue'],
    ['/api/alignment?state=AZE&source=mine', 'source'],
    ['/api/alignment?state=AZE&sensitivity=maybe', 'sensitivity'],
    ['/api/alignment?years=2015', 'state'],
    ['/api/alignment?state=AZE&colour=red', 'colour'],
    ['/api/idealpoints?issue=xx', 'issue'],
    ['/api/idealpoints?years=1700', 'years'],
    ['/api/alignment/agreement?poles=USA,RUS', 'states'],
    ['/api/idealpoints?method=mcmc', 'method'],
  ] as const) {
    const r = await get(url);
    assert.equal(r.status, 400, url);
    assert.match(String(r.body.error), new RegExp(`invalid parameter '${param}'`), url);
  }
  const issueBsv = await get('/api/idealpoints?source=bsv&issue=hr');
  assert.equal(issueBsv.status, 400);
  assert.match(String(issueBsv.body.error), /^issue: /);
  const unknown = await get('/api/alignment?state=Azerbajan');
  assert.equal(unknown.status, 404);
  assert.match(String(unknown.body.error), /closest: Azerbaijan/);
  assert.equal((await get('/api/alignment?state=AZE&poles=USA,Narnia')).status, 404);
});

test('a server without a store answers 409 with what to do', async () => {
  const kb = loadKnowledgeBase();
  const bare = buildServer({ kb, registry: StateRegistry.fromKnowledgeBase(kb), version: 'test' });
  const res = await bare.inject({ method: 'GET', url: '/api/alignment?state=AZE' });
  assert.equal(res.statusCode, 409);
  assert.match(String((res.json() as { error: string }).error), /no store/);
  await bare.close();
});

test('the OpenAPI document lists the alignment routes', async () => {
  const doc = await get('/api/openapi.json');
  const paths = Object.keys(doc.body.paths as object);
  for (const p of ['/api/alignment', '/api/idealpoints', '/api/alignment/agreement'])
    assert.ok(paths.includes(p), p);
});
