// The import job on real case files: every format, provenance, duplicates, cancel, failures.
import { copyFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { importJob, type ImportFileResult } from '../../../electron/engine/ingest/import-job';
import { CancelledError } from '../../../electron/engine/jobs/job-context';
import { readAudit, verifyAuditChain } from '../../../electron/engine/audit/audit-log';
import Database from 'better-sqlite3';
import { CaseSession } from '../../../electron/engine/session';
import { ctxOf, exchangesJsonl, fixture, openCase, snapshot, tempDir } from './helpers';

const run = async (s: Parameters<typeof ctxOf>[0], path: string, files: string[], extra: Record<string, unknown> = {}): Promise<ImportFileResult[]> =>
  (await importJob(ctxOf(s, path), { paths: files, parser: 'inline', ...extra })).files;

describe('import job: formats', () => {
  it.each([
    ['bedrock-model-invocation.jsonl', 'bedrock', 2, 0, 6],
    // the fixture's test events reuse placeholder event ids (25 repeats); lines 32 and 33, with keys
    // lower-cased by a data lake, name their caller by ARN only (useridentity.arn, a fall-back)
    ['cloudtrail.jsonl', 'cloudtrail', 30, 5, 25],
    ['cloudtrail-records.json.gz', 'cloudtrail', 8, 0, 13],
    ['litellm-spend-logs.jsonl', 'litellm', 12, 0, 0],
    // line 10, an API key's event, is the key's; line 37, a failed sign-in, names no one
    ['anthropic-activity.jsonl', 'anthropic-audit', 37, 1, 0],
    ['openai-audit.jsonl', 'openai-audit', 33, 0, 0],
    ['exchanges-bom.csv', 'csv', 3, 2, 0],
    ['exchanges.tsv', 'tsv', 2, 1, 0],
    ['exchanges-array.json', 'json', 5, 0, 0],
  ])('%s', async (file, format, rows, rejected, duplicates) => {
    const { s, path } = openCase(tempDir());
    const [r] = await run(s, path, [fixture(file)]);
    expect(r).toMatchObject({ status: 'complete', format, kind: 'exchanges', rows, rejected, duplicates });
    expect(r?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(s.db.prepare('SELECT count(*) FROM exchanges').pluck().get()).toBe(rows);
    expect(s.db.prepare('SELECT count(*) FROM rejects').pluck().get()).toBe(rejected);
    const imp = s.db.prepare('SELECT * FROM imports').get() as Record<string, unknown>;
    expect(imp).toMatchObject({ status: 'complete', format, rows, rejected, duplicates, sha256: r?.sha256 });
    expect(imp.app_version).toBeTruthy();
    expect(JSON.parse(imp.mapping_json as string)).toHaveProperty('ts');
    s.close();
  });

  it('maps vendor fields: Bedrock prompt and tokens, LiteLLM ip/key/user with fall-back, CloudTrail identity', async () => {
    const { s, path } = openCase(tempDir());
    await run(s, path, [fixture('bedrock-model-invocation.jsonl'), fixture('litellm-spend-logs.jsonl'), fixture('cloudtrail-records.json.gz')]);
    const q = (sql: string) => s.db.prepare(sql).all();
    const bedrock = q("SELECT a.account_id, (SELECT value FROM strings WHERE id = e.model_s) AS model, e.template IS NOT NULL AS t, e.simhash IS NOT NULL AS h FROM exchanges e JOIN accounts a ON a.id = e.account WHERE e.import_id = 1");
    expect(bedrock[0]).toMatchObject({ account_id: '111111111111', model: 'anthropic.claude-3-haiku-20240307-v1:0', t: 1, h: 1 });
    expect(s.db.prepare("SELECT prompt FROM prompt_samples LIMIT 1").pluck().get()).toBe('I have a very suspicious question.');
    const lite = q("SELECT a.account_id, (SELECT value FROM strings WHERE id = e.ip_s) AS ip, (SELECT value FROM strings WHERE id = e.api_key_s) AS k, e.input_tokens, e.output_tokens, e.cot, e.line FROM exchanges e JOIN accounts a ON a.id = e.account WHERE e.import_id = 2 ORDER BY e.line") as Array<Record<string, unknown>>;
    expect(lite[0]).toMatchObject({ account_id: 'user-0', ip: '203.0.113.10', input_tokens: 200, output_tokens: 100, cot: 1, line: 1 });
    // row 6 has an empty `user`: the api key identifies the account instead of dropping the row
    expect(lite[5]?.account_id).toBe(lite[5]?.k);
    const ct = q("SELECT a.account_id, (SELECT value FROM strings WHERE id = e.model_s) AS model, (SELECT value FROM strings WHERE id = e.ua_family_s) AS fam FROM exchanges e JOIN accounts a ON a.id = e.account WHERE e.import_id = 3 AND a.account_id = '222233334444'");
    expect(ct).toEqual([{ account_id: '222233334444', model: 'anthropic.claude-3-5-sonnet-20240620-v1:0', fam: 'boto3' }]);
    // OpenAI audit events made with an API key: the key's user (whose sessions are that account
    // too) or service account, the key kept as the api key
    await run(s, path, [fixture('openai-audit.jsonl')]);
    const keyed = 'SELECT a.account_id, (SELECT value FROM strings WHERE id = e.api_key_s) AS k FROM exchanges e JOIN accounts a ON a.id = e.account WHERE e.import_id = 4 AND e.line = ?';
    expect(s.db.prepare(keyed).all(12)).toEqual([{ account_id: 'user-suspicious002', k: 'key-parent001' }]);
    expect(s.db.prepare(keyed).all(32)).toEqual([{ account_id: 'sa-automation001', k: 'key-service001' }]);
    // an Anthropic activity event made with an API key: the key stands for the account
    await run(s, path, [fixture('anthropic-activity.jsonl')]);
    expect(q("SELECT a.account_id, (SELECT value FROM strings WHERE id = e.api_key_s) AS k FROM exchanges e JOIN accounts a ON a.id = e.account WHERE e.import_id = 5 AND e.line = 10")).toEqual([{ account_id: 'key_01ABC', k: 'key_01ABC' }]);
    s.close();
  });

  it('tells CloudTrail events apart by eventID, not by the requestID several can share', async () => {
    const dir = tempDir();
    const { s, path } = openCase(dir);
    const event = (eventID: string, requestID: string, sec: number) => ({
      eventVersion: '1.08',
      eventSource: 'bedrock.amazonaws.com',
      eventName: 'InvokeModel',
      eventTime: `2026-04-22T10:00:0${sec}Z`,
      userIdentity: { accountId: '222233334444', accessKeyId: 'AKIAEXAMPLE' },
      sourceIPAddress: '203.0.113.9',
      requestID,
      eventID,
    });
    const f = join(dir, 'trail.jsonl');
    // one request logged as two events, and the first event delivered twice
    writeFileSync(f, [event('e-1', 'r-1', 1), event('e-2', 'r-1', 2), event('e-1', 'r-1', 1)].map((e) => JSON.stringify(e)).join('\n'));
    const [r] = await run(s, path, [f]);
    expect(r).toMatchObject({ format: 'cloudtrail', rows: 2, duplicates: 1, rejected: 0 });
    const rows = s.db.prepare('SELECT request_id, extra_json FROM exchanges ORDER BY id').all() as Array<{ request_id: string; extra_json: string }>;
    expect(rows.map((x) => x.request_id)).toEqual(['e-1', 'e-2']);
    for (const x of rows) expect(JSON.parse(x.extra_json)).toMatchObject({ requestID: 'r-1' });
    expect(JSON.parse((s.db.prepare('SELECT mapping_json FROM imports').pluck().get() as string))).toMatchObject({ request_id: 'eventID' });
    s.close();
  });

  it("reads a trail's model and error code from events that come after the records the mapping is settled on", async () => {
    const dir = tempDir();
    const { s, path } = openCase(dir);
    const event = (i: number, extra: Record<string, unknown>) =>
      JSON.stringify({ eventVersion: '1.08', eventSource: 's3.amazonaws.com', eventName: 'GetObject', eventTime: new Date(Date.UTC(2026, 3, 22) + i * 1000).toISOString(), userIdentity: { accountId: '222233334444' }, sourceIPAddress: '203.0.113.9', eventID: `e-${i}`, requestParameters: { bucketName: 'logs' }, ...extra });
    const lines: string[] = [];
    // about 2 MB of storage events first, then the Bedrock calls, one of them refused
    for (let i = 0; i < 8000; i++) lines.push(event(i, {}));
    lines.push(event(8000, { eventSource: 'bedrock.amazonaws.com', eventName: 'InvokeModel', requestParameters: { modelId: 'anthropic.claude-3-haiku' } }));
    lines.push(event(8001, { eventSource: 'bedrock.amazonaws.com', eventName: 'InvokeModel', requestParameters: { modelId: 'anthropic.claude-3-haiku' }, errorCode: 'AccessDenied' }));
    const f = join(dir, 'trail.jsonl');
    writeFileSync(f, lines.join('\n'));
    const [r] = await run(s, path, [f]);
    expect(r).toMatchObject({ format: 'cloudtrail', rows: 8002, rejected: 0 });
    const late = s.db
      .prepare('SELECT (SELECT value FROM strings WHERE id = e.model_s) AS model, (SELECT value FROM strings WHERE id = e.status_s) AS status FROM exchanges e WHERE e.line > 8000 ORDER BY e.line')
      .all();
    expect(late).toEqual([
      { model: 'anthropic.claude-3-haiku', status: null },
      { model: 'anthropic.claude-3-haiku', status: 'AccessDenied' },
    ]);
    s.close();
  });

  it("reads a Bedrock log's prompts and settings whatever the request body's shape, not only the first records' shape", async () => {
    const dir = tempDir();
    const { s, path } = openCase(dir);
    const rec = (i: number, body: Record<string, unknown>) =>
      JSON.stringify({ schemaType: 'ModelInvocationLog', accountId: '111111111111', requestId: `r-${i}`, timestamp: new Date(Date.UTC(2026, 3, 22) + i * 1000).toISOString(), modelId: 'm', input: { inputBodyJson: body } });
    const lines: string[] = [];
    // the first records (where the mapping is settled) all Converse calls
    for (let i = 0; i < 300; i++) lines.push(rec(i, { messages: [{ role: 'user', content: [{ text: `Summarise ticket ${i}` }] }], inferenceConfig: { maxTokens: 512, temperature: 0.2 } }));
    lines.push(rec(300, { prompt: 'Think step by step: prove that 17 is prime.', max_gen_len: 256, temperature: 0.7, top_p: 0.9 }));
    lines.push(rec(301, { inputText: 'Write a Python function that merges two sorted lists.', textGenerationConfig: { maxTokenCount: 128, temperature: 0.5, topP: 0.8 } }));
    const f = join(dir, 'bedrock.jsonl');
    writeFileSync(f, lines.join('\n'));
    const [r] = await run(s, path, [f]);
    expect(r).toMatchObject({ format: 'bedrock', rows: 302, rejected: 0 });
    const rows = s.db.prepare('SELECT line, prompt_chars, template IS NOT NULL AS t, cot, max_tokens, temperature, top_p FROM exchanges WHERE line IN (1, 301, 302) ORDER BY line').all();
    expect(rows).toEqual([
      { line: 1, prompt_chars: 18, t: 1, cot: 0, max_tokens: 512, temperature: 0.2, top_p: null },
      { line: 301, prompt_chars: 43, t: 1, cot: 1, max_tokens: 256, temperature: 0.7, top_p: 0.9 },
      { line: 302, prompt_chars: 53, t: 1, cot: 0, max_tokens: 128, temperature: 0.5, top_p: 0.8 },
    ]);
    s.close();
  });

  it('normalises CSV values and keeps unknown columns and unreadable values', async () => {
    const { s, path } = openCase(tempDir());
    await run(s, path, [fixture('exchanges-bom.csv')]);
    const rows = s.db
      .prepare("SELECT e.request_id, e.ts, (SELECT value FROM strings WHERE id = e.ip_s) AS ip, (SELECT value FROM strings WHERE id = e.ip_prefix_s) AS prefix, e.extra_json, e.line FROM exchanges e ORDER BY e.line")
      .all() as Array<Record<string, unknown>>;
    expect(rows.map((r) => [r.request_id, r.ts, r.ip, r.prefix])).toEqual([
      ['r-1', Date.UTC(2026, 3, 22, 10), '10.0.0.1', '10.0.0.0/24'],
      ['r-2', 1776852000000, '2001:db8::1', '2001:db8::/64'],
      ['r-3', 1776852000123, '192.0.2.9', '192.0.2.0/24'],
    ]);
    expect(JSON.parse(rows[0]?.extra_json as string)).toEqual({ team: 'blue' });
    expect(rows[0]?.line).toBe(3); // the quoted prompt spans lines 2-3
    const rejects = s.db.prepare('SELECT line, reason, excerpt FROM rejects ORDER BY line').all() as Array<{ line: number; reason: string; excerpt: string }>;
    expect(rejects[0]).toMatchObject({ line: 6, reason: 'unreadable timestamp: not a date' });
    expect(rejects[0]?.excerpt).toContain('dave');
    expect(rejects[1]?.reason).toMatch(/Quote Not Closed/);
    s.close();
  });

  it('imports accounts with email and IP normalisation, merging into accounts seen in exchanges', async () => {
    const { s, path } = openCase(tempDir());
    await run(s, path, [fixture('exchanges-bom.csv')]);
    const [r] = await run(s, path, [fixture('accounts.csv')]);
    expect(r).toMatchObject({ status: 'complete', kind: 'accounts', rows: 3, rejected: 1 });
    const a = s.db.prepare("SELECT * FROM accounts WHERE account_id = 'alice'").get() as Record<string, unknown>;
    expect(a).toMatchObject({ email_norm: 'alice@gmail.com', email_domain: 'gmail.com', card_country: 'US', signup_ip: '10.0.0.1', signup_ip_prefix: '10.0.0.0/24', import_id: 2, created_at: Date.UTC(2026, 0, 2, 3, 4, 5) });
    expect(JSON.parse(a.extra_json as string)).toEqual({ notes: 'vip' });
    const b = s.db.prepare("SELECT signup_ip, extra_json, created_at FROM accounts WHERE account_id = 'bob'").get() as Record<string, unknown>;
    expect(b.signup_ip).toBeNull();
    expect(JSON.parse(b.extra_json as string)).toMatchObject({ unreadable_signup_ip: 'not-an-ip' });
    expect(b.created_at).toBe(1767323045000);
    // alice existed (from exchanges) before: one row, not two
    expect(s.db.prepare("SELECT count(*) FROM accounts WHERE account_id = 'alice'").pluck().get()).toBe(1);
    s.close();
  });
});

describe('import job: safety and provenance', () => {
  it("lets a waiting change in between two index builds, not only after the load's transactions", async () => {
    const dir = tempDir();
    const { s, path } = openCase(dir);
    const f = join(dir, 'a.jsonl');
    writeFileSync(f, exchangesJsonl(3000, 40));
    // another connection, as the engine's is: it writes at once when the lock is free, else fails
    const other = new Database(path);
    other.pragma('busy_timeout = 0');
    const indexes = () => new Set(other.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'exchanges_%'").pluck().all() as string[]);
    const seen: string[] = [];
    const ctx = {
      ...ctxOf(s, path),
      letWaitingWritesIn: () => {
        const now = indexes();
        // between the two builds: one index made, the other not yet
        if (now.has('exchanges_request_id') && !now.has('exchanges_account_ts')) {
          other.prepare("INSERT INTO tags (name, color, created_at) VALUES ('between indexes', '#c00', '2026-11-24')").run();
          seen.push('tagged');
        }
      },
    };
    const [r] = (await importJob(ctx, { paths: [f], parser: 'inline', batchSize: 1000 })).files;
    expect(r).toMatchObject({ status: 'complete', rows: 3000 });
    expect(seen).toEqual(['tagged']);
    expect(s.db.prepare('SELECT name FROM tags').pluck().all()).toEqual(['between indexes']);
    expect(indexes()).toEqual(new Set(['exchanges_request_id', 'exchanges_account_ts']));
    other.close();
    s.close();
  });

  it('detects a file imported before (same SHA-256) and skips request ids already in the case', async () => {
    const dir = tempDir();
    const { s, path } = openCase(dir);
    const f1 = join(dir, 'a.jsonl');
    writeFileSync(f1, exchangesJsonl(500, 20));
    const [first] = await run(s, path, [f1]);
    expect(first).toMatchObject({ status: 'complete', rows: 500, duplicates: 0 });
    const before = snapshot(s.db);
    const copy = join(dir, 'copy-of-a.jsonl');
    copyFileSync(f1, copy);
    const [again] = await run(s, path, [copy]);
    expect(again).toMatchObject({ status: 'duplicate', duplicateOf: first?.importId, duplicates: 500, rows: 0 });
    const after = snapshot(s.db);
    expect({ ...after, audit_log: '', meta: '' }).toEqual({ ...before, audit_log: '', meta: '' });
    // an overlapping export: 250 known request ids + 250 new ones
    const f2 = join(dir, 'b.jsonl.gz');
    writeFileSync(f2, gzipSync(exchangesJsonl(500, 20, 250)));
    const [overlap] = await run(s, path, [f2]);
    expect(overlap).toMatchObject({ status: 'complete', rows: 250, duplicates: 250 });
    expect(s.db.prepare('SELECT count(*) FROM exchanges').pluck().get()).toBe(750);
    expect(s.db.prepare('SELECT count(DISTINCT request_id) FROM exchanges').pluck().get()).toBe(750);
    // within one bulk file, repeated request ids are removed after the load and counted
    const dir2 = tempDir();
    const c2 = openCase(dir2);
    const f3 = join(dir2, 'rep.jsonl');
    writeFileSync(f3, exchangesJsonl(100, 5) + exchangesJsonl(30, 5, 10));
    const [rep] = await run(c2.s, c2.path, [f3]);
    expect(rep).toMatchObject({ rows: 100, duplicates: 30 });
    c2.s.close();
    const audit = readAudit(s.db);
    expect(verifyAuditChain(audit)).toEqual([]);
    expect(audit.map((e) => e.action)).toEqual(['import', 'import.skipped', 'import']);
    s.close();
  });

  it('records provenance: every row knows its import and source line', async () => {
    const dir = tempDir();
    const { s, path } = openCase(dir);
    const f = join(dir, 'p.jsonl');
    writeFileSync(f, `${exchangesJsonl(3, 2)}{"broken\n${exchangesJsonl(2, 2, 3)}`);
    const [r] = await run(s, path, [f]);
    expect(r).toMatchObject({ rows: 5, rejected: 1 });
    expect(s.db.prepare('SELECT line FROM exchanges ORDER BY line').pluck().all()).toEqual([1, 2, 3, 5, 6]);
    expect(s.db.prepare('SELECT import_id, line FROM rejects').get()).toEqual({ import_id: r?.importId, line: 4 });
    const imp = s.db.prepare('SELECT size_bytes, seconds, file_path, compression, prompt_samples_per_account FROM imports').get() as Record<string, unknown>;
    expect(imp).toMatchObject({ size_bytes: Buffer.byteLength(`${exchangesJsonl(3, 2)}{"broken\n${exchangesJsonl(2, 2, 3)}`), file_path: f, compression: 'none', prompt_samples_per_account: 20 });
    // the times its rows cover (rows 0 to 4, a second apart), in the result and the record
    expect(r).toMatchObject({ firstTs: '2026-04-22T00:00:00.000Z', lastTs: '2026-04-22T00:00:04.000Z' });
    expect(s.db.prepare('SELECT first_ts, last_ts FROM imports').raw(true).get()).toEqual([Date.UTC(2026, 3, 22), Date.UTC(2026, 3, 22) + 4000]);
    s.close();
    // a case from before migration 9 opens with those times unknown for its earlier imports
    const old = new Database(path);
    old.exec('ALTER TABLE imports DROP COLUMN first_ts; ALTER TABLE imports DROP COLUMN last_ts; PRAGMA user_version = 8;');
    old.close();
    const again = CaseSession.open(path);
    expect(again.db.prepare('SELECT first_ts, last_ts FROM imports').raw(true).get()).toEqual([null, null]);
    again.close();
  });

  it('stores every value when batches fill different columns (bulk load and into a non-empty case)', async () => {
    const dir = tempDir();
    const { s, path } = openCase(dir);
    // 5-row batches: the first has no temperature and no prompts, the second both, the third only
    // an unmapped column; each batch's INSERT names a different set of columns
    const rows = (from: number, extra: (i: number) => Record<string, unknown>) =>
      Array.from({ length: 5 }, (_, k) => {
        const i = from + k;
        return JSON.stringify({ request_id: `r-${i}`, ts: new Date(Date.UTC(2026, 3, 22) + i * 1000).toISOString(), account_id: `a-${i % 2}`, model: 'm', ...extra(i) });
      }).join('\n');
    const body = (base: number) =>
      `${[rows(base, () => ({})), rows(base + 5, (i) => ({ temperature: i / 100, prompt: `Solve ${i}x = 3 step by step` })), rows(base + 10, (i) => ({ note: `n${i}` }))].join('\n')}\n`;
    const f1 = join(dir, 'c1.jsonl');
    const f2 = join(dir, 'c2.jsonl');
    writeFileSync(f1, body(0));
    writeFileSync(f2, body(100) + body(0)); // second import: OR IGNORE mode, the repeated half skipped
    const [r1] = await run(s, path, [f1], { batchSize: 5 });
    const [r2] = await run(s, path, [f2], { batchSize: 5 });
    expect(r1).toMatchObject({ rows: 15, rejected: 0, duplicates: 0 });
    expect(r2).toMatchObject({ rows: 15, rejected: 0, duplicates: 15 });
    const got = s.db
      .prepare('SELECT request_id, temperature, template IS NOT NULL AS t, prompt_chars, extra_json, line FROM exchanges ORDER BY id')
      .all() as Array<{ request_id: string; temperature: number | null; t: number; prompt_chars: number | null; extra_json: string | null; line: number }>;
    expect(got).toHaveLength(30);
    for (const [k, g] of got.entries()) {
      const i = Number(g.request_id.slice(2));
      const part = Math.floor((i % 100) / 5);
      expect(g.line).toBe((k % 15) + 1);
      expect(g.temperature).toBe(part === 1 ? i / 100 : null);
      expect(g.t).toBe(part === 1 ? 1 : 0);
      expect(g.prompt_chars).toBe(part === 1 ? `Solve ${i}x = 3 step by step`.length : null);
      expect(g.extra_json).toBe(part === 2 ? JSON.stringify({ note: `n${i}` }) : null);
    }
    expect(s.db.prepare('SELECT count(*) FROM prompt_samples').pluck().get()).toBe(10);
    s.close();
  });

  it('keeps full prompt text only for a bounded sample per account', async () => {
    const dir = tempDir();
    const { s, path } = openCase(dir);
    const f = join(dir, 's.jsonl');
    writeFileSync(f, exchangesJsonl(200, 4));
    const indexes = () => s.db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").all();
    const fresh = indexes();
    // batches of 16 rows: each account's count carried from batch to batch (a bulk load drops the
    // samples' account index and counts in memory)
    await run(s, path, [f], { promptSamplesPerAccount: 3, batchSize: 16 });
    expect(s.db.prepare('SELECT count(*) FROM prompt_samples').pluck().get()).toBe(12);
    expect(s.db.prepare('SELECT count(*) FROM exchanges WHERE template IS NOT NULL AND simhash IS NOT NULL').pluck().get()).toBe(200);
    expect(s.db.prepare('SELECT count(DISTINCT template) FROM exchanges').pluck().get()).toBe(1);
    // the samples are the first three of each account, and every index is back as migrated
    expect(s.db.prepare('SELECT exchange_id FROM prompt_samples ORDER BY 1').pluck().all()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(indexes()).toEqual(fresh);
    // a later import (samples in the case: counted by the index) adds none for full accounts, three for each new one
    const g = join(dir, 't.jsonl');
    writeFileSync(g, exchangesJsonl(18, 6, 200));
    await run(s, path, [g], { promptSamplesPerAccount: 3, batchSize: 4 });
    expect(s.db.prepare('SELECT account, count(*) AS n FROM prompt_samples GROUP BY account ORDER BY account').raw().all()).toEqual([[1, 3], [2, 3], [3, 3], [4, 3], [5, 3], [6, 3]]);
    expect(indexes()).toEqual(fresh);
    s.close();
  });

  it('cancel at any point leaves the case exactly as it was', async () => {
    const dir = tempDir();
    const { s, path } = openCase(dir);
    const f0 = join(dir, 'first.jsonl');
    writeFileSync(f0, exchangesJsonl(300, 10));
    await run(s, path, [f0, fixture('accounts.csv')]);
    const f = join(dir, 'big.jsonl');
    writeFileSync(f, exchangesJsonl(20_000, 50, 1000));
    for (const cancelAfter of [1, 3]) {
      const before = snapshot(s.db);
      await expect(importJob(ctxOf(s, path, { cancelAfterProgress: cancelAfter }), { paths: [f], parser: 'inline', batchSize: 1000 })).rejects.toBeInstanceOf(CancelledError);
      expect(snapshot(s.db)).toEqual(before);
    }
    // and into an empty case (the bulk path drops and rebuilds indexes)
    const e = openCase(dir, 'empty');
    const before = snapshot(e.s.db);
    await expect(importJob(ctxOf(e.s, e.path, { cancelAfterProgress: 2 }), { paths: [f], parser: 'inline', batchSize: 1000 })).rejects.toBeInstanceOf(CancelledError);
    expect(snapshot(e.s.db)).toEqual(before);
    e.s.close();
    s.close();
  });

  it('a cancel during one file of several rolls that file back and keeps the files finished before it', async () => {
    const dir = tempDir();
    const { s, path } = openCase(dir);
    const a = join(dir, 'a.jsonl');
    writeFileSync(a, exchangesJsonl(300, 10));
    const big = join(dir, 'big.jsonl');
    writeFileSync(big, exchangesJsonl(20_000, 50, 1000));
    const c = join(dir, 'c.jsonl');
    writeFileSync(c, exchangesJsonl(40, 5, 90_000));
    // cancelled once the second file has rows in
    let cancelled = false;
    const steps: Array<{ file: string; done: number; total: number; share: number }> = [];
    const ctx = {
      ...ctxOf(s, path),
      progress: (p: { phase: string; done: number; steps?: { done: number; total: number; share: number } }) => {
        if (p.steps) steps.push({ file: p.phase.split(' ')[0]!, ...p.steps });
        if (p.phase.startsWith('big.jsonl') && p.done > 0) cancelled = true;
      },
      isCancelled: () => cancelled,
      checkCancelled: () => {
        if (cancelled) throw new CancelledError();
      },
    };
    const stopped = await Promise.resolve(importJob(ctx, { paths: [a, big, c], parser: 'inline', batchSize: 1000 })).catch((e: unknown) => e);
    expect(stopped).toBeInstanceOf(CancelledError);
    expect((stopped as CancelledError).summary).toBe('Cancelled; the file being read was rolled back; the file imported before it stays (importing them again skips them as imported before).');
    expect(cancelled).toBe(true);
    // the whole's progress: files done of three, the share of the bytes growing from the first's
    const share = (f: string) => statSync(f).size / [a, big, c].reduce((t, x) => t + statSync(x).size, 0);
    expect(steps.every((x) => x.total === 3)).toBe(true);
    expect([...new Set(steps.map((x) => `${x.file}:${x.done}`))]).toEqual(['a.jsonl:0', 'big.jsonl:1']);
    for (let k = 1; k < steps.length; k++) expect(steps[k]!.share).toBeGreaterThanOrEqual(steps[k - 1]!.share);
    expect(steps.find((x) => x.file === 'big.jsonl')!.share).toBeGreaterThanOrEqual(share(a));
    expect(steps.at(-1)!.share).toBeLessThan(share(a) + share(big));
    expect(s.db.prepare('SELECT file_name, status, rows FROM imports ORDER BY id').raw().all()).toEqual([['a.jsonl', 'complete', 300]]);
    expect(s.db.prepare('SELECT count(*) FROM exchanges').pluck().get()).toBe(300);
    // the folder imported again: the finished file skipped as imported before, the others read
    const again = await run(s, path, [a, big, c]);
    expect(again.map((r) => [r.file, r.status, r.rows])).toEqual([
      ['a.jsonl', 'duplicate', 0],
      ['big.jsonl', 'complete', 20_000],
      ['c.jsonl', 'complete', 40],
    ]);
    s.close();
  });

  it('unreadable files fail clearly without touching the data; hostile files are handled row by row', async () => {
    const dir = tempDir();
    const { s, path } = openCase(dir);
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '');
    const utf16 = join(dir, 'u16.csv');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b\n1,2\n', 'utf16le')]));
    const bin = join(dir, 'x.bin');
    writeFileSync(bin, Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 37 + 11) % 256)));
    const nomap = join(dir, 'nomap.csv');
    writeFileSync(nomap, 'foo,bar\n1,2\n');
    const results = await run(s, path, [empty, utf16, bin, nomap]);
    expect(results.map((r) => r.status)).toEqual(['failed', 'failed', 'failed', 'failed']);
    expect(results.map((r) => r.error?.message)).toEqual([
      expect.stringMatching(/empty/),
      expect.stringMatching(/UTF-16/),
      expect.stringMatching(/binary/),
      expect.stringMatching(/No column maps to ts and account_id/),
    ]);
    expect(s.db.prepare('SELECT count(*) FROM exchanges').pluck().get()).toBe(0);
    expect(s.db.prepare("SELECT count(*) FROM imports WHERE status = 'failed'").pluck().get()).toBe(4);

    // a 10 MB line, hostile text, and a truncated gzip
    const lines = exchangesJsonl(3, 2).split('\n');
    const hostile = JSON.stringify({ request_id: 'h', ts: 1776852000, account_id: '<script>alert(1)</script>\u202e', prompt: '\u0000\u0007<img src=x onerror=alert(1)>', user_agent: '"><svg/onload=x>' });
    const big = join(dir, 'big-line.jsonl');
    writeFileSync(big, `${lines[0]}\n{"prompt":"${'x'.repeat(10 * 1024 * 1024)}"}\n${hostile}\n${lines[1]}\n`);
    const full = Buffer.from(exchangesJsonl(2000, 10, 50_000));
    const gz = gzipSync(full);
    const cut = join(dir, 'cut.jsonl.gz');
    writeFileSync(cut, gz.subarray(0, Math.floor(gz.length * 0.6)));
    const [r1, r2] = await run(s, path, [big, cut]);
    expect(r1).toMatchObject({ status: 'complete', rows: 3, rejected: 1 });
    expect(r1?.firstRejects?.[0]?.reason).toMatch(/longer than/);
    expect(s.db.prepare("SELECT account_id FROM accounts WHERE account_id LIKE '<script>%'").pluck().get()).toBe('<script>alert(1)</script>\u202e');
    expect(r2?.status).toBe('complete');
    expect(r2?.rows).toBeGreaterThan(100);
    expect(r2?.rows).toBeLessThan(2000);
    expect(s.db.prepare('SELECT reason FROM rejects WHERE import_id = ? ORDER BY line DESC LIMIT 1').pluck().get(r2?.importId)).toMatch(/gzip stream is truncated/);
    s.close();
  });
});
