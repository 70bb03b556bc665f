import { z } from 'zod';
import { CodeChecker, NameMapper } from '../countries.ts';
import { DataError } from '../errors.ts';
import type { DatasetImporter, ImportFile, ParseContext, PartResult } from '../importer-types.ts';
import { TableBuffer } from '../importer-types.ts';
import { KeyCheck, readRows, YearSpan } from '../reader.ts';
import { flag, int, isoDate, text, yearOpt } from '../schema.ts';

/**
 * unvotes names countries with countrycode()'s English name of Voeten's COW code. Where that name
 * means something else in the registry, the COW code Voeten used is restored: West Germany votes
 * as "Federal Republic of Germany" until rcid 3586 (COW 260), unified Germany as "Germany" (255).
 */
const UNVOTES_NAMES: Record<string, number> = { 'Federal Republic of Germany': 260 };

const VOTE: Record<string, number> = { yes: 1, abstain: 2, no: 3 };
const ISSUES = ['me', 'nu', 'di', 'hr', 'co', 'ec'];

async function rollcalls(file: ImportFile): Promise<PartResult> {
  const out = new TableBuffer('unga_rollcalls', [
    'int',
    'smallint',
    'date',
    'smallint',
    'varchar',
    'bool',
    'bool',
    'bool',
    'varchar',
    'varchar',
  ]);
  const keys = new KeyCheck('roll call');
  const years = new YearSpan();
  const rcids: number[] = [];
  const schema = z.object({
    rcid: int({ min: 1 }),
    session: int({ min: 1, max: 200 }),
    importantvote: flag({ nullable: true }),
    date: isoDate().or(z.literal('')),
    unres: text({ nullable: true }),
    amend: flag({ nullable: true }),
    para: flag({ nullable: true }),
    short: text({ nullable: true }),
    descr: text({ nullable: true }),
  });
  const { rows } = await readRows({ path: file.path, label: file.name, schema }, (r, at) => {
    keys.add(String(r.rcid), at, 'rcid');
    const y = r.date ? Number(r.date.slice(0, 4)) : null;
    if (y !== null && (y < 1945 || y > new Date().getUTCFullYear()))
      at.fail('date', `year ${y} is out of range`);
    years.add(y);
    rcids.push(r.rcid);
    out.push([
      r.rcid,
      r.session,
      r.date || null,
      y,
      r.unres,
      r.importantvote ?? false,
      r.amend,
      r.para,
      r.short,
      r.descr,
    ]);
  });
  return Object.assign(
    { tables: [out], rows, yearMin: years.min, yearMax: years.max, unmapped: [] },
    { rcids },
  );
}

async function issues(file: ImportFile): Promise<PartResult> {
  const out = new TableBuffer('unga_rollcall_issues', ['int', 'varchar', 'varchar']);
  const keys = new KeyCheck('roll-call issue');
  const rcids: number[] = [];
  const schema = z.object({
    rcid: int({ min: 1 }),
    short_name: z.enum(ISSUES, { message: `expected one of ${ISSUES.join(', ')}` }),
    issue: text(),
  });
  const { rows } = await readRows({ path: file.path, label: file.name, schema }, (r, at) => {
    keys.add(`${r.rcid}|${r.short_name}`, at, 'short_name');
    rcids.push(r.rcid);
    out.push([r.rcid, r.short_name, r.issue]);
  });
  return Object.assign({ tables: [out], rows, yearMin: null, yearMax: null, unmapped: [] }, { rcids });
}

async function votes(file: ImportFile, ctx: ParseContext): Promise<PartResult> {
  const out = new TableBuffer('unga_votes', ['int', 'smallint', 'varchar', 'tinyint']);
  const names = new NameMapper(ctx.registry, UNVOTES_NAMES);
  const countryIndex = new Map<string, number>();
  const seen = new Set<number>();
  const rcids = new Set<number>();
  const schema = z.object({
    rcid: int({ min: 1 }),
    country: text(),
    country_code: z.string(),
    vote: z.enum(['yes', 'abstain', 'no'], { message: 'expected yes, abstain or no' }),
  });
  const { rows } = await readRows(
    { path: file.path, label: file.name, schema, onBytes: (b) => ctx.progress?.(b / file.bytes) },
    (r, at) => {
      let idx = countryIndex.get(r.country);
      if (idx === undefined) {
        idx = countryIndex.size;
        countryIndex.set(r.country, idx);
      }
      const key = r.rcid * 4096 + idx;
      if (seen.has(key)) at.fail('country', `duplicate vote of ${r.country} on roll call ${r.rcid}`);
      seen.add(key);
      rcids.add(r.rcid);
      out.push([r.rcid, names.map(r.country), r.country, VOTE[r.vote]]);
    },
  );
  // Years come from the roll calls (the vote file has none); the cross-check fills them in.
  return Object.assign(
    { tables: [out], rows, yearMin: null, yearMax: null, unmapped: [...names.unmapped] },
    { rcids },
  );
}

async function votes2016(file: ImportFile, ctx: ParseContext): Promise<PartResult> {
  const out = new TableBuffer('unga_votes_2016', [
    'int',
    'smallint',
    'smallint',
    'smallint',
    'tinyint',
    'bool',
    'bool',
  ]);
  const codes = new CodeChecker(ctx.registry);
  const seen = new Set<number>();
  const years = new YearSpan();
  const schema = z.object({
    rcid: int({ min: 1 }),
    session: int({ min: 1, max: 200 }),
    vote: int({ min: 1, max: 9 }),
    ccode: int({ min: 1, max: 999 }),
    member: flag({ nullable: true }),
    year: yearOpt(),
  });
  const { rows } = await readRows(
    {
      path: file.path,
      label: file.name,
      gzip: file.name.endsWith('.gz'),
      schema,
      onBytes: (b) => ctx.progress?.(b / file.bytes),
    },
    (r, at) => {
      if (r.vote > 3 && r.vote !== 8 && r.vote !== 9)
        at.fail('vote', `expected 1, 2, 3, 8 or 9, got ${r.vote}`);
      codes.check(r.ccode, at, 'ccode');
      const key = r.rcid * 1000 + r.ccode;
      if (seen.has(key)) at.fail('ccode', `duplicate vote of ${r.ccode} on roll call ${r.rcid}`);
      seen.add(key);
      years.add(r.year);
      out.push([
        r.rcid,
        r.session,
        r.year,
        r.ccode,
        r.vote <= 3 ? r.vote : null,
        r.vote === 8,
        r.member === true,
      ]);
    },
  );
  return { tables: [out], rows, yearMin: years.min, yearMax: years.max, unmapped: [...codes.unmapped] };
}

type WithRcids = PartResult & { rcids?: Iterable<number> };

export const ungaVotes: DatasetImporter = {
  id: 'unga_votes',
  parts: [
    { part: 'rollcalls', tables: ['unga_rollcalls'], parse: rollcalls },
    { part: 'issues', tables: ['unga_rollcall_issues'], parse: issues },
    { part: 'votes', tables: ['unga_votes'], parse: votes },
    { part: 'votes2016', tables: ['unga_votes_2016'], parse: votes2016 },
  ],
  crossCheck(parts) {
    const rc = parts.get('rollcalls') as WithRcids | undefined;
    if (!rc?.rcids) return;
    const known = new Set(rc.rcids);
    for (const [name, label] of [
      ['issues', 'un_roll_call_issues'],
      ['votes', 'un_votes'],
    ] as const) {
      const p = parts.get(name) as WithRcids | undefined;
      if (!p?.rcids) continue;
      for (const id of p.rcids)
        if (!known.has(id)) throw new DataError(label, 0, 0, `roll call ${id} is not in the roll-call file`);
      if (name === 'votes') {
        p.yearMin = rc.yearMin;
        p.yearMax = rc.yearMax;
      }
    }
  },
};
