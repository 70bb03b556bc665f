/**
 * Interconnectors between rival blocs (issue 6; docs/interconnector.md). For a year: build the tie
 * layers, combine them into the multiplex, take IMF-style blocs from ideal points as the group
 * partition, count Gould–Fernandez roles with the graph kernels (raw, sna z, degree-preserving z),
 * measure bridging between the two opposing blocs (west ↔ china-russia), and score each state:
 *
 *   score(v) = a(v) · ½ (b(v) + r(v))
 *   a(v) = ½ (votes(v) + ties(v)), 0 for a pole leader
 *     votes(v) = 1 if v's bloc is non-aligned, else v's equidistance between the poles (0–1)
 *     ties(v)  = 1 − the strongest alliance obligation between v and a pole leader (0–1)
 *   b(v) = share_WE(v) / max_u share_WE(u)                         (cross-bloc betweenness)
 *   r(v) = ln(1 + o(v)) / ln(1 + max_u o(u))                        (opposing two-paths, weighted)
 *
 * The Aiyar–Ohnsorge connectedness (transaction-weighted SD of the ideal-point distance to
 * partners) is reported beside it as a baseline, with arms transfers as the transactions.
 */
import { brokerageCounts, degreePreservingNull, ROLES, snaNull } from '../../graph/brokerage.ts';
import type { Role, RoleArrays } from '../../graph/brokerage.ts';
import { csrFromEdges } from '../../graph/csr.ts';
import type { Csr } from '../../graph/csr.ts';
import type { FrameworkInputs } from '../inputs.ts';
import type { Provenance } from '../types.ts';
import { blocsByDefinition, type BlocAssignment, type BlocOptions } from './blocs.ts';
import { bridgeStats } from './bridging.ts';
import { buildLayer, type InterconnectorData, type LayerOptions } from './layers.ts';
import { DEFAULT_LAYER_WEIGHTS, multiplex, type MultiplexEdge } from './multiplex.ts';
import { LAYER_IDS, type Bloc, type Layer, type LayerId } from './types.ts';
import { hostilePairs, isHostile, type Gate, type HostilePair, type Hostility } from './validity.ts';

export * from './types.ts';
export { DEFAULT_LAYER_WEIGHTS, multiplex, normaliseLayer } from './multiplex.ts';
export type { MultiplexEdge } from './multiplex.ts';
export {
  allianceLayer,
  armsLayer,
  buildLayer,
  hostingLayer,
  igoLayer,
  topK,
  transportLayer,
  transportLegs,
  voteLayer,
} from './layers.ts';
export type { InterconnectorData, LayerOptions, TransportLeg } from './layers.ts';
export { blocsByDefinition, blocsForYear } from './blocs.ts';
export {
  BLOC_DEFINITIONS,
  greatPowerBlocs,
  isUkraineVote,
  loadVoteRecord,
  ukraineBlocs,
} from './vote-blocs.ts';
export type { BlocDefinition, VoteRecord } from './vote-blocs.ts';
export type { BlocAssignment, BlocOptions } from './blocs.ts';
export { bridgeStats } from './bridging.ts';
export { loadConflicts, loadInterconnectorData } from './load.ts';
export { hostilePairs, isHostile } from './validity.ts';
export type { ConflictData, Gate, HostilePair, Hostility } from './validity.ts';

export interface InterconnectorOptions extends LayerOptions {
  /** Layers to combine (default all six). */
  layers?: readonly LayerId[];
  /** Layer weights λ (default DEFAULT_LAYER_WEIGHTS). */
  weights?: Partial<Record<LayerId, number>>;
  /** IGO co-membership and corridor legs (loadInterconnectorData); without them those layers are missing. */
  data?: InterconnectorData;
  blocs?: BlocOptions;
  /** Samples of the degree-preserving null (default 200; 0 skips it). */
  nullSamples?: number;
  seed?: number;
  /** Also score each layer on its own (default true). */
  perLayer?: boolean;
  /**
   * The face-validity rules (validity.ts): armed conflict cuts ties, and a state at war with a pole
   * leader or under its full guarantee cannot bridge (default true; false reproduces the issue-6 index).
   */
  faceValidity?: boolean;
}

export type RoleSet = Record<Role, number>;

export interface Counterpart {
  state: string;
  bloc: Bloc;
  weight: number;
  layers: Partial<Record<LayerId, number>>;
  /** Layers whose tie to this counterpart is carried forward from an earlier year (year read). */
  carried?: Partial<Record<LayerId, number>>;
}

export interface LayerContribution {
  /** Tie strength (λ·ŵ summed) to each bloc in this layer. */
  west: number;
  east: number;
  other: number;
  /** The index computed on this layer alone (null: the state has no alignment reading). */
  score: number | null;
}

export interface Connectedness {
  /** Transaction-weighted mean ideal-point distance to partners (Aiyar–Ohnsorge "vulnerability"). */
  vulnerability: number;
  /** Transaction-weighted SD of that distance (Aiyar–Ohnsorge "connectedness"). */
  connectedness: number;
  partners: number;
  uses: string;
}

export interface InterconnectorScore {
  state: string;
  name: string;
  year: number;
  bloc: Bloc;
  /** The interconnector index in [0, 1]; null when the state has no ideal point in the bloc window. */
  score: number | null;
  rank: number | null;
  parts: {
    alignment: number | null;
    alignmentVotes: number | null;
    guarantee: { from: string; weight: number } | null;
    /** Set when a face-validity rule put the alignment factor to 0 (the reason and its evidence). */
    gate: Gate | null;
    bridging: number;
    brokerage: number;
    crossShare: number;
    crossPairs: number;
    opposingPaths: number;
    opposingWeighted: number;
    degree: number;
    strength: number;
  };
  roles: { raw: RoleSet; zSna: RoleSet; zDegree: RoleSet | null };
  layers: Partial<Record<LayerId, LayerContribution>>;
  counterparts: { west: Counterpart[]; east: Counterpart[] };
  /** Ties removed because the two states were in armed conflict that year. */
  cut: HostilePair[];
  connectedness: Connectedness | null;
  provenance: Provenance[];
}

export interface InterconnectorRun {
  year: number;
  layers: Layer[];
  weights: Record<LayerId, number>;
  blocs: BlocAssignment;
  nodes: string[];
  edges: MultiplexEdge[];
  scores: Map<string, InterconnectorScore>;
  /** The conflicts the face-validity rules read (empty pairs when the rules are off). */
  hostility: Hostility;
  settings: {
    faceValidity: boolean;
    carryAlliances: boolean;
    nullSamples: number;
    seed: number;
    voteK: number;
    igoK: number;
    armsWindow: number;
    eventWindow: number;
  };
}

/** Bad input (a year no bloc can be assigned for, unknown layers): the CLI exits 1 on it. */
export class InterconnectorInputError extends RangeError {
  readonly userError = true;
}

const BLOC_CODE: Record<Bloc, number> = { west: 0, 'china-russia': 1, 'non-aligned': 2, unclassified: 3 };

function roleSet(r: RoleArrays, v: number): RoleSet {
  return Object.fromEntries(ROLES.map((role) => [role, r[role][v] as number])) as RoleSet;
}

const maxOf = (xs: Float64Array): number => xs.reduce((m, x) => (x > m ? x : m), 0);

interface Scored {
  score: (v: number) => number | null;
  stats: ReturnType<typeof bridgeStats>;
  g: Csr;
}

function scoreGraph(
  ids: string[],
  edges: MultiplexEdge[],
  side: Int32Array,
  alignment: (v: number) => number | null,
): Scored {
  const g = csrFromEdges(
    edges.flatMap((e) => [{ source: e.source, target: e.target, weight: e.weight }]),
    { ids, undirected: true },
  );
  const stats = bridgeStats(g, side);
  const maxShare = maxOf(stats.share),
    maxOpp = maxOf(stats.opposingWeighted);
  const score = (v: number): number | null => {
    const a = alignment(v);
    if (a === null) return null;
    const b = maxShare > 0 ? stats.share[v]! / maxShare : 0;
    const r = maxOpp > 0 ? Math.log1p(stats.opposingWeighted[v]!) / Math.log1p(maxOpp) : 0;
    return a * 0.5 * (b + r);
  };
  return { score, stats, g };
}

/** The whole analysis for a year; `interconnectorScores` and the network view read from it. */
export function interconnectorRun(
  inputs: FrameworkInputs,
  year: number,
  options: InterconnectorOptions = {},
): InterconnectorRun {
  const ids = options.layers ?? LAYER_IDS;
  for (const id of ids)
    if (!(LAYER_IDS as readonly string[]).includes(id))
      throw new InterconnectorInputError(`unknown layer '${id}' (one of ${LAYER_IDS.join(', ')})`);
  if (ids.length === 0) throw new InterconnectorInputError('name at least one layer');
  const blocs = blocsByDefinition(inputs, year, options.blocs, options.data?.votes ?? null);
  if (!blocs)
    throw new InterconnectorInputError(
      (options.blocs?.definition ?? 'ideal-points') === 'ideal-points'
        ? `no bloc partition for ${year}: BSV ideal points cover ` +
            `${inputs.ideal.covers?.join('–') ?? 'no years'}`
        : `no '${options.blocs?.definition}' bloc partition for ${year}: the voting record ` +
            (options.data?.votes?.covers
              ? `covers ${options.data.votes.covers.join('–')}`
              : 'is not loaded') +
            (options.blocs?.definition === 'ukraine-votes' ? ' (Ukraine votes begin on 2 March 2022)' : ''),
    );
  const weights = { ...DEFAULT_LAYER_WEIGHTS, ...(options.weights ?? {}) };
  const layers = ids.map((id) => buildLayer(id, inputs, options.data, year, options));
  if (!layers.some((l) => l.available))
    throw new InterconnectorInputError(`none of the layers ${ids.join(', ')} covers ${year}`);

  // Nodes: the states in the system that year (all states seen, without the COW state list).
  const inSystem = inputs.registry.hasSpans()
    ? inputs.registry.inSystem(year).flatMap((s) => (s.iso3 ? [s.iso3] : []))
    : null;
  const seen = new Set<string>(
    inSystem ?? [
      ...blocs.bloc.keys(),
      ...layers.flatMap((l) => l.edges.flatMap((e) => [e.source, e.target])),
    ],
  );
  const nodes = [...seen].sort();
  const nodeSet = new Set(nodes);
  const faceValidity = options.faceValidity ?? true;
  const hostility: Hostility = faceValidity
    ? hostilePairs(inputs, options.data?.conflicts ?? null, year)
    : { pairs: new Map(), source: 'none', provenance: { note: 'face-validity rules off' } };
  // War cuts ties: no multiplex tie survives between two states in armed conflict that year.
  const cutEdges = (es: MultiplexEdge[]): MultiplexEdge[] =>
    hostility.pairs.size ? es.filter((e) => !isHostile(hostility, e.source, e.target)) : es;
  const edges = cutEdges(multiplex(layers, weights, nodeSet));
  const blocOf = (s: string): Bloc => blocs.bloc.get(s) ?? 'unclassified';
  const side = Int32Array.from(nodes, (s) => BLOC_CODE[blocOf(s)]);
  // Alignment with neither pole, as principle 1 reads it: by votes (bloc, or equidistance) and by
  // security ties (no guarantee from a pole leader), averaged; a pole leader is aligned by definition.
  const allianceForAlignment =
    layers.find((l) => l.id === 'alliances') ?? buildLayer('alliances', inputs, options.data, year, options);
  const guarantee = poleGuarantees(
    allianceForAlignment,
    inputs.config.poles.map((p) => p.leader),
  );
  const leaders = new Set(inputs.config.poles.map((p) => p.leader));
  const gates = new Map<string, Gate>();
  if (faceValidity) {
    for (const s of nodes) {
      if (leaders.has(s)) continue;
      const war = [...leaders].flatMap((l) => {
        const h = isHostile(hostility, s, l);
        return h ? [{ pole: l, evidence: h.evidence }] : [];
      });
      const g = guarantee.get(s);
      if (war.length) gates.set(s, { rule: 'conflict-with-pole', ...war[0]! });
      else if (g && g.weight >= 1) {
        const e = allianceForAlignment.edges.find(
          (x) => (x.source === s && x.target === g.from) || (x.target === s && x.source === g.from),
        );
        gates.set(s, {
          rule: 'pole-guarantee',
          pole: g.from,
          evidence: [
            ...(e?.evidence ?? []),
            ...(e?.carriedFrom ? [`carried forward from ${e.carriedFrom}`] : []),
          ],
        });
      }
    }
  }
  const alignmentParts = (s: string): { votes: number; ties: number | null } | null => {
    const b = blocs.bloc.get(s);
    if (!b) return null;
    const votes = b === 'non-aligned' ? 1 : (blocs.equidistance.get(s) ?? 0);
    return {
      votes,
      ties: allianceForAlignment.available ? 1 - Math.min(1, guarantee.get(s)?.weight ?? 0) : null,
    };
  };
  const alignment = (v: number): number | null => {
    const s = nodes[v] as string;
    if (leaders.has(s)) return blocs.bloc.has(s) ? 0 : null;
    const p = alignmentParts(s);
    if (!p) return null;
    if (gates.has(s)) return 0;
    return p.ties === null ? p.votes : 0.5 * (p.votes + p.ties);
  };
  const main = scoreGraph(nodes, edges, side, alignment);

  // Gould–Fernandez roles on the binary multiplex with the blocs as groups (unclassified = a 4th group).
  const binary: Csr = { ...main.g, weights: null };
  const raw = brokerageCounts(binary, side);
  const zSna = snaNull(binary, side, raw).z;
  const nullSamples = options.nullSamples ?? 200;
  const seed = options.seed ?? 1;
  const zDeg =
    nullSamples > 1 && binary.targets.length > 4
      ? degreePreservingNull(binary, side, raw, { samples: nullSamples, seed, undirected: true }).z
      : null;

  // Each layer on its own.
  const perLayer = new Map<LayerId, Scored>();
  if (options.perLayer ?? true) {
    for (const layer of layers) {
      if (!layer.available || layer.edges.length === 0) continue;
      perLayer.set(
        layer.id,
        scoreGraph(nodes, cutEdges(multiplex([layer], { [layer.id]: 1 }, nodeSet)), side, alignment),
      );
    }
  }

  // Ties by state for strengths and counterparts.
  const ties = new Map<string, Array<{ other: string; e: MultiplexEdge }>>();
  for (const e of edges) {
    for (const [a, b] of [
      [e.source, e.target],
      [e.target, e.source],
    ] as const) {
      let list = ties.get(a);
      if (!list) ties.set(a, (list = []));
      list.push({ other: b, e });
    }
  }
  const armsLayer = layers.find((l) => l.id === 'arms' && l.available);
  const scores = new Map<string, InterconnectorScore>();
  const layerProv = layers.flatMap((l) => l.provenance);
  nodes.forEach((state, v) => {
    const bloc = blocOf(state);
    const my = ties.get(state) ?? [];
    const layerParts: Partial<Record<LayerId, LayerContribution>> = {};
    for (const layer of layers) {
      if (!layer.available) continue;
      const c: LayerContribution = {
        west: 0,
        east: 0,
        other: 0,
        score: perLayer.get(layer.id)?.score(v) ?? (alignment(v) === null ? null : 0),
      };
      for (const t of my) {
        const w = t.e.layers[layer.id] ?? 0;
        const ob = blocOf(t.other);
        if (ob === 'west') c.west += w;
        else if (ob === 'china-russia') c.east += w;
        else c.other += w;
      }
      layerParts[layer.id] = c;
    }
    const counterpart = (want: Bloc): Counterpart[] =>
      my
        .filter((t) => blocOf(t.other) === want)
        .sort((a, b) => b.e.weight - a.e.weight || (a.other < b.other ? -1 : 1))
        .slice(0, 5)
        .map((t) => ({
          state: t.other,
          bloc: want,
          weight: t.e.weight,
          layers: t.e.layers,
          ...(t.e.carried ? { carried: t.e.carried } : {}),
        }));
    const maxShare = maxOf(main.stats.share),
      maxOpp = maxOf(main.stats.opposingWeighted);
    scores.set(state, {
      state,
      name: inputs.registry.nameOf(state, year) ?? state,
      year,
      bloc,
      score: main.score(v),
      rank: null,
      parts: {
        alignment: alignment(v),
        alignmentVotes: alignmentParts(state)?.votes ?? null,
        guarantee: guarantee.get(state) ?? null,
        gate: gates.get(state) ?? null,
        bridging: maxShare > 0 ? main.stats.share[v]! / maxShare : 0,
        brokerage: maxOpp > 0 ? Math.log1p(main.stats.opposingWeighted[v]!) / Math.log1p(maxOpp) : 0,
        crossShare: main.stats.share[v]!,
        crossPairs: main.stats.pairs[v]!,
        opposingPaths: main.stats.opposing[v]!,
        opposingWeighted: main.stats.opposingWeighted[v]!,
        degree: my.length,
        strength: my.reduce((s, t) => s + t.e.weight, 0),
      },
      roles: { raw: roleSet(raw, v), zSna: roleSet(zSna, v), zDegree: zDeg ? roleSet(zDeg, v) : null },
      layers: layerParts,
      counterparts: { west: counterpart('west'), east: counterpart('china-russia') },
      cut: [...hostility.pairs.values()].filter((p) => p.a === state || p.b === state),
      connectedness: armsLayer ? connectedness(state, armsLayer, blocs) : null,
      provenance: [blocs.provenance, ...layerProv, ...(faceValidity ? [hostility.provenance] : [])],
    });
  });
  const ranked = [...scores.values()]
    .filter((s) => s.score !== null)
    .sort((a, b) => (b.score as number) - (a.score as number) || (a.state < b.state ? -1 : 1));
  ranked.forEach((s, i) => {
    s.rank = i + 1;
  });
  return {
    year,
    layers,
    weights,
    blocs,
    nodes,
    edges,
    scores,
    hostility,
    settings: {
      faceValidity,
      carryAlliances: options.carryAlliances ?? true,
      nullSamples,
      seed,
      voteK: options.voteK ?? 5,
      igoK: options.igoK ?? 10,
      armsWindow: options.armsWindow ?? inputs.config.armsWindow,
      eventWindow: options.eventWindow ?? inputs.config.eventWindow,
    },
  };
}

/**
 * The interconnector index by state for a year (ISO3 → score, roles, layers, counterparts,
 * provenance), for the framework's gatekeeper component.
 */
export function interconnectorScores(
  inputs: FrameworkInputs,
  year: number,
  options: InterconnectorOptions = {},
): Map<string, InterconnectorScore> {
  return interconnectorRun(inputs, year, options).scores;
}

/** The strongest alliance tie of each state to a pole leader (the leaders themselves excluded). */
export function poleGuarantees(
  alliances: Layer,
  leaders: readonly string[],
): Map<string, { from: string; weight: number }> {
  const out = new Map<string, { from: string; weight: number }>();
  const set = new Set(leaders);
  for (const e of alliances.edges) {
    for (const [leader, state] of [
      [e.source, e.target],
      [e.target, e.source],
    ] as const) {
      if (!set.has(leader) || set.has(state)) continue;
      const cur = out.get(state);
      if (!cur || e.weight > cur.weight) out.set(state, { from: leader, weight: e.weight });
    }
  }
  return out;
}

/**
 * Aiyar & Ohnsorge (2024) on the data we hold: transactions = arms transfers (TIV, both directions,
 * over the arms window), distance = |θ_v − θ_j| on the bloc window's mean ideal points;
 * vulnerability = Σ w d / Σ w, connectedness = sqrt(Σ w (d − mean)² / Σ w). Null with < 2 partners.
 */
export function connectedness(state: string, arms: Layer, blocs: BlocAssignment): Connectedness | null {
  const x = blocs.position.get(state);
  if (x === undefined) return null;
  const w = new Map<string, number>();
  for (const e of arms.edges) {
    const other = e.source === state ? e.target : e.target === state ? e.source : null;
    if (other && blocs.position.has(other)) w.set(other, (w.get(other) ?? 0) + e.weight);
  }
  if (w.size < 2) return null;
  let sw = 0,
    sd = 0;
  for (const [o, wt] of w) {
    sw += wt;
    sd += wt * Math.abs(x - blocs.position.get(o)!);
  }
  const mean = sd / sw;
  let v = 0;
  for (const [o, wt] of w) v += wt * (Math.abs(x - blocs.position.get(o)!) - mean) ** 2;
  return {
    vulnerability: mean,
    connectedness: Math.sqrt(v / sw),
    partners: w.size,
    uses:
      `SIPRI arms transfers ${arms.note} (TIV, supplied + received) ` +
      `× BSV ideal-point distance ${blocs.window.join('–')}`,
  };
}

/** The network view: nodes with bloc and score, multiplex edges with their per-layer weights. */
export function interconnectorNetwork(run: InterconnectorRun): {
  nodes: Array<{ id: string; name: string; bloc: Bloc; score: number | null; rank: number | null }>;
  edges: MultiplexEdge[];
} {
  return {
    nodes: run.nodes.map((id) => {
      const s = run.scores.get(id)!;
      return { id, name: s.name, bloc: s.bloc, score: s.score, rank: s.rank };
    }),
    edges: run.edges,
  };
}
