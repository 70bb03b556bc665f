// Worker for src/framework/alignment/sampler-threads.ts: runs the Gibbs item steps for its range of
// items, one sweep per message, on arrays shared with the calling thread. The worker is kept warm
// between fits (src/worker-pool.ts): each fit starts with an `init` message naming its arrays and
// range. Worker threads do not inherit the tsx loader of the main thread, so the entry registers it.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { itemBlock } = await import('./sampler.ts');
const { DrawStream } = await import('./draws.ts');
const stream = new DrawStream();
let job = null;
parentPort.on('message', (m) => {
  try {
    if (typeof m === 'object' && m !== null && 'init' in m) job = m.init;
    else {
      const { state, from, to, seed } = job;
      itemBlock(state, from, to, m, seed, stream);
    }
    parentPort.postMessage(null);
  } catch (err) {
    parentPort.postMessage({ error: err instanceof Error ? err.message : String(err) });
  }
});
