import { z } from 'zod';
import { CodeChecker, ymd } from '../countries.ts';
import type { DatasetImporter, ImportFile, ParseContext, PartResult } from '../importer-types.ts';
import { TableBuffer } from '../importer-types.ts';
import { KeyCheck, readRows, YearSpan, type RowAt } from '../reader.ts';
import { int, text, year } from '../schema.ts';

const spanSchema = {
  stateabb: text(),
  ccode: int({ min: 1, max: 999 }),
  styear: year(),
  stmonth: int({ min: 1, max: 12 }),
  stday: int({ min: 1, max: 31 }),
  endyear: year(),
  endmonth: int({ min: 1, max: 12 }),
  endday: int({ min: 1, max: 31 }),
};

function date(y: number, m: number, d: number, at: RowAt, column: string): string {
  return ymd(y, m, d) ?? at.fail(column, `${y}-${m}-${d} is not a calendar date`);
}

async function states(file: ImportFile, ctx: ParseContext): Promise<PartResult> {
  const spans = new TableBuffer('cow_state_spans', ['smallint', 'varchar', 'varchar', 'date', 'date']);
  const codes = new CodeChecker(ctx.registry);
  const keys = new KeyCheck('state spell');
  const years = new YearSpan();
  const { rows } = await readRows(
    { path: file.path, label: file.name, schema: z.object({ ...spanSchema, statenme: text() }) },
    (r, at) => {
      codes.check(r.ccode, at, 'ccode');
      keys.add(`${r.ccode}|${r.styear}`, at, 'styear');
      const start = date(r.styear, r.stmonth, r.stday, at, 'styear');
      const end = date(r.endyear, r.endmonth, r.endday, at, 'endyear');
      if (end < start) at.fail('endyear', `spell ends (${end}) before it starts (${start})`);
      years.add(r.styear);
      years.add(r.endyear);
      spans.push([r.ccode, r.stateabb, r.statenme, start, end]);
    },
  );
  return { tables: [spans], rows, yearMin: years.min, yearMax: years.max, unmapped: [...codes.unmapped] };
}

async function system(file: ImportFile, ctx: ParseContext): Promise<PartResult> {
  const out = new TableBuffer('cow_system_years', ['smallint', 'smallint']);
  const codes = new CodeChecker(ctx.registry);
  const keys = new KeyCheck('state-year');
  const years = new YearSpan();
  const { rows } = await readRows(
    {
      path: file.path,
      label: file.name,
      schema: z.object({ ccode: int({ min: 1, max: 999 }), year: year() }),
    },
    (r, at) => {
      codes.check(r.ccode, at, 'ccode');
      keys.add(`${r.ccode}|${r.year}`, at, 'year');
      years.add(r.year);
      out.push([r.ccode, r.year]);
    },
  );
  return { tables: [out], rows, yearMin: years.min, yearMax: years.max, unmapped: [...codes.unmapped] };
}

async function majors(file: ImportFile, ctx: ParseContext): Promise<PartResult> {
  const out = new TableBuffer('cow_major_powers', ['smallint', 'date', 'date']);
  const codes = new CodeChecker(ctx.registry);
  const keys = new KeyCheck('major-power spell');
  const years = new YearSpan();
  const { rows } = await readRows(
    { path: file.path, label: file.name, schema: z.object(spanSchema) },
    (r, at) => {
      codes.check(r.ccode, at, 'ccode');
      keys.add(`${r.ccode}|${r.styear}`, at, 'styear');
      years.add(r.styear);
      years.add(r.endyear);
      out.push([
        r.ccode,
        date(r.styear, r.stmonth, r.stday, at, 'styear'),
        date(r.endyear, r.endmonth, r.endday, at, 'endyear'),
      ]);
    },
  );
  return { tables: [out], rows, yearMin: years.min, yearMax: years.max, unmapped: [...codes.unmapped] };
}

/** The code list repeats a state once per membership spell (CUB twice): kept once each. */
async function countryCodes(file: ImportFile, ctx: ParseContext): Promise<PartResult> {
  const out = new TableBuffer('cow_country_codes', ['smallint', 'varchar', 'varchar']);
  const codes = new CodeChecker(ctx.registry);
  const seen = new Map<number, string>();
  const { rows } = await readRows(
    {
      path: file.path,
      label: file.name,
      schema: z.object({ StateAbb: text(), CCode: int({ min: 1, max: 999 }), StateNme: text() }),
    },
    (r, at) => {
      codes.check(r.CCode, at, 'CCode');
      const prev = seen.get(r.CCode);
      if (prev !== undefined) {
        if (prev !== r.StateAbb) at.fail('StateAbb', `code ${r.CCode} is both ${prev} and ${r.StateAbb}`);
        return;
      }
      seen.set(r.CCode, r.StateAbb);
      out.push([r.CCode, r.StateAbb, r.StateNme]);
    },
  );
  return { tables: [out], rows, yearMin: null, yearMax: null, unmapped: [...codes.unmapped] };
}

export const cowStates: DatasetImporter = {
  id: 'cow_states',
  parts: [
    { part: 'states', tables: ['cow_state_spans'], parse: states },
    { part: 'system', tables: ['cow_system_years'], parse: system },
    { part: 'majors', tables: ['cow_major_powers'], parse: majors },
    { part: 'codes', tables: ['cow_country_codes'], parse: countryCodes },
  ],
};
