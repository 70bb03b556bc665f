/**
 * Interconnector analysis on the real data: layer loading, one year with and without the
 * degree-preserving null, and a sweep over every framework year (no null), on one thread.
 * Run: node --import tsx bench/brokerage-real.bench.ts   (needs ../shared/data)
 */
import { corridorNetwork } from '../src/framework/corridors/index.ts';
import { loadFrameworkInputs } from '../src/framework/inputs.ts';
import { interconnectorRun, loadInterconnectorData } from '../src/framework/interconnector/index.ts';
import { hasSharedData } from '../test/helpers/paths.ts';
import { realDataStore } from '../test/helpers/store.ts';

async function main(): Promise<void> {
  if (!hasSharedData) {
    console.log('skipped: no ../shared/data');
    return;
  }
  const { store, kb, registry } = await realDataStore();
  const time = async <T>(label: string, f: () => T | Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const r = await f();
    console.log(`${label.padEnd(52)} ${(performance.now() - t0).toFixed(0).padStart(7)} ms`);
    return r;
  };
  const inputs = await time('framework inputs (store → memory)', () =>
    loadFrameworkInputs(store, kb, registry),
  );
  const last = inputs.ideal.covers![1];
  const years = Array.from({ length: last - 1992 + 1 }, (_, i) => 1992 + i);
  const data = await time(
    `IGO co-membership pairs, ${years.filter((y) => y <= 2014).length} years + corridor legs`,
    () =>
      loadInterconnectorData(store, {
        years,
        corridors: corridorNetwork(),
        corridorFrom: inputs.config.corridorFrom,
      }),
  );
  for (const year of [2014, last]) {
    const run = await time(`${year}: all layers, 200-sample degree null`, () =>
      interconnectorRun(inputs, year, { data, nullSamples: 200 }),
    );
    console.log(`  ${run.nodes.length} states, ${run.edges.length} multiplex ties`);
    await time(`${year}: all layers, no null, no per-layer scores`, () =>
      interconnectorRun(inputs, year, { data, nullSamples: 0, perLayer: false }),
    );
  }
  await time(`sweep ${years[0]}–${last}: every year, no null`, () => {
    for (const y of years) interconnectorRun(inputs, y, { data, nullSamples: 0 });
  });
  store.close();
}

await main();
