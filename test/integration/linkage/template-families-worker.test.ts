// The template-family search on its worker thread (dist/workers/template-families.cjs, present
// after the build that CI runs first; without it the same call computes in this thread) gives
// exactly the labels of the in-thread search.
import { existsSync } from 'node:fs';
import { expect, it } from 'vitest';
import { distPath } from '../../../electron/engine/paths';
import { templateFamilies } from '../../../electron/engine/linkage/template-families';
import { startTemplateFamilies } from '../../../electron/engine/linkage/template-families-async';

it('worker and in-thread template families agree (planted near-duplicates among random signatures)', () => {
  let s = 12345;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
  const n = 20_000;
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    if (i % 4 === 3) {
      // a near-duplicate of an earlier signature: two to three bits flipped
      const j = next() % i;
      hi[i] = hi[j]! ^ (1 << (next() % 32));
      lo[i] = (lo[j]! ^ (1 << (12 + (next() % 20))) ^ (next() % 2 ? 1 << 20 : 0)) >>> 0;
    } else {
      hi[i] = next();
      lo[i] = (next() & ~0xfff) >>> 0; // low 12 bits zero, as template keys are
    }
  }
  const want = templateFamilies(hi, lo, 3);
  const got = startTemplateFamilies(hi, lo, 3, 0).result();
  expect(Array.from(got)).toEqual(Array.from(want));
  // not vacuous: families were found
  let joined = 0;
  for (let i = 0; i < n; i++) if (want[i] !== i) joined++;
  expect(joined).toBeGreaterThan(n / 8);
  if (!existsSync(distPath('workers', 'template-families.cjs'))) console.warn('built worker missing: compared the in-thread path only');
});
