import { z } from 'zod';
import { NameMapper } from '../countries.ts';
import { DataError } from '../errors.ts';
import type { DatasetImporter, ImportFile, ParseContext, PartResult } from '../importer-types.ts';
import { TableBuffer } from '../importer-types.ts';
import { KeyCheck, readRows, YearSpan, type RowAt } from '../reader.ts';
import { flag, int, isoDate, text } from '../schema.ts';

/**
 * UN General Assembly recorded votes after the unvotes tables end (2020 on), from the UN Digital
 * Library voting records, in either of two layouts:
 *
 * - the publisher's long CSV (`…_ga_voting.csv`, one row per member state per resolution:
 *   `undl_id, ms_code, ms_name, ms_vote, date, session, resolution, …`), part `undl`;
 * - the mirror's unvotes layout (`un_roll_calls_2020_2025.csv` + `un_votes_2020_2025.csv`), parts
 *   `rollcalls` and `votes`.
 *
 * Both fill `unga_recent_rollcalls` and `unga_recent_votes` (vote 1 yes, 2 abstain, 3 no; non-voting
 * members are not rows). There are no issue codes. Where these roll calls overlap Voeten's record,
 * the alignment module reconciles them (src/framework/alignment/store.ts), not the importer: the two
 * datasets are loaded and replaced independently.
 */

/** unvotes' names whose registry match is not the state Voeten meant (see unga_votes.ts). */
const UNVOTES_NAMES: Record<string, number> = { 'Federal Republic of Germany': 260 };
const VOTE: Record<string, number> = { yes: 1, abstain: 2, no: 3 };
/** UN Digital Library codes: Y, N, A; X (or NV in older releases, or blank) = did not vote. */
const UNDL_VOTE: Record<string, number | null> = { Y: 1, A: 2, N: 3, X: null, NV: null, '': null };
/** Member-state codes of the UN Digital Library that are not ISO 3166 alpha-3 (COW codes). */
const UNDL_CODES: Record<string, number> = { SUN: 365, YMD: 680, YUG: 345, CSK: 315, DDR: 265, YAR: 678 };

const ROLLCALL_TYPES = ['int', 'smallint', 'date', 'smallint', 'varchar', 'varchar', 'varchar'] as const;
const VOTE_TYPES = ['int', 'smallint', 'varchar', 'tinyint'] as const;

function checkYear(date: string, at: RowAt, column: string): number {
  const y = Number(date.slice(0, 4));
  if (y < 1945 || y > new Date().getUTCFullYear()) at.fail(column, `year ${y} is out of range`);
  return y;
}

/** The regular session in progress on a date: sessions open in the second half of September. */
export function sessionOnDate(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return m > 9 || (m === 9 && d >= 15) ? y - 1945 : y - 1946;
}

/** Session of a resolution symbol (`A/RES/75/12` → 75); emergency special sessions take the date's. */
function sessionOf(symbol: string, date: string): number | null {
  const m = /^A\/RES\/(\d+)\//.exec(symbol.trim());
  if (m) return Number(m[1]);
  return /^A\/RES\/ES-/.test(symbol.trim()) ? sessionOnDate(date) : null;
}

async function rollcalls(file: ImportFile): Promise<PartResult> {
  const out = new TableBuffer('unga_recent_rollcalls', [...ROLLCALL_TYPES]);
  const keys = new KeyCheck('roll call');
  const years = new YearSpan();
  const rcids: number[] = [];
  const schema = z.object({
    rcid: int({ min: 1 }),
    session: int({ min: 1, max: 200 }),
    importantvote: flag({ nullable: true }),
    date: isoDate(),
    unres: text(),
    short: text({ nullable: true }),
    descr: text({ nullable: true }),
  });
  const { rows } = await readRows({ path: file.path, label: file.name, schema }, (r, at) => {
    keys.add(String(r.rcid), at, 'rcid');
    const y = checkYear(r.date, at, 'date');
    years.add(y);
    rcids.push(r.rcid);
    out.push([r.rcid, r.session, r.date, y, r.unres, r.descr ?? r.short, 'unvotes']);
  });
  return Object.assign(
    { tables: [out], rows, yearMin: years.min, yearMax: years.max, unmapped: [] },
    { rcids },
  );
}

async function votes(file: ImportFile, ctx: ParseContext): Promise<PartResult> {
  const out = new TableBuffer('unga_recent_votes', [...VOTE_TYPES]);
  const names = new NameMapper(ctx.registry, UNVOTES_NAMES);
  const seen = new KeyCheck('vote of');
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
      seen.add(`${r.country}|${r.rcid}`, at, 'country');
      rcids.add(r.rcid);
      out.push([r.rcid, names.map(r.country), r.country, VOTE[r.vote]]);
    },
  );
  return Object.assign(
    { tables: [out], rows, yearMin: null, yearMax: null, unmapped: [...names.unmapped] },
    { rcids, file: file.name },
  );
}

/**
 * The publisher's long layout. Roll-call fields repeat on every row of a resolution and must agree;
 * a member may appear once per resolution. `session` is taken from the symbol when the cell is not a
 * number (emergency special sessions), as unvotes does.
 */
async function undl(file: ImportFile, ctx: ParseContext): Promise<PartResult> {
  const rc = new TableBuffer('unga_recent_rollcalls', [...ROLLCALL_TYPES]);
  const out = new TableBuffer('unga_recent_votes', [...VOTE_TYPES]);
  const names = new NameMapper(ctx.registry);
  const codeCache = new Map<string, number | null>();
  const unmapped = new Set<string>();
  const seen = new KeyCheck('vote of');
  const meta = new Map<number, { date: string; resolution: string; line: number }>();
  const years = new YearSpan();
  const schema = z.object({
    undl_id: int({ min: 1 }),
    ms_code: z.string(),
    ms_name: text(),
    ms_vote: z.string(),
    date: isoDate(),
    session: z.string(),
    resolution: text(),
    title: text({ nullable: true }),
  });
  const ccodeOf = (code: string, name: string): number | null => {
    let c = codeCache.get(code);
    if (c === undefined) {
      c = UNDL_CODES[code] ?? ctx.registry.byIso3(code)?.ccode ?? names.map(name);
      codeCache.set(code, c);
      if (c === null) unmapped.add(`${code} ${name}`);
    }
    return c;
  };
  const { rows } = await readRows(
    { path: file.path, label: file.name, schema, onBytes: (b) => ctx.progress?.(b / file.bytes) },
    (r, at) => {
      const vote = UNDL_VOTE[r.ms_vote.trim()];
      if (vote === undefined) at.fail('ms_vote', `expected Y, N, A, X or NV, got '${r.ms_vote}'`);
      const code = r.ms_code.trim();
      if (!/^[A-Z]{3}$/.test(code)) at.fail('ms_code', `expected a three-letter code, got '${r.ms_code}'`);
      seen.add(`${code}|${r.undl_id}`, at, 'ms_code');
      const known = meta.get(r.undl_id);
      if (known) {
        if (known.date !== r.date)
          at.fail(
            'date',
            `${r.date} differs from ${known.date} given for ${r.undl_id} on line ${known.line}`,
          );
        if (known.resolution !== r.resolution)
          at.fail('resolution', `'${r.resolution}' differs from line ${known.line} ('${known.resolution}')`);
      } else {
        const y = checkYear(r.date, at, 'date');
        const s = /^\d+$/.test(r.session.trim()) ? Number(r.session) : sessionOf(r.resolution, r.date);
        if (s === null || s < 1 || s > 200)
          at.fail('session', `expected a session number or an A/RES/ symbol, got '${r.session}'`);
        meta.set(r.undl_id, { date: r.date, resolution: r.resolution, line: at.line });
        years.add(y);
        rc.push([r.undl_id, s, r.date, y, r.resolution, r.title, 'undl']);
      }
      if (vote !== null) out.push([r.undl_id, ccodeOf(code, r.ms_name), r.ms_name, vote]);
    },
  );
  // The publisher dates its releases in the file name (2026_02_06_ga_voting.csv).
  const d = /^(\d{4})_(\d{1,2})_(\d{1,2})_ga_voting/.exec(file.name);
  const version = d ? `undl-${d[1]}-${d[2]!.padStart(2, '0')}-${d[3]!.padStart(2, '0')}` : undefined;
  return {
    tables: [rc, out],
    rows,
    yearMin: years.min,
    yearMax: years.max,
    unmapped: [...unmapped],
    ...(version ? { version } : {}),
  };
}

type WithRcids = PartResult & { rcids?: Iterable<number>; file?: string };

export const ungaVotesRecent: DatasetImporter = {
  id: 'unga_votes_recent',
  parts: [
    { part: 'rollcalls', tables: ['unga_recent_rollcalls'], parse: rollcalls },
    { part: 'votes', tables: ['unga_recent_votes'], parse: votes },
    { part: 'undl', tables: ['unga_recent_rollcalls', 'unga_recent_votes'], parse: undl },
  ],
  crossCheck(parts) {
    const rc = parts.get('rollcalls') as WithRcids | undefined;
    const v = parts.get('votes') as WithRcids | undefined;
    if (!rc?.rcids || !v?.rcids) return;
    const known = new Set(rc.rcids);
    for (const id of v.rcids)
      if (!known.has(id))
        throw new DataError(v.file ?? 'votes', 0, 0, `roll call ${id} is not in the roll-call file`);
    v.yearMin = rc.yearMin;
    v.yearMax = rc.yearMax;
  },
};
