// Autonomy for every state and year 1992–latest with a 1,000-draw uncertainty analysis (target < 60 s
// on 2 cores). Uses a store imported from ../shared/data by the project's own importer.
// Run: node --import tsx bench/autonomy.bench.ts [draws]
import { FrameworkSession } from '../src/framework/session.ts';
import { realDataStore } from '../test/helpers/store.ts';

const draws = Number(process.argv[2] ?? 1000);
const { store, kb, registry } = await realDataStore();
let t = performance.now();
const session = await FrameworkSession.open(store, kb, registry);
const loadMs = performance.now() - t;
t = performance.now();
const run = session.autonomy({ years: [1992, session.latestYear()], draws, seed: 1 });
const runMs = performance.now() - t;
const stateYears = run.results.length;
console.log(`inputs loaded in ${(loadMs / 1000).toFixed(2)} s (store → memory)`);
console.log(
  `autonomy 1992–${session.latestYear()}: ${stateYears} ` +
    `state-years × ${draws} draws in ${(runMs / 1000).toFixed(2)} s`,
);
console.log(
  `per state-year: ${(runMs / stateYears).toFixed(2)} ms; target ` +
    `< 60 s total → ${runMs / 1000 < 60 ? 'met' : 'NOT met'}`,
);
store.close();
