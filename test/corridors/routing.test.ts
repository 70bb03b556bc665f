import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readCorridorData } from '../../src/framework/corridors/load.ts';
import { buildNetwork } from '../../src/framework/corridors/network.ts';
import { resolvePlace, UnknownPlaceError } from '../../src/framework/corridors/resolve.ts';
import { route, NoRouteError } from '../../src/framework/corridors/route.ts';
import { corridorRoute } from '../../src/framework/corridors/index.ts';
import { tinyNet } from './fixture.ts';

test('tiny network: time, distance and penalties by hand', () => {
  const net = tinyNet();
  // Via b: 10 + 10 (border AAA→BBB) + 10 = 30 h. Via c: 12 + 2 (transfer) + 3 + 10 (border AAA→CCC) = 27 h.
  const t = route(net, 'a', 'd', { by: 'time' });
  assert.deepEqual(t.path, ['A', 'C', 'D']);
  assert.equal(t.hours, 27);
  assert.equal(t.km, 350);
  assert.deepEqual(
    t.alternatives.map((x) => [x.path.join('>'), x.hours]),
    [['A>B>D', 30]],
  );
  const d = route(net, 'a', 'd', { by: 'distance' });
  assert.deepEqual(d.path, ['A', 'B', 'D']);
  assert.equal(d.km, 200);
  assert.deepEqual(
    d.legs.map((l) => l.penalty_hours),
    [10, 0],
  );
});

test('tiny network: route JSON has exactly the contract fields', () => {
  const r = route(tinyNet(), 'A', 'west');
  assert.deepEqual(Object.keys(r), ['from', 'to', 'by', 'km', 'hours', 'path', 'legs', 'alternatives']);
  assert.equal(r.to, 'West');
});

const net = buildNetwork(readCorridorData().data);

test('places resolve by id, name and alias, case-insensitively', () => {
  assert.equal(resolvePlace(net, 'Shanghai').id, 'shanghai');
  assert.equal(resolvePlace(net, 'ROTTERDAM').id, 'rotterdam');
  assert.equal(resolvePlace(net, 'baku').id, 'baku');
  assert.equal(resolvePlace(net, 'Mumbai').id, 'nhava-sheva');
  assert.equal(resolvePlace(net, 'Alashankou').id, 'dostyk');
  assert.equal(resolvePlace(net, 'Malaszewicze').id, 'malaszewicze');
  assert.equal(resolvePlace(net, 'Małaszewicze').id, 'malaszewicze');
  assert.equal(resolvePlace(net, 'Europe').kind, 'region');
  assert.equal(resolvePlace(net, 'AZE').kind, 'country');
});

test('unknown names list the closest matches', () => {
  assert.throws(
    () => resolvePlace(net, 'Rotterdm'),
    (e: unknown) =>
      e instanceof UnknownPlaceError &&
      e.suggestions[0] === 'Rotterdam (rotterdam)' &&
      /closest matches/.test(e.message),
  );
});

test('Shanghai-Rotterdam: cheapest by sea via Suez, Cape as an alternative (fastest by rail)', () => {
  const r = corridorRoute('Shanghai', 'Rotterdam', { by: 'cost', alternatives: 3 });
  assert.ok(r.path.includes('Suez') && r.path.includes('Port Said'));
  assert.ok(r.alternatives.some((a) => a.path.includes('Cape of Good Hope')));
  assert.equal(
    r.km,
    r.legs.reduce((s, l) => s + l.km, 0),
  );
  const hours = r.legs.reduce((s, l) => s + l.hours + l.penalty_hours, 0);
  assert.ok(Math.abs(hours - r.hours) < 0.5);
});

test('alternatives are distinct, loopless and not better than the best', () => {
  const r = corridorRoute('Xian', 'Rotterdam', { by: 'time', alternatives: 4 });
  const keys = new Set([
    r.legs.map((l) => l.id).join(','),
    ...r.alternatives.map((a) => a.legs.map((l) => l.id).join(',')),
  ]);
  assert.equal(keys.size, 1 + r.alternatives.length);
  for (const a of r.alternatives) {
    assert.ok(a.hours >= r.hours - 1e-9);
    assert.equal(new Set(a.path).size, a.path.length);
  }
});

test('region to region: China to Europe reaches an EU node', () => {
  const r = route(net, 'China', 'Europe', { by: 'distance', alternatives: 0 });
  assert.equal(r.to, 'European Union');
  assert.ok(
    ['Malaszewicze', 'Duisburg', 'Rotterdam', 'Constanta', 'Burgas'].includes(r.path.at(-1) as string),
  );
  assert.ok(["Xi'an", 'Chongqing', 'Urumqi', 'Shanghai'].includes(r.path[0] as string));
});

test('cost criterion uses unit costs and gives a cost per tonne on every leg', () => {
  const r = corridorRoute('Baku', 'Rotterdam', { by: 'cost', alternatives: 0 });
  assert.ok(r.legs.every((l) => l.cost_usd_per_t > 0));
});

test('Nakhchivan is cut off in the baseline and reached across Syunik when TRIPP opens', () => {
  assert.throws(
    () => corridorRoute('Horadiz', 'Nakhchivan', { by: 'distance', alternatives: 0 }),
    NoRouteError,
  );
  const r = corridorRoute('Horadiz', 'Nakhchivan', {
    by: 'distance',
    alternatives: 0,
    scenario: 'tripp-open',
  });
  assert.ok(r.path.includes('Meghri'));
  assert.ok(r.legs.some((l) => l.countries.includes('ARM')));
});

test('no route raises a clear error', () => {
  assert.throws(() => corridorRoute('Yerevan', 'Nakhchivan', { scenario: 'georgia-closed' }), NoRouteError);
});
