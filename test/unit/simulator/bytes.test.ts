// ByteSink writes exactly what the string path wrote: JSON.stringify + UTF-8 for JSON literals,
// Buffer.write for raw text, String() for numbers, whatever the characters (hostile ones included).
import { describe, expect, it } from 'vitest';
import { ByteSink } from '../../../electron/engine/simulator/bytes';
import { HOSTILE } from '../../../electron/engine/simulator/vocab';

const SAMPLES = [
  '',
  'plain ascii prompt',
  'x'.repeat(300),
  'quote " and backslash \\ inside',
  'line\nbreak\r\ttab\b\f and \u0000\u0001\u001f\u007f',
  'caf\u00e9 \u4e2d\u6587 emoji \u{1F600} rtl \u202Eevil',
  'lone high \ud800 end',
  'lone low \udc00 mid \ud83d',
  '\ufffd replacement and \uf000 private',
  'long '.repeat(40) + '\u2028\u2029',
  'mixed \u00fc\n"\\x\u0001\u4e2d\t\u{1F600}"\u007f end\n',
  ...HOSTILE,
];

const written = (f: (s: ByteSink) => void): Buffer => {
  const s = new ByteSink(8);
  f(s);
  return Buffer.from(s.copy());
};

describe('ByteSink', () => {
  it('json() and jsonSlow() equal JSON.stringify encoded as UTF-8', () => {
    for (const v of SAMPLES) {
      const want = Buffer.from(JSON.stringify(v), 'utf8');
      expect(written((s) => s.json(v)).equals(want), JSON.stringify(v)).toBe(true);
      expect(written((s) => s.jsonSlow(v)).equals(want), JSON.stringify(v)).toBe(true);
    }
  });

  it('raw() equals Buffer.from(s, "utf8") for short and long strings', () => {
    for (const v of SAMPLES) expect(written((s) => s.raw(v)).equals(Buffer.from(v, 'utf8')), JSON.stringify(v)).toBe(true);
  });

  it('numbers print as String(v); base 36 as toString(36); padding as padStart', () => {
    const nums = [0, 7, 10, 4096, 123456789, 2 ** 53 - 1, 0.7, 0.95, 1e-7, -3, 1.5e21];
    for (const n of nums) {
      expect(written((s) => s.num(n)).toString(), String(n)).toBe(String(n));
      expect(written((s) => s.int(n)).toString(), String(n)).toBe(String(n));
    }
    for (const u of [0, 35, 36, 0xffffffff, 123456789]) expect(written((s) => s.base36(u)).toString()).toBe(u.toString(36));
    expect(written((s) => s.padded(7, 3)).toString()).toBe('007');
  });

  it('grows past its initial size and keeps what was written', () => {
    const s = new ByteSink(4);
    for (let i = 0; i < 1000; i++) s.raw('abc');
    expect(Buffer.from(s.copy()).toString()).toBe('abc'.repeat(1000));
  });
});
