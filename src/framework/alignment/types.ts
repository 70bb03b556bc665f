/**
 * Typed input of the alignment kernels: one UNGA voting record in columnar form.
 *
 * States and roll calls are referenced by index, votes are three parallel typed arrays, so the
 * kernels never touch strings in their loops and the whole 1946–2020 record (≈870k votes) costs
 * about 9 MB.
 */

/**
 * Issue codes of the Voeten data: Palestinian conflict, nuclear, disarmament, human rights, colonialism,
 * economic development.
 */
export const ISSUES = ['me', 'nu', 'di', 'hr', 'co', 'ec'] as const;
export type IssueCode = (typeof ISSUES)[number];
/** An issue selector: one of the six issue codes, or the State Department's "important" votes. */
export type IssueSelector = IssueCode | 'important';

/** Vote codes as Voeten codes them. Absences and non-members are simply not present. */
export const YES = 1;
export const ABSTAIN = 2;
export const NO = 3;

export interface RollCall {
  rcid: number;
  session: number;
  /** Calendar year of the vote (a session's votes can fall in the following January). */
  year: number;
  issues: IssueCode[];
  important: boolean;
  /** Vote on an amendment / on a separate paragraph (null where the source does not code it). */
  amend?: boolean | null;
  para?: boolean | null;
  /** Bridging key: roll calls in different sessions with the same key are the same resolution. */
  resid?: string | null;
  /** Which record it comes from: Voeten's (with issue codes) or the UN Digital Library's (without). */
  source?: 'voeten' | 'undl';
}

export interface VoteData {
  /** State identifiers (whatever the caller uses: COW codes, ISO3, names). */
  states: string[];
  rollcalls: RollCall[];
  /** Index into `states`. */
  voteState: Int32Array;
  /** Index into `rollcalls`. */
  voteRollcall: Int32Array;
  /** 1 yes, 2 abstain, 3 no. */
  vote: Int8Array;
}

/** Where a result came from: enough to reproduce it. */
export interface AlignmentProvenance {
  method: string;
  /** Roll calls and votes that survived the filters. */
  rollcalls: number;
  votes: number;
  options: Record<string, unknown>;
}
