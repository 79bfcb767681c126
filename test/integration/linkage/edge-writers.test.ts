// Edge columns reserved for a bound and filled without copies (project.ts: ForwardWriter,
// columnEdges; project-async.ts: chunks written into their own ranges, in any order, then moved
// together) give exactly the edges of a growing EdgeBuffer.
import { expect, it } from 'vitest';
import { resolveParameters } from '../../../electron/engine/linkage/analyze';
import {
  EdgeBuffer,
  edgeBounds,
  ForwardWriter,
  linkValues,
  projectAllRows,
  projectionInput,
  projectRows,
  reserveEdgeColumns,
  rowWork,
} from '../../../electron/engine/linkage/project';
import { chunkRows, joinChunks } from '../../../electron/engine/linkage/project-async';
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

it('reserved columns, written forwards or chunk by chunk in any order, hold the edges of a growing buffer', () => {
  const input = world();
  const n = input.accounts;
  const buf = new EdgeBuffer(input.nsig);
  const grown = buf.edges(projectRows(input, 0, n, buf));
  expect(grown.count).toBeGreaterThan(1000);
  expect(plain(projectAllRows(input))).toEqual(plain(grown));

  const work = rowWork(input);
  const total = work.reduce((x, y) => x + y, 0);
  for (const k of [1, 2, 7, 64]) {
    const ch = chunkRows(input, work, total, k, 2 ** 32)!;
    const m = ch.rowStart.length - 1;
    expect(m).toBeGreaterThan(k === 1 ? 0 : 1);
    // the last chunk first, then every other one: as two threads may finish them
    const order = [m - 1, ...Array.from({ length: m - 1 }, (_, c) => c).filter((c) => c % 2 === 1), ...Array.from({ length: m - 1 }, (_, c) => c).filter((c) => c % 2 === 0)];
    for (const c of order) {
      const w = new ForwardWriter(ch.cols, ch.edgeStart[c]!, ch.sigStart[c]!);
      ch.projected[c] = projectRows(input, ch.rowStart[c]!, ch.rowStart[c + 1]!, w);
      ch.edges[c] = w.e - ch.edgeStart[c]!;
      ch.sigs[c] = w.s - ch.sigStart[c]!;
      expect(w.e).toBeLessThan(ch.edgeStart[c + 1]!);
      expect(w.s).toBeLessThanOrEqual(ch.sigStart[c + 1]!);
    }
    expect(plain(joinChunks(ch))).toEqual(plain(grown));
  }
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
