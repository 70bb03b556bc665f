import assert from 'node:assert/strict';
import { test } from 'node:test';
import { corridorRoute, corridorTransit } from '../../src/framework/corridors/index.ts';
import { readCorridorData } from '../../src/framework/corridors/load.ts';
import { buildNetwork } from '../../src/framework/corridors/network.ts';
import { assignDemands, greatCircleKm } from '../../src/framework/corridors/assign.ts';

// Issue 15 on the committed corridor network (kb/corridors).

test('the Middle Corridor demand counts Georgia as transit (its ports are a gateway region)', () => {
  const run = corridorTransit({});
  const od = run.assignment.ods.find((o) => o.od === 'trans-caspian')!;
  assert.ok(od.assigned_mt > 3.29, `${od.assigned_mt} Mt placed`);
  const via = (c: string) =>
    run.assignment.transit.find((t) => t.country === c)?.by_od.find((b) => b.od === 'trans-caspian')?.mt ?? 0;
  assert.ok(via('GEO') > 3.29, `Georgia carries ${via('GEO')} Mt`);
  assert.ok(via('AZE') > 3.29, `Azerbaijan carries ${via('AZE')} Mt`);
  for (const p of od.paths) assert.ok(p.transit_countries.includes('GEO'), p.path.join(' › '));
});

test('closing Georgia leaves the Middle Corridor cargo unplaced instead of sending it across Europe', () => {
  const run = corridorTransit({ scenario: 'georgia-closed' });
  const od = run.assignment.ods.find((o) => o.od === 'trans-caspian')!;
  assert.ok(od.assigned_mt < 1e-6, `${od.assigned_mt} Mt placed`);
  assert.ok(Math.abs(od.detour_mt - od.demand_mt) < 1e-6);
  assert.match(od.unplaced, /great-circle distance \(limit 3×\)/);
  for (const c of ['POL', 'DEU', 'HUN', 'SRB'])
    assert.equal(
      run.assignment.transit.find((t) => t.country === c)?.by_od.some((b) => b.od === 'trans-caspian') ??
        false,
      false,
      c,
    );
  // The China–Europe rail flow is unaffected and fully placed.
  const ce = run.assignment.ods.find((o) => o.od === 'china-europe-rail')!;
  assert.ok(Math.abs(ce.unassigned_mt) < 1e-6);
});

test('the circuity limit is a parameter: raised, the detour is taken again', () => {
  const data = readCorridorData().data;
  const net = buildNetwork({
    ...data,
    params: { ...data.params, max_circuity: { value: 50 } },
    legs: data.legs,
  });
  const closed = buildNetwork({
    ...data,
    params: { ...data.params, max_circuity: { value: 50 } },
    nodes: data.nodes.filter((n) => n.country !== 'GEO'),
    legs: data.legs.filter((l) => {
      const geo = new Set(data.nodes.filter((n) => n.country === 'GEO').map((n) => n.id));
      return !geo.has(l.from) && !geo.has(l.to) && !(l.via ?? []).includes('GEO');
    }),
    regions: data.regions.map((r) =>
      r.nodes ? { ...r, nodes: r.nodes.filter((id) => !['poti', 'batumi'].includes(id)) } : r,
    ),
  });
  assert.equal(assignDemands(net).maxCircuity, 50);
  const od = assignDemands(closed).ods.find((o) => o.od === 'trans-caspian')!;
  assert.ok(od.assigned_mt > 3.29, 'with a 50× limit the long way round is taken');
  assert.equal(od.detour_mt, 0);
});

test('China–Europe rail can start at Shanghai: the fastest route from the coast is by rail', () => {
  const r = corridorRoute('Shanghai', 'Rotterdam', { by: 'time' });
  assert.equal(r.legs[0]!.mode, 'rail');
  assert.ok(
    r.legs.every((l) => l.mode === 'rail'),
    r.path.join(' › '),
  );
  const data = readCorridorData().data;
  const net = buildNetwork(data);
  const sh = net.nodes[net.nodeById.get('shanghai')!]!,
    xa = net.nodes[net.nodeById.get('xian')!]!;
  const gc = greatCircleKm(sh, xa);
  assert.ok(gc > 1150 && gc < 1300, `great circle ${gc}`);
});
