/**
 * The scenario runner: applies a scenario as an overlay, re-runs the framework for the chosen years
 * (the corridor transit through the corridor model, into the gatekeeper), and diffs against the
 * baseline per state-year, naming for each change the edits that caused it.
 */
import { COMPONENTS, type ComponentId } from '../framework/autonomy/components.ts';
import type { Posture } from '../framework/autonomy/posture.ts';
import {
  findTransitions,
  normaliseWeights,
  runAutonomy,
  type StateYearResult,
  type Transition,
} from '../framework/autonomy/run.ts';
import type { TransitInput } from '../framework/gatekeeper/index.ts';
import { FIRST_FRAMEWORK_YEAR, type FrameworkSession } from '../framework/session.ts';
import { interconnectorRank } from './hooks.ts';
import { resolveScenario, ScenarioError, type ResolvedEdit, type ResolvedScenario } from './load.ts';
import { applyOverlay, transitFor, type Overlay } from './overlay.ts';
import { pointResult } from './point.ts';

export interface ScenarioRunOptions {
  /** ISO3 codes (or anything the registry resolves); default: the states the scenario's edits name. */
  states?: string[];
  years?: [number, number];
  /** Monte Carlo draws for the intervals and posture confidence (as `autonomy`). */
  draws?: number;
  seed?: number;
  weights?: Partial<Record<ComponentId, number>>;
  /** Values for the scenario's uncertain parameters (default: each distribution's central value). */
  params?: Record<string, number | string>;
  scenarioDir?: string;
}

export interface Side {
  index: number | null;
  interval: [number, number] | null;
  posture: Posture;
  confidence: number;
  rank: number | null;
  ranked: number;
  components: Record<ComponentId, number | null>;
  transit_mt: number | null;
  transit_share: number | null;
  interconnector_rank: number | null;
}

export interface Change {
  /** 'index', 'posture', 'transit' or a component id. */
  what: string;
  from: number | string | null;
  to: number | string | null;
  delta: number | null;
  /** Edit ids that move it on their own (or, for an interaction, the edits that can touch it). */
  edits: string[];
  interaction: boolean;
}

export interface StateYearDiff {
  state: string;
  name: string;
  year: number;
  baseline: Side;
  scenario: Side;
  delta: { index: number | null; components: Record<ComponentId, number | null> };
  posture_changed: boolean;
  changes: Change[];
}

export interface EditSummary {
  id: string;
  label: string;
  basis: 'fact' | 'assumption';
  sources: string[];
  rationale: string | null;
  year: number;
  touches: string[];
  states: string[] | '*';
  file: string;
  line: number;
  params: string[];
}

export interface ScenarioResult {
  scenario: {
    id: string;
    title: string;
    summary: string;
    from: number;
    parts: ResolvedScenario['parts'];
    params: Record<string, number | string>;
  };
  edits: EditSummary[];
  states: string[];
  years: [number, number];
  rows: StateYearDiff[];
  transitions: { baseline: Transition[]; scenario: Transition[] };
  facts: Overlay['facts'];
  settings: { draws: number; seed: number; weights: Record<ComponentId, number> };
}

const EPS = 1e-9;
const moved = (a: number | null, b: number | null) =>
  (a === null) !== (b === null) || (a !== null && b !== null && Math.abs(a - b) > EPS);
const sub = (a: number | null, b: number | null) => (a === null || b === null ? null : b - a);

export function summariseEdit(e: ResolvedEdit): EditSummary {
  return {
    id: e.id,
    label: e.label,
    basis: e.basis,
    sources: e.sources,
    rationale: e.rationale,
    year: e.year,
    touches: e.touches,
    states: e.states,
    file: e.ref.file,
    line: e.ref.line,
    params: e.params,
  };
}

/** The framework's years for a session, for validating scenarios. */
export function sessionYears(session: FrameworkSession): [number, number] {
  return [FIRST_FRAMEWORK_YEAR, session.latestYear()];
}

/** Resolves a scenario name, file or `A+B` against a session's knowledge base and years. */
export function resolveFor(
  session: FrameworkSession,
  spec: string | readonly string[],
  params: Record<string, number | string> = {},
  scenarioDir?: string,
): ResolvedScenario {
  return resolveScenario(
    spec,
    {
      kb: session.inputs.kb,
      registry: session.inputs.registry,
      years: sessionYears(session),
      ...(scenarioDir ? { scenarioDir } : {}),
    },
    params,
  );
}

/** The states a scenario's edits name directly (the default selection). */
export function scenarioStates(s: ResolvedScenario): string[] {
  return [...new Set(s.edits.flatMap((e) => (e.states === '*' ? [] : e.states)))];
}

function side(r: StateYearResult, transit: TransitInput | null, icRank: Map<string, number> | null): Side {
  const mt = transit && r.year >= transit.from ? (transit.byCountry.get(r.state) ?? 0) : null;
  const max = transit ? Math.max(0, ...transit.byCountry.values()) : 0;
  return {
    index: r.index,
    interval: r.interval,
    posture: r.posture,
    confidence: r.confidence,
    rank: r.rank,
    ranked: r.ranked,
    components: Object.fromEntries(COMPONENTS.map((c) => [c, r.components[c].value])) as Record<
      ComponentId,
      number | null
    >,
    transit_mt: mt,
    transit_share: mt === null ? null : max > 0 ? mt / max : 0,
    interconnector_rank: icRank?.get(r.state) ?? null,
  };
}

/**
 * Runs a scenario (resolved, or a name / file / `A+B`) against the session's baseline. The overlay
 * is built from new objects only: the session's inputs, knowledge base and cached runs are unchanged.
 */
export function runScenario(
  session: FrameworkSession,
  scenario: ResolvedScenario | string,
  opts: ScenarioRunOptions = {},
): ScenarioResult {
  const resolved =
    typeof scenario === 'string'
      ? resolveFor(session, scenario, opts.params ?? {}, opts.scenarioDir)
      : scenario;
  const [first, latest] = sessionYears(session);
  const years: [number, number] = opts.years ?? [Math.max(first, resolved.from - 1), latest];
  if (years[0] < first || years[1] > latest || years[0] > years[1])
    throw new ScenarioError([
      {
        file: '(options)',
        line: 0,
        message: `years ${years[0]}–${years[1]} are outside the framework's years (${first}–${latest})`,
      },
    ]);
  const registry = session.inputs.registry;
  const stateCodes = (opts.states?.length ? opts.states : scenarioStates(resolved)).map((s) =>
    registry.resolve(s),
  );
  if (!stateCodes.length)
    throw new ScenarioError([
      {
        file: '(options)',
        line: 0,
        message: `scenario '${resolved.id}' names no state directly: choose states`,
      },
    ]);
  const draws = opts.draws ?? 200;
  const seed = opts.seed ?? 1;
  const weights = normaliseWeights(opts.weights);

  // Baseline and scenario are run year by year with the same seed per year (common random numbers),
  // so that intervals and confidences differ only through the edits, not through Monte Carlo noise.
  const weightOpt = opts.weights ? { weights: opts.weights } : {};
  const yearRun = (inputs: typeof session.inputs, y: number, transit: TransitInput | null) =>
    runAutonomy(inputs, { years: [y, y], draws, seed: (seed * 7919 + y) >>> 0, ...weightOpt, transit })
      .results;
  const baselineResults: StateYearResult[] = [];
  for (let y = years[0]; y <= years[1]; y++)
    baselineResults.push(...yearRun(session.inputs, y, session.transit));
  const overlay = applyOverlay(session.inputs, session.transit, resolved, undefined, latest);
  // Re-run the framework (every state, for ranks) from the scenario's first year.
  const runFrom = Math.max(years[0], resolved.from);
  const scenarioResults: StateYearResult[] = baselineResults.filter((r) => r.year < runFrom);
  for (let y = runFrom; y <= years[1]; y++)
    scenarioResults.push(...yearRun(overlay.inputs, y, transitFor(overlay.transit, y)));
  const baseline = { results: baselineResults, transitions: findTransitions(baselineResults) };

  // Each edit on its own, for the trace.
  const wanted = new Set(stateCodes.map((s) => s.ccode));
  const pointYears = (e: ResolvedEdit) => {
    const out: number[] = [];
    for (let y = Math.max(years[0], e.year); y <= years[1]; y++) out.push(y);
    return out;
  };
  const basePoint = new Map<string, ReturnType<typeof pointResult>>();
  const bp = (c: number, y: number) => {
    const k = `${c}:${y}`;
    let v = basePoint.get(k);
    if (!v) basePoint.set(k, (v = pointResult(session.inputs, c, y, session.transit, weights)));
    return v;
  };
  const effects = new Map<string, Set<string>>(); // `${ccode}:${year}:${what}` → edit ids
  if (resolved.edits.length > 1) {
    for (const e of resolved.edits) {
      const solo = applyOverlay(session.inputs, session.transit, resolved, [e], latest);
      for (const c of wanted)
        for (const y of pointYears(e)) {
          const a = bp(c, y),
            b = pointResult(solo.inputs, c, y, transitFor(solo.transit, y), weights);
          const mark = (what: string) => {
            const k = `${c}:${y}:${what}`;
            (effects.get(k) ?? effects.set(k, new Set()).get(k)!).add(e.id);
          };
          for (const comp of COMPONENTS) if (moved(a.values[comp], b.values[comp])) mark(comp);
          if (moved(a.index, b.index)) mark('index');
          if (a.posture !== b.posture) mark('posture');
        }
    }
  }

  const rows: StateYearDiff[] = [];
  const baseBy = new Map(
    baseline.results.filter((r) => wanted.has(r.ccode)).map((r) => [`${r.ccode}:${r.year}`, r]),
  );
  const scenBy = new Map(
    scenarioResults.filter((r) => wanted.has(r.ccode)).map((r) => [`${r.ccode}:${r.year}`, r]),
  );
  const icCache = new Map<string, Map<string, number> | null>();
  const ic = (which: 'b' | 's', y: number) => {
    const k = `${which}${y}`;
    if (!icCache.has(k))
      icCache.set(k, interconnectorRank(which === 'b' ? session.inputs : overlay.inputs, y));
    return icCache.get(k)!;
  };
  for (const st of stateCodes) {
    for (let y = years[0]; y <= years[1]; y++) {
      const b = baseBy.get(`${st.ccode}:${y}`),
        s = scenBy.get(`${st.ccode}:${y}`);
      if (!b || !s) continue;
      const bs = side(b, session.transit, ic('b', y));
      const ss = side(
        s,
        y >= runFrom ? transitFor(overlay.transit, y) : session.transit,
        y >= runFrom ? ic('s', y) : ic('b', y),
      );
      const causes = (what: string, touch: string): { edits: string[]; interaction: boolean } => {
        const solo =
          resolved.edits.length === 1
            ? resolved.edits[0]!.year <= y
              ? [resolved.edits[0]!.id]
              : []
            : [...(effects.get(`${st.ccode}:${y}:${what}`) ?? [])];
        if (solo.length) return { edits: solo, interaction: false };
        const can = resolved.edits.filter(
          (e) =>
            e.year <= y &&
            (touch === 'index' || e.touches.includes(touch)) &&
            (e.states === '*' || e.states.includes(st.iso3 ?? '')),
        );
        return { edits: can.map((e) => e.id), interaction: true };
      };
      const changes: Change[] = [];
      for (const c of COMPONENTS)
        if (moved(bs.components[c], ss.components[c]))
          changes.push({
            what: c,
            from: bs.components[c],
            to: ss.components[c],
            delta: sub(bs.components[c], ss.components[c]),
            ...causes(c, c),
          });
      if (moved(bs.index, ss.index)) {
        const compEdits = [...new Set(changes.flatMap((ch) => ch.edits))];
        const own = causes('index', 'index');
        changes.unshift({
          what: 'index',
          from: bs.index,
          to: ss.index,
          delta: sub(bs.index, ss.index),
          edits: own.interaction && compEdits.length ? compEdits : own.edits,
          interaction: own.interaction && !compEdits.length,
        });
      }
      if (bs.posture !== ss.posture)
        changes.push({
          what: 'posture',
          from: bs.posture,
          to: ss.posture,
          delta: null,
          ...causes('posture', 'posture'),
        });
      if (moved(bs.transit_mt, ss.transit_mt))
        changes.push({
          what: 'transit',
          from: bs.transit_mt,
          to: ss.transit_mt,
          delta: sub(bs.transit_mt, ss.transit_mt),
          ...causes('gatekeeper', 'gatekeeper'),
        });
      rows.push({
        state: b.state,
        name: b.name,
        year: y,
        baseline: bs,
        scenario: ss,
        delta: {
          index: sub(bs.index, ss.index),
          components: Object.fromEntries(
            COMPONENTS.map((c) => [c, sub(bs.components[c], ss.components[c])]),
          ) as Record<ComponentId, number | null>,
        },
        posture_changed: bs.posture !== ss.posture,
        changes,
      });
    }
  }
  const isos = new Set(stateCodes.map((s) => s.iso3 ?? s.cowAbbrev));
  return {
    scenario: {
      id: resolved.id,
      title: resolved.title,
      summary: resolved.summary,
      from: resolved.from,
      parts: resolved.parts,
      params: resolved.params,
    },
    edits: resolved.edits.map(summariseEdit),
    states: [...isos],
    years,
    rows,
    transitions: {
      baseline: baseline.transitions.filter((t) => isos.has(t.state)),
      scenario: findTransitions(scenarioResults.filter((r) => wanted.has(r.ccode))),
    },
    facts: overlay.facts,
    settings: { draws, seed, weights },
  };
}
