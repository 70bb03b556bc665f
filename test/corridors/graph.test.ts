import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csrFromEdges, dijkstra, extractPath } from '../../src/graph/dijkstra.ts';
import { yenKShortestPaths } from '../../src/graph/yen.ts';
import { FlowNetwork } from '../../src/graph/maxflow.ts';

// Classic 6-node example (Yen 1971 / Wikipedia): C=0 D=1 E=2 F=3 G=4 H=5.
const edges: [number, number, number][] = [
  [0, 1, 3],
  [0, 2, 2],
  [1, 3, 4],
  [2, 1, 1],
  [2, 3, 2],
  [2, 4, 3],
  [3, 4, 2],
  [3, 5, 1],
  [4, 5, 2],
];
const g = csrFromEdges(
  6,
  edges.map((e) => e[0]),
  edges.map((e) => e[1]),
  edges.map((e) => e[2]),
);

test('dijkstra: distances on a hand-checked graph', () => {
  const t = dijkstra(g, [0]);
  assert.deepEqual([...t.dist], [0, 3, 2, 4, 5, 5]);
  const p = extractPath(t, 5);
  assert.ok(p);
  assert.deepEqual(p.nodes, [0, 2, 3, 5]);
  assert.equal(p.cost, 5);
});

test('dijkstra: masks and unreachable nodes', () => {
  const mask = new Uint8Array(g.targets.length);
  // Mask the E→F edge: the best path to H becomes C-E-G-H (7) or C-D-F-H (8).
  for (let e = 0; e < g.targets.length; e++) if (g.edgeOrigin[e] === 4) mask[e] = 1;
  const t = dijkstra(g, [0], { edgeMask: mask });
  assert.equal(t.dist[5], 7);
  const fromH = dijkstra(g, [5]);
  assert.equal(fromH.dist[0], Infinity);
  assert.equal(extractPath(fromH, 0), null);
});

test('dijkstra: multiple sources start at zero', () => {
  const t = dijkstra(g, [1, 4]);
  assert.equal(t.dist[5], 2);
  assert.equal(t.dist[3], 4);
});

test('yen: the three shortest C→H paths of the textbook example', () => {
  const paths = yenKShortestPaths(g, 0, 5, 3);
  assert.deepEqual(
    paths.map((p) => p.nodes),
    [
      [0, 2, 3, 5],
      [0, 2, 4, 5],
      [0, 1, 3, 5],
    ],
  );
  assert.deepEqual(
    paths.map((p) => p.cost),
    [5, 7, 8],
  );
});

test('yen: asks for more paths than exist', () => {
  const h = csrFromEdges(3, [0, 1, 0], [1, 2, 2], [1, 1, 5]);
  const paths = yenKShortestPaths(h, 0, 2, 10);
  assert.deepEqual(
    paths.map((p) => p.cost),
    [2, 5],
  );
});

test('maxflow: CLRS figure 26.1 network has max flow 23', () => {
  const f = new FlowNetwork(6);
  const arcs = [
    [0, 1, 16],
    [0, 2, 13],
    [2, 1, 4],
    [1, 3, 12],
    [3, 2, 9],
    [2, 4, 14],
    [4, 3, 7],
    [3, 5, 20],
    [4, 5, 4],
  ] as const;
  const ids = arcs.map(([u, v, c]) => f.addEdge(u, v, c));
  assert.equal(f.maxflow(0, 5), 23);
  // Conservation and capacity on every arc.
  const net = new Float64Array(6);
  arcs.forEach(([u, v, c], i) => {
    const x = f.flowOn(ids[i] as number);
    assert.ok(x >= -1e-12 && x <= c + 1e-12);
    net[u] = (net[u] as number) - x;
    net[v] = (net[v] as number) + x;
  });
  for (const v of [1, 2, 3, 4]) assert.ok(Math.abs(net[v] as number) < 1e-9);
  // The min cut's capacity equals the max flow.
  const cut = f.minCutArcs(0);
  assert.equal(
    cut.reduce((s, a) => s + f.capacityOf(a), 0),
    23,
  );
});

test('maxflow: two disjoint bottlenecks in series and parallel', () => {
  const f = new FlowNetwork(4);
  f.addEdge(0, 1, 5);
  f.addEdge(0, 2, 3);
  f.addEdge(1, 3, 2.5);
  f.addEdge(2, 3, 10);
  f.addEdge(1, 2, Infinity);
  assert.equal(f.maxflow(0, 3), 8);
  assert.equal(f.minCutArcs(0).length, 2);
});

test('maxflow: s equals t, and no path', () => {
  const f = new FlowNetwork(3);
  f.addEdge(0, 1, 4);
  assert.equal(f.maxflow(0, 0), 0);
  assert.equal(f.maxflow(0, 2), 0);
});
