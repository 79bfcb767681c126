// Test helpers for ingest integration tests: temp cases, a job context, table fingerprints.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { CancelledError, type JobContext } from '../../../electron/engine/jobs/job-context';
import type { Db } from '../../../electron/engine/db/connection';
import { CaseSession } from '../../../electron/engine/session';

export const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'formats');
export const fixture = (name: string) => join(FIXTURES, name);

const made: string[] = [];
// each test file removes the case folders it made once its tests ran (this module is evaluated
// per test file, so the hook belongs to the file that imports it)
afterAll(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

export function tempDir(prefix = 'lw-ingest-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  made.push(d);
  return d;
}

export function openCase(dir: string, name = 'case'): { s: CaseSession; path: string } {
  const path = join(dir, `${name}.sqlite`);
  return { s: CaseSession.open(path, { create: true }), path };
}

export function ctxOf(s: CaseSession, path: string, opts: { cancelAfterProgress?: number } = {}): JobContext {
  let progress = 0;
  let cancelled = false;
  return {
    db: s.db,
    casePath: path,
    progress: () => {
      progress++;
      if (opts.cancelAfterProgress !== undefined && progress >= opts.cancelAfterProgress) cancelled = true;
    },
    isCancelled: () => cancelled,
    checkCancelled: () => {
      if (cancelled) throw new CancelledError();
    },
  };
}

/** Row counts and a content digest of every table: "the case is as it was". */
export function snapshot(db: Db): Record<string, string> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  const out: Record<string, string> = {};
  for (const t of tables) {
    // eslint-disable-next-line no-restricted-syntax -- table names from sqlite_master cannot be bound
    const rows = (db.prepare(`SELECT * FROM "${t}"`).raw().all() as unknown[][]).map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
    out[t] = `${rows.length}:${rows.sort().join('\n')}`;
  }
  out.indexes = (db.prepare("SELECT group_concat(name) FROM (SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name)").pluck().get() as string) ?? '';
  return out;
}

/** A JSONL file of `n` exchanges for `accounts` accounts, with prompts. */
export function exchangesJsonl(n: number, accounts: number, start = 0): string {
  const lines: string[] = [];
  for (let i = start; i < start + n; i++) {
    lines.push(
      JSON.stringify({
        request_id: `req-${i}`,
        ts: new Date(Date.UTC(2026, 3, 22) + i * 1000).toISOString(),
        account_id: `acct-${i % accounts}`,
        ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
        user_agent: i % 2 ? 'anthropic-sdk-python/0.39.0' : 'curl/8.1',
        model: 'model-a',
        input_tokens: 100 + (i % 50),
        output_tokens: 400,
        prompt: `Solve step by step: ${i}x + 3 = ${i * 2}. Show your reasoning.`,
      }),
    );
  }
  return `${lines.join('\n')}\n`;
}
