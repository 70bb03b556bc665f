import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DuckDBDateValue, INTEGER, LIST, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';

const INT_LIST = LIST(INTEGER);
import type { StateRegistry } from '../states/registry.ts';
import type { Store } from '../store/store.ts';
import { catalogEntry, type CatalogEntry, type CatalogFile } from './catalog.ts';
import { archiveLoads } from './archive.ts';
import { DatasetError } from './errors.ts';
import type {
  ColType,
  DatasetImporter,
  ImportFile,
  PartResult,
  PartSpec,
  TableBuffer,
} from './importer-types.ts';

export interface PartOutcome {
  dataset: string;
  part: string;
  file: string;
  version: string;
  sha256: string;
  status: 'imported' | 'unchanged';
  rows: number;
  yearMin: number | null;
  yearMax: number | null;
  unmapped: string[];
  warnings: string[];
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Which files of a dataset to import from `input`: a folder laid out like the publisher's (or a
 * mirror's `<id>/` folder), or one file. For a folder each part takes its newest catalog file
 * present; a single file is matched to its part by name.
 */
export function resolveInputs(
  entry: CatalogEntry,
  importer: DatasetImporter,
  input: string,
): Array<{ part: PartSpec; path: string; file?: CatalogFile }> {
  if (!existsSync(input)) throw new DatasetError(`${input}: no such file or folder`);
  const kind = statSync(input);
  if (!kind.isDirectory() && !kind.isFile())
    throw new DatasetError(
      `${input}: not a regular file (a pipe, device or socket); give a file or a folder`,
    );
  if (kind.isDirectory()) {
    const found: Array<{ part: PartSpec; path: string; file?: CatalogFile }> = [];
    for (const part of importer.parts) {
      for (const f of entry.files.filter((x) => x.part === part.part)) {
        const candidates = [join(input, f.name), ...(f.dir ? [join(input, f.dir, f.name)] : [])];
        const path = candidates.find((p) => existsSync(p));
        if (path && !statSync(path).isFile()) throw new DatasetError(`${path}: not a regular file`);
        if (path) {
          found.push({ part, path, file: f });
          break;
        }
      }
    }
    if (found.length === 0)
      throw new DatasetError(
        `${input}: none of the files of ${entry.id} (${entry.files.map((f) => f.name).join(', ')})`,
      );
    return found;
  }
  const name = basename(input);
  // files of several parts may share a name (WDI's data.csv): the folder they sit in tells them apart
  const file =
    entry.files.find((f) => f.name === name && f.dir && input.endsWith(join(f.dir, f.name))) ??
    entry.files.find((f) => f.name === name);
  const part = file
    ? importer.parts.find((p) => p.part === file.part)
    : importer.parts.length === 1
      ? importer.parts[0]
      : undefined;
  if (!part)
    throw new DatasetError(
      `${name}: not a file of ${entry.id}; expected one of ${entry.files.map((f) => f.name).join(', ')}`,
    );
  return [{ part, path: input, ...(file ? { file } : {}) }];
}

export interface ImportOptions {
  registry: StateRegistry;
  /**
   * Import even when the same file (same checksum) is already loaded, or when the file holds far
   * fewer rows or years than the catalog's release or the version in the store (see checkShrinkage).
   */
  force?: boolean;
  progress?: (label: string, total: number) => { update(done: number): void; stop(): void };
}

type LoadedPart = {
  part: string;
  load_id: number;
  sha256: string;
  version: string;
  rows: number;
  year_min: number | null;
  year_max: number | null;
  unmapped: string[];
  file: string;
};

interface Changed {
  spec: PartSpec;
  file: ImportFile;
  version: string;
  result: PartResult;
  warnings: string[];
}

/**
 * Imports the files of one dataset: parse and validate every changed file first (nothing is
 * written if any is malformed or would shrink the data far below what is expected), then in ONE
 * transaction move the rows of the versions being replaced to the archive (for `data rollback`)
 * and insert the new ones, recording each file in `loads` with its checksum. A file whose checksum
 * is already loaded is skipped, so re-importing is a no-op.
 */
export async function importDataset(
  store: Store,
  id: string,
  input: string | string[],
  opts: ImportOptions,
): Promise<PartOutcome[]> {
  const entry = catalogEntry(id);
  if (!entry)
    throw new DatasetError(
      `unknown dataset '${id}'; known: ${(await import('./catalog.ts')).catalog.map((d) => d.id).join(', ')}`,
    );
  const { importers } = await import('./importers/index.ts');
  const importer = importers[entry.id];
  const inputs = (Array.isArray(input) ? input : [input]).flatMap((p) => resolveInputs(entry, importer, p));

  const current = await store.query<LoadedPart>(
    `SELECT p.part, l.load_id, l.sha256, l.version, l.rows, l.year_min, l.year_max, l.unmapped, l.file ` +
      `FROM data_load_parts p JOIN loads l USING (load_id) WHERE p.dataset = $1`,
    [entry.id],
  );

  const outcomes: PartOutcome[] = [];
  const changed: Changed[] = [];
  try {
    for (const { part, path, file: known } of inputs) {
      const bytes = statSync(path).size;
      const sha = await sha256File(path);
      const file: ImportFile = { path, name: basename(path), sha256: sha, bytes };
      const loaded = current.find((c) => c.part === part.part);
      if (loaded && loaded.sha256 === sha && !opts.force) {
        outcomes.push(unchanged(entry.id, part.part, sha, loaded));
        continue;
      }
      const bar =
        bytes > 2_000_000 && opts.progress ? opts.progress(`${entry.id} ${file.name}`, 100) : undefined;
      let result: PartResult;
      try {
        result = await part.parse(file, {
          registry: opts.registry,
          store,
          progress: bar ? (f) => bar.update(Math.round(f * 100)) : undefined,
        });
      } finally {
        bar?.stop();
      }
      const byChecksum = entry.files.find((f) => f.sha256 === sha);
      const warnings: string[] = [];
      let version: string;
      if (byChecksum) version = byChecksum.version;
      else {
        version = result.version ?? `unverified-${sha.slice(0, 12)}`;
        if (known?.sha256 === '')
          warnings.push(
            `${file.name}: no checksum on record in the catalog; imported as version '${version}'`,
          );
        else if (known)
          warnings.push(
            `${file.name}: checksum ${sha.slice(0, 12)}… differs from the catalog's ` +
              `(${known.sha256.slice(0, 12)}…); imported as version '${version}'`,
          );
      }
      changed.push({ spec: part, file, version, result, warnings });
      if (!byChecksum && !opts.force) {
        const note = checkShrinkage(file.name, result, known, loaded);
        if (note) warnings.push(note);
      }
    }
    if (importer.crossCheck && changed.length)
      await importer.crossCheck(new Map(changed.map((c) => [c.spec.part, c.result])), store);

    if (changed.length) {
      await store.transaction(async (tx) => {
        for (const c of changed) {
          const old = current.filter((x) => x.part === c.spec.part).map((x) => Number(x.load_id));
          const r = c.result;
          const [row] = await tx.query<{ load_id: number }>(
            'INSERT INTO loads (dataset, version, file, sha256, rows, year_min, year_max, unmapped) ' +
              'VALUES ($1, $2, $3, $4, $5, $6, $7, CAST($8::JSON AS VARCHAR[])) RETURNING load_id',
            [
              entry.id,
              c.version,
              c.file.name,
              c.file.sha256,
              r.rows,
              r.yearMin,
              r.yearMax,
              JSON.stringify(r.unmapped),
            ],
          );
          const loadId = Number(row!.load_id);
          if (old.length) await archiveLoads(tx, entry.id, c.spec.part, c.spec.tables, old, loadId);
          await tx.run('INSERT INTO data_load_parts (load_id, dataset, part) VALUES ($1, $2, $3)', [
            loadId,
            entry.id,
            c.spec.part,
          ]);
          for (const t of r.tables) await appendTable(tx.conn, t, loadId);
          for (const t of r.staged ?? [])
            await tx.run(`INSERT INTO ${t.table} SELECT ${loadId}, * FROM (${t.select})`);
        }
      });
    }
  } finally {
    for (const c of changed) await c.result.cleanup?.();
  }
  for (const c of changed) {
    outcomes.push({
      dataset: entry.id,
      part: c.spec.part,
      file: c.file.name,
      version: c.version,
      sha256: c.file.sha256,
      status: 'imported',
      rows: c.result.rows,
      yearMin: c.result.yearMin,
      yearMax: c.result.yearMax,
      unmapped: c.result.unmapped,
      warnings: c.warnings,
    });
  }
  return outcomes;
}

function unchanged(dataset: string, part: string, sha: string, loaded: LoadedPart): PartOutcome {
  return {
    dataset,
    part,
    file: loaded.file,
    version: loaded.version,
    sha256: sha,
    status: 'unchanged',
    rows: loaded.rows,
    yearMin: loaded.year_min,
    yearMax: loaded.year_max,
    unmapped: [...(loaded.unmapped ?? [])],
    warnings: [],
  };
}

/** Below this share of the expected rows or years a file is taken for a truncated or wrong one. */
export const SHRINK_LIMIT = 0.5;

/**
 * Refuses a file that would silently lose data: one with no data rows, or (not being the
 * catalog's release) one that would replace a stored version with far fewer rows or years than
 * that version, or with fewer rows than it while far short of the catalog's file of that name.
 * A cut-off download usually looks like this;
 * `--force` imports it anyway. Into an empty part a small file loses nothing, and subsets are
 * legitimate there (SIPRI's register is exported per query; test fixtures): the shortfall against
 * the catalog is returned as a warning instead.
 */
export function checkShrinkage(
  name: string,
  result: PartResult,
  known: CatalogFile | undefined,
  loaded: { rows: number; year_min: number | null; year_max: number | null; version: string } | undefined,
): string | undefined {
  const hint = 'a truncated file or a subset? --force imports it anyway';
  if (result.rows === 0)
    throw new DatasetError(
      `${name}: no data rows (header only?)` +
        (loaded ? `; it would replace ${Number(loaded.rows)} rows of version '${loaded.version}'` : '') +
        `; ${hint}`,
    );
  const short = known && result.rows < known.rows * SHRINK_LIMIT;
  const vsCatalog = `${name}: ${result.rows} data rows where the catalog's release has ${known?.rows}`;
  if (short && loaded && result.rows < Number(loaded.rows))
    throw new DatasetError(`${vsCatalog}, and would replace ${Number(loaded.rows)} stored rows (${hint})`);
  if (loaded && result.rows < Number(loaded.rows) * SHRINK_LIMIT)
    throw new DatasetError(
      `${name}: ${result.rows} data rows would replace ${Number(loaded.rows)} of version ` +
        `'${loaded.version}' in the store (${hint})`,
    );
  const span = (a: number | null, b: number | null): number => (a === null || b === null ? 0 : b - a + 1);
  const before = loaded ? span(loaded.year_min, loaded.year_max) : 0;
  const after = span(result.yearMin, result.yearMax);
  if (before > 0 && after > 0 && after < before * SHRINK_LIMIT)
    throw new DatasetError(
      `${name}: covers ${result.yearMin}–${result.yearMax}, where the version '${loaded!.version}' ` +
        `it would replace covers ${loaded!.year_min}–${loaded!.year_max} (${hint})`,
    );
  return short ? `${vsCatalog}: a subset or a truncated file?` : undefined;
}

/** Appends buffered rows through DuckDB's Appender (measured faster than INSERTs; see bench). */
export async function appendTable(
  conn: DuckDBConnection,
  buffer: TableBuffer,
  loadId: number,
): Promise<void> {
  const app = await conn.createAppender(buffer.table);
  try {
    const types = buffer.types;
    for (const row of buffer.rows) {
      app.appendInteger(loadId);
      for (let i = 0; i < types.length; i++) appendCell(app, types[i]!, row[i]);
      app.endRow();
    }
    app.flushSync();
  } finally {
    app.closeSync();
  }
}

function appendCell(app: DuckDBAppender, type: ColType, v: unknown): void {
  if (v === null || v === undefined) {
    app.appendNull();
    return;
  }
  switch (type) {
    case 'int':
      app.appendInteger(v as number);
      break;
    case 'smallint':
      app.appendSmallInt(v as number);
      break;
    case 'tinyint':
      app.appendTinyInt(v as number);
      break;
    case 'double':
      app.appendDouble(v as number);
      break;
    case 'varchar':
      app.appendVarchar(v as string);
      break;
    case 'bool':
      app.appendBoolean(v as boolean);
      break;
    case 'date': {
      const [y, m, d] = (v as string).split('-').map(Number);
      app.appendDate(DuckDBDateValue.fromParts({ year: y!, month: m!, day: d! }));
      break;
    }
    case 'int[]':
      app.appendList(v as number[], INT_LIST);
      break;
  }
}
