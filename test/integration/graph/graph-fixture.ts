// Test helper. Writes a linked case straight into SQLite (accounts, exchanges, prompt samples,
// link values, account values, edges projected from the shared values, clusters), so the graph
// views can be tested and benchmarked at any size without running import and analysis. Edges are
// the real projection of the values (every edge decomposes into shared values), seeded, so the
// same options always give the same case.
import type { Db } from '../../../electron/engine/db/connection';

export interface FixtureCluster {
  size: number;
  score: number;
  /** accounts per shared card fingerprint (hard signal) */
  cardGroup?: number;
  /** accounts per shared IP (soft signal) */
  ipGroup?: number;
  /** extra random IP groups per account, to reach the wanted edge density */
  ipRounds?: number;
}

export interface FixtureOptions {
  clusters: FixtureCluster[];
  /** accounts in no cluster */
  loners?: number;
  exchangesPerAccount?: number;
  /** prompts / user agents / account ids carrying markup */
  hostile?: boolean;
  seed?: number;
  start?: number;
}

export interface FixtureResult {
  clusterIds: string[];
  accounts: string[][];
  ips: string[];
  hostileAccount: string | null;
}

export const HOSTILE_PROMPT = '<script>window.__pwned=1;alert("xss")</script><img src=x onerror="window.__pwned=2">';
export const HOSTILE_UA = '<img src=x onerror=alert(1)>Mozilla/5.0';
export const HOSTILE_ACCOUNT = 'acct-<b onmouseover=alert(1)>evil</b>';

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

export function buildGraphFixture(db: Db, opts: FixtureOptions): FixtureResult {
  const rand = rng(opts.seed ?? 7);
  const start = opts.start ?? Date.UTC(2026, 3, 22);
  const perAccount = opts.exchangesPerAccount ?? 4;
  const out: FixtureResult = { clusterIds: [], accounts: [], ips: [], hostileAccount: null };

  const insImport = db.prepare(
    `INSERT INTO imports (file_name, file_path, sha256, size_bytes, format, compression, kind, mapping_json, status, rows, started_at, app_version)
     VALUES (?, ?, ?, 0, 'jsonl', 'none', ?, '{}', 'complete', 0, '2026-06-01T00:00:00Z', 'test')`,
  );
  const insString = db.prepare('INSERT INTO strings (value) VALUES (?) ON CONFLICT(value) DO UPDATE SET value = excluded.value RETURNING id');
  const insAccount = db.prepare(
    'INSERT INTO accounts (account_id, created_at, email, payment_fingerprint, signup_ip, import_id, line) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id',
  );
  const insExchange = db.prepare(
    `INSERT INTO exchanges (ts, account, ip_s, user_agent_s, model_s, input_tokens, output_tokens, template, import_id, line)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
  );
  const insPrompt = db.prepare('INSERT INTO prompt_samples (exchange_id, account, prompt) VALUES (?, ?, ?)');
  const insValue = db.prepare('INSERT INTO link_values (signal, value, degree, weight, hub) VALUES (?, ?, ?, ?, ?) RETURNING id');
  const insHolding = db.prepare('INSERT INTO account_values (value_id, account, count, first_ts, last_ts, example_exchange) VALUES (?, ?, ?, ?, ?, ?)');
  const insEdge = db.prepare('INSERT INTO edges (a, b, weight, signals_json, strong) VALUES (?, ?, ?, ?, ?)');
  const insCluster = db.prepare(
    `INSERT INTO clusters (id, analysis_id, size, score, flagged, features_json, reasons_json, first_ts, last_ts, exchanges)
     VALUES (?, 1, ?, ?, ?, '{}', ?, ?, ?, ?)`,
  );
  const insMember = db.prepare('INSERT INTO cluster_members (account, cluster_id) VALUES (?, ?)');
  const str = (v: string) => (insString.get(v) as { id: number }).id;

  db.transaction(() => {
    const accImport = Number(insImport.run('accounts.jsonl', '/data/accounts.jsonl', 'a'.repeat(64), 'accounts').lastInsertRowid);
    const exImport = Number(insImport.run('exchanges.jsonl', '/data/exchanges.jsonl', 'b'.repeat(64), 'exchanges').lastInsertRowid);
    db.prepare(
      `INSERT INTO analyses (started_at, finished_at, status, parameters_json, app_version) VALUES ('2026-06-01T00:00:00Z', '2026-06-01T00:01:00Z', 'complete', '{}', 'test')`,
    ).run();
    const model = str('model-large-2026');
    const ua = str('sdk-python/1.2.3');
    const hostileUa = str(HOSTILE_UA);
    let line = 0;
    let exLine = 0;
    const firstEx = new Map<number, { id: number; ts: number }>();

    const makeAccount = (name: string, cardFp: string, ip: string, hostile: boolean): number => {
      const created = start + Math.floor(rand() * 86_400_000);
      const id = (insAccount.get(name, created, `${name.replace(/[^\w-]/g, '')}@mail.example`, cardFp, ip, accImport, ++line) as { id: number }).id;
      const ipS = str(ip);
      for (let k = 0; k < perAccount; k++) {
        const ts = start + Math.floor(rand() * 42 * 86_400_000);
        const ex = (insExchange.get(ts, id, ipS, hostile ? hostileUa : ua, model, 200 + k, 1800 + k, 1234567 + (k % 3), exImport, ++exLine) as { id: number }).id;
        if (!firstEx.has(id)) firstEx.set(id, { id: ex, ts });
        if (k < 2) insPrompt.run(ex, id, hostile ? HOSTILE_PROMPT : `Solve step by step: task ${k} for ${name}. Explain your reasoning.`);
      }
      return id;
    };

    let ipCounter = 0;
    opts.clusters.forEach((c, ci) => {
      const cid = `C${String(ci + 1).padStart(3, '0')}`;
      out.clusterIds.push(cid);
      const names: string[] = [];
      const ids: number[] = [];
      for (let i = 0; i < c.size; i++) {
        const hostile = !!opts.hostile && ci === 0 && i === 1;
        const name = hostile ? HOSTILE_ACCOUNT : `acct-${ci + 1}-${i + 1}`;
        if (hostile) out.hostileAccount = name;
        names.push(name);
        const ip = `10.${ci % 250}.${Math.floor(i / 250)}.${i % 250}`;
        ids.push(makeAccount(name, `fp-${ci + 1}-${Math.floor(i / (c.cardGroup ?? 4))}`, ip, hostile));
      }
      out.accounts.push(names);
      // shared values: card groups (consecutive accounts), IP groups (random accounts)
      const pairs = new Map<string, { a: number; b: number; sig: Map<string, number> }>();
      const share = (signal: string, value: string, members: number[], weight: number) => {
        const uniq = [...new Set(members)];
        if (uniq.length < 2) return;
        const vid = (insValue.get(signal, value, uniq.length, weight, 0) as { id: number }).id;
        for (const m of uniq) {
          const ex = firstEx.get(m)!;
          insHolding.run(vid, m, 1, ex.ts, ex.ts + 3_600_000, ex.id);
        }
        for (let x = 0; x < uniq.length; x++)
          for (let y = x + 1; y < uniq.length; y++) {
            const [a, b] = uniq[x]! < uniq[y]! ? [uniq[x]!, uniq[y]!] : [uniq[y]!, uniq[x]!];
            const k = `${a}:${b}`;
            let p = pairs.get(k);
            if (!p) pairs.set(k, (p = { a, b, sig: new Map() }));
            p.sig.set(signal, (p.sig.get(signal) ?? 0) + weight);
          }
      };
      const cg = c.cardGroup ?? 4;
      for (let g = 0; g * cg < ids.length; g++) share('payment', `fp-${ci + 1}-${g}`, ids.slice(g * cg, (g + 1) * cg), 3);
      const ig = c.ipGroup ?? 5;
      for (let round = 0; round < (c.ipRounds ?? 1); round++) {
        const order = [...ids].sort(() => rand() - 0.5);
        for (let g = 0; g * ig < order.length; g++) {
          const ip = `203.0.${ipCounter >> 8 & 255}.${ipCounter & 255}`;
          ipCounter++;
          const members = order.slice(g * ig, (g + 1) * ig);
          if (members.length >= 2) out.ips.push(ip);
          share('ip', ip, members, 1);
        }
      }
      for (const p of pairs.values()) {
        const signals = [...p.sig].map(([signal, weight]) => ({ signal, weight })).sort((x, y) => y.weight - x.weight);
        const w = signals.reduce((t, s) => t + s.weight, 0);
        insEdge.run(p.a, p.b, w, JSON.stringify(signals), w >= 1 ? 1 : 0);
      }
      const reasons = [
        { signal: 'shared_payment', contribution: 0.3 * c.score, detail: `${Math.ceil(c.size / cg)} card fingerprints shared by ${cg} accounts each` },
        { signal: 'template_concentration', contribution: 0.25 * c.score, detail: '92% of prompts from 3 templates' },
        { signal: 'cot_elicitation', contribution: 0.2 * c.score, detail: '81% ask for step-by-step reasoning' },
      ];
      insCluster.run(cid, c.size, c.score, c.score >= 0.5 ? 1 : 0, JSON.stringify(reasons), start, start + 42 * 86_400_000, c.size * perAccount);
      for (const id of ids) insMember.run(id, cid);
    });
    // a couple of cross-cluster soft links so the overview has edges between clusters
    const ids = db.prepare('SELECT account, cluster_id FROM cluster_members ORDER BY account').all() as Array<{ account: number; cluster_id: string }>;
    const firstOf = new Map<string, number>();
    for (const r of ids) if (!firstOf.has(r.cluster_id)) firstOf.set(r.cluster_id, r.account);
    const heads = [...firstOf.values()];
    for (let i = 0; i + 1 < heads.length; i++) {
      const [a, b] = [heads[i]!, heads[i + 1]!].sort((x, y) => x - y) as [number, number];
      insEdge.run(a, b, 0.4, JSON.stringify([{ signal: 'user_agent', weight: 0.4 }]), 0);
    }
    for (let i = 0; i < (opts.loners ?? 0); i++) makeAccount(`loner-${i + 1}`, `fp-loner-${i}`, `192.168.${i >> 8 & 255}.${i & 255}`, false);
  })();
  return out;
}
