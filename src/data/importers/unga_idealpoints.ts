import { z } from 'zod';
import { CodeChecker } from '../countries.ts';
import type { DatasetImporter, ImportFile, ParseContext, PartResult } from '../importer-types.ts';
import { TableBuffer } from '../importer-types.ts';
import { KeyCheck, readRows, YearSpan } from '../reader.ts';
import { int, num, text } from '../schema.ts';

/** The first column has an empty name: R's row numbers, not data. Session s is the year 1945 + s. */
async function idealpoints(file: ImportFile, ctx: ParseContext): Promise<PartResult> {
  const out = new TableBuffer('unga_idealpoints', [
    'smallint',
    'smallint',
    'smallint',
    'int',
    'double',
    'double',
    'double',
    'double',
    'double',
    'double',
    'double',
    'double',
    'varchar',
    'varchar',
    'double',
    'double',
    'double',
    'double',
    'double',
    'double',
  ]);
  const codes = new CodeChecker(ctx.registry);
  const keys = new KeyCheck('state-session');
  const years = new YearSpan();
  const schema = z.object({
    ccode: int({ min: 1, max: 999 }),
    session: int({ min: 1, max: new Date().getUTCFullYear() - 1945 }),
    NVotesAll: int({ min: 0, nullable: true, missing: ['NA'] }),
    IdealPointAll: num(),
    'QO%All': num(),
    'Q5%All': num(),
    'Q10%All': num(),
    'Q50%All': num(),
    'Q90%All': num(),
    'Q95%All': num(),
    'Q100%All': num(),
    iso3c: text({ nullable: true }),
    Countryname: text({ nullable: true }),
    USAgree: num(),
    RUSSAgree: num(),
    BrazilAgree: num(),
    ChinaAgree: num(),
    IndiaAgree: num(),
    IsraelAgree: num(),
  });
  const { rows } = await readRows({ path: file.path, label: file.name, schema }, (r, at) => {
    codes.check(r.ccode, at, 'ccode');
    keys.add(`${r.ccode}|${r.session}`, at, 'session');
    const y = 1945 + r.session;
    years.add(y);
    out.push([
      r.ccode,
      r.session,
      y,
      r.NVotesAll,
      r.IdealPointAll,
      r['QO%All'],
      r['Q5%All'],
      r['Q10%All'],
      r['Q50%All'],
      r['Q90%All'],
      r['Q95%All'],
      r['Q100%All'],
      r.iso3c,
      r.Countryname,
      r.USAgree,
      r.RUSSAgree,
      r.BrazilAgree,
      r.ChinaAgree,
      r.IndiaAgree,
      r.IsraelAgree,
    ]);
  });
  return { tables: [out], rows, yearMin: years.min, yearMax: years.max, unmapped: [...codes.unmapped] };
}

export const ungaIdealpoints: DatasetImporter = {
  id: 'unga_idealpoints',
  parts: [{ part: 'idealpoints', tables: ['unga_idealpoints'], parse: idealpoints }],
};
