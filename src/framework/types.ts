/** Where a computed figure came from: a dataset load, knowledge-base facts, or a model of ours. */
export interface Provenance {
  dataset?: string;
  version?: string;
  sha256?: string;
  /** Rows or observations the figure used. */
  rows?: number;
  /** Years the input covers (not the years asked for). */
  covers?: [number, number];
  /** Knowledge-base fact ids the figure rests on. */
  facts?: string[];
  note?: string;
}

/** One component of the framework for one state-year, on a 0–1 scale where 1 is most autonomous. */
export interface ComponentResult {
  /** null when no input covers the state-year: missing, never zero. */
  value: number | null;
  /** Why the value is what it is (or why it is missing), in plain words with the decisive figures. */
  explanation: string[];
  provenance: Provenance[];
  /** The raw figures behind the score, for tables and the dashboard. */
  detail: Record<string, unknown>;
  /**
   * false when the component does not apply to the state-year (mediation without any conflict):
   * a null value is then a finding, not a gap. Absent or true: a null value is unknown (missing data).
   */
  applicable?: boolean;
}

export const missing = (why: string, provenance: Provenance[] = []): ComponentResult => ({
  value: null,
  explanation: [why],
  provenance,
  detail: {},
});

export const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);
