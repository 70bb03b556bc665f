import type { Migration, MigrationTarget } from './migration.ts';
import { dataMigrations } from './migrations-data.ts';
import { alignmentMigrations } from './migrations-alignment.ts';
import { recentDataMigrations } from './migrations-data-recent.ts';

/** Core schema: provenance of every load. Dataset tables are in migrations-data.ts. */
const coreMigrations: Migration[] = [
  {
    version: 1,
    name: 'loads',
    sql: `
      CREATE SEQUENCE IF NOT EXISTS load_seq START 1;
      CREATE TABLE loads (
        load_id     INTEGER PRIMARY KEY DEFAULT nextval('load_seq'),
        dataset     VARCHAR NOT NULL,
        version     VARCHAR NOT NULL,
        file        VARCHAR NOT NULL,
        sha256      VARCHAR NOT NULL,
        rows        BIGINT NOT NULL,
        year_min    INTEGER,
        year_max    INTEGER,
        unmapped    VARCHAR[] NOT NULL DEFAULT [],
        imported_at TIMESTAMP NOT NULL DEFAULT current_timestamp
      );`,
  },
  {
    version: 2,
    name: 'archived loads (data rollback)',
    sql: `
      -- The version an import displaced, one per dataset part; its rows sit in schema archive.
      CREATE SCHEMA IF NOT EXISTS archive;
      CREATE TABLE archived_loads (
        load_id      INTEGER PRIMARY KEY,
        dataset      VARCHAR NOT NULL,
        part         VARCHAR NOT NULL,
        version      VARCHAR NOT NULL,
        file         VARCHAR NOT NULL,
        sha256       VARCHAR NOT NULL,
        rows         BIGINT NOT NULL,
        year_min     INTEGER,
        year_max     INTEGER,
        unmapped     VARCHAR[] NOT NULL,
        imported_at  TIMESTAMP NOT NULL,
        displaced_by INTEGER NOT NULL,
        archived_at  TIMESTAMP NOT NULL DEFAULT current_timestamp
      );`,
  },
];

export const migrations: Migration[] = [
  ...coreMigrations,
  ...dataMigrations,
  ...recentDataMigrations,
  ...alignmentMigrations,
].sort((a, b) => a.version - b.version);

/** Applies the migrations the store has not seen, each in its own transaction, in version order. */
export async function migrate(store: MigrationTarget): Promise<number> {
  await store.run(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY ' +
      'KEY, name VARCHAR, applied_at TIMESTAMP DEFAULT current_timestamp)',
  );
  const applied = new Set(
    (await store.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) =>
      Number(r.version),
    ),
  );
  let count = 0;
  for (const m of migrations) {
    if (applied.has(m.version)) continue;
    await store.transaction(async (tx) => {
      await tx.run(m.sql);
      await tx.run('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
    });
    count++;
  }
  return count;
}
