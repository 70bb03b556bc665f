import ExcelJS from 'exceljs';
import type { z } from 'zod';
import { DataError } from './errors.ts';
import type { RowAt } from './reader.ts';

/** Opens a workbook; a file that is not one is a DataError at the file (line 0). */
export async function openWorkbook(path: string, label: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(path);
  } catch (err) {
    throw new DataError(
      label,
      0,
      0,
      `not a readable Excel workbook (${(err as Error).message.split('\n')[0]})`,
    );
  }
  return wb;
}

/** The named sheet, or a DataError listing the sheets the workbook has. */
export function sheet(wb: ExcelJS.Workbook, name: string | RegExp, label: string): ExcelJS.Worksheet {
  const ws = wb.worksheets.find((w) => (typeof name === 'string' ? w.name === name : name.test(w.name)));
  if (!ws)
    throw new DataError(
      label,
      0,
      0,
      `no sheet ${typeof name === 'string' ? `'${name}'` : String(name)} (sheets: ${wb.worksheets
        .slice(0, 8)
        .map((w) => `'${w.name}'`)
        .join(', ')}${wb.worksheets.length > 8 ? ', …' : ''})`,
    );
  return ws;
}

/**
 * A cell as the text a CSV export would hold: numbers in JavaScript's shortest form, dates as
 * YYYY-MM-DD (exceljs already applies the workbook's 1900 or 1904 date system), rich text joined,
 * formulas by their cached result, empty as ''.
 */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return cellText((v as { result: ExcelJS.CellValue }).result);
    if ('text' in v) return String((v as { text: unknown }).text);
    if ('error' in v) return String((v as { error: unknown }).error);
  }
  return String(v);
}

/**
 * Reads a sheet laid out as a table (one header row, one record a row) with the same contract as
 * readRows for CSV: every column of `schema` must be in the header, every row is validated, and a
 * bad cell is a DataError at `file[sheet]:row:column`. Fully empty rows are skipped.
 */
export function readSheetRows<S extends z.ZodObject>(
  ws: ExcelJS.Worksheet,
  label: string,
  schema: S,
  onRow: (row: z.output<S>, at: RowAt) => void,
  headerRow = 1,
): { rows: number } {
  const where = `${label}[${ws.name}]`;
  const names = Object.keys(schema.shape);
  const head = ws.getRow(headerRow);
  const header: string[] = [];
  for (let c = 1; c <= ws.columnCount; c++) header.push(cellText(head.getCell(c).value).trim());
  const index = new Map(header.map((h, i) => [h, i] as const));
  const missing = names.filter((n) => !index.has(n));
  if (missing.length)
    throw new DataError(
      where,
      headerRow,
      1,
      `missing column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `'${m}'`).join(', ')}`,
    );
  let rows = 0;
  const at: RowAt = {
    line: 0,
    fields: [],
    index,
    fail(column, message) {
      throw new DataError(where, at.line, (index.get(column) ?? 0) + 1, `${column}: ${message}`);
    },
  };
  const raw: Record<string, string> = {};
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const fields = header.map((_, i) => cellText(row.getCell(i + 1).value));
    if (fields.every((f) => f.trim() === '')) continue;
    at.line = r;
    at.fields = fields;
    for (const n of names) raw[n] = fields[index.get(n)!]!;
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const column = String(issue.path[0] ?? names[0]);
      throw new DataError(where, r, (index.get(column) ?? 0) + 1, `${column}: ${issue.message}`);
    }
    rows++;
    onRow(parsed.data, at);
  }
  return { rows };
}
