import type ExcelJS from 'exceljs';
import { NameMapper } from '../countries.ts';
import { DataError } from '../errors.ts';
import type { DatasetImporter, ImportFile, ParseContext, PartResult } from '../importer-types.ts';
import { TableBuffer } from '../importer-types.ts';
import { YearSpan } from '../reader.ts';
import { cellText, openWorkbook, sheet } from '../xlsx.ts';

/** EI short names that the registry does not match by itself. */
const NAMES: Record<string, number | null> = { US: 2, UAE: 696, 'South Korea': 732, Turkey: 640 };
/**
 * Names of regions and groups in the matrices: kept with aggregate = true and no ccode. "Other …"
 * rows and the EU are groups too; anything else that is not a state is reported as unmapped.
 */
const REGION = new RegExp(
  '^(Other |Total|Rest of |EU$|CIS$|Europe$|Africa$|Middle East$|Middle East & Africa$|Asia Pacific$|' +
    'North America$|S\\. & Cent\\. America$|Australasia$|North Africa$|West Africa$|East & S\\. Africa$)',
);

const clean = (s: string) =>
  s
    .replace(/\s+/g, ' ')
    .replace(/[*†]+$/, '')
    .trim();

interface Matrix {
  sheet: string;
  commodity: string;
  /** 'import' when the rows are importers (gas: "To" down the side), 'export' when exporters (oil). */
  rows: 'import' | 'export';
  /** The row whose first label cell starts the block (e.g. "To", "Product (million tonnes)"). */
  start: RegExp;
  unit: string;
}

const MATRICES: Matrix[] = [
  { sheet: 'Gas trade - pipeline', commodity: 'gas_pipeline', rows: 'import', start: /^To$/, unit: 'bcm' },
  { sheet: 'Gas trade - LNG', commodity: 'gas_lng', rows: 'import', start: /^To$/, unit: 'bcm' },
  {
    sheet: 'Oil - Inter-area movements',
    commodity: 'oil_crude',
    rows: 'export',
    start: /^Crude \(million tonnes\)$/,
    unit: 'Mt',
  },
  {
    sheet: 'Oil - Inter-area movements',
    commodity: 'oil_product',
    rows: 'export',
    start: /^Product \(million tonnes\)$/,
    unit: 'Mt',
  },
];

/**
 * The Statistical Review's bilateral trade matrices (2023 in the 2024 edition): pipeline gas and LNG
 * (importers down, exporters across, bcm) and crude oil and oil products (exporters down, importers
 * across, million tonnes), into one dyadic table of the non-zero cells. Subtotal rows and columns
 * are stored as aggregates so that a reader can check the sums; the year is read from the title.
 */
async function bilateral(file: ImportFile, ctx: ParseContext): Promise<PartResult> {
  const out = new TableBuffer('ei_bilateral_trade', [
    'varchar',
    'smallint',
    'bool',
    'varchar',
    'smallint',
    'bool',
    'smallint',
    'varchar',
    'double',
    'varchar',
    'varchar',
  ]);
  const names = new NameMapper(ctx.registry, NAMES);
  const place = (name: string): [number | null, boolean] => {
    if (REGION.test(name)) return [null, true];
    return [names.map(name), false];
  };
  const years = new YearSpan();
  const wb = await openWorkbook(file.path, file.name);
  let rows = 0;
  for (const m of MATRICES) {
    const ws = sheet(wb, m.sheet, file.name);
    const label = `${file.name}[${ws.name}]`;
    const title = cellText(ws.getRow(1).getCell(1).value);
    const year = Number([...title.matchAll(/\b(19|20)\d{2}\b/g)].pop()?.[0] ?? NaN);
    if (!Number.isInteger(year)) throw new DataError(label, 1, 1, `no year in the title '${title.trim()}'`);
    const startRow = findRow(ws, m.start, 1);
    if (!startRow) throw new DataError(label, 1, 1, `no row starting ${String(m.start)}`);
    // Column names: the header row (gas: the "To" row; oil: the block's first row of the sheet), with
    // the words some names carry on the row above (LNG: "Trinidad &" / "Tobago").
    const headerRow = m.rows === 'import' ? startRow : findRow(ws, MATRICES[2]!.start, 1)!;
    const cols: Array<[number, string]> = [];
    for (let c = 2; c <= ws.columnCount; c++) {
      const above = cellText(ws.getRow(headerRow - 1).getCell(c).value);
      const own = cellText(ws.getRow(headerRow).getCell(c).value);
      const name = clean(`${above.trim() === 'From' || above.trim() === 'To' ? '' : above} ${own}`);
      if (name) cols.push([c, name]);
    }
    if (cols.length < 2) throw new DataError(label, headerRow, 2, 'no partner columns in the header row');
    let r = startRow + 1;
    if (cellText(ws.getRow(r).getCell(1).value).trim() === 'From') r++;
    let ended = false;
    for (; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const name = clean(cellText(row.getCell(1).value));
      if (!name) continue;
      if (/^Total (exports|imports)$/.test(name)) {
        ended = true;
        break;
      }
      rows++;
      const [rowCcode, rowAgg] = place(name);
      for (const [c, partner] of cols) {
        if (/^Total/.test(partner)) continue;
        const v = row.getCell(c).value;
        let volume: number;
        if (typeof v === 'number') volume = v;
        else {
          const t = cellText(v).trim();
          if (t === '' || t === '-') volume = 0;
          else throw new DataError(label, r, c, `expected a number, got '${t.slice(0, 40)}'`);
        }
        if (volume < 0) throw new DataError(label, r, c, `negative trade volume ${volume}`);
        if (volume === 0) continue;
        const [colCcode, colAgg] = place(partner);
        const [exp, expC, expA, imp, impC, impA] =
          m.rows === 'import'
            ? [partner, colCcode, colAgg, name, rowCcode, rowAgg]
            : [name, rowCcode, rowAgg, partner, colCcode, colAgg];
        years.add(year);
        out.push([exp, expC, expA, imp, impC, impA, year, m.commodity, volume, m.unit, ws.name]);
      }
    }
    if (!ended) throw new DataError(label, ws.rowCount, 1, "the matrix has no 'Total' row: truncated sheet?");
  }
  return { tables: [out], rows, yearMin: years.min, yearMax: years.max, unmapped: [...names.unmapped] };
}

function findRow(ws: ExcelJS.Worksheet, pattern: RegExp, from: number): number | undefined {
  for (let r = from; r <= Math.min(ws.rowCount, 60); r++)
    if (pattern.test(cellText(ws.getRow(r).getCell(1).value).trim())) return r;
  return undefined;
}

export const eiStatisticalReview: DatasetImporter = {
  id: 'ei_statistical_review',
  parts: [{ part: 'bilateral', tables: ['ei_bilateral_trade'], parse: bilateral }],
};
