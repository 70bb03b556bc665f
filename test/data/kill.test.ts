import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { importDataset } from '../../src/data/importer.ts';
import { Store } from '../../src/store/store.ts';
import { fixtures, registry, repoRoot, snapshot, tmp, write } from './helpers.ts';

test('an import killed (SIGKILL) inside its transaction leaves the store exactly as before', async () => {
  const dir = tmp();
  const storePath = join(dir, 'store.duckdb');
  const store = await Store.open(storePath);
  await importDataset(store, 'cow_nmc', join(fixtures, 'cow_nmc', 'NMC-60-abridged.csv'), {
    registry: registry(),
  });
  const before = await snapshot(store);
  store.close();

  const text = readFileSync(join(fixtures, 'cow_nmc', 'NMC-60-abridged.csv'), 'latin1').replace(
    /,2021\r\n/g,
    ',2025\r\n',
  );
  const v2 = write(join(dir, 'NMC-70-abridged.csv'), text);
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(repoRoot, 'test', 'data', 'kill-child.ts'), storePath, v2],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '',
    err = '';
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('exit', (_code, signal) => resolve(signal)),
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('APPENDING')) {
        child.kill('SIGKILL');
        resolve();
      }
    });
    child.on('exit', () => reject(new Error(`child exited before the transaction: ${out} ${err}`)));
  });
  assert.equal(await exited, 'SIGKILL');

  const reopened = await Store.open(storePath);
  assert.deepEqual(await snapshot(reopened), before);
  const [load] = await reopened.query<{ version: string }>('SELECT version FROM loads');
  assert.equal(load?.version, 'release 2021');
  reopened.close();
});
