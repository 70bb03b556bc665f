import type { Store } from '../store/store.ts';
import { catalogEntry, catalog } from './catalog.ts';
import { DatasetError } from './errors.ts';

/**
 * The version an import displaced, kept so that `interconnector data rollback ID` can bring it back.
 * One version per dataset part: its `loads` row goes to `archived_loads` (with the load that displaced
 * it) and its rows to a table of the same name in the `archive` schema, which readers never see.
 * Load ids are kept, so results cached against the old load are valid again after a rollback.
 */
export async function archiveLoads(
  tx: Store,
  dataset: string,
  part: string,
  tables: readonly string[],
  ids: number[],
  displacedBy: number,
): Promise<void> {
  const list = ids.map(Number).join(', ');
  await tx.run('DELETE FROM archived_loads WHERE dataset = $1 AND part = $2', [dataset, part]);
  await tx.run(
    `INSERT INTO archived_loads (load_id, dataset, part, version, file, sha256, rows, year_min, year_max, ` +
      `unmapped, imported_at, displaced_by) SELECT load_id, dataset, $1, version, file, sha256, rows, ` +
      `year_min, year_max, unmapped, imported_at, $2 FROM loads WHERE load_id IN (${list})`,
    [part, displacedBy],
  );
  for (const t of tables) {
    // Replaced whole: the archive holds one version per part, and the table's columns follow main's.
    await tx.run(
      `CREATE OR REPLACE TABLE archive.${t} AS SELECT * FROM main.${t} WHERE load_id IN (${list})`,
    );
    await tx.run(`DELETE FROM main.${t} WHERE load_id IN (${list})`);
  }
  await tx.run(`DELETE FROM data_load_parts WHERE load_id IN (${list})`);
  await tx.run(`DELETE FROM loads WHERE load_id IN (${list})`);
}

export interface RollbackOutcome {
  dataset: string;
  part: string;
  /** The version now in the store (the one the last replacement displaced). */
  restored: { version: string; file: string; rows: number };
  /** The version it displaces in turn (now archived: a second rollback brings it back). */
  archived: { version: string; file: string; rows: number } | null;
}

/**
 * `data rollback ID`: for every part of the dataset with an archived version, swaps it with the
 * version in the store, in one transaction. Rolling back twice returns to where one started.
 */
export async function rollbackDataset(store: Store, id: string): Promise<RollbackOutcome[]> {
  const entry = catalogEntry(id);
  if (!entry)
    throw new DatasetError(`unknown dataset '${id}'; known: ${catalog.map((d) => d.id).join(', ')}`);
  const { importers } = await import('./importers/index.ts');
  const specs = importers[entry.id].parts;
  const archived = await store.query<{
    load_id: number;
    part: string;
    version: string;
    file: string;
    rows: number;
  }>('SELECT load_id, part, version, file, rows FROM archived_loads WHERE dataset = $1 ORDER BY part', [
    entry.id,
  ]);
  if (archived.length === 0)
    throw new DatasetError(`${entry.id}: no earlier version to roll back to (no import has replaced one)`);
  return store.transaction(async (tx) => {
    const out: RollbackOutcome[] = [];
    for (const a of archived) {
      const spec = specs.find((p) => p.part === a.part);
      if (!spec) throw new DatasetError(`${entry.id}: archived part '${a.part}' is no longer imported`);
      const cur = await tx.query<{ load_id: number; version: string; file: string; rows: number }>(
        'SELECT l.load_id, l.version, l.file, l.rows FROM data_load_parts p JOIN loads l USING (load_id) ' +
          'WHERE p.dataset = $1 AND p.part = $2',
        [entry.id, a.part],
      );
      // Set the archived version aside before the current one takes its place in the archive.
      const restoredId = Number(a.load_id);
      await tx.run(
        `INSERT INTO loads (load_id, dataset, version, file, sha256, rows, year_min, year_max, unmapped, ` +
          `imported_at) SELECT load_id, dataset, version, file, sha256, rows, year_min, year_max, ` +
          `unmapped, ` +
          `imported_at FROM archived_loads WHERE load_id = ${restoredId}`,
      );
      const held = new Map<string, string>();
      for (const t of spec.tables) {
        held.set(t, `rollback_${t}`);
        await tx.run(`CREATE TEMP TABLE rollback_${t} AS SELECT * FROM archive.${t}`);
      }
      if (cur.length)
        await archiveLoads(
          tx,
          entry.id,
          a.part,
          spec.tables,
          cur.map((c) => Number(c.load_id)),
          restoredId,
        );
      else await tx.run('DELETE FROM archived_loads WHERE dataset = $1 AND part = $2', [entry.id, a.part]);
      for (const [t, tmp] of held) {
        await tx.run(`INSERT INTO main.${t} BY NAME SELECT * FROM ${tmp}`);
        await tx.run(`DROP TABLE ${tmp}`);
        if (!cur.length) await tx.run(`DROP TABLE IF EXISTS archive.${t}`);
      }
      await tx.run('INSERT INTO data_load_parts (load_id, dataset, part) VALUES ($1, $2, $3)', [
        restoredId,
        entry.id,
        a.part,
      ]);
      const c = cur[0];
      out.push({
        dataset: entry.id,
        part: a.part,
        restored: { version: a.version, file: a.file, rows: Number(a.rows) },
        archived: c ? { version: c.version, file: c.file, rows: Number(c.rows) } : null,
      });
    }
    return out;
  });
}
