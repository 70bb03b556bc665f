import assert from 'node:assert/strict';
import { test } from 'node:test';
import { brokerageCounts } from '../../src/graph/brokerage.ts';
import { csrFromEdges } from '../../src/graph/csr.ts';
import type { FrameworkInputs, IdealPoint, Obligations } from '../../src/framework/inputs.ts';
import {
  allianceLayer,
  armsLayer,
  bridgeStats,
  hostingLayer,
  igoLayer,
  interconnectorRun,
  interconnectorScores,
  multiplex,
  topK,
  transportLayer,
  voteLayer,
  type InterconnectorData,
  type Layer,
} from '../../src/framework/interconnector/index.ts';
import { loadKnowledgeBase } from '../../src/kb/knowledge-base.ts';
import { StateRegistry } from '../../src/states/registry.ts';
import { emptyInputs } from '../helpers/framework.ts';

const kb = loadKnowledgeBase();
const registry = StateRegistry.fromKnowledgeBase(kb);
const cc = (iso3: string): number => registry.resolve(iso3).ccode;

function withIdeal(inp: FrameworkInputs, points: Record<string, number>, years: [number, number]): void {
  const m = new Map<number, Map<number, IdealPoint>>();
  for (const [s, ip] of Object.entries(points)) {
    const byYear = new Map<number, IdealPoint>();
    for (let y = years[0]; y <= years[1]; y++) byYear.set(y, { ip, lo: ip, hi: ip, votes: 50 });
    m.set(cc(s), byYear);
  }
  inp.ideal = { data: m, covers: years, provenance: { dataset: 'unga_idealpoints', note: 'test' } };
}

function withArms(
  inp: FrameworkInputs,
  flows: Array<[supplier: string, recipient: string, year: number, tiv: number]>,
  covers: [number, number],
): void {
  const m = new Map<number, Map<number, Map<number, number>>>();
  for (const [s, r, y, tiv] of flows) {
    let byYear = m.get(cc(r));
    if (!byYear) m.set(cc(r), (byYear = new Map()));
    let bySupplier = byYear.get(y);
    if (!bySupplier) byYear.set(y, (bySupplier = new Map()));
    bySupplier.set(cc(s), (bySupplier.get(cc(s)) ?? 0) + tiv);
  }
  inp.arms = { data: m, covers, provenance: { dataset: 'sipri_arms', note: 'test' } };
}

const weightOf = (l: Layer, a: string, b: string): number | undefined =>
  l.edges.find((e) => (e.source === a && e.target === b) || (!l.directed && e.source === b && e.target === a))
    ?.weight;

test(
  'arms layer: supplier → recipient TIV summed over ' + 'the 5-year window ending at the year, directed',
  () => {
    const inp = emptyInputs(kb, registry);
    withArms(
      inp,
      [
        ['TUR', 'AZE', 2019, 10],
        ['TUR', 'AZE', 2021, 5],
        ['RUS', 'AZE', 2015, 7],
        ['ISR', 'AZE', 2020, 3],
      ],
      [1950, 2025],
    );
    const l = armsLayer(inp, 2021);
    assert.equal(l.directed, true);
    assert.equal(l.available, true);
    assert.deepEqual(
      l.edges.map((e) => [e.source, e.target, e.weight]),
      [
        ['ISR', 'AZE', 3],
        ['TUR', 'AZE', 15],
      ],
    );
    assert.equal(
      armsLayer(inp, 2021, { armsWindow: 2 }).edges.length,
      2,
      'ISR 2020 and TUR 2021 in 2020–2021',
    );
    assert.equal(weightOf(armsLayer(inp, 2021, { armsWindow: 2 }), 'TUR', 'AZE'), 5);
    assert.equal(armsLayer(inp, 2030).available, false);
  },
);

test(
  'alliance layer: ATOP obligations weighted as the commitments ' +
    'component, stronger direction, carried forward after 2018',
  () => {
    const inp = emptyInputs(kb, registry);
    const ob = (o: Partial<Obligations>): Obligations => ({
      defense: false,
      backed: false,
      offense: false,
      neutrality: false,
      nonaggression: false,
      consultation: false,
      alliances: [1],
      ...o,
    });
    inp.atop = {
      data: new Map([
        [`${cc('USA')}>${cc('FRA')}:2018`, ob({ defense: true, backed: true })],
        [`${cc('FRA')}>${cc('USA')}:2018`, ob({ consultation: true })],
        [`${cc('BRA')}>${cc('ARG')}:2018`, ob({ defense: true })],
        [`${cc('CHN')}>${cc('RUS')}:2018`, ob({ consultation: true })],
        [`${cc('USA')}>${cc('GBR')}:2017`, ob({ defense: true, backed: true })],
      ]),
      covers: [1815, 2018],
      provenance: { dataset: 'atop', note: 'test' },
    };
    const l = allianceLayer(inp, 2018);
    assert.equal(weightOf(l, 'USA', 'FRA'), 1, 'max(backed defence 1, consultation 0.35)');
    assert.equal(weightOf(l, 'BRA', 'ARG'), 0.5, 'collective defence');
    assert.equal(weightOf(l, 'CHN', 'RUS'), 0.35);
    assert.equal(weightOf(l, 'USA', 'GBR'), undefined, '2017 only');
    const later = allianceLayer(inp, 2023);
    assert.equal(later.dataYear, 2018);
    assert.match(later.note, /carried forward/);
    assert.equal(weightOf(later, 'USA', 'FRA'), 1);
    assert.equal(allianceLayer(inp, 1700).available, false);
  },
);

test('vote layer: each state keeps its k nearest by ideal point, proximity 1 − |Δθ|/range', () => {
  const inp = emptyInputs(kb, registry);
  withIdeal(inp, { USA: 2, FRA: 1.5, TUR: 0, RUS: -1, CHN: -2 }, [2020, 2020]);
  const l = voteLayer(inp, 2020, { voteK: 1 });
  // nearest: USA→FRA, FRA→USA, TUR→RUS (1 vs 1.5), RUS→TUR (1 vs 1 tie → lower code first: CHN < TUR),
  // CHN→RUS
  const pairs = l.edges.map((e) => `${e.source}-${e.target}`).sort();
  assert.deepEqual(pairs, ['CHN-RUS', 'FRA-USA', 'RUS-TUR']);
  assert.equal(weightOf(l, 'USA', 'FRA'), 1 - 0.5 / 4);
  assert.equal(voteLayer(inp, 2021).available, false);
});

test(
  'IGO layer: shared full memberships, strongest k per ' + 'state; missing where COW IGO does not reach',
  () => {
    const inp = emptyInputs(kb, registry);
    const pair = (a: string, b: string) => (cc(a) < cc(b) ? `${cc(a)}|${cc(b)}` : `${cc(b)}|${cc(a)}`);
    const data: InterconnectorData = {
      igoShared: {
        data: new Map([
          [
            2010,
            new Map([
              [pair('AZE', 'TUR'), 40],
              [pair('AZE', 'GEO'), 30],
              [pair('GEO', 'TUR'), 20],
              [pair('GEO', 'ARM'), 25],
            ]),
          ],
        ]),
        covers: [1816, 2014],
        provenance: { dataset: 'cow_igo' },
      },
      transport: null,
    };
    const l = igoLayer(inp, data, 2010, { igoK: 1 });
    // AZE keeps TUR (40), TUR keeps AZE, GEO keeps AZE (30), ARM keeps GEO (25)
    assert.deepEqual(l.edges.map((e) => `${e.source}-${e.target}:${e.weight}`).sort(), [
      'ARM-GEO:25',
      'AZE-GEO:30',
      'AZE-TUR:40',
    ]);
    assert.equal(igoLayer(inp, data, 2020).available, false);
    assert.equal(igoLayer(inp, undefined, 2010).available, false);
  },
);

test(
  'hosting layer: host tied to each party of talks it hosted in ' +
    'the event window; an organisation stands for its pole leader',
  () => {
    const inp = emptyInputs(kb, registry);
    const hosting = kb.factsOfKind('hosting').filter((f) => 'host' in f);
    const fact = hosting.find((f) => f.kind === 'hosting' && f.parties.length >= 2)!;
    assert.ok(fact && fact.kind === 'hosting');
    const year = Number(fact.date.slice(0, 4));
    const l = hostingLayer(inp, year);
    for (const p of fact.parties) {
      const state =
        registry.tryResolve(p)?.iso3 ??
        inp.config.poles.find(
          (x) => kb.orgById.get(p) && x.orientations.includes(kb.orgById.get(p)!.orientation),
        )?.leader;
      if (!state) continue;
      const e = l.edges.find(
        (x) =>
          (x.source === fact.host && x.target === state) || (x.target === fact.host && x.source === state),
      );
      assert.ok(e, `${fact.host}–${state}`);
      assert.ok(e.evidence?.includes(fact.id));
    }
  },
);

test(
  'transport layer: operational legs to consecutive country ' +
    'pairs, weight = legs; missing before the network year',
  () => {
    const data: InterconnectorData = {
      igoShared: { data: new Map(), covers: null, provenance: {} },
      transport: {
        legs: [
          { id: 'l1', countries: ['KAZ', 'AZE'], mode: 'ferry' },
          { id: 'l2', countries: ['AZE', 'GEO', 'TUR'], mode: 'rail' },
          { id: 'l3', countries: ['AZE', 'KAZ'], mode: 'ferry' },
        ],
        from: 2017,
        provenance: { dataset: 'corridor model' },
      },
    };
    const l = transportLayer(data, 2020);
    assert.deepEqual(
      l.edges.map((e) => `${e.source}-${e.target}:${e.weight}`),
      ['AZE-GEO:1', 'AZE-KAZ:2', 'GEO-TUR:1'],
    );
    assert.equal(transportLayer(data, 2010).available, false);
  },
);

test('topK keeps an edge if either end ranks it among its k strongest', () => {
  const e = [
    { source: 'A', target: 'B', weight: 3 },
    { source: 'A', target: 'C', weight: 2 },
    { source: 'C', target: 'D', weight: 1 },
  ];
  assert.deepEqual(
    topK(e, 1).map((x) => x.source + x.target),
    ['AB', 'AC', 'CD'],
  );
  assert.deepEqual(
    topK([...e, { source: 'B', target: 'C', weight: 5 }], 1).map((x) => x.source + x.target),
    ['A' + 'B', 'CD', 'BC'],
  );
});

test('multiplex: Σ λ_L · ŵ_L with max and log-max normalisation, directed layers symmetrised', () => {
  const arms: Layer = {
    id: 'arms',
    directed: true,
    dataYear: 2020,
    available: true,
    unit: 'TIV',
    normalisation: 'log-max',
    provenance: [],
    note: '',
    edges: [
      { source: 'A', target: 'B', weight: 9 },
      { source: 'B', target: 'A', weight: 1 },
      { source: 'C', target: 'B', weight: 1 },
    ],
  };
  const alliances: Layer = {
    id: 'alliances',
    directed: false,
    dataYear: 2020,
    available: true,
    unit: 'w',
    normalisation: 'max',
    provenance: [],
    note: '',
    edges: [
      { source: 'A', target: 'B', weight: 0.5 },
      { source: 'B', target: 'C', weight: 1 },
    ],
  };
  const m = multiplex([arms, alliances], { arms: 2, alliances: 1 });
  const ab = m.find((e) => e.source === 'A' && e.target === 'B')!;
  assert.ok(Math.abs(ab.layers.arms! - 2) < 1e-12, 'A–B arms 9+1 = 10 = max → 1, λ 2');
  assert.equal(ab.layers.alliances, 0.5);
  assert.ok(Math.abs(ab.weight - 2.5) < 1e-12);
  const bc = m.find((e) => e.source === 'B' && e.target === 'C')!;
  assert.ok(Math.abs(bc.layers.arms! - (2 * Math.log(2)) / Math.log(11)) < 1e-12);
  assert.equal(bc.layers.alliances, 1);
  assert.equal(multiplex([arms], { arms: 0 }).length, 0, 'λ = 0 drops a layer');
});

test(
  'bridging: a hub between two opposing blocs carries all cross-bloc ' +
    'paths; opposing two-paths = half the kernel liaison count',
  () => {
    const ids = ['w1', 'w2', 'x', 'e1', 'e2'];
    const edges = [
      ['w1', 'x'],
      ['w2', 'x'],
      ['x', 'e1'],
      ['x', 'e2'],
      ['w1', 'w2'],
    ].map(([s, t]) => ({ source: s!, target: t!, weight: 1 }));
    const g = csrFromEdges(edges, { ids, undirected: true });
    const side = Int32Array.from([0, 0, 2, 1, 1]);
    const s = bridgeStats(g, side);
    assert.equal(s.raw[2], 4);
    assert.equal(s.pairs[2], 4);
    assert.equal(s.share[2], 1);
    assert.equal(s.opposing[2], 4);
    assert.equal(s.opposingWeighted[2], 4);
    assert.equal(s.share[0], 0);
    const roles = brokerageCounts({ ...g, weights: null }, side);
    assert.equal(roles.liaison[2], 2 * s.opposing[2]!);
    // A tie e1–w1 closes the two-path w1–x–e1 and gives w1 and e1 a direct path.
    const g2 = csrFromEdges([...edges, { source: 'w1', target: 'e1', weight: 1 }], { ids, undirected: true });
    const s2 = bridgeStats(g2, side);
    assert.equal(s2.opposing[2], 3);
    // (w1,e2) and (w2,e2) only via x; (w2,e1) has two shortest paths, via x and via w1: ½.
    assert.equal(s2.raw[2], 2.5);
    assert.equal(s2.raw[0], 0.5);
    assert.equal(s2.opposing[0], 1, 'w2–w1–e1: w1 represents its own bloc toward the other');
  },
);

test(
  'interconnector index on a hand network: the state tied to both ' +
    'blocs and non-aligned scores 1, an isolated one 0, pole leaders 0',
  () => {
    const inp = emptyInputs(kb, registry);
    withIdeal(inp, { USA: 2, FRA: 1.7, TUR: 0, GEO: 0.2, RUS: -1.2, IRN: -1.1, CHN: -1 }, [2016, 2020]);
    withArms(
      inp,
      [
        ['USA', 'TUR', 2020, 100],
        ['RUS', 'TUR', 2020, 100],
        ['USA', 'FRA', 2020, 10],
        ['RUS', 'IRN', 2020, 10],
        ['CHN', 'IRN', 2020, 10],
      ],
      [1950, 2025],
    );
    const run = interconnectorRun(inp, 2020, { layers: ['arms'], nullSamples: 50 });
    const s = run.scores;
    assert.equal(s.get('TUR')!.bloc, 'non-aligned');
    assert.equal(s.get('GEO')!.bloc, 'non-aligned');
    assert.equal(s.get('FRA')!.bloc, 'west');
    assert.equal(s.get('IRN')!.bloc, 'china-russia');
    assert.equal(s.get('TUR')!.score, 1);
    assert.equal(s.get('TUR')!.rank, 1);
    assert.equal(s.get('GEO')!.score, 0);
    for (const leader of ['USA', 'RUS', 'CHN']) assert.equal(s.get(leader)!.score, 0);
    assert.equal(s.get('TUR')!.parts.opposingPaths, 1);
    assert.equal(s.get('TUR')!.roles.raw.liaison, 2, 'USA→TUR→RUS and back');
    assert.deepEqual(
      s.get('TUR')!.counterparts.west.map((c) => c.state),
      ['USA'],
    );
    assert.deepEqual(
      s.get('TUR')!.counterparts.east.map((c) => c.state),
      ['RUS'],
    );
    assert.ok(s.get('TUR')!.layers.arms!.score === 1);
    // Aiyar–Ohnsorge on arms: partners USA (100, d 2) and RUS (100, d 1.2): mean 1.6, SD 0.4.
    const ao = s.get('TUR')!.connectedness!;
    assert.ok(Math.abs(ao.vulnerability - 1.6) < 1e-12);
    assert.ok(Math.abs(ao.connectedness - 0.4) < 1e-12);
    assert.equal(s.get('GEO')!.connectedness, null);
    assert.ok(s.get('TUR')!.provenance.some((p) => p.dataset === 'sipri_arms'));
    // The exported map is the same.
    assert.equal(interconnectorScores(inp, 2020, { layers: ['arms'], nullSamples: 0 }).get('TUR')!.score, 1);
    // A year without ideal points cannot be partitioned.
    assert.throws(() => interconnectorRun(inp, 1990, { layers: ['arms'] }), /no bloc partition/);
    assert.throws(() => interconnectorRun(inp, 2020, { layers: ['nope' as never] }), /unknown layer/);
  },
);

test('the alignment factor halves under a pole guarantee (rules off); with the rules it gates', () => {
  const inp = emptyInputs(kb, registry);
  withIdeal(inp, { USA: 2, FRA: 1.7, TUR: 0, RUS: -1.2, IRN: -1.1, CHN: -1 }, [2016, 2020]);
  withArms(
    inp,
    [
      ['USA', 'TUR', 2020, 100],
      ['RUS', 'TUR', 2020, 100],
      ['USA', 'FRA', 2020, 10],
      ['RUS', 'IRN', 2020, 10],
    ],
    [1950, 2025],
  );
  inp.atop = {
    data: new Map([
      [
        `${cc('USA')}>${cc('TUR')}:2018`,
        {
          defense: true,
          backed: true,
          offense: false,
          neutrality: false,
          nonaggression: false,
          consultation: false,
          alliances: [3180],
        },
      ],
    ]),
    covers: [1815, 2018],
    provenance: { dataset: 'atop' },
  };
  const s = interconnectorScores(inp, 2020, { layers: ['arms'], nullSamples: 0, faceValidity: false }).get(
    'TUR',
  )!;
  assert.equal(s.parts.alignment, 0.5);
  assert.deepEqual(s.parts.guarantee, { from: 'USA', weight: 1 });
  assert.equal(s.score, 0.5);
  // Inside a pole's alliance: a full guarantee from the USA, so no bridge between the USA and its rivals.
  const g = interconnectorScores(inp, 2020, { layers: ['arms'], nullSamples: 0 }).get('TUR')!;
  assert.equal(g.parts.gate?.rule, 'pole-guarantee');
  assert.equal(g.parts.gate?.pole, 'USA');
  assert.equal(g.score, 0);
  // Carried forward from ATOP 2018, and said so.
  assert.ok(g.parts.gate?.evidence.includes('carried forward from 2018'));
});
