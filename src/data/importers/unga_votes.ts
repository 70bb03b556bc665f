import { z } from 'zod';
import { CodeChecker, NameMapper } from '../countries.ts';
import { DatasetError } from '../errors.ts';
import type { DatasetImporter, ImportFile, ParseContext, PartResult } from '../importer-types.ts';
import { TableBuffer } from '../importer-types.ts';
import { KeyCheck, readRows, YearSpan } from '../reader.ts';
import { stageCsv } from '../columnar.ts';
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
    date: isoDate({ emptyAllowed: true }),
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

/**
 * un_votes.csv (870k rows) column-wise: staged by DuckDB, checked in SQL as strictly as the schema
 * below (digits only for rcid, so stricter than int()), names mapped once per distinct name. Null
 * when a check fails: the row-wise reader then names the first bad cell (see columnar.ts).
 */
async function votesColumnar(file: ImportFile, ctx: ParseContext): Promise<PartResult | null> {
  if (!ctx.store) return null;
  const store = ctx.store;
  const stage = await stageCsv(store, file.path, { columns: ['rcid', 'country', 'country_code', 'vote'] });
  if (!stage) return null;
  const t = stage.table;
  try {
    // One pass for every cell check, duplicate (rcid, country) pairs and the roll calls named. A
    // hash collision can only make a duplicate appear where there is none: then the row-wise path
    // decides, so no duplicate is ever missed.
    const [c] = await store.query<{ bad: number; keys: number; n: number; rcids: number[] }>(
      `SELECT count(*) FILTER (WHERE NOT regexp_full_match(rcid, '[0-9]{1,10}') ` +
        `OR TRY_CAST(rcid AS BIGINT) NOT BETWEEN 1 AND 2147483647 OR country IN ('', 'NA') ` +
        `OR vote NOT IN ('yes', 'abstain', 'no')) AS bad, ` +
        `count(DISTINCT hash(TRY_CAST(rcid AS INTEGER), country)) AS keys, ` +
        `count(*) AS n, list(DISTINCT TRY_CAST(rcid AS INTEGER)) AS rcids FROM ${t}`,
    );
    if (!c || Number(c.bad) > 0 || Number(c.keys) !== Number(c.n)) {
      await stage.drop();
      return null;
    }
    const rcids = [...(c.rcids as unknown as Iterable<number>)];
    // Names in order of first appearance, as the row-wise path lists the unmapped ones.
    const names = new NameMapper(ctx.registry, UNVOTES_NAMES);
    const countries = await store.query<{ country: string }>(
      `SELECT country FROM ${t} GROUP BY country ORDER BY min(rowid)`,
    );
    const map = `${t}_names`;
    const codes = countries.map((c) => names.map(c.country));
    await store.run(
      `CREATE TEMP TABLE ${map} AS SELECT unnest(CAST($1::JSON AS VARCHAR[])) AS country, ` +
        `unnest(CAST($2::JSON AS SMALLINT[])) AS ccode`,
      [JSON.stringify(countries.map((c) => c.country)), JSON.stringify(codes)],
    );
    return Object.assign(
      {
        tables: [],
        staged: [
          {
            table: 'unga_votes',
            select:
              `SELECT s.rcid::INTEGER, m.ccode, s.country, ` +
              `CASE s.vote WHEN 'yes' THEN 1 WHEN 'abstain' THEN 2 ELSE 3 END::TINYINT ` +
              `FROM ${t} s JOIN ${map} m USING (country) ORDER BY s.rowid`,
          },
        ],
        cleanup: async () => {
          await stage.drop();
          await store.run(`DROP TABLE IF EXISTS ${map}`);
        },
        rows: stage.records,
        yearMin: null,
        yearMax: null,
        unmapped: [...names.unmapped],
      },
      { rcids },
    );
  } catch (err) {
    await stage.drop();
    await store.run(`DROP TABLE IF EXISTS ${t}_names`);
    throw err;
  }
}

async function votes(file: ImportFile, ctx: ParseContext): Promise<PartResult> {
  return (await votesColumnar(file, ctx)) ?? votesRows(file, ctx);
}

async function votesRows(file: ImportFile, ctx: ParseContext): Promise<PartResult> {
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

/**
 * Voeten's 2016 file (1.07M rows, gzip) column-wise, as votesColumnar: checks in SQL at least as
 * strict as the schema of votes2016Rows, the row-wise path deciding whenever one fails.
 */
async function votes2016Columnar(file: ImportFile, ctx: ParseContext): Promise<PartResult | null> {
  if (!ctx.store) return null;
  const store = ctx.store;
  const stage = await stageCsv(store, file.path, {
    columns: ['rcid', 'session', 'vote', 'ccode', 'member', 'year'],
    gzip: file.name.endsWith('.gz'),
  });
  if (!stage) return null;
  const t = stage.table;
  const maxYear = new Date().getUTCFullYear() + 1;
  const int = (col: string, digits: number, min: number, max: number): string =>
    `(NOT regexp_full_match(${col}, '[0-9]{1,${digits}}') ` +
    `OR TRY_CAST(${col} AS BIGINT) NOT BETWEEN ${min} AND ${max})`;
  try {
    const [c] = await store.query<{ bad: number; keys: number; n: number; lo: number; hi: number }>(
      `SELECT count(*) FILTER (WHERE ${int('rcid', 10, 1, 2147483647)} OR ${int('session', 3, 1, 200)} ` +
        `OR vote NOT IN ('1', '2', '3', '8', '9') OR ${int('ccode', 3, 1, 999)} ` +
        `OR member NOT IN ('', '0', '1') OR NOT regexp_full_match(year, '[0-9]{4}') ` +
        `OR TRY_CAST(year AS INTEGER) NOT BETWEEN 1815 AND ${maxYear}) AS bad, ` +
        `count(DISTINCT hash(TRY_CAST(rcid AS INTEGER), TRY_CAST(ccode AS INTEGER))) AS keys, ` +
        `count(*) AS n, ` +
        `min(TRY_CAST(year AS INTEGER)) AS lo, max(TRY_CAST(year AS INTEGER)) AS hi FROM ${t}`,
    );
    const codes = await store.query<{ c: number }>(
      `SELECT DISTINCT TRY_CAST(ccode AS INTEGER) AS c FROM ${t}`,
    );
    if (
      !c ||
      Number(c.bad) > 0 ||
      Number(c.keys) !== Number(c.n) ||
      codes.some((x) => x.c === null || !ctx.registry.byCcode(x.c))
    ) {
      await stage.drop();
      return null;
    }
    return {
      tables: [],
      staged: [
        {
          table: 'unga_votes_2016',
          select:
            `SELECT rcid::INTEGER, session::SMALLINT, year::SMALLINT, ccode::SMALLINT, ` +
            `CASE WHEN vote IN ('1', '2', '3') THEN vote::TINYINT END, vote = '8', member = '1' ` +
            `FROM ${t} ORDER BY rowid`,
        },
      ],
      cleanup: () => stage.drop(),
      rows: stage.records,
      yearMin: c.n > 0 ? Number(c.lo) : null,
      yearMax: c.n > 0 ? Number(c.hi) : null,
      unmapped: [],
    };
  } catch (err) {
    await stage.drop();
    throw err;
  }
}

async function votes2016(file: ImportFile, ctx: ParseContext): Promise<PartResult> {
  return (await votes2016Columnar(file, ctx)) ?? votes2016Rows(file, ctx);
}

async function votes2016Rows(file: ImportFile, ctx: ParseContext): Promise<PartResult> {
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
  /**
   * Every vote and issue row must name a roll call: of this import, or (when the roll-call file is
   * not part of it) of the store. A new roll-call file must in turn keep every roll call that the
   * votes and issues left in the store name. Orphan rows would silently drop out of every join.
   */
  async crossCheck(parts, store) {
    const rc = parts.get('rollcalls') as WithRcids | undefined;
    let known: Set<number>;
    if (rc?.rcids) known = new Set(rc.rcids);
    else
      known = new Set(
        (await store.query<{ r: number }>('SELECT DISTINCT rcid AS r FROM unga_rollcalls')).map((x) => x.r),
      );
    for (const [name, label, table] of [
      ['issues', 'un_roll_call_issues.csv', 'unga_rollcall_issues'],
      ['votes', 'un_votes.csv', 'unga_votes'],
    ] as const) {
      const p = parts.get(name) as WithRcids | undefined;
      const ids = p?.rcids
        ? p.rcids
        : rc?.rcids
          ? (await store.query<{ r: number }>(`SELECT DISTINCT rcid AS r FROM ${table}`)).map((x) => x.r)
          : [];
      const where = p?.rcids ? label : `${label} in the store`;
      const orphans = [...ids].filter((id) => !known.has(id)).sort((a, b) => a - b);
      if (orphans.length)
        throw new DatasetError(
          `${where}: roll call ${orphans[0]}` +
            `${orphans.length > 1 ? ` (and ${orphans.length - 1} more)` : ''} ` +
            `is not in ${rc?.rcids ? 'the roll-call file' : 'the stored roll calls'}` +
            `${known.size === 0 ? ' (import un_roll_calls.csv first, or the whole folder)' : ''}`,
        );
      if (name === 'votes' && p && rc) {
        p.yearMin = rc.yearMin;
        p.yearMax = rc.yearMax;
      }
    }
  },
};
