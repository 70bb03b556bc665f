// Worker entry for scenario ensembles, kept warm between calls (src/worker-pool.ts): answers each
// batch message with its members' results. Worker threads do not inherit the tsx loader of the main
// thread, so the entry registers it before importing the TypeScript module.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { workerRun } = await import('./ensemble.ts');
parentPort.on('message', (msg) => {
  let out;
  try {
    out = workerRun(msg);
  } catch (err) {
    parentPort.postMessage({ error: err instanceof Error ? err.message : String(err) });
    return;
  }
  parentPort.postMessage(out, [out.index.buffer, out.posture.buffer]);
});
