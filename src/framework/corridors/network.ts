/**
 * The indexed corridor network: nodes and legs with integer indices, plus the overlay
 * state (closures, capacities) that scenarios change. A scenario never mutates a network;
 * it returns a new one that shares the unchanged parts.
 */
import { MODES } from './schema.ts';
import type {
  DemandEntry,
  LegEntry,
  LegStatus,
  Mode,
  NodeEntry,
  Params,
  ReferenceRoute,
  RegionEntry,
} from './schema.ts';
import type { CorridorData, Where } from './load.ts';

export interface NetNode {
  readonly index: number;
  readonly id: string;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly country: string;
  readonly lat: number;
  readonly lon: number;
  readonly kind: NodeEntry['kind'];
  /** Waypoints at sea are on no country's territory: no transit, no border. */
  readonly atSea: boolean;
  readonly dwellHours: number;
  readonly transferHours: number | undefined;
  readonly capacityMt: number;
  readonly open: boolean;
  readonly entry: NodeEntry;
}

export interface NetLeg {
  readonly index: number;
  readonly id: string;
  readonly from: number;
  readonly to: number;
  readonly mode: Mode;
  readonly modeIndex: number;
  readonly km: number;
  /** Moving time plus scheduled waiting (e.g. for Caspian ferries). */
  readonly hours: number;
  readonly status: LegStatus;
  readonly open: boolean;
  readonly oneway: boolean;
  readonly via: readonly string[];
  /** Per direction, Mt/yr; Infinity when no figure is known. */
  readonly capacityMt: number;
  readonly costUsdPerT: number | undefined;
  readonly borderHours: number | undefined;
  /** Customs borders crossed along the leg (same either way). */
  readonly crossings: number;
  readonly entry: LegEntry;
}

export interface NetRegion {
  readonly id: string;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly nodes: readonly number[];
  /** A gateway region's countries stay transit countries for flows that end (or start) there. */
  readonly gateway: boolean;
}

export interface NetDemand {
  readonly id: string;
  readonly name: string;
  readonly from: string;
  readonly to: string;
  readonly year: number;
  readonly mt: number;
  readonly entry: DemandEntry;
}

export interface ScenarioInfo {
  id: string;
  name: string;
  window?: { from?: string; to?: string } | undefined;
}

export interface CorridorNetwork {
  readonly nodes: readonly NetNode[];
  readonly legs: readonly NetLeg[];
  readonly nodeById: ReadonlyMap<string, number>;
  readonly legById: ReadonlyMap<string, number>;
  readonly regions: readonly NetRegion[];
  readonly demands: readonly NetDemand[];
  readonly params: Params;
  readonly references: readonly (ReferenceRoute & { where: Where })[];
  /** Countries whose territory is closed to every flow. */
  readonly closedCountries: ReadonlySet<string>;
  /** Countries that flows may start or end in but not cross. */
  readonly transitClosedCountries: ReadonlySet<string>;
  readonly scenario: ScenarioInfo | null;
  /** Legs incident to each node (both directions for two-way legs). */
  readonly incident: readonly (readonly number[])[];
}

export const MODE_COUNT = MODES.length;

export function customsUnionOf(params: Params): Map<string, string> {
  const m = new Map<string, string>();
  for (const u of params.customs_unions) for (const c of u.members) m.set(c, u.id);
  return m;
}

/** Counts customs borders along from → via… → to. Arriving from international waters is one crossing. */
export function countCrossings(
  fromNode: NetNode | (NodeEntry & { atSea?: boolean }),
  toNode: NetNode | (NodeEntry & { atSea?: boolean }),
  via: readonly string[],
  unions: Map<string, string>,
): number {
  const seq: (string | null)[] = [
    fromNode.atSea ? null : fromNode.country,
    ...via,
    toNode.atSea ? null : toNode.country,
  ];
  let n = 0;
  for (let i = 1; i < seq.length; i++) {
    const a = seq[i - 1] ?? null;
    const b = seq[i] ?? null;
    if (b === null) continue;
    if (a === null) {
      n++;
      continue;
    }
    if (a === b) continue;
    const ua = unions.get(a);
    if (ua !== undefined && ua === unions.get(b)) continue;
    n++;
  }
  // A pure sea leg between two waypoints or from land to sea crosses nothing.
  return n;
}

export function isAtSea(kind: NodeEntry['kind']): boolean {
  return kind === 'waypoint';
}

function makeNode(e: NodeEntry, index: number, params: Params): NetNode {
  const gauge = e.gauge_change === true && e.dwell_hours === undefined ? params.gauge_change.hours : 0;
  return {
    index,
    id: e.id,
    name: e.name,
    aliases: e.aliases,
    country: e.country,
    lat: e.lat,
    lon: e.lon,
    kind: e.kind,
    atSea: isAtSea(e.kind),
    dwellHours: (e.dwell_hours ?? 0) + gauge,
    transferHours: e.transfer_hours,
    capacityMt: e.capacity_mt ?? Infinity,
    open: e.status === undefined || e.status === 'operational',
    entry: e,
  };
}

export function makeLeg(
  e: LegEntry,
  index: number,
  nodes: readonly NetNode[],
  nodeById: ReadonlyMap<string, number>,
  unions: Map<string, string>,
): NetLeg {
  const from = nodeById.get(e.from);
  const to = nodeById.get(e.to);
  if (from === undefined || to === undefined) throw new Error(`leg '${e.id}' references an unknown node`);
  return {
    index,
    id: e.id,
    from,
    to,
    mode: e.mode,
    modeIndex: MODES.indexOf(e.mode),
    km: e.km,
    hours: e.hours + (e.wait_hours ?? 0),
    status: e.status,
    open: e.status === 'operational',
    oneway: e.oneway === true,
    via: e.via ?? [],
    capacityMt: e.capacity_mt ?? Infinity,
    costUsdPerT: e.cost_usd_per_t,
    borderHours: e.border_hours,
    crossings: countCrossings(nodes[from] as NetNode, nodes[to] as NetNode, e.via ?? [], unions),
    entry: e,
  };
}

export function incidence(nodeCount: number, legs: readonly NetLeg[]): number[][] {
  const inc: number[][] = Array.from({ length: nodeCount }, () => []);
  for (const l of legs) {
    (inc[l.from] as number[]).push(l.index);
    if (l.to !== l.from) (inc[l.to] as number[]).push(l.index);
  }
  return inc;
}

export function regionNodes(
  r: RegionEntry,
  nodes: readonly NetNode[],
  nodeById: ReadonlyMap<string, number>,
): number[] {
  const out = new Set<number>();
  for (const id of r.nodes ?? []) {
    const i = nodeById.get(id);
    if (i !== undefined) out.add(i);
  }
  const countries = new Set(r.countries ?? []);
  if (countries.size > 0) for (const n of nodes) if (!n.atSea && countries.has(n.country)) out.add(n.index);
  return [...out].sort((a, b) => a - b);
}

export function buildNetwork(data: CorridorData): CorridorNetwork {
  const nodes = data.nodes.map((e, i) => makeNode(e, i, data.params));
  const nodeById = new Map(nodes.map((n) => [n.id, n.index] as const));
  const unions = customsUnionOf(data.params);
  const legs = data.legs.map((e, i) => makeLeg(e, i, nodes, nodeById, unions));
  const legById = new Map(legs.map((l) => [l.id, l.index] as const));
  const regions = data.regions.map((r) => ({
    id: r.id,
    name: r.name,
    aliases: r.aliases,
    nodes: regionNodes(r, nodes, nodeById),
    gateway: r.gateway,
  }));
  const demands = data.demands.map((d) => ({
    id: d.id,
    name: d.name,
    from: d.from,
    to: d.to,
    year: d.year,
    mt: d.mt,
    entry: d,
  }));
  return {
    nodes,
    legs,
    nodeById,
    legById,
    regions,
    demands,
    params: data.params,
    references: data.references,
    closedCountries: new Set(),
    transitClosedCountries: new Set(),
    scenario: null,
    incident: incidence(nodes.length, legs),
  };
}
