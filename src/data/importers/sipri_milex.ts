import type ExcelJS from 'exceljs';
import { NameMapper } from '../countries.ts';
import { DataError } from '../errors.ts';
import type { DatasetImporter, ImportFile, ParseContext, PartResult } from '../importer-types.ts';
import { TableBuffer } from '../importer-types.ts';
import { YearSpan } from '../reader.ts';
import { cellText, openWorkbook, sheet } from '../xlsx.ts';

/** The sheets read, and the measure each becomes. */
const SHEETS: Array<[RegExp, string]> = [
  [/^Constant \(\d{4}\) US\$$/, 'constant_usd_m'],
  [/^Current US\$$/, 'current_usd_m'],
  [/^Share of GDP$/, 'share_gdp'],
];
/** SIPRI's missing-value codes: '...' or '. .' unavailable, 'xxx' not independent. */
const MISSING = new Set(['...', '. .', 'xxx', '']);
/** SIPRI short names whose meaning differs from the registry's generic match. */
const NAMES: Record<string, number | null> = {
  USSR: 365,
  'German Democratic Republic': 265,
  'Yemen, North': 678,
  Yugoslavia: 345,
  Czechoslovakia: 315,
  'Congo, DR': 490,
  'Congo, Republic': 484,
  'European Union': null,
};

/**
 * The all-countries workbook: one sheet per measure, title and note lines, a header row starting
 * `Country` in column A, then countries grouped under region headings (rows without values), one column per
 * year. Constant-dollar figures are US$ m. at the base year the sheet title names; the share of GDP
 * is a fraction (0.033 = 3.3%). Colour-coded estimates are not machine-readable and are lost.
 */
async function milex(file: ImportFile, ctx: ParseContext): Promise<PartResult> {
  const out = new TableBuffer('sipri_milex', ['varchar', 'smallint', 'smallint', 'varchar', 'double']);
  const names = new NameMapper(ctx.registry, NAMES);
  const years = new YearSpan();
  const wb = await openWorkbook(file.path, file.name);
  let rows = 0;
  let base: string | undefined;
  for (const [pattern, measure] of SHEETS) {
    const ws = sheet(wb, pattern, file.name);
    const label = `${file.name}[${ws.name}]`;
    if (measure === 'constant_usd_m') base = ws.name.match(/\d{4}/)?.[0];
    const headerRow = findHeader(ws, label);
    const head = ws.getRow(headerRow);
    const yearCols: Array<[number, number]> = [];
    for (let c = 2; c <= ws.columnCount; c++) {
      const v = head.getCell(c).value;
      if (typeof v === 'number' && Number.isInteger(v) && v >= 1900 && v <= 2100) yearCols.push([c, v]);
    }
    if (yearCols.length === 0) throw new DataError(label, headerRow, 2, 'no year columns in the header row');
    const seen = new Map<string, number>();
    for (let r = headerRow + 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const country = cellText(row.getCell(1).value).trim();
      if (!country) continue;
      const values: Array<[number, number]> = [];
      for (const [c, y] of yearCols) {
        const v = row.getCell(c).value;
        if (typeof v === 'number') {
          if (!Number.isFinite(v) || v < 0)
            throw new DataError(label, r, c, `negative or invalid value ${v}`);
          values.push([y, v]);
          continue;
        }
        const t = cellText(v).trim();
        if (!MISSING.has(t))
          throw new DataError(label, r, c, `expected a number, '...' or 'xxx', got '${t.slice(0, 40)}'`);
      }
      if (values.length === 0) continue; // a region heading or a note line
      const first = seen.get(country);
      if (first !== undefined)
        throw new DataError(label, r, 1, `duplicate country '${country}' (first on row ${first})`);
      seen.set(country, r);
      rows++;
      const ccode = names.map(country);
      for (const [y, v] of values) {
        years.add(y);
        out.push([country, ccode, y, measure, v]);
      }
    }
  }
  return {
    tables: [out],
    rows,
    yearMin: years.min,
    yearMax: years.max,
    unmapped: [...names.unmapped],
    ...(base ? { version: `constant ${base} US$` } : {}),
  };
}

function findHeader(ws: ExcelJS.Worksheet, label: string): number {
  for (let r = 1; r <= Math.min(ws.rowCount, 20); r++)
    if (cellText(ws.getRow(r).getCell(1).value).trim() === 'Country') return r;
  throw new DataError(label, 1, 1, "no header row starting 'Country' in the first 20 rows");
}

export const sipriMilex: DatasetImporter = {
  id: 'sipri_milex',
  parts: [{ part: 'milex', tables: ['sipri_milex'], parse: milex }],
};
