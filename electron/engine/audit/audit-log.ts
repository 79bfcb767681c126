// Engine. The append-only, hash-chained audit log of a case. Each entry's hash covers the previous
// entry's hash and the entry's own fields, so editing or deleting any entry breaks the chain
// from that point on. Triggers in the schema refuse UPDATE and DELETE; the chain catches edits
// made behind SQLite's back (another tool, a hex editor).
import { createHash } from 'node:crypto';
import type { Db } from '../db/connection';
import { stmt } from '../db/statements';

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
  const last = stmt(db, 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
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
  stmt(
    db,
    'INSERT INTO audit_log (seq, at, actor, action, subject, details, prev_hash, hash) VALUES (@seq, @at, @actor, @action, @subject, @details, @prev_hash, @hash)',
  ).run(entry);
  // the head is also kept in meta, so cutting entries off the end of the chain is detectable
  stmt(db, "INSERT OR REPLACE INTO meta (key, value) VALUES ('audit_head', ?)").run(`${entry.seq}:${entry.hash}`);
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

export interface CaseAuditVerdict {
  ok: boolean;
  entries: number;
  head: { seq: number; hash: string } | null;
  problems: AuditProblem[];
}

/**
 * Checks a case's whole audit log: the chain itself, and that its last entry is the head recorded
 * in meta (entries cut off the end leave the chain intact but not the head).
 */
export function verifyCaseAudit(db: Db): CaseAuditVerdict {
  const entries = readAudit(db);
  const problems = verifyAuditChain(entries);
  const last = entries[entries.length - 1];
  const recorded = (db.prepare("SELECT value FROM meta WHERE key = 'audit_head'").get() as { value: string } | undefined)?.value;
  if (recorded !== undefined) {
    const [seqText, hash] = recorded.split(':');
    const seq = Number(seqText);
    if (!last || last.seq !== seq || last.hash !== hash) {
      problems.push({ seq: last && last.seq < seq ? last.seq + 1 : seq, problem: `the log should end at entry ${seq}; entries were removed or replaced` });
    }
  }
  problems.sort((a, b) => a.seq - b.seq);
  return { ok: problems.length === 0, entries: entries.length, head: last ? { seq: last.seq, hash: last.hash } : null, problems };
}

/** A page of entries, newest first (the app's audit view). */
export function readAuditPage(db: Db, opts: { beforeSeq?: number; limit: number; subject?: string }): AuditEntry[] {
  return db
    .prepare(
      `SELECT * FROM audit_log WHERE (@before IS NULL OR seq < @before) AND (@subject IS NULL OR subject = @subject)
       ORDER BY seq DESC LIMIT @limit`,
    )
    .all({ before: opts.beforeSeq ?? null, subject: opts.subject ?? null, limit: opts.limit }) as AuditEntry[];
}

/**
 * The entries that concern a selection: imports, analyses and exports (they concern all data),
 * and every entry whose subject or details name one of the clusters or accounts.
 */
export function auditForSelection(db: Db, sel: { clusterIds: readonly string[]; accountIds: readonly string[] }): AuditEntry[] {
  const names = new Set([...sel.clusterIds, ...sel.accountIds]);
  const subjects = new Set([...sel.clusterIds.map((c) => `cluster:${c}`), ...sel.accountIds.map((a) => `account:${a}`)]);
  const mentions = (v: unknown): boolean => {
    if (typeof v === 'string') return names.has(v);
    if (Array.isArray(v)) return v.some(mentions);
    if (v && typeof v === 'object') return Object.values(v).some(mentions);
    return false;
  };
  return readAudit(db).filter((e) => {
    if (/^(import|analy|export|case)/.test(e.action)) return true;
    if (e.subject && subjects.has(e.subject)) return true;
    try {
      return mentions(JSON.parse(e.details));
    } catch {
      return false;
    }
  });
}
