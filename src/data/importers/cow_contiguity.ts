import { z } from 'zod';
import { CodeChecker } from '../countries.ts';
import type { DatasetImporter, ImportFile, ParseContext, PartResult } from '../importer-types.ts';
import { TableBuffer } from '../importer-types.ts';
import { KeyCheck, readRows, YearSpan } from '../reader.ts';
import { int, text, year } from '../schema.ts';

const ccode = () => int({ min: 1, max: 999 });
const conttype = () => int({ min: 1, max: 5 });

async function dyadYears(file: ImportFile, ctx: ParseContext): Promise<PartResult> {
  const out = new TableBuffer('cow_contiguity', ['smallint', 'smallint', 'smallint', 'tinyint']);
  const codes = new CodeChecker(ctx.registry);
  const keys = new KeyCheck('directed dyad-year');
  const years = new YearSpan();
  const schema = z.object({ state1no: ccode(), state2no: ccode(), year: year(), conttype: conttype() });
  const { rows } = await readRows(
    { path: file.path, label: file.name, schema, onBytes: (b) => ctx.progress?.(b / file.bytes) },
    (r, at) => {
      codes.check(r.state1no, at, 'state1no');
      codes.check(r.state2no, at, 'state2no');
      // a dyad whose contiguity type changes within a year has a row for each type
      keys.add(`${r.state1no}|${r.state2no}|${r.year}|${r.conttype}`, at, 'conttype');
      years.add(r.year);
      out.push([r.state1no, r.state2no, r.year, r.conttype]);
    },
  );
  return { tables: [out], rows, yearMin: years.min, yearMax: years.max, unmapped: [...codes.unmapped] };
}

/** begin/end are YYYYMM. */
async function master(file: ImportFile, ctx: ParseContext): Promise<PartResult> {
  const out = new TableBuffer('cow_contiguity_spans', [
    'smallint',
    'smallint',
    'tinyint',
    'smallint',
    'tinyint',
    'smallint',
    'tinyint',
    'varchar',
  ]);
  const codes = new CodeChecker(ctx.registry);
  const keys = new KeyCheck('contiguity relationship');
  const years = new YearSpan();
  const ym = () => int({ min: 181501, max: 210012 });
  const schema = z.object({
    statelno: ccode(),
    statehno: ccode(),
    conttype: conttype(),
    begin: ym(),
    end: ym(),
    notes: text({ nullable: true }),
  });
  const { rows } = await readRows({ path: file.path, label: file.name, schema }, (r, at) => {
    codes.check(r.statelno, at, 'statelno');
    codes.check(r.statehno, at, 'statehno');
    keys.add(`${r.statelno}|${r.statehno}|${r.conttype}|${r.begin}`, at, 'begin');
    for (const [col, v] of [
      ['begin', r.begin],
      ['end', r.end],
    ] as const)
      if (v % 100 < 1 || v % 100 > 12) at.fail(col, `expected YYYYMM, got ${v}`);
    if (r.end < r.begin) at.fail('end', `ends (${r.end}) before it begins (${r.begin})`);
    const by = Math.floor(r.begin / 100),
      ey = Math.floor(r.end / 100);
    years.add(by);
    years.add(ey);
    out.push([r.statelno, r.statehno, r.conttype, by, r.begin % 100, ey, r.end % 100, r.notes]);
  });
  return { tables: [out], rows, yearMin: years.min, yearMax: years.max, unmapped: [...codes.unmapped] };
}

async function stateYears(file: ImportFile, ctx: ParseContext): Promise<PartResult> {
  const out = new TableBuffer('cow_contiguity_counts', [
    'smallint',
    'smallint',
    'smallint',
    'smallint',
    'smallint',
  ]);
  const codes = new CodeChecker(ctx.registry);
  const keys = new KeyCheck('state-year');
  const years = new YearSpan();
  const count = () => int({ min: 0, max: 999 });
  const schema = z.object({ stateno: ccode(), year: year(), total: count(), land: count(), sea: count() });
  const { rows } = await readRows({ path: file.path, label: file.name, schema }, (r, at) => {
    codes.check(r.stateno, at, 'stateno');
    keys.add(`${r.stateno}|${r.year}`, at, 'year');
    years.add(r.year);
    out.push([r.stateno, r.year, r.total, r.land, r.sea]);
  });
  return { tables: [out], rows, yearMin: years.min, yearMax: years.max, unmapped: [...codes.unmapped] };
}

export const cowContiguity: DatasetImporter = {
  id: 'cow_contiguity',
  parts: [
    { part: 'dyadyears', tables: ['cow_contiguity'], parse: dyadYears },
    { part: 'master', tables: ['cow_contiguity_spans'], parse: master },
    { part: 'stateyears', tables: ['cow_contiguity_counts'], parse: stateYears },
  ],
};
