import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { exportPanel, PANEL_COLUMNS, panelRows } from '../../src/export/panel.ts';
import { COMPONENTS } from '../../src/framework/autonomy/components.ts';
import type { AutonomyRun } from '../../src/framework/autonomy/run.ts';
import { FIRST_FRAMEWORK_YEAR, FrameworkSession } from '../../src/framework/session.ts';
import { runCli } from '../helpers/cli.ts';
import { hasSharedData } from '../helpers/paths.ts';
import { realDataStore } from '../helpers/store.ts';
import type { Store } from '../../src/store/store.ts';

// The panel export on the real datasets: every state-year, every column, a codebook line per column.
const skip = hasSharedData ? false : 'no ../shared/data';
let store: Store | undefined;
let run: AutonomyRun;
let storePath = '';
const dir = mkdtempSync(join(tmpdir(), 'interconnector-export-'));

before(async () => {
  if (skip) return;
  const real = await realDataStore();
  store = real.store;
  storePath = real.store.path;
  const session = await FrameworkSession.open(real.store, real.kb, real.registry);
  run = session.autonomy({ years: [FIRST_FRAMEWORK_YEAR, session.latestYear()], draws: 20, seed: 1 });
});
after(() => {
  store?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A tiny CSV reader for the test (quoted fields with doubled quotes, as the writer makes them). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') endCell();
    else if (ch === '\n') {
      endCell();
      rows.push(row);
      row = [];
    } else cell += ch;
  }
  return rows;
}

test('the panel has one row per state-year of the run, with every codebook column', { skip }, async () => {
  const out = join(dir, 'csv');
  const result = await exportPanel(run, { out, format: 'csv', version: 'test', date: '2026-01-01' });
  const years = new Set(run.results.map((r) => r.year));
  assert.equal(years.size, run.results[run.results.length - 1]!.year - FIRST_FRAMEWORK_YEAR + 1);
  assert.ok(run.results.length > 150 * years.size, `${run.results.length} state-years`);
  assert.equal(result.rows, run.results.length);
  const rows = parseCsv(readFileSync(join(out, 'panel.csv'), 'utf8'));
  assert.deepEqual(
    rows[0],
    PANEL_COLUMNS.map((c) => c.name),
  );
  assert.equal(rows.length - 1, run.results.length);
  for (const r of rows.slice(1)) assert.equal(r.length, PANEL_COLUMNS.length);
  // The codebook documents every column, with its type, in order
  const codebook = parseCsv(readFileSync(join(out, 'codebook.csv'), 'utf8'));
  assert.deepEqual(codebook[0], ['column', 'type', 'description']);
  assert.deepEqual(
    codebook.slice(1).map((c) => c[0]),
    PANEL_COLUMNS.map((c) => c.name),
  );
  for (const c of codebook.slice(1)) assert.ok(c[2]!.length > 10, `codebook entry for ${c[0]}`);
  for (const c of COMPONENTS) assert.ok(rows[0]!.includes(c) && rows[0]!.includes(`${c}_sources`));
  const cff = readFileSync(join(out, 'CITATION.cff'), 'utf8');
  assert.match(cff, /^cff-version: 1\.2\.0/);
  assert.match(cff, /Huseynov/);
  assert.match(cff, /atop@5\.1/);
});

test('coverage and provenance: missing components are empty, counted and named, never zero', { skip }, () => {
  const rows = panelRows(run);
  const withMissing = rows.filter((r) => r.missing !== '');
  assert.ok(withMissing.length > 0, 'some state-years lack a component');
  for (const r of withMissing.slice(0, 200)) {
    const missing = String(r.missing).split('; ');
    for (const c of missing) assert.equal(r[c], null, `${r.state} ${r.year} ${c}`);
    assert.equal(r.components_present, COMPONENTS.length - missing.length);
    assert.equal(r.coverage, (COMPONENTS.length - missing.length) / COMPONENTS.length);
  }
  const aze = rows.find((r) => r.state === 'AZE' && r.year === 2020)!;
  assert.ok(aze, 'Azerbaijan 2020 is in the panel');
  assert.match(String(aze.sources), /unga_idealpoints@/);
  assert.match(String(aze.facts), /\w/);
  assert.ok((aze.index_lo as number) <= (aze.index as number) + 1e-9);
});

test('the Parquet file holds the same rows and typed columns (read back with DuckDB)', { skip }, async () => {
  const out = join(dir, 'parquet');
  const result = await exportPanel(run, { out, format: 'parquet', version: 'test', date: '2026-01-01' });
  assert.equal(result.rows, run.results.length);
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const file = join(out, 'panel.parquet').replace(/'/g, "''");
  const count = await con.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM read_parquet('${file}')`);
  assert.equal(count.getRowObjects()[0]!.n, run.results.length);
  const schema = await con.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${file}')`);
  const types = schema.getRowObjects().map((r) => [r.column_name, r.column_type]);
  assert.deepEqual(
    types,
    PANEL_COLUMNS.map((c) => [c.name, c.type]),
  );
  const aze = await con.runAndReadAll(
    `SELECT index, year FROM read_parquet('${file}') WHERE state = 'AZE' AND year = 2020`,
  );
  const expected = run.results.find((r) => r.state === 'AZE' && r.year === 2020)!;
  assert.ok(Math.abs((aze.getRowObjects()[0]!.index as number) - expected.index!) < 1e-9);
  con.closeSync();
  db.closeSync();
});

test('`--format parquet` is refused, naming the option, on commands other than export', async () => {
  const r = await runCli(['states', '--format', 'parquet']);
  assert.equal(r.code, 1);
  assert.match(r.err, /--format parquet is only for `export`/);
});

test(
  '`interconnector export --out DIR --format parquet` writes the panel, codebook and citation',
  { skip },
  async () => {
    // The CLI opens the store file itself, and DuckDB lets one handle hold it: close ours first (last test).
    store?.close();
    store = undefined;
    const out = join(dir, 'cli');
    const r = await runCli([
      '--store',
      storePath,
      '--quiet',
      'export',
      '--out',
      out,
      '--format',
      'parquet',
      '--draws',
      '0',
    ]);
    assert.equal(r.code, 0, r.err);
    for (const f of ['panel.parquet', 'codebook.csv', 'CITATION.cff'])
      assert.ok(readFileSync(join(out, f)).length > 0, f);
  },
);
