import type { StateRecord, StateRegistry } from '../../states/registry.ts';
import type { Store } from '../../store/store.ts';
import { agreementWith } from './agreement.ts';
import { ownIdealPoints, selectionFilter, type OwnFit, type OwnRun, type Selection } from './cache.ts';
import { assignBlocs, hedging, poleDistances, type Bloc, type PositionTable } from './poles.ts';
import {
  datasetProvenance,
  loadStoreBsv,
  loadStoreVotes,
  stateKey,
  type StoreBsv,
  type StoreVotes,
} from './store.ts';
import { issueCoverageNote, type Reconciliation } from './reconcile.ts';
import { bsvContinued } from './extend.ts';
import { selectVotes } from './subset.ts';
import { ISSUES, type IssueSelector, type VoteData } from './types.ts';

/**
 * The alignment profile of one state, and the ideal-point table of all states, from the store.
 * Everything here composes the kernels (agreement, ideal points, poles, blocs, hedging); nothing is
 * estimated that the kernels do not estimate. Periods are UNGA sessions, labelled by their session
 * year (1945 + session, the year the session opens; almost all its votes fall in it), the
 * convention of Bailey, Strezhnev & Voeten's published file, so votes and published ideal points
 * line up year for year.
 */

export type IdealSource = 'own' | 'bsv';
export const SELECTIONS: readonly Selection[] = ['all', ...ISSUES, 'important'];
/** The vote selections of the sensitivity table. */
export const SENSITIVITY_SELECTIONS: readonly Selection[] = ['all', 'important', 'ec'];
export const DEFAULT_POLES = ['USA', 'RUS', 'CHN'];

/** Bad or unanswerable input: exit 1 on the CLI, a 4xx on the API (statusCode is read by both). */
export class AlignmentInputError extends Error {
  override name = 'AlignmentInputError';
  readonly userError = true;
  constructor(
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
  }
}

export interface AlignmentRequest {
  state: string | number;
  /** Inclusive session years; default: every year the state has votes or an ideal point. */
  years?: [number, number];
  /** Poles by any identifier (default USA, RUS, CHN). Blocs and hedging use the first and the last. */
  poles?: string[];
  issue?: IssueSelector;
  /**
   * Ideal points from our estimator or BSV's published file; default bsv when it is imported and no issue is
   * chosen.
   */
  source?: IdealSource;
  sensitivity?: boolean;
}

export type Cell = number | string | null;
export type ProfileRow = Record<string, Cell>;

export interface StateRef {
  ccode: number;
  iso3: string | null;
  name: string;
}
export interface PoleRef extends StateRef {
  label: string;
}

export interface SensitivityRow extends ProfileRow {
  selection: string;
}

export interface AlignmentProfile {
  state: StateRef;
  poles: PoleRef[];
  selection: {
    years: [number, number];
    issue: Selection;
    source: IdealSource;
    bloc_poles: [string, string];
    interval: string;
  };
  /** Column order of `rows` (the table and csv faces print these). */
  columns: string[];
  rows: ProfileRow[];
  summary: {
    bloc: {
      bloc: Bloc;
      relative: number;
      position: number;
      window: [number, number];
      sessions: number;
    } | null;
    hedging_trend: { slope_per_year: number; se: number; from: number; to: number } | null;
    agreement_mean: Record<string, number | null>;
  };
  sensitivity?: { columns: string[]; rows: SensitivityRow[]; note: string };
  provenance: Provenance;
}

export interface Provenance {
  votes:
    | (ReturnType<typeof datasetProvenance> & {
        filter: string;
        votes_used: number;
        rollcalls_used: number;
        years_covered: [number, number] | null;
        unmapped_votes: number;
        /** How the UN Digital Library roll calls were joined to Voeten's (null when not imported). */
        reconciliation: Reconciliation | null;
        /** For an issue selection: the sessions whose roll calls carry no issue codes. */
        issue_codes_missing: string | null;
      })
    | null;
  idealpoints: Record<string, unknown> | null;
  notes: string[];
}

const sessionOf = (year: number): number => year - 1945;
const yearOf = (session: number): number => 1945 + session;
const FIRST_SESSION_YEAR = 1946;
const BLOC_WINDOW: [number, number] = [72, 76];

function ref(s: StateRecord): StateRef {
  return { ccode: s.ccode, iso3: s.iso3, name: s.name };
}
function labelOf(s: StateRecord): string {
  return s.iso3 ?? s.cowAbbrev;
}

/** A PositionTable limited to some states and sessions, so the kernels work on just what is asked. */
function restrict(t: PositionTable, states: string[], sessions?: [number, number]): PositionTable {
  const keep = new Set(states);
  const ss = t.sessions().filter((s) => !sessions || (s >= sessions[0] && s <= sessions[1]));
  return {
    get: (s, ses) => (keep.has(s) && ss.includes(ses) ? t.get(s, ses) : undefined),
    states: () => states.filter((s) => t.states().includes(s)),
    sessions: () => ss,
  };
}

async function requireVotes(store: Store): Promise<StoreVotes> {
  const votes = await loadStoreVotes(store);
  if (!votes)
    throw new AlignmentInputError(
      'no UNGA votes in the store: run `interconnector data pull unga_votes` (or data import unga_votes DIR)',
      409,
    );
  return votes;
}

async function requireBsv(store: Store, registry: StateRegistry): Promise<StoreBsv> {
  const bsv = await loadStoreBsv(store, registry);
  if (!bsv)
    throw new AlignmentInputError(
      'no published ideal points in the store: run `interconnector ' +
        'data pull unga_idealpoints`, or use source own',
      409,
    );
  return bsv;
}

function votesProvenance(
  votes: StoreVotes,
  selected: VoteData,
  selection: Selection,
): NonNullable<Provenance['votes']> {
  const years = selected.rollcalls.length
    ? ([
        Math.min(...selected.rollcalls.map((r) => r.year)),
        Math.max(...selected.rollcalls.map((r) => r.year)),
      ] as [number, number])
    : null;
  return {
    ...datasetProvenance(votes.loads)!,
    filter:
      `${selection === 'all' ? 'all issues' : `issue ${selection}`}; BSV ` +
      'filters (session 19 out, amendment and paragraph votes after 1989 out)',
    votes_used: selected.vote.length,
    rollcalls_used: selected.rollcalls.length,
    years_covered: years,
    unmapped_votes: votes.unmappedVotes,
    reconciliation: votes.reconciliation,
    issue_codes_missing: issueCoverageNote(votes.data, selection),
  };
}

function ownProvenance(run: OwnRun): Record<string, unknown> {
  return {
    source: 'own',
    method: run.method,
    selection: run.selection,
    votes_used: run.votes,
    rollcalls_used: run.rollcalls,
    iterations: run.iterations,
    converged: run.converged,
    fit_seconds: run.seconds,
    cached: run.cached,
    fitted_at: run.createdAt,
    run: run.key.slice(0, 16),
    options: run.options,
    interval: intervalKind(run.options),
  };
}

function intervalKind(options: Record<string, unknown>): string {
  if (options.method === 'gibbs') return `90% posterior quantiles of ${String(options.draws)} Gibbs draws`;
  return options.bootstrap
    ? `90% basic bootstrap, ${String(options.bootstrap)} parametric replicates`
    : '90% Laplace (conditional on item parameters)';
}

function bsvProvenance(bsv: StoreBsv): Record<string, unknown> {
  return {
    source: 'bsv',
    ...datasetProvenance(bsv.loads),
    interval: 'published 5%–95% posterior quantiles',
    sd: 'taken as (q95 − q5) / (2 · 1.645) for distances and hedging',
  };
}

/** Per-session agreement of `stateIdx` with one pole: session → {agree, identical, n}. */
function agreementSeries(
  sel: VoteData,
  stateIdx: number,
  poleKey: string,
): Map<number, { agree: number; identical: number; n: number }> {
  const out = new Map<number, { agree: number; identical: number; n: number }>();
  if (stateIdx < 0 || !sel.states.includes(poleKey)) return out;
  for (const r of agreementWith(sel, poleKey, { by: 'session' }))
    if (r.state === stateIdx) out.set(r.period, { agree: r.agree, identical: r.identical, n: r.n });
  return out;
}

function votesPerSession(sel: VoteData, stateIdx: number): Map<number, number> {
  const out = new Map<number, number>();
  for (let k = 0; k < sel.vote.length; k++) {
    if (sel.voteState[k] !== stateIdx) continue;
    const s = sel.rollcalls[sel.voteRollcall[k]!]!.session;
    out.set(s, (out.get(s) ?? 0) + 1);
  }
  return out;
}

function blocOf(
  t: PositionTable,
  state: string,
  west: string,
  east: string,
  sessions: [number, number],
): { bloc: Bloc; relative: number; position: number; sessions: number } | null {
  try {
    const row = assignBlocs(restrict(t, [state, west, east]), { west, east, sessions }).find(
      (r) => r.state === state,
    );
    return row
      ? { bloc: row.bloc, relative: row.relative, position: row.position, sessions: row.sessions }
      : null;
  } catch {
    // The poles have no positions in this window (or coincide): no bloc, shown as a gap.
    return null;
  }
}

const mean = (xs: (number | null)[]): number | null => {
  const v = xs.filter((x): x is number => x !== null && Number.isFinite(x));
  return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
};

function resolvePoles(registry: StateRegistry, poles: string[] | undefined): StateRecord[] {
  const list = (poles ?? DEFAULT_POLES).map((p) => registry.resolve(p));
  if (list.length < 2)
    throw new AlignmentInputError(
      'poles: give at least two poles (blocs and hedging sit between the first and the last)',
    );
  if (new Set(list.map((p) => p.ccode)).size !== list.length)
    throw new AlignmentInputError('poles: a pole is listed twice');
  return list;
}

/** The full alignment profile of one state (see AlignmentProfile). */
export async function alignmentProfile(
  store: Store,
  registry: StateRegistry,
  req: AlignmentRequest,
): Promise<AlignmentProfile> {
  const state = registry.resolve(req.state);
  const poles = resolvePoles(registry, req.poles);
  const selection: Selection = req.issue ?? 'all';
  const votes = await loadStoreVotes(store);
  const bsvAvailable = (await loadStoreBsv(store, registry)) !== null;
  const source: IdealSource = req.source ?? (selection === 'all' && bsvAvailable ? 'bsv' : 'own');
  if (source === 'bsv' && selection !== 'all')
    throw new AlignmentInputError(
      `issue: BSV publish ideal points of all votes only; use source own for issue ${selection}`,
    );
  if (!votes && source === 'own') await requireVotes(store);

  const sKey = stateKey(state.ccode),
    pKeys = poles.map((p) => stateKey(p.ccode)),
    labels = poles.map(labelOf);
  const west = pKeys[0]!,
    east = pKeys[pKeys.length - 1]!;
  let positions: PositionTable;
  let interval: (session: number) => [number, number] | null;
  let idealProv: Record<string, unknown>;
  let bsvNote: string | null = null;
  if (source === 'own') {
    const fit = await ownIdealPoints(store, votes!, selection);
    positions = fit.table;
    const mine = new Map(
      fit.points
        .filter((p) => p.ccode === state.ccode)
        .map((p) => [p.session, [p.lo, p.hi] as [number, number]]),
    );
    interval = (s) => mine.get(s) ?? null;
    idealProv = ownProvenance(fit.run);
  } else {
    const bsv = await requireBsv(store, registry);
    positions = bsv.table;
    const mine = new Map(
      bsv.rows
        .filter((r) => r.ccode === state.ccode)
        .map((r) => [r.session, r.lo !== null && r.hi !== null ? ([r.lo, r.hi] as [number, number]) : null]),
    );
    interval = (s) => mine.get(s) ?? null;
    idealProv = bsvProvenance(bsv);
    // After BSV's last session: our positions on their scale (extend.ts), labelled in the provenance.
    const continued = votes ? await bsvContinued(store, votes, bsv) : null;
    if (continued) {
      positions = continued.table;
      interval = (s) => mine.get(s) ?? continued.interval(state.ccode, s);
      idealProv = { ...idealProv, continued: continued.provenance };
      bsvNote =
        `ideal points of sessions ${continued.sessions[0]}–${continued.sessions[1]} (years ` +
        `${yearOf(continued.sessions[0])}–${yearOf(continued.sessions[1])}) are ours, mapped to BSV's ` +
        `scale (θ = ${continued.map.a.toFixed(3)} + ${continued.map.b.toFixed(3)}·θ_own, ` +
        `r = ${continued.map.r.toFixed(3)})`;
    }
  }

  const allSel = votes ? selectVotes(votes.data, selectionFilter(selection)) : null;
  const sIdx = allSel ? allSel.states.indexOf(sKey) : -1;
  const perSession = allSel ? votesPerSession(allSel, sIdx) : new Map<number, number>();
  // Default years: every session the state has votes or a position in, gaps inside kept as gaps.
  const present = [...perSession.keys(), ...positions.sessions().filter((s) => positions.get(sKey, s))];
  if (!req.years && present.length === 0)
    throw new AlignmentInputError(`${state.name} has no UNGA votes or ideal points in the store`, 404);
  const [y0, y1] = req.years ?? [yearOf(Math.min(...present)), yearOf(Math.max(...present))];
  if (y0 < FIRST_SESSION_YEAR)
    throw new AlignmentInputError(`years: the UNGA's first session is ${FIRST_SESSION_YEAR}, got ${y0}`);
  const sessions: [number, number] = [sessionOf(y0), sessionOf(y1)];

  const sel = allSel ? selectVotes(allSel, { sessions }) : null;
  const agreements = pKeys.map((k) =>
    sel ? agreementSeries(sel, sIdx, k) : new Map<number, { agree: number; identical: number; n: number }>(),
  );
  const distances = new Map<string, number>();
  for (const d of poleDistances(restrict(positions, [sKey, ...pKeys], sessions), pKeys, [sKey]))
    distances.set(`${d.pole}|${d.session}`, d.distance);
  const hedge = hedging(restrict(positions, [sKey, west, east], sessions), sKey, [west, east]);
  const hedgeBy = new Map(hedge.series.map((h) => [h.session, h]));

  const columns = [
    'year',
    'session',
    'votes',
    ...labels.flatMap((l) => [`agree_${l}`, `identical_${l}`, `n_${l}`]),
    'ideal_point',
    'lo',
    'hi',
    ...labels.map((l) => `dist_${l}`),
    'relative',
    'bloc',
    'hedging',
    'hedging_lo',
    'hedging_hi',
  ];
  const rows: ProfileRow[] = [];
  for (let s = sessions[0]; s <= sessions[1]; s++) {
    const row: ProfileRow = { year: yearOf(s), session: s, votes: perSession.get(s) ?? null };
    labels.forEach((l, i) => {
      const a = agreements[i]!.get(s);
      row[`agree_${l}`] = a?.agree ?? null;
      row[`identical_${l}`] = a?.identical ?? null;
      row[`n_${l}`] = a?.n ?? null;
    });
    const pos = positions.get(sKey, s),
      iv = interval(s);
    row.ideal_point = pos ? pos[0] : null;
    row.lo = iv ? iv[0] : null;
    row.hi = iv ? iv[1] : null;
    labels.forEach((l, i) => {
      row[`dist_${l}`] = distances.get(`${pKeys[i]}|${s}`) ?? null;
    });
    const b = pos ? blocOf(positions, sKey, west, east, [s, s]) : null;
    row.relative = b?.relative ?? null;
    row.bloc = b?.bloc ?? null;
    const h = hedgeBy.get(s);
    row.hedging = h?.hedging ?? null;
    row.hedging_lo = h?.lo ?? null;
    row.hedging_hi = h?.hi ?? null;
    rows.push(row);
  }

  const headline = blocOf(positions, sKey, west, east, BLOC_WINDOW);
  const notes: string[] = [];
  const voteYears = sel?.rollcalls.length
    ? [
        Math.min(...sel.rollcalls.map((r) => yearOf(r.session))),
        Math.max(...sel.rollcalls.map((r) => yearOf(r.session))),
      ]
    : null;
  if (!votes) notes.push('no UNGA votes in the store: agreement columns are empty');
  else if (voteYears && (voteYears[0]! > y0 || voteYears[1]! < y1))
    notes.push(
      `votes cover sessions of ${voteYears[0]}–${voteYears[1]} ` +
        'in this range: agreement outside it is a gap, not a zero',
    );
  if (bsvNote) notes.push(bsvNote);
  const codesNote = votes ? issueCoverageNote(votes.data, selection) : null;
  if (codesNote) notes.push(codesNote);
  notes.push(
    `bloc and hedging are measured between ${labels[0]} (west) and ` +
      `${labels[labels.length - 1]} (east); year = 1945 + session`,
  );

  const profile: AlignmentProfile = {
    state: ref(state),
    poles: poles.map((p) => ({ ...ref(p), label: labelOf(p) })),
    selection: {
      years: [y0, y1],
      issue: selection,
      source,
      bloc_poles: [labels[0]!, labels[labels.length - 1]!],
      interval: source === 'own' ? '90%' : '5%–95%',
    },
    columns,
    rows,
    summary: {
      bloc: headline ? { ...headline, window: [yearOf(BLOC_WINDOW[0]), yearOf(BLOC_WINDOW[1])] } : null,
      hedging_trend: Number.isFinite(hedge.trend.slope)
        ? {
            slope_per_year: hedge.trend.slope,
            se: hedge.trend.se,
            from: hedge.trend.from,
            to: hedge.trend.to,
          }
        : null,
      agreement_mean: Object.fromEntries(
        labels.map((l) => [l, mean(rows.map((r) => r[`agree_${l}`] as number | null))]),
      ),
    },
    provenance: {
      votes: votes && sel ? votesProvenance(votes, sel, selection) : null,
      idealpoints: idealProv,
      notes,
    },
  };
  if (req.sensitivity)
    profile.sensitivity = await sensitivity(
      store,
      await requireVotes(store),
      state,
      pKeys,
      labels,
      sessions,
      req.issue,
    );
  return profile;
}

/**
 * How much the profile moves with the vote selection: agreement, our ideal point, the relative
 * position between the bloc poles and hedging, over the same years, for all / important / economic
 * votes (and the requested issue). Each selection is a separate fit of our estimator (BSV publish
 * no issue-specific points), standardised within its own fit, so compare ranks and relative
 * positions across selections rather than raw ideal points.
 */
async function sensitivity(
  store: Store,
  votes: StoreVotes,
  state: StateRecord,
  pKeys: string[],
  labels: string[],
  sessions: [number, number],
  issue?: IssueSelector,
): Promise<NonNullable<AlignmentProfile['sensitivity']>> {
  const sKey = stateKey(state.ccode),
    west = pKeys[0]!,
    east = pKeys[pKeys.length - 1]!;
  const selections = [
    ...SENSITIVITY_SELECTIONS,
    ...(issue && !SENSITIVITY_SELECTIONS.includes(issue) ? [issue] : []),
  ];
  const rows: SensitivityRow[] = [];
  for (const selection of selections) {
    const sel = selectVotes(votes.data, { ...selectionFilter(selection), sessions });
    const sIdx = sel.states.indexOf(sKey);
    const row: SensitivityRow = {
      selection,
      votes: [...votesPerSession(sel, sIdx).values()].reduce((a, b) => a + b, 0),
    };
    labels.forEach((l, i) => {
      row[`agree_${l}`] = mean([...agreementSeries(sel, sIdx, pKeys[i]!).values()].map((a) => a.agree));
    });
    let fit: OwnFit | null = null;
    try {
      fit = await ownIdealPoints(store, votes, selection);
    } catch (e) {
      // A selection can be too thin to estimate (no contested votes): its ideal-point cells stay empty.
      if (!(e instanceof Error && /no contested votes/.test(e.message))) throw e;
    }
    const inRange = fit
      ? fit.points.filter(
          (p) => p.ccode === state.ccode && p.session >= sessions[0] && p.session <= sessions[1],
        )
      : [];
    row.ideal_point = mean(inRange.map((p) => p.theta));
    const rel = fit
      ? inRange.map((p) => blocOf(fit.table, sKey, west, east, [p.session, p.session])?.relative ?? null)
      : [];
    row.relative = mean(rel);
    const h = fit ? hedging(restrict(fit.table, [sKey, west, east], sessions), sKey, [west, east]) : null;
    row.hedging = h ? mean(h.series.map((x) => x.hedging)) : null;
    row.hedging_trend = h && Number.isFinite(h.trend.slope) ? h.trend.slope : null;
    row.bloc = fit ? (blocOf(fit.table, sKey, west, east, BLOC_WINDOW)?.bloc ?? null) : null;
    rows.push(row);
  }
  const base = rows[0]!;
  for (const r of rows) {
    for (const col of [...labels.map((l) => `agree_${l}`), 'relative', 'hedging']) {
      const a = r[col],
        b = base[col];
      r[`d_${col}`] = typeof a === 'number' && typeof b === 'number' ? a - b : null;
    }
  }
  const columns = [
    'selection',
    'votes',
    ...labels.map((l) => `agree_${l}`),
    'ideal_point',
    'relative',
    'bloc',
    'hedging',
    'hedging_trend',
    ...labels.map((l) => `d_agree_${l}`),
    'd_relative',
    'd_hedging',
  ];
  return {
    columns,
    rows,
    note:
      'means over the selected years; ideal points from our estimator fitted on each ' +
      'selection separately (standardised within each fit); d_ = difference from all votes',
  };
}

export interface IdealPointRow {
  ccode: number;
  iso3: string | null;
  year: number;
  session: number;
  ideal_point: number;
  lo: number | null;
  hi: number | null;
  votes: number | null;
  sd: number | null;
  name: string | null;
  source: IdealSource;
}
export const IDEALPOINT_COLUMNS = [
  'ccode',
  'iso3',
  'year',
  'session',
  'ideal_point',
  'lo',
  'hi',
  'votes',
  'sd',
  'name',
  'source',
];

/** Ideal points of every state-session: our estimator (cached) or BSV's published file. */
export async function idealPointTable(
  store: Store,
  registry: StateRegistry,
  req: {
    years?: [number, number];
    issue?: IssueSelector;
    source?: IdealSource;
    method?: 'gibbs' | 'mode';
    bootstrap?: number;
    matches?: [number, number][];
  },
): Promise<{ rows: IdealPointRow[]; provenance: Provenance }> {
  const source = req.source ?? 'own';
  const selection: Selection = req.issue ?? 'all';
  const inYears = (year: number): boolean => !req.years || (year >= req.years[0] && year <= req.years[1]);
  if (source === 'bsv') {
    if (selection !== 'all')
      throw new AlignmentInputError(
        `issue: BSV publish ideal points of all votes only; use --source own for issue ${selection}`,
      );
    if (req.bootstrap)
      throw new AlignmentInputError(
        'bootstrap: BSV publish their own posterior quantiles; bootstrap applies to --source own',
      );
    if (req.matches) throw new AlignmentInputError('matches: bridging applies to --source own');
    const bsv = await requireBsv(store, registry);
    const rows = bsv.rows
      .filter((r) => inYears(r.year))
      .map((r): IdealPointRow => ({
        ccode: r.ccode,
        iso3: r.iso3,
        year: r.year,
        session: r.session,
        ideal_point: r.theta,
        lo: r.lo,
        hi: r.hi,
        votes: r.nVotes,
        sd: r.lo !== null ? r.sd : null,
        name: r.name,
        source,
      }));
    return {
      rows,
      provenance: { votes: null, idealpoints: bsvProvenance(bsv), notes: ['year = 1945 + session'] },
    };
  }
  const method = req.method ?? 'gibbs';
  if (req.bootstrap && method !== 'mode')
    throw new AlignmentInputError(
      "bootstrap: applies to --method mode; the Gibbs sampler's intervals are already posterior quantiles",
    );
  const votes = await requireVotes(store);
  const fit = await ownIdealPoints(store, votes, selection, {
    method,
    ...(req.bootstrap ? { bootstrap: req.bootstrap } : {}),
    ...(req.matches ? { matches: req.matches } : {}),
  });
  const rows = fit.points
    .filter((p) => inYears(p.year))
    .map((p): IdealPointRow => {
      const rec = registry.byCcode(p.ccode);
      return {
        ccode: p.ccode,
        iso3: rec?.iso3 ?? null,
        year: p.year,
        session: p.session,
        ideal_point: p.theta,
        lo: p.lo,
        hi: p.hi,
        votes: p.nVotes,
        sd: p.sd,
        name: rec?.name ?? null,
        source,
      };
    });
  return {
    rows,
    provenance: {
      votes: votesProvenance(votes, selectVotes(votes.data, selectionFilter(selection)), selection),
      idealpoints: ownProvenance(fit.run),
      notes: [
        "year = 1945 + session; votes = the state's votes on contested items in the fit",
        ...(issueCoverageNote(votes.data, selection) ? [issueCoverageNote(votes.data, selection)!] : []),
      ],
    },
  };
}

export interface AgreementCell {
  ccode: number;
  iso3: string | null;
  name: string;
  pole: string;
  year: number;
  agree: number | null;
  identical: number | null;
  n: number | null;
}

/** Agreement of several states with each pole per session year (the dashboard's heatmap). */
export async function agreementMatrix(
  store: Store,
  registry: StateRegistry,
  req: { states: string[]; poles?: string[]; years?: [number, number]; issue?: IssueSelector },
): Promise<{ cells: AgreementCell[]; years: [number, number]; provenance: Provenance }> {
  const states = req.states.map((s) => registry.resolve(s));
  if (states.length === 0) throw new AlignmentInputError('states: name at least one state');
  const poles = resolvePoles(registry, req.poles);
  const votes = await requireVotes(store);
  const selection: Selection = req.issue ?? 'all';
  let sel = selectVotes(votes.data, selectionFilter(selection));
  const [y0, y1] = req.years ?? [
    Math.min(...sel.rollcalls.map((r) => yearOf(r.session))),
    Math.max(...sel.rollcalls.map((r) => yearOf(r.session))),
  ];
  sel = selectVotes(sel, { sessions: [sessionOf(y0), sessionOf(y1)] });
  const cells: AgreementCell[] = [];
  for (const pole of poles) {
    const pKey = stateKey(pole.ccode);
    const byState = new Map<number, Map<number, { agree: number; identical: number; n: number }>>();
    if (sel.states.includes(pKey)) {
      for (const r of agreementWith(sel, pKey, { by: 'session' })) {
        let m = byState.get(r.state);
        if (!m) byState.set(r.state, (m = new Map()));
        m.set(r.period, r);
      }
    }
    for (const s of states) {
      const series = byState.get(sel.states.indexOf(stateKey(s.ccode)));
      for (let ses = sessionOf(y0); ses <= sessionOf(y1); ses++) {
        const a = series?.get(ses);
        cells.push({
          ccode: s.ccode,
          iso3: s.iso3,
          name: s.name,
          pole: labelOf(pole),
          year: yearOf(ses),
          agree: a?.agree ?? null,
          identical: a?.identical ?? null,
          n: a?.n ?? null,
        });
      }
    }
  }
  return {
    cells,
    years: [y0, y1],
    provenance: {
      votes: votesProvenance(votes, sel, selection),
      idealpoints: null,
      notes: [
        'year = 1945 + session; empty cells: no joint votes',
        ...(issueCoverageNote(votes.data, selection) ? [issueCoverageNote(votes.data, selection)!] : []),
      ],
    },
  };
}
