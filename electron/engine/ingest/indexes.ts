// Engine, job thread. The exchanges table's secondary indexes and the prompt samples' (same
// definitions as migration 001). A bulk load into an empty table drops them and builds them once
// at the end: one sort instead of millions of random B-tree inserts. Duplicated request_ids found then are removed and counted.
import type { Db } from '../db/connection';
import { createIndexSorted, withTempFiles } from '../db/sorted-index';

const SECONDARY = [
  'CREATE INDEX IF NOT EXISTS exchanges_account_ts ON exchanges (account, ts)',
  'CREATE UNIQUE INDEX IF NOT EXISTS exchanges_request_id ON exchanges (request_id) WHERE request_id IS NOT NULL',
  // migration 001's index of the prompt samples, dropped with the others when no sample exists yet
  'CREATE INDEX IF NOT EXISTS prompt_samples_account ON prompt_samples (account)',
];

export function dropSecondaryIndexes(db: Db): void {
  db.exec('DROP INDEX IF EXISTS exchanges_account_ts; DROP INDEX IF EXISTS exchanges_request_id;');
  // The samples index takes each sample at its account's place: at 100,000 accounts every commit
  // rewrote most of its pages into the log (a 5M-row load spent 9 CPU-s inserting samples with it,
  // 2 without, and 1.4 building it after). Dropped only when the table is empty: the writer then
  // knows every account's count without asking (CaseWriter's samplesKnown).
  if (db.prepare('SELECT NOT EXISTS (SELECT 1 FROM prompt_samples)').pluck().get() === 1) db.exec('DROP INDEX IF EXISTS prompt_samples_account');
}

const indexNamed = (db: Db, name: string): boolean => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?").get(name) !== undefined;

export function hasRequestIdIndex(db: Db): boolean {
  return indexNamed(db, 'exchanges_request_id');
}

/** Whether the index that a CREATE INDEX IF NOT EXISTS statement of SECONDARY makes is there already. */
const madeAlready = (db: Db, sql: string): boolean => indexNamed(db, /INDEX IF NOT EXISTS (\w+)/.exec(sql)?.[1] ?? '');

/**
 * Builds the indexes if missing. Exchanges from `fromId` on whose request_id already occurs on a
 * lower id are deleted first (with their prompt samples); returns how many. `between` runs after
 * each statement (each its own transaction): an import lets an investigator's waiting change in
 * there, not only once all are built (at the reported scale each takes about 20 s).
 */
export function buildSecondaryIndexes(db: Db, fromId: number, between: () => void = () => {}): number {
  // the duplicate search's sorts spill to temporary files too, not memory (see createIndexSorted)
  return withTempFiles(db, () => build(db, fromId, between));
}

function build(db: Db, fromId: number, between: () => void): number {
  let removed = 0;
  if (!hasRequestIdIndex(db)) {
    // the common case: no repeated request ids, one sort builds the unique index
    try {
      createIndexSorted(db, SECONDARY[1] as string);
    } catch (e) {
      if (!(e instanceof Error) || !/UNIQUE constraint failed/.test(e.message)) throw e;
    }
    between();
  }
  if (!hasRequestIdIndex(db)) {
    // a plain index makes the duplicate search one ordered scan; the unique index replaces it
    createIndexSorted(db, 'CREATE INDEX IF NOT EXISTS exchanges_request_id_tmp ON exchanges (request_id, id) WHERE request_id IS NOT NULL');
    const dupIds = `SELECT id FROM (
        SELECT id, row_number() OVER (PARTITION BY request_id ORDER BY id) AS rn
        FROM exchanges INDEXED BY exchanges_request_id_tmp WHERE request_id IS NOT NULL
      ) WHERE rn > 1 AND id >= @fromId`;
    db.transaction(() => {
      db.prepare(`DELETE FROM prompt_samples WHERE exchange_id IN (${dupIds})`).run({ fromId });
      removed = db.prepare(`DELETE FROM exchanges WHERE id IN (${dupIds})`).run({ fromId }).changes;
    })();
    db.exec('DROP INDEX exchanges_request_id_tmp');
    between();
  }
  for (const sql of SECONDARY) {
    if (madeAlready(db, sql)) continue;
    createIndexSorted(db, sql);
    between();
  }
  return removed;
}
