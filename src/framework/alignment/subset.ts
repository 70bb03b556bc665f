import type { IssueSelector, RollCall, VoteData } from './types.ts';

/** Which roll calls and states to keep. Every field narrows; an empty filter keeps everything. */
export interface VoteFilter {
  /** Keep roll calls carrying any of these issues ('important' = the State Department list). */
  issues?: IssueSelector[];
  /** Inclusive session range. */
  sessions?: [number, number];
  /** Inclusive calendar-year range (of the vote date). */
  years?: [number, number];
  dropSessions?: number[];
  /**
   * Drop amendment and separate-paragraph votes in sessions whose session year (1945 + session)
   * is after this year. BSV use 1989: from then on such votes duplicate the final resolution vote.
   */
  dropAmendParaAfterYear?: number;
  /** States (by identifier) to leave out. */
  dropStates?: string[];
  /** Any further roll-call predicate (custom vote subsets). */
  rollcall?: (rc: RollCall) => boolean;
}

/**
 * The filters Bailey, Strezhnev & Voeten apply before estimating (UN_DataProcessing.R): session 19
 * (a single vote) out, and amendment / paragraph votes out after 1989. Unanimous votes are dropped
 * by the kernels themselves because unanimity depends on the final selection.
 */
export const BSV_FILTER: VoteFilter = { dropSessions: [19], dropAmendParaAfterYear: 1989 };

export function rollcallMatches(rc: RollCall, f: VoteFilter): boolean {
  if (f.sessions && (rc.session < f.sessions[0] || rc.session > f.sessions[1])) return false;
  if (f.years && (rc.year < f.years[0] || rc.year > f.years[1])) return false;
  if (f.dropSessions?.includes(rc.session)) return false;
  if (
    f.dropAmendParaAfterYear !== undefined &&
    1945 + rc.session > f.dropAmendParaAfterYear &&
    (rc.amend === true || rc.para === true)
  )
    return false;
  if (f.issues && f.issues.length > 0) {
    const hit = f.issues.some((i) => (i === 'important' ? rc.important : rc.issues.includes(i)));
    if (!hit) return false;
  }
  if (f.rollcall && !f.rollcall(rc)) return false;
  return true;
}

/** A new VoteData with only the selected roll calls (re-indexed) and votes; states keep their indices. */
export function selectVotes(data: VoteData, f: VoteFilter): VoteData {
  const keepRc = new Int32Array(data.rollcalls.length).fill(-1);
  const rollcalls: RollCall[] = [];
  data.rollcalls.forEach((rc, i) => {
    if (rollcallMatches(rc, f)) {
      keepRc[i] = rollcalls.length;
      rollcalls.push(rc);
    }
  });
  const dropState = new Uint8Array(data.states.length);
  if (f.dropStates) {
    const drop = new Set(f.dropStates);
    data.states.forEach((s, i) => {
      if (drop.has(s)) dropState[i] = 1;
    });
  }
  const n = data.vote.length;
  let m = 0;
  for (let k = 0; k < n; k++)
    if (keepRc[data.voteRollcall[k]!]! >= 0 && dropState[data.voteState[k]!] === 0) m++;
  const voteState = new Int32Array(m),
    voteRollcall = new Int32Array(m),
    vote = new Int8Array(m);
  let o = 0;
  for (let k = 0; k < n; k++) {
    const r = keepRc[data.voteRollcall[k]!]!;
    if (r < 0 || dropState[data.voteState[k]!] !== 0) continue;
    voteState[o] = data.voteState[k]!;
    voteRollcall[o] = r;
    vote[o] = data.vote[k]!;
    o++;
  }
  return { states: data.states, rollcalls, voteState, voteRollcall, vote };
}

/** Index of a state by identifier, or -1. */
export function stateIndex(data: VoteData, id: string): number {
  return data.states.indexOf(id);
}

/**
 * Bridging key of a roll call from its text fields: the resolution title, normalised. Returns null
 * for amendment and paragraph votes (they are never the same item as another session's vote).
 *
 * The unvotes roll-call file stores the title in different columns by era: sessions 72–73 have it in
 * `short` followed by " : resolution / adopted by the General Assembly"; sessions ~40–71 and 74 in
 * `descr` (same suffix in some years); before that `descr` is a free-text summary ("TO ADOPT …")
 * that differs year to year, and only the short topic label (`short`) recurs. Document symbols
 * ("A/72/251 42 - ") are stripped because they change every year.
 */
export function bridgingKey(
  short: string | null | undefined,
  descr: string | null | undefined,
  amend?: boolean | null,
  para?: boolean | null,
): string | null {
  if (amend === true || para === true) return null;
  const s = short ?? '',
    d = descr ?? '';
  let title: string;
  if (/ : resolution/i.test(s)) title = s.split(' : ')[0]!;
  else if (d === '' || /^TO /.test(d)) title = s;
  else title = d.split(' : ')[0]!;
  const key = title
    .replace(/^A\/\d+\/\S+ \d+ - /, '')
    .replace(/\\/g, '')
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .trim()
    .toLowerCase();
  return key === '' ? null : key;
}
