import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { coverage } from '../../src/data/coverage.ts';
import { DataError } from '../../src/data/errors.ts';
import { importDataset } from '../../src/data/importer.ts';
import { Store } from '../../src/store/store.ts';
import { fixtures, registry, snapshot, tmp, write } from './helpers.ts';

const reg = registry();
const nmcFixture = join(fixtures, 'cow_nmc', 'NMC-60-abridged.csv');
const nmcText = readFileSync(nmcFixture, 'latin1');

async function freshStore(): Promise<Store> {
  const store = await Store.open(':memory:');
  await importDataset(store, 'cow_nmc', nmcFixture, { registry: reg });
  return store;
}

test(
  'an import records the file in loads; -9 becomes ' + 'NULL; re-importing the same file is a no-op',
  async () => {
    const store = await freshStore();
    const [load] = await store.query<{
      dataset: string;
      rows: number;
      year_min: number;
      year_max: number;
      file: string;
      sha256: string;
    }>('SELECT * FROM loads');
    assert.equal(load?.dataset, 'cow_nmc');
    assert.equal(load?.rows, 6);
    assert.deepEqual([load?.year_min, load?.year_max], [2010, 2011]);
    const [aze] = await store.query<{ pec: number | null; milex: number; cinc: number }>(
      'SELECT pec, milex, cinc FROM cow_nmc WHERE ccode = 373 AND year = 2010',
    );
    assert.equal(aze?.pec, null);
    assert.equal(aze?.cinc, 0.0012);
    const before = await snapshot(store);
    const again = await importDataset(store, 'cow_nmc', nmcFixture, { registry: reg });
    assert.equal(again[0]?.status, 'unchanged');
    assert.deepEqual(await snapshot(store), before);
    store.close();
  },
);

test('a new version replaces the old rows atomically and is recorded with its checksum', async () => {
  const store = await freshStore();
  const v2 = write(
    join(tmp(), 'NMC-70-abridged.csv'),
    nmcText.replace(/,2021\r\n/g, ',2025\r\n') + 'AZE,373,2012,3500000,95,0,22000,9295,5000,.0014,2025\r\n',
  );
  const [out] = await importDataset(store, 'cow_nmc', v2, { registry: reg });
  assert.equal(out?.status, 'imported');
  assert.equal(out?.version, 'release 2025'); // not the catalog's checksum: version from the file
  assert.match(out?.warnings[0] ?? '', /checksum .* differs from the catalog/);
  const loads = await store.query<{ n: number; rows: number }>(
    'SELECT count(*) AS n, max(rows) AS rows FROM loads',
  );
  assert.deepEqual(loads[0], { n: 1, rows: 7 });
  const rows = await store.query<{ n: number; ids: number }>(
    'SELECT count(*) AS n, count(DISTINCT load_id) AS ids FROM cow_nmc',
  );
  assert.deepEqual(rows[0], { n: 7, ids: 1 });
  store.close();
});

test("coverage: outside a dataset's years the answer is missing, never zero", async () => {
  const store = await freshStore();
  const inYear = await coverage(store, 373, 2011, 'capabilities');
  assert.equal(inYear[0]?.status, 'covered');
  assert.equal(inYear[0]?.version, 'release 2021'); // a hand-written fixture: version from its own column
  assert.equal((await coverage(store, 373, 2015, 'capabilities'))[0]?.status, 'outside-years');
  assert.equal((await coverage(store, 372, 2011, 'capabilities'))[0]?.status, 'missing');
  assert.equal((await coverage(store, 373, 2011, 'igo'))[0]?.status, 'not-imported');
  store.close();
});

/**
 * Each case breaks one thing in a copy of the fixture; the import must fail at the spot and leave the store
 * as it was.
 */
const bad: Array<[string, (text: string) => string | Buffer, RegExp]> = [
  ['truncated file', (t) => t.slice(0, t.length - 20), /NMC-60-abridged\.csv:7:\d+: expected 11 fields/],
  [
    'wrong encoding',
    (t) => Buffer.from(t.replace('AZE,373,2010', 'AZ\xc9,373,2010'), 'latin1'),
    /NMC-60-abridged\.csv:4:3: invalid UTF-8/,
  ],
  [
    'missing column',
    (t) => t.replace('milper,', '').replace(/^(USA|AZE|RUS),(\d+),(\d+),(\d+),\d+,/gm, '$1,$2,$3,$4,'),
    /NMC-60-abridged\.csv:1:1: missing column 'milper'/,
  ],
  ['renamed column', (t) => t.replace('cinc', 'CINC'), /NMC-60-abridged\.csv:1:1: missing column 'cinc'/],
  ['wrong delimiter', (t) => t.replace(/,/g, ';'), /NMC-60-abridged\.csv:1:1: .*wrong delimiter/],
  [
    'duplicated key',
    (t) => t + 'AZE,373,2011,1,1,1,1,1,1,.001,2021\r\n',
    /NMC-60-abridged\.csv:8:9: year: duplicate state-year 373, 2011 \(first on line 5\)/,
  ],
  [
    'unknown country',
    (t) => t.replace('RUS,365,2010', 'XXX,999,2010'),
    /NMC-60-abridged\.csv:6:5: ccode: 999 is not a COW state code/,
  ],
  [
    'year out of range',
    (t) => t.replace('RUS,365,2011', 'RUS,365,2911'),
    /NMC-60-abridged\.csv:7:9: year: year 2911 is out of range/,
  ],
  [
    'not a number',
    (t) => t.replace('1569', '15x9'),
    /NMC-60-abridged\.csv:2:22: milper: expected a number, got '15x9'/,
  ],
];

for (const [name, corrupt, expected] of bad) {
  test(`bad input: ${name} → one-line file:line:column error, store unchanged`, async () => {
    const store = await freshStore();
    const before = await snapshot(store);
    const path = write(join(tmp(), 'NMC-60-abridged.csv'), corrupt(nmcText));
    await assert.rejects(importDataset(store, 'cow_nmc', path, { registry: reg }), (e: unknown) => {
      assert.ok(e instanceof DataError, String(e));
      assert.match(e.message, expected);
      assert.ok(!e.message.includes('\n'));
      return true;
    });
    assert.deepEqual(await snapshot(store), before);
    store.close();
  });
}

test('unmapped names are kept with a NULL ccode and listed in loads.unmapped', async () => {
  const store = await Store.open(':memory:');
  const dir = tmp();
  const pre =
    'Transfers of major conventional arms\nA note\n\nSource: SIPRI Arms ' +
    'Transfers Database (c) SIPRI.\nData generated: 3 March 2025 1:00:00 PM\n';
  const header =
    'Recipient,Supplier,Year of order, ,Number ordered, ,Weapon designation,Weapon ' +
    'description,Number delivered, ,Year(s) of delivery,status,Comments,SIPRI TIV ' +
    'per unit,SIPRI TIV for total order,SIPRI TIV of delivered weapons\n';
  const rows =
    'Azerbaijan,Turkiye,2020,?,6,,T-155,self-propelled gun,6,,2021; 2022,New,,2.5,15,15\nUNITA ' +
    '(Angola)*,Soviet Union,1980,,10,?,BTR-60,APC,10,?,1981,Second hand,,0.1,1,1\n';
  const path = write(join(dir, 'trade-register.csv'), Buffer.from(pre + header + rows, 'latin1'));
  const [out] = await importDataset(store, 'sipri_arms', path, { registry: reg });
  assert.equal(out?.version, 'generated 2025-03-03');
  assert.deepEqual(out?.unmapped, ['UNITA (Angola)*']);
  const got = await store.query<{
    recipient_ccode: number | null;
    supplier_ccode: number;
    delivery_years: number[];
    order_year_uncertain: boolean;
    line: number;
  }>(
    'SELECT recipient_ccode, supplier_ccode, delivery_years, ' +
      'order_year_uncertain, line FROM sipri_transfers ORDER BY line',
  );
  assert.deepEqual(
    got.map((r) => [r.recipient_ccode, r.supplier_ccode, r.order_year_uncertain, r.line]),
    [
      [373, 640, true, 7],
      [null, 365, false, 8],
    ],
  );
  assert.deepEqual([...(got[0]!.delivery_years as unknown as Iterable<number>)], [2021, 2022]);
  const [load] = await store.query<{ unmapped: string[] }>('SELECT unmapped FROM loads');
  assert.deepEqual([...load!.unmapped], ['UNITA (Angola)*']);
  store.close();
});
