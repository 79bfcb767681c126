// canonicalV4Key names an address by number only when the text is already the canonical dotted
// quad (the parse workers then send it as a number, and the writer finds its string ids by it):
// checked against canonicalIp on hostile strings.
import { describe, expect, it } from 'vitest';
import { canonicalIp, canonicalV4Key, v4PrefixText, v4Text } from '../../../electron/engine/ingest/normalise/ip';
import { Ip4Ids } from '../../../electron/engine/ingest/ip4-ids';

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

describe('v4Text, v4PrefixText', () => {
  it('write the address a key numbers exactly as canonicalIp writes it, for keys of either sign', () => {
    const bad: string[] = [];
    for (const s of randomAddresses(50_000, 7)) {
      const key = canonicalV4Key(s);
      if (key < 0) continue;
      const c = canonicalIp(s);
      for (const k of [key, key | 0]) if (!c || v4Text(k) !== c.ip || v4PrefixText(k) !== c.prefix) bad.push(s);
    }
    expect(bad.slice(0, 5)).toEqual([]);
    expect(v4Text(0xffffffff | 0)).toBe('255.255.255.255');
  });
});

describe('Ip4Ids', () => {
  /** 20,000 look-ups of 240 addresses through a table of at most 2^maxBits slots; what intern was asked */
  function run(maxBits: number, initialBits: number): { bad: string[]; interned: number } {
    const ids = new Map<string, number>();
    let interned = 0;
    const intern = (t: string) => {
      interned++;
      let id = ids.get(t);
      if (id === undefined) {
        id = ids.size + 1;
        ids.set(t, id);
      }
      return id;
    };
    const table = new Ip4Ids(intern, maxBits, initialBits);
    let s = 5;
    const rnd = (n: number) => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return (s >>> 16) % n;
    };
    const bad: string[] = [];
    for (let k = 0; k < 20_000; k++) {
      const ip = `${rnd(2) * 250 + 1}.${rnd(2) * 200}.${rnd(5)}.${rnd(12)}`;
      table.find(canonicalV4Key(ip));
      const c = canonicalIp(ip)!;
      if (table.ipId !== ids.get(c.ip) || table.prefixId !== ids.get(c.prefix)) bad.push(ip);
    }
    return { bad: bad.slice(0, 5), interned };
  }

  it('gives the string ids of the canonical address and prefix, each address interned once while it fits', () => {
    // grows from 8 slots to room for the 240 addresses
    expect(run(10, 3)).toEqual({ bad: [], interned: 2 * 240 });
  });

  it('starts over when full at its largest size, and still gives the same ids', () => {
    const { bad, interned } = run(5, 3); // 32 slots at most: starts over past 16 addresses
    expect(bad).toEqual([]);
    expect(interned).toBeGreaterThan(2 * 240);
    expect(interned).toBeLessThan(2 * 20_000);
  });
});
