import { z } from 'zod';
import { CodeChecker } from '../countries.ts';
import type { DatasetImporter, ImportFile, ParseContext, PartResult } from '../importer-types.ts';
import { TableBuffer } from '../importer-types.ts';
import { KeyCheck, readRows, YearSpan } from '../reader.ts';
import { int, num, year } from '../schema.ts';

/** National totals in millions of current US dollars; -9 and empty cells are missing. */
async function national(file: ImportFile, ctx: ParseContext): Promise<PartResult> {
  const out = new TableBuffer('cow_trade_national', [
    'smallint',
    'smallint',
    'double',
    'double',
    'double',
    'double',
    'varchar',
    'varchar',
  ]);
  const codes = new CodeChecker(ctx.registry);
  const keys = new KeyCheck('state-year');
  const years = new YearSpan();
  const m = () => num({ missing: ['-9'], min: 0 });
  const source = () =>
    z
      .string()
      .regex(/^(-9|\d+(\.\d+)?)?$/, 'expected a source code')
      .transform((s) => (s === '' || s === '-9' ? null : s));
  const schema = z.object({
    ccode: int({ min: 1, max: 999 }),
    year: year(),
    imports: m(),
    exports: m(),
    alt_imports: m(),
    alt_exports: m(),
    source1: source(),
    source2: source(),
  });
  const { rows } = await readRows({ path: file.path, label: file.name, schema }, (r, at) => {
    codes.check(r.ccode, at, 'ccode');
    keys.add(`${r.ccode}|${r.year}`, at, 'year');
    years.add(r.year);
    out.push([r.ccode, r.year, r.imports, r.exports, r.alt_imports, r.alt_exports, r.source1, r.source2]);
  });
  return { tables: [out], rows, yearMin: years.min, yearMax: years.max, unmapped: [...codes.unmapped] };
}

export const cowTrade: DatasetImporter = {
  id: 'cow_trade',
  parts: [{ part: 'national', tables: ['cow_trade_national'], parse: national }],
};
