/**
 * Corridor model timings: one scenario recomputation, a seeded ensemble of random disruptions
 * on worker threads, and shortest paths / max-flow against networkx on the same graph.
 * Run: node --import tsx bench/corridors.bench.ts [--ensemble N] [--threads T]
 */
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { isMainThread } from 'node:worker_threads';
import { csrFromEdges, dijkstra } from '../src/graph/dijkstra.ts';
import { bottleneck } from '../src/framework/corridors/assign.ts';
import { assignDemands } from '../src/framework/corridors/assign.ts';
import { readCorridorData } from '../src/framework/corridors/load.ts';
import { buildNetwork } from '../src/framework/corridors/network.ts';
import type { CorridorNetwork, NetLeg } from '../src/framework/corridors/network.ts';
import { applyScenario, runNetwork } from '../src/framework/corridors/scenario.ts';
import { rng } from '../src/framework/random.ts';
import { machineLoad } from './helpers/machine.ts';

let baseCache: CorridorNetwork | null = null;
function base(): CorridorNetwork {
  if (baseCache === null) baseCache = buildNetwork(readCorridorData().data);
  return baseCache;
}

/** One random disruption: each operational leg closes with p=0.05; known capacities scale by U(0.5, 1.5). */
function disrupted(net: CorridorNetwork, seed: number): CorridorNetwork {
  const r = rng(seed);
  const legs: NetLeg[] = net.legs.map((l) => {
    if (l.open && r() < 0.05) return { ...l, open: false };
    if (Number.isFinite(l.capacityMt)) return { ...l, capacityMt: l.capacityMt * (0.5 + r()) };
    return l;
  });
  return { ...net, legs, scenario: { id: `random-${seed}`, name: 'random disruption' } };
}

export interface EnsembleTask {
  from: number;
  count: number;
}
export interface EnsembleSummary {
  runs: number;
  azeTransitMt: number[];
  unassignedMt: number[];
}

/** Worker entry: a batch of seeded disruptions, full assignment + transit for each. */
export default function runBatch(task: EnsembleTask): EnsembleSummary {
  const net = base();
  const aze: number[] = [];
  const un: number[] = [];
  for (let i = 0; i < task.count; i++) {
    const res = assignDemands(disrupted(net, task.from + i));
    aze.push(res.transit.find((t) => t.country === 'AZE')?.mt ?? 0);
    un.push(res.ods.reduce((s, o) => s + o.unassigned_mt, 0));
  }
  return { runs: task.count, azeTransitMt: aze, unassignedMt: un };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const arg = (name: string, dflt: number): number => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : dflt;
  };
  const ensembleN = arg('--ensemble', 10000);
  const threads = arg('--threads', Math.min(2, availableParallelism()));
  const data = readCorridorData().data;
  const net = base();

  // 1. One scenario recomputation: routes for every OD + assignment + transit + bottlenecks.
  const scen = data.scenarios.find((s) => s.id === 'russia-avoided');
  if (!scen) throw new Error('russia-avoided scenario missing');
  for (let i = 0; i < 20; i++) runNetwork(applyScenario(net, scen));
  const times: number[] = [];
  for (let i = 0; i < 100; i++) {
    const t0 = performance.now();
    runNetwork(applyScenario(net, scen));
    times.push(performance.now() - t0);
  }
  console.log(
    'scenario recomputation (russia-avoided, routes+assignment+transit+min-cut): median ' +
      `${median(times).toFixed(2)} ms, p95 ${quantile(times, 0.95).toFixed(2)} ms (target < 50 ms)`,
  );

  // 2. Ensemble on worker threads.
  const { Piscina } = await import('piscina');
  // Workers do not inherit the tsx loader, so the worker entry registers it before importing this file.
  const shim =
    `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))}; register(); ` +
    `const m = await import(${JSON.stringify(import.meta.url)}); export default m.default;`;
  const shimPath = join(tmpdir(), `interconnector-corridors-worker-${process.pid}.mjs`);
  writeFileSync(shimPath, shim);
  const pool = new Piscina({ filename: shimPath, minThreads: threads, maxThreads: threads });
  const batch = 250;
  const t0 = performance.now();
  const tasks: Promise<EnsembleSummary>[] = [];
  for (let from = 0; from < ensembleN; from += batch)
    tasks.push(pool.run({ from, count: Math.min(batch, ensembleN - from) } satisfies EnsembleTask));
  const parts = await Promise.all(tasks);
  const elapsed = (performance.now() - t0) / 1000;
  await pool.destroy();
  rmSync(shimPath, { force: true });
  const aze = parts.flatMap((p) => p.azeTransitMt);
  console.log(
    `ensemble: ${aze.length} random disruptions on ${threads}` +
      ` threads in ${elapsed.toFixed(2)} s (target < 30 s); ` +
      `AZE transit Mt p5/p50/p95 = ${quantile(aze, 0.05).toFixed(2)}/` +
      `${quantile(aze, 0.5).toFixed(2)}/${quantile(aze, 0.95).toFixed(2)}`,
  );

  // 3. Against networkx on the same physical graph (operational legs, both directions, km weights).
  const open = net.legs.filter((l) => l.open);
  const from: number[] = [];
  const to: number[] = [];
  const w: number[] = [];
  for (const l of open) {
    from.push(l.from, l.to);
    to.push(l.to, l.from);
    w.push(l.km, l.km);
  }
  const g = csrFromEdges(net.nodes.length, from, to, w);
  const reps = 200;
  let checksum = 0;
  const s0 = performance.now();
  for (let r = 0; r < reps; r++)
    for (let s = 0; s < g.n; s++) checksum += (dijkstra(g, [s]).dist[0] as number) > 0 ? 1 : 0;
  const oursSp = (performance.now() - s0) / reps;
  const allPairs: number[][] = [];
  for (let s = 0; s < g.n; s++) allPairs.push([...dijkstra(g, [s]).dist]);

  const ods = net.demands.map((d) => [d.from, d.to] as const);
  const f0 = performance.now();
  const flows: (number | null)[] = [];
  for (let r = 0; r < reps; r++) {
    flows.length = 0;
    for (const [a, b] of ods) flows.push(bottleneck(net, a, b).maxflow_mt);
  }
  const oursMf = (performance.now() - f0) / reps;

  // The flow graph networkx sees: node-split capacities, unknown capacity = 1e6 (as in bottleneck()).
  const cap = (x: number): number => (Number.isFinite(x) ? x : 1e6);
  const fEdges: [string, string, number][] = [];
  for (const n of net.nodes) fEdges.push([`${n.id}:in`, `${n.id}:out`, cap(n.capacityMt)]);
  for (const l of open) {
    const a = net.nodes[l.from]?.id as string;
    const b = net.nodes[l.to]?.id as string;
    fEdges.push([`${a}:out`, `${b}:in`, cap(l.capacityMt)], [`${b}:out`, `${a}:in`, cap(l.capacityMt)]);
  }
  const odNodes = ods.map(([a, b]) => {
    const resolve = (x: string): string[] => {
      const region = net.regions.find((r) => r.id === x);
      return region ? region.nodes.map((i) => net.nodes[i]?.id as string) : [x];
    };
    return [resolve(a), resolve(b)];
  });
  const payload = JSON.stringify({
    n: g.n,
    edges: open.map((l) => [l.from, l.to, l.km]),
    flowEdges: fEdges,
    ods: odNodes,
    reps,
  });
  const py = `
import json, sys, time, networkx as nx
d = json.load(sys.stdin)
G = nx.Graph()
G.add_nodes_from(range(d['n']))
for a, b, w in d['edges']:
    if G.has_edge(a, b): G[a][b]['weight'] = min(G[a][b]['weight'], w)
    else: G.add_edge(a, b, weight=w)
t = time.perf_counter()
for _ in range(d['reps']):
    for s in range(d['n']): nx.single_source_dijkstra_path_length(G, s)
sp = (time.perf_counter() - t) / d['reps'] * 1000
ap = [[nx.single_source_dijkstra_path_length(G, s).get(t) for t in range(d['n'])] for s in range(d['n'])]
F = nx.DiGraph()
for a, b, c in d['flowEdges']: F.add_edge(a, b, capacity=c)
vals = []
t = time.perf_counter()
for _ in range(d['reps']):
    vals = []
    for srcs, dsts in d['ods']:
        H = F.copy()
        for s in srcs: H.add_edge('S', s + ':in')
        for x in dsts: H.add_edge(x + ':out', 'T')
        vals.append(nx.maximum_flow_value(H, 'S', 'T', flow_func=nx.algorithms.flow.dinitz))
mf = (time.perf_counter() - t) / d['reps'] * 1000
print(json.dumps({'sp_ms': sp, 'mf_ms': mf, 'ap': ap, 'flows': vals}))
`;
  const res = spawnSync('/usr/bin/python3', ['-c', py], {
    input: payload,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (res.status !== 0) {
    console.log(`networkx comparison skipped: ${res.stderr.split('\n').slice(-3).join(' ')}`);
    return;
  }
  const nx = JSON.parse(res.stdout) as {
    sp_ms: number;
    mf_ms: number;
    ap: (number | null)[][];
    flows: number[];
  };
  let maxDiff = 0;
  for (let s = 0; s < g.n; s++)
    for (let t = 0; t < g.n; t++) {
      const a = allPairs[s]?.[t] as number;
      const b = nx.ap[s]?.[t] ?? Infinity;
      if (Number.isFinite(a) !== Number.isFinite(b)) maxDiff = Infinity;
      if (Number.isFinite(a) || Number.isFinite(b)) maxDiff = Math.max(maxDiff, Math.abs(a - (b as number)));
    }
  const flowAgree = flows.every((f, i) => {
    const v = nx.flows[i] as number;
    return f === null ? v >= 1e6 - 1e-6 : Math.abs(f - v) < 1e-6;
  });
  console.log(
    `all-pairs Dijkstra (${g.n} nodes, ${g.targets.length} arcs): ours ` +
      `${oursSp.toFixed(3)} ms, networkx ${nx.sp_ms.toFixed(3)} ms, ratio networkx/ours ` +
      `${(nx.sp_ms / oursSp).toFixed(1)}x (${machineLoad()}); ` +
      `max |difference| ${maxDiff.toExponential(1)} km`,
  );
  console.log(
    `max-flow for ${ods.length} ODs (node-split, Dinic): ours ${oursMf.toFixed(3)} ms, networkx ` +
      `${nx.mf_ms.toFixed(3)} ms, ratio ${(nx.mf_ms / oursMf).toFixed(1)}x; values agree: ` +
      `${flowAgree} (${flows.map((f) => (f === null ? 'unbounded' : f.toFixed(2))).join(', ')})`,
  );
  if (checksum < 0) console.log(checksum);
}

if (isMainThread) await main();
