// Computed route lengths and times against published figures recorded (with sources) in
// kb/corridors/reference-routes.yaml. A route outside ±10% must carry a `known_gap` explanation,
// and a `known_gap` on a route that now agrees is flagged as stale.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readCorridorData } from '../../src/framework/corridors/load.ts';
import { buildNetwork } from '../../src/framework/corridors/network.ts';
import { route } from '../../src/framework/corridors/route.ts';
import { applyScenario } from '../../src/framework/corridors/scenario.ts';

const { data } = readCorridorData();
const base = buildNetwork(data);
const TOL = 0.1;

for (const ref of data.references) {
  test(`reference route ${ref.id}`, () => {
    const net =
      ref.avoid && ref.avoid.length > 0
        ? applyScenario(base, {
            id: `avoid-${ref.id}`,
            name: 'reference constraint',
            edits: ref.avoid.map((c) => ({ close: { country: c, transit_only: true } })),
            sources: ref.sources,
          })
        : base;
    const r = route(net, ref.from, ref.to, { by: ref.by, via: ref.via, alternatives: 0 });
    const misses: string[] = [];
    assert.ok(ref.km !== undefined || ref.hours !== undefined, 'a reference records km or hours');
    if (ref.km !== undefined) {
      const dev = r.km / ref.km - 1;
      if (Math.abs(dev) > TOL) misses.push(`km ${r.km} vs ${ref.km} (${(dev * 100).toFixed(1)}%)`);
    }
    if (ref.hours !== undefined) {
      const dev = r.hours / ref.hours - 1;
      if (Math.abs(dev) > TOL) misses.push(`hours ${r.hours} vs ${ref.hours} (${(dev * 100).toFixed(1)}%)`);
    }
    if (ref.known_gap === undefined)
      assert.deepEqual(misses, [], `${ref.id} outside ±10%: ${misses.join('; ')}`);
    else assert.ok(misses.length > 0, `${ref.id} now agrees within ±10%; remove its known_gap`);
  });
}
