import { Worker } from 'node:worker_threads';
import type { IdealPointFit, IdealPointOptions } from './idealpoints.ts';
import type { VoteData } from './types.ts';

/**
 * Runs `estimateIdealPointsThreaded` on a worker thread (the sampler may start further threads for its
 * item steps). A fit of the whole record takes ~25 s of CPU; on
 * the server's thread it would stall every other request for that long. The voting record is
 * copied to the worker once (≈10 MB); a custom `filter.rollcall` predicate cannot cross threads.
 */
export function estimateIdealPointsOffThread(
  data: VoteData,
  options: IdealPointOptions,
): Promise<IdealPointFit> {
  if (options.filter?.rollcall)
    return Promise.reject(
      new Error(
        'a custom roll-call predicate cannot be sent to a worker thread; call estimateIdealPoints directly',
      ),
    );
  if (options.start) return Promise.reject(new Error('warm starts are not sent to the worker thread'));
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./fit-worker.mjs', import.meta.url), {
      workerData: { data, options },
    });
    let fit: IdealPointFit | null = null;
    worker.once('message', (f: IdealPointFit) => {
      fit = f;
    });
    worker.once('error', reject);
    worker.once('exit', (code) =>
      fit ? resolve(fit) : reject(new Error(`ideal-point worker exited with code ${code} before answering`)),
    );
  });
}
