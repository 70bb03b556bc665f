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
  /** Of unassigned_mt, what was left unplaced because the only paths left were absurd detours. */
  detour_mt: number;
  /** Why cargo is unplaced, in words (empty when all of it is placed). */
  unplaced: string;
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
  /** Paths longer than this many times the great-circle distance of their end nodes are refused. */
  maxCircuity: number;
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
  detour: number;
  /** The circuity of the first path refused as a detour. */
  refused: { km: number; gc: number; path: string[] } | null;
}

/** Default circuity limit when params.yaml states none. */
export const MAX_CIRCUITY = 3;

const R_EARTH = 6371;
/** Great-circle distance in km between two nodes. */
export function greatCircleKm(a: NetNode, b: NetNode): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad,
    dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * R_EARTH * Math.asin(Math.min(1, Math.sqrt(h)));
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

/**
 * Countries a path crosses, each once (sea waypoints excluded), less the origin's and the
 * destination's countries; an end in a gateway region (`keep`) keeps its country as transit.
 */
export function transitCountries(
  net: CorridorNetwork,
  used: readonly UsedLeg[],
  keep: { origin?: boolean; destination?: boolean } = {},
): string[] {
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
  if (!keep.origin) out.delete(first.country);
  if (!keep.destination) out.delete(last.country);
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
  const maxCircuity = net.params.max_circuity?.value ?? MAX_CIRCUITY;

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
      detour: 0,
      refused: null,
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
        // An absurd detour (a closure leaving only the long way round) leaves the cargo unplaced.
        const ends = pathNodes(net, used);
        const gc = greatCircleKm(
          net.nodes[ends[0] as number] as NetNode,
          net.nodes[ends[ends.length - 1] as number] as NetNode,
        );
        const km = used.reduce((sum, u) => sum + (net.legs[u.leg] as NetLeg).km, 0);
        if (gc > 0 && km > maxCircuity * gc) {
          w.unassigned += amount;
          w.detour += amount;
          w.refused ??= { km, gc, path: describeLegs(net, used).path };
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
      const tc = transitCountries(net, f.used, { origin: w.a.gateway, destination: w.b.gateway });
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
      detour_mt: w.detour,
      unplaced: unplacedReason(w, assigned, maxCircuity),
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
  return { by, maxCircuity, ods, legs, transit: transitRows };
}

function unplacedReason(w: OdWork, assigned: number, maxCircuity: number): string {
  const left = w.demand - assigned;
  if (left <= 1e-6) return '';
  const parts: string[] = [];
  if (w.detour > 1e-6 && w.refused)
    parts.push(
      `${w.detour.toFixed(2)} Mt unplaced: the only open path (${w.refused.path.join(' › ')}) is ` +
        `${Math.round(w.refused.km)} km, ${(w.refused.km / w.refused.gc).toFixed(1)}× the ` +
        `${Math.round(w.refused.gc)} km great-circle distance (limit ${maxCircuity}×)`,
    );
  const other = left - w.detour;
  if (other > 1e-6) parts.push(`${other.toFixed(2)} Mt unplaced: no open path with spare capacity`);
  return parts.join('; ');
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
