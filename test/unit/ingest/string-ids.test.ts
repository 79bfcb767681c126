// StringIds: an exact string -> id map over typed arrays (the import writer's interning).
import { describe, expect, it } from 'vitest';
import { StringIds } from '../../../electron/engine/ingest/string-ids';
import { hash32 } from '../../../electron/engine/ingest/normalise/hash64';
import { seededRandom } from '../../../electron/engine/seeded-random';

function idOf(m: StringIds, s: string, next: () => number): number {
  const got = m.get(s);
  if (got >= 0) return got;
  const id = next();
  if (!m.put(id)) throw new Error('refused');
  return id;
}

describe('StringIds', () => {
  it('gives each distinct string one id, the same as a Map would, through growth', () => {
    const r = seededRandom(7);
    const m = new StringIds();
    const ref = new Map<string, number>();
    let next = 1;
    let wrong = 0;
    // 60,000 draws from 40,000 strings: repeats, growth of entries, slots and chunks
    for (let i = 0; i < 60_000; i++) {
      const s = `ip-${Math.floor(r() * 40_000)}.${'x'.repeat(Math.floor(r() * 40))}`;
      const want = ref.get(s);
      const got = idOf(m, s, () => next++);
      if (want === undefined) ref.set(s, got);
      else if (got !== want) wrong++;
    }
    expect(wrong).toBe(0);
    expect(m.size).toBe(ref.size);
    expect([...ref].filter(([s, id]) => m.get(s) !== id)).toEqual([]);
  });

  it('tells apart strings that differ in any code unit, lone surrogates and the empty string included', () => {
    const m = new StringIds();
    const strings = ['', 'x', 'x\ud800', 'x\ud801', 'x\ufffd', 'é', 'e\u0301', 'Mozilla/5.0 (\u202eevil)', '\u0000', 'a'.repeat(3 << 20)];
    strings.forEach((s, i) => {
      expect(m.get(s)).toBe(-1);
      expect(m.put(100 + i)).toBe(true);
    });
    strings.forEach((s, i) => expect(m.get(s)).toBe(100 + i));
    expect(m.get('x\ud802')).toBe(-1);
    expect(m.get('a'.repeat((3 << 20) - 1))).toBe(-1);
  });

  it('keeps strings apart whose hashes are equal', () => {
    const seed = 12345;
    // a birthday search finds two strings with one 32-bit hash among a few hundred thousand
    const seen = new Map<number, string>();
    let pair: [string, string] | null = null;
    for (let i = 0; pair === null; i++) {
      const s = `k${i}`;
      const h = hash32(s, seed);
      const other = seen.get(h);
      if (other !== undefined) pair = [other, s];
      else seen.set(h, s);
    }
    const m = new StringIds(1 << 20, 1 << 25, seed);
    expect(m.get(pair[0])).toBe(-1);
    m.put(1);
    expect(m.get(pair[1])).toBe(-1);
    m.put(2);
    expect(m.get(pair[0])).toBe(1);
    expect(m.get(pair[1])).toBe(2);
  });

  it('refuses strings past its limits, storing nothing, and starts over when cleared', () => {
    const m = new StringIds(3, 10);
    for (const [i, s] of ['ab', 'cd', 'ef'].entries()) {
      expect(m.get(s)).toBe(-1);
      expect(m.put(i)).toBe(true);
    }
    expect(m.get('gh')).toBe(-1);
    expect(m.put(9)).toBe(false); // a fourth string
    expect(m.get('gh')).toBe(-1);
    expect(m.size).toBe(3);
    m.clear();
    expect(m.get('ab')).toBe(-1);
    expect(m.get('0123456789x')).toBe(-1);
    expect(m.put(5)).toBe(false); // 11 code units
    expect(m.get('0123456789')).toBe(-1);
    expect(m.put(5)).toBe(true);
    expect(m.get('0123456789')).toBe(5);
  });

  it('keeps every string past its first arrays (grown into releasable buffers), and clears them', () => {
    const m = new StringIds();
    const words = Array.from({ length: 40_000 }, (_, i) => `grown-${i}-${'x'.repeat(i % 30)}`);
    for (const [i, w] of words.entries()) {
      expect(m.get(w)).toBe(-1);
      expect(m.put(i)).toBe(true);
    }
    for (const [i, w] of words.entries()) expect(m.get(w)).toBe(i);
    m.clear();
    expect(m.get(words[123]!)).toBe(-1);
  });

  it('finds nothing once disposed, and takes strings again after', () => {
    const m = new StringIds();
    const words = Array.from({ length: 5000 }, (_, i) => `value-${i}`);
    for (const [i, w] of words.entries()) {
      m.get(w);
      m.put(i);
    }
    m.dispose();
    expect(m.size).toBe(0);
    expect(m.get('value-7')).toBe(-1);
    for (const [i, w] of words.entries()) {
      expect(m.get(w)).toBe(-1);
      expect(m.put(i + 10)).toBe(true);
    }
    for (const [i, w] of words.entries()) expect(m.get(w)).toBe(i + 10);
  });

  it('puts only the string of a get that missed', () => {
    const m = new StringIds();
    expect(() => m.put(1)).toThrow(/without a get/);
    m.get('a');
    m.put(1);
    expect(() => m.put(2)).toThrow(/without a get/);
    expect(m.get('a')).toBe(1);
    expect(() => m.put(3)).toThrow(/without a get/);
  });
});
