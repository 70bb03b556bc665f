/**
 * Public face of the corridor model: `corridorRoute` is what `interconnector corridors route`
 * prints (shape fixed by the CLI contract), `corridorTransit` what `corridors transit` prints.
 */
import { loadCorridorData } from './load.ts';
import type { CorridorData } from './load.ts';
import { buildNetwork } from './network.ts';
import type { CorridorNetwork } from './network.ts';
import { route } from './route.ts';
import type { Criterion, RouteResult } from './route.ts';
import { applyScenario, findScenario, runNetwork } from './scenario.ts';
import type { RunOptions, ScenarioRun } from './scenario.ts';

export * from './schema.ts';
export * from './load.ts';
export * from './network.ts';
export * from './resolve.ts';
export * from './route.ts';
export * from './assign.ts';
export * from './scenario.ts';

let cached: { dir: string; data: CorridorData; net: CorridorNetwork } | null = null;

export function corridorNetwork(opts: { kbDir?: string; scenario?: string } = {}): CorridorNetwork {
  const dir = opts.kbDir ?? '';
  if (cached === null || cached.dir !== dir) {
    const data = opts.kbDir ? loadCorridorData(opts.kbDir) : loadCorridorData();
    cached = { dir, data, net: buildNetwork(data) };
  }
  return opts.scenario ? applyScenario(cached.net, findScenario(cached.data, opts.scenario)) : cached.net;
}

export interface CorridorRouteOptions {
  scenario?: string;
  by?: Criterion;
  alternatives?: number;
  kbDir?: string;
}

export function corridorRoute(from: string, to: string, opts: CorridorRouteOptions = {}): RouteResult {
  const net = corridorNetwork({ kbDir: opts.kbDir, scenario: opts.scenario });
  const r = route(net, from, to, { by: opts.by ?? 'time', alternatives: opts.alternatives ?? 2 });
  return {
    from: r.from,
    to: r.to,
    by: r.by,
    km: r.km,
    hours: r.hours,
    path: r.path,
    legs: r.legs,
    alternatives: r.alternatives,
  };
}

export function corridorTransit(opts: RunOptions & { scenario?: string; kbDir?: string } = {}): ScenarioRun {
  return runNetwork(corridorNetwork({ kbDir: opts.kbDir, scenario: opts.scenario }), opts);
}
