import { z } from 'zod';
import { CodeChecker } from '../countries.ts';
import { DataError } from '../errors.ts';
import type { DatasetImporter, ImportFile, ParseContext, PartResult } from '../importer-types.ts';
import { TableBuffer } from '../importer-types.ts';
import { KeyCheck, readRows, YearSpan } from '../reader.ts';
import { flag, int, text, year, yearOpt } from '../schema.ts';

const STATUS = new Map<string, string>([
  ['1', 'full'],
  ['2', 'associate'],
  ['3', 'observer'],
  ['-9', 'missing'],
]);

/**
 * The state-year file is wide (one column per IGO, 534 of them). It becomes one row per
 * membership (status full/associate/observer) plus the -9 cells as 'missing', so that "no
 * membership" (0) and "not known" stay distinct; 0 and -1 (IGO not in existence) are not stored,
 * and igo_state_years records which state-years the data cover at all.
 */
async function stateYears(file: ImportFile, ctx: ParseContext): Promise<PartResult> {
  const covered = new TableBuffer('igo_state_years', ['smallint', 'smallint']);
  const members = new TableBuffer('igo_memberships', ['smallint', 'smallint', 'varchar', 'varchar']);
  const codes = new CodeChecker(ctx.registry);
  const keys = new KeyCheck('state-year');
  const years = new YearSpan();
  let igoColumns: Array<[number, string]> | undefined;
  const { rows } = await readRows(
    {
      path: file.path,
      label: file.name,
      schema: z.object({ ccode: int({ min: 1, max: 999 }), year: year(), state: text() }),
      onBytes: (b) => ctx.progress?.(b / file.bytes),
    },
    (r, at) => {
      igoColumns ??= [...at.index]
        .filter(([name]) => name !== 'ccode' && name !== 'year' && name !== 'state')
        .map(([name, i]) => [i, name]);
      codes.check(r.ccode, at, 'ccode');
      keys.add(`${r.ccode}|${r.year}`, at, 'year');
      years.add(r.year);
      covered.push([r.ccode, r.year]);
      const f = at.fields;
      for (const [i, igo] of igoColumns) {
        const cell = f[i]!;
        if (cell === '0' || cell === '-1') continue;
        const status = STATUS.get(cell);
        if (status === undefined)
          at.fail(igo, `expected a membership code (0, 1, 2, 3, -1 or -9), got '${cell}'`);
        members.push([r.ccode, r.year, igo, status]);
      }
    },
  );
  return {
    tables: [covered, members],
    rows,
    yearMin: years.min,
    yearMax: years.max,
    unmapped: [...codes.unmapped],
  };
}

interface IgoMeta {
  ionum: number | null;
  name: string | null;
  long: string | null;
  start: number | null;
  end: number | null;
  integrated: boolean | null;
  replaced: boolean | null;
  political: boolean | null;
  social: boolean | null;
  economic: boolean | null;
  first: number;
  last: number;
  count: number;
  lastSeen: number;
}

/**
 * IGO-year rows reduce to one metadata row per IGO (values of its latest year) with the years it is listed.
 */
async function igoYears(file: ImportFile, ctx: ParseContext): Promise<PartResult> {
  const out = new TableBuffer('igos', [
    'varchar',
    'int',
    'varchar',
    'varchar',
    'smallint',
    'smallint',
    'bool',
    'bool',
    'bool',
    'bool',
    'bool',
    'smallint',
    'smallint',
    'smallint',
  ]);
  const keys = new KeyCheck('IGO-year');
  const years = new YearSpan();
  const igos = new Map<string, IgoMeta>();
  const f = () => flag({ nullable: true });
  const schema = z.object({
    ioname: text(),
    orgname: text({ nullable: true }),
    year: year(),
    sdate: yearOpt({ nullable: true }),
    deaddate: yearOpt({ nullable: true }),
    integrated: f(),
    replaced: f(),
    longorgname: text({ nullable: true }),
    ionum: int({ nullable: true }),
    political: f(),
    social: f(),
    economic: f(),
  });
  const { rows } = await readRows(
    { path: file.path, label: file.name, schema, onBytes: (b) => ctx.progress?.(b / file.bytes) },
    (r, at) => {
      const igo = r.ioname.toUpperCase();
      keys.add(`${igo}|${r.year}`, at, 'year');
      years.add(r.year);
      const m = igos.get(igo);
      const meta = {
        ionum: r.ionum,
        name: r.orgname,
        long: r.longorgname,
        start: r.sdate,
        end: r.deaddate,
        integrated: r.integrated,
        replaced: r.replaced,
        political: r.political,
        social: r.social,
        economic: r.economic,
      };
      if (!m) igos.set(igo, { ...meta, first: r.year, last: r.year, count: 1, lastSeen: r.year });
      else {
        m.first = Math.min(m.first, r.year);
        m.last = Math.max(m.last, r.year);
        m.count++;
        if (r.year >= m.lastSeen) Object.assign(m, meta, { lastSeen: r.year });
      }
    },
  );
  if (igos.size === 0) throw new DataError(file.name, 2, 1, 'no IGO rows');
  for (const [igo, m] of igos)
    out.push([
      igo,
      m.ionum,
      m.name,
      m.long,
      m.start,
      m.end,
      m.integrated,
      m.replaced,
      m.political,
      m.social,
      m.economic,
      m.first,
      m.last,
      m.count,
    ]);
  return { tables: [out], rows, yearMin: years.min, yearMax: years.max, unmapped: [] };
}

export const cowIgo: DatasetImporter = {
  id: 'cow_igo',
  parts: [
    { part: 'stateyears', tables: ['igo_state_years', 'igo_memberships'], parse: stateYears },
    { part: 'igoyears', tables: ['igos'], parse: igoYears },
  ],
};
