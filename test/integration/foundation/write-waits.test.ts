// An investigator's changes while another connection holds the case's write lock (as a running
// analysis does for its whole write): through the engine's one entry point, on a real case file,
// the lock held by a second real connection. The changes wait instead of failing, in order, the
// engine keeps answering reads meanwhile, and the UI hears that they wait and when they are saved.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine';
import { runJobInProcess } from '../../../electron/cli/run-job';
import { analyzeJob } from '../../../electron/engine/linkage/analyze-job';
import type { CaseSummary, WorkbenchEvent } from '../../../electron/shared/contract';

let home: string;
let engine: Engine;
let casePath: string;
let events: WorkbenchEvent[];

beforeEach(async () => {
  home = mkdtempSync(join(tmpdir(), 'lw-writes-'));
  engine = new Engine({ host: 'cli', home });
  events = [];
  engine.onEvent((e) => events.push(e));
  const r = await engine.invoke('case.create', { name: 'Locked' });
  casePath = (r as { value: CaseSummary }).value.path;
});
afterEach(async () => {
  await engine.dispose();
  rmSync(home, { recursive: true, force: true });
});

/** A second connection that takes the write lock, as a job's connection does. */
function holdLock(): Database.Database {
  const other = new Database(casePath);
  other.pragma('journal_mode = WAL');
  other.exec('BEGIN IMMEDIATE');
  other.prepare("INSERT INTO meta (key, value) VALUES ('held', '1')").run();
  return other;
}

const until = async (cond: () => boolean) => {
  while (!cond()) await new Promise((r) => setTimeout(r, 10));
};
const writeEvents = () => events.filter((e) => e.type === 'write').map((e) => `${e.state}:${e.pending}`);

describe('changes while the case is locked by another writer', () => {
  it('wait in order, reads go on meanwhile, and both are saved when the lock is released', async () => {
    const other = holdLock();
    let settled = 0;
    const tag = engine.invoke('tags.apply', { tag: 'hydra', kind: 'account', ids: ['acct-1'], on: true }).finally(() => settled++);
    const untag = engine.invoke('tags.apply', { tag: 'hydra', kind: 'account', ids: ['acct-1'], on: false }).finally(() => settled++);
    await until(() => writeEvents().includes('waiting:2'));
    // the engine's thread is free: a read answers while both changes wait
    const read = await engine.invoke('tags.of', { kind: 'account', ids: ['acct-1'] });
    expect(read).toEqual({ ok: true, value: {} });
    expect(settled).toBe(0);
    other.exec('COMMIT');
    other.close();
    const [a, b] = await Promise.all([tag, untag]);
    expect(a).toMatchObject({ ok: true, value: { changed: 1 } });
    expect(b).toMatchObject({ ok: true, value: { changed: 1 } });
    // applied in the order they were made: tagged, then untagged
    expect(await engine.invoke('tags.of', { kind: 'account', ids: ['acct-1'] })).toEqual({ ok: true, value: {} });
    const history = await engine.invoke('workflow.history', {});
    expect(history.ok && (history.value as { recent: Array<{ kind: string }> }).recent.length).toBe(2);
    await until(() => writeEvents().at(-1) === 'saved:0');
    // both were queued before the first found the case locked
    expect(writeEvents()).toEqual(['waiting:2', 'saved:1', 'saved:0']);
  });

  it('a change whose case is closed while it waits fails clearly and lands nowhere', async () => {
    const other = holdLock();
    const note = engine.invoke('notes.save', { kind: 'case', targetId: '', format: 'text', body: 'Hydra: shared card BINs' });
    await until(() => writeEvents().includes('waiting:1'));
    await engine.invoke('case.close', {});
    other.exec('COMMIT');
    const r = await note;
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(other.prepare('SELECT count(*) FROM notes').pluck().get()).toBe(0);
    other.close();
  });

  it('a change on a cluster that an analysis regrouped while it waited fails clearly and writes nothing', async () => {
    const setup = new Database(casePath);
    setup
      .prepare("INSERT INTO clusters (id, analysis_id, size, score, flagged, features_json, reasons_json, exchanges) VALUES (?, 1, 2, 0.9, 1, '{}', '[]', 10)")
      .run('C-GONE');
    setup.close();
    // as an analysis's write does: it holds the lock, and its results no longer hold C-GONE
    const other = holdLock();
    other.prepare("DELETE FROM clusters WHERE id = 'C-GONE'").run();
    const tag = engine.invoke('tags.apply', { tag: 'hydra', kind: 'cluster', ids: ['C-GONE'], on: true });
    const note = engine.invoke('notes.save', { kind: 'cluster', targetId: 'C-GONE', format: 'text', body: 'card BIN 411111' });
    await until(() => writeEvents().includes('waiting:2'));
    other.exec('COMMIT');
    const [t, n] = await Promise.all([tag, note]);
    for (const r of [t, n]) expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringMatching(/^Cluster C-GONE no longer exists: an analysis has regrouped its accounts/) } });
    expect(other.prepare('SELECT (SELECT count(*) FROM notes) + (SELECT count(*) FROM tag_links) + (SELECT count(*) FROM actions)').pluck().get()).toBe(0);
    other.close();
    await until(() => writeEvents().at(-1) === 'failed:0');
  });

  it('a command-line job that finds the case locked past its timeout says so in words', async () => {
    const other = holdLock();
    try {
      await expect(runJobInProcess(analyzeJob, casePath, {}, { quiet: true })).rejects.toThrow(/locked by another program writing to it/);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
  }, 30_000);
});
