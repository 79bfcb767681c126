// Engine, worker thread (workers/template-families). Template families (template-families.ts)
// computed beside the analysis thread while it reads the other aggregates: the labels go into
// the shared `out` array and `flag` turns 1 (0: running, 2: failed). The analysis thread waits
// on the flag with Atomics, so analyze() stays synchronous.
import { workerData } from 'node:worker_threads';
import { templateFamilies } from './template-families';

const d = workerData as { hi: Uint32Array; lo: Uint32Array; maxDistance: number; out: SharedArrayBuffer; flag: SharedArrayBuffer };
const flag = new Int32Array(d.flag);
try {
  new Int32Array(d.out).set(templateFamilies(d.hi, d.lo, d.maxDistance));
  Atomics.store(flag, 0, 1);
} catch {
  Atomics.store(flag, 0, 2);
}
Atomics.notify(flag, 0);
