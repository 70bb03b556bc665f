// The contract between the import pipeline (importer.ts) and each dataset's importer (importers/):
// kept apart so that the importers and the registry that lists them need not import the pipeline.
import type { StateRegistry } from '../states/registry.ts';
import type { Store } from '../store/store.ts';

export type ColType = 'int' | 'smallint' | 'tinyint' | 'double' | 'varchar' | 'bool' | 'date' | 'int[]';

/** Rows bound for one table, in the table's column order after `load_id`. */
export class TableBuffer {
  readonly rows: unknown[][] = [];
  constructor(
    readonly table: string,
    readonly types: readonly ColType[],
  ) {}
  push(row: unknown[]): void {
    this.rows.push(row);
  }
}

export interface ImportFile {
  path: string;
  name: string;
  sha256: string;
  bytes: number;
}

export interface ParseContext {
  registry: StateRegistry;
  /** The store, for importers that stage a file in DuckDB and check it column-wise (columnar.ts). */
  store?: Store;
  /** Called with the fraction of the file read, for progress bars. */
  progress?: (fraction: number) => void;
}

/** Rows already in a DuckDB staging table: `select` yields the table's columns after `load_id`. */
export interface StagedRows {
  table: string;
  select: string;
}

export interface PartResult {
  tables: TableBuffer[];
  /** Column-wise results: inserted with one INSERT … SELECT each inside the import's transaction. */
  staged?: StagedRows[];
  /** Drops staging tables; called once the import committed or failed. */
  cleanup?: () => Promise<void>;
  /** Data rows in the file (as the README counts them), not rows stored. */
  rows: number;
  yearMin: number | null;
  yearMax: number | null;
  /** Country names or codes the registry could not place; rows are kept with a NULL ccode. */
  unmapped: string[];
  /**
   * A version read from the file itself (e.g. SIPRI's generation date), used when the checksum is not in the
   * catalog.
   */
  version?: string;
}

export interface PartSpec {
  part: string;
  /** Tables this part fills: on a new version their rows of the old load are deleted. */
  tables: string[];
  parse(file: ImportFile, ctx: ParseContext): Promise<PartResult>;
}

export interface DatasetImporter {
  id: string;
  parts: PartSpec[];
  /**
   * Checks across the files of one import (e.g. every vote's roll call exists); `store` holds the
   * parts not being replaced, against which the new ones must also agree.
   */
  crossCheck?(parts: Map<string, PartResult>, store: Store): void | Promise<void>;
}
