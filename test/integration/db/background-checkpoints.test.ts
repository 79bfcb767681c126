// The import's checkpoint thread: with automatic checkpoints off, it copies the committed log
// into the case file on its own connection, and stops on request. Needs the built worker
// (`npm run build`, which CI runs before the tests); from a bare source tree it cannot start.
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkpointOnThread, startBackgroundCheckpoints } from '../../../electron/engine/db/background-checkpoints';
import { openDb } from '../../../electron/engine/db/connection';
import { distPath } from '../../../electron/engine/paths';
import { tempDir } from '../ingest/helpers';

const built = existsSync(distPath('workers', 'checkpoint.cjs'));

/** 5,000 rows committed with automatic checkpoints off: they are in the log only. */
function commitRows(db: ReturnType<typeof openDb>): void {
  db.pragma('wal_autocheckpoint = 0');
  db.exec('CREATE TABLE t (x TEXT)');
  const ins = db.prepare('INSERT INTO t VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < 5000; i++) ins.run(`row ${i} ${'x'.repeat(200)}`);
  })();
}

describe('background checkpoints', () => {
  it.skipIf(!built)('copy the committed log into the case file beside the writer', async () => {
    const db = openDb(join(tempDir('lw-ckpt-'), 'c.sqlite'), { create: true });
    commitRows(db);
    const c = startBackgroundCheckpoints(db, 20);
    expect(c).not.toBeNull();
    const deadline = Date.now() + 20_000;
    while (c!.logFrames() === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await c!.stop();
    expect(c!.logFrames()).toBeGreaterThan(100);
    // everything was copied already: the writer's own checkpoint finds nothing left to do
    const [r] = db.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number; checkpointed: number }>;
    expect(r!.checkpointed).toBe(r!.log);
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(5000);
    db.close();
  });

  it.skipIf(!built)('copy a commit made without automatic checkpoints, once, then end', async () => {
    const dir = tempDir('lw-ckpt-');
    const db = openDb(join(dir, 'c.sqlite'), { create: true });
    commitRows(db);
    const done = checkpointOnThread(db, 20);
    expect(done).not.toBeNull();
    await done;
    // the rows are in the case file itself: a copy of it without the log holds them all
    copyFileSync(join(dir, 'c.sqlite'), join(dir, 'copy.sqlite'));
    const copy = openDb(join(dir, 'copy.sqlite'));
    expect(copy.prepare('SELECT count(*) FROM t').pluck().get()).toBe(5000);
    copy.close();
    db.close();
  });
});
