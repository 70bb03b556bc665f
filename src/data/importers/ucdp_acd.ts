import { z } from 'zod';
import { cowOfGw } from '../gleditsch-ward.ts';
import type { DatasetImporter, ImportFile, ParseContext, PartResult } from '../importer-types.ts';
import { TableBuffer } from '../importer-types.ts';
import { KeyCheck, readRows, YearSpan, type RowAt } from '../reader.ts';
import { int, text, year } from '../schema.ts';
import { openWorkbook, readSheetRows, sheet } from '../xlsx.ts';

const optText = () =>
  text({ nullable: true }).transform((s) => (s === null || s.trim() === '' ? null : s.trim()));
const optDate = () =>
  z
    .string()
    .regex(/^(\d{4}-\d{2}-\d{2})?$/, 'expected a date YYYY-MM-DD')
    .transform((s) => (s === '' ? null : s));
/** GW numbers as UCDP writes them: one, several separated by commas ("651, 666"), or empty. */
const gwList = () =>
  z.string().transform((s, ctx) => {
    const t = s.trim();
    if (t === '') return [] as number[];
    const parts = t.split(',').map((p) => p.trim());
    if (!parts.every((p) => /^\d{1,3}$/.test(p))) {
      ctx.addIssue({
        code: 'custom',
        message: `expected Gleditsch–Ward numbers like '651, 666', got '${t}'`,
      });
      return z.NEVER;
    }
    return parts.map(Number);
  });

const schema = z.object({
  conflict_id: int({ min: 1 }),
  location: text(),
  side_a: text(),
  side_a_2nd: optText(),
  side_b: text(),
  side_b_2nd: optText(),
  incompatibility: int({ min: 1, max: 3 }),
  territory_name: optText(),
  year: year(),
  intensity_level: int({ min: 1, max: 2 }),
  type_of_conflict: int({ min: 1, max: 4 }),
  start_date: optDate(),
  ep_end: int({ min: 0, max: 1, nullable: true }),
  ep_end_date: optDate(),
  gwno_a: gwList(),
  gwno_a_2nd: gwList(),
  gwno_b: gwList(),
  gwno_b_2nd: gwList(),
  region: optText(),
  version: optText(),
});

/**
 * UCDP/PRIO Armed Conflict Dataset, one row per conflict-year, as UCDP's CSV (v26.1) or Excel (v25.1)
 * release. Besides the conflict-years it stores the state parties of each (primary and secondary, on
 * either side) with COW codes, since the framework asks "which states fought whom in a year".
 */
async function conflicts(file: ImportFile, ctx: ParseContext): Promise<PartResult> {
  const out = new TableBuffer('ucdp_conflicts', [
    'int',
    'smallint',
    'varchar',
    'varchar',
    'varchar',
    'varchar',
    'varchar',
    'tinyint',
    'varchar',
    'tinyint',
    'tinyint',
    'date',
    'bool',
    'date',
    'varchar',
    'varchar',
  ]);
  const parties = new TableBuffer('ucdp_conflict_parties', [
    'int',
    'smallint',
    'varchar',
    'bool',
    'smallint',
    'smallint',
  ]);
  const keys = new KeyCheck('conflict-year');
  const years = new YearSpan();
  const unmapped = new Set<string>();
  let version: string | undefined;
  const onRow = (r: z.output<typeof schema>, at: RowAt) => {
    keys.add(`${r.conflict_id}|${r.year}`, at, 'year');
    if (r.gwno_a.length === 0) at.fail('gwno_a', 'side A of a state-based conflict must name a government');
    years.add(r.year);
    version ??= r.version ?? undefined;
    out.push([
      r.conflict_id,
      r.year,
      r.location,
      r.side_a,
      r.side_a_2nd,
      r.side_b,
      r.side_b_2nd,
      r.incompatibility,
      r.territory_name,
      r.intensity_level,
      r.type_of_conflict,
      r.start_date,
      r.ep_end === null ? null : r.ep_end === 1,
      r.ep_end_date,
      r.region,
      r.version,
    ]);
    const sides: Array<[string, boolean, number[]]> = [
      ['A', true, r.gwno_a],
      ['A', false, r.gwno_a_2nd],
      ['B', true, r.gwno_b],
      ['B', false, r.gwno_b_2nd],
    ];
    for (const [side, primary, list] of sides)
      for (const gw of list) {
        const ccode = cowOfGw(ctx.registry, gw, r.year);
        if (ccode === null) unmapped.add(`GW ${gw}`);
        parties.push([r.conflict_id, r.year, side, primary, gw, ccode]);
      }
  };
  let rows: number;
  if (/\.xlsx$/i.test(file.name)) {
    const wb = await openWorkbook(file.path, file.name);
    rows = readSheetRows(sheet(wb, /^UcdpPrioConflict/, file.name), file.name, schema, onRow).rows;
  } else rows = (await readRows({ path: file.path, label: file.name, schema }, onRow)).rows;
  return {
    tables: [out, parties],
    rows,
    yearMin: years.min,
    yearMax: years.max,
    unmapped: [...unmapped],
    ...(version ? { version } : {}),
  };
}

export const ucdpAcd: DatasetImporter = {
  id: 'ucdp_acd',
  parts: [{ part: 'conflicts', tables: ['ucdp_conflicts', 'ucdp_conflict_parties'], parse: conflicts }],
};
