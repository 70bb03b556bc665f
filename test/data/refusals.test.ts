/**
 * Every way a user's file can be wrong ends in a one-line error naming what and where (DataError:
 * file:line:col; DatasetError: the file and the problem), exit 1 from the CLI, and a store exactly
 * as it was. Each case breaks one thing in a copy of the hand-written fixtures.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { rollbackDataset } from '../../src/data/archive.ts';
import { DataError, DatasetError } from '../../src/data/errors.ts';
import { importDataset } from '../../src/data/importer.ts';
import { ungaVotes } from '../../src/data/importers/unga_votes.ts';
import { checkZipFile, unzipEntry } from '../../src/data/zip.ts';
import { Store } from '../../src/store/store.ts';
import { fixtures, registry, repoRoot, snapshot, tmp, write } from './helpers.ts';

const reg = registry();
const unga = join(fixtures, 'unga_votes');
const text = (name: string): string => readFileSync(join(unga, name), 'utf8');
const nmcText = readFileSync(join(fixtures, 'cow_nmc', 'NMC-60-abridged.csv'), 'latin1');

async function ungaStore(): Promise<Store> {
  const store = await Store.open(':memory:');
  await importDataset(store, 'unga_votes', unga, { registry: reg });
  return store;
}

/** A copy of the fixture folder with one file replaced. */
function ungaWith(name: string, content: string | Buffer): string {
  const dir = tmp();
  for (const f of ['un_roll_calls.csv', 'un_roll_call_issues.csv', 'un_votes.csv'])
    write(join(dir, f), f === name ? content : text(f));
  return dir;
}

/** A snapshot without the archive's bookkeeping: what readers see. */
async function live(s: Store | Record<string, string>): Promise<Record<string, string>> {
  const snap = s instanceof Store ? await snapshot(s) : s;
  return Object.fromEntries(Object.entries(snap).filter(([k]) => k !== 'archived_loads'));
}

async function refused(
  store: Store,
  run: () => Promise<unknown>,
  kind: typeof DataError | typeof DatasetError,
  expected: RegExp,
): Promise<void> {
  const before = await snapshot(store);
  await assert.rejects(run, (e: unknown) => {
    assert.ok(e instanceof kind, `${String(e)} is not a ${kind.name}`);
    assert.match((e as Error).message, expected);
    assert.ok(!(e as Error).message.includes('\n'), 'one line');
    return true;
  });
  assert.deepEqual(await snapshot(store), before, 'the store is unchanged');
}

test('the column-wise path stores exactly what the row-wise path stores', async () => {
  const fast = await ungaStore();
  const part = ungaVotes.parts.find((p) => p.part === 'votes')!;
  const parse = part.parse;
  part.parse = (f, ctx) => parse(f, { ...ctx, store: undefined }); // the row-wise path
  const slow = await Store.open(':memory:');
  let slowOut;
  try {
    slowOut = await importDataset(slow, 'unga_votes', unga, { registry: reg });
  } finally {
    part.parse = parse;
  }
  const q = 'SELECT rcid, ccode, country, vote FROM unga_votes ORDER BY rowid';
  const rows = await fast.query(q);
  assert.equal(rows.length, 24);
  assert.deepEqual(rows, await slow.query(q));
  const [fastLoad] = await fast.query("SELECT rows, unmapped FROM loads WHERE file = 'un_votes.csv'");
  const [slowLoad] = await slow.query("SELECT rows, unmapped FROM loads WHERE file = 'un_votes.csv'");
  assert.deepEqual(fastLoad, slowLoad);
  assert.deepEqual([...(fastLoad!.unmapped as string[])], ['Atlantis Invented']);
  assert.ok(slowOut.every((o) => o.status === 'imported'));
  const [west] = await fast.query<{ ccode: number }>(
    "SELECT DISTINCT ccode FROM unga_votes WHERE country = 'Federal Republic of Germany'",
  );
  assert.equal(west?.ccode, 260);
  fast.close();
  slow.close();
});

const votesHeader = '"rcid","country","country_code","vote"\n';
const cellCases: Array<[string, string, string | Buffer, RegExp]> = [
  [
    'a vote file whose last line is cut mid-row',
    'un_votes.csv',
    text('un_votes.csv').slice(0, -12),
    /^un_votes\.csv:25:\d+: unterminated quoted field at end of file \(truncated file\?\)$/,
  ],
  [
    'a vote file whose last line lost its last fields',
    'un_votes.csv',
    text('un_votes.csv').replace(/,"[a-z]+"\n$/, '\n'),
    /^un_votes\.csv:25:\d+: expected 4 fields as in the header, found 3 \(truncated line\?\)$/,
  ],
  [
    'an rcid above the 32-bit range in the roll calls',
    'un_roll_calls.csv',
    text('un_roll_calls.csv').replace('\n5,2,1', '\n4294967296,2,1'),
    /^un_roll_calls\.csv:4:1: rcid: 4294967296 is above the maximum 2147483647$/,
  ],
  [
    'an rcid above the 32-bit range in the votes',
    'un_votes.csv',
    text('un_votes.csv').replace('\n5,"Cuba"', '\n4294967296,"Cuba"'),
    /^un_votes\.csv:20:1: rcid: 4294967296 is above the maximum 2147483647$/,
  ],
  [
    'an impossible date',
    'un_roll_calls.csv',
    text('un_roll_calls.csv').replace('1946-01-02', '1946-02-30'),
    /^un_roll_calls\.csv:3:\d+: date: 1946-02-30 is not a calendar date$/,
  ],
  [
    'a NUL byte in a cell',
    'un_votes.csv',
    text('un_votes.csv').replace('"Canada"', '"Can\0ada"'),
    /^un_votes\.csv:3:\d+: NUL byte/,
  ],
  [
    'a vote that is not yes, abstain or no',
    'un_votes.csv',
    text('un_votes.csv').replace('"Mexico","MX","yes"', '"Mexico","MX","maybe"'),
    /^un_votes\.csv:\d+:\d+: vote: expected yes, abstain or no$/,
  ],
  [
    'a duplicate vote',
    'un_votes.csv',
    text('un_votes.csv') + '4,"Canada","CA","yes"\n',
    /^un_votes\.csv:26:\d+: country: duplicate vote of Canada on roll call 4$/,
  ],
  [
    'a duplicate vote written with a leading zero',
    'un_votes.csv',
    text('un_votes.csv') + '04,"Canada","CA","yes"\n',
    /^un_votes\.csv:26:\d+: country: duplicate vote of Canada on roll call 4$/,
  ],
  [
    'a file in Latin-1',
    'un_votes.csv',
    Buffer.from(text('un_votes.csv').replace('"Mexico"', '"M\xe9xico"'), 'latin1'),
    /^un_votes\.csv:\d+:\d+: invalid UTF-8/,
  ],
  [
    'one line that is gigabytes long (a gzip bomb would look so)',
    'un_votes.csv',
    votesHeader + '3,"' + 'x'.repeat(1_100_000),
    /^un_votes\.csv:2:3: a field longer than/,
  ],
];

for (const [name, file, content, expected] of cellCases) {
  test(`refused: ${name}`, async () => {
    const store = await ungaStore();
    await refused(
      store,
      () => importDataset(store, 'unga_votes', ungaWith(file, content), { registry: reg }),
      DataError,
      expected,
    );
    store.close();
  });
}

test('refused: Infinity and out-of-range numbers', async () => {
  const store = await Store.open(':memory:');
  for (const [cell, expected] of [
    ['1e999', /NMC-60-abridged\.csv:2:\d+: milper: '1e999' is beyond the range of a double/],
    ['Infinity', /NMC-60-abridged\.csv:2:\d+: milper: expected a number, got 'Infinity'/],
  ] as const) {
    const path = write(join(tmp(), 'NMC-60-abridged.csv'), nmcText.replace('1569', cell));
    await refused(store, () => importDataset(store, 'cow_nmc', path, { registry: reg }), DataError, expected);
  }
  store.close();
});

test('refused: votes naming roll calls that are not in the roll-call file or the store', async () => {
  const store = await ungaStore();
  const orphan = text('un_votes.csv') + '99,"Canada","CA","yes"\n';
  await refused(
    store,
    () => importDataset(store, 'unga_votes', ungaWith('un_votes.csv', orphan), { registry: reg }),
    DatasetError,
    /^un_votes\.csv: roll call 99 is not in the (roll-call file|stored roll calls)$/,
  );
  // The vote file alone is checked against the roll calls in the store.
  const alone = write(join(tmp(), 'un_votes.csv'), orphan);
  await refused(
    store,
    () => importDataset(store, 'unga_votes', alone, { registry: reg }),
    DatasetError,
    /^un_votes\.csv: roll call 99 is not in the stored roll calls$/,
  );
  // A roll-call file that drops a roll call the stored votes name.
  const fewer = write(
    join(tmp(), 'un_roll_calls.csv'),
    text('un_roll_calls.csv').replace(/\n5,2,1.*\n/, '\n'),
  );
  await refused(
    store,
    () => importDataset(store, 'unga_votes', fewer, { registry: reg, force: true }),
    DatasetError,
    /^un_(roll_call_issues|votes)\.csv in the store: roll call 5 is not in the roll-call file$/,
  );
  // Into an empty store, a vote file with no roll calls at all says what to import first.
  const empty = await Store.open(':memory:');
  await refused(
    empty,
    () => importDataset(empty, 'unga_votes', join(unga, 'un_votes.csv'), { registry: reg }),
    DatasetError,
    /roll call 3 \(and 2 more\) is not in the stored roll calls \(import un_roll_calls\.csv first/,
  );
  store.close();
  empty.close();
});

test('a header-only file never replaces a stored version without --force; rollback undoes', async () => {
  const store = await Store.open(':memory:');
  const nmc = join(fixtures, 'cow_nmc', 'NMC-60-abridged.csv');
  await importDataset(store, 'cow_nmc', nmc, { registry: reg });
  const headerOnly = write(join(tmp(), 'NMC-60-abridged.csv'), nmcText.split('\r\n')[0] + '\r\n');
  await refused(
    store,
    () => importDataset(store, 'cow_nmc', headerOnly, { registry: reg }),
    DatasetError,
    new RegExp(
      '^NMC-60-abridged\\.csv: no data rows \\(header only\\?\\); ' +
        "it would replace 6 rows of version 'release 2021'; .*--force",
    ),
  );
  const before = await snapshot(store);
  const [out] = await importDataset(store, 'cow_nmc', headerOnly, { registry: reg, force: true });
  assert.equal(out?.rows, 0);
  assert.equal((await store.query('SELECT * FROM cow_nmc')).length, 0);
  const [back] = await rollbackDataset(store, 'cow_nmc');
  assert.deepEqual(back?.restored.rows, 6);
  assert.deepEqual(back?.archived?.rows, 0);
  assert.deepEqual(await live(store), await live(before), 'rollback restores rows and load ids exactly');
  // A second rollback undoes the first.
  await rollbackDataset(store, 'cow_nmc');
  assert.equal((await store.query('SELECT * FROM cow_nmc')).length, 0);
  store.close();
});

test('a vote file cut at a line boundary cannot replace the stored one; --force can; rollback', async () => {
  const store = await ungaStore();
  const lines = text('un_votes.csv').split('\n');
  const cut = write(join(tmp(), 'un_votes.csv'), lines.slice(0, 9).join('\n') + '\n');
  await refused(
    store,
    () => importDataset(store, 'unga_votes', cut, { registry: reg }),
    DatasetError,
    /^un_votes\.csv: 8 data rows .*would replace 24 .*\(a truncated file/,
  );
  const full = await snapshot(store);
  await importDataset(store, 'unga_votes', cut, { registry: reg, force: true });
  assert.equal((await store.query('SELECT * FROM unga_votes')).length, 8);
  const [r] = await rollbackDataset(store, 'unga_votes');
  assert.equal(r?.part, 'votes');
  assert.deepEqual(await live(store), await live(full));
  store.close();
});

test('nothing to roll back is a clear error', async () => {
  const store = await ungaStore();
  await assert.rejects(rollbackDataset(store, 'unga_votes'), /no earlier version to roll back to/);
  await assert.rejects(rollbackDataset(store, 'nope'), /unknown dataset 'nope'/);
  store.close();
});

test('refused: a FIFO or a device given as input (no hang)', async () => {
  const store = await Store.open(':memory:');
  const fifo = join(tmp(), 'un_votes.csv');
  execFileSync('mkfifo', [fifo]);
  for (const path of [fifo, '/dev/zero'])
    await refused(
      store,
      () => importDataset(store, 'unga_votes', path, { registry: reg }),
      DatasetError,
      /not a regular file/,
    );
  store.close();
});

/** A zip archive with one stored member whose central directory declares `declared` bytes. */
function zipWith(name: string, data: Buffer, declared = data.length): Buffer {
  const n = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(n.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(n.length, 28);
  central.writeUInt32LE(0, 42);
  const dirOffset = 30 + n.length + data.length;
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(46 + n.length, 12);
  eocd.writeUInt32LE(dirOffset, 16);
  return Buffer.concat([local, n, data, central, n, eocd]);
}

test('refused: decompression bombs, before anything inflates', async () => {
  const store = await Store.open(':memory:');
  const bomb = write(
    join(tmp(), 'custom-table-imports-of-natural-gas-by-partner-country.xlsx'),
    zipWith('xl/worksheets/sheet1.xml', Buffer.from('<x/>'), 4_000_000_000),
  );
  await refused(
    store,
    () => importDataset(store, 'eurostat_gas', bomb, { registry: reg }),
    DatasetError,
    /would inflate to 4000\.0 MB .*decompression bomb/,
  );
  assert.throws(() => checkZipFile(bomb, 'x.xlsx'), /decompression bomb/);
  // A member that inflates beyond the size its header declares.
  const deflated = zipWith('a.csv', Buffer.alloc(0));
  assert.throws(() => unzipEntry(deflated, 'b.csv', 'a.zip'), /no b\.csv in the archive/);
  // gzip: inflation is capped while streaming (the Voeten .csv.gz goes through the row reader).
  const gz = write(
    join(tmp(), 'UNVotesPublished_from_RData.csv.gz'),
    gzipSync(
      Buffer.concat([Buffer.from('rcid,session,vote,ccode,member,year\n'), Buffer.alloc(300_000_000, 48)]),
    ),
  );
  await refused(
    store,
    () => importDataset(store, 'unga_votes', gz, { registry: reg }),
    DataError,
    /UNVotesPublished_from_RData\.csv\.gz:2:1: (a field longer than|gzip data inflates beyond)/,
  );
  store.close();
});

test('CLI: a malformed file exits 1 with one line naming file:line:col; the store is untouched', () => {
  const dir = tmp();
  const storePath = join(dir, 'store.duckdb');
  const bad = ungaWith('un_roll_calls.csv', text('un_roll_calls.csv').replace('1946-01-02', '1946-02-30'));
  const cli = (args: string[]) =>
    spawnSync(process.execPath, [join(repoRoot, 'bin', 'interconnector.js'), '--store', storePath, ...args], {
      encoding: 'utf8',
    });
  const r = cli(['data', 'import', 'unga_votes', bad]);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr.trim(), /un_roll_calls\.csv:3:\d+: date: 1946-02-30 is not a calendar date/);
  assert.equal(r.stderr.trim().split('\n').length, 1);
  const fifo = join(dir, 'fifo.csv');
  execFileSync('mkfifo', [fifo]);
  const f = cli(['data', 'import', 'unga_votes', fifo]);
  assert.equal(f.status, 1, f.stderr);
  assert.match(f.stderr, /not a regular file/);
  const none = cli(['data', 'rollback', 'unga_votes']);
  assert.equal(none.status, 1, none.stderr);
  assert.match(none.stderr, /no earlier version to roll back to/);
});

test("Voeten's 2016 file: column-wise equals row-wise; a bad cell is named by line and column", async () => {
  const header =
    '"rcid","session","vote","ccode","member","importantvote","date","unres",' +
    '"me","nu","di","hr","co","ec","year"\n';
  const body = [
    '3,1,1,2,1,0,"1/1/1946","R/1/66",0,0,0,0,0,"0",1946',
    '3,1,3,20,1,0,"1/1/1946","R/1/66",0,0,0,0,0,"0",1946',
    '3,1,8,373,,0,"1/1/1946","R/1/66",0,0,0,0,0,"0",1946',
    '4,1,9,20,0,0,"1/2/1946","R/1/79",0,0,0,0,0,"0",1946',
  ].join('\n');
  const dir = tmp();
  const gz = write(join(dir, 'UNVotesPublished_from_RData.csv.gz'), gzipSync(header + body + '\n'));
  const fast = await Store.open(':memory:');
  await importDataset(fast, 'unga_votes', gz, { registry: reg });
  const part = ungaVotes.parts.find((p) => p.part === 'votes2016')!;
  const parse = part.parse;
  part.parse = (f, ctx) => parse(f, { ...ctx, store: undefined });
  const slow = await Store.open(':memory:');
  try {
    await importDataset(slow, 'unga_votes', gz, { registry: reg });
  } finally {
    part.parse = parse;
  }
  const q = 'SELECT * EXCLUDE (load_id) FROM unga_votes_2016 ORDER BY rowid';
  const rows = await fast.query(q);
  assert.equal(rows.length, 4);
  assert.deepEqual(rows, await slow.query(q));
  assert.deepEqual(
    await fast.query('SELECT rows, year_min, year_max FROM loads'),
    await slow.query('SELECT rows, year_min, year_max FROM loads'),
  );
  const bad = write(
    join(tmp(), 'UNVotesPublished_from_RData.csv.gz'),
    gzipSync(header + body.replace(',373,', ',999,') + '\n'),
  );
  await refused(
    fast,
    () => importDataset(fast, 'unga_votes', bad, { registry: reg }),
    DataError,
    /^UNVotesPublished_from_RData\.csv\.gz:4:7: ccode: 999 is not a COW state code in the registry$/,
  );
  fast.close();
  slow.close();
});
