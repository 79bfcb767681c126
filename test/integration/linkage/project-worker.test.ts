// Projection split over two threads (dist/workers/linkage-project.cjs, present after the build
// that CI runs first; without it the same call projects every row in this thread) gives exactly
// the edges of the one-thread projection: same pairs in the same order, weights, signals, flags,
// whether the threads fill shared columns from both ends (row ranges claimed as they go) or
// buffers of their own.
import { existsSync } from 'node:fs';
import { expect, it } from 'vitest';
import { resolveParameters } from '../../../electron/engine/linkage/analyze';
import { distPath } from '../../../electron/engine/paths';
import { columnEdges, ForwardWriter, reserveEdgeColumns, ReversedRows } from '../../../electron/engine/linkage/edge-sinks';
import { edgeBounds, linkValues, projectClaimedRows, projectEdges, type Edges, type RowClaim } from '../../../electron/engine/linkage/project';
import { RowClaims, twoThreadRows } from '../../../electron/engine/linkage/project-async';
import { ValueTable } from '../../../electron/engine/linkage/value-table';
import { plainEdges } from './plain-edges';

function fixture() {
  let s = 987654;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
  const accounts = 2000;
  const t = new ValueTable(accounts);
  const T0 = Date.UTC(2026, 3, 1);
  const groups = 40;
  for (let a = 0; a < accounts; a++) {
    const g = a % groups;
    const ts = () => T0 + (next() % (30 * 86_400_000));
    // a few group-shared values (campaign-like), plus values shared at random (background)
    for (let k = 0; k < 4; k++) t.add(t.intern('ip', `10.${g}.0.${next() % 12}`), a, ts(), a * 10 + k);
    t.add(t.intern('template', `family ${g}-${next() % 3}`), a, ts(), a * 10 + 5, 1 + (next() % 20));
    t.add(t.intern('user_agent', g % 2 ? 'tool/1' : `ua-${next() % 400}`), a, ts(), a * 10 + 6);
    t.add(t.intern('payment', `card-${g}-${next() % 25}`), a, null, -1);
    t.add(t.intern('ip_prefix', `198.${next() % 300}.0.0/24`), a, ts(), a * 10 + 7);
    t.add(t.intern('asn', `AS${next() % 3}`), a, ts(), a * 10 + 8); // hubs
  }
  t.seal();
  const p = resolveParameters({});
  const lv = linkValues(t, accounts, p);
  const excluded = new Uint8Array(accounts);
  excluded[17] = 1;
  const volume = new Float64Array(accounts).fill(20);
  return { t, lv, accounts, p, excluded, volume };
}

it('two threads and one give the same edges (random accounts sharing IPs, templates, clients, cards, hubs)', () => {
  const { t, lv, accounts, p, excluded, volume } = fixture();
  const one = projectEdges(t, lv, accounts, p, excluded, volume);
  const two = projectEdges(t, lv, accounts, p, excluded, volume, twoThreadRows({ minWork: 0 }));
  const plain = plainEdges;
  expect(plain(two)).toEqual(plain(one));
  // ranges of one row, and ranges larger than half the rows
  for (const chunk of [1, 1500]) expect(plain(projectEdges(t, lv, accounts, p, excluded, volume, twoThreadRows({ minWork: 0, chunk })))).toEqual(plain(one));
  // each thread in its own growing buffer, concatenated (when the shared columns cannot be reserved)
  const apart = projectEdges(t, lv, accounts, p, excluded, volume, twoThreadRows({ minWork: 0, reserveLimit: 0 }));
  expect(plain(apart)).toEqual(plain(one));
  // this thread busy with other work first (the analysis writes its values): the worker claims
  // more rows, the edges are the same, and the other work runs exactly once
  let calls = 0;
  const busy = projectEdges(t, lv, accounts, p, excluded, volume, twoThreadRows({ minWork: 0, meanwhile: () => calls++ }));
  expect(plain(busy)).toEqual(plain(one));
  expect(calls).toBe(1);
  // not vacuous: strong and light edges both present
  let strong = 0;
  for (let e = 0; e < one.count; e++) strong += one.strong[e]!;
  expect(strong).toBeGreaterThan(100);
  expect(one.count - strong).toBeGreaterThan(100);
  if (!existsSync(distPath('workers', 'linkage-project.cjs'))) console.warn('built worker missing: compared the in-thread path only');
});

it('rows claimed from both ends, in turns, and joined give the one-thread edges', () => {
  const { t, lv, accounts, p, excluded, volume } = fixture();
  const one = projectEdges(t, lv, accounts, p, excluded, volume);
  for (const chunk of [7, 300]) {
    const joined = projectEdges(t, lv, accounts, p, excluded, volume, (input): Edges => {
      const bound = edgeBounds(input, 0, input.accounts);
      const cols = reserveEdgeColumns(bound.edges, bound.sigs, false)!;
      const claims = new RowClaims(RowClaims.create(input.accounts), chunk);
      const front = new ForwardWriter(cols, 0, 0);
      // small bounds for the back rows' columns would not do: they grow to what they hold
      const back = new ReversedRows(input.nsig, bound.edges, bound.sigs);
      const some = (claim: RowClaim, k: number): RowClaim => (range) => k-- > 0 && claim(range);
      // front 2 ranges, back 3, then front takes the rest, so the writers meet mid-way
      let projected = projectClaimedRows(input, some(claims.front, 2), front);
      projected += projectClaimedRows(input, some(claims.back, 3), back);
      projected += projectClaimedRows(input, claims.front, front);
      expect(projectClaimedRows(input, claims.back, back)).toBe(0);
      if (chunk === 300) expect(back.n).toBeGreaterThan(0);
      expect(front.e).toBeGreaterThan(0);
      back.copyInto(cols, front.e, front.s);
      const edges = columnEdges(cols, 0, front.e + back.n, 0, front.s + back.m, projected);
      // the back rows' memory handed back at once: the joined edges do not use it
      back.release();
      expect(back.n).toBe(0);
      return edges;
    });
    expect(plainEdges(joined)).toEqual(plainEdges(one));
    expect(joined.projected).toBe(one.projected);
  }
});
