// What a migration is and what it needs of the store: kept apart from migrations.ts (the list) and
// store.ts (which runs them on open), so that neither the lists nor the runner import the Store class.
import type { DuckDBValue } from '@duckdb/node-api';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The part of the Store that `migrate` uses. */
export interface MigrationTarget {
  query<T extends Record<string, unknown>>(sql: string): Promise<T[]>;
  run(sql: string, params?: DuckDBValue[]): Promise<void>;
  transaction<T>(work: (tx: MigrationTarget) => Promise<T>): Promise<T>;
}
