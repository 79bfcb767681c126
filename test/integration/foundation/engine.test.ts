// The engine through its one entry point, on real case files in a temp folder.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit, readAudit, verifyAuditChain } from '../../../electron/engine/audit/audit-log';
import { openDb } from '../../../electron/engine/db/connection';
import { migrations, SCHEMA_VERSION } from '../../../electron/engine/db/migrations';
import { Engine } from '../../../electron/engine/engine';
import type { CaseSummary } from '../../../electron/shared/contract';

let home: string;
let engine: Engine;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'lw-engine-'));
  engine = new Engine({ host: 'cli', home });
});
afterEach(async () => {
  await engine.dispose();
  rmSync(home, { recursive: true, force: true });
});

describe('cases', () => {
  it('creates, closes and reopens a case, remembering it', async () => {
    const created = await engine.invoke('case.create', { name: 'Hydra <May>' });
    expect(created.ok).toBe(true);
    const c = (created as { value: CaseSummary }).value;
    expect(c.path.startsWith(join(home, 'cases'))).toBe(true);
    expect(c.path).not.toContain('<');
    expect(c.schemaVersion).toBe(SCHEMA_VERSION);
    expect((await engine.invoke('case.current', {})).ok).toBe(true);
    await engine.invoke('case.close', {});
    expect(await engine.invoke('case.current', {})).toEqual({ ok: true, value: null });
    const reopened = await engine.invoke('case.open', { path: c.path });
    expect(reopened.ok && (reopened.value as CaseSummary).caseId).toBe(c.caseId);
    const recent = await engine.invoke('case.recent', {});
    expect(recent.ok && (recent.value as Array<{ path: string }>)[0]!.path).toBe(c.path);
  });

  it('answers with clear errors, never throws', async () => {
    expect(await engine.invoke('case.open', { path: join(home, 'nope.sqlite') })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await engine.invoke('case.create', { name: '' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await engine.invoke('no.such.channel', {})).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await engine.invoke('case.create', { name: 'x', extra: 1 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await engine.invoke('dialog.openFiles', { title: 't', filters: [], multiple: false })).toMatchObject({ ok: false });
  });

  it('refuses a file that is not a case', async () => {
    const junk = join(home, 'junk.sqlite');
    writeFileSync(junk, 'this is not sqlite at all, just text pretending'.repeat(100));
    const r = await engine.invoke('case.open', { path: junk });
    expect(r.ok).toBe(false);
  });

  it('refuses a case written by a newer version', async () => {
    const p = join(home, 'future.sqlite');
    const db = new Database(p);
    db.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    db.close();
    const r = await engine.invoke('case.open', { path: p });
    expect(r).toMatchObject({ ok: false });
    expect(!r.ok && r.error.message).toMatch(/newer Linkwork/);
  });
});

describe('migrations', () => {
  it('run from zero, in order, and are idempotent', () => {
    const p = join(home, 'm.sqlite');
    const db = openDb(p, { create: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
    const again = openDb(p);
    expect(again.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    again.close();
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });
});

describe('audit log', () => {
  it('chains entries and detects edits made behind SQLite triggers', () => {
    const p = join(home, 'a.sqlite');
    const db = openDb(p, { create: true });
    appendAudit(db, { action: 'import', details: { file: 'x.jsonl' } });
    appendAudit(db, { action: 'tag', subject: 'C-1', details: { tag: 'hydra' } });
    expect(verifyAuditChain(readAudit(db))).toEqual([]);
    expect(() => db.prepare("UPDATE audit_log SET action = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET details = '{\"tag\":\"benign\"}' WHERE seq = 2").run();
    expect(verifyAuditChain(readAudit(db))).toEqual([{ seq: 2, problem: 'was altered after it was written' }]);
    db.close();
  });
});
