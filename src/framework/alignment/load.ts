import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { bridgingKey } from './subset.ts';
import { ISSUES, type IssueCode, type RollCall, type VoteData } from './types.ts';

/**
 * Reads the unvotes tables (un_votes.csv, un_roll_calls.csv, un_roll_call_issues.csv) from `dir`
 * into a VoteData, straight from the CSV files with DuckDB. States are keyed by unvotes' country
 * name (the file has no COW code); `iso2` gives the ISO 3166 alpha-2 code where unvotes has one.
 * Returns null when the files are absent, so callers can skip cleanly.
 */
export async function loadUnvotes(
  dir: string,
  names: { votes: string; rollcalls: string; issues?: string } = {
    votes: 'un_votes.csv',
    rollcalls: 'un_roll_calls.csv',
    issues: 'un_roll_call_issues.csv',
  },
): Promise<(VoteData & { iso2: (string | null)[] }) | null> {
  const files = [names.votes, names.rollcalls, ...(names.issues ? [names.issues] : [])].map((f) =>
    join(dir, f),
  );
  if (!files.every((f) => existsSync(f))) return null;
  const [votesCsv, rcCsv, issuesCsv] = files.map((f) => f.replace(/'/g, "''"));
  // A file set without issue codes (the UN Digital Library mirror) gets an empty issue table.
  const issuesTable = issuesCsv
    ? `SELECT rcid, string_agg(short_name, ',') AS issues
       FROM read_csv('${issuesCsv}', header = true) GROUP BY rcid`
    : 'SELECT NULL::INTEGER AS rcid, NULL::VARCHAR AS issues WHERE false';
  const inst = await DuckDBInstance.create(':memory:');
  const con = await inst.connect();
  try {
    await con.run(`
      CREATE TABLE rc AS SELECT * FROM read_csv('${rcCsv}', header = true,
        types = {'importantvote': 'INTEGER', 'amend': 'INTEGER', 'para': 'INTEGER'});
      CREATE TABLE iss AS ${issuesTable};
      CREATE TABLE v AS SELECT rcid, country, country_code, vote FROM read_csv('${votesCsv}', header = true);
      CREATE TABLE st AS SELECT country, any_value(country_code) AS iso2,
        row_number() OVER (ORDER BY country) - 1 AS idx FROM v GROUP BY country;
      CREATE TABLE rci AS SELECT rc.*, iss.issues, row_number() OVER (ORDER BY rc.rcid) - 1 AS idx
        FROM rc LEFT JOIN iss USING (rcid);
    `);
    const st = (await con.runAndReadAll('SELECT country, iso2 FROM st ORDER BY idx')).getColumnsJS();
    const rcCols = (
      await con.runAndReadAll(
        `SELECT rcid, session, year(date) AS yr, coalesce(importantvote, 0) AS imp, amend, para, short, descr,
           issues FROM rci ORDER BY idx`,
      )
    ).getColumnsJS();
    const vc = (
      await con.runAndReadAll(`
      SELECT st.idx AS s, rci.idx AS r,
        CASE v.vote WHEN 'yes' THEN 1 WHEN 'abstain' THEN 2 WHEN 'no' THEN 3 END AS code
      FROM v JOIN st USING (country) JOIN rci USING (rcid) ORDER BY r, s`)
    ).getColumnsJS();
    const issueSet = new Set<string>(ISSUES);
    const rollcalls: RollCall[] = (rcCols[0] ?? []).map((rcid, i) => {
      const flag = (x: unknown): boolean | null => (x === null || x === undefined ? null : Number(x) === 1);
      const amend = flag(rcCols[4]![i]),
        para = flag(rcCols[5]![i]);
      const issues = String(rcCols[8]![i] ?? '')
        .split(',')
        .filter((x): x is IssueCode => issueSet.has(x));
      return {
        rcid: Number(rcid),
        session: Number(rcCols[1]![i]),
        year: Number(rcCols[2]![i]),
        important: Number(rcCols[3]![i]) === 1,
        amend,
        para,
        issues,
        resid: bridgingKey(rcCols[6]![i] as string | null, rcCols[7]![i] as string | null, amend, para),
      };
    });
    return {
      states: (st[0] ?? []).map(String),
      iso2: (st[1] ?? []).map((x) => (x === null ? null : String(x))),
      rollcalls,
      voteState: Int32Array.from(vc[0] ?? [], Number),
      voteRollcall: Int32Array.from(vc[1] ?? [], Number),
      vote: Int8Array.from(vc[2] ?? [], Number),
    };
  } finally {
    con.closeSync();
    inst.closeSync();
  }
}

/**
 * Voeten's unvotes tables of `dir` followed by the UN Digital Library mirror of `recentDir`
 * (`un_votes_2020_2025.csv`, `un_roll_calls_2020_2025.csv`, the same layout, no issue codes): one record,
 * states by unvotes name. The mirror leaves out the one roll call unvotes already has (A/RES/74/267),
 * so the two are appended; the store's import path reconciles overlaps by symbol (reconcile.ts).
 */
export async function loadUnvotesWithRecent(dir: string, recentDir: string): Promise<VoteData | null> {
  const old = await loadUnvotes(dir);
  const recent = await loadUnvotes(recentDir, {
    votes: 'un_votes_2020_2025.csv',
    rollcalls: 'un_roll_calls_2020_2025.csv',
  });
  if (!old || !recent) return null;
  const states = [...old.states];
  const index = new Map(states.map((s, i) => [s, i]));
  for (const s of recent.states) if (!index.has(s)) index.set(s, states.push(s) - 1);
  const n0 = old.vote.length,
    n = n0 + recent.vote.length,
    r0 = old.rollcalls.length;
  const voteState = new Int32Array(n),
    voteRollcall = new Int32Array(n),
    vote = new Int8Array(n);
  voteState.set(old.voteState);
  voteRollcall.set(old.voteRollcall);
  vote.set(old.vote);
  for (let k = 0; k < recent.vote.length; k++) {
    voteState[n0 + k] = index.get(recent.states[recent.voteState[k]!]!)!;
    voteRollcall[n0 + k] = r0 + recent.voteRollcall[k]!;
    vote[n0 + k] = recent.vote[k]!;
  }
  return {
    states,
    rollcalls: [...old.rollcalls, ...recent.rollcalls.map((rc) => ({ ...rc, source: 'undl' as const }))],
    voteState,
    voteRollcall,
    vote,
  };
}

export interface BsvRow {
  ccode: number;
  session: number;
  iso3: string | null;
  name: string;
  nVotes: number;
  theta: number;
  q5: number | null;
  q95: number | null;
  usAgree: number | null;
  russiaAgree: number | null;
  brazilAgree: number | null;
  chinaAgree: number | null;
  indiaAgree: number | null;
  israelAgree: number | null;
}

/** Reads BSV's published ideal-point file (IdealpointestimatesAll_*.csv), or null if absent. */
export async function loadBsvIdealPoints(file: string): Promise<BsvRow[] | null> {
  if (!existsSync(file)) return null;
  const inst = await DuckDBInstance.create(':memory:');
  const con = await inst.connect();
  try {
    const r = await con.runAndReadAll(`
      SELECT ccode, session, iso3c, Countryname, NVotesAll, IdealPointAll, "Q5%All", "Q95%All",
             USAgree, RUSSAgree, BrazilAgree, ChinaAgree, IndiaAgree, IsraelAgree
      FROM read_csv('${file.replace(/'/g, "''")}', header = true, nullstr = 'NA')`);
    const num = (x: unknown): number | null => (x === null || x === undefined ? null : Number(x));
    return r.getRowsJS().map((row) => ({
      ccode: Number(row[0]),
      session: Number(row[1]),
      iso3: row[2] === null ? null : String(row[2]),
      name: String(row[3]),
      nVotes: Number(row[4]),
      theta: Number(row[5]),
      q5: num(row[6]),
      q95: num(row[7]),
      usAgree: num(row[8]),
      russiaAgree: num(row[9]),
      brazilAgree: num(row[10]),
      chinaAgree: num(row[11]),
      indiaAgree: num(row[12]),
      israelAgree: num(row[13]),
    }));
  } finally {
    con.closeSync();
    inst.closeSync();
  }
}

/**
 * Reads a list of identical roll calls in the format of BSV's `Data/Matches.csv` (columns `rcid1`,
 * `rcid2`, any others ignored) for `IdealPointOptions.matches`. Errors name the file and line.
 */
export function readMatches(file: string): [number, number][] {
  const lines = readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const header = (lines[0] ?? '').split(',').map((h) => h.trim().replace(/^"|"$/g, ''));
  const [i1, i2] = [header.indexOf('rcid1'), header.indexOf('rcid2')];
  if (i1 < 0 || i2 < 0)
    throw new Error(
      `${file}: line 1 must name the columns rcid1 and rcid2 (as BSV's Matches.csv), ` +
        `found '${lines[0] ?? ''}'`,
    );
  return lines.slice(1).map((line, k) => {
    const cells = line.split(',');
    const pair = [Number(cells[i1]), Number(cells[i2])] as [number, number];
    if (!pair.every((x) => Number.isInteger(x) && x > 0))
      throw new Error(
        `${file}: line ${k + 2}: rcid1 and rcid2 must be positive whole numbers, got '${line}'`,
      );
    return pair;
  });
}
