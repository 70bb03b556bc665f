import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { catalog, mirrorPath } from '../../src/data/catalog.ts';
import { coverage } from '../../src/data/coverage.ts';
import { pullDataset, pullMissing } from '../../src/data/pull.ts';
import { Store } from '../../src/store/store.ts';
import { registry, repoRoot } from './helpers.ts';

// The real files beside the project; every test here skips cleanly when they are absent.
const shared = join(repoRoot, '..', 'shared', 'data');
const skip = existsSync(shared) ? false : `no ${shared}`;
const reg = registry();
let store: Store;

before(async () => {
  if (skip) return;
  store = await Store.open(':memory:');
  const statuses = await pullMissing(store, { mirror: shared, registry: reg });
  assert.deepEqual(
    statuses.filter((s) => s.status !== 'imported'),
    [],
  );
});
after(() => store?.close());

for (const entry of catalog) {
  test(`${entry.id}: rows and years of every file present equal the README's`, { skip }, async () => {
    const loads = await store.query<{
      file: string;
      rows: number;
      year_min: number | null;
      year_max: number | null;
      sha256: string;
      version: string;
      part: string;
    }>(
      'SELECT l.file, l.rows, l.year_min, l.year_max, l.sha256, l.version, p.part FROM ' +
        'data_load_parts p JOIN loads l USING (load_id) WHERE p.dataset = $1',
      [entry.id],
    );
    const present = entry.files.filter((f) => existsSync(join(shared, mirrorPath(entry, f))));
    assert.ok(loads.length > 0);
    for (const load of loads) {
      // several parts may share a file name (WDI's data.csv), so the part picks the catalog file
      const file = present.find((f) => f.name === load.file && f.part === load.part);
      assert.ok(file, `${load.file} is a catalog file`);
      assert.equal(load.sha256, file.sha256);
      assert.equal(load.version, file.version);
      assert.equal(load.rows, file.rows, `${load.file} rows`);
      if (load.year_min !== null)
        assert.deepEqual([load.year_min, load.year_max], file.years, `${load.file} years`);
    }
  });
}

test('spot checks against the READMEs: Azerbaijan in votes, ATOP, IGO, NMC, SIPRI', { skip }, async () => {
  const q = async (sql: string, params: (string | number)[] = []) =>
    (await store.query<{ n: number }>(sql, params))[0]?.n;
  // unvotes: Azerbaijan 2,251 yes/no/abstain votes 1992–2020; Armenia 2,362; Georgia 2,272
  assert.equal(await q('SELECT count(*) AS n FROM unga_votes WHERE ccode = 373'), 2251);
  assert.equal(await q('SELECT count(*) AS n FROM unga_votes WHERE ccode = 371'), 2362);
  assert.equal(await q('SELECT count(*) AS n FROM unga_votes WHERE ccode = 372'), 2272);
  assert.equal(
    await q(
      'SELECT min(r.year) AS n FROM unga_votes v JOIN unga_rollcalls r USING (rcid) WHERE v.ccode = 373',
    ),
    1992,
  );
  // West Germany keeps COW 260, unified Germany 255
  assert.equal(
    await q(
      "SELECT count(*) AS n FROM unga_votes WHERE country = 'Federal Republic of Germany' AND ccode <> 260",
    ),
    0,
  );
  // issues: me 1,061 roll calls
  assert.equal(await q("SELECT count(*) AS n FROM unga_rollcall_issues WHERE issue = 'me'"), 1061);
  // ATOP: atopid 4400 members include 365, 371, 373; Azerbaijan in 18 alliances
  assert.equal(await q('SELECT count(DISTINCT atopid) AS n FROM atop_members WHERE ccode = 373'), 18);
  assert.equal(
    await q('SELECT list_contains(members, 373)::INT AS n FROM atop_alliances WHERE atopid = 4400'),
    1,
  );
  // SIPRI: Azerbaijan as recipient 130 deals 1993–2025, Israel 38 of them
  assert.equal(await q('SELECT count(*) AS n FROM sipri_transfers WHERE recipient_ccode = 373'), 130);
  assert.equal(
    await q("SELECT count(*) AS n FROM sipri_transfers WHERE recipient_ccode = 373 AND supplier = 'Israel'"),
    38,
  );
  // NMC v7: Azerbaijan 1991 has milper and pec missing (NULL, not zero)
  assert.equal(
    await q(
      'SELECT count(*) AS n FROM cow_nmc WHERE ccode = 373 ' +
        'AND year = 1991 AND milper IS NULL AND pec IS NULL',
    ),
    1,
  );
  // IGO: Azerbaijan first appears in 1991
  assert.equal(await q('SELECT min(year) AS n FROM igo_state_years WHERE ccode = 373'), 1991);
  // Contiguity: AZE land borders (type 1) in 2016: RUS, ARM, GRG, IRN, TUR
  assert.equal(
    await q('SELECT count(*) AS n FROM cow_contiguity WHERE ccode1 = 373 AND year = 2016 AND type = 1'),
    5,
  );
});

test(
  'coverage of Azerbaijan: covered in range, missing (not zero) beyond each dataset',
  { skip },
  async () => {
    assert.equal((await coverage(store, 373, 2015, 'votes'))[0]?.status, 'covered');
    assert.equal((await coverage(store, 373, 2022, 'votes'))[0]?.status, 'outside-years');
    assert.equal((await coverage(store, 373, 2022, 'idealpoints'))[0]?.status, 'covered');
    assert.equal((await coverage(store, 373, 2016, 'igo'))[0]?.status, 'outside-years');
    assert.equal((await coverage(store, 373, 2022, 'capabilities'))[0]?.status, 'covered');
    assert.equal((await coverage(store, 373, 2023, 'capabilities'))[0]?.status, 'outside-years');
  },
);

test('pulling again from the mirror is a no-op', { skip }, async () => {
  const out = await pullDataset(store, 'cow_igo', { mirror: shared, registry: reg });
  assert.deepEqual(
    out.map((o) => o.status),
    ['unchanged', 'unchanged'],
  );
});
