/**
 * Reading the two CSV inputs of `brokerage --edges E.csv --groups G.csv`.
 *
 * Format: RFC 4180 CSV (quoted fields with "" escapes, LF or CRLF, a UTF-8 BOM is ignored,
 * blank lines skipped). A header row is optional: if the first row names the columns
 * (source,target[,weight] / node,group, any case, any order, extra columns ignored) columns are
 * taken by name, otherwise by position. Every error is a CsvError whose message starts with
 * `file:line:column:` so editors can jump to it.
 */
import { readFileSync } from 'node:fs';

export class CsvError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    problem: string,
  ) {
    super(`${file}:${line}:${column}: ${problem}`);
    this.name = 'CsvError';
  }
}

export interface CsvRecord {
  fields: string[];
  line: number;
  /** 1-based character column where each field starts. */
  columns: number[];
}

/** Splits CSV text into records, keeping the line and column of every field. */
export function parseCsv(text: string, file: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let lineStart = i;
  const len = text.length;
  while (i < len) {
    const recLine = line;
    const fields: string[] = [];
    const columns: number[] = [];
    let endOfRecord = false;
    while (!endOfRecord) {
      columns.push(i - lineStart + 1);
      let value = '';
      if (text[i] === '"') {
        const openLine = line;
        const openCol = i - lineStart + 1;
        i++;
        for (;;) {
          if (i >= len) throw new CsvError(file, openLine, openCol, 'unterminated quoted field');
          const ch = text[i] as string;
          if (ch === '"') {
            if (text[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (ch === '\n') {
            line++;
            lineStart = i + 1;
          }
          value += ch;
          i++;
        }
        const next = text[i];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r')
          throw new CsvError(file, line, i - lineStart + 1, 'unexpected character after closing quote');
      } else {
        let j = i;
        while (j < len && text[j] !== ',' && text[j] !== '\n' && text[j] !== '\r') j++;
        value = text.slice(i, j);
        i = j;
      }
      fields.push(value);
      const ch = text[i];
      if (ch === ',') {
        i++;
      } else {
        if (ch === '\r') i++;
        if (text[i] === '\n') i++;
        line++;
        lineStart = i;
        endOfRecord = true;
      }
    }
    if (fields.length === 1 && (fields[0] as string).trim() === '') continue;
    records.push({ fields, line: recLine, columns });
  }
  return records;
}

export interface TableSpec {
  /** Column names in positional order; `required` of them must be present. */
  names: readonly string[];
  required: number;
}

export interface ParsedTable {
  file: string;
  /** Rows of the spec's columns (optional columns absent → shorter rows). */
  rows: string[][];
  lines: number[];
  /** Column (1-based, character position) of each output field, per row, for error messages. */
  columns: number[][];
  hasHeader: boolean;
}

function selectColumns(text: string, file: string, spec: TableSpec): ParsedTable {
  const records = parseCsv(text, file);
  if (records.length === 0)
    throw new CsvError(file, 1, 1, `empty file; expected columns ${spec.names.join(',')}`);
  const first = records[0] as CsvRecord;
  const lowered = first.fields.map((f) => f.trim().toLowerCase());
  const hasHeader = spec.names.slice(0, spec.required).every((name) => lowered.includes(name));
  let positions: number[];
  if (hasHeader) {
    positions = spec.names.map((name) => lowered.indexOf(name)).filter((p, k) => p >= 0 || k < spec.required);
  } else {
    if (lowered.some((f) => spec.names.includes(f))) {
      const missing = spec.names.slice(0, spec.required).filter((name) => !lowered.includes(name));
      throw new CsvError(file, first.line, 1, `header is missing column ${missing.join(', ')}`);
    }
    positions = spec.names.map((_, k) => k);
  }
  const body = hasHeader ? records.slice(1) : records;
  if (body.length === 0) throw new CsvError(file, first.line + 1, 1, 'no data rows after the header');
  const rows: string[][] = [];
  const lines: number[] = [];
  const columns: number[][] = [];
  for (const rec of body) {
    const row: string[] = [];
    const cols: number[] = [];
    positions.forEach((p, k) => {
      const value = rec.fields[p];
      if (value === undefined) {
        if (k < spec.required) {
          const lastCol =
            (rec.columns[rec.columns.length - 1] ?? 1) + (rec.fields[rec.fields.length - 1]?.length ?? 0);
          throw new CsvError(
            file,
            rec.line,
            lastCol,
            `missing column '${spec.names[k]}' (row has ${rec.fields.length}` +
              ` field${rec.fields.length === 1 ? '' : 's'})`,
          );
        }
        return;
      }
      const trimmed = value.trim();
      if (trimmed === '' && k < spec.required)
        throw new CsvError(file, rec.line, rec.columns[p] ?? 1, `empty '${spec.names[k]}'`);
      row.push(trimmed);
      cols.push(rec.columns[p] ?? 1);
    });
    rows.push(row);
    lines.push(rec.line);
    columns.push(cols);
  }
  return { file, rows, lines, columns, hasHeader };
}

export const EDGE_SPEC: TableSpec = { names: ['source', 'target', 'weight'], required: 2 };
export const GROUP_SPEC: TableSpec = { names: ['node', 'group'], required: 2 };

export interface BrokerageInput {
  edges: string[][];
  groups: string[][];
}

/**
 * Parses and cross-checks the edges and groups tables. `weighted` requires a numeric, positive
 * weight in every edge row. Node names are compared after trimming.
 */
export function parseBrokerageInput(
  edgesText: string,
  edgesFile: string,
  groupsText: string,
  groupsFile: string,
  opts: { weighted: boolean },
): BrokerageInput {
  const edges = selectColumns(edgesText, edgesFile, EDGE_SPEC);
  const groups = selectColumns(groupsText, groupsFile, GROUP_SPEC);
  const known = new Map<string, number>();
  groups.rows.forEach((row, r) => {
    const node = row[0] as string;
    const prev = known.get(node);
    if (prev !== undefined)
      throw new CsvError(
        groupsFile,
        groups.lines[r] as number,
        groups.columns[r]?.[0] ?? 1,
        `node '${node}' already listed on line ${prev}`,
      );
    known.set(node, groups.lines[r] as number);
  });
  edges.rows.forEach((row, r) => {
    const line = edges.lines[r] as number;
    const cols = edges.columns[r] as number[];
    for (let k = 0; k < 2; k++) {
      const node = row[k] as string;
      if (!known.has(node))
        throw new CsvError(edgesFile, line, cols[k] ?? 1, `node '${node}' is missing from ${groupsFile}`);
    }
    if (opts.weighted) {
      const raw = row[2];
      if (raw === undefined)
        throw new CsvError(
          edgesFile,
          line,
          (cols[1] ?? 1) + (row[1]?.length ?? 0),
          "missing column 'weight' (needed with --weighted)",
        );
      const w = Number(raw);
      if (raw === '' || !Number.isFinite(w))
        throw new CsvError(edgesFile, line, cols[2] ?? 1, `weight '${raw}' is not a number`);
      if (w <= 0) throw new CsvError(edgesFile, line, cols[2] ?? 1, `weight ${raw} must be > 0`);
    }
  });
  return { edges: edges.rows, groups: groups.rows };
}

export function readBrokerageInput(
  edgesPath: string,
  groupsPath: string,
  opts: { weighted: boolean },
): BrokerageInput {
  return parseBrokerageInput(readText(edgesPath), edgesPath, readText(groupsPath), groupsPath, opts);
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new CsvError(path, 0, 0, `cannot read file (${code})`);
  }
}
