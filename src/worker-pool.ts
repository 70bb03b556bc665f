/**
 * Warm worker threads, shared by the whole process: the ensemble, the ideal-point sampler and
 * betweenness take a worker of their script from here and give it back when their call ends.
 * Starting a worker costs 0.1–2.5 s (the tsx loader, then the module graph it imports); paid once
 * per process, threads pay off on calls of a second or less, also when the machine is busy.
 *
 * Idle workers are unref'd, so they never keep the process alive. A worker that failed or exited
 * is dropped, never returned to the pool.
 */
import { Worker } from 'node:worker_threads';

const idle = new Map<string, Worker[]>();
const startedCount = new Map<string, number>();

/** An idle worker of `file`, or a new one. Give it back with release() or drop it with discard(). */
export function acquire(file: URL): Worker {
  const key = file.href;
  const worker = idle.get(key)?.pop();
  if (worker) {
    worker.ref();
    return worker;
  }
  startedCount.set(key, (startedCount.get(key) ?? 0) + 1);
  return new Worker(file);
}

export function release(file: URL, worker: Worker): void {
  worker.removeAllListeners('message');
  worker.removeAllListeners('error');
  worker.removeAllListeners('exit');
  worker.unref();
  const list = idle.get(file.href) ?? [];
  list.push(worker);
  idle.set(file.href, list);
}

export function discard(worker: Worker): void {
  worker.removeAllListeners();
  void worker.terminate();
}

/** Workers of `file` started in this process so far (0: the next threaded call pays the start-up). */
export function started(file: URL): number {
  return startedCount.get(file.href) ?? 0;
}

/** Idle workers of `file` right now. */
export function idleCount(file: URL): number {
  return idle.get(file.href)?.length ?? 0;
}

/**
 * Sends one message and waits for its one reply. A reply `{ error }` rejects with that message; a
 * worker error or exit rejects too, and the worker is then dropped rather than returned.
 */
export function request<T>(worker: Worker, message: unknown, transfer: ArrayBuffer[] = []): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const done = (): void => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (r: T | { error: string }): void => {
      done();
      if (r && typeof r === 'object' && 'error' in r && typeof r.error === 'string')
        reject(new Error(r.error));
      else resolve(r as T);
    };
    const onError = (e: Error): void => {
      done();
      discard(worker);
      reject(e);
    };
    const onExit = (code: number): void => {
      done();
      reject(new Error(`worker exited with code ${code} before answering`));
    };
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.once('exit', onExit);
    worker.postMessage(message, transfer);
  });
}

/**
 * Several requests in flight on one worker, answered in order (a worker handles its messages one
 * at a time): the worker starts on the next message as soon as it answers one. `close()` detaches
 * the listeners; call it only with nothing in flight.
 */
export function pipeline(worker: Worker): {
  send<T>(message: unknown): Promise<T>;
  inFlight(): number;
  close(): void;
} {
  const waiting: Array<{ resolve: (v: unknown) => void; reject: (e: Error) => void }> = [];
  const failAll = (e: Error): void => {
    for (const w of waiting.splice(0)) w.reject(e);
  };
  const onMessage = (r: unknown): void => {
    const w = waiting.shift();
    if (!w) return;
    if (r && typeof r === 'object' && 'error' in r && typeof r.error === 'string')
      w.reject(new Error(r.error));
    else w.resolve(r);
  };
  const onError = (e: Error): void => failAll(e);
  const onExit = (code: number): void =>
    failAll(new Error(`worker exited with code ${code} before answering`));
  worker.on('message', onMessage);
  worker.on('error', onError);
  worker.on('exit', onExit);
  return {
    send<T>(message: unknown): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        waiting.push({ resolve: resolve as (v: unknown) => void, reject });
        worker.postMessage(message);
      });
    },
    inFlight: () => waiting.length,
    close(): void {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    },
  };
}
