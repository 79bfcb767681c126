// Engine. Builds an index in one sort that stays small and uses the idle core: the import's
// secondary indexes after a bulk load, and the analysis's after its write.
import type { Db } from './connection';

/** the page cache (negative: KiB) while an index is built, hence the sorter's run size */
const SORT_CACHE_KIB = -2048;
/**
 * Helper threads of SQLite's sorter (PRAGMA threads). At the reported scale (28.8M rows, quiet
 * machine) the exchanges' two indexes took 46.1 s on one thread, 34.7 s with two helpers (56.6
 * CPU-s against 45.0); the import's tail, where the aggregates' merge worker runs beside them,
 * 77 -> 68 s. The cores are not both busy there: the extra CPU buys wall time. Each helper sorts
 * runs of the same small size, so the memory does not grow with the table.
 */
const SORT_THREADS = 2;

/**
 * Runs a CREATE INDEX with the sorter's runs small, spilled to temporary files, on helper threads.
 * The sorter sorts cache_size worth of keys in memory at a time, then merges those runs. A small
 * run fits the CPU caches: at 10M rows the (account, ts) index took 10 CPU-s with 2 MB runs
 * against 20 with 32 MB ones, the request_id index 13 against 18 (more, shorter runs cost merge
 * passes over sequential files, far cheaper than sorting in memory that misses the caches), and
 * the sort holds 30 MB less. With temp_store = MEMORY (the case default) the runs held ~60 bytes
 * per row (+300 MB at 5M rows). An analysis's edges_b index over 2.06M edges (reported scale):
 * 2.2 s with the case's defaults, 1.0 s so (with temp_store = MEMORY the helpers do not help).
 * SQLite refuses to change temp_store inside a transaction that has used temporary storage: a
 * caller that builds indexes in one (an analysis) sets it before (temp_store = FILE), else the
 * sort runs in memory there.
 */
export function createIndexSorted(db: Db, sql: string): void {
  const cache = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = ${SORT_CACHE_KIB}`);
  db.pragma(`threads = ${SORT_THREADS}`);
  try {
    withTempFiles(db, () => db.exec(sql));
  } finally {
    db.pragma(`cache_size = ${Number(cache) | 0}`);
    db.pragma('threads = 0');
  }
}

/** Runs `fn` with temp_store = FILE (where SQLite lets it be set: see setTempStore), the previous
 * setting restored after. */
export function withTempFiles<T>(db: Db, fn: () => T): T {
  const store = Number(db.pragma('temp_store', { simple: true })) | 0;
  const toFile = store !== TEMP_FILE && setTempStore(db, TEMP_FILE);
  try {
    return fn();
  } finally {
    if (toFile) setTempStore(db, store);
  }
}

/** PRAGMA temp_store's value for files. */
export const TEMP_FILE = 1;

/** Sets temp_store; false when SQLite refuses inside the current transaction. */
export function setTempStore(db: Db, value: number): boolean {
  try {
    db.pragma(`temp_store = ${value}`);
    return true;
  } catch (e) {
    if (e instanceof Error && /temporary storage cannot be changed from within a transaction/.test(e.message)) return false;
    throw e;
  }
}
