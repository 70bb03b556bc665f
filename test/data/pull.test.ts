import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { download, pullDataset } from '../../src/data/pull.ts';
import { Store } from '../../src/store/store.ts';
import { fixtures, registry, snapshot, tmp, write } from './helpers.ts';

/** A local publisher that honours Range requests and can cut a response short. */
async function serve(
  body: Buffer,
  opts: { cutAt?: number } = {},
): Promise<{ url: string; server: Server; ranges: string[] }> {
  const ranges: string[] = [];
  let first = true;
  const server = createServer((req, res) => {
    const range = req.headers.range;
    ranges.push(range ?? '');
    const start = range ? Number(/bytes=(\d+)-/.exec(range)?.[1] ?? 0) : 0;
    res.writeHead(range ? 206 : 200, {
      'content-length': body.length - start,
      ...(range ? { 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` } : {}),
    });
    if (first && opts.cutAt) {
      first = false;
      res.write(body.subarray(0, opts.cutAt));
      setTimeout(() => res.destroy(), 100);
      return;
    }
    res.end(body.subarray(start));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/file.csv`, server, ranges };
}

test('download resumes an interrupted transfer with an HTTP Range request', async () => {
  const body = Buffer.from('x'.repeat(200_000));
  const { url, server, ranges } = await serve(body, { cutAt: 50_000 });
  const dest = join(tmp(), 'file.csv');
  try {
    await assert.rejects(
      download(url, dest),
      /download interrupted after \d+ bytes.*run the pull again to resume/,
    );
    assert.ok(existsSync(`${dest}.part`));
    await download(url, dest);
    assert.deepEqual(readFileSync(dest), body);
    assert.match(ranges[1] ?? '', /^bytes=[1-9]\d*-$/);
  } finally {
    server.closeAllConnections();
    server.close();
  }
});

test('an unreachable publisher is a clear one-line error', async () => {
  const dest = join(tmp(), 'f.csv');
  await assert.rejects(
    download('http://127.0.0.1:9/nothing.zip', dest),
    (e: Error) =>
      /^cannot reach 127\.0\.0\.1:9 \(offline or unreachable/.test(e.message) && !e.message.includes('\n'),
  );
});

test('a mirror file whose checksum differs from the catalog is refused and nothing is imported', async () => {
  const mirror = tmp();
  // a mirror laid out like ../shared/data, with a file that is not the catalog's release
  copyFileSync(
    join(fixtures, 'cow_nmc', 'NMC-60-abridged.csv'),
    write(join(mirror, 'cow_nmc', 'NMC-70-abridged_reconstructed.csv'), ''),
  );
  const store = await Store.open(':memory:');
  const before = await snapshot(store);
  await assert.rejects(
    pullDataset(store, 'cow_nmc', { mirror, registry: registry() }),
    /checksum mismatch for NMC-70-abridged_reconstructed\.csv: expected db35ecad9868c5c0…, got /,
  );
  assert.deepEqual(await snapshot(store), before);
  store.close();
});

test('a dataset without a direct download says where to get it', async () => {
  const store = await Store.open(':memory:');
  await assert.rejects(
    pullDataset(store, 'sipri_arms', { registry: registry(), cacheDir: tmp() }),
    new RegExp(
      'cannot be downloaded directly; get it from https://armstransfers\\.sipri\\.org/ ' +
        'and run `interconnector data import sipri_arms FILE`',
    ),
  );
  store.close();
});

test('a mirror missing a required file names it', async () => {
  const mirror = tmp();
  writeFileSync(join(mirror, 'x'), '');
  const store = await Store.open(':memory:');
  await assert.rejects(
    pullDataset(store, 'cow_trade', { mirror, registry: registry() }),
    /lacks cow_trade\/National_COW_4\.0\.csv/,
  );
  store.close();
});
