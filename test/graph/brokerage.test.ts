// Gould–Fernandez roles against R sna::brokerage (sna 2.7) on the committed fixtures, against a
// hand count, and against an independent brute-force loop for the weighted variant.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  brokerageCounts,
  degreePreservingNull,
  permutationNull,
  rewireDegreePreserving,
  ROLES,
  snaNull,
} from '../../src/graph/brokerage.ts';
import { transpose } from '../../src/graph/csr.ts';
import { graphFromRows } from '../../src/graph/table.ts';
import { assertClose, assertExact, fixtureIndex, loadFixture, nums, toNum } from './fixtures.ts';

const TOL = 1e-9;

test('hand8: role counts derived by hand', () => {
  const { edges, groups } = loadFixture('hand8', false);
  const { graph, groups: grp, ids } = graphFromRows(edges, groups, { directed: true, weighted: false });
  const r = brokerageCounts(graph, grp);
  const at = (node: string): number[] => ROLES.map((role) => r[role][ids.indexOf(node)] as number);
  // Open two-paths i→j→k (no i→k), enumerated on paper; W={a,b,c}, E={d,e,f}, S={g,h}.
  //   c→a→b (W W W)                       a: coordinator
  //   a→b→d (W W E) rep; e→b→c (E W W) gate; e→b→d (E W E) itinerant
  //   a→c→d (W W E) rep; b→c→a (W W W) coord
  //   b→d→e, c→d→e (W E E) gate ×2; b→d→g, c→d→g (W E S) liaison ×2; f→d→e coord; f→d→g rep
  //   d→e→b (E E W) rep;  h→f→d (S E E) gate;  d→g→h (E S S) gate;  g→h→f (S S E) rep
  // Columns: coordinator, itinerant, representative, gatekeeper, liaison, total.
  assert.deepEqual(at('a'), [1, 0, 0, 0, 0, 1]);
  assert.deepEqual(at('b'), [0, 1, 1, 1, 0, 3]);
  assert.deepEqual(at('c'), [1, 0, 1, 0, 0, 2]);
  assert.deepEqual(at('d'), [1, 0, 1, 2, 2, 6]);
  assert.deepEqual(at('e'), [0, 0, 1, 0, 0, 1]);
  assert.deepEqual(at('f'), [0, 0, 0, 1, 0, 1]);
  assert.deepEqual(at('g'), [0, 0, 0, 1, 0, 1]);
  assert.deepEqual(at('h'), [0, 0, 1, 0, 0, 1]);
});

for (const fx of fixtureIndex()) {
  test(`${fx.name}: raw counts, expectations, sd and z equal sna::brokerage`, () => {
    const { edges, groups, expected } = loadFixture(fx.name, fx.weighted);
    const {
      graph,
      groups: grp,
      ids,
    } = graphFromRows(edges, groups, { directed: fx.directed, weighted: fx.weighted });
    assert.deepEqual(ids, expected.nodes);
    assert.equal(graph.targets.length, expected.clean_edge_count, 'cleaned edge count (density numerator)');
    // sna ignores weights, so compare the unweighted counts even on weighted fixtures.
    const raw = brokerageCounts(graph, grp);
    const nul = snaNull(graph, grp, raw);
    ROLES.forEach((role, r) => {
      assertExact(raw[role], nums(expected.r.raw_nli[r] ?? []), `${role} raw`);
      assertClose(nul.exp[role], nums(expected.r.exp_nli[r] ?? []), TOL, `${role} exp`);
      assertClose(nul.sd[role], nums(expected.r.sd_nli[r] ?? []), TOL, `${role} sd`);
      assertClose(nul.z[role], nums(expected.r.z_nli[r] ?? []), TOL, `${role} z`);
      const gl = nul.global[role];
      assert.equal(gl.raw, toNum(expected.r.raw_gli[r] ?? NaN), `${role} raw.gli`);
      assertClose(
        [gl.exp, gl.sd, gl.z],
        [
          toNum(expected.r.exp_gli[r] ?? NaN),
          toNum(expected.r.sd_gli[r] ?? NaN),
          toNum(expected.r.z_gli[r] ?? NaN),
        ],
        1e-9 * Math.max(1, Math.abs(toNum(expected.r.exp_gli[r] ?? 0))),
        `${role} gli`,
      );
    });
  });

  if (fx.weighted) {
    test(`${fx.name}: weighted role sums equal the brute-force triple loop (min and product)`, () => {
      const { edges, groups, expected } = loadFixture(fx.name, true);
      const { graph, groups: grp } = graphFromRows(edges, groups, { directed: fx.directed, weighted: true });
      const brute = expected.brute_weighted_roles;
      assert.ok(brute);
      for (const combine of ['min', 'product'] as const) {
        const r = brokerageCounts(graph, grp, { weighted: true, combine });
        ROLES.slice(0, 5).forEach((role, k) =>
          assertClose(r[role], nums(brute[combine][k] ?? []), TOL, `${combine} ${role}`),
        );
      }
    });
  }
}

test('self-loops and repeated rows do not change the counts', () => {
  const { edges, groups } = loadFixture('loopsdups30', false);
  const clean = new Map<string, string[]>();
  for (const e of edges) if (e[0] !== e[1]) clean.set(`${e[0]}\u0000${e[1]}`, e);
  const a = graphFromRows(edges, groups, { directed: true, weighted: false });
  const b = graphFromRows([...clean.values()], groups, { directed: true, weighted: false });
  assert.ok(edges.length > clean.size + 10, 'fixture really has loops and duplicates');
  const ra = brokerageCounts(a.graph, a.groups);
  const rb = brokerageCounts(b.graph, b.groups);
  for (const role of ROLES) assert.deepEqual(Array.from(ra[role]), Array.from(rb[role]), role);
});

test('counting is independent of the edge orientation bookkeeping: reversing twice is identity', () => {
  const { edges, groups } = loadFixture('rand80_g3', false);
  const { graph, groups: grp } = graphFromRows(edges, groups, { directed: true, weighted: false });
  const back = transpose(transpose(graph));
  assert.deepEqual(Array.from(back.targets), Array.from(graph.targets));
  const r1 = brokerageCounts(graph, grp);
  const r2 = brokerageCounts(back, grp);
  assert.deepEqual(Array.from(r1.total), Array.from(r2.total));
});

test('a broken count is caught: mislabelling one node changes sna-comparable counts', () => {
  // Guards against a test suite that cannot fail: perturb the input and expect a mismatch.
  const { edges, groups, expected } = loadFixture('rand30_g2', false);
  const bad = groups.map((row, i) => (i === 0 ? [row[0] as string, row[1] === 'A' ? 'B' : 'A'] : row));
  const { graph, groups: grp } = graphFromRows(edges, bad, { directed: true, weighted: false });
  const raw = brokerageCounts(graph, grp);
  assert.throws(() =>
    ROLES.forEach((role, r) => assertExact(raw[role], nums(expected.r.raw_nli[r] ?? []), role)),
  );
});

test('degree-preserving rewiring keeps every in- and out-degree and creates no loops or duplicates', () => {
  const { edges, groups } = loadFixture('rand120_g3', false);
  const { graph } = graphFromRows(edges, groups, { directed: true, weighted: false });
  const { graph: rw, accepted } = rewireDegreePreserving(graph, { seed: 7 });
  assert.ok(accepted > graph.targets.length, `enough accepted swaps (${accepted})`);
  const indeg = (g: typeof graph): number[] => {
    const d = new Array<number>(g.n).fill(0);
    for (const t of g.targets) d[t] = (d[t] as number) + 1;
    return d;
  };
  assert.deepEqual(Array.from(rw.offsets), Array.from(graph.offsets));
  assert.deepEqual(indeg(rw), indeg(graph));
  let changed = 0;
  for (let u = 0; u < rw.n; u++) {
    const row = Array.from(rw.targets.subarray(rw.offsets[u] as number, rw.offsets[u + 1] as number));
    assert.equal(new Set(row).size, row.length, `no duplicate out of ${u}`);
    assert.ok(!row.includes(u), `no loop at ${u}`);
    const orig = new Set(graph.targets.subarray(graph.offsets[u] as number, graph.offsets[u + 1] as number));
    changed += row.filter((v) => !orig.has(v)).length;
  }
  assert.ok(changed > graph.targets.length / 2, 'the chain actually mixes');
});

test('undirected rewiring keeps the graph symmetric and the degrees', () => {
  const { edges, groups } = loadFixture('wundir40_g2', true);
  const { graph } = graphFromRows(edges, groups, { directed: false, weighted: true });
  const { graph: rw } = rewireDegreePreserving(graph, { seed: 3, undirected: true });
  for (let u = 0; u < rw.n; u++) {
    for (let e = rw.offsets[u] as number; e < (rw.offsets[u + 1] as number); e++) {
      const v = rw.targets[e] as number;
      const back = Array.from(
        rw.targets.subarray(rw.offsets[v] as number, rw.offsets[v + 1] as number),
      ).indexOf(u);
      assert.ok(back >= 0, `edge ${v}→${u} mirrors ${u}→${v}`);
      assert.equal(rw.weights?.[(rw.offsets[v] as number) + back], rw.weights?.[e]);
    }
  }
});

test('simulation nulls: seeded, reproducible, and sane', () => {
  const { edges, groups } = loadFixture('rand80_g3', false);
  const { graph, groups: grp } = graphFromRows(edges, groups, { directed: true, weighted: false });
  const obs = brokerageCounts(graph, grp);
  const opts = { samples: 60, seed: 42 };
  const p1 = permutationNull(graph, grp, obs, opts);
  const p2 = permutationNull(graph, grp, obs, opts);
  assert.deepEqual(Array.from(p1.z.liaison), Array.from(p2.z.liaison));
  // Relabelling never changes how many open two-paths run through a node.
  assertClose(p1.mean.total, Array.from(obs.total), 1e-9, 'permutation mean total');
  for (const s of p1.sd.total) assert.ok(s < 1e-9);
  const d1 = degreePreservingNull(graph, grp, obs, { samples: 40, seed: 5 });
  const d2 = degreePreservingNull(graph, grp, obs, { samples: 40, seed: 5 });
  const d3 = degreePreservingNull(graph, grp, obs, { samples: 40, seed: 6 });
  assert.deepEqual(Array.from(d1.z.total), Array.from(d2.z.total));
  assert.notDeepEqual(Array.from(d1.mean.total), Array.from(d3.mean.total));
  assert.ok((d1.acceptance ?? 0) > 0.5, `acceptance ${d1.acceptance}`);
  // A node with no in-ties or no out-ties brokers nothing in any rewiring.
  const tg = transpose(graph);
  for (let v = 0; v < graph.n; v++) {
    const indeg = (tg.offsets[v + 1] as number) - (tg.offsets[v] as number);
    const outdeg = (graph.offsets[v + 1] as number) - (graph.offsets[v] as number);
    if (indeg === 0 || outdeg === 0) assert.equal(d1.mean.total[v], 0);
  }
  // Under the degree null, the mean total of a node is close to indeg·outdeg·(1 − closure):
  // at this density almost every two-path is open, so means track indeg·outdeg.
  let num = 0;
  let den = 0;
  for (let v = 0; v < graph.n; v++) {
    const io =
      ((tg.offsets[v + 1] as number) - (tg.offsets[v] as number)) *
      ((graph.offsets[v + 1] as number) - (graph.offsets[v] as number));
    num += d1.mean.total[v] as number;
    den += io;
  }
  assert.ok(num / den > 0.8 && num / den <= 1, `open share ${num / den}`);
});
