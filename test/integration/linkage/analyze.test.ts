// Analysis on a hand-made case: campaigns found and flagged, traps linked where linked but never
// flagged, hubs kept as attributes, explanations down to file and line, stable ids, verdicts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAudit } from '../../../electron/engine/audit/audit-log';
import { analyze } from '../../../electron/engine/linkage/analyze';
import { clusterOfAccount, readCluster, readClusters } from '../../../electron/engine/linkage/cluster-store';
import { edgesAmong, neighbours, valuesOfAccounts } from '../../../electron/engine/linkage/edge-store';
import { explainPair, strongestPath } from '../../../electron/engine/linkage/explain';
import { CancelledError } from '../../../electron/engine/jobs/job-context';
import type { CaseBuilder } from './case-builder';
import { buildWorld } from './world';

let cb: CaseBuilder;
const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(3, '0')}`);

beforeAll(() => {
  cb = buildWorld(7);
  analyze(cb.db);
});
afterAll(() => cb?.close());

describe('linkage analysis on a planted world', () => {
  it('finds each campaign as exactly one flagged cluster, never mixed', () => {
    for (const [prefix, n] of [['c', 15], ['d', 10]] as const) {
      const members = ids(prefix, n);
      const cid = clusterOfAccount(cb.db, members[0]!);
      expect(cid).not.toBeNull();
      const c = readCluster(cb.db, cid!)!;
      expect([...c.accounts].sort()).toEqual(members);
      expect(c.flagged).toBe(true);
      expect(c.score).toBeGreaterThanOrEqual(0.5);
      const signals = c.reasons.map((r) => r.signal);
      expect(signals).toContain('cot_elicitation');
      expect(signals).toContain('template_concentration');
      expect(signals).toContain('signup_burst');
    }
    expect(clusterOfAccount(cb.db, 'c000')).not.toBe(clusterOfAccount(cb.db, 'd000'));
  });

  it('flags nothing but the campaigns', () => {
    const flagged = readClusters(cb.db).filter((c) => c.flagged);
    expect(flagged).toHaveLength(2);
    for (const c of flagged) for (const a of c.accounts) expect(a).toMatch(/^[cd]\d{3}$/);
  });

  it('links the enterprise seats (one card, one org) without flagging them', () => {
    const cid = clusterOfAccount(cb.db, 'e000');
    expect(cid).not.toBeNull();
    const c = readCluster(cb.db, cid!)!;
    expect([...c.accounts].sort()).toEqual(ids('e', 8));
    expect(c.flagged).toBe(false);
  });

  it('keeps NAT, CGNAT and SDK user agent as hubs (attributes), not as clusters', () => {
    const hub = (signal: string, value: string) =>
      cb.db.prepare('SELECT hub, degree FROM link_values WHERE signal = ? AND value = ?').get(signal, value) as { hub: number; degree: number } | undefined;
    expect(hub('ip', '192.0.2.10')).toEqual({ hub: 1, degree: 30 });
    expect(hub('user_agent', 'openai-python/1.40')?.hub).toBe(1);
    expect(hub('ip', '100.100.0.1')?.hub).toBe(1);
    expect(hub('email_domain', 'gmail.com')?.hub).toBe(1);
    // carrier CGNAT and the SaaS backend are not multi-account structures; NAT students may be
    // linked by their own patterns, but never to a campaign and never flagged
    for (const a of [...ids('m', 40), 'saas', 'q1', 'q2', 'u000']) expect(clusterOfAccount(cb.db, a)).toBeNull();
    for (const a of ids('s', 30)) {
      const cid = clusterOfAccount(cb.db, a);
      if (cid) expect(readCluster(cb.db, cid)!.accounts.every((x) => x.startsWith('s'))).toBe(true);
    }
    const shared = valuesOfAccounts(cb.db, ['s000', 's001', 's002']);
    expect(shared.find((v) => v.signal === 'ip' && v.value === '192.0.2.10')).toMatchObject({ hub: true, accounts: ['s000', 's001', 's002'] });
  });

  it('links exact hard values and explains them down to the source line', () => {
    expect(clusterOfAccount(cb.db, 'h1')).toBe(clusterOfAccount(cb.db, 'h2'));
    const e = explainPair(cb.db, 'h1', 'h2');
    expect(e.weight).toBeGreaterThan(1);
    const dev = e.shared.find((s) => s.signal === 'device')!;
    expect(dev).toMatchObject({ value: 'dev-shared', degree: 2, hub: false });
    expect(dev.examples.map((x) => [x.side, x.file])).toEqual([
      ['a', 'accounts.jsonl'],
      ['b', 'accounts.jsonl'],
    ]);
    const c = explainPair(cb.db, 'c000', 'c001');
    const tpl = c.shared.find((s) => s.signal === 'template')!;
    expect(tpl.examples[0]).toMatchObject({ side: 'a', file: 'exchanges.jsonl' });
    const row = cb.db.prepare('SELECT a.account_id FROM exchanges x JOIN accounts a ON a.id = x.account WHERE x.import_id = ? AND x.line = ?').pluck().get(tpl.examples[0]!.importId, tpl.examples[0]!.line);
    expect(row).toBe('c000');
  });

  it('labels template families by their exact 64-bit signature and shows a stored prompt of one', () => {
    const tpl = explainPair(cb.db, 'c000', 'c001').shared.find((s) => s.signal === 'template')!;
    const m = /^family ([0-9a-f]{16})$/.exec(tpl.value);
    expect(m).not.toBeNull();
    const sig = cb.db
      .prepare("SELECT x.simhash FROM exchanges x JOIN accounts a ON a.id = x.account WHERE a.account_id = 'c000' LIMIT 1")
      .safeIntegers(true)
      .pluck()
      .get() as bigint;
    let d = (BigInt.asUintN(64, sig) >> 12n) ^ (BigInt(`0x${m![1]!}`) >> 12n);
    let bits = 0;
    for (; d > 0n; d >>= 1n) bits += Number(d & 1n);
    expect(bits).toBeLessThanOrEqual(3);
    expect(tpl.samplePrompt).toBeUndefined();
    // a sample stored for another exchange of c001 (not the example row) is found by signature
    const other = cb.db
      .prepare("SELECT x.id, x.account FROM exchanges x JOIN accounts a ON a.id = x.account WHERE a.account_id = 'c001' ORDER BY x.id DESC LIMIT 1")
      .get() as { id: number; account: number };
    cb.db.prepare('INSERT INTO prompt_samples (exchange_id, account, prompt) VALUES (?, ?, ?)').run(other.id, other.account, 'Think step by step: <b>explain</b> X');
    try {
      const again = explainPair(cb.db, 'c000', 'c001').shared.find((s) => s.signal === 'template')!;
      expect(again.samplePrompt).toBe('Think step by step: <b>explain</b> X');
    } finally {
      cb.db.prepare('DELETE FROM prompt_samples WHERE exchange_id = ?').run(other.id);
    }
  });

  it('does not link a pair on soft evidence below the threshold, but explains it', () => {
    const e = explainPair(cb.db, 'q1', 'q2');
    expect(e.shared.map((s) => s.signal).sort()).toEqual(['ip', 'ip_prefix', 'user_agent']);
    expect(clusterOfAccount(cb.db, 'q1')).toBeNull();
  });

  it('explains unclustered accounts from their packed value sets, down to the source line', () => {
    // q1 and q2 are in no cluster: their soft values are not rows of account_values but one
    // packed set per account, which explain reads
    const rows = cb.db
      .prepare("SELECT count(*) FROM account_values av JOIN accounts a ON a.id = av.account JOIN link_values v ON v.id = av.value_id WHERE a.account_id = 'q1' AND v.signal = 'ip'")
      .pluck()
      .get();
    expect(rows).toBe(0);
    const sets = cb.db.prepare("SELECT count(*) FROM account_value_sets s JOIN accounts a ON a.id = s.account WHERE a.account_id IN ('q1', 'q2')").pluck().get();
    expect(sets).toBe(2);
    const ip = explainPair(cb.db, 'q1', 'q2').shared.find((s) => s.signal === 'ip')!;
    const stored = cb.db.prepare("SELECT degree, weight FROM link_values WHERE signal = 'ip' AND value = ?").get(ip.value) as { degree: number; weight: number };
    expect(ip.degree).toBe(stored.degree);
    expect(ip.weight).toBe(stored.weight);
    expect(ip.degree).toBeGreaterThanOrEqual(2);
    expect(ip.examples.map((x) => [x.side, x.file])).toEqual([
      ['a', 'exchanges.jsonl'],
      ['b', 'exchanges.jsonl'],
    ]);
    const holder = cb.db.prepare('SELECT a.account_id FROM exchanges x JOIN accounts a ON a.id = x.account WHERE x.import_id = ? AND x.line = ?').pluck();
    expect(holder.get(ip.examples[0]!.importId, ip.examples[0]!.line)).toBe('q1');
    expect(holder.get(ip.examples[1]!.importId, ip.examples[1]!.line)).toBe('q2');
    // the same values seen from either side
    expect(explainPair(cb.db, 'q2', 'q1').shared.map((s) => s.value)).toEqual(explainPair(cb.db, 'q1', 'q2').shared.map((s) => s.value));
  });

  it('returns the strongest path when two accounts share nothing directly', () => {
    const e = explainPair(cb.db, 'p1', 'p3');
    expect(e.shared).toEqual([]);
    expect(e.path?.map((s) => [s.from, s.to])).toEqual([
      ['p1', 'p2'],
      ['p2', 'p3'],
    ]);
    expect(strongestPath(cb.db, 'p1', 'p3')?.accounts).toEqual(['p1', 'p2', 'p3']);
    expect(strongestPath(cb.db, 'p1', 'u000')).toBeNull();
  });

  it('lists clusters highest score first and records the analysis', () => {
    const all = readClusters(cb.db);
    for (let i = 1; i < all.length; i++) expect(all[i - 1]!.score).toBeGreaterThanOrEqual(all[i]!.score);
    expect(all.every((c) => c.size >= 2)).toBe(true);
    const audit = readAudit(cb.db).filter((x) => x.action === 'analysis');
    expect(audit.length).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(audit[audit.length - 1]!.details).parameters.strongEdgeWeight).toBe(1);
    expect(edgesAmong(cb.db, ['c000', 'c001', 'c002']).length).toBeGreaterThan(0);
    expect(neighbours(cb.db, 'h1', 5)[0]).toMatchObject({ b: 'h2' });
  });

  it('keeps cluster ids across re-analysis and respects false-positive verdicts', () => {
    const before = new Map(readClusters(cb.db).map((c) => [c.accounts[0]!, c.id]));
    analyze(cb.db);
    for (const c of readClusters(cb.db)) expect(before.get(c.accounts[0]!)).toBe(c.id);
    const cid = clusterOfAccount(cb.db, 'c003');
    cb.db.prepare("INSERT INTO account_verdicts (account_id, verdict, cluster_id, updated_at) VALUES ('c003', 'false_positive', ?, 'now')").run(cid);
    analyze(cb.db);
    expect(clusterOfAccount(cb.db, 'c003')).toBeNull();
    expect(clusterOfAccount(cb.db, 'c004')).toBe(cid);
    cb.db.prepare("DELETE FROM account_verdicts WHERE account_id = 'c003'").run();
  });

  it('leaves the case as it was when cancelled', () => {
    const count = () => (cb.db.prepare('SELECT count(*) AS n FROM analyses').get() as { n: number }).n;
    const n = count();
    const clusters = readClusters(cb.db).map((c) => c.id);
    let calls = 0;
    expect(() =>
      analyze(cb.db, {}, {
        progress: () => {},
        checkCancelled: () => {
          if (++calls > 3) throw new CancelledError();
        },
      }),
    ).toThrow(CancelledError);
    expect(count()).toBe(n);
    expect(readClusters(cb.db).map((c) => c.id)).toEqual(clusters);
  });
});
