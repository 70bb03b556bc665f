/**
 * Scenarios are data (kb/corridors/scenarios/*.yaml): a list of edits applied as an overlay.
 * applyScenario returns a new network; the baseline object is never modified.
 */
import { existsSync } from 'node:fs';
import { checkScenarioRefs, readScenarioFile, CorridorDataError } from './load.ts';
import type { CorridorData, DataIssue, Located } from './load.ts';
import { customsUnionOf, incidence, makeLeg } from './network.ts';
import type { CorridorNetwork, NetDemand, NetLeg, NetNode } from './network.ts';
import type { ScenarioEntry } from './schema.ts';
import { assignDemands, demandBottlenecks } from './assign.ts';
import type { AssignOptions, AssignmentResult, Bottleneck } from './assign.ts';
import { NoRouteError, route } from './route.ts';
import type { Criterion, RouteResult } from './route.ts';

export const BUILTIN_SCENARIOS = [
  'suez-blocked-2021',
  'red-sea-2024',
  'russia-avoided',
  'poland-belarus-closed-2025',
  'georgia-closed',
  'rasht-astara-complete',
  'tripp-open',
  'wb-2030',
] as const;

function scaled(x: number, factor: number): number {
  // Infinity × 0 is NaN; an unknown capacity scaled to zero is a closure.
  return factor === 0 ? 0 : x * factor;
}

export function applyScenario(net: CorridorNetwork, s: ScenarioEntry): CorridorNetwork {
  const nodes: NetNode[] = [...net.nodes];
  let legs: NetLeg[] = [...net.legs];
  const demands: NetDemand[] = [...net.demands];
  const closed = new Set(net.closedCountries);
  const transitClosed = new Set(net.transitClosedCountries);
  let legById = net.legById;
  let added = false;
  const legIndex = (id: string): number => {
    const i = legById.get(id);
    if (i === undefined) throw new Error(`scenario '${s.id}': unknown leg '${id}'`);
    return i;
  };
  const nodeIndex = (id: string): number => {
    const i = net.nodeById.get(id);
    if (i === undefined) throw new Error(`scenario '${s.id}': unknown node '${id}'`);
    return i;
  };
  const unions = customsUnionOf(net.params);
  for (const e of s.edits) {
    if ('close' in e) {
      const c = e.close;
      if (c.leg !== undefined) {
        const i = legIndex(c.leg);
        legs[i] = { ...(legs[i] as NetLeg), open: false };
      } else if (c.node !== undefined) {
        const i = nodeIndex(c.node);
        nodes[i] = { ...(nodes[i] as NetNode), open: false };
      } else if (c.country !== undefined) {
        (c.transit_only === true ? transitClosed : closed).add(c.country);
      }
    } else if ('open' in e) {
      const i = legIndex(e.open.leg);
      legs[i] = { ...(legs[i] as NetLeg), open: true, status: 'operational' };
      const l = legs[i] as NetLeg;
      for (const v of [l.from, l.to])
        if (!(nodes[v] as NetNode).open) nodes[v] = { ...(nodes[v] as NetNode), open: true };
    } else if ('capacity' in e) {
      const c = e.capacity;
      if (c.leg !== undefined) {
        const i = legIndex(c.leg);
        const l = legs[i] as NetLeg;
        legs[i] = { ...l, capacityMt: c.mt ?? scaled(l.capacityMt, c.factor ?? 1) };
      } else if (c.node !== undefined) {
        const i = nodeIndex(c.node);
        const n = nodes[i] as NetNode;
        nodes[i] = { ...n, capacityMt: c.mt ?? scaled(n.capacityMt, c.factor ?? 1) };
      }
    } else if ('hours' in e) {
      const i = legIndex(e.hours.leg);
      const l = legs[i] as NetLeg;
      legs[i] = {
        ...l,
        hours: e.hours.add !== undefined ? l.hours + e.hours.add : l.hours * (e.hours.factor ?? 1),
      };
    } else if ('add_leg' in e) {
      if (!added) {
        legById = new Map(legById);
        added = true;
      }
      const leg = makeLeg(e.add_leg, legs.length, nodes, net.nodeById, unions);
      legs = [...legs, leg];
      (legById as Map<string, number>).set(leg.id, leg.index);
    } else if ('demand' in e) {
      const i = demands.findIndex((d) => d.id === e.demand.od);
      if (i < 0) throw new Error(`scenario '${s.id}': unknown demand '${e.demand.od}'`);
      const d = demands[i] as NetDemand;
      demands[i] = { ...d, mt: e.demand.mt ?? d.mt * (e.demand.factor ?? 1) };
    }
  }
  return {
    ...net,
    nodes,
    legs,
    legById,
    demands,
    closedCountries: closed,
    transitClosedCountries: transitClosed,
    scenario: { id: s.id, name: s.name, window: s.window },
    incident: added ? incidence(nodes.length, legs) : net.incident,
  };
}

/** A built-in scenario id, or a path to a scenario YAML file. */
export function findScenario(data: CorridorData, nameOrFile: string): Located<ScenarioEntry> {
  const builtin = data.scenarios.find((s) => s.id === nameOrFile);
  if (builtin) return builtin;
  if (existsSync(nameOrFile)) {
    const issues: DataIssue[] = [];
    const s = readScenarioFile(nameOrFile, issues);
    if (s !== null) {
      checkScenarioRefs(
        s,
        {
          nodeIds: new Set(data.nodes.map((n) => n.id)),
          legIds: new Set(data.legs.map((l) => l.id)),
          demandIds: new Set(data.demands.map((d) => d.id)),
        },
        issues,
      );
    }
    if (issues.length > 0 || s === null) throw new CorridorDataError(issues);
    return s;
  }
  throw new Error(
    `unknown scenario '${nameOrFile}'; built-in scenarios: ${data.scenarios.map((s) => s.id).join(', ')}`,
  );
}

export interface OdRoute {
  od: string;
  route: RouteResult | null;
  error?: string;
}

export interface ScenarioRun {
  scenario: { id: string; name: string; window?: { from?: string; to?: string } | undefined } | null;
  routes: OdRoute[];
  assignment: AssignmentResult;
  bottlenecks: Bottleneck[];
}

export interface RunOptions extends AssignOptions {
  by?: Criterion;
  alternatives?: number;
  bottlenecks?: boolean;
}

/** Recomputes OD routes, the capacity-aware assignment, transit and bottlenecks for one network state. */
export function runNetwork(net: CorridorNetwork, opts: RunOptions = {}): ScenarioRun {
  const routes: OdRoute[] = net.demands.map((d) => {
    try {
      return {
        od: d.id,
        route: route(net, d.from, d.to, { by: opts.by ?? 'time', alternatives: opts.alternatives ?? 0 }),
      };
    } catch (err) {
      if (err instanceof NoRouteError) return { od: d.id, route: null, error: err.message };
      throw err;
    }
  });
  const assignment = assignDemands(net, opts);
  const bottlenecks = opts.bottlenecks === false ? [] : demandBottlenecks(net);
  return { scenario: net.scenario, routes, assignment, bottlenecks };
}
