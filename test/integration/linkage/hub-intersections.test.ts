// The hubs two accounts share (project-hubs.ts sharedHubs: the partner's non-zero words ANDed with
// the row account's bitset) add exactly what the plain definition adds: every hub both hold, in
// rank order, its weight into the pair's signal sums (float32, as the projection keeps them) and
// into its family's corroboration, with the same signal and family bits.
import { expect, it } from 'vitest';
import { resolveParameters } from '../../../electron/engine/linkage/analyze';
import { hubData, hubSource, sharedHubs } from '../../../electron/engine/linkage/project-hubs';
import { linkValues } from '../../../electron/engine/linkage/project';
import { projectionInput } from '../../../electron/engine/linkage/project-input';
import { ValueTable } from '../../../electron/engine/linkage/value-table';

it('shared hubs add what the plain intersection adds, pair after pair', () => {
  let s = 13579;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
  const accounts = 1200;
  const t = new ValueTable(accounts);
  const T0 = Date.UTC(2026, 3, 1);
  for (let a = 0; a < accounts; a++) {
    const g = a % 12;
    const ts = () => T0 + (next() % (30 * 86_400_000));
    // a proxy pool per group, large enough that its IPs are hubs, drawn many times per account
    for (let k = 0; k < 40; k++) t.add(t.intern('ip', `proxy-${g % 3}-${next() % 90}`), a, ts(), a * 100 + k);
    t.add(t.intern('template', `family ${g}-${next() % 4}`), a, ts(), a * 100 + 50, 1 + (next() % 20));
    t.add(t.intern('user_agent', g % 2 ? 'tool/1' : `ua-${next() % 200}`), a, ts(), a * 100 + 51);
    t.add(t.intern('asn', `AS${next() % 4}`), a, ts(), a * 100 + 52);
  }
  t.seal();
  const p = resolveParameters({ hubMaxDegreeSoft: 60 });
  const lv = linkValues(t, accounts, p);
  const input = projectionInput(t, lv, accounts, p, new Uint8Array(accounts), new Float64Array(accounts).fill(40), false);
  const d = hubData(hubSource(t, lv), accounts, input.vSig, input.vFam, false);
  expect(d.mode).toBe(1);
  // each account's hub ranks, ascending, from each hub's holders
  const held: number[][] = Array.from({ length: accounts }, () => []);
  const r = d.value.length;
  d.value.forEach((v, rank) => {
    for (let i = lv.start[v]!; i < lv.start[v + 1]!; i++) held[t.pa[lv.order[i]!]!]!.push(rank);
  });
  for (const h of held) h.sort((x, y) => x - y);
  // the words of one signal take the summing fast path: most words, not all
  let uniform = 0;
  for (let w = 0; w < d.words; w++) if (d.ws[w]! >= 0) uniform++;
  expect(uniform).toBeGreaterThan(d.words / 2);
  expect(uniform).toBeLessThan(d.words);
  const nsig = input.nsig;
  const hubs = sharedHubs(d);
  const famW = new Float64Array(32);
  let compared = 0;
  // rows in order, several partners each (the row account's bitset is kept between partners)
  for (let x = 0; x < accounts; x += 7) {
    for (let j = 0; j < 6; j++) {
      const y = next() % accounts;
      const ps = new Float32Array(nsig).fill(0.25); // sums the row already holds
      const want = ps.slice();
      const wantFam = new Float64Array(32);
      let wantSigs = 0;
      let wantFams = 0;
      const ys = new Set(held[y]);
      for (const rank of held[x]!) {
        if (!ys.has(rank)) continue;
        want[d.hs[rank]!]! += d.hw[rank]!;
        wantSigs |= 1 << d.hs[rank]!;
        if (d.hf[rank]! >= 0) {
          wantFam[d.hf[rank]!]! += d.hw[rank]!;
          wantFams |= 1 << d.hf[rank]!;
        }
      }
      famW.fill(0);
      const any = hubs.shared(x, y, ps, 0, famW);
      expect(any).toBe(held[x]!.length > 0 && held[y]!.length > 0);
      expect(Array.from(ps)).toEqual(Array.from(want));
      if (!any) continue;
      expect(hubs.sigs).toBe(wantSigs);
      expect(hubs.fams).toBe(wantFams);
      expect(Array.from(famW)).toEqual(Array.from(wantFam));
      if (wantSigs !== 0) compared++;
    }
  }
  // not vacuous: many pairs share hubs
  expect(r).toBeGreaterThan(100);
  expect(compared).toBeGreaterThan(300);
});
