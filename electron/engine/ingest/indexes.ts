// Engine, job thread. The exchanges table's secondary indexes and the prompt samples' (same
// definitions as migration 001). A bulk load into an empty table drops them and builds them once
// at the end: one sort instead of millions of random B-tree inserts. Duplicated request_ids found then are removed and counted.
import type { Db } from '../db/connection';

const SECONDARY = [
  'CREATE INDEX IF NOT EXISTS exchanges_account_ts ON exchanges (account, ts)',
  'CREATE UNIQUE INDEX IF NOT EXISTS exchanges_request_id ON exchanges (request_id) WHERE request_id IS NOT NULL',
  // migration 001's index of the prompt samples, dropped with the others when no sample exists yet
  'CREATE INDEX IF NOT EXISTS prompt_samples_account ON prompt_samples (account)',
];

/** the page cache (negative: KiB) while indexes are built, hence the sorter's run size */
const SORT_CACHE_KIB = -2048;
/**
 * Helper threads of SQLite's sorter (PRAGMA threads). At the reported scale (28.8M rows, quiet
 * machine) the two indexes took 46.1 s on one thread, 34.7 s with two helpers (56.6 CPU-s against
 * 45.0); the import's tail, where the aggregates' merge worker runs beside them, 77 -> 68 s. The
 * cores are not both busy there: the extra CPU buys wall time. Each helper sorts runs of the same
 * small size, so the memory does not grow with the file.
 */
const SORT_THREADS = 2;

export function dropSecondaryIndexes(db: Db): void {
  db.exec('DROP INDEX IF EXISTS exchanges_account_ts; DROP INDEX IF EXISTS exchanges_request_id;');
  // The samples index takes each sample at its account's place: at 100,000 accounts every commit
  // rewrote most of its pages into the log (a 5M-row load spent 9 CPU-s inserting samples with it,
  // 2 without, and 1.4 building it after). Dropped only when the table is empty: the writer then
  // knows every account's count without asking (CaseWriter's samplesKnown).
  if (db.prepare('SELECT NOT EXISTS (SELECT 1 FROM prompt_samples)').pluck().get() === 1) db.exec('DROP INDEX IF EXISTS prompt_samples_account');
}

export function hasRequestIdIndex(db: Db): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'exchanges_request_id'").get() !== undefined;
}

/**
 * Builds the indexes if missing. Exchanges from `fromId` on whose request_id already occurs on a
 * lower id are deleted first (with their prompt samples); returns how many.
 */
export function buildSecondaryIndexes(db: Db, fromId: number): number {
  // the sorts spill to temporary files, not memory: with temp_store = MEMORY (the case default)
  // they held ~60 bytes per row (+300 MB at 5M rows), so peak RSS grew with the file.
  const store = db.pragma('temp_store', { simple: true }) as number;
  db.pragma('temp_store = FILE');
  try {
    return build(db, fromId);
  } finally {
    db.pragma(`temp_store = ${Number(store) | 0}`);
  }
}

/** Runs a CREATE INDEX with the sorter's runs small. */
function createIndex(db: Db, sql: string): void {
  // The sorter sorts cache_size worth of keys in memory at a time, then merges those runs. A
  // small run fits the CPU caches: at 10M rows the (account, ts) index took 10 CPU-s with 2 MB
  // runs against 20 with 32 MB ones, the request_id index 13 against 18 (more, shorter runs cost
  // merge passes over sequential files, far cheaper than sorting in memory that misses the
  // caches), and the sort holds 30 MB less.
  const cache = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = ${SORT_CACHE_KIB}`);
  db.pragma(`threads = ${SORT_THREADS}`);
  try {
    db.exec(sql);
  } finally {
    db.pragma(`cache_size = ${Number(cache) | 0}`);
    db.pragma('threads = 0');
  }
}

function build(db: Db, fromId: number): number {
  let removed = 0;
  if (!hasRequestIdIndex(db)) {
    // the common case: no repeated request ids, one sort builds the unique index
    try {
      createIndex(db, SECONDARY[1] as string);
    } catch (e) {
      if (!(e instanceof Error) || !/UNIQUE constraint failed/.test(e.message)) throw e;
    }
  }
  if (!hasRequestIdIndex(db)) {
    // a plain index makes the duplicate search one ordered scan; the unique index replaces it
    createIndex(db, 'CREATE INDEX IF NOT EXISTS exchanges_request_id_tmp ON exchanges (request_id, id) WHERE request_id IS NOT NULL');
    const dupIds = `SELECT id FROM (
        SELECT id, row_number() OVER (PARTITION BY request_id ORDER BY id) AS rn
        FROM exchanges INDEXED BY exchanges_request_id_tmp WHERE request_id IS NOT NULL
      ) WHERE rn > 1 AND id >= @fromId`;
    db.transaction(() => {
      db.prepare(`DELETE FROM prompt_samples WHERE exchange_id IN (${dupIds})`).run({ fromId });
      removed = db.prepare(`DELETE FROM exchanges WHERE id IN (${dupIds})`).run({ fromId }).changes;
    })();
    db.exec('DROP INDEX exchanges_request_id_tmp');
  }
  for (const sql of SECONDARY) createIndex(db, sql);
  return removed;
}
