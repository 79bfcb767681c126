// Engine. Undoing an import that did not finish: cancelled (the case goes back to exactly how it
// was), failed, or interrupted by a dead process (found on the next open). Rows an import added
// are recognised by id ranges recorded when it started (imports run one writer at a time).
import { hostname } from 'node:os';
import type { Db } from '../db/connection';
import { appendAudit } from '../audit/audit-log';
import { buildSecondaryIndexes } from './indexes';
import { removeStaleSpills } from '../linkage/aggregates/spill-runs';

interface ImportRange {
  id: number;
  first_exchange_id: number | null;
  first_account_id: number | null;
  first_string_id: number | null;
}

/** Deletes what import `r` wrote (exchanges, prompt samples, accounts and strings it created, rejects). Call in a transaction. */
export function deleteImportRows(db: Db, r: ImportRange): number {
  const fromEx = r.first_exchange_id ?? 0;
  db.prepare('DELETE FROM prompt_samples WHERE exchange_id >= ? AND exchange_id IN (SELECT id FROM exchanges WHERE id >= ? AND import_id = ?)').run(fromEx, fromEx, r.id);
  const removed = db.prepare('DELETE FROM exchanges WHERE id >= ? AND import_id = ?').run(fromEx, r.id).changes;
  if (r.first_account_id !== null) {
    // accounts first seen in this import (created bare by its exchanges, or by its accounts rows)
    db.prepare(
      'DELETE FROM accounts WHERE id >= ? AND (import_id IS NULL OR import_id = ?) AND NOT EXISTS (SELECT 1 FROM exchanges e WHERE e.account = accounts.id)',
    ).run(r.first_account_id, r.id);
  }
  if (r.first_string_id !== null) db.prepare('DELETE FROM strings WHERE id >= ?').run(r.first_string_id);
  db.prepare('DELETE FROM rejects WHERE import_id = ?').run(r.id);
  return removed;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Marks imports left 'running' by a process that no longer exists as 'interrupted' and rolls
 * their rows back. Imports running in this process or another live one are left alone. Returns
 * the ids it recovered. Safe to call on every open.
 */
export function recoverInterruptedImports(db: Db, isOwnRunning: (importId: number) => boolean = () => true): number[] {
  const rows = db
    .prepare("SELECT id, file_name, owner_pid, owner_host, first_exchange_id, first_account_id, first_string_id, rows FROM imports WHERE status = 'running'")
    .all() as Array<ImportRange & { file_name: string; owner_pid: number | null; owner_host: string | null; rows: number }>;
  const host = hostname();
  const recovered: number[] = [];
  for (const r of rows) {
    const sameHost = r.owner_host === null || r.owner_host === host;
    if (r.owner_pid !== null && sameHost) {
      if (r.owner_pid === process.pid ? isOwnRunning(r.id) : processAlive(r.owner_pid)) continue;
    }
    db.transaction(() => {
      const removed = deleteImportRows(db, r);
      db.prepare(
        "UPDATE imports SET status = 'interrupted', finished_at = ?, error = ? WHERE id = ? AND status = 'running'",
      ).run(new Date().toISOString(), `The import stopped before it finished (the process was killed or crashed); its ${removed} rows were rolled back. Import the file again.`, r.id);
      appendAudit(db, { actor: 'system', action: 'import.interrupted', subject: r.file_name, details: { importId: r.id, rolledBack: removed } });
    })();
    recovered.push(r.id);
  }
  if (recovered.length) {
    // an interrupted bulk load may have dropped the secondary indexes, and left its aggregate
    // scratch files beside the case
    buildSecondaryIndexes(db, 0);
    removeStaleSpills(db.name, processAlive);
  }
  return recovered;
}
