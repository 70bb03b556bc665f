import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildServer } from '../../src/server/app.ts';
import { builtinScenarios } from '../../src/scenarios/load.ts';
import { syntheticSession } from './fixture.ts';

test(
  '/api/scenarios lists the built-ins; /api/scenarios/run ' +
    'validates ids and runs compositions side by side',
  async () => {
    const session = syntheticSession();
    const app = buildServer({
      kb: session.inputs.kb,
      registry: session.inputs.registry,
      version: 'test',
      framework: session,
    });
    const list = await app.inject({ url: '/api/scenarios' });
    assert.equal(list.statusCode, 200);
    assert.deepEqual(
      (list.json() as Array<{ id: string }>).map((s) => s.id),
      builtinScenarios().map((d) => d.head.id),
    );
    const bad = await app.inject({ url: '/api/scenarios/run?ids=a,b,c,d,e' });
    assert.equal(bad.statusCode, 400);
    const path = await app.inject({
      url: `/api/scenarios/run?ids=${encodeURIComponent(join('/tmp', 'x.yaml'))}`,
    });
    assert.equal(path.statusCode, 400, 'files named by a client are never read');
    const unknown = await app.inject({ url: '/api/scenarios/run?ids=no-such-scenario&states=AZE' });
    assert.equal(unknown.statusCode, 400);
    assert.match((unknown.json() as { error: string }).error, /unknown scenario 'no-such-scenario'/);
    // The synthetic data end in 2021; a built-in dated later is rejected with its file:line.
    const late = await app.inject({ url: '/api/scenarios/run?ids=russia-prevails&states=AZE' });
    assert.equal(late.statusCode, 400);
    assert.match(
      (late.json() as { error: string }).error,
      /russia-prevails\.yaml:\d+: from: 2024 is outside the data's years/,
    );
    const ok = await app.inject({ url: '/api/scenarios/run?ids=suez-blocked-2021&states=AZE&draws=10' });
    assert.equal(ok.statusCode, 200, ok.body);
    const body = ok.json() as {
      ids: string[];
      results: Array<{ scenario: { id: string }; rows: Array<{ state: string; year: number }> }>;
    };
    assert.deepEqual(body.ids, ['suez-blocked-2021']);
    assert.deepEqual(
      body.results[0]!.rows.map((r) => `${r.state} ${r.year}`),
      ['AZE 2020', 'AZE 2021'],
    );
    await app.close();
  },
);
