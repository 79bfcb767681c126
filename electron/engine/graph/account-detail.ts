// Engine. One account in full: profile, activity, its shared values with their degree, an
// activity histogram and a few sampled prompts (text kept only for a bounded sample per account).
import type { AccountDetail } from '../../shared/contract';
import { EngineError } from '../../shared/result';
import type { Db } from '../db/connection';
import { clusterOfAccountRow } from './cluster-rows';
import { histogram } from './histogram';
import { accountHoldings } from '../linkage/holdings';
import { stmt } from './statements';

const PROFILE = [
  'created_at',
  'email',
  'email_norm',
  'payment_fingerprint',
  'card_bin',
  'card_country',
  'billing_country',
  'signup_ip',
  'signup_ip_prefix',
  'device_id',
  'phone_hash',
  'org_id',
  'signup_channel',
] as const;

type AccountRow = { id: number; account_id: string; import_id: number | null } & Record<(typeof PROFILE)[number], string | number | null>;

export function accountDetail(db: Db, accountId: string): AccountDetail {
  const a = stmt(db, `SELECT id, account_id, import_id, ${PROFILE.join(', ')} FROM accounts WHERE account_id = ?`).get(accountId) as AccountRow | undefined;
  if (!a) throw new EngineError('NOT_FOUND', `No account ${accountId}.`);
  const profile: AccountDetail['profile'] = [];
  if (a.import_id !== null)
    for (const f of PROFILE) {
      const v = a[f];
      if (v === null || v === '') continue;
      profile.push({ field: f, value: f === 'created_at' && typeof v === 'number' ? new Date(v).toISOString() : String(v) });
    }
  const s = stmt(
    db,
    `SELECT count(*) AS n, min(ts) AS lo, max(ts) AS hi, coalesce(sum(input_tokens), 0) AS tin, coalesce(sum(output_tokens), 0) AS tout
       FROM exchanges WHERE account = ?`,
  ).get(a.id) as { n: number; lo: number | null; hi: number | null; tin: number; tout: number };
  const models = stmt(
    db,
    `SELECT coalesce(st.value, '(none)') AS model, count(*) AS n FROM exchanges x LEFT JOIN strings st ON st.id = x.model_s
      WHERE x.account = ? GROUP BY x.model_s ORDER BY n DESC LIMIT 8`,
  ).all(a.id) as Array<{ model: string; n: number }>;
  // every shared value it holds (rows of hard values and packed soft ones: linkage/holdings.ts)
  const values = (
    stmt(
      db,
      `SELECT lv.signal, lv.value, lv.degree, lv.hub FROM json_each(?) j JOIN link_values lv ON lv.id = j.value
        ORDER BY lv.hub, lv.weight DESC, lv.degree DESC LIMIT 500`,
    ).all(JSON.stringify([...accountHoldings(db, a.id).keys()])) as Array<{ signal: string; value: string; degree: number; hub: number }>
  ).map((v) => ({ signal: v.signal, value: v.value, degree: v.degree, hub: v.hub === 1 }));
  const samples = stmt(
    db,
    `SELECT x.ts, st.value AS model, p.prompt FROM prompt_samples p JOIN exchanges x ON x.id = p.exchange_id
       LEFT JOIN strings st ON st.id = x.model_s WHERE p.account = ? ORDER BY x.ts LIMIT 12`,
  ).all(a.id) as Array<{ ts: number; model: string | null; prompt: string }>;
  const sampled = (stmt(db, 'SELECT count(*) AS n FROM prompt_samples WHERE account = ?').get(a.id) as { n: number }).n;
  return {
    accountId: a.account_id,
    cluster: clusterOfAccountRow(db, a.id),
    profile,
    stats: { exchanges: s.n, firstTs: s.lo, lastTs: s.hi, inputTokens: s.tin, outputTokens: s.tout, models },
    values,
    histogram: histogram(db, { kind: 'accounts', ids: [a.id] }, 60),
    samples: samples.map((r) => ({ ts: r.ts, model: r.model, prompt: r.prompt.length > 4000 ? `${r.prompt.slice(0, 4000)}…` : r.prompt })),
    samplesNote: `Prompt text is kept for a bounded sample per account: ${sampled.toLocaleString('en-US')} of ${s.n.toLocaleString('en-US')} exchanges; every exchange keeps its template fingerprint.`,
  };
}
