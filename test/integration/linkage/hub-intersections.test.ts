// The hubs two accounts share (project-hubs.ts) are the same whether HubData keeps a bitset per
// account (small cases) or only each account's non-zero words, tested against the row account's
// bitset (the reported scale): the projection over either gives exactly the same edges, sums included.
import { expect, it } from 'vitest';
import { resolveParameters } from '../../../electron/engine/linkage/analyze';
import { hubData } from '../../../electron/engine/linkage/project-hubs';
import { EdgeBuffer } from '../../../electron/engine/linkage/edge-sinks';
import { linkValues, projectionInput, projectRows, type Edges } from '../../../electron/engine/linkage/project';
import { ValueTable } from '../../../electron/engine/linkage/value-table';
import { plainEdges } from './plain-edges';

it('bitsets and non-zero words give the same edges over many shared hubs', () => {
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
  expect(input.hubs.mode).toBe(1);
  const lists = { ...input, hubs: hubData(t, lv, accounts, input.vSig, input.vFam, false, 0) };
  expect(lists.hubs.mode).toBe(2);
  const run = (x: typeof input): Edges => {
    const buf = new EdgeBuffer(x.nsig);
    return buf.edges(projectRows(x, 0, accounts, buf));
  };
  const bitsets = run(input);
  expect(plainEdges(run(lists))).toEqual(plainEdges(bitsets));
  // not vacuous: many hubs, and edges that rest on them
  expect(input.hubs.words * 32).toBeGreaterThan(100);
  expect(bitsets.count).toBeGreaterThan(1000);
});
