import { z } from 'zod';
import { CodeChecker } from '../countries.ts';
import type { DatasetImporter, ImportFile, ParseContext, PartResult } from '../importer-types.ts';
import { TableBuffer } from '../importer-types.ts';
import { KeyCheck, readRows, YearSpan } from '../reader.ts';
import { flag, int, text, year, yearOpt } from '../schema.ts';

/**
 * Member-years of COW alliances. Alliance start years go back to 1386 (treaties older than the
 * state system), so they are checked as plain integers; empty end years mean "still in force".
 */
async function memberYears(file: ImportFile, ctx: ParseContext): Promise<PartResult> {
  const out = new TableBuffer('cow_alliance_member_years', [
    'int',
    'smallint',
    'smallint',
    'varchar',
    'bool',
    'bool',
    'bool',
    'bool',
    'smallint',
    'smallint',
    'smallint',
    'smallint',
    'bool',
    'bool',
  ]);
  const codes = new CodeChecker(ctx.registry);
  const keys = new KeyCheck('alliance member-year');
  const years = new YearSpan();
  const anyYear = () => int({ min: 1000, max: 2100, nullable: true });
  const schema = z.object({
    version4id: int({ min: 1 }),
    ccode: int({ min: 1, max: 999 }),
    year: year(),
    ss_type: text(),
    defense: flag({ nullable: true }),
    neutrality: flag({ nullable: true }),
    nonaggression: flag({ nullable: true }),
    entente: flag({ nullable: true }),
    all_st_year: anyYear(),
    all_end_year: anyYear(),
    mem_st_year: yearOpt({ nullable: true }),
    mem_end_year: yearOpt({ nullable: true }),
    left_censor: flag({ nullable: true }),
    right_censor: flag({ nullable: true }),
  });
  const { rows } = await readRows({ path: file.path, label: file.name, schema }, (r, at) => {
    codes.check(r.ccode, at, 'ccode');
    keys.add(`${r.version4id}|${r.ccode}|${r.year}`, at, 'year');
    years.add(r.year);
    out.push([
      r.version4id,
      r.ccode,
      r.year,
      r.ss_type,
      r.defense,
      r.neutrality,
      r.nonaggression,
      r.entente,
      r.all_st_year,
      r.all_end_year,
      r.mem_st_year,
      r.mem_end_year,
      r.left_censor,
      r.right_censor,
    ]);
  });
  return { tables: [out], rows, yearMin: years.min, yearMax: years.max, unmapped: [...codes.unmapped] };
}

export const cowAlliance: DatasetImporter = {
  id: 'cow_alliance',
  parts: [{ part: 'memberyears', tables: ['cow_alliance_member_years'], parse: memberYears }],
};
