// Engine, job worker. Starts the template-family search (template-families.ts) as soon as the
// templates are read, on a worker thread when the built worker exists and the key set is large
// enough to pay for its start-up; the analysis thread reads the remaining aggregates meanwhile and,
// when it needs the labels, takes its share of the search that the worker has not begun (units
// claimed from one shared counter), then waits for the worker (on a shared flag) and joins the two
// parts (see sync-worker.ts). Otherwise, and whenever the worker fails or stalls, the labels are
// computed in this thread: the result is the same.
import { builtWorker } from '../paths';
import { startSyncWorker } from './sync-worker';
import { mergeFamilies, templateFamilies, templateFamilyPart } from './template-families';

/** Keys below this: computed in-thread (a worker's start-up would cost more than it saves). */
export const WORKER_MIN_KEYS = 100_000;

/** Family representative per signature (see templateFamilies), delivered by `result()`. */
export function startTemplateFamilies(hi: Uint32Array, lo: Uint32Array, maxDistance: number, minKeys = WORKER_MIN_KEYS): { result(): Int32Array } {
  const local = () => templateFamilies(hi, lo, maxDistance);
  const file = hi.length >= minKeys ? builtWorker('template-families') : null;
  if (!file) return { result: local };
  const out = new SharedArrayBuffer(hi.length * 4);
  // the next unit of the search to claim (both threads add one to take it)
  const unitBuf = new SharedArrayBuffer(4);
  const unit = new Int32Array(unitBuf);
  const worker = startSyncWorker(file, { hi, lo, maxDistance, out, unit: unitBuf });
  if (!worker) return { result: local };
  return {
    result(): Int32Array {
      // this thread's share: the units the worker has not claimed yet (null: none left)
      const mine = templateFamilyPart(hi, lo, maxDistance, () => Atomics.add(unit, 0, 1));
      // generous: the search takes about a microsecond per key
      if (!worker.answer<boolean>(Math.max(30_000, hi.length / 50))) return local();
      return mine === null ? new Int32Array(out) : mergeFamilies(new Int32Array(out), mine);
    },
  };
}
