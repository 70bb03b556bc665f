import { closeSync, openSync, readSync } from 'node:fs';
import { z } from 'zod';
import { NameMapper } from '../countries.ts';
import { DataError } from '../errors.ts';
import type { DatasetImporter, ImportFile, ParseContext, PartResult } from '../importer-types.ts';
import { TableBuffer } from '../importer-types.ts';
import { readRows, YearSpan } from '../reader.ts';
import { int, num, text, yearOpt } from '../schema.ts';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** The web export starts with a preamble of notes; the header is the line that starts "Recipient,". */
function preamble(path: string, label: string): { skip: number; generated?: string } {
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(65536);
  const n = readSync(fd, buf, 0, buf.length, 0);
  closeSync(fd);
  const lines = buf.subarray(0, n).toString('latin1').split(/\r?\n/);
  const skip = lines.findIndex((l) => l.startsWith('Recipient,'));
  if (skip < 0)
    throw new DataError(
      label,
      1,
      1,
      "no header line starting 'Recipient,' in the first 64 KB (not a SIPRI trade-register CSV?)",
    );
  const m = lines
    .slice(0, skip)
    .join('\n')
    .match(/Data generated: (\d{1,2}) (\w+) (\d{4})/);
  const month = m ? MONTHS.indexOf(m[2]!) + 1 : 0;
  return {
    skip,
    ...(m && month
      ? { generated: `generated ${m[3]}-${String(month).padStart(2, '0')}-${m[1]!.padStart(2, '0')}` }
      : {}),
  };
}

/** Three header cells are a single space: the '?' flag after the column before each of them. */
function renameHeader(header: string[]): string[] {
  return header.map((h, i) => (h.trim() === '' && i > 0 ? `${header[i - 1]!.trim()} ?` : h.trim()));
}

const uncertain = () => z.enum(['', '?'], { message: "expected '?' or nothing" });

async function register(file: ImportFile, ctx: ParseContext): Promise<PartResult> {
  const out = new TableBuffer('sipri_transfers', [
    'int',
    'varchar',
    'smallint',
    'varchar',
    'smallint',
    'smallint',
    'bool',
    'int',
    'bool',
    'varchar',
    'varchar',
    'int',
    'bool',
    'int[]',
    'varchar',
    'varchar',
    'double',
    'double',
    'double',
  ]);
  const names = new NameMapper(ctx.registry);
  const years = new YearSpan();
  const { skip, generated } = preamble(file.path, file.name);
  const schema = z.object({
    Recipient: text(),
    Supplier: text(),
    'Year of order': yearOpt({ nullable: true }),
    'Year of order ?': uncertain(),
    'Number ordered': int({ min: 0, nullable: true }),
    'Number ordered ?': uncertain(),
    'Weapon designation': text({ nullable: true }),
    'Weapon description': text({ nullable: true }),
    'Number delivered': int({ min: 0, nullable: true }),
    'Number delivered ?': uncertain(),
    'Year(s) of delivery': z.string().regex(/^(\d{4}(; ?\d{4})*)?$/, "expected years separated by '; '"),
    status: text({ nullable: true }),
    Comments: text({ nullable: true }),
    'SIPRI TIV per unit': num({ min: 0 }),
    'SIPRI TIV for total order': num({ min: 0 }),
    'SIPRI TIV of delivered weapons': num({ min: 0 }),
  });
  const { rows } = await readRows(
    {
      path: file.path,
      label: file.name,
      schema,
      encoding: 'latin1',
      skipLines: skip,
      renameHeader,
      onBytes: (b) => ctx.progress?.(b / file.bytes),
    },
    (r, at) => {
      const delivered = r['Year(s) of delivery']
        ? r['Year(s) of delivery'].split(';').map((y) => Number(y.trim()))
        : [];
      const thisYear = new Date().getUTCFullYear();
      if (delivered.some((y) => y < 1900 || y > thisYear))
        at.fail('Year(s) of delivery', `delivery year out of range in '${r['Year(s) of delivery']}'`);
      years.add(r['Year of order']);
      out.push([
        at.line,
        r.Recipient,
        names.map(r.Recipient),
        r.Supplier,
        names.map(r.Supplier),
        r['Year of order'],
        r['Year of order ?'] === '?',
        r['Number ordered'],
        r['Number ordered ?'] === '?',
        r['Weapon designation'],
        r['Weapon description'],
        r['Number delivered'],
        r['Number delivered ?'] === '?',
        delivered,
        r.status,
        r.Comments,
        r['SIPRI TIV per unit'],
        r['SIPRI TIV for total order'],
        r['SIPRI TIV of delivered weapons'],
      ]);
    },
  );
  return {
    tables: [out],
    rows,
    yearMin: years.min,
    yearMax: years.max,
    unmapped: [...names.unmapped].sort(),
    ...(generated ? { version: generated } : {}),
  };
}

export const sipriArms: DatasetImporter = {
  id: 'sipri_arms',
  parts: [{ part: 'register', tables: ['sipri_transfers'], parse: register }],
};
