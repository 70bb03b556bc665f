// brokerageTable (the `brokerage --edges --groups` contract), the CSV reader and the CSR builder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BROKERAGE_COLUMNS, brokerageTable } from '../../src/graph/table.ts';
import { CsvError, parseBrokerageInput, parseCsv, readBrokerageInput } from '../../src/graph/io.ts';
import { csrFromEdges, findEdge, isSymmetric, transpose } from '../../src/graph/csr.ts';
import { assertClose, fixtureIndex, loadFixture, nums } from './fixtures.ts';

test('column order is the public contract', async () => {
  assert.deepEqual(
    [...BROKERAGE_COLUMNS],
    [
      'node',
      'coordinator',
      'itinerant',
      'representative',
      'gatekeeper',
      'liaison',
      'total',
      'z_coordinator',
      'z_itinerant',
      'z_representative',
      'z_gatekeeper',
      'z_liaison',
      'z_total',
      'betweenness',
    ],
  );
  const { edges, groups } = loadFixture('hand8', false);
  const rows = await brokerageTable(edges, groups, { directed: true, weighted: false });
  assert.deepEqual(Object.keys(rows[0] ?? {}), [...BROKERAGE_COLUMNS]);
});

for (const fx of fixtureIndex()) {
  test(`${fx.name}: brokerageTable equals sna (counts, z) and networkx (betweenness)`, async () => {
    const { edges, groups, expected } = loadFixture(fx.name, fx.weighted);
    const unweighted = await brokerageTable(edges, groups, { directed: fx.directed, weighted: false });
    assert.deepEqual(
      unweighted.map((r) => r.node),
      expected.nodes,
    );
    const cols = ['coordinator', 'itinerant', 'representative', 'gatekeeper', 'liaison', 'total'] as const;
    cols.forEach((c, r) => {
      assert.deepEqual(
        unweighted.map((row) => row[c]),
        nums(expected.r.raw_nli[r] ?? []),
        c,
      );
      assertClose(
        unweighted.map((row) => row[`z_${c}`]),
        nums(expected.r.z_nli[r] ?? []),
        1e-9,
        `z_${c}`,
      );
    });
    assertClose(
      unweighted.map((r) => r.betweenness),
      nums(expected.nx_betweenness),
      1e-9,
      'betweenness',
    );
    if (fx.weighted) {
      const weighted = await brokerageTable(edges, groups, {
        directed: fx.directed,
        weighted: true,
        samples: 30,
        seed: 2,
      });
      assertClose(
        weighted.map((r) => r.betweenness),
        nums(expected.nx_betweenness_inverse_weight ?? []),
        1e-9,
        'betweenness with lengths 1/weight',
      );
      assertClose(
        weighted.map((r) => r.liaison),
        nums(expected.brute_weighted_roles?.min[4] ?? []),
        1e-9,
        'weighted liaison (min)',
      );
      for (const r of weighted) assert.ok(Number.isFinite(r.z_total) || Number.isNaN(r.z_total));
    }
  });
}

test('the permutation and degree nulls can be chosen for unweighted input, deterministically', async () => {
  const { edges, groups } = loadFixture('rand30_g2', false);
  const a = await brokerageTable(edges, groups, {
    directed: true,
    weighted: false,
    null: 'degree',
    samples: 50,
    seed: 9,
  });
  const b = await brokerageTable(edges, groups, {
    directed: true,
    weighted: false,
    null: 'degree',
    samples: 50,
    seed: 9,
  });
  const sna = await brokerageTable(edges, groups, { directed: true, weighted: false });
  assert.deepEqual(a, b);
  assert.notDeepEqual(
    a.map((r) => r.z_total),
    sna.map((r) => r.z_total),
  );
  await assert.rejects(brokerageTable(edges, groups, { directed: true, weighted: true, null: 'sna' }));
});

test('brokerageTable rejects bad rows with the row number', async () => {
  const groups = [
    ['a', 'X'],
    ['b', 'Y'],
  ];
  await assert.rejects(
    brokerageTable([['a', 'zz']], groups, { directed: true, weighted: false }),
    /edges row 1: node 'zz' is not in groups/,
  );
  await assert.rejects(
    brokerageTable([['a', 'b', 'x']], groups, { directed: true, weighted: true }),
    /edges row 1: weight 'x'/,
  );
  await assert.rejects(
    brokerageTable([['a', 'b']], [], { directed: true, weighted: false }),
    /groups: no rows/,
  );
});

function errorOf(fn: () => unknown): CsvError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof CsvError, `expected CsvError, got ${String(err)}`);
    return err;
  }
  assert.fail('no error thrown');
}

test('CSV errors name file, line and column', () => {
  const groups = 'node,group\na,X\nb,Y\nc,X\n';
  let e = errorOf(() =>
    parseBrokerageInput('source,target,weight\na,b,1\nb,c,abc\n', 'E.csv', groups, 'G.csv', {
      weighted: true,
    }),
  );
  assert.equal(e.message, "E.csv:3:5: weight 'abc' is not a number");
  e = errorOf(() =>
    parseBrokerageInput('source,target\na,b\nb\n', 'E.csv', groups, 'G.csv', { weighted: false }),
  );
  assert.match(e.message, /^E\.csv:3:\d+: missing column 'target'/);
  e = errorOf(() =>
    parseBrokerageInput('source,target\na,b\nb,q\n', 'E.csv', groups, 'G.csv', { weighted: false }),
  );
  assert.equal(e.message, "E.csv:3:3: node 'q' is missing from G.csv");
  e = errorOf(() => parseBrokerageInput('', 'E.csv', groups, 'G.csv', { weighted: false }));
  assert.match(e.message, /^E\.csv:1:1: empty file/);
  e = errorOf(() => parseBrokerageInput('a,b\n', 'E.csv', 'node,group\n', 'G.csv', { weighted: false }));
  assert.match(e.message, /^G\.csv:2:1: no data rows/);
  e = errorOf(() =>
    parseBrokerageInput('source,target\na,b\n', 'E.csv', 'node\na\n', 'G.csv', { weighted: false }),
  );
  assert.match(e.message, /^G\.csv:1:1: header is missing column group/);
  e = errorOf(() =>
    parseBrokerageInput('source,target\na,b\n', 'E.csv', 'node,group\na,X\nb,Y\na,Z\n', 'G.csv', {
      weighted: false,
    }),
  );
  assert.equal(e.message, "G.csv:4:1: node 'a' already listed on line 2");
  e = errorOf(() =>
    parseBrokerageInput('source,target,weight\na,b\n', 'E.csv', groups, 'G.csv', { weighted: true }),
  );
  assert.match(e.message, /^E\.csv:2:\d+: missing column 'weight'/);
  e = errorOf(() =>
    parseBrokerageInput('source,target,weight\na,b,-2\n', 'E.csv', groups, 'G.csv', { weighted: true }),
  );
  assert.equal(e.message, 'E.csv:2:5: weight -2 must be > 0');
  e = errorOf(() => parseCsv('x,"unterminated\n', 'Q.csv'));
  assert.equal(e.message, 'Q.csv:1:3: unterminated quoted field');
  e = errorOf(() => readBrokerageInput('/nonexistent/E.csv', '/nonexistent/G.csv', { weighted: false }));
  assert.match(e.message, /cannot read file \(ENOENT\)/);
});

test('CSV reader: headerless, quoted, CRLF, BOM, reordered header', () => {
  const input = parseBrokerageInput(
    '\ufeff"a","b"\r\n"b, inc",a\r\n\r\n',
    'E.csv',
    'group,node\nX,a\nY,b\nX,"b, inc"\n',
    'G.csv',
    { weighted: false },
  );
  assert.deepEqual(input.edges, [
    ['a', 'b'],
    ['b, inc', 'a'],
  ]);
  assert.deepEqual(input.groups, [
    ['a', 'X'],
    ['b', 'Y'],
    ['b, inc', 'X'],
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'graph-io-'));
  writeFileSync(join(dir, 'e.csv'), 'source,target,weight\na,b,2.5\n');
  writeFileSync(join(dir, 'g.csv'), 'node,group\na,X\nb,Y\n');
  assert.deepEqual(readBrokerageInput(join(dir, 'e.csv'), join(dir, 'g.csv'), { weighted: true }).edges, [
    ['a', 'b', '2.5'],
  ]);
});

test('CSR: sorted rows, merged duplicates, dropped loops, undirected mirror, transpose', () => {
  const g = csrFromEdges(
    [
      { source: 'a', target: 'c', weight: 1 },
      { source: 'a', target: 'b', weight: 2 },
      { source: 'a', target: 'c', weight: 0.5 },
      { source: 'b', target: 'b', weight: 9 },
      { source: 'c', target: 'a', weight: 4 },
    ],
    { ids: ['a', 'b', 'c', 'd'] },
  );
  assert.equal(g.n, 4);
  assert.deepEqual(Array.from(g.offsets), [0, 2, 2, 3, 3]);
  assert.deepEqual(Array.from(g.targets), [1, 2, 0]);
  assert.deepEqual(Array.from(g.weights ?? []), [2, 1.5, 4]);
  assert.equal(findEdge(g, 0, 2), 1);
  assert.equal(findEdge(g, 2, 1), -1);
  const t = transpose(g);
  assert.deepEqual(Array.from(t.offsets), [0, 1, 2, 3, 3]);
  assert.deepEqual(Array.from(t.targets), [2, 0, 0]);
  assert.deepEqual(Array.from(t.weights ?? []), [4, 2, 1.5]);
  const u = csrFromEdges(
    [
      { source: 'x', target: 'y' },
      { source: 'y', target: 'x' },
      { source: 'y', target: 'z' },
    ],
    { undirected: true },
  );
  assert.ok(isSymmetric(u));
  assert.equal(u.targets.length, 4);
  assert.equal(u.weights, null);
  assert.throws(
    () =>
      csrFromEdges(
        [
          { source: 'a', target: 'b' },
          { source: 'a', target: 'b' },
        ],
        { duplicates: 'error' },
      ),
    /duplicate/,
  );
});
