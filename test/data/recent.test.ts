import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { DataError } from '../../src/data/errors.ts';
import { importDataset } from '../../src/data/importer.ts';
import { Store } from '../../src/store/store.ts';
import { fixtures, registry, snapshot, tmp, write } from './helpers.ts';

const reg = registry();
type Cell = string | number | Date | null;

/** Writes an .xlsx with the given sheets (rows of cells, row 1 first), as the publishers lay them out. */
async function xlsx(path: string, sheets: Record<string, Cell[][]>): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    rows.forEach((r) => ws.addRow(r));
  }
  write(path, Buffer.alloc(0));
  await wb.xlsx.writeFile(path);
  return path;
}

/** Imports `good` into a fresh store, then `bad` must fail with `expected` and leave the store as it was. */
async function refused(id: string, good: string, bad: string, expected: RegExp): Promise<void> {
  const store = await Store.open(':memory:');
  await importDataset(store, id, good, { registry: reg });
  const before = await snapshot(store);
  await assert.rejects(importDataset(store, id, bad, { registry: reg, force: true }), (e: unknown) => {
    assert.ok(e instanceof DataError, String(e));
    assert.match(e.message, expected);
    assert.ok(!e.message.includes('\n'));
    return true;
  });
  assert.deepEqual(await snapshot(store), before);
  store.close();
}

const acd = join(fixtures, 'ucdp_acd', 'UcdpPrioConflict_v26_1.csv');
const acdText = readFileSync(acd, 'utf8');

test('ucdp_acd: conflict-years and their state parties with COW codes (GW 678 → 679, double spaces)', async () => {
  const store = await Store.open(':memory:');
  const [out] = await importDataset(store, 'ucdp_acd', acd, { registry: reg });
  assert.equal(out?.rows, 4);
  assert.equal(out?.version, '26.1'); // not the catalog's bytes: the version column
  const parties = await store.query<{
    conflict_id: number;
    year: number;
    side: string;
    primary: boolean;
    ccode: number;
  }>(
    'SELECT conflict_id, year, side, "primary", ccode FROM ucdp_conflict_parties ORDER BY 1, 2, 3, 4 DESC, 5',
  );
  assert.deepEqual(
    parties.map((p) => [p.conflict_id, p.year, p.side, p.primary, p.ccode]),
    [
      [388, 2020, 'A', true, 373],
      [388, 2020, 'A', false, 640],
      [388, 2020, 'B', false, 371],
      [388, 2023, 'A', true, 373],
      [13243, 2022, 'A', true, 365],
      [13243, 2022, 'B', true, 369],
      [16099, 2024, 'A', true, 2],
      [16099, 2024, 'A', true, 200],
      [16099, 2024, 'B', true, 679],
    ],
  );
  const [end] = await store.query<{ d: string }>(
    'SELECT ep_end_date::VARCHAR AS d FROM ucdp_conflicts WHERE conflict_id = 388 AND year = 2023',
  );
  assert.equal(end?.d, '2023-12-04');
  store.close();
});

test('ucdp_acd: a malformed file is refused at file:line:column and the store is unchanged', async () => {
  const dir = tmp();
  const cases: Array<[string, RegExp]> = [
    [
      acdText.replace('373,640,"",371', '373,640,"",3x1'),
      /:2:\d+: gwno_b_2nd: expected Gleditsch–Ward numbers/,
    ],
    [acdText.replace(',2022,2,1,2,', ',2022,7,1,2,'), /:4:\d+: intensity_level: 7 is above the maximum 2/],
    [acdText + acdText.split('\n')[1] + '\n', /:6:\d+: year: duplicate conflict-year 388, 2020/],
    [acdText.replace('territory_name,', 'territory,'), /:1:1: missing column 'territory_name'/],
  ];
  for (const [text, expected] of cases)
    await refused('ucdp_acd', acd, write(join(dir, 'UcdpPrioConflict_v26_1.csv'), text), expected);
});

const pop = join(fixtures, 'wdi', 'indicators', 'sp.pop.totl', 'data.csv');

test('wdi: long CSV into wdi_values; aggregates flagged, territories kept unmapped; the folder names the indicator', async () => {
  const store = await Store.open(':memory:');
  const [out] = await importDataset(store, 'wdi_datasets_indicators', pop, { registry: reg });
  assert.equal(out?.part, 'sp.pop.totl');
  assert.deepEqual(out?.unmapped, ['ABW (Aruba)']);
  const rows = await store.query<{ code: string; ccode: number | null; aggregate: boolean; value: number }>(
    "SELECT code, ccode, aggregate, value FROM wdi_values WHERE year = 2024 AND indicator = 'SP.POP.TOTL' ORDER BY code",
  );
  assert.deepEqual(
    rows.map((r) => [r.code, r.ccode, r.aggregate, r.value]),
    [
      ['ABW', null, false, 107624],
      ['AZE', 373, false, 10202830],
      ['KOR', 732, false, 51717590],
      ['WLD', null, true, 8142056000],
    ],
  );
  store.close();
  // the same file under another indicator's folder is refused, not stored under the wrong code
  const dir = tmp();
  const wrong = write(join(dir, 'indicators', 'ny.gdp.mktp.cd', 'data.csv'), readFileSync(pop));
  const s2 = await Store.open(':memory:');
  const [gdp] = await importDataset(s2, 'wdi_datasets_indicators', wrong, { registry: reg });
  assert.equal(gdp?.part, 'ny.gdp.mktp.cd');
  s2.close();
  const text = readFileSync(pop, 'utf8');
  await refused(
    'wdi_datasets_indicators',
    pop,
    write(join(dir, 'x', 'indicators', 'sp.pop.totl', 'data.csv'), text.replace('10202830', '10,2O2')),
    /sp\.pop\.totl\/data\.csv:3:\d+: (Value: expected a number|expected 4 fields)/,
  );
});

const pa = join(fixtures, 'ucdp_peace_agreements', 'ucdp-peace-agreements-221.csv');

test('ucdp_peace_agreements: multi-line fields, several conflict countries, third parties kept', async () => {
  const store = await Store.open(':memory:');
  const [out] = await importDataset(store, 'ucdp_peace_agreements', pa, { registry: reg });
  assert.equal(out?.rows, 2);
  const rows = await store.query<{ paid: number; gwno: string; ccode: number; third_parties: string | null }>(
    'SELECT paid, gwno, ccode, third_parties FROM ucdp_peace_agreements ORDER BY paid',
  );
  assert.deepEqual(
    rows.map((r) => [r.paid, r.gwno, r.ccode, r.third_parties]),
    [
      [1001, '372', 372, 'Russia, UN'],
      [1002, '625, 626', 625, null],
    ],
  );
  store.close();
  const text = readFileSync(pa, 'utf8');
  await refused(
    'ucdp_peace_agreements',
    pa,
    write(join(tmp(), 'ucdp-peace-agreements-221.csv'), text.replace('2020-10-03', '03/10/2020')),
    /ucdp-peace-agreements-221\.csv:4:\d+: pa_date: expected a date YYYY-MM-DD/,
  );
});

const milexSheet = (title: string, head: Cell[], rows: Cell[][]): Cell[][] => [
  [title],
  ['Figures are in US $m.'],
  ['". ." = data unavailable.'],
  [''],
  [''],
  ['Country', ...head, 'Notes', 2023, 2024],
  [],
  ['Europe'],
  ...rows,
];

async function milexBook(path: string, azeShare: Cell = 0.0499): Promise<string> {
  return xlsx(path, {
    'Front page': [['SIPRI Military Expenditure Database']],
    'Constant (2023) US$': milexSheet(
      'constant',
      [''],
      [
        ['Azerbaijan', null, '', 3562.1, 3699.4],
        ['USSR', null, '', 'xxx', 'xxx'],
        ['Atlantis', null, '', '...', 12.5],
      ],
    ),
    'Current US$': milexSheet('current', [], [['Azerbaijan', '', 3300, 3777.1]]),
    'Share of GDP': milexSheet('share', [], [['Azerbaijan', '', 0.046, azeShare]]),
  });
}

test('sipri_milex: three sheets, region headings and xxx skipped, unknown names kept unmapped', async () => {
  const dir = tmp();
  const good = await milexBook(join(dir, 'SIPRI-Milex-data-1949-2024_2.xlsx'));
  const store = await Store.open(':memory:');
  const [out] = await importDataset(store, 'sipri_milex', good, { registry: reg });
  assert.equal(out?.version, 'constant 2023 US$');
  assert.deepEqual(out?.unmapped, ['Atlantis']);
  const rows = await store.query<{ measure: string; year: number; value: number }>(
    'SELECT measure, year, value FROM sipri_milex WHERE ccode = 373 ORDER BY measure, year',
  );
  assert.deepEqual(
    rows.map((r) => [r.measure, r.year, r.value]),
    [
      ['constant_usd_m', 2023, 3562.1],
      ['constant_usd_m', 2024, 3699.4],
      ['current_usd_m', 2023, 3300],
      ['current_usd_m', 2024, 3777.1],
      ['share_gdp', 2023, 0.046],
      ['share_gdp', 2024, 0.0499],
    ],
  );
  store.close();
  const bad = await milexBook(join(tmp(), 'SIPRI-Milex-data-1949-2024_2.xlsx'), 'n.a.');
  await refused(
    'sipri_milex',
    good,
    bad,
    /\[Share of GDP\]:9:4: expected a number, '\.\.\.' or 'xxx', got 'n\.a\.'/,
  );
});

async function terminationBook(path: string, id: Cell = '1.4e+06'): Promise<string> {
  const head = ['dyadep_id', 'dyadepisode', 'conflict_id', 'dyad_id', 'year', 'location', 'side_a', 'side_b'];
  const tail = ['dyadterm', 'ependdate', 'outcome', 'cfiredate', 'peagdate', 'gwno_loc'];
  return xlsx(path, {
    dataset: [
      [...head, ...tail],
      [
        83306,
        6,
        388,
        833,
        2017,
        'Azerbaijan',
        'Government of Azerbaijan',
        'Republic of Artsakh',
        1,
        new Date(Date.UTC(2017, 11, 14)),
        5,
        '.',
        '.',
        '373',
      ],
      [id, 1, 222, 14273, 2013, 'Myanmar', 'Government of Myanmar', 'PSLF', 0, '.', '.', '.', 0, '775'],
      [
        45401,
        1,
        228,
        454,
        1949,
        'Egypt, Israel',
        'Government of Israel',
        'Government of Egypt',
        1,
        new Date(Date.UTC(1949, 0, 7)),
        2,
        '1949-03-23 (Lebanon); 1949-02-24 (Egypt)',
        '.',
        '651, 666',
      ],
    ],
  });
}

test('ucdp_conflict_termination: ids in scientific notation rebuilt from dyad and episode; text dates', async () => {
  const good = await terminationBook(join(tmp(), 'ucdp-term-dyad-3-2021.xlsx'));
  const store = await Store.open(':memory:');
  const [out] = await importDataset(store, 'ucdp_conflict_termination', good, { registry: reg });
  assert.equal(out?.rows, 3);
  const rows = await store.query<{
    id: number;
    end: string | null;
    cf: string | null;
    outcome: number | null;
  }>(
    'SELECT dyadep_id AS id, ep_end_date::VARCHAR AS "end", ceasefire_date::VARCHAR AS cf, outcome FROM ucdp_terminations ORDER BY year',
  );
  assert.deepEqual(
    rows.map((r) => [r.id, r.end, r.cf, r.outcome]),
    [
      [45401, '1949-01-07', '1949-02-24', 2],
      [1427301, null, null, null],
      [83306, '2017-12-14', null, 5],
    ],
  );
  store.close();
  // an id whose digits do not match its dyad and episode is refused, not rebuilt
  const bad = await terminationBook(join(tmp(), 'ucdp-term-dyad-3-2021.xlsx'), '1.5e+06');
  await refused(
    'ucdp_conflict_termination',
    good,
    bad,
    /\[dataset\]:3:1: dyadep_id: '1\.5e\+06' does not match dyad 14273/,
  );
});

async function eiBook(path: string, oddCell: Cell = 0): Promise<string> {
  const gas = (title: string): Cell[][] => [
    [title],
    ['Billion cubic metres', null, null, 'From'],
    ['To', 'Azerbaijan', 'Russian Federation', 'Total imports'],
    ['Türkiye', 9.5, oddCell, 9.5],
    ['EU', 11.67, 25.74, 37.41],
    ['Total exports', 21.17, 25.74, 46.91],
  ];
  return xlsx(path, {
    'Gas trade - pipeline': gas('Natural Gas: Trade movements 2023 by pipeline'),
    'Gas trade - LNG': gas('Natural Gas: Trade movements 2023 as liquefied natural gas'),
    'Oil - Inter-area movements': [
      ['Oil: Inter-area movements 2023'],
      [null, null, 'To'],
      ['Crude (million tonnes)', 'Europe', 'China', 'Total'],
      ['From'],
      ['Other CIS', 72.7, 6.4, 79.1],
      ['Total imports', 72.7, 6.4, 79.1],
      [],
      ['Product (million tonnes)'],
      ['From'],
      ['Russian Federation', 37.5, 0.5, 38],
      ['Total imports', 37.5, 0.5, 38],
    ],
  });
}

test('ei_statistical_review: bilateral matrices into one dyadic table (exporter, importer, commodity, volume, unit)', async () => {
  const good = await eiBook(join(tmp(), 'EI-Stats-Review-All-Data.xlsx'));
  const store = await Store.open(':memory:');
  await importDataset(store, 'ei_statistical_review', good, { registry: reg });
  const rows = await store.query<Record<string, unknown>>(
    `SELECT exporter, exporter_ccode AS ec, importer, importer_ccode AS ic, importer_aggregate AS agg, year, commodity, volume, unit
     FROM ei_bilateral_trade WHERE sheet <> 'Gas trade - LNG' ORDER BY commodity, exporter, importer`,
  );
  assert.deepEqual(
    rows.map((r) => [r.exporter, r.ec, r.importer, r.ic, r.agg, r.year, r.commodity, r.volume, r.unit]),
    [
      ['Azerbaijan', 373, 'EU', null, true, 2023, 'gas_pipeline', 11.67, 'bcm'],
      ['Azerbaijan', 373, 'Türkiye', 640, false, 2023, 'gas_pipeline', 9.5, 'bcm'],
      ['Russian Federation', 365, 'EU', null, true, 2023, 'gas_pipeline', 25.74, 'bcm'],
      ['Other CIS', null, 'China', 710, false, 2023, 'oil_crude', 6.4, 'Mt'],
      ['Other CIS', null, 'Europe', null, true, 2023, 'oil_crude', 72.7, 'Mt'],
      ['Russian Federation', 365, 'China', 710, false, 2023, 'oil_product', 0.5, 'Mt'],
      ['Russian Federation', 365, 'Europe', null, true, 2023, 'oil_product', 37.5, 'Mt'],
    ],
  );
  store.close();
  const bad = await eiBook(join(tmp(), 'EI-Stats-Review-All-Data.xlsx'), 'n/a');
  await refused(
    'ei_statistical_review',
    good,
    bad,
    /\[Gas trade - pipeline\]:4:3: expected a number, got 'n\/a'/,
  );
});
