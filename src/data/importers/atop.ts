import { z } from 'zod';
import { CodeChecker } from '../countries.ts';
import { DataError } from '../errors.ts';
import type { DatasetImporter, ImportFile, ParseContext, PartResult } from '../importer-types.ts';
import { TableBuffer } from '../importer-types.ts';
import { KeyCheck, readRows, YearSpan, type RowAt } from '../reader.ts';
import { flag, int, year, yearOpt } from '../schema.ts';

/** ATOP 5.1 writes one member code that is not a COW code; the row is kept and reported. */
const TOLERATED = new Map([[8152, 'ATOP 5.1 member of atopid 1320; not a COW code']]);

const ccode = () => int({ min: 1, max: 9999 });
const month = () => int({ min: 0, max: 12, nullable: true });
const day = () => int({ min: 0, max: 31, nullable: true });
const code = () => int({ min: 0, max: 9, nullable: true });
/** ATOP writes 0 for "no end" in year, month and day. */
const zeroNull = (v: number | null) => (v === 0 ? null : v);
/** atopid, or atopid.phase for alliances whose obligations changed (e.g. 1020.1). */
const phaseId = () => z.string().regex(/^\d+(\.\d+)?$/, 'expected an atopid or atopid.phase');
const obligations = { defense: flag(), offense: flag(), neutral: flag(), nonagg: flag(), consul: flag() };

/** The list columns (mem1…mem59, atopid1…atopid59): their non-empty cells, in order. */
function listCells(at: RowAt, prefix: string): number[] {
  const out: number[] = [];
  for (let i = 1; ; i++) {
    const idx = at.index.get(`${prefix}${i}`);
    if (idx === undefined) break;
    const cell = at.fields[idx]!.trim();
    if (cell === '') continue;
    if (!/^\d+$/.test(cell)) at.fail(`${prefix}${i}`, `expected a code, got '${cell}'`);
    out.push(Number(cell));
  }
  return out;
}

async function alliances(file: ImportFile, ctx: ParseContext): Promise<PartResult> {
  const out = new TableBuffer('atop_alliances', [
    'int',
    'smallint',
    'tinyint',
    'tinyint',
    'smallint',
    'tinyint',
    'tinyint',
    'bool',
    'bool',
    'bool',
    'bool',
    'bool',
    'bool',
    'tinyint',
    'tinyint',
    'tinyint',
    'tinyint',
    'tinyint',
    'smallint',
    'int[]',
  ]);
  const codes = new CodeChecker(ctx.registry, TOLERATED);
  const keys = new KeyCheck('alliance');
  const years = new YearSpan();
  const schema = z.object({
    atopid: int({ min: 1 }),
    begyr: year(),
    begmo: month(),
    begday: day(),
    endyr: yearOpt({ zeroIsNull: true }),
    endmo: month(),
    endday: day(),
    bilat: flag(),
    ...obligations,
    active: code(),
    conditio: code(),
    milaid: code(),
    base: code(),
    organ1: code(),
    maxphase: int({ min: 0, max: 99 }),
  });
  const { rows } = await readRows({ path: file.path, label: file.name, schema }, (r, at) => {
    keys.add(String(r.atopid), at, 'atopid');
    const members = listCells(at, 'mem');
    if (members.length === 0) at.fail('mem1', 'an alliance without members');
    members.forEach((m, i) => codes.check(m, at, `mem${i + 1}`));
    years.add(r.begyr);
    years.add(r.endyr);
    out.push([
      r.atopid,
      r.begyr,
      r.begmo,
      r.begday,
      r.endyr,
      zeroNull(r.endmo),
      zeroNull(r.endday),
      r.bilat,
      r.defense,
      r.offense,
      r.neutral,
      r.nonagg,
      r.consul,
      r.active,
      r.conditio,
      r.milaid,
      r.base,
      r.organ1,
      r.maxphase,
      members,
    ]);
  });
  return { tables: [out], rows, yearMin: years.min, yearMax: years.max, unmapped: [...codes.unmapped] };
}

async function phases(file: ImportFile): Promise<PartResult> {
  const out = new TableBuffer('atop_phases', [
    'int',
    'varchar',
    'smallint',
    'smallint',
    'smallint',
    'bool',
    'bool',
    'bool',
    'bool',
    'bool',
  ]);
  const keys = new KeyCheck('alliance phase');
  const years = new YearSpan();
  const schema = z.object({
    atopid: int({ min: 1 }),
    atopidphase: phaseId(),
    phase: int({ min: 0, max: 99 }),
    begyr: year(),
    endyr: yearOpt({ zeroIsNull: true }),
    ...obligations,
  });
  const { rows } = await readRows({ path: file.path, label: file.name, schema }, (r, at) => {
    keys.add(String(r.atopidphase), at, 'atopidphase');
    years.add(r.begyr);
    years.add(r.endyr);
    out.push([
      r.atopid,
      r.atopidphase,
      r.phase,
      r.begyr,
      r.endyr,
      r.defense,
      r.offense,
      r.neutral,
      r.nonagg,
      r.consul,
    ]);
  });
  return { tables: [out], rows, yearMin: years.min, yearMax: years.max, unmapped: [] };
}

async function members(file: ImportFile, ctx: ParseContext): Promise<PartResult> {
  const out = new TableBuffer('atop_members', [
    'int',
    'smallint',
    'smallint',
    'smallint',
    'tinyint',
    'tinyint',
    'smallint',
    'tinyint',
    'tinyint',
    'bool',
    'bool',
    'bool',
    'bool',
    'bool',
  ]);
  const codes = new CodeChecker(ctx.registry, TOLERATED);
  const keys = new KeyCheck('alliance membership');
  const years = new YearSpan();
  const schema = z.object({
    atopid: int({ min: 1 }),
    member: ccode(),
    phase: int({ min: 0, max: 99 }),
    yrent: year(),
    moent: month(),
    dayent: day(),
    yrexit: yearOpt({ zeroIsNull: true }),
    moexit: month(),
    dayexit: day(),
    ...obligations,
  });
  const { rows } = await readRows({ path: file.path, label: file.name, schema }, (r, at) => {
    codes.check(r.member, at, 'member');
    keys.add(`${r.atopid}|${r.member}|${r.phase}|${r.yrent}|${r.moent}|${r.dayent}`, at, 'member');
    if (r.yrexit !== null && r.yrexit < r.yrent)
      at.fail('yrexit', `exit ${r.yrexit} before entry ${r.yrent}`);
    years.add(r.yrent);
    years.add(r.yrexit);
    out.push([
      r.atopid,
      r.member,
      r.phase,
      r.yrent,
      r.moent,
      r.dayent,
      r.yrexit,
      zeroNull(r.moexit),
      zeroNull(r.dayexit),
      r.defense,
      r.offense,
      r.neutral,
      r.nonagg,
      r.consul,
    ]);
  });
  return { tables: [out], rows, yearMin: years.min, yearMax: years.max, unmapped: [...codes.unmapped] };
}

async function stateYears(file: ImportFile, ctx: ParseContext): Promise<PartResult> {
  const out = new TableBuffer('atop_state_years', [
    'smallint',
    'smallint',
    'bool',
    'bool',
    'bool',
    'bool',
    'bool',
    'smallint',
    'int[]',
  ]);
  const codes = new CodeChecker(ctx.registry, TOLERATED);
  const keys = new KeyCheck('state-year');
  const years = new YearSpan();
  const schema = z.object({
    state: ccode(),
    year: year(),
    ...obligations,
    number: int({ min: 0, max: 999 }),
  });
  const { rows } = await readRows({ path: file.path, label: file.name, schema }, (r, at) => {
    codes.check(r.state, at, 'state');
    keys.add(`${r.state}|${r.year}`, at, 'year');
    const ids = listCells(at, 'atopid');
    if (ids.length !== r.number) at.fail('number', `says ${r.number} alliances but lists ${ids.length}`);
    years.add(r.year);
    out.push([r.state, r.year, r.defense, r.offense, r.neutral, r.nonagg, r.consul, r.number, ids]);
  });
  return { tables: [out], rows, yearMin: years.min, yearMax: years.max, unmapped: [...codes.unmapped] };
}

async function institutions(file: ImportFile): Promise<PartResult> {
  const out = new TableBuffer('atop_institutions', ['int', 'varchar', 'tinyint', 'tinyint']);
  const keys = new KeyCheck('alliance phase');
  const schema = z.object({
    atopid: int({ min: 1 }),
    atopidphase: phaseId(),
    milinst: code(),
    formal: code(),
  });
  const { rows } = await readRows({ path: file.path, label: file.name, schema }, (r, at) => {
    keys.add(String(r.atopidphase), at, 'atopidphase');
    out.push([r.atopid, r.atopidphase, r.milinst, r.formal]);
  });
  return { tables: [out], rows, yearMin: null, yearMax: null, unmapped: [] };
}

async function dyadYears(file: ImportFile, ctx: ParseContext): Promise<PartResult> {
  const out = new TableBuffer('atop_dyad_years', [
    'smallint',
    'smallint',
    'smallint',
    'bool',
    'bool',
    'bool',
    'bool',
    'bool',
  ]);
  const codes = new CodeChecker(ctx.registry, TOLERATED);
  const seen = new Set<number>();
  const years = new YearSpan();
  const schema = z.object({
    ccode1: ccode(),
    ccode2: ccode(),
    year: year(),
    atop_defense: flag(),
    atop_offense: flag(),
    atop_neutral: flag(),
    atop_nonagg: flag(),
    atop_consul: flag(),
  });
  const { rows } = await readRows(
    { path: file.path, label: file.name, schema, onBytes: (b) => ctx.progress?.(b / file.bytes) },
    (r, at) => {
      codes.check(r.ccode1, at, 'ccode1');
      codes.check(r.ccode2, at, 'ccode2');
      const key = (r.ccode1 * 10000 + r.ccode2) * 10000 + r.year;
      if (seen.has(key)) at.fail('year', `duplicate dyad-year ${r.ccode1}, ${r.ccode2}, ${r.year}`);
      seen.add(key);
      years.add(r.year);
      out.push([
        r.ccode1,
        r.ccode2,
        r.year,
        r.atop_defense,
        r.atop_offense,
        r.atop_neutral,
        r.atop_nonagg,
        r.atop_consul,
      ]);
    },
  );
  return { tables: [out], rows, yearMin: years.min, yearMax: years.max, unmapped: [...codes.unmapped] };
}

export const atop: DatasetImporter = {
  id: 'atop',
  parts: [
    { part: 'alliances', tables: ['atop_alliances'], parse: alliances },
    { part: 'phases', tables: ['atop_phases'], parse: phases },
    { part: 'members', tables: ['atop_members'], parse: members },
    { part: 'stateyears', tables: ['atop_state_years'], parse: stateYears },
    { part: 'institutions', tables: ['atop_institutions'], parse: institutions },
    { part: 'dyadyears', tables: ['atop_dyad_years'], parse: dyadYears },
  ],
  crossCheck(parts) {
    const a = parts.get('alliances');
    const m = parts.get('members');
    if (!a || !m) return;
    const ids = new Set(a.tables[0]!.rows.map((r) => r[0] as number));
    const orphan = m.tables[0]!.rows.find((r) => !ids.has(r[0] as number));
    if (orphan)
      throw new DataError(
        'atop5_1m.csv',
        0,
        0,
        `member of atopid ${String(orphan[0])}, which is not in the alliance file`,
      );
  },
};
