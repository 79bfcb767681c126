// Engine, checkpoint worker thread (workers/checkpoint). Copies a case's write-ahead log into the
// database file while a long import writes (see background-checkpoints.ts): a PASSIVE checkpoint
// every `intervalMs`, on its own connection, until the flag is raised (`once`: until the whole log
// is copied, after a large commit). Each checkpoint's result (frames in the log, frames copied) is
// published in the shared flag array for the writer.
import { workerData } from 'node:worker_threads';
import { openDb } from './connection';

const { path, intervalMs, flag, once } = workerData as { path: string; intervalMs: number; flag: SharedArrayBuffer; once?: boolean };
const shared = new Int32Array(flag); // [stop, log frames, checkpointed frames]
const db = openDb(path); // an existing, migrated case: opening changes nothing
try {
  // PASSIVE never waits for the writer or for readers; it copies what it can
  while (Atomics.load(shared, 0) === 0) {
    const r = db.pragma('wal_checkpoint(PASSIVE)') as Array<{ busy: number; log: number; checkpointed: number }>;
    Atomics.store(shared, 1, r[0]?.log ?? 0);
    Atomics.store(shared, 2, r[0]?.checkpointed ?? 0);
    if (once && r[0] !== undefined && r[0].checkpointed >= r[0].log) break;
    Atomics.wait(shared, 0, 0, intervalMs);
  }
} finally {
  db.close();
}
