// Engine. What the investigator has decided that analysis must respect: accounts marked
// 'false_positive' are never pulled back into a cluster. The verdicts table belongs to the
// workflow migration; analysis reads it only when it exists.
import type { Db } from '../db/connection';

export function falsePositiveAccounts(db: Db): Set<number> {
  const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'account_verdicts'").get();
  if (!has) return new Set();
  const cols = (db.prepare('PRAGMA table_info(account_verdicts)').all() as { name: string }[]).map((c) => c.name);
  if (!cols.includes('verdict') || !cols.includes('account_id')) return new Set();
  const rows = db
    .prepare("SELECT a.id FROM account_verdicts v JOIN accounts a ON a.account_id = v.account_id WHERE v.verdict = 'false_positive'")
    .pluck()
    .all() as number[];
  return new Set(rows);
}
