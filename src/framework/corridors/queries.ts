/**
 * Read-only views of the corridor model for the CLI, API and map: the scenario catalogue,
 * the network geometry, composed scenarios and provenance. Routing and assignment stay in
 * route.ts / assign.ts; these functions only select, combine and describe.
 */
import { corridorNetwork } from './index.ts';
import { loadCorridorData } from './load.ts';
import type { CorridorData, Where } from './load.ts';
import type { CorridorNetwork, NetLeg } from './network.ts';
import { describeLegs, route } from './route.ts';
import type { Criterion, RouteLeg, RouteResult } from './route.ts';
import { applyScenario, findScenario, runNetwork } from './scenario.ts';
import type { ScenarioRun } from './scenario.ts';
import { MODES } from './schema.ts';
import type { LegStatus, Mode } from './schema.ts';

let dataCache: CorridorData | null = null;

function corridorData(): CorridorData {
  dataCache ??= loadCorridorData();
  return dataCache;
}

export interface ScenarioSummary {
  id: string;
  name: string;
  summary: string | null;
  window: { from?: string; to?: string } | null;
  edits: number;
  sources: string[];
  where: Where;
}

/** The built-in scenarios (kb/corridors/scenarios/), in file order. */
export function listScenarios(): ScenarioSummary[] {
  return corridorData().scenarios.map((s) => ({
    id: s.id,
    name: s.name,
    summary: s.summary ?? null,
    window: s.window ?? null,
    edits: s.edits.length,
    sources: s.sources,
    where: s.where,
  }));
}

export function isBuiltinScenario(id: string): boolean {
  return corridorData().scenarios.some((s) => s.id === id);
}

/**
 * The network with the given overlays applied in order (built-in ids or scenario files).
 * Overlays compose: e.g. georgia-closed then tripp-open shows whether the Syunik route
 * replaces the Georgian segment.
 */
export function networkUnder(scenarios: readonly string[] = []): CorridorNetwork {
  const base = corridorNetwork();
  if (scenarios.length === 0) return base;
  const data = corridorData();
  let net = base;
  const applied: string[] = [];
  const names: string[] = [];
  for (const s of scenarios) {
    const entry = findScenario(data, s);
    net = applyScenario(net, entry);
    applied.push(entry.id);
    names.push(entry.name);
  }
  if (applied.length === 1) return net;
  return { ...net, scenario: { id: applied.join('+'), name: names.join(' + '), window: undefined } };
}

/**
 * Exact total cost of a route's legs (USD/t), recomputed from the legs rather than summed from rounded
 * figures.
 */
export function routeCost(net: CorridorNetwork, legs: readonly RouteLeg[]): number {
  const used = legs.map((l) => {
    const i = net.legById.get(l.id);
    if (i === undefined) throw new Error(`route leg '${l.id}' is not in the network`);
    const leg = net.legs[i] as NetLeg;
    return { leg: i, reversed: (net.nodes[leg.from] as { id: string }).id !== l.from_id };
  });
  return describeLegs(net, used).cost_usd_per_t;
}

export interface RouteQuery {
  scenarios?: readonly string[];
  by?: Criterion;
  alternatives?: number;
}

/** `corridorRoute` over composed overlays, plus the best route's cost (alternatives carry theirs). */
export function routeUnder(
  from: string,
  to: string,
  q: RouteQuery = {},
): RouteResult & { cost_usd_per_t: number } {
  const net = networkUnder(q.scenarios ?? []);
  const r = route(net, from, to, { by: q.by ?? 'time', alternatives: q.alternatives ?? 2 });
  return {
    from: r.from,
    to: r.to,
    by: r.by,
    km: r.km,
    hours: r.hours,
    path: r.path,
    legs: r.legs,
    alternatives: r.alternatives,
    cost_usd_per_t: routeCost(net, r.legs),
  };
}

export function transitUnder(q: { scenarios?: readonly string[]; by?: Criterion } = {}): ScenarioRun {
  return runNetwork(networkUnder(q.scenarios ?? []), { by: q.by ?? 'time' });
}

export interface LegProvenance {
  leg: string;
  sources: string[];
  estimated: string[];
  where: Where | null;
}

/** Where each leg's figures come from: cited source ids, estimated fields and the kb file:line. */
export function legProvenance(
  legIds: Iterable<string>,
  net: CorridorNetwork = corridorNetwork(),
): LegProvenance[] {
  const where = new Map(corridorData().legs.map((l) => [l.id, l.where] as const));
  const out: LegProvenance[] = [];
  for (const id of new Set(legIds)) {
    const i = net.legById.get(id);
    if (i === undefined) continue;
    const l = net.legs[i] as NetLeg;
    out.push({
      leg: id,
      sources: l.entry.sources,
      estimated: l.entry.estimated ?? [],
      where: where.get(id) ?? null,
    });
  }
  return out;
}

export interface MapNode {
  id: string;
  name: string;
  country: string;
  kind: string;
  lat: number;
  lon: number;
  at_sea: boolean;
  open: boolean;
  capacity_mt: number | null;
}

export interface MapLeg {
  id: string;
  from: string;
  to: string;
  mode: Mode;
  km: number;
  hours: number;
  status: LegStatus;
  /** False when closed by its status or by a scenario (including closed transit countries). */
  open: boolean;
  oneway: boolean;
  via: string[];
  capacity_mt: number | null;
  corridors: string[];
  sources: string[];
}

export interface NetworkView {
  scenario: { id: string; name: string } | null;
  modes: readonly Mode[];
  nodes: MapNode[];
  legs: MapLeg[];
  regions: { id: string; name: string; nodes: string[] }[];
  demands: {
    id: string;
    name: string;
    from: string;
    to: string;
    year: number;
    mt: number;
    sources: string[];
  }[];
}

/**
 * Nodes with coordinates and legs with mode, status and capacity, as the map draws them.
 * `open` folds in country closures so the map can dash every leg a flow may not use; a
 * country closed to transit only still lets flows start or end there, so those legs stay open.
 */
export function networkView(scenarios: readonly string[] = []): NetworkView {
  const net = networkUnder(scenarios);
  const nodeOpen = (i: number): boolean => {
    const n = net.nodes[i];
    return n !== undefined && n.open && !net.closedCountries.has(n.country);
  };
  return {
    scenario: net.scenario ? { id: net.scenario.id, name: net.scenario.name } : null,
    modes: MODES,
    nodes: net.nodes.map((n) => ({
      id: n.id,
      name: n.name,
      country: n.country,
      kind: n.kind,
      lat: n.lat,
      lon: n.lon,
      at_sea: n.atSea,
      open: nodeOpen(n.index),
      capacity_mt: Number.isFinite(n.capacityMt) ? n.capacityMt : null,
    })),
    legs: net.legs.map((l) => ({
      id: l.id,
      from: (net.nodes[l.from] as { id: string }).id,
      to: (net.nodes[l.to] as { id: string }).id,
      mode: l.mode,
      km: l.km,
      hours: l.hours,
      status: l.status,
      open: l.open && nodeOpen(l.from) && nodeOpen(l.to) && !l.via.some((c) => net.closedCountries.has(c)),
      oneway: l.oneway,
      via: [...l.via],
      capacity_mt: Number.isFinite(l.capacityMt) ? l.capacityMt : null,
      corridors: l.entry.corridors ?? [],
      sources: l.entry.sources,
    })),
    regions: net.regions.map((r) => ({
      id: r.id,
      name: r.name,
      nodes: r.nodes.map((i) => (net.nodes[i] as { id: string }).id),
    })),
    demands: net.demands.map((d) => ({
      id: d.id,
      name: d.name,
      from: d.from,
      to: d.to,
      year: d.year,
      mt: d.mt,
      sources: d.entry.sources,
    })),
  };
}
