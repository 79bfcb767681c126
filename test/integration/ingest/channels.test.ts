// The imports channels through the engine's one entry point: preview, start (a real job in a
// worker thread, progress events), list with provenance, rejects pages, presets.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine';
import type { ImportInfo, ImportPreview, JobEvent, WorkbenchEvent } from '../../../electron/shared/contract';
import { fixture } from './helpers';

let home: string;
let engine: Engine;
const root = join(__dirname, '..', '..', '..');

beforeAll(async () => {
  // the job and ingest workers run from dist/
  const b = spawnSync(process.execPath, [join(root, 'bin', 'linkwork.cjs'), '--version'], { cwd: root, encoding: 'utf8' });
  expect(b.status, b.stderr).toBe(0);
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
  it('previews a file: format, kind, mapping, columns, first rows', async () => {
    const p = value<ImportPreview>(await engine.invoke('import.preview', { path: fixture('litellm-spend-logs.jsonl') }));
    expect(p).toMatchObject({ format: 'litellm', container: 'jsonl', compression: 'none', kind: 'exchanges', missing: [] });
    expect(p.mapping).toMatchObject({ ts: 'startTime', account_id: 'user', ip: 'requester_ip_address', api_key_id: 'api_key', prompt: 'messages', input_tokens: 'prompt_tokens' });
    expect(p.rows).toHaveLength(12);
    expect(p.rows[0]?.values.model).toBe('gpt-4o');
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
    expect(list.map((i) => [i.fileName, i.status, i.format, i.compression])).toEqual([
      ['cloudtrail-records.json.gz', 'complete', 'cloudtrail', 'gzip'],
      ['exchanges-bom.csv', 'complete', 'csv', 'none'],
    ]);
    expect(list[1]?.sha256).toMatch(/^[0-9a-f]{64}$/);
    const rejects = value<{ total: number; rows: Array<{ line: number; reason: string }> }>(await engine.invoke('import.rejects', { importId: list[1]!.id, offset: 0, limit: 1 }));
    expect(rejects.total).toBe(2);
    expect(rejects.rows).toEqual([expect.objectContaining({ line: 6, reason: 'unreadable timestamp: not a date' })]);
  });

  it('saves, lists, applies and deletes mapping presets', async () => {
    value(await engine.invoke('import.presets.save', { name: 'tsv-export', kind: 'exchanges', mapping: { account_id: 'account', ts: 'ts', ip: 'ip', model: 'model', prompt: 'prompt' } }));
    expect(value<Array<{ name: string }>>(await engine.invoke('import.presets.list', {})).map((p) => p.name)).toEqual(['tsv-export']);
    const done = new Promise<JobEvent>((resolve) => {
      const off = engine.onEvent((e) => {
        if (e.type === 'job' && e.state !== 'running') {
          off();
          resolve(e);
        }
      });
    });
    value(await engine.invoke('import.start', { paths: [fixture('exchanges.tsv')], preset: 'tsv-export' }));
    const end = await done;
    expect((end.result as { files: Array<{ rows: number }> }).files[0]?.rows).toBe(2);
    value(await engine.invoke('import.presets.delete', { name: 'tsv-export' }));
    expect(value<unknown[]>(await engine.invoke('import.presets.list', {}))).toEqual([]);
    expect(await engine.invoke('import.start', { paths: [fixture('exchanges.tsv')], preset: 'nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
