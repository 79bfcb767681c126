// Engine, job thread. The exchanges table's secondary indexes (same definitions as migration 001).
// A bulk load into an empty table drops them and builds them once at the end: one sort instead of
// millions of random B-tree inserts. Duplicated request_ids found then are removed and counted.
import type { Db } from '../db/connection';

const SECONDARY = [
  'CREATE INDEX IF NOT EXISTS exchanges_account_ts ON exchanges (account, ts)',
  'CREATE UNIQUE INDEX IF NOT EXISTS exchanges_request_id ON exchanges (request_id) WHERE request_id IS NOT NULL',
];

export function dropSecondaryIndexes(db: Db): void {
  db.exec('DROP INDEX IF EXISTS exchanges_account_ts; DROP INDEX IF EXISTS exchanges_request_id;');
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
  // they held ~60 bytes per row (+300 MB at 5M rows), so peak RSS grew with the file. A sorter
  // thread (PRAGMA threads) cost more memory and CPU than the wall time it saved on two busy cores.
  const store = db.pragma('temp_store', { simple: true }) as number;
  db.pragma('temp_store = FILE');
  try {
    return build(db, fromId);
  } finally {
    db.pragma(`temp_store = ${Number(store) | 0}`);
  }
}

function build(db: Db, fromId: number): number {
  let removed = 0;
  if (!hasRequestIdIndex(db)) {
    // the common case: no repeated request ids, one sort builds the unique index
    try {
      db.exec(SECONDARY[1] as string);
    } catch (e) {
      if (!(e instanceof Error) || !/UNIQUE constraint failed/.test(e.message)) throw e;
    }
  }
  if (!hasRequestIdIndex(db)) {
    // a plain index makes the duplicate search one ordered scan; the unique index replaces it
    db.exec('CREATE INDEX IF NOT EXISTS exchanges_request_id_tmp ON exchanges (request_id, id) WHERE request_id IS NOT NULL');
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
  for (const sql of SECONDARY) db.exec(sql);
  return removed;
}
