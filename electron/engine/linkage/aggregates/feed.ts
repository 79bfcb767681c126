// Engine, job thread. Feeding the aggregate builder: from the import writer's rows (bulk imports,
// every column at hand), or by reading stored exchanges back (OR IGNORE imports, where skipped
// duplicates make the writer's rows unreliable, and the one-time rebuild of older cases).
import type { Db } from '../../db/connection';
import type { AggregateBuilder } from './builder';
import { KINDS, SETTINGS_KEY_SQL, SETTINGS_KIND, STRING_KINDS, TEMPLATE_KEY_SQL, TEMPLATE_KIND } from './kinds';

/**
 * One batch of the import writer as the aggregates read it: typed columns, `n` rows with ids
 * firstId, firstId + 1, ... (bulk loads). Integer columns are rounded as stored.
 */
export interface WriterRows {
  n: number;
  firstId: number;
  account: Float64Array;
  ts: Float64Array;
  /** n * STRING_KINDS.length string ids in STRING_KINDS order; 0 or less = none */
  strings: Float64Array;
  /** templateKey of the row's SimHash else template (NaN = none) */
  templateKey: Float64Array;
  /** settingsKey of its temperature, top_p, max_tokens (NaN = none) */
  settingsKey: Float64Array;
  /** 0 when null */
  cot: Float64Array;
  inTokens: Float64Array;
  outTokens: Float64Array;
}

/** Returns a function that feeds the import writer's batches into `builder`. */
export function writerRowFeeder(builder: AggregateBuilder): (rows: WriterRows) => void {
  return (r) => builder.addRows(r);
}

/**
 * Reads exchanges with id >= fromId back into the builder, in id order, in id ranges: the
 * connection cannot write while a statement iterates, so `onFull` (the caller flushes the
 * builder) runs between ranges; `onProgress` after each range.
 */
export function feedFromExchanges(db: Db, builder: AggregateBuilder, fromId: number, onFull: () => void, onProgress?: (done: number, total: number) => void): number {
  const cols = STRING_KINDS.map(([, c]) => c);
  const stmt = db
    .prepare(
      `SELECT id, account, ts, ${cols.join(', ')}, ${TEMPLATE_KEY_SQL}, ${SETTINGS_KEY_SQL}, cot, input_tokens, output_tokens
       FROM exchanges WHERE id >= ? AND id < ? ORDER BY id`,
    )
    .raw(true);
  const maxId = db.prepare('SELECT coalesce(max(id), 0) FROM exchanges').pluck().get() as number;
  const total = maxId >= fromId ? maxId - fromId + 1 : 0;
  const keys = new Float64Array(KINDS);
  const S = cols.length;
  let done = 0;
  // a small builder bound (tests) flushes between small ranges
  const range = Math.max(64, Math.min(RANGE, builder.maxPairs));
  for (let lo = fromId; lo <= maxId; lo += range) {
    for (const row of stmt.iterate(lo, lo + range)) {
      const r = row as (number | null)[];
      for (let k = 0; k < S; k++) {
        const s = r[3 + k];
        keys[k] = s === null || s === undefined || s === 0 ? NaN : s;
      }
      keys[TEMPLATE_KIND] = r[3 + S] ?? NaN;
      keys[SETTINGS_KIND] = r[4 + S] ?? NaN;
      builder.add(r[0]!, r[1]!, r[2]!, keys, r[5 + S] ?? 0, r[6 + S] ?? 0, r[7 + S] ?? 0);
      done++;
    }
    if (builder.full) onFull();
    onProgress?.(Math.min(total, lo + range - fromId), total);
  }
  return done;
}

const RANGE = 131_072;
