// The imports channels through the engine, each import a real job in a worker thread (dist/,
// built once by test/build-once.ts): preview, provenance and rejects, presets, a tag let in
// during an import, one job at a time, files of other shapes dropped together, and a folder.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAudit } from '../../../electron/engine/audit/audit-log';
import { Engine } from '../../../electron/engine/engine';
import { CaseSession } from '../../../electron/engine/session';
import type { ImportInfo, ImportPreview, JobEvent, WorkbenchEvent } from '../../../electron/shared/contract';
import { exchangesJsonl, fixture, tempDir } from './helpers';

let home: string;
let engine: Engine;

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'lw-imp-chan-'));
  engine = new Engine({ host: 'cli', home });
  const c = await engine.invoke('case.create', { name: 'Channels' });
  expect(c.ok).toBe(true);
}, 120_000);
afterAll(async () => {
  await engine.dispose();
  rmSync(home, { recursive: true, force: true });
});

const value = <T>(r: { ok: boolean; value?: unknown; error?: unknown }): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as T;
};

describe('imports channels', () => {
  /** The next job's end (its last event). */
  const jobEnd = () =>
    new Promise<JobEvent>((resolve) => {
      const off = engine.onEvent((e: WorkbenchEvent) => {
        if (e.type !== 'job' || e.state === 'running') return;
        off();
        resolve(e);
      });
    });

  it('previews a file: format, kind, mapping, columns, first rows', async () => {
    const p = value<ImportPreview>(await engine.invoke('import.preview', { path: fixture('litellm-spend-logs.jsonl') }));
    expect(p).toMatchObject({ format: 'litellm', container: 'jsonl', compression: 'none', kind: 'exchanges', missing: [] });
    expect(p.mapping).toMatchObject({ ts: 'startTime', account_id: 'user', ip: 'requester_ip_address', api_key_id: 'api_key', prompt: 'messages', input_tokens: 'prompt_tokens' });
    expect(p.rows).toHaveLength(12);
    expect(p.rows[0]?.values.model).toBe('gpt-4o');
    // the same rows as the import stores them
    expect(p.stored.rows).toHaveLength(12);
    expect(p.stored.rows[0]?.values).toMatchObject({ ts: '2026-04-22T10:00:00.000Z', account_id: 'user-0', ip: '203.0.113.10', ip_prefix: '203.0.113.0/24', model: 'gpt-4o' });
    // with the whole mapping given: a field left out is not read (its column stays with the row),
    // except through a vendor's fall-back column, which the stored rows show
    const { model: _model, ip: _ip, ...edit } = p.mapping;
    const edited = value<ImportPreview>(await engine.invoke('import.preview', { path: fixture('litellm-spend-logs.jsonl'), mapping: edit, exactMapping: true }));
    expect(edited.mapping).toEqual(edit);
    expect(edited.stored.columns).not.toContain('model');
    expect(edited.stored.rows[0]?.values.extra).toContain('"model":"gpt-4o"');
    expect(edited.stored.rows[0]?.values.ip).toBe('203.0.113.10');
    const forced = value<ImportPreview>(await engine.invoke('import.preview', { path: fixture('accounts.csv'), kind: 'accounts', mapping: { org_id: 'notes' } }));
    expect(forced.mapping).toMatchObject({ account_id: 'account_id', email: 'email', org_id: 'notes' });
    const bad = await engine.invoke('import.preview', { path: fixture('README.md') });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it('imports through a job with progress events, then lists provenance and rejects', async () => {
    const events: JobEvent[] = [];
    const done = new Promise<JobEvent>((resolve) => {
      const off = engine.onEvent((e: WorkbenchEvent) => {
        if (e.type !== 'job') return;
        events.push(e);
        if (e.state !== 'running') {
          off();
          resolve(e);
        }
      });
    });
    const started = value<{ jobId: string }>(await engine.invoke('import.start', { paths: [fixture('exchanges-bom.csv'), fixture('cloudtrail-records.json.gz')] }));
    const end = await done;
    expect(end).toMatchObject({ jobId: started.jobId, kind: 'import', state: 'done' });
    const files = (end.result as { files: Array<{ status: string; rows: number }> }).files;
    expect(files.map((f) => [f.status, f.rows])).toEqual([['complete', 3], ['complete', 8]]);
    const list = value<ImportInfo[]>(await engine.invoke('import.list', {}));
    // the newest first, as many as asked for
    expect(value<ImportInfo[]>(await engine.invoke('import.list', { limit: 1 }))).toEqual(list.slice(0, 1));
    expect(list.map((i) => [i.fileName, i.status, i.format, i.compression])).toEqual([
      ['cloudtrail-records.json.gz', 'complete', 'cloudtrail', 'gzip'],
      ['exchanges-bom.csv', 'complete', 'csv', 'none'],
    ]);
    expect(list[1]?.sha256).toMatch(/^[0-9a-f]{64}$/);
    // recorded with the provenance: the times the rows cover
    expect(list[1]).toMatchObject({ firstTs: '2026-04-22T10:00:00.000Z', lastTs: '2026-04-22T10:00:00.123Z' });
    expect(list[0]?.firstTs).toMatch(/^2019-01-01T/);
    const rejects = value<{ total: number; rows: Array<{ line: number; reason: string }> }>(await engine.invoke('import.rejects', { importId: list[1]!.id, offset: 0, limit: 1 }));
    expect(rejects.total).toBe(2);
    expect(rejects.rows).toEqual([expect.objectContaining({ line: 6, reason: 'unreadable timestamp: not a date' })]);
  });

  it('lets a tag made during an import in between two of its transactions, not after its end', async () => {
    const dir = tempDir();
    const file = join(dir, 'long.jsonl');
    // a commit every 131,072 rows (or 2 s) before the last one: the tag must get in at one of them
    writeFileSync(file, exchangesJsonl(200_000, 500));
    const writes: string[] = [];
    let tagged: Promise<unknown> | null = null;
    let taggedAt = '';
    const done = new Promise<JobEvent>((resolve) => {
      const off = engine.onEvent((e: WorkbenchEvent) => {
        if (e.type === 'write') writes.push(`${e.state}:${e.pending}:${e.holder ?? ''}`);
        if (e.type !== 'job') return;
        if (e.state === 'running' && e.done > 0 && !tagged) {
          tagged = engine.invoke('tags.apply', { tag: 'mid-import', kind: 'account', ids: ['acct-1'], on: true }).then((r) => {
            taggedAt = writes.length ? 'after waiting' : 'at once';
            return r;
          });
        }
        if (e.state !== 'running') {
          off();
          resolve(e);
        }
      });
    });
    value(await engine.invoke('import.start', { paths: [file] }));
    const end = await done;
    expect(end.state).toBe('done');
    expect(tagged).not.toBeNull();
    expect(await tagged).toMatchObject({ ok: true, value: { changed: 1 } });
    expect(taggedAt).toBe('after waiting');
    expect(writes[0]).toBe('waiting:1:import');
    // saved before the import's last transaction (which appends its audit entry)
    const s = CaseSession.open(engine.ctx.session().path);
    const actions = readAudit(s.db).map((e) => e.action).filter((a) => a === 'tag.add' || a === 'import');
    s.close();
    expect(actions.slice(-2)).toEqual(['tag.add', 'import']);
  }, 120_000);

  it('runs one job at a time on a case, and says how many rows came after the last analysis', async () => {
    const ended = () =>
      new Promise<JobEvent>((resolve) => {
        const off = engine.onEvent((e) => {
          if (e.type === 'job' && e.state !== 'running') {
            off();
            resolve(e);
          }
        });
      });
    let done = ended();
    value(await engine.invoke('analysis.run', {}));
    expect(await engine.invoke('import.start', { paths: [fixture('exchanges.tsv')] })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('The analysis is running') as unknown } });
    expect((await done).state).toBe('done');
    expect(value<{ importsSince: number; rowsSince: number }>(await engine.invoke('analysis.status', {}))).toMatchObject({ importsSince: 0, rowsSince: 0 });
    const file = join(tempDir(), 'after.jsonl');
    writeFileSync(file, exchangesJsonl(40, 4, 900_000));
    done = ended();
    value(await engine.invoke('import.start', { paths: [file] }));
    expect(await engine.invoke('analysis.run', {})).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('An import is running') as unknown } });
    expect((await done).state).toBe('done');
    expect(value<{ importsSince: number; rowsSince: number }>(await engine.invoke('analysis.status', {}))).toMatchObject({ importsSince: 1, rowsSince: 40 });
  }, 120_000);

  it('saves, lists, applies and deletes mapping presets', async () => {
    value(await engine.invoke('import.presets.save', { name: 'tsv-export', kind: 'exchanges', mapping: { account_id: 'account', ts: 'ts', ip: 'ip', model: 'model', prompt: 'prompt' } }));
    expect(value<Array<{ name: string }>>(await engine.invoke('import.presets.list', {})).map((p) => p.name)).toEqual(['tsv-export']);
    const done = jobEnd();
    value(await engine.invoke('import.start', { paths: [fixture('exchanges.tsv')], preset: 'tsv-export' }));
    const end = await done;
    expect((end.result as { files: Array<{ rows: number }> }).files[0]?.rows).toBe(2);
    value(await engine.invoke('import.presets.delete', { name: 'tsv-export' }));
    expect(value<unknown[]>(await engine.invoke('import.presets.list', {}))).toEqual([]);
    expect(await engine.invoke('import.start', { paths: [fixture('exchanges.tsv')], preset: 'nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('reads a file dropped with others its own way when asked: another export shape than the first', async () => {
    const done = jobEnd();
    const exchanges = join(tempDir(), 'together.jsonl');
    writeFileSync(exchanges, exchangesJsonl(4, 2, 9000));
    const p = value<ImportPreview>(await engine.invoke('import.preview', { path: exchanges }));
    const bad = await engine.invoke('import.start', { paths: [exchanges], perFile: [{ path: fixture('accounts.csv') }] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    value(await engine.invoke('import.start', { paths: [exchanges, fixture('openai-audit.jsonl')], kind: p.kind, mapping: p.mapping, exactMapping: true, perFile: [{ path: fixture('openai-audit.jsonl') }] }));
    const end = await done;
    const files = (end.result as { files: Array<{ file: string; status: string; kind: string; format: string; rows: number }> }).files;
    // the second file read with its own detected mapping, not the first one's (which has no column of it)
    expect(files.map((f) => [f.file, f.status, f.kind, f.format])).toEqual([
      ['together.jsonl', 'complete', 'exchanges', 'jsonl'],
      ['openai-audit.jsonl', 'complete', 'exchanges', 'openai-audit'],
    ]);
    expect(files[1]!.rows).toBeGreaterThan(0);
  });

  it('lists a folder\'s log files, and reads each with the first file\'s mapping only where it fits (fitOthers)', async () => {
    const done = jobEnd();
    // a folder as dropped: exchanges in the first file's shape, an audit log of another shape,
    // accounts, a note and a hidden partial download
    const dir = join(tempDir(), 'export');
    mkdirSync(join(dir, 'day2'), { recursive: true });
    writeFileSync(join(dir, 'a-exchanges.jsonl'), exchangesJsonl(4, 2, 9100));
    writeFileSync(join(dir, 'day2', 'b-exchanges.jsonl'), exchangesJsonl(3, 2, 9200));
    // fixtures other tests of this case import: without their last line, not the same file
    const allButLast = (name: string) => readFileSync(fixture(name), 'utf8').trimEnd().split('\n').slice(0, -1).join('\n') + '\n';
    writeFileSync(join(dir, 'day2', 'c-audit.jsonl'), allButLast('openai-audit.jsonl'));
    writeFileSync(join(dir, 'day2', 'd-accounts.csv'), allButLast('accounts.csv'));
    writeFileSync(join(dir, 'README.md'), '# not a log');
    writeFileSync(join(dir, '.e-partial.jsonl'), '{"broken');
    const listed = value<{ files: string[]; folders: number; bytes: number }>(await engine.invoke('import.files', { paths: [dir] }));
    expect(listed.folders).toBe(1);
    expect(listed.bytes).toBe(listed.files.reduce((t, f) => t + statSync(f).size, 0));
    expect(listed.files.map((f) => relative(dir, f))).toEqual(['a-exchanges.jsonl', join('day2', 'b-exchanges.jsonl'), join('day2', 'c-audit.jsonl'), join('day2', 'd-accounts.csv')]);
    const empty = join(tempDir(), 'empty');
    mkdirSync(empty);
    expect(await engine.invoke('import.files', { paths: [empty] })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining('No log files under') } });
    expect(await engine.invoke('import.files', { paths: [join(dir, 'missing')] })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    const p = value<ImportPreview>(await engine.invoke('import.preview', { path: listed.files[0]! }));
    value(await engine.invoke('import.start', { paths: listed.files, kind: p.kind, mapping: p.mapping, exactMapping: true, fitOthers: true }));
    const end = await done;
    const files = (end.result as { files: Array<{ file: string; status: string; kind: string; format: string; rows: number; rejected: number; duplicates: number }> }).files;
    // the second exchanges file through the confirmed mapping; the audit log and the accounts
    // with their own (through the first file's mapping they had no account column: refused)
    expect(files.map((f) => [f.file, f.status, f.kind, f.format])).toEqual([
      ['a-exchanges.jsonl', 'complete', 'exchanges', 'jsonl'],
      ['b-exchanges.jsonl', 'complete', 'exchanges', 'jsonl'],
      ['c-audit.jsonl', 'complete', 'exchanges', 'openai-audit'],
      ['d-accounts.csv', 'complete', 'accounts', 'csv'],
    ]);
    // (the audit's events are in the case already when the test before this one ran)
    for (const f of files) expect(f.rows + f.duplicates).toBeGreaterThan(0);
    const mappings = value<Array<{ fileName: string; mapping: Record<string, string> }>>(await engine.invoke('import.list', {}));
    const b = mappings.find((m) => m.fileName === 'b-exchanges.jsonl');
    expect(b?.mapping).toEqual(p.mapping);
  });
});
