// canonicalV4Key names an address by number only when the text is already the canonical dotted
// quad (the import then memoises it by number): checked against canonicalIp on hostile strings.
import { describe, expect, it } from 'vitest';
import { canonicalIp, canonicalV4Key } from '../../../electron/engine/ingest/normalise/ip';
import { Dictionary, Ip4Memo } from '../../../electron/engine/ingest/string-memos';
import { R } from '../../../electron/engine/ingest/batch';

function* randomAddresses(count: number, seed: number): Generator<string> {
  let s = seed >>> 0;
  const rnd = (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
  const pieces = ['0', '1', '9', '00', '01', '10', '99', '100', '199', '200', '249', '250', '255', '256', '300', '999', '1000', '.', '.', '.', ' ', ':', ':80', '%eth0', ',', '[', ']', 'a', '-', '+', '٣', '１', '::ffff:', 'e1'];
  for (let k = 0; k < count; k++) {
    if (rnd(2) === 0) {
      // a dotted quad, sometimes with a leading zero, a too-large octet or a missing part
      const oct = () => String(rnd(8) === 0 ? rnd(400) : rnd(256)).padStart(rnd(10) === 0 ? 3 : 0, '0');
      const parts = [oct(), oct(), oct(), oct()];
      if (rnd(10) === 0) parts.pop();
      if (rnd(10) === 0) parts.push(oct());
      yield parts.join('.');
    } else {
      const n = 1 + rnd(9);
      let t = '';
      for (let i = 0; i < n; i++) t += pieces[rnd(pieces.length)] ?? '';
      yield t;
    }
  }
}

describe('canonicalV4Key', () => {
  it('is a number exactly when the text is its own canonical IPv4 form, and that number is the address', () => {
    const bad: string[] = [];
    let keyed = 0;
    for (const s of randomAddresses(50_000, 3)) {
      const key = canonicalV4Key(s);
      const c = canonicalIp(s);
      const selfCanonical = c !== null && c.ip === s && !s.includes(':');
      if ((key >= 0) !== selfCanonical) bad.push(s);
      if (key >= 0) {
        keyed++;
        const want = s.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
        if (key !== want) bad.push(s);
      }
    }
    expect(bad.slice(0, 5)).toEqual([]);
    expect(keyed).toBeGreaterThan(10_000);
  });

  it('knows the edge cases', () => {
    expect(canonicalV4Key('0.0.0.0')).toBe(0);
    expect(canonicalV4Key('255.255.255.255')).toBe(0xffffffff);
    expect(canonicalV4Key('10.0.0.1')).toBe(0x0a000001);
    for (const s of ['010.0.0.1', '1.2.3.04', '256.1.1.1', '1.2.3', '1.2.3.4.5', ' 1.2.3.4', '1.2.3.4:80', '1..2.3', '1.2.3.', '.1.2.3', '１.2.3.4', '1.2.3.4 ']) expect(canonicalV4Key(s)).toBe(-1);
  });
});

describe('Ip4Memo', () => {
  it('gives the dictionary ids of the canonical address and prefix, through table restarts and dictionary resets', () => {
    const d = new Dictionary(50); // resets past 50 strings (called between batches)
    const memo = new Ip4Memo(3); // eight slots: restarts every few new addresses
    let s = 5;
    const rnd = (n: number) => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s % n;
    };
    const bad: string[] = [];
    for (let k = 0; k < 20_000; k++) {
      if (k % 97 === 0) d.maybeReset();
      const ip = `${rnd(3)}.${rnd(2) * 200}.${rnd(5)}.${rnd(12)}`;
      memo.get(ip, canonicalV4Key(ip), d);
      const c = canonicalIp(ip);
      const before = d.pending.length;
      // the ids the memo gave must already be the dictionary's: asking again adds no string
      if (!c || memo.aId !== d.id(c.ip, R.ip) || memo.bId !== d.id(c.prefix, R.ip_prefix) || d.pending.length !== before) bad.push(ip);
    }
    expect(bad.slice(0, 5)).toEqual([]);
    expect(d.gen).toBeGreaterThan(3);
  });
});
