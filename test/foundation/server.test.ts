import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
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

const get = async (url: string) => {
  const res = await app.inject({ method: 'GET', url });
  return { status: res.statusCode, body: res.json() as Record<string, unknown> };
};

test('/api/health answers ok', async () => {
  const r = await get('/api/health');
  assert.equal(r.status, 200);
  assert.equal(r.body.status, 'ok');
});

test('/api/states lists the registry', async () => {
  const r = await get('/api/states');
  assert.equal(r.status, 200);
  assert.ok((r.body.states as unknown[]).length >= 217);
});

test('/api/kb/timeline resolves the state by any identifier', async () => {
  const a = await get('/api/kb/timeline?state=AZE');
  const b = await get('/api/kb/timeline?state=azerbaijan');
  assert.equal(a.status, 200);
  assert.deepEqual(a.body, b.body);
  assert.equal((a.body.state as { iso3: string }).iso3, 'AZE');
});

test('a bad query parameter is a 400 naming the parameter', async () => {
  for (const [url, param] of [
    ['/api/kb/timeline?from=abc', 'from'],
    ['/api/kb/timeline?from=1700', 'from'],
    ['/api/kb/timeline?kind=gossip', 'kind'],
    ['/api/kb/timeline?colour=red', 'colour'],
    ['/api/states?year=20000', 'year'],
  ] as const) {
    const r = await get(url);
    assert.equal(r.status, 400, url);
    assert.match(String(r.body.error), new RegExp(`invalid parameter '${param}'`), url);
  }
});

test('an unknown state is a 404 with the closest matches', async () => {
  const r = await get('/api/kb/timeline?state=Azerbajan');
  assert.equal(r.status, 404);
  assert.match(String(r.body.error), /closest: Azerbaijan/);
});

test('unknown endpoints are JSON 404s and the OpenAPI document lists the routes', async () => {
  assert.equal((await get('/api/nothing')).status, 404);
  const doc = await get('/api/openapi.json');
  assert.equal(doc.status, 200);
  assert.ok(Object.keys(doc.body.paths as object).includes('/api/kb/timeline'));
});

test('request bodies over the size limit are refused', async () => {
  const res = await app.inject({
    method: 'POST',
    url: '/api/health',
    payload: 'x'.repeat(200_000),
    headers: { 'content-type': 'text/plain' },
  });
  assert.equal(res.statusCode, 413);
});
