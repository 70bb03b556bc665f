import type { CellValue } from 'exceljs';
import { NameMapper } from '../countries.ts';
import { DataError } from '../errors.ts';
import { checkZipFile } from '../zip.ts';
import type { DatasetImporter, ImportFile, ParseContext, PartResult } from '../importer-types.ts';
import { TableBuffer } from '../importer-types.ts';
import { YearSpan } from '../reader.ts';

const PRODUCTS: Record<string, string> = { 'Natural gas': 'natural_gas', 'Liquefied natural gas': 'lng' };
const PARTNERS: Record<string, string> = { Russia: 'RU', Total: 'TOTAL' };
const UNITS: Record<string, string> = { 'Terajoule (gross calorific value - GCV)': 'TJ_GCV' };
/** Eurostat's labels for reporters whose name carries a qualifier. */
const REPORTERS: Record<string, number> = {
  'Kosovo (under United Nations Security Council Resolution 1244/99)': 347,
  // Eurostat's label for Germany in its current borders; the pre-1990 qualifier is historical
  'Germany (until 1990 former territory of the FRG)': 255,
};

function cellText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  return String(v).trim();
}

/**
 * A data-browser Excel export: one sheet per (product, partner) combination, the dimensions in
 * label rows above a TIME header, reporters down the rows, ':' for not available. Aggregates
 * (EU, euro area) are kept with aggregate = true and no ccode.
 */
async function imports(file: ImportFile, ctx: ParseContext): Promise<PartResult> {
  const out = new TableBuffer('eurostat_gas_imports', [
    'varchar',
    'smallint',
    'bool',
    'varchar',
    'varchar',
    'smallint',
    'double',
    'varchar',
  ]);
  const names = new NameMapper(ctx.registry, REPORTERS);
  const years = new YearSpan();
  // Loaded here, not at the top: exceljs takes ≈0.5 s of CPU to load, which every other import would pay.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  checkZipFile(file.path, file.name); // an .xlsx is a zip: refuse a bomb before exceljs inflates it
  try {
    await wb.xlsx.readFile(file.path);
  } catch (err) {
    throw new DataError(
      file.name,
      0,
      0,
      `not a readable Excel workbook (${(err as Error).message.split('\n')[0]})`,
    );
  }
  let rows = 0;
  let updated: string | undefined;
  const sheets = wb.worksheets.filter((ws) => /^Sheet \d+$/.test(ws.name));
  if (sheets.length === 0)
    throw new DataError(
      file.name,
      0,
      0,
      "no data sheets ('Sheet 1', …): not a Eurostat data-browser export?",
    );
  for (const ws of sheets) {
    const label = `${file.name}[${ws.name}]`;
    const dims = new Map<string, string>();
    let timeRow = 0;
    let yearCols: Array<[number, number]> = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const head = cellText(row.getCell(1).value);
      if (head === 'Last updated: ') updated ??= cellText(row.getCell(2).value);
      if (!timeRow && head && head !== 'TIME') {
        const v = cellText(row.getCell(3).value);
        if (v) dims.set(head, v);
      }
      if (head === 'TIME') {
        timeRow = r;
        yearCols = [];
        for (let c = 2; c <= row.cellCount; c++) {
          const t = cellText(row.getCell(c).value);
          if (!t) continue;
          if (!/^\d{4}$/.test(t))
            throw new DataError(label, r, c, `expected a year in the TIME row, got '${t}'`);
          yearCols.push([c, Number(t)]);
        }
        continue;
      }
      if (!timeRow || r <= timeRow + 1) continue;
      if (!head || head === 'Special value') break;
      const product = PRODUCTS[dims.get('Standard international energy product classification (SIEC)') ?? ''];
      const partner = PARTNERS[dims.get('Geopolitical entity (partner)') ?? ''];
      const unit = UNITS[dims.get('Unit of measure') ?? ''];
      if (!product || !partner || !unit)
        throw new DataError(
          label,
          timeRow,
          1,
          `unrecognised product, partner or unit (${[...dims.values()].join(', ')})`,
        );
      const aggregate = /^(European Union|Euro area)/.test(head);
      const ccode = aggregate ? null : names.map(head);
      rows++;
      for (const [c, y] of yearCols) {
        const v = row.getCell(c).value;
        let value: number | null;
        if (typeof v === 'number' && Number.isFinite(v)) value = v;
        else if (cellText(v) === ':' || cellText(v) === '') value = null;
        else throw new DataError(label, r, c, `expected a number or ':', got '${cellText(v)}'`);
        if (value !== null && value < 0) throw new DataError(label, r, c, `negative imports ${value}`);
        years.add(y);
        out.push([head, ccode, aggregate, partner, product, y, value, unit]);
      }
    }
    if (!timeRow) throw new DataError(label, 1, 1, 'no TIME header row');
  }
  return {
    tables: [out],
    rows,
    yearMin: years.min,
    yearMax: years.max,
    unmapped: [...names.unmapped],
    ...(updated ? { version: `data updated ${updated}` } : {}),
  };
}

export const eurostatGas: DatasetImporter = {
  id: 'eurostat_gas',
  parts: [{ part: 'imports', tables: ['eurostat_gas_imports'], parse: imports }],
};
