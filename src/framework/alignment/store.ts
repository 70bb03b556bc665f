import { createHash } from 'node:crypto';
import type { StateRegistry } from '../../states/registry.ts';
import type { Store } from '../../store/store.ts';
import { positionTableFromRows, type PositionTable } from './poles.ts';
import { qnorm } from './normal.ts';
import { bridgingKey } from './subset.ts';
import { reconcileCte, readReconciliation, type Reconciliation } from './reconcile.ts';
import { ISSUES, type IssueCode, type RollCall, type VoteData } from './types.ts';

/**
 * Store-backed inputs of the alignment kernels. States are keyed by their COW code as a string
 * (`'373'`), the one identifier every UNGA table carries; the registry turns user input (ISO3,
 * name) into that key and back. Every input comes with the loads it was read from, so each result
 * can name its dataset, version and file checksum.
 */

/** One file of a dataset as recorded in `loads`. */
export interface LoadRecord {
  dataset: string;
  part: string;
  version: string;
  file: string;
  sha256: string;
  rows: number;
  yearMin: number | null;
  yearMax: number | null;
}

export interface StoreVotes {
  /** States keyed by COW code (string). */
  data: VoteData;
  loads: LoadRecord[];
  /** A checksum over the loaded files: the identity of this voting record (cache keys use it). */
  signature: string;
  /** Votes whose country has no COW code in the registry: not usable, counted so the loss is visible. */
  unmappedVotes: number;
  /** How the UN Digital Library roll calls (unga_votes_recent) were joined to Voeten's (see reconcile.ts). */
  reconciliation: Reconciliation | null;
}

export interface BsvPoint {
  ccode: number;
  iso3: string | null;
  name: string | null;
  session: number;
  year: number;
  theta: number;
  lo: number | null;
  hi: number | null;
  sd: number;
  nVotes: number | null;
}

export interface StoreBsv {
  rows: BsvPoint[];
  table: PositionTable;
  loads: LoadRecord[];
  signature: string;
}

export const stateKey = (ccode: number): string => String(ccode);

/** Resolves a state (ISO3, COW code, name) to its key in the vote data; throws UnknownStateError. */
export function keyOf(registry: StateRegistry, input: string | number): string {
  return stateKey(registry.resolve(input).ccode);
}

async function loadsOf(store: Store, dataset: string, parts: string[]): Promise<LoadRecord[]> {
  const rows = await store.query<{
    part: string;
    version: string;
    file: string;
    sha256: string;
    rows: number;
    year_min: number | null;
    year_max: number | null;
  }>(
    `SELECT p.part, l.version, l.file, l.sha256, l.rows, l.year_min, l.year_max
     FROM data_load_parts p JOIN loads l USING (load_id)
     WHERE p.dataset = $1 ORDER BY p.part`,
    [dataset],
  );
  return rows
    .filter((r) => parts.includes(r.part))
    .map((r) => ({
      dataset,
      part: r.part,
      version: r.version,
      file: r.file,
      sha256: r.sha256,
      rows: Number(r.rows),
      yearMin: r.year_min,
      yearMax: r.year_max,
    }));
}

const signatureOf = (loads: LoadRecord[]): string =>
  createHash('sha256')
    .update(loads.map((l) => `${l.part}:${l.sha256}`).join('\n'))
    .digest('hex');

// A server answers many requests from one store: the ~870k votes are read once per loaded version.
const voteCache = new WeakMap<Store, { signature: string; votes: Promise<StoreVotes> }>();
const bsvCache = new WeakMap<Store, { signature: string; bsv: Promise<StoreBsv> }>();

/**
 * The UNGA voting record of the store (`unga_rollcalls`, `unga_rollcall_issues`, `unga_votes`) as a
 * VoteData keyed by COW code, or null when the votes are not imported. Roll calls without a date
 * take the session year (1945 + session).
 */
export async function loadStoreVotes(store: Store): Promise<StoreVotes | null> {
  const voeten = await loadsOf(store, 'unga_votes', ['rollcalls', 'issues', 'votes']);
  const recent = await loadsOf(store, 'unga_votes_recent', ['rollcalls', 'votes', 'undl']);
  const hasVoeten = voeten.some((l) => l.part === 'votes') && voeten.some((l) => l.part === 'rollcalls');
  const hasRecent = recent.some((l) => l.part === 'undl') || recent.some((l) => l.part === 'votes');
  if (!hasVoeten && !hasRecent) return null;
  const loads = [...voeten, ...recent];
  const signature = signatureOf(loads);
  const hit = voteCache.get(store);
  if (hit && hit.signature === signature) return hit.votes;
  const votes = readVotes(store, loads, signature, hasRecent);
  voteCache.set(store, { signature, votes });
  votes.catch(() => voteCache.delete(store));
  return votes;
}

async function readVotes(
  store: Store,
  loads: LoadRecord[],
  signature: string,
  hasRecent: boolean,
): Promise<StoreVotes> {
  // The roll calls kept from both sources (reconcile.ts), read column-wise: one typed column per
  // field instead of ~1M row objects.
  const rc = (
    await store.conn.runAndReadAll(`WITH ${reconcileCte()}
    SELECT r.rcid, r.session, coalesce(r.year, 1945 + r.session) AS year, r.important, r.amend, r.para,
      r.short, r.descr, i.issues, r.src
    FROM ic_votes_rollcalls r
    LEFT JOIN (SELECT rcid, string_agg(issue, ',') AS issues FROM unga_rollcall_issues GROUP BY rcid) i
      ON r.src = 0 AND i.rcid = r.rcid
    ORDER BY r.src, r.rcid`)
  ).getColumnsJS();
  const issueSet = new Set<string>(ISSUES);
  const flag = (x: unknown): boolean | null => (x === null || x === undefined ? null : Boolean(x));
  // Roll calls are keyed by (source, rcid): the UN Digital Library's record ids are another numbering.
  const rcIndex = new Map<number, number>();
  const rollcalls: RollCall[] = (rc[0] ?? []).map((id, i) => {
    const amend = flag(rc[4]![i]),
      para = flag(rc[5]![i]);
    rcIndex.set(Number(rc[9]![i]) * 1e9 + Number(id), i);
    return {
      rcid: Number(id),
      session: Number(rc[1]![i]),
      year: Number(rc[2]![i]),
      important: rc[3]![i] === true,
      amend,
      para,
      issues: String(rc[8]![i] ?? '')
        .split(',')
        .filter((x): x is IssueCode => issueSet.has(x)),
      resid: bridgingKey(rc[6]![i] as string | null, rc[7]![i] as string | null, amend, para),
      source: Number(rc[9]![i]) === 0 ? 'voeten' : 'undl',
    };
  });
  const [unmapped] = await store.query<{ n: number }>(
    `WITH ${reconcileCte()} SELECT (SELECT count(*) FROM unga_votes WHERE ccode IS NULL)
          + (SELECT count(*) FROM unga_recent_votes v
             JOIN ic_votes_rollcalls r ON r.src > 0 AND r.rcid = v.rcid
             AND r.load_id_votes = v.load_id WHERE v.ccode IS NULL) AS n`,
  );
  const v = (
    await store.conn.runAndReadAll(
      `WITH ${reconcileCte()} SELECT ccode, rcid, vote, 0 AS src FROM unga_votes WHERE ccode IS NOT NULL
       UNION ALL
       SELECT v.ccode, v.rcid, v.vote, r.src FROM unga_recent_votes v
       JOIN ic_votes_rollcalls r ON r.src > 0 AND r.rcid = v.rcid AND r.load_id_votes = v.load_id
       WHERE v.ccode IS NOT NULL
       ORDER BY src, rcid, ccode`,
    )
  ).getColumnsJS();
  const reconciliation = hasRecent ? await readReconciliation(store) : null;
  const cc = v[0] ?? [],
    rcid = v[1] ?? [],
    code = v[2] ?? [],
    src = v[3] ?? [];
  const codes = [...new Set(cc.map(Number))].sort((a, b) => a - b);
  const stateIdx = new Map(codes.map((c, i) => [c, i]));
  const n = cc.length;
  const voteState = new Int32Array(n),
    voteRollcall = new Int32Array(n),
    vote = new Int8Array(n);
  for (let k = 0; k < n; k++) {
    const r = rcIndex.get(Number(src[k]) * 1e9 + Number(rcid[k]));
    // The importers' cross-checks guarantee every vote's roll call exists; a violation is a corrupt store.
    if (r === undefined)
      throw new Error(
        `UNGA votes: roll call ${String(rcid[k])} (source ${String(src[k])}) has no roll-call row`,
      );
    voteState[k] = stateIdx.get(Number(cc[k]))!;
    voteRollcall[k] = r;
    vote[k] = Number(code[k]);
  }
  return {
    data: { states: codes.map(stateKey), rollcalls, voteState, voteRollcall, vote },
    loads,
    signature,
    unmappedVotes: Number(unmapped?.n ?? 0),
    reconciliation,
  };
}

/**
 * Bailey, Strezhnev & Voeten's published ideal points (`unga_idealpoints`) as rows and as a
 * PositionTable keyed by COW code, or null when not imported. The file gives quantiles, not SDs:
 * the SD used for distances and hedging is the 5–95% half-width over z(0.95).
 */
export async function loadStoreBsv(store: Store, registry?: StateRegistry): Promise<StoreBsv | null> {
  const loads = await loadsOf(store, 'unga_idealpoints', ['idealpoints']);
  if (loads.length === 0) return null;
  const signature = signatureOf(loads);
  const hit = bsvCache.get(store);
  if (hit && hit.signature === signature) return hit.bsv;
  const bsv = (async (): Promise<StoreBsv> => {
    const z = qnorm(0.95);
    const rows = (
      await store.query<{
        ccode: number;
        session: number;
        year: number;
        nvotes: number | null;
        idealpoint: number;
        q5: number | null;
        q95: number | null;
        iso3: string | null;
        name: string | null;
      }>(
        'SELECT ccode, session, year, nvotes, idealpoint, q5, q95, iso3, name FROM unga_idealpoints ' +
          'WHERE idealpoint IS NOT NULL ORDER BY ccode, session',
      )
    ).map((r): BsvPoint => {
      const rec = registry?.byCcode(Number(r.ccode));
      return {
        ccode: Number(r.ccode),
        iso3: rec?.iso3 ?? r.iso3,
        name: rec?.name ?? r.name,
        session: Number(r.session),
        year: Number(r.year),
        theta: r.idealpoint,
        lo: r.q5,
        hi: r.q95,
        nVotes: r.nvotes === null ? null : Number(r.nvotes),
        sd: r.q5 !== null && r.q95 !== null ? (r.q95 - r.q5) / (2 * z) : 0,
      };
    });
    return {
      rows,
      table: positionTableFromRows(
        rows.map((r) => ({ state: stateKey(r.ccode), session: r.session, theta: r.theta, sd: r.sd })),
      ),
      loads,
      signature,
    };
  })();
  bsvCache.set(store, { signature, bsv });
  bsv.catch(() => bsvCache.delete(store));
  return bsv;
}

/** Provenance of a dataset as results print it: dataset, version and each file's checksum. */
export function datasetProvenance(loads: LoadRecord[]): {
  dataset: string;
  version: string;
  files: { part: string; file: string; sha256: string; rows: number }[];
  years: [number, number] | null;
} | null {
  const first = loads[0];
  if (!first) return null;
  const mins = loads.flatMap((l) => (l.yearMin === null ? [] : [l.yearMin])),
    maxs = loads.flatMap((l) => (l.yearMax === null ? [] : [l.yearMax]));
  return {
    // Voeten's votes and the UN Digital Library's are two datasets read as one record.
    dataset: [...new Set(loads.map((l) => l.dataset))].join(' + '),
    version: [...new Set(loads.map((l) => l.version))].join(', '),
    files: loads.map((l) => ({ part: l.part, file: l.file, sha256: l.sha256, rows: l.rows })),
    years: mins.length && maxs.length ? [Math.min(...mins), Math.max(...maxs)] : null,
  };
}
