// Worker for src/graph/parallel.ts: answers each job message with its Brandes sums. Worker threads
// do not inherit the tsx loader of the main thread, so the entry registers it before importing the
// TypeScript kernel.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { brandesSums } = await import('./betweenness.ts');
parentPort.on('message', (job) => {
  let sums;
  try {
    const { n, offsets, targets, weights, groups, weighted, sources } = job;
    sums = brandesSums({ n, offsets, targets, weights, ids: [] }, { weighted, sources }, groups);
  } catch (err) {
    parentPort.postMessage({ error: err instanceof Error ? err.message : String(err) });
    return;
  }
  const transfer = [sums.out.buffer];
  if (sums.reach) transfer.push(sums.reach.asSource.buffer, sums.reach.asTarget.buffer);
  parentPort.postMessage(sums, transfer);
});
