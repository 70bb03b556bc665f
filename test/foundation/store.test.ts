import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { migrations } from '../../src/store/migrations.ts';
import { defaultStorePath } from '../../src/store/paths.ts';
import { Store } from '../../src/store/store.ts';
import { tempDir } from '../helpers/paths.ts';

test('a new store file is created with every migration applied, once', async () => {
  const path = join(tempDir(), 'nested', 'store.duckdb');
  const store = await Store.open(path);
  const applied = await store.query<{ version: number }>(
    'SELECT version FROM schema_migrations ORDER BY version',
  );
  assert.deepEqual(
    applied.map((r) => r.version),
    migrations.map((m) => m.version),
  );
  store.close();
  const again = await Store.open(path);
  assert.equal(
    (await again.query<{ n: number }>('SELECT count(*) AS n FROM schema_migrations'))[0]?.n,
    migrations.length,
  );
  again.close();
});

test('a failed transaction leaves the store exactly as it was', async () => {
  const store = await Store.open(':memory:');
  await store.run('CREATE TABLE t (x INTEGER PRIMARY KEY)');
  await store.run('INSERT INTO t VALUES (1)');
  await assert.rejects(
    store.transaction(async (tx) => {
      await tx.run('INSERT INTO t VALUES (2)');
      await tx.run('DELETE FROM t WHERE x = 1');
      await tx.run('INSERT INTO t VALUES (2)'); // duplicate key: the whole load fails
    }),
  );
  assert.deepEqual(await store.query('SELECT x FROM t ORDER BY x'), [{ x: 1 }]);
  const n = await store.transaction(async (tx) => {
    await tx.run('INSERT INTO t VALUES (3)');
    return 1;
  });
  assert.equal(n, 1);
  assert.deepEqual(
    (await store.query<{ x: number }>('SELECT x FROM t ORDER BY x')).map((r) => r.x),
    [1, 3],
  );
  store.close();
});

test('the store path follows INTERCONNECTOR_STORE, then XDG_DATA_HOME', () => {
  assert.equal(defaultStorePath({ INTERCONNECTOR_STORE: '/x/y.duckdb' }), '/x/y.duckdb');
  assert.equal(defaultStorePath({ XDG_DATA_HOME: '/data' }), '/data/interconnector/store.duckdb');
});

test('counts come back as numbers, not bigints', async () => {
  const store = await Store.open(':memory:');
  const [row] = await store.query<{ n: number }>('SELECT count(*) AS n FROM range(5)');
  assert.equal(row?.n, 5);
  store.close();
});
