/**
 * Ensembles: each member samples the scenario's uncertain parameters (seeded per member, so results
 * do not depend on how members are split across threads), applies the overlay and re-runs the
 * framework's point results (components, index, posture) for the chosen states and years. Members
 * run on this thread and warm worker threads (src/worker-pool.ts); the summary gives the median
 * and 5–95% interval of the index and
 * the probability of each posture.
 */
import { deserialize, serialize } from 'node:v8';
import type { ComponentId } from '../framework/autonomy/components.ts';
import { POSTURES, type Posture } from '../framework/autonomy/posture.ts';
import { normaliseWeights } from '../framework/autonomy/run.ts';
import { normal, quantile, rng } from '../framework/random.ts';
import type { TransitInput } from '../framework/gatekeeper/index.ts';
import type { FrameworkInputs } from '../framework/inputs.ts';
import type { FrameworkSession } from '../framework/session.ts';
import {
  KnowledgeBase,
  type LocatedFact,
  type LocatedOrganisation,
  type LocatedSource,
  type LocatedStateEntry,
} from '../kb/knowledge-base.ts';
import { StateRegistry, type SpanProvenance, type StateRecord, type SystemSpan } from '../states/registry.ts';
import {
  expandScenarioSpec,
  parseScenarioText,
  resolveScenario,
  type ResolvedScenario,
  type ScenarioDoc,
  type UncertainParam,
} from './load.ts';
import { applyOverlay, transitFor } from './overlay.ts';
import { pointResult } from './point.ts';
import { acquire, discard, pipeline, release } from '../worker-pool.ts';
import { scenarioStates, sessionYears } from './run.ts';
import type { Distribution } from './schema.ts';

/** Everything a worker needs, as structured-cloneable data. */
export interface EnsemblePayload {
  kb: {
    dir: string;
    sources: LocatedSource[];
    organisations: LocatedOrganisation[];
    states: LocatedStateEntry[];
    facts: LocatedFact[];
  };
  registry: { states: StateRecord[]; spans: SystemSpan[]; provenance: SpanProvenance | null };
  inputs: Omit<FrameworkInputs, 'kb' | 'registry'>;
  transit: TransitInput | null;
  docs: Array<{ file: string; text: string }>;
  ccodes: number[];
  years: [number, number];
  frameworkYears: [number, number];
  weights: Record<ComponentId, number>;
  seed: number;
}

export interface EnsembleBatch {
  from: number;
  count: number;
}
/** Per member: index per cell (state × year; NaN = missing), posture code per cell, parameter values. */
export interface EnsembleBatchResult {
  from: number;
  index: Float64Array;
  posture: Uint8Array;
  params: Array<Record<string, number | string>>;
}

/** A per-member seed from the ensemble seed (splitmix-style), independent of batching. */
export function memberSeed(seed: number, member: number): number {
  let z = (Math.imul(seed >>> 0, 0x9e3779b1) + Math.imul(member + 1, 0x85ebca6b)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x7feb352d) >>> 0;
  z = Math.imul(z ^ (z >>> 15), 0x846ca68b) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

export function sample(d: Distribution, rand: () => number): number | string {
  switch (d.dist) {
    case 'uniform':
      return d.min + (d.max - d.min) * rand();
    case 'normal': {
      const x = d.mean + d.sd * normal(rand);
      return Math.min(d.max ?? Infinity, Math.max(d.min ?? -Infinity, x));
    }
    case 'triangular': {
      const u = rand(),
        { min: a, mode: c, max: b } = d;
      if (b === a) return a;
      const f = (c - a) / (b - a);
      return u < f ? a + Math.sqrt(u * (b - a) * (c - a)) : b - Math.sqrt((1 - u) * (b - a) * (b - c));
    }
    case 'choice': {
      const w = d.weights ?? d.options.map(() => 1);
      const total = w.reduce((s, x) => s + x, 0);
      let u = rand() * total;
      for (let i = 0; i < d.options.length; i++) {
        u -= w[i]!;
        if (u < 0) return d.options[i]!;
      }
      return d.options[d.options.length - 1]!;
    }
  }
}

export function sampleParams(
  params: UncertainParam[],
  seed: number,
  member: number,
): Record<string, number | string> {
  const rand = rng(memberSeed(seed, member));
  return Object.fromEntries(params.map((p) => [p.name, sample(p.dist, rand)]));
}

interface WorkerState {
  inputs: FrameworkInputs;
  transit: TransitInput | null;
  docs: ScenarioDoc[];
  payload: EnsemblePayload;
}

export function restore(payload: EnsemblePayload): WorkerState {
  const kb = new KnowledgeBase(
    payload.kb.dir,
    payload.kb.sources,
    payload.kb.organisations,
    payload.kb.states,
    payload.kb.facts,
  );
  const registry = new StateRegistry(payload.registry.states);
  if (payload.registry.spans.length && payload.registry.provenance)
    registry.setSpans(payload.registry.spans, payload.registry.provenance);
  return {
    inputs: { ...payload.inputs, kb, registry },
    transit: payload.transit,
    docs: payload.docs.map((d) => parseScenarioText(d.text, d.file)),
    payload,
  };
}

/** Runs members [from, from + count). Pure: the same payload and batch give the same numbers. */
export function runMembers(state: WorkerState, batch: EnsembleBatch): EnsembleBatchResult {
  const { inputs, transit, docs, payload } = state;
  const [y0, y1] = payload.years;
  const cells = payload.ccodes.length * (y1 - y0 + 1);
  const index = new Float64Array(batch.count * cells);
  const posture = new Uint8Array(batch.count * cells);
  const declared = docs.flatMap((d) =>
    Object.entries(d.head.uncertain).map(([name, dist]) => ({
      name,
      dist,
      file: d.file,
      line: 0,
      scenario: d.head.id,
    })),
  );
  const unique = declared.filter((p, i) => declared.findIndex((q) => q.name === p.name) === i);
  const params: EnsembleBatchResult['params'] = [];
  for (let k = 0; k < batch.count; k++) {
    const member = batch.from + k;
    const values = sampleParams(unique, payload.seed, member);
    params.push(values);
    const resolved = resolveScenario(
      docs,
      { kb: inputs.kb, registry: inputs.registry, years: payload.frameworkYears },
      values,
    );
    const overlay = applyOverlay(inputs, transit, resolved, undefined, payload.frameworkYears[1]);
    let cell = 0;
    for (const c of payload.ccodes) {
      for (let y = y0; y <= y1; y++, cell++) {
        const r = pointResult(overlay.inputs, c, y, transitFor(overlay.transit, y), payload.weights);
        index[k * cells + cell] = r.index ?? NaN;
        posture[k * cells + cell] = POSTURES.indexOf(r.posture);
      }
    }
  }
  return { from: batch.from, index, posture, params };
}

/**
 * A payload in shared memory (v8-serialised once per call): every worker reads the same bytes
 * without a copy per batch, and restores it only when its cached payload is another call's.
 */
export interface SharedPayload {
  id: string;
  bytes: SharedArrayBuffer;
}

let cached: { id: string; state: WorkerState } | null = null;
/** Worker side (see worker.mjs): one batch of one call; the payload is restored once per call. */
export function workerRun(msg: { payload: SharedPayload; batch: EnsembleBatch }): EnsembleBatchResult {
  if (cached?.id !== msg.payload.id)
    cached = {
      id: msg.payload.id,
      state: restore(deserialize(new Uint8Array(msg.payload.bytes)) as EnsemblePayload),
    };
  return runMembers(cached.state, msg.batch);
}

export interface EnsembleOptions {
  states?: string[];
  years?: [number, number];
  members: number;
  seed?: number;
  /** Threads including this one (1 = this thread only); workers come warm from src/worker-pool.ts. */
  threads?: number;
  /** Member-cells below which everything runs on this thread (default MIN_WORK). */
  minWork?: number;
  batch?: number;
  weights?: Partial<Record<ComponentId, number>>;
  onProgress?: (done: number, total: number) => void;
  scenarioDir?: string;
}

export interface EnsembleRow {
  state: string;
  year: number;
  baseline_index: number | null;
  baseline_posture: Posture;
  /** The scenario with every parameter at its central value. */
  central_index: number | null;
  median: number | null;
  p5: number | null;
  p95: number | null;
  /** Members with an index (the rest have every component missing). */
  n: number;
  posture_probabilities: Partial<Record<Posture, number>>;
}

export interface EnsembleResult {
  scenario: { id: string; title: string; from: number };
  members: number;
  seed: number;
  states: string[];
  years: [number, number];
  parameters: Array<{ name: string; dist: Distribution; scenario: string; summary: Record<string, number> }>;
  rows: EnsembleRow[];
}

export function payloadFor(
  session: FrameworkSession,
  docs: ScenarioDoc[],
  ccodes: number[],
  years: [number, number],
  seed: number,
  weights: Record<ComponentId, number>,
): EnsemblePayload {
  const { kb, registry, ...rest } = session.inputs;
  return {
    kb: {
      dir: kb.dir,
      sources: [...kb.sources],
      organisations: [...kb.organisations],
      states: [...kb.states],
      facts: [...kb.facts],
    },
    registry: {
      states: [...registry.states],
      spans: registry.states.flatMap((s) => registry.spansOf(s.ccode)),
      provenance: registry.spanProvenance,
    },
    inputs: rest,
    transit: session.transit,
    docs: docs.map((d) => ({ file: d.file, text: d.text })),
    ccodes,
    years,
    frameworkYears: sessionYears(session),
    weights,
    seed,
  };
}

const workerFile = new URL('./worker.mjs', import.meta.url);
/** Member-cells (members × states × years) below which one thread is faster than handing out batches. */
const MIN_WORK = 5000;
let payloads = 0;

/**
 * Runs the batches on this thread and on threads − 1 warm workers (src/worker-pool.ts), handing
 * them out from one queue: this thread starts at once, and workers that are still starting (the
 * first call of a process) join when ready. Each worker holds two batches so that it never waits
 * for this thread to hand it the next. Results are keyed by member, so the split does not matter.
 */
async function runThreaded(
  payload: EnsemblePayload,
  batches: EnsembleBatch[],
  threads: number,
  progress: (r: EnsembleBatchResult) => unknown,
): Promise<void> {
  const ser = serialize(payload);
  const bytes = new SharedArrayBuffer(ser.length);
  new Uint8Array(bytes).set(ser);
  const shared: SharedPayload = { id: `${process.pid}-${++payloads}`, bytes };
  let next = 0;
  let failed = false;
  const onWorker = async (): Promise<void> => {
    const worker = acquire(workerFile);
    const channel = pipeline(worker);
    const lane = async (): Promise<void> => {
      try {
        while (next < batches.length && !failed) {
          const batch = batches[next++]!;
          progress(await channel.send<EnsembleBatchResult>({ payload: shared, batch }));
        }
      } catch (err) {
        failed = true; // the other lanes stop taking batches
        throw err;
      }
    };
    const results = await Promise.allSettled([lane(), lane()]);
    channel.close();
    const bad = results.find((r) => r.status === 'rejected');
    if (bad || channel.inFlight() > 0) {
      discard(worker);
      if (bad) throw (bad as PromiseRejectedResult).reason;
    } else release(workerFile, worker);
  };
  const onThisThread = async (): Promise<void> => {
    const state = restore(payload);
    while (next < batches.length && !failed) {
      progress(runMembers(state, batches[next++]!));
      // Let the workers' answers in, so that their lanes can take the next batches.
      await new Promise((r) => setImmediate(r));
    }
  };
  const all = [onThisThread(), ...Array.from({ length: threads - 1 }, onWorker)];
  for (const p of all) p.catch(() => undefined);
  const settled = await Promise.allSettled(all);
  const err = settled.find((r) => r.status === 'rejected');
  if (err) throw (err as PromiseRejectedResult).reason;
}

/** Runs an ensemble; same seed and members → identical result whatever the thread count. */
export async function runEnsemble(
  session: FrameworkSession,
  spec: string | readonly string[],
  opts: EnsembleOptions,
): Promise<EnsembleResult> {
  const docs = expandScenarioSpec(spec, opts.scenarioDir);
  const central: ResolvedScenario = resolveScenario(docs, {
    kb: session.inputs.kb,
    registry: session.inputs.registry,
    years: sessionYears(session),
  });
  const [first, latest] = sessionYears(session);
  const years: [number, number] = opts.years ?? [Math.max(first, central.from - 1), latest];
  const stateRecs = (opts.states?.length ? opts.states : scenarioStates(central)).map((s) =>
    session.inputs.registry.resolve(s),
  );
  const seed = opts.seed ?? 1;
  const weights = normaliseWeights(opts.weights);
  const members = opts.members;
  if (!Number.isInteger(members) || members < 1)
    throw new RangeError('an ensemble needs at least one member');
  const payload = payloadFor(
    session,
    docs,
    stateRecs.map((s) => s.ccode),
    years,
    seed,
    weights,
  );
  const cells0 = stateRecs.length * (years[1] - years[0] + 1);
  // Small batches balance the threads (this one joins in, workers may start late); 50 caps the cost
  // of the last batch.
  const batch = opts.batch ?? Math.max(1, Math.min(50, Math.ceil(members / ((opts.threads ?? 1) * 8))));
  const batches: EnsembleBatch[] = [];
  for (let from = 0; from < members; from += batch)
    batches.push({ from, count: Math.min(batch, members - from) });
  const parts: EnsembleBatchResult[] = [];
  let done = 0;
  const progress = (r: EnsembleBatchResult) => {
    parts.push(r);
    done += r.params.length;
    opts.onProgress?.(done, members);
    return r;
  };
  const threads = Math.max(1, Math.floor(opts.threads ?? 1));
  if (threads <= 1 || members * cells0 < (opts.minWork ?? MIN_WORK)) {
    const state = restore(payload);
    for (const b of batches) progress(runMembers(state, b));
  } else await runThreaded(payload, batches, threads, progress);
  parts.sort((a, b) => a.from - b.from);
  const cells = stateRecs.length * (years[1] - years[0] + 1);
  const rows: EnsembleRow[] = [];
  const centralOverlay = applyOverlay(session.inputs, session.transit, central, undefined, latest);
  let cell = 0;
  for (const st of stateRecs) {
    for (let y = years[0]; y <= years[1]; y++, cell++) {
      const xs: number[] = [];
      const counts = new Map<Posture, number>();
      for (const p of parts) {
        for (let k = 0; k < p.params.length; k++) {
          const v = p.index[k * cells + cell]!;
          if (!Number.isNaN(v)) xs.push(v);
          const post = POSTURES[p.posture[k * cells + cell]!]!;
          counts.set(post, (counts.get(post) ?? 0) + 1);
        }
      }
      xs.sort((a, b) => a - b);
      const base = pointResult(session.inputs, st.ccode, y, session.transit, weights);
      const cen = pointResult(
        centralOverlay.inputs,
        st.ccode,
        y,
        transitFor(centralOverlay.transit, y),
        weights,
      );
      rows.push({
        state: st.iso3 ?? st.cowAbbrev,
        year: y,
        baseline_index: base.index,
        baseline_posture: base.posture,
        central_index: cen.index,
        median: xs.length ? quantile(xs, 0.5) : null,
        p5: xs.length ? quantile(xs, 0.05) : null,
        p95: xs.length ? quantile(xs, 0.95) : null,
        n: xs.length,
        posture_probabilities: Object.fromEntries(
          POSTURES.filter((q) => counts.has(q)).map((q) => [q, counts.get(q)! / members]),
        ),
      });
    }
  }
  const allParams = parts.flatMap((p) => p.params);
  return {
    scenario: { id: central.id, title: central.title, from: central.from },
    members,
    seed,
    states: stateRecs.map((s) => s.iso3 ?? s.cowAbbrev),
    years,
    parameters: central.uncertain.map((p) => {
      const vals = allParams.map((v) => v[p.name]!);
      let summary: Record<string, number>;
      if (p.dist.dist === 'choice') {
        summary = Object.fromEntries(
          p.dist.options.map((o) => [String(o), vals.filter((v) => v === o).length / vals.length]),
        );
      } else {
        const s = (vals as number[]).slice().sort((a, b) => a - b);
        summary = { p5: quantile(s, 0.05), median: quantile(s, 0.5), p95: quantile(s, 0.95) };
      }
      return { name: p.name, dist: p.dist, scenario: p.scenario, summary };
    }),
    rows,
  };
}
