// Worker for src/framework/alignment/fit-thread.ts: fits ideal points off the caller's thread.
// Worker threads do not inherit the tsx loader of the main thread, so the entry registers it first.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { estimateIdealPointsThreaded } = await import('./idealpoints.ts');
const fit = await estimateIdealPointsThreaded(workerData.data, workerData.options);
const arrays = [
  fit.unitState,
  fit.unitSession,
  fit.nVotes,
  fit.theta,
  fit.sd,
  fit.lo,
  fit.hi,
  fit.rollcallRcid,
  fit.rollcallItem,
  fit.beta,
  fit.c1,
  fit.c2,
];
parentPort.postMessage(fit, [...new Set(arrays.map((a) => a.buffer))]);
