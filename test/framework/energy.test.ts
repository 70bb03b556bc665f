import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eiExports, energyRole } from '../../src/framework/dependence/energy.ts';
import { loadKnowledgeBase } from '../../src/kb/knowledge-base.ts';
import { StateRegistry } from '../../src/states/registry.ts';
import { Store } from '../../src/store/store.ts';
import { emptyInputs } from '../helpers/framework.ts';

const kb = loadKnowledgeBase();
const registry = StateRegistry.fromKnowledgeBase(kb);

// The official 2023 figures cited in kb/sources/energy.yaml: 23.8 bcm exported, 11.8 bcm to Europe.
const OFFICIAL_2023 = { total: 23.8, eu: 11.8 };

test("Azerbaijan's gas customers (sourced facts): 2023 totals the official volume; the EU is west", () => {
  const inp = emptyInputs(kb, registry);
  const r = energyRole(inp, 'AZE', 2023)!;
  assert.ok(Math.abs(r.total / OFFICIAL_2023.total - 1) <= 0.1, `${r.total} bcm`);
  assert.deepEqual(
    r.customers.map((c) => c.importer),
    ['EU', 'TUR', 'GEO'],
  );
  assert.equal(r.customers[0]!.pole, 'west');
  assert.ok(Math.abs(r.byPole.west! - 11.8) < 1e-9);
  assert.ok(r.hhi > 0.35 && r.hhi < 0.45, `HHI ${r.hhi}`);
  // The series the article speaks of: deliveries to the EU by year (8.2, 11.4, 11.8 bcm).
  const eu = [2021, 2022, 2023].map((y) =>
    energyRole(inp, 'AZE', y)!.customers.find((c) => c.importer === 'EU')!,
  );
  assert.deepEqual(
    eu.map((c) => c.volume),
    [8.2, 11.4, 11.8],
  );
  assert.equal(energyRole(inp, 'AZE', 1990), null, 'no facts: no figure, not zero');
});

// An independent check on the Energy Institute's matrix, when a store holding it is named.
const eiStore = process.env.INTERCONNECTOR_EI_STORE;
test(
  'the EI 2023 matrix agrees with the official volumes within ±10%',
  { skip: eiStore ? false : 'set INTERCONNECTOR_EI_STORE to a store with ei_statistical_review imported' },
  async (t) => {
    const store = await Store.open(eiStore!);
    try {
      const rows = await eiExports(store, 373, 2023);
      if (!rows) return t.skip('ei_bilateral_trade not in the store');
      const continents = ['Europe', 'CIS', 'Middle East', 'Asia Pacific', 'Africa', 'North America'];
      const total = rows.filter((r) => continents.includes(r.importer)).reduce((s, r) => s + r.volume, 0);
      const eu = rows.find((r) => r.importer === 'EU')!.volume;
      assert.ok(Math.abs(total / OFFICIAL_2023.total - 1) <= 0.1, `EI total ${total}`);
      assert.ok(Math.abs(eu / OFFICIAL_2023.eu - 1) <= 0.1, `EI to the EU ${eu}`);
      t.diagnostic(
        `EI 2023: ${total.toFixed(2)} bcm (${((total / OFFICIAL_2023.total - 1) * 100).toFixed(1)}%), ` +
          `EU ${eu.toFixed(2)} bcm (${((eu / OFFICIAL_2023.eu - 1) * 100).toFixed(1)}%)`,
      );
    } finally {
      store.close();
    }
  },
);
