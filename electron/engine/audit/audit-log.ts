// Engine. The append-only, hash-chained audit log of a case. Each entry's hash covers the previous
// entry's hash and the entry's own fields, so editing or deleting any entry breaks the chain
// from that point on. Triggers in the schema refuse UPDATE and DELETE; the chain catches edits
// made behind SQLite's back (another tool, a hex editor).
import { createHash } from 'node:crypto';
import type { Db } from '../db/connection';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntryInput {
  actor?: string;
  action: string;
  subject?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

export function entryHash(e: Omit<AuditEntry, 'hash'>): string {
  const canonical = JSON.stringify([e.seq, e.at, e.actor, e.action, e.subject, e.details, e.prev_hash]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Appends one entry. Call inside the write transaction of the action it records. */
export function appendAudit(db: Db, input: AuditEntryInput): AuditEntry {
  const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
    | { seq: number; hash: string }
    | undefined;
  const base = {
    seq: (last?.seq ?? 0) + 1,
    at: new Date().toISOString(),
    actor: input.actor ?? 'investigator',
    action: input.action,
    subject: input.subject ?? null,
    details: JSON.stringify(input.details ?? {}),
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  const entry: AuditEntry = { ...base, hash: entryHash(base) };
  db.prepare(
    'INSERT INTO audit_log (seq, at, actor, action, subject, details, prev_hash, hash) VALUES (@seq, @at, @actor, @action, @subject, @details, @prev_hash, @hash)',
  ).run(entry);
  return entry;
}

export interface AuditProblem {
  seq: number;
  problem: string;
}

/** Walks the chain; returns every break (empty when intact). */
export function verifyAuditChain(entries: Iterable<AuditEntry>): AuditProblem[] {
  const problems: AuditProblem[] = [];
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const e of entries) {
    if (e.seq !== expectedSeq) problems.push({ seq: e.seq, problem: `entry ${expectedSeq} is missing` });
    if (e.prev_hash !== prev) problems.push({ seq: e.seq, problem: 'does not follow the previous entry' });
    const { hash, ...rest } = e;
    if (entryHash(rest) !== hash) problems.push({ seq: e.seq, problem: 'was altered after it was written' });
    prev = hash;
    expectedSeq = e.seq + 1;
  }
  return problems;
}

export function readAudit(db: Db): AuditEntry[] {
  return db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as AuditEntry[];
}
