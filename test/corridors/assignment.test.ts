import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assignDemands, bottleneck } from '../../src/framework/corridors/assign.ts';
import { readCorridorData } from '../../src/framework/corridors/load.ts';
import { buildNetwork } from '../../src/framework/corridors/network.ts';
import type { CorridorNetwork } from '../../src/framework/corridors/network.ts';
import { applyScenario } from '../../src/framework/corridors/scenario.ts';
import { tinyNet } from './fixture.ts';

function assertWithinCapacities(net: CorridorNetwork, res: ReturnType<typeof assignDemands>): void {
  const byId = new Map(net.legs.map((l) => [l.id, l] as const));
  for (const f of res.legs) {
    const l = byId.get(f.leg);
    assert.ok(l);
    assert.ok(f.forward_mt <= l.capacityMt + 1e-9, `${f.leg} forward ${f.forward_mt} > ${l.capacityMt}`);
    assert.ok(f.backward_mt <= l.capacityMt + 1e-9, `${f.leg} backward ${f.backward_mt} > ${l.capacityMt}`);
  }
  // Node throughput: sum of path flows touching each node.
  const through = new Map<string, number>();
  for (const od of res.ods)
    for (const p of od.paths)
      for (const name of new Set(p.path)) through.set(name, (through.get(name) ?? 0) + p.mt);
  for (const n of net.nodes)
    assert.ok((through.get(n.name) ?? 0) <= n.capacityMt + 1e-9, `${n.id} throughput over capacity`);
  for (const od of res.ods) assert.ok(Math.abs(od.assigned_mt + od.unassigned_mt - od.demand_mt) < 1e-9);
}

test('tiny network: flows fill the fastest path, then the next, never above capacity', () => {
  const net = tinyNet();
  const res = assignDemands(net, { increments: 10 });
  const od = res.ods[0];
  assert.ok(od);
  // a-c-d is fastest but a→c carries 3 Mt; a-b-d is then limited by node b (4 Mt): 7 of 10 Mt fit.
  assert.ok(Math.abs(od.assigned_mt - 7) < 1e-9);
  assert.ok(Math.abs(od.unassigned_mt - 3) < 1e-9);
  assert.deepEqual(
    od.paths.map((p) => [p.path.join('>'), Math.round(p.mt * 1e6) / 1e6]),
    [
      ['A>B>D', 4],
      ['A>C>D', 3],
    ],
  );
  assertWithinCapacities(net, res);
  // Transit: b's country is crossed by 4 of 10 Mt; origin and destination countries are excluded.
  assert.deepEqual(
    res.transit.map((t) => [t.country, t.mt, t.by_od[0]?.share]),
    [['BBB', 4, 0.4]],
  );
});

test('tiny network: max-flow equals the capacity cut (node b 4 + leg a→c 3)', () => {
  const b = bottleneck(tinyNet(), 'a', 'd');
  assert.equal(b.maxflow_mt, 7);
  assert.deepEqual(b.cut.map((c) => c.id).sort(), ['a--c-sea', 'b']);
});

const base = buildNetwork(readCorridorData().data);

test('real network: assignment respects every capacity, baseline and all scenarios', () => {
  const data = readCorridorData().data;
  for (const net of [base, ...data.scenarios.map((s) => applyScenario(base, s))]) {
    assertWithinCapacities(net, assignDemands(net));
  }
});

test('transit excludes origin and destination countries (not gateways) and sea waypoints', () => {
  const res = assignDemands(base);
  const gateway = new Set(base.regions.filter((r) => r.gateway).map((r) => r.id));
  for (const od of res.ods) {
    const demand = base.demands.find((d) => d.id === od.od)!;
    for (const p of od.paths) {
      const first = base.nodes.find((n) => n.name === p.path[0]);
      const last = base.nodes.find((n) => n.name === p.path.at(-1));
      assert.ok(first && last);
      assert.equal(p.transit_countries.includes(first.country), gateway.has(demand.from), od.od);
      assert.equal(p.transit_countries.includes(last.country), gateway.has(demand.to), od.od);
      assert.ok(!p.transit_countries.includes('SGP') && !p.transit_countries.includes('YEM'));
    }
  }
  const aze = res.transit.find((t) => t.country === 'AZE');
  assert.ok(aze && aze.mt > 0, 'Azerbaijan is a transit country in the baseline');
  for (const t of res.transit) for (const s of t.by_od) assert.ok(s.share >= 0 && s.share <= 1 + 1e-9);
});

test('wb-2030: 11 Mt trans-Caspian demand hits the Caspian port capacities', () => {
  const data = readCorridorData().data;
  const s = data.scenarios.find((x) => x.id === 'wb-2030');
  assert.ok(s);
  const net = applyScenario(base, s);
  const res = assignDemands(net);
  const od = res.ods.find((o) => o.od === 'trans-caspian');
  assert.ok(od);
  assert.equal(od.demand_mt, 11);
  const b = bottleneck(net, 'caspian-east-ports', 'black-sea-gateways');
  assert.ok(b.maxflow_mt !== null && b.cut.length > 0);
  assert.ok(od.assigned_mt <= b.maxflow_mt + 1e-9);
});
