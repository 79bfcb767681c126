// A large JSON Lines file parsed by two ingest worker threads (chunks, merged in file order) must
// give the very case one parser gives: same exchanges (ids, lines, values), same prompt samples,
// same rejects with their line numbers, same dedup of repeated request ids; cancel rolls back.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importJob } from '../../../electron/engine/ingest/import-job';
import { CancelledError } from '../../../electron/engine/jobs/job-context';
import { ctxOf, exchangesJsonl, openCase, snapshot, tempDir } from './helpers';

function file(dir: string): string {
  const lines = exchangesJsonl(4000, 30).split('\n').filter(Boolean);
  for (let i = 0; i < lines.length; i += 97) lines[i] = '{"broken": ';
  for (let i = 5; i < lines.length; i += 331) lines[i] = lines[i - 1] as string; // repeated request id
  for (let i = 9; i < lines.length; i += 211) lines[i] = '';
  const path = join(dir, 'big.jsonl');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/**
 * The case's content with string and account ids resolved to their values (the order in which
 * strings are first interned may differ: fingerprints are computed on another thread).
 */
function content(db: Parameters<typeof snapshot>[0]): Record<string, string> {
  const s = snapshot(db);
  const cols = (db.prepare("SELECT name FROM pragma_table_info('exchanges')").pluck().all() as string[]).map((c) =>
    c.endsWith('_s') ? `(SELECT value FROM strings WHERE id = e.${c}) AS ${c}` : c === 'account' ? '(SELECT account_id FROM accounts WHERE id = e.account) AS account' : `CAST(e.${c} AS TEXT) AS ${c}`,
  );
  const rows = (sql: string) => JSON.stringify(db.prepare(sql).raw().all());
  return {
    exchanges: rows(`SELECT ${cols.join(', ')} FROM exchanges e ORDER BY id`),
    accounts: rows('SELECT id, account_id FROM accounts ORDER BY id'),
    strings: rows('SELECT value FROM strings ORDER BY value'),
    prompt_samples: rows('SELECT exchange_id, (SELECT account_id FROM accounts WHERE id = p.account), prompt FROM prompt_samples p ORDER BY exchange_id'),
    rejects: s.rejects ?? '',
    indexes: s.indexes ?? '',
  };
}

describe('import with two parse workers', () => {
  it('stores exactly what one parser stores', async () => {
    const dir = tempDir();
    const path = file(dir);
    const results: Array<Record<string, string>> = [];
    const summaries: unknown[] = [];
    for (const parseWorkers of [1, 2]) {
      const { s, path: casePath } = openCase(dir, `w${parseWorkers}`);
      const r = await importJob(ctxOf(s, casePath), { paths: [path], parser: 'worker', parseWorkers, chunkBytes: 16 * 1024, batchSize: 256 });
      const f = r.files[0];
      summaries.push({ status: f?.status, rows: f?.rows, rejected: f?.rejected, duplicates: f?.duplicates, sha256: f?.sha256, firstRejects: f?.firstRejects });
      results.push(content(s.db));
      s.close();
    }
    expect(summaries[1]).toEqual(summaries[0]);
    expect(summaries[0]).toMatchObject({ status: 'complete' });
    expect((summaries[0] as { rejected: number }).rejected).toBeGreaterThan(30);
    expect((summaries[0] as { duplicates: number }).duplicates).toBeGreaterThan(5);
    expect(results[1]).toEqual(results[0]);
  }, 60_000);

  it('cancel leaves the case as it was', async () => {
    const dir = tempDir();
    const path = file(dir);
    const { s, path: casePath } = openCase(dir);
    const before = snapshot(s.db);
    await expect(importJob(ctxOf(s, casePath, { cancelAfterProgress: 3 }), { paths: [path], parser: 'worker', parseWorkers: 2, chunkBytes: 16 * 1024, batchSize: 256 })).rejects.toBeInstanceOf(CancelledError);
    expect(snapshot(s.db)).toEqual(before);
    s.close();
  }, 60_000);
});
