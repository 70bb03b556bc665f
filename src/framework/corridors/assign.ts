/**
 * Capacity-aware incremental assignment of OD demands, per-country transit shares, and
 * max-flow/min-cut bottlenecks. Flows never exceed a leg's per-direction capacity or a
 * node's throughput capacity: each increment is cut to the residual bottleneck of its path.
 */
import { dijkstra, extractPath } from '../../graph/dijkstra.ts';
import { FlowNetwork } from '../../graph/maxflow.ts';
import type { CorridorNetwork, NetLeg, NetNode } from './network.ts';
import { resolvePlace } from './resolve.ts';
import type { Place } from './resolve.ts';
import { allowedNodes, buildExpanded, describeLegs, legUsable, pathLegs } from './route.ts';
import type { Criterion, ExpandedGraph, UsedLeg } from './route.ts';

const EPS = 1e-9;

export interface AssignOptions {
  by?: Criterion;
  /** Each demand is loaded in this many equal slices, round-robin across demands. */
  increments?: number;
}

export interface PathFlow {
  path: string[];
  mt: number;
  km: number;
  hours: number;
  transit_countries: string[];
}

export interface OdAssignment {
  od: string;
  name: string;
  from: string;
  to: string;
  demand_mt: number;
  assigned_mt: number;
  unassigned_mt: number;
  paths: PathFlow[];
}

export interface LegFlow {
  leg: string;
  mode: string;
  forward_mt: number;
  backward_mt: number;
  capacity_mt: number | null;
  /** Higher of the two directions' flow / capacity; null without a capacity figure. */
  utilisation: number | null;
}

export interface TransitRow {
  country: string;
  mt: number;
  by_od: { od: string; mt: number; share: number }[];
}

export interface AssignmentResult {
  by: Criterion;
  ods: OdAssignment[];
  legs: LegFlow[];
  transit: TransitRow[];
}

interface OdWork {
  od: string;
  name: string;
  a: Place;
  b: Place;
  demand: number;
  g: ExpandedGraph | null;
  flows: Map<string, { used: UsedLeg[]; mt: number }>;
  unassigned: number;
}

export function pathNodes(net: CorridorNetwork, used: readonly UsedLeg[]): number[] {
  const out: number[] = [];
  used.forEach((u, i) => {
    const l = net.legs[u.leg] as NetLeg;
    if (i === 0) out.push(u.reversed ? l.to : l.from);
    out.push(u.reversed ? l.from : l.to);
  });
  return out;
}

/** Countries crossed strictly between origin and destination (sea waypoints excluded). */
export function transitCountries(net: CorridorNetwork, used: readonly UsedLeg[]): string[] {
  const nodes = pathNodes(net, used);
  const first = net.nodes[nodes[0] as number] as NetNode;
  const last = net.nodes[nodes[nodes.length - 1] as number] as NetNode;
  const out = new Set<string>();
  for (const u of used) {
    const l = net.legs[u.leg] as NetLeg;
    for (const n of [net.nodes[l.from] as NetNode, net.nodes[l.to] as NetNode])
      if (!n.atSea) out.add(n.country);
    for (const c of l.via) out.add(c);
  }
  out.delete(first.country);
  out.delete(last.country);
  return [...out].sort();
}

export function assignDemands(net: CorridorNetwork, opts: AssignOptions = {}): AssignmentResult {
  const by = opts.by ?? 'time';
  const K = Math.max(1, opts.increments ?? 20);
  const L = net.legs.length;
  const legResidual = new Float64Array(2 * L);
  for (const l of net.legs) {
    legResidual[2 * l.index] = l.capacityMt;
    legResidual[2 * l.index + 1] = l.oneway ? 0 : l.capacityMt;
  }
  const nodeResidual = new Float64Array(net.nodes.length);
  for (const n of net.nodes) nodeResidual[n.index] = n.capacityMt;
  const legFlow = new Float64Array(2 * L);

  const work: OdWork[] = net.demands.map((d) => {
    const a = resolvePlace(net, d.from);
    const b = resolvePlace(net, d.to);
    return {
      od: d.id,
      name: d.name,
      a,
      b,
      demand: d.mt,
      g: d.mt > 0 ? buildExpanded(net, by, [a.nodes, b.nodes]) : null,
      flows: new Map(),
      unassigned: 0,
    };
  });

  for (let round = 0; round < K; round++) {
    for (const w of work) {
      if (w.g === null) continue;
      const g = w.g;
      let amount = w.demand / K;
      const mask = new Uint8Array(g.targets.length);
      while (amount > EPS) {
        for (let e = 0; e < mask.length; e++) {
          const l = g.edgeLeg[e] as number;
          const h = g.edgeHeadNode[e] as number;
          const t = g.edgeTailNode[e] as number;
          mask[e] =
            (l >= 0 && (legResidual[2 * l + (g.edgeDir[e] as number)] as number) <= EPS) ||
            (h >= 0 && (nodeResidual[h] as number) <= EPS) ||
            (t >= 0 && (nodeResidual[t] as number) <= EPS)
              ? 1
              : 0;
        }
        const p = extractPath(dijkstra(g, [g.source], { target: g.sink, edgeMask: mask }), g.sink);
        const used = p === null ? [] : pathLegs(g, p);
        if (used.length === 0) {
          w.unassigned += amount;
          break;
        }
        let take = amount;
        for (const u of used) take = Math.min(take, legResidual[2 * u.leg + (u.reversed ? 1 : 0)] as number);
        const nodes = [...new Set(pathNodes(net, used))];
        for (const v of nodes) take = Math.min(take, nodeResidual[v] as number);
        for (const u of used) {
          const k = 2 * u.leg + (u.reversed ? 1 : 0);
          legResidual[k] = (legResidual[k] as number) - take;
          legFlow[k] = (legFlow[k] as number) + take;
        }
        for (const v of nodes) nodeResidual[v] = (nodeResidual[v] as number) - take;
        const key = used.map((u) => `${u.leg}${u.reversed ? 'r' : ''}`).join(',');
        const prev = w.flows.get(key);
        if (prev) prev.mt += take;
        else w.flows.set(key, { used, mt: take });
        amount -= take;
      }
    }
  }

  const transit = new Map<string, Map<string, number>>();
  const ods: OdAssignment[] = work.map((w) => {
    const paths: PathFlow[] = [];
    let assigned = 0;
    for (const f of w.flows.values()) {
      const s = describeLegs(net, f.used);
      const tc = transitCountries(net, f.used);
      paths.push({ path: s.path, mt: f.mt, km: s.km, hours: s.hours, transit_countries: tc });
      assigned += f.mt;
      for (const c of tc) {
        const row = transit.get(c) ?? new Map<string, number>();
        row.set(w.od, (row.get(w.od) ?? 0) + f.mt);
        transit.set(c, row);
      }
    }
    paths.sort((x, y) => y.mt - x.mt);
    return {
      od: w.od,
      name: w.name,
      from: w.a.name,
      to: w.b.name,
      demand_mt: w.demand,
      assigned_mt: assigned,
      unassigned_mt: w.demand - assigned,
      paths,
    };
  });

  const legs: LegFlow[] = [];
  for (const l of net.legs) {
    const fwd = legFlow[2 * l.index] as number;
    const bwd = legFlow[2 * l.index + 1] as number;
    if (fwd <= EPS && bwd <= EPS) continue;
    const cap = Number.isFinite(l.capacityMt) ? l.capacityMt : null;
    legs.push({
      leg: l.id,
      mode: l.mode,
      forward_mt: fwd,
      backward_mt: bwd,
      capacity_mt: cap,
      utilisation: cap === null ? null : cap === 0 ? 1 : Math.max(fwd, bwd) / cap,
    });
  }
  const demandOf = new Map(ods.map((o) => [o.od, o.demand_mt] as const));
  const transitRows: TransitRow[] = [...transit.entries()]
    .map(([country, row]) => ({
      country,
      mt: [...row.values()].reduce((s, x) => s + x, 0),
      by_od: [...row.entries()].map(([od, mt]) => ({
        od,
        mt,
        share: (demandOf.get(od) ?? 0) > 0 ? mt / (demandOf.get(od) as number) : 0,
      })),
    }))
    .sort((x, y) => y.mt - x.mt || x.country.localeCompare(y.country));
  return { by, ods, legs, transit: transitRows };
}

export interface CutElement {
  kind: 'leg' | 'node';
  id: string;
  capacity_mt: number;
}

export interface Bottleneck {
  od: string;
  /** null when some origin-destination path has no capacity figure at all. */
  maxflow_mt: number | null;
  cut: CutElement[];
}

/** Capacity used for legs and nodes without a figure: far above any corridor's flow. */
const UNKNOWN_CAPACITY = 1e6;

export function bottleneck(
  net: CorridorNetwork,
  from: string | Place,
  to: string | Place,
  od = '',
): Bottleneck {
  const a = typeof from === 'string' ? resolvePlace(net, from) : from;
  const b = typeof to === 'string' ? resolvePlace(net, to) : to;
  const endpoints = [...a.nodes, ...b.nodes];
  const ok = allowedNodes(net, endpoints);
  const endCountries = new Set(endpoints.map((i) => (net.nodes[i] as NetNode).country));
  const N = net.nodes.length;
  const S = 2 * N;
  const T = 2 * N + 1;
  const fn = new FlowNetwork(2 * N + 2, 2 * net.legs.length + N + endpoints.length);
  const arcInfo = new Map<number, CutElement | null>();
  const capOf = (x: number): number => (Number.isFinite(x) ? x : UNKNOWN_CAPACITY);
  for (const n of net.nodes) {
    if (ok[n.index] === 0) continue;
    const arc = fn.addEdge(2 * n.index, 2 * n.index + 1, capOf(n.capacityMt));
    arcInfo.set(
      arc,
      Number.isFinite(n.capacityMt) ? { kind: 'node', id: n.id, capacity_mt: n.capacityMt } : null,
    );
  }
  for (const l of net.legs) {
    if (!legUsable(net, l, ok, endCountries)) continue;
    const info = Number.isFinite(l.capacityMt)
      ? { kind: 'leg' as const, id: l.id, capacity_mt: l.capacityMt }
      : null;
    arcInfo.set(fn.addEdge(2 * l.from + 1, 2 * l.to, capOf(l.capacityMt)), info);
    if (!l.oneway) arcInfo.set(fn.addEdge(2 * l.to + 1, 2 * l.from, capOf(l.capacityMt)), info);
  }
  for (const s of a.nodes) if (ok[s] === 1) fn.addEdge(S, 2 * s, Infinity);
  for (const t of b.nodes) if (ok[t] === 1) fn.addEdge(2 * t + 1, T, Infinity);
  const value = fn.maxflow(S, T);
  if (value >= UNKNOWN_CAPACITY - EPS) return { od, maxflow_mt: null, cut: [] };
  const cut: CutElement[] = [];
  const seen = new Set<string>();
  for (const arc of fn.minCutArcs(S)) {
    const info = arcInfo.get(arc);
    if (!info || seen.has(info.id)) continue;
    seen.add(info.id);
    cut.push(info);
  }
  return { od, maxflow_mt: value, cut };
}

export function demandBottlenecks(net: CorridorNetwork): Bottleneck[] {
  return net.demands.map((d) => bottleneck(net, d.from, d.to, d.id));
}
