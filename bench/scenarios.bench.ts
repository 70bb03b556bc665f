/**
 * Scenario ensembles: a 1,000-member ensemble of `russia-prevails` for one state over the whole
 * framework (1992 to the latest year, every component re-computed for every year of every member),
 * on one and on two worker threads. Prints the per-member cost and the speed-up; target < 60 s on 2 cores.
 * Run: node --import tsx bench/scenarios.bench.ts [--members N] [--state S] [--scenario ID]
 */
import { availableParallelism } from 'node:os';
import { FrameworkSession, FIRST_FRAMEWORK_YEAR } from '../src/framework/session.ts';
import { runEnsemble } from '../src/scenarios/ensemble.ts';
import { runScenario } from '../src/scenarios/run.ts';
import { hasSharedData } from '../test/helpers/paths.ts';
import { realDataStore } from '../test/helpers/store.ts';
import { machineLoad, timed } from './helpers/machine.ts';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const arg = (name: string, dflt: string): string => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1]! : dflt;
  };
  const members = Number(arg('--members', '1000'));
  const state = arg('--state', 'AZE');
  const scenario = arg('--scenario', 'russia-prevails');
  if (!hasSharedData) {
    console.log('scenarios bench: skipped (no ../shared/data)');
    return;
  }
  const { store, kb, registry } = await realDataStore();
  const session = await FrameworkSession.open(store, kb, registry);
  store.close();
  const years: [number, number] = [FIRST_FRAMEWORK_YEAR, session.latestYear()];

  const t0 = performance.now();
  const single = runScenario(session, scenario, { states: [state], draws: 200 });
  console.log(
    `single run of ${scenario} (overlay + framework for all states ${single.years.join('–')}` +
      `, 200 draws, per-edit trace): ${(performance.now() - t0).toFixed(0)} ms`,
  );

  const opts = { members, seed: 1, states: [state], years };
  const threads = Math.min(2, availableParallelism());
  // The first threaded call of a process starts the workers (while this thread already works);
  // later calls find them warm. Both are shown, and wall beside this process's CPU seconds.
  const cold = await timed(() => runEnsemble(session, scenario, { ...opts, threads }));
  const oneThread = await timed(() => runEnsemble(session, scenario, { ...opts, threads: 1 }));
  const warm = await timed(() => runEnsemble(session, scenario, { ...opts, threads }));
  const one = oneThread.value;
  for (const r of [cold, warm])
    if (JSON.stringify(one) !== JSON.stringify(r.value))
      throw new Error('ensembles on 1 and 2 threads differ');
  const perMember = (oneThread.wall * 1000) / members;
  console.log(
    `ensemble: ${members} members × ${years[1] - years[0] + 1} years of ${state} (${scenario}); ` +
      `1 thread ${oneThread.wall.toFixed(2)} s (${perMember.toFixed(2)} ms per member); ` +
      `${threads} threads, first call (workers start) ${cold.wall.toFixed(2)} s = ` +
      `${(oneThread.wall / cold.wall).toFixed(2)}×, warm ${warm.wall.toFixed(2)} s = ` +
      `${(oneThread.wall / warm.wall).toFixed(2)}× (target ≥ 1.6×); ` +
      `CPU s: 1 thread ${oneThread.cpu.toFixed(2)}, ` +
      `${threads} warm ${warm.cpu.toFixed(2)}; results identical; ${machineLoad()}`,
  );
  const last = one.rows[one.rows.length - 1]!;
  console.log(
    `${state} ${last.year}: baseline ${last.baseline_index?.toFixed(3)} (${last.baseline_posture}); ` +
      `ensemble median ${last.median?.toFixed(3)}, 5–95% ${last.p5?.toFixed(3)}–${last.p95?.toFixed(3)}; ` +
      `postures ${Object.entries(last.posture_probabilities)
        .map(([k, v]) => `${k} ${v.toFixed(3)}`)
        .join(', ')}`,
  );
}

await main();
