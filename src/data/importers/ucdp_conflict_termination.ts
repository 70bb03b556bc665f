import { z } from 'zod';
import type { DatasetImporter, ImportFile, PartResult } from '../importer-types.ts';
import { TableBuffer } from '../importer-types.ts';
import { KeyCheck, YearSpan } from '../reader.ts';
import { int, text, year } from '../schema.ts';
import { openWorkbook, readSheetRows, sheet } from '../xlsx.ts';

/** '.' marks "not applicable" in this release. */
const NA = ['.', ''];
/**
 * A date cell: an Excel date, '.' or 0 for none, or (a few ceasefires with several parties) text
 * listing dates, e.g. "1949-02-24 (Egypt); 1949-03-23 (Lebanon)": the earliest is kept.
 */
const optDate = () =>
  z.string().transform((s, ctx) => {
    const t = s.trim();
    if (NA.includes(t) || t === '0') return null;
    const dates = [...t.matchAll(/\d{4}-\d{2}-\d{2}/g)].map((m) => m[0]).sort();
    if (dates.length === 0) {
      ctx.addIssue({ code: 'custom', message: `expected a date or '.', got '${t.slice(0, 40)}'` });
      return z.NEVER;
    }
    return dates[0]!;
  });
const optInt = (max: number) => int({ min: 0, max, missing: NA, nullable: true });

const schema = z.object({
  // some ids were written as text in scientific notation ('1.4e+06') by the publisher's export
  dyadep_id: z.string().regex(/^(\d+|\d(\.\d+)?e\+\d+)$/, 'expected an integer id'),
  dyadepisode: int({ min: 1, max: 99 }),
  conflict_id: int({ min: 1 }),
  dyad_id: int({ min: 1 }),
  year: year(),
  location: text(),
  side_a: text(),
  side_b: text(),
  dyadterm: optInt(1),
  ependdate: optDate(),
  outcome: optInt(6),
  cfiredate: optDate(),
  peagdate: optDate(),
  gwno_loc: z.string(),
});

/**
 * UCDP Conflict Termination Dataset, dyad level (Excel, 1900 date system): one row per dyad-episode
 * year, with how and when an episode ended (outcome: 1 peace agreement, 2 ceasefire, 3 victory of
 * side A, 4 of side B, 5 low activity, 6 actor ceases to exist).
 */
async function terminations(file: ImportFile): Promise<PartResult> {
  const out = new TableBuffer('ucdp_terminations', [
    'int',
    'int',
    'int',
    'smallint',
    'varchar',
    'varchar',
    'varchar',
    'bool',
    'date',
    'tinyint',
    'date',
    'date',
    'varchar',
  ]);
  const keys = new KeyCheck('dyad-episode year');
  const years = new YearSpan();
  const wb = await openWorkbook(file.path, file.name);
  let rebuilt = 0;
  const { rows } = readSheetRows(sheet(wb, 'dataset', file.name), file.name, schema, (r, at) => {
    // UCDP numbers a dyad-episode dyad_id·100 + episode (43402 = dyad 434, episode 2); an id that
    // lost its digits in scientific notation is rebuilt so, if the rounded value agrees
    let id = Number(r.dyadep_id);
    if (!/^\d+$/.test(r.dyadep_id)) {
      const candidate = r.dyad_id * 100 + r.dyadepisode;
      const digits = r.dyadep_id.split('e')[0]!.replace('.', '').length;
      if (Number(candidate.toPrecision(digits)) !== id)
        at.fail('dyadep_id', `'${r.dyadep_id}' does not match dyad ${r.dyad_id}, episode ${r.dyadepisode}`);
      id = candidate;
      rebuilt++;
    }
    keys.add(`${id}|${r.year}`, at, 'year');
    years.add(r.year);
    out.push([
      id,
      r.conflict_id,
      r.dyad_id,
      r.year,
      r.location.trim(),
      r.side_a.trim(),
      r.side_b.trim(),
      r.dyadterm === null ? null : r.dyadterm === 1,
      r.ependdate,
      r.outcome,
      r.cfiredate,
      r.peagdate,
      r.gwno_loc.trim() || null,
    ]);
  });
  return {
    tables: [out],
    rows,
    yearMin: years.min,
    yearMax: years.max,
    // not names: ids rebuilt from dyad and episode, listed so that the load records them
    unmapped: rebuilt
      ? [`${rebuilt} dyadep_id cells in scientific notation rebuilt from dyad_id and episode`]
      : [],
  };
}

export const ucdpConflictTermination: DatasetImporter = {
  id: 'ucdp_conflict_termination',
  parts: [{ part: 'dyads', tables: ['ucdp_terminations'], parse: terminations }],
};
