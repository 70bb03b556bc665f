import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { migrate } from './migrations.ts';
import { defaultStorePath } from './paths.ts';

export type SqlParams = Record<string, DuckDBValue> | DuckDBValue[];
export type Row = Record<string, unknown>;

/**
 * The embedded DuckDB store. One connection per process: the CLI and server are single writers,
 * and DuckDB serialises statements on a connection anyway.
 */
export class Store {
  private inTransaction = false;

  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    readonly conn: DuckDBConnection,
  ) {}

  /** Opens (creating if needed) the store file and brings its schema up to date. `:memory:` is allowed. */
  static async open(path: string = defaultStorePath()): Promise<Store> {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path);
    } catch (err) {
      throw new StoreError(`cannot open store ${path}: ${(err as Error).message.split('\n')[0]}`);
    }
    const store = new Store(path, instance, await instance.connect());
    await migrate(store);
    return store;
  }

  async query<T extends Row = Row>(sql: string, params?: SqlParams): Promise<T[]> {
    const reader =
      params === undefined ? await this.conn.runAndReadAll(sql) : await this.conn.runAndReadAll(sql, params);
    return reader.getRowObjectsJS().map(plainRow) as T[];
  }

  async run(sql: string, params?: SqlParams): Promise<void> {
    if (params === undefined) await this.conn.run(sql);
    else await this.conn.run(sql, params);
  }

  /**
   * Runs `work` in one transaction: every loader goes through here, so a failure anywhere (a parse
   * error, a constraint, a killed process) leaves the store exactly as it was before.
   */
  async transaction<T>(work: (store: Store) => Promise<T>): Promise<T> {
    if (this.inTransaction) throw new StoreError('nested transactions are not supported');
    this.inTransaction = true;
    await this.conn.run('BEGIN TRANSACTION');
    try {
      const result = await work(this);
      await this.conn.run('COMMIT');
      return result;
    } catch (err) {
      await this.conn.run('ROLLBACK');
      throw err;
    } finally {
      this.inTransaction = false;
    }
  }

  close(): void {
    this.conn.closeSync();
    this.instance.closeSync();
  }
}

/** DuckDB hands back BIGINT as bigint; the library works in numbers (all our counts fit in 2^53). */
function plainRow(row: Record<string, unknown>): Row {
  for (const key in row) if (typeof row[key] === 'bigint') row[key] = Number(row[key]);
  return row;
}

export class StoreError extends Error {
  override name = 'StoreError';
}
