// Tests that run built code (dist/, built once by test/build-once.ts): the CLI contract, parsing
// and merging on the workers, and the kill -9 guarantee proven on a real child process: a
// `linkwork import` killed mid-import leaves a case that opens with earlier imports, tags and
// notes intact, and the interrupted import visible as 'interrupted' with its rows rolled back;
// importing again works. The imports channels: import-channels.test.ts.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { ImportPreview } from '../../../electron/shared/contract';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { recoverInterruptedImports } from '../../../electron/engine/ingest/rollback';
import { readAudit, verifyAuditChain } from '../../../electron/engine/audit/audit-log';
import { CaseSession } from '../../../electron/engine/session';
import { importJob } from '../../../electron/engine/ingest/import-job';
import { exchangesJsonl, fixture, openCase, tempDir } from './helpers';
import { AggregateBuilder } from '../../../electron/engine/linkage/aggregates/builder';
import { KINDS, TEMPLATE_KIND } from '../../../electron/engine/linkage/aggregates/kinds';
import { spillFiles } from '../linkage/spill-files';

const root = join(__dirname, '..', '..', '..');
const bin = join(root, 'bin', 'linkwork.cjs');
const cli = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });

describe('linkwork import (CLI contract)', () => {
  it('creates the case, prints one JSON object per file, exit 0 with rejects, 1 when a file cannot be imported', () => {
    const dir = tempDir();
    const casePath = join(dir, 'new.sqlite');
    const ok = cli(['import', '--case', casePath, '--json', fixture('exchanges-bom.csv'), fixture('litellm-spend-logs.jsonl')]);
    expect(ok.status, ok.stderr).toBe(0);
    const lines = ok.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    // the times the rows cover (ISO, epoch seconds and epoch milliseconds in the file)
    expect(lines[0]).toMatchObject({ file: 'exchanges-bom.csv', kind: 'exchanges', rows: 3, rejected: 2, duplicates: 0, firstTs: '2026-04-22T10:00:00.000Z', lastTs: '2026-04-22T10:00:00.123Z' });
    expect(lines[1]).toMatchObject({ file: 'litellm-spend-logs.jsonl', rows: 12, rejected: 0 });
    for (const l of lines) {
      expect(l.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(typeof l.seconds).toBe('number');
      // seconds by step, which add up to the whole (to rounding)
      const ph = l.phases as Record<string, number>;
      expect(Object.keys(ph)).toEqual(['load', 'indexes', 'merge', 'finish']);
      for (const v of Object.values(ph)) expect(v).toBeGreaterThanOrEqual(0);
      expect(ph.load).toBeGreaterThan(0);
      expect(ph.load! + ph.indexes! + ph.merge! + ph.finish!).toBeLessThanOrEqual((l.seconds as number) + 0.05);
    }
    const again = cli(['import', '--case', casePath, '--json', fixture('litellm-spend-logs.jsonl')]);
    expect(again.status).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 'duplicate', rows: 0, duplicates: 12 });

    const empty = join(dir, 'empty.jsonl');
    writeFileSync(empty, '');
    const bad = cli(['import', '--case', casePath, '--json', empty, fixture('exchanges.tsv')]);
    expect(bad.status).toBe(1);
    const badLines = bad.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(badLines.map((l) => l.status)).toEqual(['failed', 'complete']);

    const wrongColumn = cli(['import', '--case', casePath, '--map', 'account_id=account', fixture('exchanges-array.json')]);
    expect(wrongColumn.status).toBe(1);
    expect(wrongColumn.stdout).toMatch(/no column "account"/);
    const human = cli(['import', '--case', casePath, '--map', 'account_id=user_id', '--kind', 'exchanges', fixture('exchanges-array.json')]);
    expect(human.status).toBe(0);
    expect(human.stdout).toMatch(/exchanges-array\.json: 5 exchanges imported \(json\)/);
    expect(human.stdout).not.toContain('warning');
    // token counts imported as times: said after the import, with where to look
    const tokensAsTimes = cli(['import', '--case', join(dir, 'tokens.sqlite'), '--map', 'ts=prompt_tokens', fixture('litellm-spend-logs.jsonl')]);
    expect(tokensAsTimes.status).toBe(0);
    expect(tokensAsTimes.stdout).toContain('times 1970-01-01T00:03:20.000Z to 1970-01-01T00:03:31.000Z');
    expect(tokensAsTimes.stdout).toContain('warning: some times fall before 2000 or after today');
    const accounts = JSON.parse(cli(['import', '--case', casePath, '--json', fixture('accounts.csv')]).stdout) as Record<string, unknown>;
    expect(accounts).toMatchObject({ kind: 'accounts', firstTs: expect.stringMatching(/^20\d\d-/), lastTs: expect.stringMatching(/^20\d\d-/) });
    expect(cli(['import', '--case', casePath, '--kind', 'nonsense', fixture('exchanges.tsv')]).status).toBe(2);
    expect(cli(['import', '--case', casePath, '--map', 'nosuchfield=x', fixture('exchanges-array.json')]).status).toBe(2);
  }, 120_000);

  it('imports every log file below a folder (a trail as delivered), in path order, and nothing else', () => {
    const dir = tempDir();
    const trail = join(dir, 'AWSLogs', '222233334444', 'CloudTrail', 'us-east-1', '2026', '04');
    const event = (i: number) => ({ eventVersion: '1.08', eventSource: 'bedrock.amazonaws.com', eventName: 'InvokeModel', eventTime: new Date(Date.UTC(2026, 3, 22) + i * 60_000).toISOString(), userIdentity: { accountId: '222233334444' }, sourceIPAddress: '203.0.113.9', eventID: `e-${i}` });
    const days = ['22', '23'];
    for (const [d, day] of days.entries()) {
      mkdirSync(join(trail, day), { recursive: true });
      for (let f = 0; f < 3; f++) writeFileSync(join(trail, day, `222233334444_CloudTrail_us-east-1_${day}T00${f}0Z.json.gz`), gzipSync(JSON.stringify({ Records: [event(d * 10 + f * 2), event(d * 10 + f * 2 + 1)] })));
    }
    writeFileSync(join(dir, 'AWSLogs', 'README.md'), '# not a log');
    writeFileSync(join(trail, '22', '.partial.json.gz'), 'half a download');
    const r = cli(['import', '--case', join(dir, 'trail.sqlite'), '--json', join(dir, 'AWSLogs')]);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { file: string; rows: number; format: string });
    expect(lines.map((l) => l.file)).toEqual(days.flatMap((day) => [0, 1, 2].map((f) => `222233334444_CloudTrail_us-east-1_${day}T00${f}0Z.json.gz`)));
    expect(lines.every((l) => l.rows === 2 && l.format === 'cloudtrail')).toBe(true);
    // in human output, the totals last: the folder again adds nothing
    const again = cli(['import', '--case', join(dir, 'trail.sqlite'), join(dir, 'AWSLogs')]);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout.trim().split('\n').at(-1)).toBe('6 files: 0 rows imported · 0 rejected · 12 duplicates skipped · 6 files imported before');
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    const none = cli(['import', '--case', join(dir, 'trail.sqlite'), empty]);
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('No log files under');
  }, 60_000);

  it('shows a hostile file name, line and value as plain characters, and its JSON parses to the exact name', () => {
    const dir = tempDir();
    const casePath = join(dir, 'hostile.sqlite');
    // a name and lines that would retitle the terminal, clear it and reorder what follows
    const name = 'ex\u001b]0;pwned\u0007\u202etxt.jsonl';
    const file = join(dir, name);
    writeFileSync(
      file,
      [
        JSON.stringify({ ts: '2026-04-22T10:00:00Z', account_id: 'a1', ip: '203.0.113.7' }),
        '\u001b[2J\u001b]0;pwned\u0007 not json',
        JSON.stringify({ ts: '\u001b[31mlater\u202e', account_id: 'a2' }),
        JSON.stringify({ ts: '2026-04-22T10:00:01Z', account_id: 'a3' }),
      ].join('\n'),
    );
    // eslint-disable-next-line no-control-regex
    const raw = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
    const human = cli(['import', '--case', casePath, file]);
    expect(human.status, human.stderr).toBe(0);
    expect(human.stdout).toContain('ex?]0;pwned??txt.jsonl: 2 exchanges imported (jsonl), 2 rejected');
    expect(human.stdout).toContain('rejected line 2: invalid JSON: Unexpected token');
    expect(human.stdout).toContain('rejected line 3: unreadable timestamp: ?[31mlater?');
    expect(human.stdout).not.toMatch(raw);
    expect(human.stderr).not.toMatch(raw);
    const dry = cli(['import', '--case', join(dir, 'never.sqlite'), '--dry-run', file]);
    expect(dry.stdout).toContain('ex?]0;pwned??txt.jsonl: jsonl, exchanges');
    expect(dry.stdout).not.toMatch(raw);
    const json = cli(['import', '--case', join(dir, 'again.sqlite'), '--json', file]);
    expect(json.stdout).not.toMatch(raw);
    expect(JSON.parse(json.stdout)).toMatchObject({ file: name, rows: 2, rejected: 2 });
  }, 60_000);

  it('--dry-run prints the first rows as they would be stored and changes nothing', () => {
    const dir = tempDir();
    const casePath = join(dir, 'never.sqlite');
    const human = cli(['import', '--case', casePath, '--dry-run', '--map', 'ts=prompt_tokens', fixture('litellm-spend-logs.jsonl'), fixture('README.md')]);
    expect(human.status, human.stderr).toBe(1); // the README cannot be read
    expect(human.stdout).toContain('litellm-spend-logs.jsonl: litellm, exchanges; mapping request_id=request_id ts=prompt_tokens account_id=user');
    expect(human.stdout).toContain('first 12 rows as they would be stored: 12 read, 0 rejected; times 1970-01-01T00:03:20.000Z to 1970-01-01T00:03:31.000Z');
    expect(human.stdout).toContain('warning: some times fall before 2000 or after today');
    expect(human.stdout).toMatch(/line 1: ts=1970-01-01T00:03:20\.000Z account_id=user-0 .*ip_prefix=203\.0\.113\.0\/24/);
    expect(human.stdout).toContain('README.md: cannot be read: Unrecognised format');
    const json = cli(['import', '--case', casePath, '--dry-run', '--json', fixture('exchanges-bom.csv')]);
    expect(json.status, json.stderr).toBe(0);
    const out = JSON.parse(json.stdout) as { kind: string; stored: ImportPreview['stored'] };
    expect(out.kind).toBe('exchanges');
    expect(out.stored.rows.map((r) => r.values.ts)).toEqual(['2026-04-22T10:00:00.000Z', '2026-04-22T10:00:00.000Z', '2026-04-22T10:00:00.123Z']);
    expect(out.stored.rejects).toEqual([expect.objectContaining({ line: 6, reason: 'unreadable timestamp: not a date' }), expect.objectContaining({ line: 7 })]);
    expect(existsSync(casePath)).toBe(false);
    expect(cli(['import', '--case', casePath, '--dry-run', '--save-preset', 'p', fixture('exchanges-bom.csv')]).status).toBe(2);
  }, 60_000);
});

describe('parsing in the worker thread, fingerprints on the writer thread', () => {
  it('stores exactly what the inline pipeline stores', async () => {
    const dir = tempDir();
    const viaCli = join(dir, 'cli.sqlite');
    expect(cli(['import', '--case', viaCli, '--quiet', fixture('litellm-spend-logs.jsonl'), fixture('bedrock-model-invocation.jsonl')]).status).toBe(0);
    const inlinePath = join(dir, 'inline.sqlite');
    const s = CaseSession.open(inlinePath, { create: true });
    await importJob({ db: s.db, casePath: inlinePath, progress: () => {}, isCancelled: () => false, checkCancelled: () => {} }, { paths: [fixture('litellm-spend-logs.jsonl'), fixture('bedrock-model-invocation.jsonl')], parser: 'inline' });
    const q = (db: Database.Database) =>
      db
        .prepare('SELECT e.line, e.template, e.simhash, e.cot, e.prompt_chars, (SELECT value FROM strings WHERE id = e.capability_s) AS cap, (SELECT count(*) FROM prompt_samples p WHERE p.exchange_id = e.id) AS sampled FROM exchanges e ORDER BY e.import_id, e.line')
        .safeIntegers(true)
        .all();
    const a = new Database(viaCli, { readonly: true });
    const rows = q(a);
    expect(rows.length).toBe(14);
    expect(rows).toEqual(q(s.db));
    expect((rows[0] as { template: bigint | null }).template).not.toBeNull();
    a.close();
    s.close();
  }, 120_000);
});

describe('the aggregate merge worker (beside the index builds)', () => {
  // many accounts, a template in nearly every row and a small table: several spilled runs
  const load = (b: AggregateBuilder, db: Database.Database) => {
    const keys = new Float64Array(KINDS);
    let x = 3;
    const rnd = (m: number) => (x = (x * 16807) % 2147483647) % m;
    for (let i = 0; i < 8000; i++) {
      for (let k = 0; k < KINDS; k++) keys[k] = rnd(5) === 0 ? NaN : rnd(k === TEMPLATE_KIND ? 5000 : 6);
      b.add(i + 1, 1 + rnd(200), 1_700_000_000_000 + rnd(1_000_000) * 1000, keys, rnd(2), rnd(100), rnd(300));
      if (b.full) b.flushFull(db);
    }
  };
  const stored = (db: Database.Database) => db.prepare('SELECT account, kind, seq, n, hex(data) AS data FROM agg_values ORDER BY 1, 2, 3').all();

  it('stores byte for byte what the merge on the writer thread stores', async () => {
    const { s: a } = openCase(tempDir());
    const plain = new AggregateBuilder(500);
    load(plain, a.db);
    a.db.transaction(() => plain.flush(a.db))();
    const { s: b, path } = openCase(tempDir());
    const early = new AggregateBuilder(500);
    load(early, b.db);
    early.startMerge(b.db);
    // the runs were handed to the worker (input and output files beside the case)
    expect(spillFiles(path)).toHaveLength(2);
    await early.merged();
    expect(spillFiles(path)).toHaveLength(1);
    b.db.transaction(() => early.flush(b.db))();
    expect(spillFiles(path)).toEqual([]);
    const want = stored(a.db);
    expect(want.length).toBeGreaterThan(1000);
    expect(stored(b.db)).toEqual(want);
    expect(b.db.prepare('SELECT * FROM agg_accounts ORDER BY account').all()).toEqual(a.db.prepare('SELECT * FROM agg_accounts ORDER BY account').all());
    a.close();
    b.close();
  }, 120_000);

  it('an import with small aggregate tables (runs merged on the worker) stores what one with large tables stores', async () => {
    const dir = tempDir();
    const f = join(dir, 'x.jsonl');
    writeFileSync(f, exchangesJsonl(3000, 300));
    const imp = async (name: string, aggregatePairs: number) => {
      const { s, path } = openCase(dir, name);
      const r = await importJob({ db: s.db, casePath: path, progress: () => {}, isCancelled: () => false, checkCancelled: () => {} }, { paths: [f], aggregatePairs });
      expect(r.files[0]).toMatchObject({ status: 'complete', rows: 3000 });
      expect(spillFiles(path)).toEqual([]);
      return s;
    };
    const big = await imp('big', 1_000_000);
    const small = await imp('small', 200);
    const want = stored(big.db);
    expect(want.length).toBeGreaterThan(300);
    expect(stored(small.db)).toEqual(want);
    expect(small.db.prepare('SELECT * FROM agg_state').all()).toEqual(big.db.prepare('SELECT * FROM agg_state').all());
    big.close();
    small.close();
  }, 120_000);

  it('a merge given up (cancelled import) leaves no scratch file and writes nothing', async () => {
    const { s, path } = openCase(tempDir());
    const b = new AggregateBuilder(500);
    load(b, s.db);
    b.startMerge(s.db);
    expect(spillFiles(path)).toHaveLength(2);
    b.dispose();
    expect(spillFiles(path)).toEqual([]);
    await new Promise((r) => setTimeout(r, 200));
    expect(spillFiles(path)).toEqual([]);
    expect(s.db.prepare('SELECT count(*) FROM agg_values').pluck().get()).toBe(0);
    s.close();
  }, 120_000);
});

describe('kill -9 mid-import', () => {
  it('leaves a case that opens, earlier work intact, the import marked interrupted and rolled back', async () => {
    const dir = tempDir();
    const casePath = join(dir, 'case.sqlite');
    const small = join(dir, 'small.jsonl');
    writeFileSync(small, exchangesJsonl(1000, 40));
    expect(cli(['import', '--case', casePath, '--quiet', small]).status).toBe(0);
    {
      const s = CaseSession.open(casePath);
      s.db.prepare("INSERT INTO tags (name, color, created_at) VALUES ('campaign-x', '#f00', 'now')").run();
      s.db.prepare("INSERT INTO notes (target_kind, target_id, format, body, created_at, updated_at) VALUES ('case', '', 'text', 'keep me', 'now', 'now')").run();
      s.close();
    }
    const big = join(dir, 'big.jsonl');
    writeFileSync(big, exchangesJsonl(150_000, 500, 10_000));

    const child = spawn(process.execPath, [bin, 'import', '--case', casePath, '--quiet', big], { cwd: root, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((res) => child.once('exit', (_c, sig) => res(sig)));
    // wait until batches are committed, then kill without warning
    const probe = new Database(casePath, { readonly: true, fileMustExist: true });
    const deadline = Date.now() + 90_000;
    let seen = 0;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      const row = probe.prepare("SELECT rows FROM imports WHERE status = 'running'").get() as { rows: number } | undefined;
      if (row && row.rows >= 4000) {
        seen = row.rows;
        break;
      }
    }
    probe.close();
    expect(seen).toBeGreaterThan(0);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    // as a bulk load's aggregate scratch file would be left beside the case
    const spill = `${casePath}-aggspill-${child.pid}-0-1`;
    writeFileSync(spill, 'partial run');

    const s = CaseSession.open(casePath);
    expect(existsSync(spill)).toBe(false);
    expect(s.db.pragma('integrity_check', { simple: true })).toBe('ok');
    // opening the case recovered the import the dead process left 'running'
    expect(s.db.prepare('SELECT status FROM imports WHERE id = 2').pluck().get()).toBe('interrupted');
    expect(recoverInterruptedImports(s.db)).toEqual([]);
    const imports = s.db.prepare('SELECT id, status, rows, error FROM imports ORDER BY id').all() as Array<{ id: number; status: string; rows: number; error: string | null }>;
    expect(imports.map((i) => [i.id, i.status])).toEqual([[1, 'complete'], [2, 'interrupted']]);
    expect(imports[1]?.error).toMatch(/stopped before it finished/);
    expect(s.db.prepare('SELECT count(*) FROM exchanges').pluck().get()).toBe(1000);
    expect(s.db.prepare('SELECT count(*) FROM exchanges WHERE import_id = 2').pluck().get()).toBe(0);
    expect(s.db.prepare('SELECT count(*) FROM accounts').pluck().get()).toBe(40);
    expect(s.db.prepare('SELECT body FROM notes').pluck().get()).toBe('keep me');
    expect(s.db.prepare('SELECT name FROM tags').pluck().get()).toBe('campaign-x');
    expect(verifyAuditChain(readAudit(s.db))).toEqual([]);
    expect(readAudit(s.db).map((e) => e.action)).toEqual(['import', 'import.interrupted']);
    s.close();

    // importing it again works (this time a smaller slice, to keep the test short)
    const again = join(dir, 'again.jsonl');
    writeFileSync(again, exchangesJsonl(2000, 500, 10_000));
    const r = cli(['import', '--case', casePath, '--json', again]);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'complete', rows: 2000, duplicates: 0 });
  }, 180_000);
});
