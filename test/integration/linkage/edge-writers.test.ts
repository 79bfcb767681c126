// Edge columns reserved for a bound (edge-sinks.ts: ForwardWriter, columnEdges), with rows
// visited backwards kept apart and copied after them (ReversedRows), give exactly the edges of a
// growing EdgeBuffer: one forward pass, and a forward pass up to a boundary then the rest backwards.
import { expect, it } from 'vitest';
import { resolveParameters } from '../../../electron/engine/linkage/analyze';
import { columnEdges, EdgeBuffer, ForwardWriter, reserveEdgeColumns, ReversedRows } from '../../../electron/engine/linkage/edge-sinks';
import { edgeBounds, linkValues, projectAllRows, projectRows } from '../../../electron/engine/linkage/project';
import { projectionInput } from '../../../electron/engine/linkage/project-input';
import { plainEdges } from './plain-edges';
import { ValueTable } from '../../../electron/engine/linkage/value-table';

function world() {
  let s = 424242;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
  const accounts = 1500;
  const t = new ValueTable(accounts);
  const T0 = Date.UTC(2026, 3, 1);
  for (let a = 0; a < accounts; a++) {
    const g = a % 30;
    const ts = () => T0 + (next() % (30 * 86_400_000));
    for (let k = 0; k < 4; k++) t.add(t.intern('ip', `10.${g}.0.${next() % 12}`), a, ts(), a * 10 + k);
    t.add(t.intern('template', `family ${g}-${next() % 3}`), a, ts(), a * 10 + 5, 1 + (next() % 20));
    t.add(t.intern('user_agent', g % 2 ? 'tool/1' : `ua-${next() % 300}`), a, ts(), a * 10 + 6);
    t.add(t.intern('payment', `card-${g}-${next() % 25}`), a, null, -1);
    t.add(t.intern('asn', `AS${next() % 3}`), a, ts(), a * 10 + 8); // hubs
  }
  t.seal();
  const p = resolveParameters({});
  const lv = linkValues(t, accounts, p);
  const excluded = new Uint8Array(accounts);
  excluded[11] = 1;
  return projectionInput(t, lv, accounts, p, excluded, new Float64Array(accounts).fill(20), true);
}

const plain = plainEdges;

it('reserved columns, written forwards or from both sides of a boundary, hold the edges of a growing buffer', () => {
  const input = world();
  const n = input.accounts;
  const buf = new EdgeBuffer(input.nsig);
  const grown = buf.edges(projectRows(input, 0, n, buf));
  expect(grown.count).toBeGreaterThan(1000);
  expect(plain(projectAllRows(input))).toEqual(plain(grown));

  for (const split of [0, 1, 700, n - 1, n]) {
    const before = edgeBounds(input, 0, split);
    const after = edgeBounds(input, split, n);
    const cols = reserveEdgeColumns(before.edges + after.edges, before.sigs + after.sigs, true)!;
    const fwd = new ForwardWriter(cols, 0, 0);
    // the rows after the boundary visited backwards and kept apart, copied after the others
    const back = new ReversedRows(input.nsig, after.edges, after.sigs);
    let projected = projectRows(input, 0, split, fwd);
    projected += projectRows(input, split, n, back);
    expect(fwd.e).toBeLessThanOrEqual(before.edges);
    expect(back.n).toBeLessThanOrEqual(after.edges);
    back.copyInto(cols, fwd.e, fwd.s);
    const edges = columnEdges(cols, 0, fwd.e + back.n, 0, fwd.s + back.m, projected);
    back.release();
    expect(plain(edges)).toEqual(plain(grown));
  }
});

it('rows kept apart grow in place past their first room and are handed back at once', () => {
  const input = world();
  const n = input.accounts;
  const bound = edgeBounds(input, 0, n);
  const back = new ReversedRows(input.nsig, bound.edges, bound.sigs, 64);
  const projected = projectRows(input, 0, n, back);
  expect(back.n).toBeGreaterThan(64 * 64); // grown many times past the first room
  const cols = reserveEdgeColumns(bound.edges, bound.sigs, false)!;
  cols.sigStart[0] = 0;
  back.copyInto(cols, 0, 0);
  expect(plain(columnEdges(cols, 0, back.n, 0, back.m, projected))).toEqual(plain(projectAllRows(input)));
  back.release();
  expect([back.n, back.m]).toEqual([0, 0]);
});

it('the bounds hold for every row range', () => {
  const input = world();
  const n = input.accounts;
  for (const [from, to] of [[0, n], [0, 1], [5, 40], [n - 3, n]] as const) {
    const buf = new EdgeBuffer(input.nsig);
    projectRows(input, from, to, buf);
    const b = edgeBounds(input, from, to);
    expect(buf.n).toBeLessThanOrEqual(b.edges);
    expect(buf.m).toBeLessThanOrEqual(b.sigs);
  }
});

it('no reservation past the limit: the growing buffer is used instead', () => {
  expect(reserveEdgeColumns(2 ** 40, 0, false)).toBeNull();
});
