// Runs the benches one after another, each in its own process so that one's JIT state, caches and
// worker threads cannot flatter the next. `npm run bench` runs all; `npm run bench -- graph autonomy`
// runs bench/graph.bench.ts and bench/autonomy.bench.ts. Names come first; from the first option on
// (`npm run bench -- graph --sizes 1000,10000`) every argument is passed to each bench as it is.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { machineLoad } from './helpers/machine.ts';

const dir = fileURLToPath(new URL('.', import.meta.url));
const all = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''))
  .sort();
const args = process.argv.slice(2);
const firstOption = args.findIndex((a) => a.startsWith('-'));
const wanted = firstOption < 0 ? args : args.slice(0, firstOption);
const passed = firstOption < 0 ? [] : args.slice(firstOption);
const unknown = wanted.filter((w) => !all.includes(w));
if (unknown.length) {
  console.error(
    `unknown bench: ${unknown.join(', ')} (one of ${all.join(', ')}); ` +
      'put bench names first, then options (npm run bench -- graph --sizes 1000,10000)',
  );
  process.exit(1);
}
let failed = 0;
for (const name of wanted.length ? wanted : all) {
  console.log(`\n=== bench/${name}.bench.ts ${passed.join(' ')} (${machineLoad()}) ===`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', `${dir}${name}.bench.ts`, ...passed], {
    stdio: 'inherit',
  });
  if (r.status !== 0) failed++;
  console.log(`=== end of ${name} (${machineLoad()}) ===`);
}
process.exit(failed ? 1 : 0);
