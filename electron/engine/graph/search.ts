// Engine. Search across what identifies an account: its id, email, card fingerprint, sign-up IP,
// device, phone hash; the shared values of the analysis (IPs, user agents, templates ...); the
// strings seen in exchanges (IPs, user agents); and the sampled prompt text. Substring match,
// case-insensitive; every hit names its account and cluster.
import type { SearchHit } from '../../shared/contract';
import type { Db } from '../db/connection';
import { holdersOf } from '../linkage/holdings';
import { stmt } from './statements';

const likeEscape = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The matched text with some context around the match, single line. */
export function clip(text: string, needle: string, width = 120): string {
  const flat = text.replace(/[\r\n\t]+/g, ' ');
  const at = flat.toLowerCase().indexOf(needle.toLowerCase());
  if (flat.length <= width || at < 0) return flat.slice(0, width);
  const start = Math.max(0, Math.min(at - Math.floor((width - needle.length) / 2), flat.length - width));
  return `${start > 0 ? '…' : ''}${flat.slice(start, start + width)}${start + width < flat.length ? '…' : ''}`;
}

const ACCOUNT_FIELDS: Array<[string, string]> = [
  ['account', 'account_id'],
  ['email', 'email'],
  ['card', 'payment_fingerprint'],
  ['ip', 'signup_ip'],
  ['device', 'device_id'],
  ['phone', 'phone_hash'],
];

export function search(db: Db, text: string, limit: number): { hits: SearchHit[]; truncated: boolean } {
  const q = text.trim();
  const like = likeEscape(q);
  const hits: SearchHit[] = [];
  const seen = new Set<string>();
  let truncated = false;
  const push = (accountId: string, field: string, matched: string, cluster: string | null, score: number | null) => {
    const k = `${accountId}\u0000${field}`;
    if (seen.has(k)) return;
    if (hits.length >= limit) {
      truncated = true;
      return;
    }
    seen.add(k);
    hits.push({ accountId, field, text: clip(matched, q), cluster, score });
  };
  const withCluster = `LEFT JOIN cluster_members cm ON cm.account = a.id LEFT JOIN clusters c ON c.id = cm.cluster_id`;

  // exact account id first: the most common jump
  for (const r of stmt(db, `SELECT a.account_id, cm.cluster_id, c.score FROM accounts a ${withCluster} WHERE a.account_id = ?`).all(q) as Row[])
    push(r.account_id, 'account', r.account_id, r.cluster_id, r.score);
  for (const [field, col] of ACCOUNT_FIELDS) {
    const rows = stmt(
      db,
      `SELECT a.account_id, a.${col} AS m, cm.cluster_id, c.score FROM accounts a ${withCluster}
        WHERE a.${col} LIKE ? ESCAPE '\\' ORDER BY c.score DESC NULLS LAST, a.account_id LIMIT ?`,
    ).all(like, limit + 1) as Row[];
    for (const r of rows) push(r.account_id, field, r.m ?? '', r.cluster_id, r.score);
  }
  // shared values of the analysis (IPs, user agents, templates, ...), highest-degree first; their
  // holders from rows (hard values) and packed holder lists (soft ones: linkage/holdings.ts). Per
  // value its best-scored holders, then the best of all of them (a top-k of the union).
  const matched = stmt(db, `SELECT id, signal, value FROM link_values WHERE value LIKE ? ESCAPE '\\' ORDER BY degree DESC LIMIT 20`).all(like) as Array<{
    id: number;
    signal: string;
    value: string;
  }>;
  const best = stmt(
    db,
    `SELECT a.account_id, cm.cluster_id, c.score FROM json_each(?) j JOIN accounts a ON a.id = j.value ${withCluster}
      ORDER BY c.score DESC NULLS LAST LIMIT ?`,
  );
  const values: Row[] = [];
  for (const v of matched) {
    for (const r of best.all(JSON.stringify(holdersOf(db, v.id)), limit + 1) as Row[]) values.push({ ...r, field: v.signal, m: v.value });
  }
  const byScore = values.map((r, i) => [r, i] as const).sort(([x, i], [y, j]) => (y.score ?? -Infinity) - (x.score ?? -Infinity) || i - j);
  for (const [r] of byScore.slice(0, limit + 1)) push(r.account_id, r.field ?? 'value', r.m ?? '', r.cluster_id, r.score);
  // strings seen in exchanges (IPs and user agents not shared by two accounts are not link values)
  if (hits.length < limit) {
    const strings = stmt(db, `SELECT id, value FROM strings WHERE value LIKE ? ESCAPE '\\' LIMIT 20`).all(like) as Array<{ id: number; value: string }>;
    for (const s of strings) {
      const rows = stmt(
        db,
        `SELECT a.account_id, x.f AS field, cm.cluster_id, c.score FROM (
           SELECT account, CASE WHEN ip_s = @s THEN 'ip' WHEN user_agent_s = @s THEN 'user_agent' ELSE 'exchange' END AS f
             FROM exchanges WHERE ip_s = @s OR user_agent_s = @s OR tls_s = @s OR device_s = @s OR api_key_s = @s LIMIT 200) x
           JOIN accounts a ON a.id = x.account ${withCluster} GROUP BY a.id LIMIT @limit`,
      ).all({ s: s.id, limit }) as Row[];
      for (const r of rows) push(r.account_id, r.field ?? 'exchange', s.value, r.cluster_id, r.score);
      if (hits.length >= limit) break;
    }
  }
  // sampled prompt text
  const prompts = stmt(
    db,
    `SELECT a.account_id, p.prompt AS m, cm.cluster_id, c.score FROM prompt_samples p
       JOIN accounts a ON a.id = p.account ${withCluster}
      WHERE p.prompt LIKE ? ESCAPE '\\' LIMIT ?`,
  ).all(like, limit + 1) as Row[];
  for (const r of prompts) push(r.account_id, 'prompt', r.m ?? '', r.cluster_id, r.score);
  // a template fingerprint typed as a number (decimal or 0x hex)
  const asNum = /^-?\d{1,20}$/.test(q) ? BigInt(q) : /^0x[0-9a-f]{1,16}$/i.test(q) ? BigInt.asIntN(64, BigInt(q)) : null;
  if (asNum !== null) {
    const rows = stmt(
      db,
      `SELECT a.account_id, cm.cluster_id, c.score FROM (SELECT DISTINCT account FROM exchanges WHERE template = ? LIMIT 200) x
         JOIN accounts a ON a.id = x.account ${withCluster} LIMIT ?`,
    ).all(asNum, limit) as Row[];
    for (const r of rows) push(r.account_id, 'template', q, r.cluster_id, r.score);
  }
  return { hits, truncated };
}

interface Row {
  account_id: string;
  m?: string | null;
  field?: string;
  cluster_id: string | null;
  score: number | null;
}
