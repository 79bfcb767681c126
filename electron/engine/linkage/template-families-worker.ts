// Engine, worker thread (workers/template-families). Template families (template-families.ts)
// computed beside the analysis thread while it reads the other aggregates: the units of the
// search are claimed from the shared counter `unit` (the analysis thread takes the rest when it
// needs the labels), the labels of this part go into the shared `out` array and `flag` turns 1
// (0: running, 2: failed). The analysis thread waits on the flag with Atomics, so analyze()
// stays synchronous.
import { workerData } from 'node:worker_threads';
import { templateFamilyPart } from './template-families';

const d = workerData as { hi: Uint32Array; lo: Uint32Array; maxDistance: number; out: SharedArrayBuffer; flag: SharedArrayBuffer; unit: SharedArrayBuffer };
const flag = new Int32Array(d.flag);
const unit = new Int32Array(d.unit);
try {
  // no unit left (the analysis thread took them all): every signature its own family here
  const labels = templateFamilyPart(d.hi, d.lo, d.maxDistance, () => Atomics.add(unit, 0, 1));
  const out = new Int32Array(d.out);
  if (labels) out.set(labels);
  else for (let i = 0; i < out.length; i++) out[i] = i;
  Atomics.store(flag, 0, 1);
} catch {
  Atomics.store(flag, 0, 2);
}
Atomics.notify(flag, 0);
