import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { Store } from '../store/store.ts';
import { MAX_INFLATED_BYTES, MAX_RATIO } from './zip.ts';

/**
 * Column-wise import: DuckDB's CSV reader puts the file into a staging table of text columns and
 * the importer's checks run as SQL over whole columns, which is an order of magnitude faster than
 * validating row by row in JavaScript (see bench/import.bench.ts).
 *
 * The row-wise reader (csv.ts, reader.ts) stays the reference: it is what names file:line:col. So
 * the fast path is only ever a shortcut for a file that passes. Before DuckDB sees the file, one
 * pass over its bytes checks that it is plain: valid UTF-8, no NUL byte, every record with the
 * header's field count, quotes only around whole fields, one kind of line ending, no blank line and
 * no line break inside a field (so that record k sits on line header + 1 + k). The importer's SQL
 * checks are at least as strict as its zod schema. When anything is off, the fast path steps aside
 * and the row-wise importer reads the file: it either refuses it with the exact place, or (when
 * the SQL was stricter than needed) imports it the slow way. A file is never accepted by the fast
 * path that the row-wise path would refuse.
 */

export interface PlainCsv {
  header: string[];
  records: number;
  newline: '\n' | '\r\n';
  /** Bytes of the header line, including its line ending (and any BOM). */
  headerBytes: number;
}

const QUOTE = 34,
  COMMA = 44,
  LF = 10,
  CR = 13;

/**
 * Checks that `buf` is a plain CSV in the sense above and returns its header and record count, or
 * null when it is not (the caller then uses the row-wise reader).
 */
export function scanPlainCsv(buf: Buffer): PlainCsv | null {
  if (buf.indexOf(0) >= 0 || !isUtf8(buf)) return null;
  let i = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  const n = buf.length;
  // The header: parsed to text; its field count fixes every record's.
  const headerStart = i;
  let newline: '\n' | '\r\n' | null = null;
  let width = 0;
  let records = -1; // the header is record -1
  let headerEnd = -1;
  let fields = 1;
  let atFieldStart = true;
  let lineStart = true;
  while (i < n) {
    const c = buf[i]!;
    if (atFieldStart && c === QUOTE) {
      // A quoted field: runs to a quote not followed by another. Line breaks inside are caught
      // after the loop by counting line ends against records.
      i++;
      for (;;) {
        const k = buf.indexOf(QUOTE, i);
        if (k < 0) return null; // unterminated
        if (buf[k + 1] === QUOTE) i = k + 2;
        else {
          i = k;
          break;
        }
      }
      i++; // past the closing quote
      const next = i < n ? buf[i]! : LF;
      if (next !== COMMA && next !== LF && next !== CR) return null;
      atFieldStart = false;
      lineStart = false;
      continue;
    }
    if (c === COMMA) {
      fields++;
      atFieldStart = true;
      lineStart = false;
      i++;
      continue;
    }
    if (c === LF || c === CR) {
      if (lineStart) return null; // a blank line
      let nl: '\n' | '\r\n';
      if (c === CR) {
        if (buf[i + 1] !== LF) return null; // a bare CR
        nl = '\r\n';
        i += 2;
      } else {
        nl = '\n';
        i++;
      }
      if (newline === null) newline = nl;
      else if (newline !== nl) return null; // mixed line endings
      if (records === -1) {
        width = fields;
        headerEnd = i;
      } else if (fields !== width) return null;
      records++;
      fields = 1;
      atFieldStart = true;
      lineStart = true;
      continue;
    }
    if (c === QUOTE) return null; // a quote inside an unquoted field
    atFieldStart = false;
    lineStart = false;
    i++;
  }
  if (!lineStart) {
    // The last record has no line ending: still a record, with the same field count.
    if (records === -1) return null;
    if (fields !== width) return null;
    records++;
  }
  if (records < 0 || newline === null) return null;
  // Every LF (and, in a CRLF file, every CR) must end a record: none may sit inside a quoted field.
  const ends = records + 1 - (lineStart ? 0 : 1);
  if (countByte(buf, LF) !== ends || countByte(buf, CR) !== (newline === '\r\n' ? ends : 0)) return null;
  const header = splitHeader(buf.toString('utf8', headerStart, headerEnd).replace(/\r?\n$/, ''));
  if (header.length !== width) return null;
  return { header, records, newline, headerBytes: headerEnd };
}

function countByte(buf: Buffer, byte: number): number {
  let count = 0;
  for (let i = buf.indexOf(byte); i >= 0; i = buf.indexOf(byte, i + 1)) count++;
  return count;
}

function splitHeader(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let j = i + 1;
      let s = '';
      for (;;) {
        const k = line.indexOf('"', j);
        s += line.slice(j, k);
        if (line[k + 1] === '"') {
          s += '"';
          j = k + 2;
        } else {
          i = k + 1;
          break;
        }
      }
      out.push(s);
    } else {
      const k = line.indexOf(',', i);
      out.push(line.slice(i, k < 0 ? line.length : k));
      i = k < 0 ? line.length : k;
    }
    if (i >= line.length) return out;
    i++; // the comma
    if (i === line.length) {
      out.push('');
      return out;
    }
  }
}

export interface StagedCsv {
  /** A temporary table: the wanted columns as VARCHAR (an empty cell is ''), `rowid` in file order. */
  table: string;
  records: number;
  /** 1-based line of the header; record k (0-based rowid) is on line headerLine + 1 + k. */
  headerLine: number;
  drop(): Promise<void>;
}

let staged = 0;

/**
 * Loads the `columns` of a plain CSV into a staging table through DuckDB's reader, or returns null
 * when the file is not plain, lacks a column, or DuckDB reads a different number of records than
 * the byte scan counted (then the row-wise reader decides).
 */
export async function stageCsv(
  store: Store,
  path: string,
  opts: { columns: string[]; gzip?: boolean },
): Promise<StagedCsv | null> {
  const raw = readFileSync(path);
  let buf = raw;
  if (opts.gzip) {
    try {
      buf = gunzipSync(raw, {
        maxOutputLength: Math.min(MAX_INFLATED_BYTES, Math.max(raw.length, 1 << 20) * MAX_RATIO),
      });
    } catch {
      return null; // corrupt or oversized: the row-wise reader says which
    }
  }
  const plain = scanPlainCsv(buf);
  if (!plain) return null;
  const positions = opts.columns.map((c) => plain.header.indexOf(c));
  if (positions.some((p) => p < 0)) return null;
  const table = `staging_${process.pid}_${++staged}`;
  const types = plain.header.map((_, k) => `'c${k}': 'VARCHAR'`).join(', ');
  const select = opts.columns.map((c, k) => `coalesce(c${positions[k]}, '') AS "${c.replace(/"/g, '""')}"`);
  const newline = plain.newline === '\n' ? '\\n' : '\\r\\n';
  try {
    await store.run(
      `CREATE TEMP TABLE ${table} AS SELECT ${select.join(', ')} FROM read_csv($1, ` +
        `auto_detect = false, header = false, skip = 1, delim = ',', quote = '"', escape = '"', ` +
        `new_line = '${newline}', columns = {${types}}, strict_mode = true, null_padding = false, ` +
        `allow_quoted_nulls = false, compression = '${opts.gzip ? 'gzip' : 'none'}')`,
      [path],
    );
  } catch {
    await store.run(`DROP TABLE IF EXISTS ${table}`);
    return null;
  }
  const drop = (): Promise<void> => store.run(`DROP TABLE IF EXISTS ${table}`);
  const [{ n } = { n: -1 }] = await store.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
  if (Number(n) !== plain.records) {
    await drop();
    return null;
  }
  return { table, records: plain.records, headerLine: 1, drop };
}
