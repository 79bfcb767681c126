// Engine, worker thread (workers/template-families). Template families (template-families.ts)
// computed beside the analysis thread while it reads the other aggregates: the units of the
// search are claimed from the shared counter `unit` (the analysis thread takes the rest when it
// needs the labels), and the labels of this part go into the shared `out` array; it answers
// `true` when they are there. See sync-worker.ts.
import { templateFamilyPart } from './template-families';
import { answerSync } from './sync-worker';

answerSync((d: { hi: Uint32Array; lo: Uint32Array; maxDistance: number; out: SharedArrayBuffer; unit: SharedArrayBuffer }) => {
  const unit = new Int32Array(d.unit);
  // no unit left (the analysis thread took them all): every signature its own family here
  const labels = templateFamilyPart(d.hi, d.lo, d.maxDistance, () => Atomics.add(unit, 0, 1));
  const out = new Int32Array(d.out);
  if (labels) out.set(labels);
  else for (let i = 0; i < out.length; i++) out[i] = i;
  return { answer: true };
});
