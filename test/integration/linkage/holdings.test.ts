// Which account holds which value after an analysis (migration 7): hard values as rows, soft ones
// packed per account and per value. Every reader (explain, detail, tables, search, evidence,
// graph) sees each account's values with the count, first/last sighting and example exchange the
// exchanges give, for clustered accounts and the background alike; a case analysed before
// migration 7 (soft values of clustered accounts as rows, no packed holders) reads the same.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPacket } from '../../../electron/engine/evidence/collect';
import { buildAccountView, edgesAmong, internalIds } from '../../../electron/engine/graph/account-graph';
import { search } from '../../../electron/engine/graph/search';
import { tablePage } from '../../../electron/engine/graph/tables';
import { analyze } from '../../../electron/engine/linkage/analyze';
import { clusterOfAccount } from '../../../electron/engine/linkage/cluster-store';
import { valuesOfAccounts } from '../../../electron/engine/linkage/edge-store';
import { explainPair } from '../../../electron/engine/linkage/explain';
import { accountHoldings, eachHolding, holdersAmong, holdersOf } from '../../../electron/engine/linkage/holdings';
import { signalDef } from '../../../electron/engine/linkage/signals';
import { valueSetViews } from '../../../electron/engine/linkage/value-sets';
import type { Db } from '../../../electron/engine/db/connection';
import type { CaseBuilder } from './case-builder';
import { buildWorld } from './world';

const idOf = (db: Db, a: string) => db.prepare('SELECT id FROM accounts WHERE account_id = ?').pluck().get(a) as number;

/** What the exchanges say about one account's use of an IP: count, first/last time, its exchanges. */
function ipTruth(db: Db, account: number, ip: string): { n: number; lo: number; hi: number; ids: number[] } {
  const rows = db
    .prepare('SELECT x.id, x.ts FROM exchanges x JOIN strings s ON s.id = x.ip_s WHERE x.account = ? AND s.value = ? ORDER BY x.id')
    .all(account, ip) as Array<{ id: number; ts: number }>;
  return { n: rows.length, lo: Math.min(...rows.map((r) => r.ts)), hi: Math.max(...rows.map((r) => r.ts)), ids: rows.map((r) => r.id) };
}

/** The accounts whose exchanges use an IP. */
function ipHolders(db: Db, ip: string): number[] {
  return db.prepare('SELECT DISTINCT x.account FROM exchanges x JOIN strings s ON s.id = x.ip_s WHERE s.value = ? ORDER BY x.account').pluck().all(ip) as number[];
}

/** Everything the readers show about a few accounts, to compare two storages of one analysis. */
function readerViews(db: Db, accounts: string[], clusterId: string) {
  const ids = accounts.map((a) => idOf(db, a));
  const holdings = ids.map((id) => [...accountHoldings(db, id)].sort((x, y) => x[0] - y[0]));
  const table = tablePage(db, { kind: 'values', accountIds: null, clusterId, timeRange: null, sort: { key: 'value', dir: 'asc' }, offset: 0, limit: 1000 });
  const ranged = tablePage(db, { kind: 'values', accountIds: accounts, clusterId: null, timeRange: [0, 4e12], sort: { key: 'value', dir: 'asc' }, offset: 0, limit: 1000 });
  const packet = collectPacket(db, { clusterIds: [clusterId] });
  const graph = buildAccountView(db, internalIds(db, accounts), edgesAmong(db, internalIds(db, accounts)), { mode: 'values', signals: null, minWeight: 0, hubs: true, home: null });
  return {
    holdings,
    values: valuesOfAccounts(db, accounts),
    explain: explainPair(db, accounts[0]!, accounts[1]!).shared,
    table: table.rows,
    ranged: ranged.rows,
    packetValues: packet.values,
    packetLinks: packet.links,
    graphNodes: graph.nodes.map((n) => `${n.id} ${n.x} ${n.y}`).sort(),
    graphEdges: graph.edges.length,
  };
}

let cb: CaseBuilder;
beforeAll(() => {
  cb = buildWorld(7);
  analyze(cb.db);
});
afterAll(() => cb?.close());

describe('holdings after an analysis', () => {
  it('keeps rows for hard values only (every holder), and packs every soft value per account and per value', () => {
    const db = cb.db;
    const rows = db.prepare('SELECT lv.signal, lv.degree, count(*) AS n FROM account_values av JOIN link_values lv ON lv.id = av.value_id GROUP BY lv.id').all() as Array<{
      signal: string;
      degree: number;
      n: number;
    }>;
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(signalDef(r.signal).strength).toBe('hard');
      expect(r.n).toBe(r.degree);
    }
    const soft = db.prepare('SELECT id, signal, degree FROM link_values').all() as Array<{ id: number; signal: string; degree: number }>;
    expect(db.prepare('SELECT count(*) FROM value_holders').pluck().get()).toBeGreaterThan(0);
    for (const v of soft.filter((x) => signalDef(x.signal).strength === 'soft')) expect(holdersOf(db, v.id)).toHaveLength(v.degree);
    // a campaign account's soft values are in its packed set
    const c000 = idOf(db, 'c000');
    expect(clusterOfAccount(db, 'c000')).not.toBeNull();
    const set = db.prepare('SELECT n, data FROM account_value_sets WHERE account = ?').get(c000) as { n: number; data: Buffer } | undefined;
    expect(set).toBeDefined();
    expect(set!.n).toBeGreaterThan(0);
  });

  it('reads a clustered account\'s soft values back with the counts, first/last sighting and example the exchanges give', () => {
    const db = cb.db;
    const c000 = idOf(db, 'c000');
    const held = accountHoldings(db, c000);
    // by value id, rows and packed entries merged (the order readers had when all were rows)
    const order = [...held.keys()];
    expect(order).toEqual([...order].sort((x, y) => x - y));
    const ips = db.prepare("SELECT id, value FROM link_values WHERE signal = 'ip' AND id IN (SELECT value FROM json_each(?))").all(JSON.stringify([...held.keys()])) as Array<{
      id: number;
      value: string;
    }>;
    expect(ips.length).toBeGreaterThan(0);
    for (const ip of ips) {
      const h = held.get(ip.id)!;
      const t = ipTruth(db, c000, ip.value);
      expect(h.count).toBe(t.n);
      expect(h.firstTs).toBe(t.lo);
      expect(h.lastTs).toBe(t.hi);
      expect(t.ids).toContain(h.example);
    }
    // every soft value of the set decodes to an existing value of two or more holders
    const set = db.prepare('SELECT n, data FROM account_value_sets WHERE account = ?').get(c000) as { n: number; data: Buffer };
    const views = valueSetViews(set.data, set.n);
    const degree = db.prepare('SELECT degree FROM link_values WHERE id = ?').pluck();
    for (const id of views.ids) expect(degree.get(id) as number).toBeGreaterThanOrEqual(2);
  });

  it('gives every holder of a soft value, clustered or not', () => {
    const db = cb.db;
    for (const ip of ['198.18.0.1', '192.0.2.10']) {
      const id = db.prepare("SELECT id FROM link_values WHERE signal = 'ip' AND value = ?").pluck().get(ip) as number;
      expect(holdersOf(db, id)).toEqual(ipHolders(db, ip));
    }
  });

  it('finds accounts in no cluster by a soft value they share', () => {
    // a prefix: exchanges' own strings (the search's other source) do not answer for it
    const hits = search(cb.db, '198.18.0.0/24', 50).hits.filter((h) => h.field === 'ip_prefix');
    expect(hits.map((h) => h.accountId).sort()).toEqual(['q1', 'q2']);
    expect(hits.every((h) => h.cluster === null)).toBe(true);
  });

  it('shows a cluster\'s values in the table with how many of its accounts hold each', () => {
    const db = cb.db;
    const cid = clusterOfAccount(db, 'c000')!;
    const members = db.prepare('SELECT account FROM cluster_members WHERE cluster_id = ?').pluck().all(cid) as number[];
    const page = tablePage(db, { kind: 'values', accountIds: null, clusterId: cid, timeRange: null, sort: null, offset: 0, limit: 1000 });
    const col = (k: string) => page.columns.findIndex((c) => c.key === k);
    const ipRows = page.rows.filter((r) => r[col('signal')] === 'ip');
    expect(ipRows.length).toBeGreaterThan(0);
    for (const r of ipRows) {
      const holders = ipHolders(db, r[col('value')] as string);
      expect(r[col('in_selection')]).toBe(holders.filter((a) => members.includes(a)).length);
      expect(r[col('degree')]).toBe(holders.length);
    }
    expect(page.rows.some((r) => r[col('signal')] === 'template')).toBe(true);
    // the evidence packet lists the same IPs for the cluster's accounts
    const packet = collectPacket(db, { clusterIds: [cid] });
    const packetIps = new Set(packet.values.filter((v) => v.signal === 'ip').map((v) => v.value));
    expect([...packetIps].sort()).toEqual(ipRows.map((r) => r[col('value')] as string).sort());
  });

  it('counts the holders among accounts, within a time range or not, as a visit of every holding does', () => {
    const db = cb.db;
    const all = db.prepare('SELECT id FROM accounts ORDER BY id').pluck().all() as number[];
    const reference = (accounts: number[], range: [number, number] | null) => {
      const out = new Map<number, number>();
      eachHolding(db, accounts, (_a, v, _c, first, last) => {
        if (range && !(first !== null && last !== null && last >= range[0] && first <= range[1])) return;
        out.set(v, (out.get(v) ?? 0) + 1);
      });
      return [...out].sort((x, y) => x[0] - y[0]);
    };
    const fast = (accounts: number[], range: [number, number] | null) => [...holdersAmong(db, accounts, range)].sort((x, y) => x[0] - y[0]);
    const [lo, hi] = db.prepare('SELECT min(ts), max(ts) FROM exchanges').raw().get() as [number, number];
    const ranges: ([number, number] | null)[] = [null, [lo, hi], [lo, lo + (hi - lo) / 5], [lo + (hi - lo) / 2, hi]];
    for (const range of ranges) {
      expect(fast(all, range)).toEqual(reference(all, range));
      expect(fast(all.slice(0, 7), range)).toEqual(reference(all.slice(0, 7), range));
    }
    // not vacuous: a narrow range keeps fewer holdings than the whole case
    expect(fast(all, ranges[2]!).reduce((n, [, c]) => n + c, 0)).toBeLessThan(fast(all, null).reduce((n, [, c]) => n + c, 0));
    // a value held both as a row and packed (cases analysed before migration 7) counts once
    const a = idOf(db, 'c000');
    const set = db.prepare('SELECT n, data FROM account_value_sets WHERE account = ?').get(a) as { n: number; data: Buffer };
    const v = valueSetViews(set.data, set.n);
    db.prepare('INSERT INTO account_values (value_id, account, count, first_ts, last_ts, example_exchange) VALUES (?, ?, ?, ?, ?, NULL)').run(v.ids[0], a, v.counts[0], v.first[0], v.last[0]);
    try {
      expect(fast([a], null)).toEqual(reference([a], null));
      expect(holdersAmong(db, [a], null).get(v.ids[0]!)).toBe(1);
    } finally {
      db.prepare('DELETE FROM account_values WHERE account = ? AND value_id = ?').run(a, v.ids[0]);
    }
  });

  it('reads a case analysed before migration 7 (soft values of clustered accounts as rows) the same', () => {
    const db = cb.db;
    const cid = clusterOfAccount(db, 'c000')!;
    const accounts = ['c000', 'c001', 'c002', 'q1'];
    const before = readerViews(db, accounts, cid);
    // rewrite the storage as an analysis before migration 7 left it
    db.transaction(() => {
      const ins = db.prepare('INSERT INTO account_values (value_id, account, count, first_ts, last_ts, example_exchange) VALUES (?, ?, ?, ?, ?, ?)');
      for (const account of db.prepare('SELECT account FROM cluster_members').pluck().all() as number[]) {
        const set = db.prepare('SELECT n, data FROM account_value_sets WHERE account = ?').get(account) as { n: number; data: Buffer } | undefined;
        if (!set) continue;
        const v = valueSetViews(set.data, set.n);
        for (let i = 0; i < v.n; i++)
          ins.run(v.ids[i], account, v.counts[i], Number.isNaN(v.first[i]!) ? null : v.first[i], Number.isNaN(v.last[i]!) ? null : v.last[i], v.examples[i]! >= 0 ? v.examples[i] : null);
        db.prepare('DELETE FROM account_value_sets WHERE account = ?').run(account);
      }
      db.exec('DELETE FROM value_holders');
    })();
    expect(readerViews(db, accounts, cid)).toEqual(before);
    // as before migration 7, search by a soft value finds its clustered holders only
    expect(search(db, '198.18.0.0/24', 50).hits.filter((h) => h.field === 'ip_prefix')).toEqual([]);
    // the next analysis writes the packed storage again
    analyze(db);
    expect(readerViews(db, accounts, cid)).toEqual(before);
    expect(search(db, '198.18.0.0/24', 50).hits.filter((h) => h.field === 'ip_prefix')).toHaveLength(2);
  });
});
