import { z } from 'zod';
import { cowOfGw } from '../gleditsch-ward.ts';
import type { DatasetImporter, ImportFile, ParseContext, PartResult } from '../importer-types.ts';
import { TableBuffer } from '../importer-types.ts';
import { KeyCheck, readRows, YearSpan } from '../reader.ts';
import { int, text, year } from '../schema.ts';

const idList = (what: string) =>
  z.string().transform((s, ctx) => {
    const parts = s
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    if (!parts.every((p) => /^\d+$/.test(p))) {
      ctx.addIssue({ code: 'custom', message: `expected ${what} like '221, 264', got '${s.trim()}'` });
      return z.NEVER;
    }
    return parts.map(Number);
  });

const schema = z.object({
  paid: int({ min: 1 }),
  gwno: idList('Gleditsch–Ward numbers'),
  conflict_id: idList('conflict ids'),
  pa_name: text(),
  year: year(),
  pa_date: z
    .string()
    .regex(/^(\d{4}-\d{2}-\d{2})?$/, 'expected a date YYYY-MM-DD')
    .transform((s) => (s === '' ? null : s)),
  pa_sign: text({ nullable: true }),
  pa_3rd: text({ nullable: true }),
  pa_type: int({ min: 1, max: 3, nullable: true }),
  ended: z
    .enum(['True', 'False', '1', '0', ''])
    .transform((s) => (s === '' ? null : s === 'True' || s === '1')),
});

/**
 * UCDP Peace Agreement Dataset (CSV export): one row per agreement with its signatories and the
 * third parties that signed, witnessed or facilitated it (`pa_3rd`, free text). The CSV has quoted
 * fields over several lines and a trailing comma in the header (an unnamed last column).
 */
async function agreements(file: ImportFile, ctx: ParseContext): Promise<PartResult> {
  const out = new TableBuffer('ucdp_peace_agreements', [
    'int',
    'int[]',
    'varchar',
    'smallint',
    'smallint',
    'date',
    'varchar',
    'varchar',
    'varchar',
    'tinyint',
    'bool',
  ]);
  const keys = new KeyCheck('agreement');
  const years = new YearSpan();
  const unmapped = new Set<string>();
  const { rows } = await readRows(
    {
      path: file.path,
      label: file.name,
      schema,
      renameHeader: (h) => h.map((x, i) => (x === '' ? `_unnamed${i}` : x.trim())),
    },
    (r, at) => {
      keys.add(String(r.paid), at, 'paid');
      if (r.conflict_id.length === 0) at.fail('conflict_id', 'an agreement belongs to at least one conflict');
      years.add(r.year);
      const first = r.gwno[0];
      const ccode = first === undefined ? null : cowOfGw(ctx.registry, first, r.year);
      if (first !== undefined && ccode === null) unmapped.add(`GW ${first}`);
      out.push([
        r.paid,
        r.conflict_id,
        r.gwno.join(', ') || null,
        ccode,
        r.year,
        r.pa_date,
        r.pa_name.trim(),
        r.pa_sign,
        r.pa_3rd,
        r.pa_type,
        r.ended,
      ]);
    },
  );
  return { tables: [out], rows, yearMin: years.min, yearMax: years.max, unmapped: [...unmapped] };
}

export const ucdpPeaceAgreements: DatasetImporter = {
  id: 'ucdp_peace_agreements',
  parts: [{ part: 'agreements', tables: ['ucdp_peace_agreements'], parse: agreements }],
};
