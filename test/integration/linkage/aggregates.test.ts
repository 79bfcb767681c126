// The per-account aggregates kept at import time: after bulk, OR IGNORE (duplicates), incremental
// and cancelled imports, and after the one-time rebuild of older cases, collect() from them must
// equal the reference scan over every exchange row.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../../electron/engine/db/connection';
import { importJob } from '../../../electron/engine/ingest/import-job';
import { CancelledError } from '../../../electron/engine/jobs/job-context';
import { collect } from '../../../electron/engine/linkage/collect';
import { TEXTS_READ_EARLY } from '../../../electron/engine/linkage/value-texts';
import { aggregatesCurrent, aggregateTotals, clearAggregates, rebuildAggregates } from '../../../electron/engine/linkage/aggregates/state';
import { TEMPLATE_KIND } from '../../../electron/engine/linkage/aggregates/kinds';
import { CaseSession } from '../../../electron/engine/session';
import { ctxOf, openCase, snapshot, tempDir } from '../ingest/helpers';
import { canonical, referenceCollect } from './collect-reference';
import { fillDeferredTexts } from '../../../electron/engine/linkage/value-texts';
import { referenceTemplateFamilies } from './template-families-reference';
import { addTemplateFamilies } from '../../../electron/engine/linkage/derived-values';
import { spillFiles } from './spill-files';

/** Exchanges with every aggregated column varying: keys, IPs, clients, devices, TLS, ASN, country, models, settings, templates. */
function jsonl(from: number, to: number, accounts: number, dupEvery = 0): string {
  const lines: string[] = [];
  for (let i = from; i < to; i++) {
    const a = (i * 7) % accounts;
    const row: Record<string, unknown> = {
      request_id: `r-${dupEvery && i % dupEvery === 0 ? i - 1 : i}`,
      ts: Date.UTC(2026, 3, 22) + i * 97_000,
      account_id: `acct-${a}`,
      api_key_id: `key-${a % 5}`,
      ip: `10.0.${a % 4}.${i % 3}`,
      user_agent: i % 3 ? 'sdk/1.0' : 'curl/8',
      model: i > (to - from) / 2 ? 'model-b' : 'model-a',
      device_id: `dev-${a % 6}`,
      tls_ja4: `t13d_${a % 2}`,
      asn: a % 2 ? 'AS14061 DigitalOcean' : 'AS7922 Comcast',
      country: a % 3 ? 'US' : 'DE',
      input_tokens: 50 + (i % 13),
      output_tokens: 400 + (i % 7),
      prompt: a % 2 ? `Explain step by step how to solve ${i % 4}x + 3 = 7 for x.` : `Write a poem about the number ${i}.`,
    };
    if (i % 4 !== 0) row.temperature = (i % 3) / 10;
    if (i % 5 === 0) row.max_tokens = 1024;
    lines.push(JSON.stringify(row));
  }
  return `${lines.join('\n')}\n`;
}

const run = (s: Parameters<typeof ctxOf>[0], path: string, files: string[]) => importJob(ctxOf(s, path), { paths: files, parser: 'inline', batchSize: 97 });

/** A new case in a new folder with exchanges [from, to) of `accounts` accounts imported (a.jsonl). */
async function importedCase(from: number, to: number, accounts: number): Promise<{ dir: string; s: ReturnType<typeof openCase>['s']; path: string }> {
  const dir = tempDir('lw-agg-');
  const { s, path } = openCase(dir);
  const f1 = join(dir, 'a.jsonl');
  writeFileSync(f1, jsonl(from, to, accounts));
  await run(s, path, [f1]);
  return { dir, s, path };
}

/** The totals the import keeps in agg_state (aggregateTotals), against a sum over every agg_values row. */
function expectTotalsKept(db: Db): void {
  const state = db.prepare('SELECT value_keys, template_keys FROM agg_state WHERE id = 1').raw(true).get();
  const sums = db.prepare('SELECT coalesce(sum(n), 0), coalesce(sum(CASE WHEN kind = ? THEN n END), 0) FROM agg_values').raw(true).get(TEMPLATE_KIND) as number[];
  expect(state).toEqual(sums);
  expect(aggregateTotals(db)).toEqual({ keys: sums[0], templateKeys: sums[1] });
}

function expectSameAsScan(db: Db): ReturnType<typeof canonical> {
  expect(aggregatesCurrent(db)).toBe(true);
  expectTotalsKept(db);
  const fromAggregates = canonical(collect(db, () => {}));
  const reference = canonical(referenceCollect(db));
  expect(fromAggregates).toEqual(reference);
  // each account's rows concatenated by SQLite, or read one by one: the same
  expect(canonical(collect(db, () => {}, { grouped: false }))).toEqual(reference);
  // template rows not kept: the first read takes only their keys, derive reads them again
  expect(canonical(collect(db, () => {}, { templateRowsKept: 0 }))).toEqual(reference);
  // texts left deferred (all but those read before the write), then filled: the same table
  const deferred = collect(db, () => {}, { deferTexts: true });
  expect(deferred.table.deferredCount).toBeGreaterThan(0);
  for (let v = 0; v < deferred.table.values.length; v++) {
    if (TEXTS_READ_EARLY.has(deferred.table.values[v]!.signal)) expect(deferred.table.deferredFrom[v]).toBe(0);
  }
  fillDeferredTexts(db, deferred.table);
  expect(deferred.table.deferredCount).toBe(0);
  expect(canonical(deferred)).toEqual(reference);
  // template families: each observation merged straight into its family's pair, as merging per
  // key and then per family did (same value ids, pairs, counts, times and examples)
  for (const kept of [undefined, 0]) {
    const c = collect(db, () => {}, { templateRowsKept: kept });
    const r = collect(db, () => {}, { templateRowsKept: kept });
    const families = addTemplateFamilies(c, 3);
    expect(families).toBeGreaterThan(0);
    expect(families).toBe(referenceTemplateFamilies(r, 3));
    // family labels are made when read
    expect(c.table.deferredCount).toBeGreaterThanOrEqual(families);
    fillDeferredTexts(db, c.table);
    const cols = (x: typeof c) => [x.table.values, ...[x.table.pv, x.table.pa, x.table.count, x.table.first, x.table.last, x.table.example].map((col) => Array.from(col.subarray(0, x.table.pairs)))];
    expect(cols(c)).toEqual(cols(r));
  }
  return fromAggregates;
}

function rowsOfKind(c: ReturnType<typeof canonical>, signal: string): number {
  return c.pairs.filter((l) => l.startsWith(`${signal}\t`)).length;
}

describe('linkage aggregates', () => {
  it('bulk import, then an OR IGNORE import with duplicates and new rows: same as a scan of every exchange', async () => {
    const { dir, s, path } = await importedCase(0, 1500, 40);
    const c1 = expectSameAsScan(s.db);
    // every kind is exercised (not a vacuous comparison)
    for (const sig of ['api_key', 'ip', 'ip_prefix', 'user_agent', 'device', 'tls', 'asn', 'country', 'x_model', 'x_capability', 'x_template', 'x_settings']) expect(rowsOfKind(c1, sig)).toBeGreaterThan(0);
    // overlapping second export: rows 1000..1499 are duplicates (skipped), 1500..2999 new
    const f2 = join(dir, 'b.jsonl');
    writeFileSync(f2, jsonl(1000, 3000, 50));
    const [r2] = (await run(s, path, [f2])).files;
    expect(r2).toMatchObject({ status: 'complete', duplicates: 500, rows: 1500 });
    // several stored rows per (account, kind) now: merged when read
    expect(s.db.prepare('SELECT count(*) FROM (SELECT account, kind FROM agg_values GROUP BY 1, 2 HAVING count(*) > 1)').pluck().get()).toBeGreaterThan(0);
    expectSameAsScan(s.db);
    s.close();
  });

  it('a first import with repeated request ids (removed after the load) counts only stored rows', async () => {
    const dir = tempDir('lw-agg-');
    const { s, path } = openCase(dir);
    const f = join(dir, 'dups.jsonl');
    writeFileSync(f, jsonl(0, 1200, 30, 10));
    const [r] = (await run(s, path, [f])).files;
    expect(r?.duplicates).toBeGreaterThan(0);
    expectSameAsScan(s.db);
    s.close();
  });

  it('a cancelled import leaves the aggregates as they were, still current', async () => {
    const { dir, s, path } = await importedCase(0, 800, 20);
    const f2 = join(dir, 'b.jsonl');
    writeFileSync(f2, jsonl(800, 5000, 20));
    const before = snapshot(s.db);
    await expect(importJob(ctxOf(s, path, { cancelAfterProgress: 3 }), { paths: [f2], parser: 'inline', batchSize: 500 })).rejects.toBeInstanceOf(CancelledError);
    expect(snapshot(s.db)).toEqual(before);
    expect(spillFiles(path)).toEqual([]);
    expectSameAsScan(s.db);
    s.close();
  });

  it('aggregates left over without exchanges (a first load cut short) are stale and cleared', () => {
    const { s } = openCase(tempDir('lw-agg-'));
    s.db.prepare('INSERT INTO agg_accounts (account, exchanges, cot, in_tokens, out_tokens) VALUES (1, 5, 0, 0, 0)').run();
    expect(aggregatesCurrent(s.db)).toBe(false);
    collect(s.db, () => {});
    expect(s.db.prepare('SELECT count(*) FROM agg_accounts').pluck().get()).toBe(0);
    expect(aggregatesCurrent(s.db)).toBe(true);
    s.close();
  });

  it('older cases (no aggregates) are rebuilt once from the exchanges, with progress; small flushes merge the same', async () => {
    const { s, path } = await importedCase(0, 2000, 60);
    const expected = canonical(referenceCollect(s.db));
    // as a case written before migration 4 (or rows added by another tool) looks
    clearAggregates(s.db);
    expect(aggregatesCurrent(s.db)).toBe(false);
    const progress: number[] = [];
    const c = canonical(collect(s.db, (done) => progress.push(done)));
    expect(c).toEqual(expected);
    expect(progress.length).toBeGreaterThan(0);
    expect(aggregatesCurrent(s.db)).toBe(true);
    // the builder's memory bound: spilling every few pairs still writes one row per (account, kind)
    rebuildAggregates(s.db, {}, 7);
    expect(s.db.prepare('SELECT count(*) FROM (SELECT account, kind FROM agg_values GROUP BY 1, 2 HAVING count(*) > 1)').pluck().get()).toBe(0);
    expect(spillFiles(path)).toEqual([]);
    expect(canonical(collect(s.db, () => {}))).toEqual(expected);
    expectTotalsKept(s.db);
    s.close();
  });

  it('a case aggregated before migration 8 gets its totals summed once as it opens', async () => {
    const { s, path } = await importedCase(0, 900, 40);
    const kept = s.db.prepare('SELECT value_keys, template_keys FROM agg_state').raw(true).get() as number[];
    expect(kept[0]).toBeGreaterThan(kept[1]!);
    expect(kept[1]).toBeGreaterThan(0);
    // as version 7 left it: no totals (and none of the later migrations' columns)
    s.db.exec('ALTER TABLE agg_state DROP COLUMN value_keys; ALTER TABLE agg_state DROP COLUMN template_keys; ALTER TABLE imports DROP COLUMN first_ts; ALTER TABLE imports DROP COLUMN last_ts; PRAGMA user_version = 7;');
    s.close();
    const again = CaseSession.open(path);
    expect(again.db.prepare('SELECT value_keys, template_keys FROM agg_state').raw(true).get()).toEqual(kept);
    expectSameAsScan(again.db);
    again.close();
  });
});
