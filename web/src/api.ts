/** Fetches JSON from the API and turns an error body into an Error with its message. */
export async function getJson<T>(
  path: string,
  params: Record<string, string | number | undefined> = {},
): Promise<T> {
  const query = new URLSearchParams(
    Object.entries(params)
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => [k, String(v)]),
  );
  const res = await fetch(`${path}${query.size ? `?${query}` : ''}`);
  const body = (await res.json()) as T & { error?: string };
  if (!res.ok) throw new Error(body.error ?? `HTTP ${res.status}`);
  return body;
}

export interface Source {
  id: string;
  author: string;
  title: string;
  container?: string;
  date?: string;
  accessed?: string;
  url?: string;
}
export interface TimelineFact {
  date: string;
  to?: string;
  kind: string;
  id: string;
  states: string[];
  text: string;
  claimed_by?: string;
  sources: Source[];
  where: string;
}
export interface TimelineResponse {
  state: { iso3: string; name: string } | null;
  count: number;
  facts: TimelineFact[];
}
export interface StateRow {
  ccode: number;
  cow: string;
  iso3: string | null;
  name: string;
}

/* Autonomy, compare and postures (state profile, compare and home pages). */
export const COMPONENT_IDS = [
  'commitments',
  'alignment',
  'voice',
  'mediation',
  'gatekeeper',
  'capability',
  'dependence',
] as const;
export type ComponentId = (typeof COMPONENT_IDS)[number];
export const POSTURE_IDS = [
  'aligned',
  'integration-seeking',
  'balanced',
  'strategic-autonomy',
  'neutral',
  'great-power',
] as const;
export type PostureId = (typeof POSTURE_IDS)[number];
export interface Provenance {
  dataset?: string;
  version?: string;
  sha256?: string;
  rows?: number;
  covers?: [number, number];
  facts?: string[];
  note?: string;
}
/** "n of 7 components (k applicable)": what a figure rests on. */
export interface CoverageDoc {
  present: number;
  applicable: number;
  of: number;
  complete: boolean;
  unknown: ComponentId[];
  not_applicable: ComponentId[];
  label: string;
}
export interface ComponentDoc {
  value: number | null;
  /** false: the component does not apply (a finding); otherwise a null value is unknown. */
  applicable?: boolean;
  weight: number;
  principle: string;
  explanation: string[];
  provenance: Provenance[];
  detail: Record<string, unknown>;
}
export interface StateYearDoc {
  state: string;
  ccode: number;
  name: string;
  year: number;
  index: number | null;
  interval: [number, number] | null;
  rank: number | null;
  rank_interval: [number, number] | null;
  ranked: number;
  components: Record<ComponentId, ComponentDoc>;
  missing: ComponentId[];
  coverage: CoverageDoc;
  rank_basis: string;
  missing_effect: number | null;
  posture: PostureId;
  confidence: number;
  posture_probabilities: Partial<Record<PostureId, number>>;
  explanation: string[];
  provenance: Provenance[];
}
export interface AutonomySettings {
  weights: Record<ComponentId, number>;
  rules: Record<string, number>;
  draws: number;
  seed: number;
  concentration?: number;
}
export interface Transition {
  state: string;
  year: number;
  from: PostureId;
  to: PostureId;
  lasting: boolean;
}
export interface AutonomyResponse {
  state: { iso3: string | null; ccode: number; name: string };
  settings: AutonomySettings;
  results: StateYearDoc[];
  transitions: Transition[];
}
/**
 * A state-year with `detail=summary`: the numbers of the series without the evidence (a few kB instead of
 * hundreds).
 */
export interface SummaryRow {
  state: string;
  year: number;
  index: number | null;
  interval: [number, number] | null;
  rank: number | null;
  rank_interval: [number, number] | null;
  ranked: number;
  posture: PostureId;
  confidence: number;
  missing: ComponentId[];
  coverage: CoverageDoc;
  rank_basis: string;
  components: Record<ComponentId, number | null>;
  missing_reasons?: Partial<Record<ComponentId, string>>;
}
export interface SummaryResponse {
  state: { iso3: string | null; ccode: number; name: string };
  settings: AutonomySettings;
  results: SummaryRow[];
  transitions: Transition[];
}
export interface CompareResponse {
  year: number;
  settings: AutonomySettings;
  results: StateYearDoc[];
}
export interface PostureRow {
  state: string;
  ccode: number;
  name: string;
  posture: PostureId;
  index: number | null;
  rank: number | null;
  /** "n of 7 components (k applicable)". */
  coverage: string;
  /** Every applicable component present. */
  complete: boolean;
}
export interface PosturesResponse {
  year: number;
  /** Without a year asked for: the latest year with broad coverage, and why (where the map opens). */
  broad?: { year: number; share: number; why: string };
  states: PostureRow[];
}
