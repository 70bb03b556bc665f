/**
 * Routing on a state-expanded graph: a state is (layer, node, arrival mode), so that mode
 * changes (transshipment), node dwell and customs borders can be charged exactly, and a
 * route forced through `via` places keeps those charges at the via node.
 */
import { csrFromEdges, dijkstra, extractPath } from '../../graph/dijkstra.ts';
import type { GraphPath, WeightedGraph } from '../../graph/dijkstra.ts';
import { yenKShortestPaths } from '../../graph/yen.ts';
import { MODE_COUNT } from './network.ts';
import type { CorridorNetwork, NetLeg, NetNode } from './network.ts';
import { resolvePlace } from './resolve.ts';
import type { Place } from './resolve.ts';

export type Criterion = 'time' | 'distance' | 'cost';
export const CRITERIA: readonly Criterion[] = ['time', 'distance', 'cost'];

/** Cost of a leg itself under a criterion (no node or border charges). */
export function legWeight(net: CorridorNetwork, leg: NetLeg, c: Criterion): number {
  if (c === 'distance') return leg.km;
  if (c === 'time') return leg.hours;
  return leg.costUsdPerT ?? leg.km * net.params.cost_usd_per_tkm[leg.mode].value;
}

export function borderCharge(net: CorridorNetwork, leg: NetLeg, c: Criterion): number {
  if (leg.crossings === 0 || c === 'distance') return 0;
  if (c === 'time') return leg.crossings * (leg.borderHours ?? net.params.border.hours[leg.mode]);
  return leg.crossings * net.params.border.cost_usd_per_t[leg.mode];
}

export function passCharge(node: NetNode, c: Criterion): number {
  return c === 'time' ? node.dwellHours : 0;
}

export function transferCharge(net: CorridorNetwork, node: NetNode, c: Criterion): number {
  if (c === 'distance') return 0;
  if (c === 'time') return node.transferHours ?? net.params.transfer.hours;
  return net.params.transfer.cost_usd_per_t;
}

/** Which nodes a flow between these endpoint sets may use, after closures. */
export function allowedNodes(net: CorridorNetwork, endpoints: readonly number[]): Uint8Array {
  const endCountries = new Set(endpoints.map((i) => (net.nodes[i] as NetNode).country));
  const ok = new Uint8Array(net.nodes.length);
  for (const n of net.nodes) {
    if (!n.open || net.closedCountries.has(n.country)) continue;
    if (!n.atSea && net.transitClosedCountries.has(n.country) && !endCountries.has(n.country)) continue;
    ok[n.index] = 1;
  }
  return ok;
}

export function legUsable(
  net: CorridorNetwork,
  leg: NetLeg,
  ok: Uint8Array,
  endCountries: ReadonlySet<string>,
): boolean {
  if (!leg.open || ok[leg.from] === 0 || ok[leg.to] === 0) return false;
  for (const c of leg.via) {
    if (net.closedCountries.has(c)) return false;
    if (net.transitClosedCountries.has(c) && !endCountries.has(c)) return false;
  }
  return true;
}

export interface ExpandedGraph extends WeightedGraph {
  source: number;
  sink: number;
  /** Physical leg of each CSR edge, -1 for layer and terminal edges. */
  edgeLeg: Int32Array;
  /** 0 when the leg is used from → to, 1 when reversed. */
  edgeDir: Uint8Array;
  /** Physical node an edge enters (-1 for the sink edges), used to mask saturated nodes. */
  edgeHeadNode: Int32Array;
  edgeTailNode: Int32Array;
}

/**
 * Builds the expanded graph for one query. `layers` is [origins, via1, …, destinations];
 * layer i runs from layers[i] to layers[i+1].
 */
export function buildExpanded(
  net: CorridorNetwork,
  c: Criterion,
  layers: readonly (readonly number[])[],
): ExpandedGraph {
  const endpoints = layers.flat();
  const ok = allowedNodes(net, endpoints);
  const endCountries = new Set(endpoints.map((i) => (net.nodes[i] as NetNode).country));
  const n = net.nodes.length;
  const S = MODE_COUNT + 1;
  const segments = layers.length - 1;
  const perLayer = n * S;
  const source = perLayer * segments;
  const sink = source + 1;
  const state = (layer: number, v: number, m: number): number => layer * perLayer + v * S + m;
  const from: number[] = [];
  const to: number[] = [];
  const w: number[] = [];
  const leg: number[] = [];
  const dir: number[] = [];
  const head: number[] = [];
  const tail: number[] = [];
  const push = (a: number, b: number, weight: number, l: number, d: number, t: number, h: number): void => {
    from.push(a);
    to.push(b);
    w.push(weight);
    leg.push(l);
    dir.push(d);
    tail.push(t);
    head.push(h);
  };
  // Arrival modes present at each node, so we only create reachable states.
  const modesAt: number[][] = Array.from({ length: n }, () => []);
  const usable: NetLeg[] = [];
  for (const l of net.legs) {
    if (!legUsable(net, l, ok, endCountries)) continue;
    usable.push(l);
    const addMode = (v: number): void => {
      const list = modesAt[v] as number[];
      if (!list.includes(l.modeIndex)) list.push(l.modeIndex);
    };
    addMode(l.to);
    if (!l.oneway) addMode(l.from);
  }
  const originMode = MODE_COUNT;
  for (let layer = 0; layer < segments; layer++) {
    const starts = new Set(layers[layer] as readonly number[]);
    for (const l of usable) {
      const base = legWeight(net, l, c) + borderCharge(net, l, c);
      for (let d = 0; d < (l.oneway ? 1 : 2); d++) {
        const u = d === 0 ? l.from : l.to;
        const v = d === 0 ? l.to : l.from;
        const un = net.nodes[u] as NetNode;
        const arrival = modesAt[u] as number[];
        for (const m of arrival) {
          const charge = passCharge(un, c) + (m !== l.modeIndex ? transferCharge(net, un, c) : 0);
          push(state(layer, u, m), state(layer, v, l.modeIndex), base + charge, l.index, d, u, v);
        }
        if (layer === 0 ? starts.has(u) : false)
          push(state(layer, u, originMode), state(layer, v, l.modeIndex), base, l.index, d, u, v);
      }
    }
    if (layer === 0) {
      for (const s of starts) if (ok[s] === 1) push(source, state(0, s, originMode), 0, -1, 0, s, s);
    }
    // Hand-over to the next layer keeps the arrival mode, so charges at the via node still apply.
    const nextSet = layers[layer + 1] as readonly number[];
    for (const v of nextSet) {
      if (ok[v] === 0) continue;
      if (layer + 1 < segments) {
        for (const m of modesAt[v] as number[])
          push(state(layer, v, m), state(layer + 1, v, m), 0, -1, 0, v, v);
        if (layer === 0 && starts.has(v))
          push(state(0, v, originMode), state(1, v, originMode), 0, -1, 0, v, v);
      } else {
        for (const m of modesAt[v] as number[]) push(state(layer, v, m), sink, 0, -1, 0, v, -1);
        if (segments === 1 && starts.has(v)) push(state(0, v, originMode), sink, 0, -1, 0, v, -1);
      }
    }
  }
  // Later layers need origin-mode states only when a via node is also the origin; the hand-over edges above
  // cover it.
  for (let layer = 1; layer < segments; layer++) {
    for (const v of layers[layer] as readonly number[]) {
      if (!(layers[0] as readonly number[]).includes(v) || ok[v] === 0) continue;
      for (const l of usable) {
        for (let d = 0; d < (l.oneway ? 1 : 2); d++) {
          const u = d === 0 ? l.from : l.to;
          if (u !== v) continue;
          const tgt = d === 0 ? l.to : l.from;
          push(
            state(layer, u, originMode),
            state(layer, tgt, l.modeIndex),
            legWeight(net, l, c) + borderCharge(net, l, c),
            l.index,
            d,
            u,
            tgt,
          );
        }
      }
    }
  }
  const csr = csrFromEdges(sink + 1, from, to, w);
  const o = csr.edgeOrigin;
  const m = o.length;
  const edgeLeg = new Int32Array(m);
  const edgeDir = new Uint8Array(m);
  const edgeHeadNode = new Int32Array(m);
  const edgeTailNode = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    const k = o[i] as number;
    edgeLeg[i] = leg[k] as number;
    edgeDir[i] = dir[k] as number;
    edgeHeadNode[i] = head[k] as number;
    edgeTailNode[i] = tail[k] as number;
  }
  return {
    n: csr.n,
    offsets: csr.offsets,
    targets: csr.targets,
    weights: csr.weights,
    source,
    sink,
    edgeLeg,
    edgeDir,
    edgeHeadNode,
    edgeTailNode,
  };
}

export interface UsedLeg {
  leg: number;
  reversed: boolean;
}

export function pathLegs(g: ExpandedGraph, p: GraphPath): UsedLeg[] {
  const out: UsedLeg[] = [];
  for (const e of p.edges) {
    const l = g.edgeLeg[e] as number;
    if (l >= 0) out.push({ leg: l, reversed: g.edgeDir[e] === 1 });
  }
  return out;
}

/** One leg of a route as printed by `corridors route` (field names are a stable contract). */
export interface RouteLeg {
  id: string;
  from: string;
  to: string;
  from_id: string;
  to_id: string;
  mode: string;
  km: number;
  hours: number;
  /** Dwell, transfer and border time charged on entering this leg. */
  penalty_hours: number;
  cost_usd_per_t: number;
  status: string;
  countries: string[];
  capacity_mt: number | null;
  estimated: string[];
}

export interface RouteSummary {
  km: number;
  hours: number;
  cost_usd_per_t: number;
  path: string[];
  legs: RouteLeg[];
}

export interface RouteResult {
  from: string;
  to: string;
  by: Criterion;
  km: number;
  hours: number;
  path: string[];
  legs: RouteLeg[];
  alternatives: RouteSummary[];
}

const round = (x: number, d = 1): number => Math.round(x * 10 ** d) / 10 ** d;

export function describeLegs(net: CorridorNetwork, used: readonly UsedLeg[]): RouteSummary {
  const legs: RouteLeg[] = [];
  let km = 0;
  let hours = 0;
  let cost = 0;
  let prevMode = -1;
  const path: string[] = [];
  used.forEach((u, i) => {
    const l = net.legs[u.leg] as NetLeg;
    const a = net.nodes[u.reversed ? l.to : l.from] as NetNode;
    const b = net.nodes[u.reversed ? l.from : l.to] as NetNode;
    let pen = borderCharge(net, l, 'time');
    let penCost = borderCharge(net, l, 'cost');
    if (i > 0) {
      pen += passCharge(a, 'time');
      if (prevMode !== l.modeIndex) {
        pen += transferCharge(net, a, 'time');
        penCost += transferCharge(net, a, 'cost');
      }
    }
    prevMode = l.modeIndex;
    const legCost = legWeight(net, l, 'cost') + penCost;
    km += l.km;
    hours += l.hours + pen;
    cost += legCost;
    if (i === 0) path.push(a.name);
    path.push(b.name);
    const countries = [
      a.atSea ? null : a.country,
      ...(u.reversed ? [...l.via].reverse() : l.via),
      b.atSea ? null : b.country,
    ].filter((x): x is string => x !== null);
    legs.push({
      id: l.id,
      from: a.name,
      to: b.name,
      from_id: a.id,
      to_id: b.id,
      mode: l.mode,
      km: round(l.km),
      hours: round(l.hours),
      penalty_hours: round(pen),
      cost_usd_per_t: round(legCost, 2),
      status: l.status,
      countries: [...new Set(countries)],
      capacity_mt: Number.isFinite(l.capacityMt) ? l.capacityMt : null,
      estimated: l.entry.estimated ?? [],
    });
  });
  return { km: round(km), hours: round(hours), cost_usd_per_t: round(cost, 2), path, legs };
}

export class NoRouteError extends Error {
  constructor(from: string, to: string, scenario: string | null) {
    super(`no route from ${from} to ${to}${scenario ? ` under scenario '${scenario}'` : ''}`);
    this.name = 'NoRouteError';
  }
}

export interface RouteOptions {
  by?: Criterion;
  /** Number of alternatives besides the best route. */
  alternatives?: number;
  via?: readonly string[];
}

function placesFor(net: CorridorNetwork, q: string | Place): Place {
  return typeof q === 'string' ? resolvePlace(net, q) : q;
}

function visitsNodeTwice(net: CorridorNetwork, used: readonly UsedLeg[]): boolean {
  const seen = new Set<number>();
  for (const [i, u] of used.entries()) {
    const l = net.legs[u.leg] as NetLeg;
    const a = u.reversed ? l.to : l.from;
    const b = u.reversed ? l.from : l.to;
    if (i === 0) seen.add(a);
    if (seen.has(b)) return true;
    seen.add(b);
  }
  return false;
}

/** The best route and up to `alternatives` loopless alternatives between two places. */
export function route(
  net: CorridorNetwork,
  from: string | Place,
  to: string | Place,
  opts: RouteOptions = {},
): RouteResult {
  const by = opts.by ?? 'time';
  const a = placesFor(net, from);
  const b = placesFor(net, to);
  const via = (opts.via ?? []).map((v) => placesFor(net, v));
  const g = buildExpanded(net, by, [a.nodes, ...via.map((p) => p.nodes), b.nodes]);
  const want = 1 + Math.max(0, opts.alternatives ?? 2);
  // Yen may return paths that loop through a node in two arrival modes; ask for a few spare ones.
  const paths =
    want === 1
      ? [extractPath(dijkstra(g, [g.source], { target: g.sink }), g.sink)].filter(
          (p): p is GraphPath => p !== null,
        )
      : yenKShortestPaths(g, g.source, g.sink, want + 3);
  const summaries: RouteSummary[] = [];
  const keys = new Set<string>();
  for (const p of paths) {
    const used = pathLegs(g, p);
    if (used.length === 0 || visitsNodeTwice(net, used)) continue;
    const key = used.map((u) => `${u.leg}${u.reversed ? 'r' : ''}`).join(',');
    if (keys.has(key)) continue;
    keys.add(key);
    summaries.push(describeLegs(net, used));
    if (summaries.length === want) break;
  }
  const best = summaries[0];
  if (best === undefined) throw new NoRouteError(a.name, b.name, net.scenario?.id ?? null);
  return {
    from: a.name,
    to: b.name,
    by,
    km: best.km,
    hours: best.hours,
    path: best.path,
    legs: best.legs,
    alternatives: summaries.slice(1),
  };
}
