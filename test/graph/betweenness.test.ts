// Brandes betweenness against networkx 2.8, python-igraph and R igraph on the committed fixtures,
// and bridging betweenness against networkx betweenness_centrality_subset summed over groups.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { betweenness, bridgingBetweenness } from '../../src/graph/betweenness.ts';
import { betweennessParallel, bridgingBetweennessParallel } from '../../src/graph/parallel.ts';
import { graphFromRows } from '../../src/graph/table.ts';
import type { Csr } from '../../src/graph/csr.ts';
import { assertClose, fixtureIndex, loadFixture, nums } from './fixtures.ts';

const TOL = 1e-9;

function inverse(g: Csr): Csr {
  const w = g.weights as Float64Array;
  return { ...g, weights: w.map((x) => 1 / x) };
}

for (const fx of fixtureIndex()) {
  test(`${fx.name}: betweenness equals networkx and igraph`, () => {
    const { edges, groups, expected } = loadFixture(fx.name, fx.weighted);
    const { graph } = graphFromRows(edges, groups, { directed: fx.directed, weighted: fx.weighted });
    const undirected = !fx.directed;
    const raw = betweenness(graph, { undirected });
    assertClose(raw, nums(expected.nx_betweenness), TOL, 'vs networkx');
    assertClose(raw, nums(expected.pyigraph_betweenness), TOL, 'vs python-igraph');
    if (!fx.weighted) assertClose(raw, nums(expected.r.igraph_betweenness), TOL, 'vs R igraph');
    assertClose(
      betweenness(graph, { undirected, normalized: true }),
      nums(expected.nx_betweenness_normalized),
      TOL,
      'normalised vs networkx',
    );
    if (fx.weighted) {
      const w = betweenness(graph, { undirected, weighted: true });
      assertClose(w, nums(expected.nx_betweenness_weighted ?? []), TOL, 'weighted vs networkx');
      const inv = betweenness(inverse(graph), { undirected, weighted: true });
      assertClose(
        inv,
        nums(expected.nx_betweenness_inverse_weight ?? []),
        TOL,
        '1/weight lengths vs networkx',
      );
      if (fx.name !== 'wfloat5') {
        // Away from floating-point near-ties igraph's tolerance and networkx's exact test agree.
        assertClose(w, nums(expected.pyigraph_betweenness_weighted ?? []), TOL, 'weighted vs python-igraph');
        assertClose(w, nums(expected.r.igraph_betweenness), TOL, 'weighted vs R igraph');
        if (fx.name === 'wties50_g3') {
          // 1/1.5 and 1/2.5 are not dyadic: sums like 2/3 + 2/3 vs 1/2.5 + … round differently, so
          // igraph's tolerance merges paths that networkx's exact test keeps apart.
          assert.throws(() =>
            assertClose(inv, nums(expected.r.igraph_betweenness_inverse_weight ?? []), TOL, ''),
          );
        } else {
          assertClose(
            inv,
            nums(expected.r.igraph_betweenness_inverse_weight ?? []),
            TOL,
            '1/weight vs R igraph',
          );
        }
      }
    }
  });

  test(`${fx.name}: bridging betweenness equals summed networkx subset betweenness`, () => {
    const { edges, groups, expected } = loadFixture(fx.name, fx.weighted);
    const { graph, groups: grp } = graphFromRows(edges, groups, {
      directed: fx.directed,
      weighted: fx.weighted,
    });
    const undirected = !fx.directed;
    const b = bridgingBetweenness(graph, grp, { undirected });
    assertClose(b.raw, nums(expected.nx_bridging_raw), TOL, 'bridging raw');
    if (fx.weighted)
      assertClose(
        bridgingBetweenness(graph, grp, { undirected, weighted: true }).raw,
        nums(expected.nx_bridging_raw_weighted ?? []),
        TOL,
        'weighted bridging raw',
      );
    for (let v = 0; v < graph.n; v++) {
      const s = b.share[v] as number;
      if (!Number.isNaN(s)) assert.ok(s >= 0 && s <= 1 + 1e-12, `share in [0,1] at ${v}: ${s}`);
      assert.ok((b.raw[v] as number) <= (betweenness(graph, { undirected })[v] as number) + 1e-9);
    }
  });
}

test('wfloat5: exact float comparison follows networkx, not igraph', () => {
  const { edges, groups, expected } = loadFixture('wfloat5', true);
  const { graph, ids } = graphFromRows(edges, groups, { directed: true, weighted: true });
  const w = betweenness(graph, { weighted: true });
  const x = ids.indexOf('x');
  const y = ids.indexOf('y');
  // 0.1 + 0.2 = 0.30000000000000004 > 0.15 + 0.15 = 0.3: only s→y→t is shortest.
  assert.equal(w[x], 0);
  assert.equal(w[y], 3);
  assert.deepEqual(nums(expected.nx_betweenness_weighted ?? []), Array.from(w));
  assert.notDeepEqual(
    nums(expected.pyigraph_betweenness_weighted ?? []),
    Array.from(w),
    'igraph (tolerance) differs here',
  );
});

test('bridging share: a node between two cliques carries every cross pair', () => {
  // A1,A2 — m — B1,B2 (undirected path through m); m is in its own group C.
  const edges = [
    ['A1', 'A2'],
    ['A2', 'm'],
    ['A1', 'm'],
    ['m', 'B1'],
    ['m', 'B2'],
    ['B1', 'B2'],
  ];
  const groups = [
    ['A1', 'A'],
    ['A2', 'A'],
    ['B1', 'B'],
    ['B2', 'B'],
    ['m', 'C'],
  ];
  const { graph, groups: grp, ids } = graphFromRows(edges, groups, { directed: false, weighted: false });
  const b = bridgingBetweenness(graph, grp, { undirected: true });
  const m = ids.indexOf('m');
  // Cross pairs not involving m: A×B = 4, all routed through m.
  assert.equal(b.pairs[m], 4);
  assert.equal(b.raw[m], 4);
  assert.equal(b.share[m], 1);
  assert.equal(b.share[ids.indexOf('A1')], 0);
});

test('sources option sums dependencies of the given sources only', () => {
  const { edges, groups } = loadFixture('rand80_g3', false);
  const { graph } = graphFromRows(edges, groups, { directed: true, weighted: false });
  const all = betweenness(graph);
  const half1 = betweenness(graph, { sources: Array.from({ length: 40 }, (_, i) => i) });
  const half2 = betweenness(graph, { sources: Array.from({ length: 40 }, (_, i) => i + 40) });
  assertClose(
    Array.from(half1, (x, i) => x + (half2[i] as number)),
    Array.from(all),
    1e-9,
    'split sources',
  );
});

// Worker threads forced on (minWork 0), with more threads than cores so that every split is tried.
for (const fx of fixtureIndex().filter((f) => f.weighted || f.name === 'rand80_g3')) {
  test(`${fx.name}: threaded betweenness equals networkx and the single-thread sums`, async () => {
    const { edges, groups, expected } = loadFixture(fx.name, fx.weighted);
    const { graph, groups: grp } = graphFromRows(edges, groups, {
      directed: fx.directed,
      weighted: fx.weighted,
    });
    const undirected = !fx.directed;
    for (const threads of [2, 3]) {
      assertClose(
        await betweennessParallel(graph, { undirected, threads, minWork: 0 }),
        nums(expected.nx_betweenness),
        TOL,
        `${threads} threads vs networkx`,
      );
      const b = await bridgingBetweennessParallel(graph, grp, {
        undirected,
        threads,
        minWork: 0,
        weighted: fx.weighted,
      });
      const one = bridgingBetweenness(graph, grp, { undirected, weighted: fx.weighted });
      assertClose(b.raw, Array.from(one.raw), TOL, `${threads} threads bridging raw`);
      assertClose(b.pairs, Array.from(one.pairs), 0, `${threads} threads bridging pairs`);
    }
    const subset = { sources: [4, 1, 7, 3, 2].filter((s) => s < graph.n), undirected, weighted: fx.weighted };
    assertClose(
      await betweennessParallel(graph, { ...subset, threads: 2, minWork: 0 }),
      Array.from(betweenness(graph, subset)),
      TOL,
      'source subset',
    );
  });
}

test('threaded betweenness reports a worker failure instead of hanging', async () => {
  const { edges, groups } = loadFixture('rand80_g3', false);
  const { graph } = graphFromRows(edges, groups, { directed: true, weighted: false });
  // A source id past the end makes the worker's kernel throw.
  await assert.rejects(
    betweennessParallel(graph, { sources: [0, 1, 2, 900], threads: 2, minWork: 0 }),
    /source 900 is not a node index/,
  );
});
