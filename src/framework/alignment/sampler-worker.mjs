// Worker for src/framework/alignment/sampler-threads.ts: runs the Gibbs item steps for its range of
// items, one sweep per message, on arrays shared with the calling thread. Worker threads do not
// inherit the tsx loader of the main thread, so the entry registers it first.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { itemBlock } = await import('./sampler.ts');
const { DrawStream } = await import('./draws.ts');
const stream = new DrawStream();
const { state, from, to, seed } = workerData;
parentPort.on('message', (sweep) => {
  try {
    itemBlock(state, from, to, sweep, seed, stream);
    parentPort.postMessage(null);
  } catch (err) {
    parentPort.postMessage({ error: err instanceof Error ? err.message : String(err) });
  }
});
