import { describe, expect, it } from 'vitest';
import { newSink, scanPrompt } from '../../../electron/engine/ingest/normalise/prompt-tokens';
import { referenceScan } from './prompt-tokens-reference';

/** Deterministic pseudo-random prompts built from the pieces the scanner treats specially. */
function* randomPrompts(count: number, seed: number): Generator<string> {
  let s = seed >>> 0;
  const rnd = (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
  const pieces = [
    'word', 'Step', 'by', 'STEP', 'x', 'a1b2', '42', '3.14', ' ', '  ', '\n', '\t', '\u00a0', '\u3000', '"', "'", '`', '```', '“', '”', '«', '»', '\u2019',
    '@', '.', ':', '/', '://', 'http', 'https://x.y/z?q=1', 'bob@x.com', '-', '_', '+', '%', '=', '&', '?', '#', '~', ',', ';', '!', '(', ')',
    '逐', '步', '一', '한', 'é', 'ß', 'Ж', '😀', '\uffff', '\ufffe', '\u0000', 'python', 'tool', 'prove',
  ];
  for (let k = 0; k < count; k++) {
    const parts: string[] = [];
    const n = rnd(40);
    for (let i = 0; i < n; i++) parts.push(pieces[rnd(pieces.length)] ?? '');
    yield parts.join('');
  }
}

describe('prompt scanner fast path', () => {
  it('gives the reference scanner token hashes and texts on many random prompts and cut-offs', () => {
    const fast = newSink(4);
    const ref = newSink(4);
    const fastT = newSink(4, true);
    const refT = newSink(4, true);
    const mismatches: string[] = [];
    let compared = 0;
    let k = 0;
    for (const p of randomPrompts(20_000, 7)) {
      // cut-offs inside the text make the scanner peek past its end (quotes, fences, urls)
      for (const max of [p.length, Math.max(0, p.length - 1), Math.max(0, p.length - 2), p.length >> 1, 4096]) {
        scanPrompt(p, max, fast);
        referenceScan(p, max, ref);
        let same = fast.count === ref.count;
        for (let i = 0; same && i < fast.count; i++) same = fast.hashes[i] === ref.hashes[i];
        if (k++ % 10 === 0) {
          scanPrompt(p, max, fastT);
          referenceScan(p, max, refT);
          same &&= JSON.stringify(fastT.texts) === JSON.stringify(refT.texts);
        }
        if (!same) mismatches.push(JSON.stringify([p, max]));
        compared++;
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(compared).toBe(100_000);
  });

  it('handles a prompt longer than the scratch buffer', () => {
    const p = 'Solve "x" step by step 12 ```code``` '.repeat(2000);
    const fast = newSink();
    const ref = newSink();
    for (const max of [4096, p.length]) {
      scanPrompt(p, max, fast);
      referenceScan(p, max, ref);
      expect(Array.from(fast.hashes.subarray(0, fast.count))).toEqual(Array.from(ref.hashes.subarray(0, ref.count)));
    }
  });
});
