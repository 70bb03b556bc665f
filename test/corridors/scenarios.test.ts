import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readCorridorData } from '../../src/framework/corridors/load.ts';
import { buildNetwork } from '../../src/framework/corridors/network.ts';
import { route } from '../../src/framework/corridors/route.ts';
import { applyScenario, findScenario, runNetwork } from '../../src/framework/corridors/scenario.ts';
import { corridorRoute, corridorTransit } from '../../src/framework/corridors/index.ts';

const data = readCorridorData().data;
const base = buildNetwork(data);
const scen = (id: string): ReturnType<typeof findScenario> => findScenario(data, id);

test('applying a scenario never mutates the baseline', () => {
  const snapshot = JSON.stringify({
    legs: base.legs.map((l) => [l.open, l.capacityMt, l.hours]),
    nodes: base.nodes.map((n) => [n.open, n.capacityMt]),
    d: base.demands.map((d) => d.mt),
  });
  for (const s of data.scenarios) applyScenario(base, s);
  assert.equal(
    JSON.stringify({
      legs: base.legs.map((l) => [l.open, l.capacityMt, l.hours]),
      nodes: base.nodes.map((n) => [n.open, n.capacityMt]),
      d: base.demands.map((d) => d.mt),
    }),
    snapshot,
  );
  assert.equal(base.scenario, null);
  assert.equal(base.closedCountries.size, 0);
});

test('suez-blocked-2021 sends Shanghai-Rotterdam round the Cape', () => {
  // The cheapest route is by sea (from Shanghai the fastest is now by rail).
  const before = route(base, 'Shanghai', 'Rotterdam', { alternatives: 0, by: 'cost' });
  const after = route(applyScenario(base, scen('suez-blocked-2021')), 'Shanghai', 'Rotterdam', {
    alternatives: 0,
    by: 'cost',
  });
  assert.ok(before.path.includes('Suez'));
  assert.ok(after.path.includes('Cape of Good Hope'));
  // The published penalty is at least a week; the model gives the sea-time difference.
  assert.ok(after.hours - before.hours >= 7 * 24);
});

test('red-sea-2024 reroutes India-Europe traffic away from Bab el-Mandeb', () => {
  const r = route(applyScenario(base, scen('red-sea-2024')), 'Mumbai', 'Rotterdam', { alternatives: 0 });
  assert.ok(!r.path.includes('Bab el-Mandeb'));
});

test('russia-avoided moves China-Europe rail freight onto the Middle Corridor through Azerbaijan', () => {
  const b = runNetwork(base);
  const a = runNetwork(applyScenario(base, scen('russia-avoided')));
  const azeBefore = b.assignment.transit.find((t) => t.country === 'AZE')?.mt ?? 0;
  const azeAfter = a.assignment.transit.find((t) => t.country === 'AZE')?.mt ?? 0;
  assert.ok(azeAfter > azeBefore);
  const ce = a.assignment.ods.find((o) => o.od === 'china-europe-rail');
  assert.ok(
    ce && ce.paths.every((p) => !p.transit_countries.includes('RUS') && !p.transit_countries.includes('BLR')),
  );
  // Flows that end in Russia still run: the INSTC demand is unaffected.
  assert.equal(
    a.assignment.ods.find((o) => o.od === 'instc')?.assigned_mt,
    b.assignment.ods.find((o) => o.od === 'instc')?.assigned_mt,
  );
});

test('poland-belarus-closed-2025 removes the Brest-Malaszewicze crossing', () => {
  const r = corridorRoute('Xian', 'Duisburg', { scenario: 'poland-belarus-closed-2025', alternatives: 0 });
  assert.ok(!(r.path.includes('Brest') && r.path.includes('Malaszewicze')));
});

test('georgia-closed leaves no Middle Corridor path west of Azerbaijan', () => {
  const run = runNetwork(applyScenario(base, scen('georgia-closed')));
  for (const od of run.assignment.ods)
    for (const p of od.paths) assert.ok(!p.transit_countries.includes('GEO'));
  assert.throws(() => route(applyScenario(base, scen('georgia-closed')), 'Baku', 'Poti'));
});

test('rasht-astara-complete puts the INSTC western branch on rail', () => {
  const net = applyScenario(base, scen('rasht-astara-complete'));
  // Two transshipments disappear, so the all-rail path wins on time.
  const r = route(net, 'Astara (Azerbaijan)', 'Qazvin', { alternatives: 0 });
  assert.ok(r.legs.every((l) => l.mode === 'rail'));
  const r0 = route(base, 'Astara (Azerbaijan)', 'Qazvin', { alternatives: 0 });
  assert.ok(r0.legs.some((l) => l.mode === 'road'));
  assert.ok(r.hours < r0.hours);
});

test('tripp-open gives Azerbaijan a path to Turkiye that avoids Georgia', () => {
  const net = applyScenario(base, scen('tripp-open'));
  const g = applyScenario(net, scen('georgia-closed'));
  const r = route(g, 'Baku', 'Kars', { by: 'distance', alternatives: 0 });
  assert.ok(r.path.includes('Meghri') && !r.path.includes('Tbilisi'));
  // Without TRIPP the same closure leaves Azerbaijan with no rail path to Kars except round through Russia.
  const g0 = applyScenario(base, scen('georgia-closed'));
  const r0 = route(g0, 'Baku', 'Kars', { by: 'distance', alternatives: 0 });
  assert.ok(r0.km > r.km * 2);
});

test('scenarios compose and can be read from a file path or id', () => {
  const run = corridorTransit({ scenario: 'wb-2030' });
  assert.equal(run.scenario?.id, 'wb-2030');
  assert.equal(run.assignment.ods.find((o) => o.od === 'trans-caspian')?.demand_mt, 11);
  assert.throws(() => findScenario(data, 'no-such-scenario'), /built-in scenarios/);
});
