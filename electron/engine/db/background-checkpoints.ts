// Engine, job thread. Checkpoints on another thread while an import writes. In WAL mode every
// committed page is written twice: to the log, then into the database file by a checkpoint, which
// also waits for both files to reach the disk (fsync). Run by the writer (SQLite's automatic
// checkpoint), that copy and those waits stop the import; a case of several gigabytes spends
// minutes in them. A checkpointer thread with its own connection does the same work beside the
// writer, which then only appends to the log. Without the built worker (tests running from
// source) nothing starts, and the caller keeps SQLite's automatic checkpoints.
import type { Worker } from 'node:worker_threads';
import { startBuiltWorker } from '../built-worker';
import type { Db } from './connection';
import { builtWorker } from '../paths';

export interface BackgroundCheckpoints {
  /** Frames in the log at the thread's last checkpoint (0 before the first). */
  logFrames(): number;
  /** Stops the thread (after its current checkpoint); the caller then checkpoints what is left. */
  stop(): Promise<void>;
}

/** Starts checkpointing `db`'s file on a worker thread; null when it cannot (the caller keeps automatic checkpoints). */
export function startBackgroundCheckpoints(db: Db, intervalMs = 250): BackgroundCheckpoints | null {
  const t = startCheckpointThread(db, intervalMs, false);
  return t && { logFrames: () => Atomics.load(t.shared, 1), stop: t.stop };
}

/**
 * Copies the log into the database file on another thread, once, after a large commit: what
 * SQLite's automatic checkpoint does in the committing thread (call it with automatic checkpoints
 * off for the commit). At the reported scale an analysis commits 1.4 GB, and copying it, then
 * waiting for the disk, held the result back 4-8 s. The thread ends when the whole log is copied
 * (retrying while readers hold frames, for at most `maxMs`); the process, or the job's worker,
 * lives until then. Resolves when the thread has ended; null when it cannot start (the caller
 * checkpoints itself).
 */
export function checkpointOnThread(db: Db, intervalMs = 100, maxMs = 120_000): Promise<void> | null {
  const t = startCheckpointThread(db, intervalMs, true);
  if (!t) return null;
  const timer = setTimeout(() => void t.stop(), maxMs);
  timer.unref();
  const done = t.exited.then(() => {
    clearTimeout(timer);
    copying.delete(done);
  });
  copying.add(done);
  return done;
}

/** The threads checkpointOnThread started that have not ended yet. */
const copying = new Set<Promise<void>>();

/** Resolves when every thread checkpointOnThread started in this thread has ended: before a case's
 * files are removed (a test's scratch folder), or the process relies on their being complete. */
export async function checkpointsFinished(): Promise<void> {
  while (copying.size > 0) await Promise.all([...copying]);
}

/** The checkpoint worker on `db`'s file (`once`: it ends when the log is copied); null when it cannot start. */
function startCheckpointThread(db: Db, intervalMs: number, once: boolean): { shared: Int32Array; exited: Promise<void>; stop(): Promise<void> } | null {
  const file = builtWorker('checkpoint');
  if (!file || db.memory || !db.name) return null;
  const shared = new Int32Array(new SharedArrayBuffer(12)); // [stop, log frames, checkpointed frames]
  let worker: Worker;
  try {
    worker = startBuiltWorker(file, { workerData: { path: db.name, intervalMs, flag: shared.buffer, once } });
  } catch {
    return null;
  }
  const exited = new Promise<void>((resolve) => {
    worker.once('exit', () => resolve());
    // a checkpoint that fails (disk full) is not the writer's failure: its own commit reports
    // that, and the log stays until the next checkpoint copies it
    worker.once('error', () => resolve());
  });
  return {
    shared,
    exited,
    async stop() {
      Atomics.store(shared, 0, 1);
      Atomics.notify(shared, 0);
      await exited;
    },
  };
}
