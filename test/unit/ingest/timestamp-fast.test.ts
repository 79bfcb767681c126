import { describe, expect, it } from 'vitest';
import { parseTimestamp } from '../../../electron/engine/ingest/normalise/timestamp';

// the fast ISO reader as it was (each digit checked, then read again), kept as the reference
const d2 = (s: string, i: number) => (s.charCodeAt(i) - 48) * 10 + (s.charCodeAt(i + 1) - 48);
const isD = (s: string, i: number) => s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57;
const DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];
function referenceIsoZ(s: string): number | null {
  const n = s.length;
  if ((n !== 20 && n !== 24) || s.charCodeAt(n - 1) !== 90 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return null;
  for (const i of n === 24 ? [...DIGITS, 20, 21, 22] : DIGITS) if (!isD(s, i)) return null;
  if (n === 24 && s.charCodeAt(19) !== 46) return null;
  const month = d2(s, 5);
  const day = d2(s, 8);
  const h = d2(s, 11);
  const mi = d2(s, 14);
  const sec = d2(s, 17);
  if (month < 1 || month > 12 || day < 1 || day > 31 || h > 23 || mi > 59 || sec > 60) return null;
  const ms = n === 24 ? (s.charCodeAt(20) - 48) * 100 + d2(s, 21) : 0;
  return Date.UTC(d2(s, 0) * 100 + d2(s, 2), month - 1, day, h, mi, sec, ms);
}

describe('fast ISO-8601 timestamps', () => {
  it('read every string of the common shape as the reference does (or leave it to the general path)', () => {
    let seed = 11;
    const rnd = (n: number) => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed % n;
    };
    const chars = '0123456789/:;-.TZ a٣';
    const mismatches: string[] = [];
    for (let k = 0; k < 100_000; k++) {
      const base = ['2026-04-22T13:45:59.123Z', '1999-12-31T23:59:60Z', '0099-02-30T00:00:00.000Z', '2024-02-29T24:00:00Z'][rnd(4)] ?? '';
      const a = base.split('');
      for (let m = rnd(3); m > 0; m--) a[rnd(a.length)] = chars[rnd(chars.length)] ?? '';
      const s = a.join('');
      const ref = referenceIsoZ(s);
      const got = parseTimestamp(s);
      if (ref !== null ? got !== ref : false) mismatches.push(s);
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(parseTimestamp('2026-04-22T13:45:59.123Z')).toBe(Date.UTC(2026, 3, 22, 13, 45, 59, 123));
  });
});
