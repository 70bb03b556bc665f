// Import throughput on the real files: `node --import tsx bench/import.bench.ts [DATA_DIR]`.
// Compares each full import (parse + validate + map + one transaction) with DuckDB's own
// read_csv of the same file into a plain table, the floor for getting the bytes into the store.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { importDataset } from '../src/data/importer.ts';
import { StateRegistry } from '../src/states/registry.ts';
import { Store } from '../src/store/store.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const data = process.argv[2] ?? join(root, '..', 'shared', 'data');
if (!existsSync(data)) {
  console.log(`skipped: no ${data}`);
  process.exit(0);
}
const doc = parse(readFileSync(join(root, 'kb', 'states.yaml'), 'utf8')) as {
  states: Array<{ ccode: number; cow: string; iso3: string | null; name: string; alt?: string[] }>;
};
const registry = new StateRegistry(
  doc.states.map((s) => ({
    ccode: s.ccode,
    cowAbbrev: s.cow,
    iso3: s.iso3,
    name: s.name,
    altNames: s.alt ?? [],
  })),
);

const cases: Array<{ id: string; files: string[] }> = [
  { id: 'unga_votes', files: ['un_roll_calls.csv', 'un_roll_call_issues.csv', 'un_votes.csv'] },
  { id: 'cow_igo', files: ['state_year_formatv3_from_dta.csv', 'igo_year_formatv3_from_dta.csv'] },
];

for (const c of cases) {
  const store = await Store.open(':memory:');
  const paths = c.files.map((f) => join(data, c.id, f));
  let t0 = performance.now();
  const out = await importDataset(store, c.id, paths, { registry });
  const ours = (performance.now() - t0) / 1000;
  const rows = out.reduce((s, o) => s + o.rows, 0);
  const stored = (await store.query<{ n: number }>(`SELECT sum(rows) AS n FROM loads`))[0]?.n;
  t0 = performance.now();
  for (const [i, p] of paths.entries())
    await store.run(`CREATE TABLE raw_${i} AS SELECT * FROM read_csv('${p.replace(/'/g, "''")}')`);
  const duck = (performance.now() - t0) / 1000;
  console.log(
    `${c.id}: ${rows.toLocaleString('en')} file rows (${stored} recorded) in ` +
      `${ours.toFixed(2)} s = ${Math.round(rows / ours).toLocaleString('en')} rows/s; ` +
      `DuckDB read_csv ${duck.toFixed(2)} s; ratio ${(ours / duck).toFixed(1)}×`,
  );
  store.close();
}
