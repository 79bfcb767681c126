// Engine, job worker. Starts the template-family search (template-families.ts) as soon as the
// templates are read, on a worker thread when the built worker exists and the key set is large
// enough to pay for its start-up; the analysis thread reads the remaining aggregates meanwhile
// and collects the labels when it needs them (waiting on a shared flag). Otherwise, and whenever
// the worker fails or stalls, the labels are computed in this thread: the result is the same.
import { Worker } from 'node:worker_threads';
import { builtWorker } from '../paths';
import { templateFamilies } from './template-families';

/** Keys below this: computed in-thread (a worker's start-up would cost more than it saves). */
export const WORKER_MIN_KEYS = 100_000;

/** Family representative per signature (see templateFamilies), delivered by `result()`. */
export function startTemplateFamilies(hi: Uint32Array, lo: Uint32Array, maxDistance: number, minKeys = WORKER_MIN_KEYS): { result(): Int32Array } {
  const local = () => templateFamilies(hi, lo, maxDistance);
  const file = hi.length >= minKeys ? builtWorker('template-families') : null;
  if (!file) return { result: local };
  const out = new SharedArrayBuffer(hi.length * 4);
  const flagBuf = new SharedArrayBuffer(4);
  const flag = new Int32Array(flagBuf);
  let worker: Worker;
  try {
    worker = new Worker(file, { workerData: { hi, lo, maxDistance, out, flag: flagBuf } });
  } catch {
    return { result: local };
  }
  worker.unref();
  return {
    result(): Int32Array {
      // generous: the search takes about a microsecond per key; a worker that never reports
      // (failed to load, killed) costs this wait, then the in-thread computation
      const deadline = Date.now() + Math.max(30_000, hi.length / 50);
      while (Atomics.load(flag, 0) === 0 && Date.now() < deadline) Atomics.wait(flag, 0, 0, 1000);
      const state = Atomics.load(flag, 0);
      void worker.terminate();
      return state === 1 ? new Int32Array(out) : local();
    },
  };
}
