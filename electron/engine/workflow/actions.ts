// Engine. Investigator actions with undo and redo. Every action runs in one transaction that
// applies its changes, records them in `actions` (the persistent command log: undo works after
// reopening the case) and appends an audit entry. A new action clears the redo stack.
import { appendAudit } from '../audit/audit-log';
import type { Db } from '../db/connection';
import { applyBackward, applyForward, reapply, type Change } from './changes';

export interface ActionMeta {
  kind: string;
  label: string;
  subject?: string | null;
  details?: Record<string, unknown>;
}

export interface ActionResult<T> {
  seq: number | null;
  value: T;
}

export interface HistoryState {
  undo: { seq: number; label: string } | null;
  redo: { seq: number; label: string } | null;
}

/**
 * Runs `build` inside a transaction: it returns the changes to make (computed from the current
 * rows) and a value. Nothing is recorded when there is nothing to change.
 */
export function runAction<T>(db: Db, meta: ActionMeta, build: () => { changes: Array<Change | null>; value: T }): ActionResult<T> {
  return db.transaction(() => {
    const { changes: raw, value } = build();
    const changes = raw.filter((c): c is Change => c !== null);
    if (changes.length === 0) return { seq: null, value };
    applyForward(db, changes);
    db.prepare('DELETE FROM actions WHERE undone = 1').run();
    const at = new Date().toISOString();
    const seq = Number(
      db.prepare('INSERT INTO actions (at, kind, label, changes) VALUES (?, ?, ?, ?)').run(at, meta.kind, meta.label, JSON.stringify(changes)).lastInsertRowid,
    );
    appendAudit(db, { action: meta.kind, subject: meta.subject ?? null, details: { ...meta.details, label: meta.label, actionSeq: seq } });
    return { seq, value };
  })();
}

interface ActionRow {
  seq: number;
  kind: string;
  label: string;
  changes: string;
}

/** The subject the action was audited under, so its undo and redo are found with it. */
function subjectOf(db: Db, seq: number): string | null {
  const r = db
    .prepare("SELECT subject FROM audit_log WHERE json_extract(details, '$.actionSeq') = ? AND action NOT IN ('workflow.undo', 'workflow.redo') ORDER BY seq DESC LIMIT 1")
    .get(seq) as { subject: string | null } | undefined;
  return r?.subject ?? null;
}

export function undo(db: Db): { seq: number; label: string; stale: number } | null {
  return db.transaction(() => {
    const row = db.prepare('SELECT seq, kind, label, changes FROM actions WHERE undone = 0 ORDER BY seq DESC LIMIT 1').get() as ActionRow | undefined;
    if (!row) return null;
    const { stale } = applyBackward(db, JSON.parse(row.changes) as Change[]);
    db.prepare('UPDATE actions SET undone = 1 WHERE seq = ?').run(row.seq);
    appendAudit(db, { action: 'workflow.undo', subject: subjectOf(db, row.seq), details: { actionSeq: row.seq, kind: row.kind, label: row.label, staleRows: stale } });
    return { seq: row.seq, label: row.label, stale };
  })();
}

export function redo(db: Db): { seq: number; label: string; stale: number } | null {
  return db.transaction(() => {
    const row = db.prepare('SELECT seq, kind, label, changes FROM actions WHERE undone = 1 ORDER BY seq ASC LIMIT 1').get() as ActionRow | undefined;
    if (!row) return null;
    const { stale } = reapply(db, JSON.parse(row.changes) as Change[]);
    db.prepare('UPDATE actions SET undone = 0 WHERE seq = ?').run(row.seq);
    appendAudit(db, { action: 'workflow.redo', subject: subjectOf(db, row.seq), details: { actionSeq: row.seq, kind: row.kind, label: row.label, staleRows: stale } });
    return { seq: row.seq, label: row.label, stale };
  })();
}

export function history(db: Db): HistoryState {
  const u = db.prepare('SELECT seq, label FROM actions WHERE undone = 0 ORDER BY seq DESC LIMIT 1').get() as { seq: number; label: string } | undefined;
  const r = db.prepare('SELECT seq, label FROM actions WHERE undone = 1 ORDER BY seq ASC LIMIT 1').get() as { seq: number; label: string } | undefined;
  return { undo: u ?? null, redo: r ?? null };
}

export function recentActions(db: Db, limit = 50): Array<{ seq: number; at: string; kind: string; label: string; undone: boolean }> {
  return (db.prepare('SELECT seq, at, kind, label, undone FROM actions ORDER BY seq DESC LIMIT ?').all(limit) as Array<{ seq: number; at: string; kind: string; label: string; undone: number }>).map(
    (r) => ({ ...r, undone: r.undone === 1 }),
  );
}
