import type { Store } from '../../store/store.ts';
import type { VoteData } from './types.ts';

/**
 * Joins the UN Digital Library roll calls (`unga_votes_recent`, two layouts) to Voeten's record
 * (`unga_votes`). Voeten's data is the reference where it exists: it carries issue codes, amendment and
 * paragraph flags, and it is the record BSV estimate on. A UN Digital Library roll call is
 *
 * - `duplicate-voeten` when its resolution symbol (spaces dropped, upper case) is one of Voeten's;
 * - `before-voeten-end` when it is older than Voeten's last roll call (his record is complete there;
 *   symbols of early sessions are written differently in the two sources, so they cannot be matched);
 * - `duplicate-recent` when the same symbol was already taken from the other layout (the mirror's
 *   unvotes layout is preferred to the publisher's long file);
 * - `kept` otherwise.
 *
 * Only `kept` roll calls and their votes enter the joined record. The SQL is a CTE so that every
 * query reads the same selection without a temporary table.
 */
export function reconcileCte(): string {
  return `
  ic_voeten AS (
    SELECT rcid, session, date, year, important, amend, para, short, descr,
      upper(replace(unres, ' ', '')) AS sym
    FROM unga_rollcalls),
  ic_cut AS (SELECT max(date) AS d FROM unga_rollcalls),
  ic_recent AS (
    SELECT r.rcid, r.session, r.date, r.year, r.unres, r.title, r.layout, r.load_id,
      CASE r.layout WHEN 'undl' THEN r.load_id
        ELSE (SELECT max(load_id) FROM data_load_parts WHERE dataset = 'unga_votes_recent' AND part = 'votes')
      END AS load_id_votes,
      CASE r.layout WHEN 'unvotes' THEN 1 ELSE 2 END AS src,
      upper(replace(r.unres, ' ', '')) AS sym
    FROM unga_recent_rollcalls r),
  ic_recent_class AS (
    SELECT r.*,
      CASE WHEN r.sym IN (SELECT sym FROM ic_voeten WHERE sym IS NOT NULL) THEN 'duplicate-voeten'
           WHEN r.date < (SELECT d FROM ic_cut) THEN 'before-voeten-end'
           WHEN row_number() OVER (PARTITION BY r.sym ORDER BY r.src, r.rcid) > 1 THEN 'duplicate-recent'
           ELSE 'kept' END AS status
    FROM ic_recent r),
  ic_votes_rollcalls AS (
    SELECT rcid, session, date, year, important, amend, para, short, descr, 0 AS src,
      NULL::INTEGER AS load_id_votes
    FROM ic_voeten
    UNION ALL
    SELECT rcid, session, date, year, false, NULL::BOOLEAN, NULL::BOOLEAN, title, title, src, load_id_votes
    FROM ic_recent_class WHERE status = 'kept')`;
}

export interface Reconciliation {
  /** UN Digital Library roll calls in the store, by what became of them. */
  rollcalls: { kept: number; duplicateOfVoeten: number; beforeVoetenEnd: number; duplicateRecent: number };
  /** Voeten's last roll-call date: the joined record switches source after it. */
  voetenEnds: string | null;
  /** Member votes on the roll calls both sources hold, and how many of them are the same vote. */
  overlapVotes: number;
  overlapSame: number;
  /** Years of the kept UN Digital Library roll calls. */
  years: [number, number] | null;
}

export async function readReconciliation(store: Store): Promise<Reconciliation> {
  const byStatus = await store.query<{ status: string; n: number; y0: number | null; y1: number | null }>(
    `WITH ${reconcileCte()}
     SELECT status, count(*)::INTEGER AS n, min(year)::INTEGER AS y0, max(year)::INTEGER AS y1
     FROM ic_recent_class GROUP BY status`,
  );
  const count = (s: string): number => Number(byStatus.find((r) => r.status === s)?.n ?? 0);
  const kept = byStatus.find((r) => r.status === 'kept');
  const [overlap] = await store.query<{ n: number; same: number; cut: string | null }>(
    `WITH ${reconcileCte()}, ic_dup AS (
       SELECT c.rcid AS rrcid, c.load_id_votes, v.rcid AS vrcid
       FROM ic_recent_class c JOIN ic_voeten v ON v.sym = c.sym
       WHERE c.status = 'duplicate-voeten')
     SELECT count(a.vote)::INTEGER AS n, (count(*) FILTER (WHERE a.vote = b.vote))::INTEGER AS same,
       (SELECT d FROM ic_cut)::VARCHAR AS cut
     FROM ic_dup d JOIN unga_recent_votes a ON a.rcid = d.rrcid AND a.load_id = d.load_id_votes
     JOIN unga_votes b ON b.rcid = d.vrcid AND b.ccode = a.ccode`,
  );
  return {
    rollcalls: {
      kept: count('kept'),
      duplicateOfVoeten: count('duplicate-voeten'),
      beforeVoetenEnd: count('before-voeten-end'),
      duplicateRecent: count('duplicate-recent'),
    },
    voetenEnds: overlap?.cut ?? null,
    overlapVotes: Number(overlap?.n ?? 0),
    overlapSame: Number(overlap?.same ?? 0),
    years: kept && kept.y0 !== null && kept.y1 !== null ? [kept.y0, kept.y1] : null,
  };
}

/**
 * Sessions of the joined record whose roll calls come, all or in part, from the UN Digital Library
 * and so carry no Voeten issue codes nor State Department "important" flags.
 */
export function sessionsWithoutCodes(data: VoteData): { session: number; without: number; total: number }[] {
  const by = new Map<number, { without: number; total: number }>();
  for (const rc of data.rollcalls) {
    let s = by.get(rc.session);
    if (!s) by.set(rc.session, (s = { without: 0, total: 0 }));
    s.total++;
    if (rc.source === 'undl') s.without++;
  }
  return [...by]
    .filter(([, s]) => s.without > 0)
    .sort((a, b) => a[0] - b[0])
    .map(([session, s]) => ({ session, ...s }));
}

/** What an issue selection cannot see in the joined record, in words (null when it misses nothing). */
export function issueCoverageNote(data: VoteData, selection: string): string | null {
  if (selection === 'all') return null;
  const gaps = sessionsWithoutCodes(data);
  if (gaps.length === 0) return null;
  const whole = gaps.filter((g) => g.without === g.total).map((g) => g.session);
  const part = gaps.filter((g) => g.without < g.total);
  const what = selection === 'important' ? 'State Department "important" flags' : 'Voeten issue codes';
  const parts = [
    ...(whole.length ? [`sessions ${ranges(whole)} (years ${ranges(whole.map((s) => 1945 + s))})`] : []),
    ...part.map((g) => `${g.without} of ${g.total} roll calls of session ${g.session}`),
  ];
  return (
    `${selection === 'important' ? 'important votes' : `issue ${selection}`}: the UN Digital Library roll ` +
    `calls carry no ${what}, so ${parts.join(' and ')} have none in this selection; ` +
    `the values there are missing, not zero`
  );
}

function ranges(xs: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < xs.length;) {
    let j = i;
    while (j + 1 < xs.length && xs[j + 1] === xs[j]! + 1) j++;
    out.push(i === j ? `${xs[i]}` : `${xs[i]}–${xs[j]}`);
    i = j + 1;
  }
  return out.join(', ');
}
