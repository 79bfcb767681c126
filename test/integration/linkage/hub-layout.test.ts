// The hub structures of the projection (project-hubs.ts) are built account by account, reading
// the value table in account order; these are the same structures as built hub by hub from each
// hub's holders (the plain definitions below): each account's hub ranks ascending, and each
// sampled hub's holders in the fixed rank order paired with their next neighbours.
import { existsSync } from 'node:fs';
import { expect, it } from 'vitest';
import { resolveParameters } from '../../../electron/engine/linkage/analyze';
import { hubData, hubSamplePairs, hubSource, hubStructures, type HubStructures } from '../../../electron/engine/linkage/project-hubs';
import { startHubStructures } from '../../../electron/engine/linkage/project-hubs-async';
import { distPath } from '../../../electron/engine/paths';
import { linkValues, type LinkValues } from '../../../electron/engine/linkage/project';
import { familyBit, signalIndex } from '../../../electron/engine/linkage/signals';
import { ValueTable } from '../../../electron/engine/linkage/value-table';

function fixture() {
  let s = 24680;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
  const accounts = 900;
  const t = new ValueTable(accounts);
  const T0 = Date.UTC(2026, 3, 1);
  // values added in an order unrelated to accounts (derived values come after the rest), so an
  // account's pairs are not all together and not in value order
  for (let round = 0; round < 2; round++) {
    for (let a = accounts - 1; a >= 0; a--) {
      const g = a % 9;
      const ts = () => T0 + (next() % (30 * 86_400_000));
      for (let k = 0; k < 15; k++) t.add(t.intern('ip', `proxy-${g % 3}-${next() % 70}`), a, ts(), a * 100 + k);
      if (round === 1) t.add(t.intern('asn', `AS${next() % 3}`), a, ts(), a * 100 + 60);
      else t.add(t.intern('user_agent', g % 2 ? 'tool/1' : `ua-${next() % 150}`), a, ts(), a * 100 + 61);
    }
  }
  t.seal();
  const p = resolveParameters({ hubMaxDegreeSoft: 40 });
  return { t, accounts, p, lv: linkValues(t, accounts, p) };
}

function hubIds(lv: LinkValues): number[] {
  const ids: number[] = [];
  for (let v = 0; v < lv.degree.length; v++) if (lv.hub[v] && lv.degree[v]! >= 2) ids.push(v);
  return ids;
}

it('each account holds the same hub ranks, by words in ascending order, as read from each hub', () => {
  const { t, accounts, lv } = fixture();
  const sigOf = new Int32Array(t.values.length);
  const famOf = Int32Array.from(t.values, (x) => (x.signal.startsWith('x_') ? 0 : familyBit(x.signal)));
  const d = hubData(hubSource(t, lv), accounts, sigOf, famOf, false);
  expect(d.mode).toBe(1);
  const expected: number[][] = Array.from({ length: accounts }, () => []);
  // every hub ranked once; the ranks of one signal (and family) in value order
  expect(Array.from(d.value).sort((x, y) => x - y)).toEqual(hubIds(lv));
  for (let r = 1; r < d.value.length; r++) if (d.hs[r] === d.hs[r - 1] && d.hf[r] === d.hf[r - 1]) expect(d.value[r]!).toBeGreaterThan(d.value[r - 1]!);
  d.value.forEach((v, r) => {
    for (let i = lv.start[v]!; i < lv.start[v + 1]!; i++) expected[t.pa[lv.order[i]!]!]!.push(r);
  });
  for (const e of expected) e.sort((x, y) => x - y);
  const ranksOf = (a: number) => {
    const out: number[] = [];
    for (let k = d.nzStart[a]!; k < d.nzStart[a + 1]!; k++) {
      if (k > d.nzStart[a]!) expect(d.nz[2 * k]!).toBeGreaterThan(d.nz[2 * k - 2]!);
      expect(d.nz[2 * k + 1]).not.toBe(0);
      for (let j = 0; j < 32; j++) if (d.nz[2 * k + 1]! & (1 << j)) out.push(d.nz[2 * k]! * 32 + j);
    }
    return out;
  };
  expect(Array.from({ length: accounts }, (_, a) => ranksOf(a))).toEqual(expected);
  expect(hubIds(lv).length).toBeGreaterThan(50); // not vacuous
});

it('sampled hub pairs are those of each hub holders in rank order, excluded accounts left out', () => {
  const { t, accounts, p, lv } = fixture();
  const famOf = Int32Array.from(t.values, (x) => (x.signal.startsWith('x_') ? 0 : familyBit(x.signal)));
  const excluded = new Uint8Array(accounts);
  for (let a = 0; a < accounts; a += 37) excluded[a] = 1;
  const got = hubSamplePairs(hubSource(t, lv), accounts, p.hubSampleNeighbours, excluded, famOf);
  // the plain definition: per hub, its holders sorted by rank, each paired with its next K
  const rank = (a: number) => (Math.imul(a + 1, 2654435761) >>> 0) + a / (accounts + 1);
  const pairs: [number, number][] = [];
  for (const v of hubIds(lv)) {
    if (famOf[v] === 0) continue;
    const holders: number[] = [];
    for (let i = lv.start[v]!; i < lv.start[v + 1]!; i++) if (!excluded[t.pa[lv.order[i]!]!]) holders.push(t.pa[lv.order[i]!]!);
    holders.sort((x, y) => rank(x) - rank(y));
    for (let i = 0; i < holders.length; i++)
      for (let k = 1; k <= p.hubSampleNeighbours && i + k < holders.length; k++) pairs.push([Math.min(holders[i]!, holders[i + k]!), Math.max(holders[i]!, holders[i + k]!)]);
  }
  const expected: number[][] = Array.from({ length: accounts }, () => []);
  for (const [x, y] of pairs) expected[x]!.push(y);
  const actual = Array.from({ length: accounts }, (_, a) => [...got.other.subarray(got.start[a]!, got.start[a + 1]!)]);
  expect(actual).toEqual(expected);
  expect(pairs.length).toBeGreaterThan(1000); // not vacuous
});

it('builds the same hub structures on a worker (dist/workers/linkage-hubs.cjs) as in this thread, over the table shared, not copied', () => {
  const { t, accounts, p, lv } = fixture();
  const sigOf = Int32Array.from(t.values, (x) => (x.signal.startsWith('x_') ? -1 : signalIndex(x.signal)));
  const famOf = Int32Array.from(t.values, (x) => (x.signal.startsWith('x_') ? 0 : familyBit(x.signal)));
  const excluded = new Uint8Array(accounts);
  for (let a = 0; a < accounts; a += 41) excluded[a] = 1;
  // the value table keeps its large columns on shared memory: the worker's source copies neither
  const src = hubSource(t, lv, true);
  expect(src.pv.buffer).toBe(t.pv.buffer);
  expect(src.accOrder.buffer).toBe(t.byAccount().order.buffer);
  const here = hubStructures(hubSource(t, lv), accounts, p.hubSampleNeighbours, excluded, sigOf, famOf, false);
  const there = startHubStructures(t, lv, accounts, p.hubSampleNeighbours, excluded, sigOf, famOf).result();
  const plain = (h: HubStructures) => ({
    sampled: [Array.from(h.sampled.start), Array.from(h.sampled.other)],
    hubs: Object.fromEntries(Object.entries(h.hubs).map(([k, x]) => [k, typeof x === 'number' ? x : Array.from(x as Int32Array)])),
  });
  expect(plain(there)).toEqual(plain(here));
  expect(here.sampled.other.length).toBeGreaterThan(1000); // not vacuous
  expect(there.hubs.nz.buffer).toBeInstanceOf(SharedArrayBuffer);
  if (!existsSync(distPath('workers', 'linkage-hubs.cjs'))) console.warn('built worker missing: compared the in-thread path only');
});
