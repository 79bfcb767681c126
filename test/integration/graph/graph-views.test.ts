// The graph workbench's engine views on a real case file written by the graph fixture.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../../electron/engine/db/connection';
import { accountDetail } from '../../../electron/engine/graph/account-detail';
import { buildAccountsView, buildClusterView, buildNeighbourView } from '../../../electron/engine/graph/cluster-view';
import { histogram } from '../../../electron/engine/graph/histogram';
import { crossingEdges } from '../../../electron/engine/graph/cluster-links';
import { buildOverview } from '../../../electron/engine/graph/overview';
import type { PackedOverview } from '../../../electron/shared/contract';
import { unpackOverview } from '../../../electron/shared/contract/graph-pack';
import { search } from '../../../electron/engine/graph/search';
import { tablePage } from '../../../electron/engine/graph/tables';
import { PackedValueSet } from '../../../electron/engine/linkage/value-sets';
import { graphChannels } from '../../../electron/shared/contract/graph';
import { buildGraphFixture, HOSTILE_ACCOUNT, HOSTILE_PROMPT, type FixtureResult } from './graph-fixture';

let dir: string;
let db: Db;
let fx: FixtureResult;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lw-graph-'));
  db = openDb(join(dir, 'case.sqlite'), { create: true });
  fx = buildGraphFixture(db, {
    clusters: [
      { size: 40, score: 0.91, cardGroup: 4, ipGroup: 5 },
      { size: 12, score: 0.35, cardGroup: 3, ipGroup: 4 },
      { size: 6, score: 0.1, cardGroup: 2, ipGroup: 3 },
    ],
    loners: 5,
    hostile: true,
  });
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const base = { mode: 'accounts' as const, minWeight: 0, signals: null, timeRange: null, hubs: false };

describe('graph.overview', () => {
  it('has one node per cluster, ranked list by score, edges between linked clusters', () => {
    const o = buildOverview(db, 2000);
    expect(o.analysed).toBe(true);
    expect(o.clusters.map((c) => c.id)).toEqual(['C001', 'C002', 'C003']);
    expect(o.nodes.map((n) => n.id).sort()).toEqual(['c:C001', 'c:C002', 'c:C003']);
    expect(o.edges).toHaveLength(2); // the fixture's cross-cluster user-agent links: C1-C2, C2-C3
    expect(o.edges.every((e) => e.signal === 'user_agent')).toBe(true);
    expect(o.clusters[0]!.reasons[0]!.signal).toBe('shared_payment');
    expect(o.accounts).toBe(63);
    expect(o.signals).toEqual(['ip', 'payment']);
    for (const n of o.nodes) expect(Number.isFinite(n.x) && Number.isFinite(n.y)).toBe(true);
  });

  it('finds exactly the edges a SQL join of edges and cluster members finds between two clusters', () => {
    const ids = (db.prepare('SELECT DISTINCT cluster_id FROM cluster_members ORDER BY cluster_id').pluck().all() as string[]).filter((c) => c !== 'C003');
    const index = new Map(ids.map((c, i) => [c, i]));
    const got = crossingEdges(db, index).map((e) => `${ids[e.ia]}|${ids[e.ib]}|${e.weight}|${e.signalsJson}`).sort();
    const want = (
      db
        .prepare(
          `SELECT ca.cluster_id AS ca, cb.cluster_id AS cb, e.weight AS w, e.signals_json AS s FROM edges e
             JOIN cluster_members ca ON ca.account = e.a JOIN cluster_members cb ON cb.account = e.b
            WHERE ca.cluster_id <> cb.cluster_id AND ca.cluster_id <> 'C003' AND cb.cluster_id <> 'C003'`,
        )
        .all() as Array<{ ca: string; cb: string; w: number; s: string }>
    )
      .map((r) => `${r.ca}|${r.cb}|${r.w}|${r.s}`)
      .sort();
    expect(want.length).toBeGreaterThan(0);
    expect(got).toEqual(want);
  });

  it('caps the clusters it draws but lists them all', () => {
    const o = buildOverview(db, 2);
    expect(o.nodes).toHaveLength(2);
    expect(o.clusters).toHaveLength(3);
    expect(o.truncated).toBe(true);
  });

  it('is stored in the case: a fresh connection reads it, a new analysis replaces it', () => {
    const first = buildOverview(db, 2000);
    const row = db.prepare('SELECT stamp, json FROM graph_overview_cache WHERE max_nodes = 2000').get() as { stamp: string; json: string };
    expect(row).toBeDefined();
    // mark the stored copy (kept packed, as the channel sends it): a fresh engine (new
    // connection, nothing memoised) must return it
    const marked = JSON.parse(row.json) as PackedOverview;
    marked.nodes.label[0] = 'from the store';
    db.prepare('UPDATE graph_overview_cache SET json = ? WHERE max_nodes = 2000').run(JSON.stringify(marked));
    const again = openDb(join(dir, 'case.sqlite'));
    try {
      const o = buildOverview(again, 2000);
      expect(o.nodes[0]!.label).toBe('from the store');
      expect(o.clusters).toEqual(first.clusters);
      // the case changes (a new analysis finished): the stored copy is stale and recomputed
      again.prepare("UPDATE analyses SET finished_at = coalesce(finished_at, '') || 'x' WHERE id = (SELECT max(id) FROM analyses)").run();
      const fresh = buildOverview(again, 2000);
      expect(fresh.nodes[0]!.label).toBe(first.nodes[0]!.label);
      expect(fresh.nodes.map((n) => n.id)).toEqual(first.nodes.map((n) => n.id));
      const stored = again.prepare('SELECT json FROM graph_overview_cache WHERE max_nodes = 2000').get() as { json: string };
      expect(unpackOverview(JSON.parse(stored.json) as PackedOverview).nodes[0]!.label).toBe(first.nodes[0]!.label);
    } finally {
      again.close();
    }
  });
});

describe('graph.cluster', () => {
  it('returns the accounts of a cluster with the edges among them, positioned', () => {
    const v = buildClusterView(db, { id: 'C001', ...base });
    expect(v.nodes).toHaveLength(40);
    const stored = (db.prepare(`SELECT count(*) AS n FROM edges e JOIN cluster_members a ON a.account = e.a AND a.cluster_id = 'C001' JOIN cluster_members b ON b.account = e.b AND b.cluster_id = 'C001'`).get() as { n: number }).n;
    expect(v.edges).toHaveLength(stored);
    expect(v.nodes.some((n) => n.label === HOSTILE_ACCOUNT)).toBe(true);
    const ids = new Set(v.nodes.map((n) => n.id));
    for (const e of v.edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
    // no two nodes on the same spot
    expect(new Set(v.nodes.map((n) => `${Math.round(n.x)}:${Math.round(n.y)}`)).size).toBe(40);
  });

  it('filters by signal and re-weighs edges with the kept signals only', () => {
    const all = buildClusterView(db, { id: 'C001', ...base });
    const pay = buildClusterView(db, { id: 'C001', ...base, signals: ['payment'] });
    expect(pay.edges.length).toBeGreaterThan(0);
    expect(pay.edges.length).toBeLessThan(all.edges.length);
    expect(pay.edges.every((e) => e.signals !== undefined && e.signals.every((s) => s.signal === 'payment') && e.weight === 3)).toBe(true);
    // 40 accounts in card groups of 4: 10 groups x 6 pairs
    expect(pay.edges).toHaveLength(60);
  });

  it('drops edges under the minimum weight and the accounts they leave alone', () => {
    const v = buildClusterView(db, { id: 'C001', ...base, minWeight: 3.5 });
    expect(v.edges.every((e) => e.weight >= 3.5)).toBe(true);
    const linked = new Set(v.edges.flatMap((e) => [e.source, e.target]));
    expect(v.nodes.every((n) => linked.has(n.id))).toBe(true);
  });

  it('shows shared values as nodes in values mode', () => {
    const v = buildClusterView(db, { id: 'C001', ...base, mode: 'values' });
    const values = v.nodes.filter((n) => n.kind === 'value');
    expect(values.length).toBe(10 + 8); // 10 card groups, 8 IP groups of 5
    expect(v.edges).toHaveLength(40 + 40); // every account holds one card and one IP value
    expect(v.edges.every((e) => e.target.startsWith('v:') && e.source.startsWith('a:'))).toBe(true);
  });

  it('keeps only accounts active in the time range', () => {
    const first = db.prepare("SELECT min(ts) AS lo FROM exchanges").get() as { lo: number };
    const v = buildClusterView(db, { id: 'C001', ...base, timeRange: [first.lo, first.lo + 3 * 86_400_000] });
    const active = (db.prepare(
      `SELECT count(DISTINCT x.account) AS n FROM exchanges x JOIN cluster_members m ON m.account = x.account AND m.cluster_id = 'C001' WHERE x.ts BETWEEN ? AND ?`,
    ).get(first.lo, first.lo + 3 * 86_400_000) as { n: number }).n;
    expect(v.nodes).toHaveLength(active);
    expect(active).toBeLessThan(40);
  });

  it('is a NOT_FOUND error for an unknown cluster', () => {
    expect(() => buildClusterView(db, { id: 'nope', ...base })).toThrow(/No cluster/);
  });
});

describe('neighbours, accounts view, search, details, tables', () => {
  it('expands an account to its strongest neighbours', () => {
    const v = buildNeighbourView(db, 'acct-1-1', 5);
    expect(v.nodes.map((n) => n.ref)).toContain('acct-1-1');
    expect(v.nodes).toHaveLength(6);
    expect(v.edges.some((e) => e.source === 'a:acct-1-1' || e.target === 'a:acct-1-1')).toBe(true);
  });

  it('marks accounts of another cluster as outside', () => {
    const v = buildAccountsView(db, ['acct-1-1', 'acct-2-1']);
    expect(v.nodes).toHaveLength(2);
    expect(v.edges).toHaveLength(1); // the cross-cluster user-agent link
  });

  it('finds accounts by id, IP, card, prompt text', () => {
    expect(search(db, 'acct-2-3', 10).hits[0]).toMatchObject({ accountId: 'acct-2-3', field: 'account', cluster: 'C002' });
    const ip = fx.ips[0]!;
    const byIp = search(db, ip, 50).hits.filter((h) => h.field === 'ip' && h.text === ip);
    expect(byIp.length).toBe(5);
    expect(search(db, 'fp-2-1', 50).hits.some((h) => h.field === 'card' && h.cluster === 'C002')).toBe(true);
    const byPrompt = search(db, 'onerror=', 50).hits.filter((h) => h.field === 'prompt');
    expect(byPrompt[0]!.accountId).toBe(HOSTILE_ACCOUNT);
    expect(search(db, '100%_', 10).hits).toEqual([]); // LIKE wildcards are literal
  });

  it('describes an account: profile, values with degree, histogram, samples', () => {
    const d = accountDetail(db, HOSTILE_ACCOUNT);
    expect(d.cluster?.id).toBe('C001');
    expect(d.stats.exchanges).toBe(4);
    expect(d.values.map((v) => v.signal).sort()).toEqual(['ip', 'payment']);
    expect(d.values.find((v) => v.signal === 'payment')!.degree).toBe(4);
    expect(d.samples[0]!.prompt).toBe(HOSTILE_PROMPT);
    expect(d.histogram.counts.reduce((a, b) => a + b, 0)).toBe(4);
    expect(d.profile.find((p) => p.field === 'payment_fingerprint')?.value).toBe('fp-1-0');
  });

  it('shows the values of an account held in a packed set (accounts in no cluster) beside its rows', () => {
    const id = db.prepare('SELECT id FROM accounts WHERE account_id = ?').pluck().get(HOSTILE_ACCOUNT) as number;
    const valueId = db.prepare("INSERT INTO link_values (signal, value, degree, weight, hub) VALUES ('user_agent', 'HarvestClient/2.1', 3, 0.5, 0) RETURNING id").pluck().get() as number;
    const set = new PackedValueSet(1);
    set.first[0] = 1;
    set.last[0] = 2;
    set.ids[0] = valueId;
    set.counts[0] = 5;
    set.examples[0] = -1;
    db.prepare('INSERT INTO account_value_sets (account, n, data) VALUES (?, 1, ?)').run(id, set.bytes());
    try {
      const d = accountDetail(db, HOSTILE_ACCOUNT);
      expect(d.values.map((v) => v.signal).sort()).toEqual(['ip', 'payment', 'user_agent']);
      expect(d.values.find((v) => v.signal === 'user_agent')).toEqual({ signal: 'user_agent', value: 'HarvestClient/2.1', degree: 3, hub: false });
    } finally {
      db.prepare('DELETE FROM account_value_sets WHERE account = ?').run(id);
      db.prepare('DELETE FROM link_values WHERE id = ?').run(valueId);
    }
  });

  it('buckets a cluster\'s exchanges over time', () => {
    const h = histogram(db, { kind: 'cluster', id: 'C002' }, 50);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(12 * 4);
    expect(histogram(db, { kind: 'all' }, 50).counts.reduce((a, b) => a + b, 0)).toBe(63 * 4);
  });

  it('pages and sorts the accounts, values and exchanges of a selection', () => {
    const acc = tablePage(db, { kind: 'accounts', accountIds: null, clusterId: 'C002', timeRange: null, sort: { key: 'account', dir: 'asc' }, offset: 0, limit: 5 });
    expect(acc.total).toBe(12);
    expect(acc.rows).toHaveLength(5);
    const names = acc.rows.map((r) => r[0] as string);
    expect(names).toEqual([...names].sort());
    const vals = tablePage(db, { kind: 'values', accountIds: ['acct-1-1', 'acct-1-3'], clusterId: null, timeRange: null, sort: null, offset: 0, limit: 50 });
    expect(vals.rows.find((r) => r[1] === 'fp-1-0')?.[2]).toBe(2);
    const ex = tablePage(db, { kind: 'exchanges', accountIds: null, clusterId: 'C003', timeRange: null, sort: { key: 'ts', dir: 'desc' }, offset: 0, limit: 100 });
    expect(ex.total).toBe(24);
    const ts = ex.rows.map((r) => r[0] as number);
    expect(ts).toEqual([...ts].sort((a, b) => b - a));
    expect(String(ex.rows[0]![8])).toMatch(/^exchanges\.jsonl:\d+$/);
    // an unknown sort key falls back to the default instead of reaching SQL
    expect(() => tablePage(db, { kind: 'accounts', accountIds: null, clusterId: 'C002', timeRange: null, sort: { key: 'x"; DROP TABLE accounts; --', dir: 'asc' }, offset: 0, limit: 5 })).not.toThrow();
  });

  it('validates requests at the contract', () => {
    expect(graphChannels['graph.cluster'].request.safeParse({ id: 'C001', mode: 'weird' }).success).toBe(false);
    expect(graphChannels['graph.cluster'].request.parse({ id: 'C001' })).toMatchObject({ mode: 'accounts', minWeight: 0, signals: null, timeRange: null });
  });
});
