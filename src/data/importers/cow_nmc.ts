import { z } from 'zod';
import { CodeChecker } from '../countries.ts';
import type { DatasetImporter, ImportFile, ParseContext, PartResult } from '../importer-types.ts';
import { TableBuffer } from '../importer-types.ts';
import { KeyCheck, readRows, YearSpan } from '../reader.ts';
import { int, num, year } from '../schema.ts';

const MISSING = ['-9'];

/**
 * v6 and v7 share the layout; v7 revises earlier years too, so one version is held at a time
 * (importing the other replaces it). -9 is missing, never zero.
 */
async function nmc(file: ImportFile, ctx: ParseContext): Promise<PartResult> {
  const out = new TableBuffer('cow_nmc', [
    'smallint',
    'smallint',
    'double',
    'double',
    'double',
    'double',
    'double',
    'double',
    'double',
  ]);
  const codes = new CodeChecker(ctx.registry);
  const keys = new KeyCheck('state-year');
  const years = new YearSpan();
  let fileVersion: string | undefined;
  const m = () => num({ missing: MISSING, min: 0 });
  const schema = z.object({
    ccode: int({ min: 1, max: 999 }),
    year: year(),
    milex: m(),
    milper: m(),
    irst: m(),
    pec: m(),
    tpop: m(),
    upop: m(),
    cinc: m(),
    version: z.string(),
  });
  const { rows } = await readRows({ path: file.path, label: file.name, schema }, (r, at) => {
    codes.check(r.ccode, at, 'ccode');
    keys.add(`${r.ccode}|${r.year}`, at, 'year');
    if (r.cinc !== null && r.cinc > 1)
      at.fail('cinc', `a share of world capabilities cannot exceed 1 (got ${r.cinc})`);
    years.add(r.year);
    fileVersion ??= r.version;
    out.push([r.ccode, r.year, r.milex, r.milper, r.irst, r.pec, r.tpop, r.upop, r.cinc]);
  });
  return {
    tables: [out],
    rows,
    yearMin: years.min,
    yearMax: years.max,
    unmapped: [...codes.unmapped],
    ...(fileVersion ? { version: `release ${fileVersion}` } : {}),
  };
}

export const cowNmc: DatasetImporter = {
  id: 'cow_nmc',
  parts: [{ part: 'nmc', tables: ['cow_nmc'], parse: nmc }],
};
