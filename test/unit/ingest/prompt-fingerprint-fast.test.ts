// The fingerprinter's fast path (bit-sliced counters, keyword tables, the cache by masked token
// sequence) against the straightforward definition written out plainly: per-bit counts for the
// SimHash, a search of every phrase at every position for chain-of-thought, keyword counts for
// the capability, over the reference scanner's tokens.
import { describe, expect, it } from 'vitest';
import { CAPABILITY_WORDS, COT_PHRASES, MAX_CHARS, PromptFingerprinter, type PromptFingerprint } from '../../../electron/engine/ingest/normalise/prompt-fingerprint';
import { newSink, TOKEN_CODE, wordHash } from '../../../electron/engine/ingest/normalise/prompt-tokens';
import { mix32, toSigned64 } from '../../../electron/engine/ingest/normalise/hash64';
import { referenceScan } from './prompt-tokens-reference';

interface Plain {
  template: [number, number];
  simhash: [number, number];
  cot: boolean;
  capability: string;
  chars: number;
}

const COT_HASHES = COT_PHRASES.map((p) => p.map(wordHash));
const CAPABILITY_HASHES = CAPABILITY_WORDS.map(([, words]) => new Set(words.map(wordHash)));

function reference(text: string): Plain {
  const sink = newSink(4);
  referenceScan(text, MAX_CHARS, sink);
  const t = Array.from(sink.hashes.subarray(0, sink.count));
  const n = t.length;
  let a = 0x811c9dc5 | 0;
  let b = 0x6a09e667 | 0;
  for (const x of t) {
    a = mix32(a, x, 0x2545f491);
    b = mix32(b, x, 0x9e3779b9);
  }
  const template: [number, number] = [mix32(b, n, 0x7f4a7c15) >>> 0, mix32(a, n, 0x85ebca6b) >>> 0];
  const shingles: number[] = n < 3 ? t : t.slice(0, n - 2).map((_, i) => mix32(mix32(t[i] ?? 0, t[i + 1] ?? 0, 0x1234567), t[i + 2] ?? 0, 0x2345678));
  const countsLo = new Array<number>(32).fill(0);
  const countsHi = new Array<number>(32).fill(0);
  for (const lo of shingles) {
    const hi = mix32(lo, 0x9e3779b9, 0x3c6ef372);
    for (let bit = 0; bit < 32; bit++) {
      if ((lo >>> bit) & 1) countsLo[bit] = (countsLo[bit] ?? 0) + 1;
      if ((hi >>> bit) & 1) countsHi[bit] = (countsHi[bit] ?? 0) + 1;
    }
  }
  const major = (counts: number[]) => counts.reduce((acc, c, bit) => (2 * c > shingles.length ? acc | (1 << bit) : acc), 0) >>> 0;
  const simhash: [number, number] = [major(countsHi), major(countsLo)];
  const cot = COT_HASHES.some((ph) => {
    for (let i = 0; i + ph.length <= n; i++) if (ph.every((h, k) => t[i + k] === h)) return true;
    return false;
  });
  const hits = CAPABILITY_HASHES.map((hs) => t.filter((x) => hs.has(x)).length);
  if (t.includes(TOKEN_CODE)) hits[1] = (hits[1] ?? 0) + 2;
  let best = -1;
  hits.forEach((h, c) => {
    if (h > 0 && (best < 0 || h > (hits[best] ?? 0))) best = c;
  });
  return { template, simhash, cot, capability: best < 0 ? 'general' : (CAPABILITY_WORDS[best]?.[0] ?? ''), chars: text.length };
}

function plain(f: PromptFingerprint): Plain {
  // the stored 64-bit forms must be the halves' own
  const stored = f.template64 === toSigned64(f.template) && f.simhash64 === toSigned64(f.simhash);
  return { template: [f.template.hi, f.template.lo], simhash: [f.simhash.hi, f.simhash.lo], cot: f.cot, capability: stored ? f.capability : 'stored forms differ', chars: f.chars };
}

/** Deterministic prompts: random pieces the scanner treats specially, and templated families. */
function prompts(count: number, seed: number): string[] {
  let s = seed >>> 0;
  const rnd = (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
  const pieces = [
    'word', 'Step', 'by', 'step', 'STEP', 'chain', 'of', 'thought', 'think', 'through', 'show', 'your', 'work', 'lets', 'x', 'a1b2', '42', '3.14', '-7', '1e9',
    ' ', '  ', '\n', '\t', '\u00a0', '\u3000', '"', "'", '`', '```', '“', '”', '«', '»', '\u2019', '\\"', '\\', '{', '}', '[', ']', '<script>', '&amp;',
    '@', '.', ':', '/', '://', 'http', 'https://x.y/z?q=1', 'bob@x.com', '-', '_', '+', '%', '=', '&', '?', '#', '~', ',', ';', '!', '(', ')',
    '逐', '步', '一', '한', 'é', 'ß', 'Ж', '😀', '\ud800', '\udfff', '\uffff', '\ufffe', '\u0000', 'python', 'tool', 'tools', 'agent', 'prove', 'solve', 'translate',
    'summary', 'poem', 'essay', 'def f(x): return x*2', 'SELECT * FROM t WHERE a = 1;',
  ];
  const families = [
    'Implement a function in {w} that {w} the list. Task id {id}. Think step by step.',
    'Solve {n}x + {n} = {n} and prove it. Show your work.',
    'Translate "{q}" into {w} please, ticket {id}.',
    'You are an agent with tools: search for «{q}» then call the tool on {n}.',
    '逐步 解释 {n} 一步一步 {w}',
    '```{q}``` refactor this python code {n} times',
  ];
  const words = ['Go', 'Rust', 'python', 'sorts', 'merges', 'French', 'Deutsch', 'naïve', 'tool'];
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    if (rnd(2) === 0) {
      const parts: string[] = [];
      const n = rnd(60);
      for (let i = 0; i < n; i++) parts.push(pieces[rnd(pieces.length)] ?? '');
      out.push(parts.join(rnd(3) === 0 ? '' : ' '));
    } else {
      const f = families[rnd(families.length)] ?? '';
      out.push(
        f
          .replace(/\{w\}/g, () => words[rnd(words.length)] ?? '')
          .replace(/\{n\}/g, () => String(rnd(100000)))
          .replace(/\{id\}/g, () => `${rnd(1 << 30).toString(36)}x${rnd(9)}`)
          .replace(/\{q\}/g, () => `order ${rnd(1000)} never "arrived"`),
      );
    }
  }
  return out;
}

describe('prompt fingerprint fast path', () => {
  it('gives the straightforward definition on many varied prompts, with cache hits, misses and collisions', () => {
    const ps = prompts(6000, 11);
    // each prompt twice, in two orders, so the cache answers many of them
    const seq = [...ps, ...ps.slice().reverse()];
    const want = ps.map(reference);
    const wantOf = new Map(ps.map((p, i) => [p, want[i] as Plain]));
    for (const slots of [1, 2, 64, 8192]) {
      const fp = new PromptFingerprinter(slots);
      const bad: string[] = [];
      for (const p of seq) {
        const got = plain(fp.fingerprint(p));
        if (JSON.stringify(got) !== JSON.stringify(wantOf.get(p))) bad.push(JSON.stringify(p));
      }
      expect({ slots, bad: bad.slice(0, 3) }).toEqual({ slots, bad: [] });
    }
  });

  it('covers cot and every capability in the generated prompts (the comparison is not vacuous)', () => {
    const want = prompts(6000, 11).map(reference);
    expect(want.some((w) => w.cot)).toBe(true);
    expect(want.some((w) => !w.cot)).toBe(true);
    const caps = new Set(want.map((w) => w.capability));
    for (const c of ['general', 'coding', 'math', 'agentic', 'translation']) expect(caps.has(c)).toBe(true);
  });

  it('handles huge prompts, long token runs past the cache bound and prompts cut inside a token', () => {
    const fp = new PromptFingerprinter(4);
    const cases = [
      'Solve "x" step by step 12 ```code``` '.repeat(2000),
      'a b c d e f g '.repeat(600),
      'word '.repeat(200_000),
      `${'x'.repeat(MAX_CHARS - 2)} think step by step`,
      `${'逐'.repeat(MAX_CHARS - 1)}步`,
      '',
      '   ',
      '"unterminated quote ' + 'z '.repeat(300),
    ];
    for (const p of [...cases, ...cases]) expect(plain(fp.fingerprint(p))).toEqual(reference(p));
  });

  it('returns shared hashes that cannot be changed by a caller', () => {
    const fp = new PromptFingerprinter();
    const a = fp.fingerprint('Solve 3x + 4 = 7 step by step');
    expect(() => {
      (a.template as { hi: number }).hi = 1;
    }).toThrow();
    const b = fp.fingerprint('Solve 5x + 1 = 9 step by step');
    expect(b.template).toEqual(a.template);
    expect(b.chars).toBe('Solve 5x + 1 = 9 step by step'.length);
  });
});
