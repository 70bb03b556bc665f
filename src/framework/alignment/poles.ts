import type { IdealPointFit } from './idealpoints.ts';

/**
 * Helpers on top of ideal points: distance to poles, blocs, and equidistance ("hedging").
 * They take a fit (or BSV's published points in the same shape) and never re-estimate; each
 * uncertainty comes from the fit's per-state-session SDs, treating states as independent.
 */

/** Positions in one period: what the helpers need from a fit or from any published series. */
export interface PositionTable {
  /** state → session → [theta, sd] */
  get(state: string, session: number): [number, number] | undefined;
  states(): string[];
  sessions(): number[];
}

export function positionTable(
  fit: Pick<IdealPointFit, 'states' | 'unitState' | 'unitSession' | 'theta' | 'sd'>,
): PositionTable {
  const m = new Map<string, Map<number, [number, number]>>();
  for (let u = 0; u < fit.theta.length; u++) {
    const s = fit.states[fit.unitState[u]!]!;
    let row = m.get(s);
    if (!row) m.set(s, (row = new Map()));
    row.set(fit.unitSession[u]!, [fit.theta[u]!, fit.sd[u]!]);
  }
  const sessions = [...new Set(fit.unitSession)].sort((a, b) => a - b);
  return { get: (s, t) => m.get(s)?.get(t), states: () => [...m.keys()], sessions: () => sessions };
}

/** Also usable for published series (BSV's IdealPointAll), so every helper can run on either source. */
export function positionTableFromRows(
  rows: { state: string; session: number; theta: number; sd?: number }[],
): PositionTable {
  const m = new Map<string, Map<number, [number, number]>>();
  const ss = new Set<number>();
  for (const r of rows) {
    let row = m.get(r.state);
    if (!row) m.set(r.state, (row = new Map()));
    row.set(r.session, [r.theta, r.sd ?? 0]);
    ss.add(r.session);
  }
  return {
    get: (s, t) => m.get(s)?.get(t),
    states: () => [...m.keys()],
    sessions: () => [...ss].sort((a, b) => a - b),
  };
}

export interface PoleDistanceRow {
  state: string;
  session: number;
  year: number;
  pole: string;
  distance: number;
  sd: number;
}

/** Ideal-point distance |θ_state − θ_pole| per session for each pole (default USA, RUS, CHN). */
export function poleDistances(
  t: PositionTable,
  poles: string[] = ['USA', 'RUS', 'CHN'],
  states: string[] = t.states(),
): PoleDistanceRow[] {
  const out: PoleDistanceRow[] = [];
  for (const session of t.sessions()) {
    for (const pole of poles) {
      const p = t.get(pole, session);
      if (!p) continue;
      for (const s of states) {
        const x = t.get(s, session);
        if (!x) continue;
        out.push({
          state: s,
          session,
          year: 1945 + session,
          pole,
          distance: Math.abs(x[0] - p[0]),
          sd: Math.hypot(x[1], p[1]),
        });
      }
    }
  }
  return out;
}

export type Bloc = 'west' | 'china-russia' | 'non-aligned';

export interface BlocOptions {
  /** The two reference poles (default USA and CHN, as the IMF paper). */
  west?: string;
  east?: string;
  /** Sessions averaged per state (default 72–76, i.e. 2017–2021, the IMF's window). */
  sessions?: [number, number];
  /**
   * Cut-offs on the relative position s = (θ − θ_east) / (θ_west − θ_east), 0 at the eastern pole and
   * 1 at the western one: west-leaning if s ≥ upper, China/Russia-leaning if s ≤ lower (defaults ⅔, ⅓).
   */
  lower?: number;
  upper?: number;
}

export interface BlocRow {
  state: string;
  position: number;
  relative: number;
  bloc: Bloc;
  sessions: number;
}

/**
 * Three-bloc assignment in the manner of Gopinath, Gourinchas, Presbitero & Topalova (IMF WP/24/76):
 * each state's mean ideal point over a window, placed on the segment between the US and China and
 * cut into terciles (configurable). The paper's exact cut-offs are not public in the sources we saw;
 * this rule is documented in docs/alignment.md as our operationalisation.
 */
export function assignBlocs(t: PositionTable, opts: BlocOptions = {}): BlocRow[] {
  const west = opts.west ?? 'USA',
    east = opts.east ?? 'CHN';
  const [a, b] = opts.sessions ?? [72, 76];
  const lower = opts.lower ?? 1 / 3,
    upper = opts.upper ?? 2 / 3;
  const mean = (s: string): [number, number] => {
    let sum = 0,
      n = 0;
    for (const ses of t.sessions())
      if (ses >= a && ses <= b) {
        const x = t.get(s, ses);
        if (x) {
          sum += x[0];
          n++;
        }
      }
    return [n > 0 ? sum / n : NaN, n];
  };
  const [w] = mean(west),
    [e] = mean(east);
  if (!Number.isFinite(w) || !Number.isFinite(e) || w === e)
    throw new Error(`poles ${west}/${east} have no positions in sessions ${a}–${b}`);
  const out: BlocRow[] = [];
  for (const s of t.states()) {
    const [pos, n] = mean(s);
    if (n === 0) continue;
    const rel = (pos - e) / (w - e);
    out.push({
      state: s,
      position: pos,
      relative: rel,
      sessions: n,
      bloc: rel >= upper ? 'west' : rel <= lower ? 'china-russia' : 'non-aligned',
    });
  }
  return out;
}

export interface HedgingRow {
  session: number;
  year: number;
  hedging: number;
  sd: number;
  lo: number;
  hi: number;
}

export interface HedgingResult {
  state: string;
  poles: [string, string];
  series: HedgingRow[];
  /** OLS slope of hedging per year over the series, with its standard error (NaN with < 3 points). */
  trend: { slope: number; se: number; from: number; to: number };
}

/**
 * Equidistance between two poles: h = 1 − |d_A − d_B| / (d_A + d_B), with d the ideal-point distances.
 * h = 1 when the state sits exactly midway, 0 when it sits on one pole (or beyond it). Uncertainty by
 * Monte Carlo from the positions' normal approximations (seeded, so reproducible).
 */
export function hedging(
  t: PositionTable,
  state: string,
  poles: [string, string] = ['USA', 'CHN'],
  draws = 400,
  seed = 7,
): HedgingResult {
  const rand = gaussian(seed);
  const series: HedgingRow[] = [];
  const h = (x: number, a: number, b: number): number => {
    const da = Math.abs(x - a),
      db = Math.abs(x - b);
    return da + db === 0 ? 1 : 1 - Math.abs(da - db) / (da + db);
  };
  for (const session of t.sessions()) {
    const x = t.get(state, session),
      a = t.get(poles[0], session),
      b = t.get(poles[1], session);
    if (!x || !a || !b) continue;
    const vals = new Float64Array(draws);
    for (let r = 0; r < draws; r++)
      vals[r] = h(x[0] + x[1] * rand(), a[0] + a[1] * rand(), b[0] + b[1] * rand());
    vals.sort();
    let m = 0;
    for (const v of vals) m += v;
    m /= draws;
    let v2 = 0;
    for (const v of vals) v2 += (v - m) ** 2;
    series.push({
      session,
      year: 1945 + session,
      hedging: h(x[0], a[0], b[0]),
      sd: Math.sqrt(v2 / Math.max(1, draws - 1)),
      lo: vals[Math.floor(0.05 * (draws - 1))]!,
      hi: vals[Math.ceil(0.95 * (draws - 1))]!,
    });
  }
  return { state, poles, series, trend: trend(series) };
}

function trend(series: HedgingRow[]): HedgingResult['trend'] {
  const n = series.length;
  if (n < 3) return { slope: NaN, se: NaN, from: series[0]?.year ?? NaN, to: series[n - 1]?.year ?? NaN };
  let mx = 0,
    my = 0;
  for (const r of series) {
    mx += r.year;
    my += r.hedging;
  }
  mx /= n;
  my /= n;
  let sxx = 0,
    sxy = 0;
  for (const r of series) {
    sxx += (r.year - mx) ** 2;
    sxy += (r.year - mx) * (r.hedging - my);
  }
  const slope = sxy / sxx;
  let rss = 0;
  for (const r of series) rss += (r.hedging - my - slope * (r.year - mx)) ** 2;
  return { slope, se: Math.sqrt(rss / (n - 2) / sxx), from: series[0]!.year, to: series[n - 1]!.year };
}

/** Seeded standard-normal generator (mulberry32 + Box–Muller). */
function gaussian(seed: number): () => number {
  let a = seed >>> 0;
  const u = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 1) / 4294967297;
  };
  return () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
}
