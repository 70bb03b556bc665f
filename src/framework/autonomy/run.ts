import type { FrameworkInputs } from '../inputs.ts';
import type { BridgingInput, TransitInput } from '../gatekeeper/index.ts';
import type { ComponentResult, Provenance } from '../types.ts';
import { ccodeOf } from '../facts.ts';
import {
  COMPONENTS,
  PRINCIPLE,
  computeComponents,
  defaultWeights,
  type ComponentId,
  type ComponentSet,
} from './components.ts';
import {
  classify,
  defaultRules,
  structuralFacts,
  type Posture,
  type PostureRules,
  type StructuralFacts,
} from './posture.ts';
import { monteCarlo } from './montecarlo.ts';
import { quantile, rng } from '../random.ts';
import { coverageOf, statusOf, type Coverage } from '../coverage/index.ts';

export interface AutonomyOptions {
  years: [number, number];
  /** Monte Carlo draws for the uncertainty and sensitivity analysis (0 = none). */
  draws?: number;
  seed?: number;
  weights?: Partial<Record<ComponentId, number>>;
  rules?: PostureRules;
  transit?: TransitInput | null;
  /** Dirichlet concentration of the weight draws around the chosen weights (higher = tighter). */
  concentration?: number;
  /** COW codes of the states to report on (all states are still scored, for ranks); default all. */
  focus?: number[];
  /** Components of a year computed earlier (they do not depend on weights, draws or rules). */
  prepared?: (year: number) => PreparedYear;
}

/** Everything about a year that does not depend on weights or draws: the slow part of a run. */
export interface PreparedYear {
  ccodes: number[];
  comps: ComponentSet[];
  values: Float64Array[];
  structural: StructuralFacts[];
}

export function prepareYear(
  inp: FrameworkInputs,
  year: number,
  transit: TransitInput | null,
  bridging: BridgingInput | null = null,
): PreparedYear {
  const ccodes = statesIn(inp, year);
  const comps = ccodes.map((c) => computeComponents(inp, c, year, transit, bridging));
  const values = comps.map((cs) => Float64Array.from(COMPONENTS, (c) => cs[c].value ?? NaN));
  const structural = ccodes.map((c, i) => structuralFacts(inp, c, year, comps[i]!.commitments.detail));
  return { ccodes, comps, values, structural };
}

export interface ComponentOut extends ComponentResult {
  weight: number;
  principle: string;
}

export interface StateYearResult {
  state: string;
  ccode: number;
  name: string;
  year: number;
  index: number | null;
  interval: [number, number] | null;
  rank: number | null;
  rank_interval: [number, number] | null;
  ranked: number;
  components: Record<ComponentId, ComponentOut>;
  /** Components missing for want of data (unknown); not-applicable ones are in coverage, not here. */
  missing: ComponentId[];
  /** "n of 7 components (k applicable)", with the lists. */
  coverage: Coverage;
  /** What the rank compares: how many ranked states have every applicable component. */
  rank_basis: string;
  /** How much the index would move if the missing components took the year's median instead. */
  missing_effect: number | null;
  posture: Posture;
  confidence: number;
  posture_probabilities: Partial<Record<Posture, number>>;
  explanation: string[];
  provenance: Provenance[];
}

export interface Transition {
  state: string;
  year: number;
  from: Posture;
  to: Posture;
  lasting: boolean;
}

export interface AutonomyRun {
  results: StateYearResult[];
  transitions: Transition[];
  settings: {
    weights: Record<ComponentId, number>;
    rules: PostureRules;
    draws: number;
    seed: number;
    concentration: number;
  };
}

export function normaliseWeights(
  partial: Partial<Record<ComponentId, number>> = {},
): Record<ComponentId, number> {
  const merged = { ...defaultWeights, ...partial };
  for (const [k, v] of Object.entries(merged))
    if (!(v >= 0)) throw new RangeError(`weight of ${k} must be a non-negative number`);
  const total = COMPONENTS.reduce((s, c) => s + merged[c], 0);
  if (!(total > 0)) throw new RangeError('at least one weight must be positive');
  return Object.fromEntries(COMPONENTS.map((c) => [c, merged[c] / total])) as Record<ComponentId, number>;
}

function weightedMean(values: Float64Array, weights: ArrayLike<number>): number {
  let s = 0,
    w = 0;
  for (let c = 0; c < values.length; c++) {
    const v = values[c]!;
    if (Number.isNaN(v)) continue;
    s += v * weights[c]!;
    w += weights[c]!;
  }
  return w > 0 ? s / w : NaN;
}

function columnMedians(values: Float64Array[]): Float64Array {
  const out = new Float64Array(COMPONENTS.length);
  for (let c = 0; c < COMPONENTS.length; c++) {
    const col = values
      .map((v) => v[c]!)
      .filter((x) => !Number.isNaN(x))
      .sort((a, b) => a - b);
    out[c] = col.length ? quantile(col, 0.5) : NaN;
  }
  return out;
}

/** States to score in a year: those in the system (COW spells), else every state with an ISO3 code. */
function statesIn(inp: FrameworkInputs, year: number): number[] {
  return inp.registry.hasSpans()
    ? inp.registry.inSystem(year).map((s) => s.ccode)
    : inp.registry.states.filter((s) => s.iso3).map((s) => s.ccode);
}

/**
 * The composite index for every state and year in range, built as the OECD/JRC handbook describes:
 * components on 0–1 goalposts, weighted arithmetic aggregation over the available components, and a
 * Monte Carlo over weights (Dirichlet around the chosen ones), normalisation (goalposts or ranks),
 * missing-data treatment (re-weighting or the year's median) and the ideal points' own uncertainty.
 * Each state-year gets the index, its 5–95% interval, its rank and rank interval, and a posture with
 * the share of draws that agree on it.
 */
export function runAutonomy(inp: FrameworkInputs, opts: AutonomyOptions): AutonomyRun {
  const weights = normaliseWeights(opts.weights);
  const w = COMPONENTS.map((c) => weights[c]);
  const rules = opts.rules ?? defaultRules;
  const draws = opts.draws ?? 1000;
  const seed = opts.seed ?? 1;
  const concentration = opts.concentration ?? 40;
  const results: StateYearResult[] = [];
  const alignCol = COMPONENTS.indexOf('alignment');

  for (let year = opts.years[0]; year <= opts.years[1]; year++) {
    // One stream per year, so a year's draws do not depend on which other years were asked for.
    const rand = rng(Math.imul(seed, 0x9e3779b1) ^ year);
    const { ccodes, comps, values, structural } =
      opts.prepared?.(year) ?? prepareYear(inp, year, opts.transit ?? null);
    const index = values.map((v) => weightedMean(v, w));
    const medians = columnMedians(values);
    const ranked = rankOrder(index);

    // Fixed parts of the strategic-autonomy test (they do not vary across draws).
    const coverages = comps.map((cs) => coverageOf(cs));
    const fixedOk = ccodes.map((_, i) => {
      const v = values[i]!,
        at = (c: ComponentId) => v[COMPONENTS.indexOf(c)]!;
      const ok = (x: number, min: number, missingOk: boolean) => (Number.isNaN(x) ? missingOk : x >= min);
      // mediation: met vacuously when not applicable, not met when unknown (see posture.ts)
      const mediationNa = statusOf(comps[i]!.mediation) === 'not-applicable';
      return (
        ok(at('voice'), rules.minVoice, false) &&
        ok(at('mediation'), rules.minMediation, mediationNa) &&
        ok(at('capability'), rules.minCapability, true) &&
        ok(at('gatekeeper'), rules.minGatekeeper, false)
      );
    });
    const focus = opts.focus ? new Set(opts.focus) : null;
    const reported = ccodes.map((c) => !focus || focus.has(c));
    const basePosture = ccodes.map((_, i) =>
      reported[i]
        ? classify(
            structural[i]!,
            {
              ...postureInputs(values[i]!, index[i]!),
              mediationStatus:
                statusOf(comps[i]!.mediation) === 'not-applicable' ? 'not-applicable' : 'unknown',
            },
            rules,
          )
        : null,
    );

    // Monte Carlo.
    const sdOf = (p: { lo: number; hi: number }) => Math.max(0, (p.hi - p.lo) / 3.29);
    const point = (p: { ip: number; lo: number; hi: number } | undefined) =>
      p ? { ip: p.ip, sd: sdOf(p) } : undefined;
    const flat = new Float64Array(ccodes.length * COMPONENTS.length);
    values.forEach((v, i) => flat.set(v, i * COMPONENTS.length));
    // Not-applicable cells are never filled with the year's median: there is nothing to impute.
    const notApplicable = new Uint8Array(ccodes.length * COMPONENTS.length);
    comps.forEach((cs, i) =>
      COMPONENTS.forEach((c, k) => {
        if (statusOf(cs[c]) === 'not-applicable') notApplicable[i * COMPONENTS.length + k] = 1;
      }),
    );
    const mc = monteCarlo({
      values: flat,
      n: ccodes.length,
      components: COMPONENTS.length,
      weights: w,
      alignCol,
      ideal: ccodes.map((c) => point(inp.ideal.data.get(c)?.get(year))),
      poles: inp.config.poles.map((p) => {
        const c = ccodeOf(inp, p.leader);
        return point(c === undefined ? undefined : inp.ideal.data.get(c)?.get(year));
      }),
      fixedOk: Uint8Array.from(fixedOk, (ok) => (ok ? 1 : 0)),
      notApplicable,
      minIndex: rules.minIndex,
      draws,
      concentration,
      rand,
    });
    const drawsOf = (a: Float64Array, i: number) => a.subarray(i * draws, (i + 1) * draws);

    const rankedCount = index.filter((x) => !Number.isNaN(x)).length;
    const rankedComplete = index.filter((x, i) => !Number.isNaN(x) && coverages[i]!.complete).length;
    for (let i = 0; i < ccodes.length; i++) {
      if (!reported[i]) continue;
      const ccode = ccodes[i]!;
      const rec = inp.registry.byCcode(ccode)!;
      const cs = comps[i]!;
      const base = basePosture[i]!;
      const probabilities: Partial<Record<Posture, number>> = {};
      if (base.posture === 'balanced' || base.posture === 'strategic-autonomy') {
        const sa = draws
          ? mc.sa.subarray(i * draws, (i + 1) * draws).reduce((a, b) => a + b, 0) / draws
          : base.posture === 'strategic-autonomy'
            ? 1
            : 0;
        if (sa > 0) probabilities['strategic-autonomy'] = sa;
        if (sa < 1) probabilities.balanced = 1 - sa;
      } else probabilities[base.posture] = 1;
      const di = Float64Array.from(drawsOf(mc.index, i))
        .filter((x) => !Number.isNaN(x))
        .sort();
      const dr = Float64Array.from(drawsOf(mc.rank, i))
        .filter((x) => !Number.isNaN(x))
        .sort();
      const cov = coverages[i]!;
      const missingIds = cov.unknown;
      const filled = Float64Array.from(values[i]!, (x, c) =>
        Number.isNaN(x) && missingIds.includes(COMPONENTS[c]!) ? medians[c]! : x,
      );
      const idxFilled = weightedMean(filled, w);
      const components = Object.fromEntries(
        COMPONENTS.map((c) => [c, { ...cs[c], weight: weights[c], principle: PRINCIPLE[c] }]),
      ) as Record<ComponentId, ComponentOut>;
      results.push({
        state: rec.iso3 ?? rec.cowAbbrev,
        ccode,
        name: rec.name,
        year,
        index: Number.isNaN(index[i]!) ? null : index[i]!,
        interval: di.length ? [quantile(di, 0.05), quantile(di, 0.95)] : null,
        rank: Number.isNaN(ranked[i]!) ? null : ranked[i]!,
        rank_interval: dr.length ? [quantile(dr, 0.05), quantile(dr, 0.95)] : null,
        ranked: rankedCount,
        components,
        missing: missingIds,
        coverage: cov,
        rank_basis:
          `ranked among ${rankedCount} states with an index in ${year}, ${rankedComplete} of them with every ` +
          `applicable component; this one rests on ${cov.label}` +
          (cov.complete ? '' : ': its rank is not like for like'),
        missing_effect: missingIds.length && !Number.isNaN(index[i]!) ? idxFilled - index[i]! : null,
        posture: base.posture,
        confidence: probabilities[base.posture] ?? 0,
        posture_probabilities: probabilities,
        explanation: [
          ...base.reasons,
          ...COMPONENTS.filter((c) => cs[c].value !== null).map(
            (c) => `${c}: ${cs[c].value!.toFixed(2)} — ${cs[c].explanation.join('; ')}`,
          ),
          ...missingIds.map((c) => `${c}: missing — ${cs[c].explanation.join('; ')}`),
          ...cov.not_applicable.map((c) => `${c}: not applicable — ${cs[c].explanation.join('; ')}`),
          `coverage: ${cov.label}`,
        ],
        provenance: dedupeProvenance(COMPONENTS.flatMap((c) => cs[c].provenance)),
      });
    }
  }
  return {
    results,
    transitions: findTransitions(results),
    settings: { weights, rules, draws, seed, concentration },
  };
}

function postureInputs(v: Float64Array, index: number) {
  const at = (c: ComponentId) => {
    const x = v[COMPONENTS.indexOf(c)]!;
    return Number.isNaN(x) ? null : x;
  };
  return {
    index: Number.isNaN(index) ? null : index,
    voice: at('voice'),
    mediation: at('mediation'),
    capability: at('capability'),
    gatekeeper: at('gatekeeper'),
  };
}

/** 1 = highest index; ties share the better rank; NaN for states without an index. */
function rankOrder(index: ArrayLike<number>): Float64Array {
  const out = new Float64Array(index.length).fill(NaN);
  const order = Array.from({ length: index.length }, (_, i) => i)
    .filter((i) => !Number.isNaN(index[i]!))
    .sort((a, b) => index[b]! - index[a]!);
  order.forEach((i, k) => {
    out[i] = k > 0 && index[order[k - 1]!] === index[i] ? out[order[k - 1]!]! : k + 1;
  });
  return out;
}

function dedupeProvenance(list: Provenance[]): Provenance[] {
  const seen = new Map<string, Provenance>();
  for (const p of list) {
    const key = p.dataset ? `${p.dataset}|${p.version ?? ''}` : `facts`;
    const prior = seen.get(key);
    if (prior && !p.dataset) prior.facts = [...new Set([...(prior.facts ?? []), ...(p.facts ?? [])])];
    else if (!prior) seen.set(key, p.dataset ? { ...p } : { facts: [...(p.facts ?? [])] });
  }
  return [...seen.values()];
}

/**
 * Posture changes, each dated to its first year; `lasting` when the new posture holds two years or to the
 * end.
 */
export function findTransitions(results: StateYearResult[]): Transition[] {
  const byState = new Map<string, StateYearResult[]>();
  for (const r of results) (byState.get(r.state) ?? byState.set(r.state, []).get(r.state)!).push(r);
  const out: Transition[] = [];
  for (const [state, rows] of byState) {
    rows.sort((a, b) => a.year - b.year);
    for (let k = 1; k < rows.length; k++) {
      const prev = rows[k - 1]!,
        cur = rows[k]!;
      if (prev.posture === cur.posture || cur.year !== prev.year + 1) continue;
      const next = rows[k + 1];
      out.push({
        state,
        year: cur.year,
        from: prev.posture,
        to: cur.posture,
        lasting: !next || next.posture === cur.posture,
      });
    }
  }
  return out;
}
