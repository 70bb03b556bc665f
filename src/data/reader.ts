import type { z } from 'zod';
import { readCsv } from './csv.ts';
import { DataError } from './errors.ts';

export interface ReadOptions<S extends z.ZodObject> {
  path: string;
  /** File name for messages. */
  label: string;
  /** One schema per column the importer needs; the header must have every one of them. */
  schema: S;
  encoding?: 'utf-8' | 'latin1';
  gzip?: boolean;
  skipLines?: number;
  /** Gives names to header cells a publisher left blank or repeated (SIPRI's " " columns). */
  renameHeader?: (header: string[]) => string[];
  onBytes?: (bytes: number) => void;
}

/** Points at a cell of the current row, for errors found after schema validation. */
export interface RowAt {
  line: number;
  fail(column: string, message: string): never;
  /** Raw fields of the row and the header index, for the wide files (ATOP, IGO). */
  fields: string[];
  index: Map<string, number>;
}

/**
 * Reads a CSV with a header, validates every row against `schema` and hands typed rows to
 * `onRow`. Extra columns are ignored; a missing column, a bad cell or a wrong delimiter is a
 * DataError at the exact line and column.
 */
export async function readRows<S extends z.ZodObject>(
  opts: ReadOptions<S>,
  onRow: (row: z.output<S>, at: RowAt) => void,
): Promise<{ rows: number; header: string[] }> {
  const names = Object.keys(opts.schema.shape);
  let index = new Map<string, number>();
  let header: string[] = [];
  let positions: number[] = [];
  let cols: number[] = [];
  let fields: string[] = [];
  const at: RowAt = {
    line: 0,
    fields: [],
    index,
    fail(column, message) {
      const i = index.get(column);
      throw new DataError(opts.label, at.line, i === undefined ? 1 : (cols[i] ?? 1), `${column}: ${message}`);
    },
  };
  const raw: Record<string, string> = {};
  const result = await readCsv(opts.path, {
    label: opts.label,
    encoding: opts.encoding,
    gzip: opts.gzip,
    skipLines: opts.skipLines,
    onBytes: opts.onBytes,
    onHeader(h, line) {
      header = opts.renameHeader ? opts.renameHeader(h) : h;
      index = new Map(header.map((name, i) => [name, i] as const));
      at.index = index;
      if (header.length === 1) {
        const sep = [';', '\t', '|'].find((d) => (h[0] ?? '').includes(d));
        if (sep)
          throw new DataError(
            opts.label,
            line,
            1,
            'the header is one column: wrong delimiter? expected ' +
              `',' but the file looks ${JSON.stringify(sep)}-separated`,
          );
      }
      const missing = names.filter((n) => !index.has(n));
      if (missing.length) {
        throw new DataError(
          opts.label,
          line,
          1,
          `missing column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `'${m}'`).join(', ')} ` +
            `(header has ${header
              .slice(0, 12)
              .map((x) => `'${x}'`)
              .join(', ')}${header.length > 12 ? ', …' : ''})`,
        );
      }
      positions = names.map((n) => index.get(n)!);
    },
    onRecord(f, line, c) {
      fields = f;
      cols = c;
      at.line = line;
      at.fields = f;
      for (let k = 0; k < names.length; k++) raw[names[k]!] = fields[positions[k]!]!;
      const parsed = opts.schema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const column = String(issue.path[0] ?? names[0]);
        const i = index.get(column);
        throw new DataError(
          opts.label,
          line,
          i === undefined ? 1 : (cols[i] ?? 1),
          `${column}: ${issue.message}`,
        );
      }
      onRow(parsed.data, at);
    },
  });
  return { rows: result.records, header };
}

/** Keeps key tuples seen so far and names the first line of a duplicate. */
export class KeyCheck {
  private readonly seen = new Map<string, number>();
  constructor(private readonly what: string) {}
  add(key: string, at: RowAt, column: string): void {
    const first = this.seen.get(key);
    if (first !== undefined)
      at.fail(column, `duplicate ${this.what} ${key.replace(/\|/g, ', ')} (first on line ${first})`);
    this.seen.set(key, at.line);
  }
}

/** Tracks the year span of the rows an importer keeps. */
export class YearSpan {
  min: number | null = null;
  max: number | null = null;
  add(y: number | null | undefined): void {
    if (y === null || y === undefined) return;
    if (this.min === null || y < this.min) this.min = y;
    if (this.max === null || y > this.max) this.max = y;
  }
}
