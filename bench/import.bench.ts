// Import throughput on the real files: `node --import tsx bench/import.bench.ts [DATA_DIR]`.
// Compares each full import (read + every check + map + one transaction, archive of the replaced
// version included when there is one) with DuckDB's own read_csv of the same files into a plain
// table, the floor for getting the bytes into the store. Wall and CPU seconds (this process, DuckDB's
// threads included) are both shown: on a shared machine the CPU ratio is the steadier one.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importDataset } from '../src/data/importer.ts';
import { Store } from '../src/store/store.ts';
import { registry as loadRegistry } from '../test/data/helpers.ts';
import { machineLoad, timed } from './helpers/machine.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const data = process.argv.slice(2).find((a) => !a.startsWith('-')) ?? join(root, '..', 'shared', 'data');
if (!existsSync(data)) {
  console.log(`skipped: no ${data}`);
  process.exit(0);
}
const registry = loadRegistry();

const cases: Array<{ id: string; files: string[]; before?: string[]; label: string }> = [
  {
    label: 'unga_votes (3 files)',
    id: 'unga_votes',
    files: ['un_roll_calls.csv', 'un_roll_call_issues.csv', 'un_votes.csv'],
  },
  {
    label: 'unga_votes un_votes.csv alone',
    id: 'unga_votes',
    files: ['un_votes.csv'],
    before: ['un_roll_calls.csv'],
  },
  {
    label: 'cow_igo (2 files)',
    id: 'cow_igo',
    files: ['state_year_formatv3_from_dta.csv', 'igo_year_formatv3_from_dta.csv'],
  },
];

for (const c of cases) {
  const store = await Store.open(':memory:');
  if (c.before)
    await importDataset(
      store,
      c.id,
      c.before.map((f) => join(data, c.id, f)),
      { registry },
    );
  const paths = c.files.map((f) => join(data, c.id, f));
  const ours = await timed(() => importDataset(store, c.id, paths, { registry }));
  const rows = ours.value.reduce((s, o) => s + o.rows, 0);
  const duck = await timed(async () => {
    for (const [i, p] of paths.entries())
      await store.run(`CREATE TABLE raw_${i} AS SELECT * FROM read_csv('${p.replace(/'/g, "''")}')`);
  });
  console.log(
    `${c.label}: ${rows.toLocaleString('en')} rows; ours ${ours.wall.toFixed(2)} s wall, ` +
      `${ours.cpu.toFixed(2)} s CPU; DuckDB read_csv ${duck.wall.toFixed(2)} s wall, ` +
      `${duck.cpu.toFixed(2)} s CPU; ` +
      `ratio ours/DuckDB ${(ours.wall / duck.wall).toFixed(1)}× wall, ` +
      `${(ours.cpu / duck.cpu).toFixed(1)}× CPU ` +
      `(target ≤ 2×; ${machineLoad()})`,
  );
  store.close();
}
