// Engine, job thread. Feeding the aggregate builder: from the import writer's rows (bulk imports,
// every column at hand), or by reading stored exchanges back (OR IGNORE imports, where skipped
// duplicates make the writer's rows unreliable, and the one-time rebuild of older cases).
import type { Db } from '../../db/connection';
import type { AggregateBuilder } from './builder';
import { KINDS, settingsKey, SETTINGS_KEY_SQL, SETTINGS_KIND, STRING_KINDS, TEMPLATE_KEY_SQL, TEMPLATE_KIND, templateKey } from './kinds';

const num = (x: unknown): number | null => (typeof x === 'number' ? x : typeof x === 'bigint' ? Number(x) : null);
const big = (x: unknown): bigint | null => (typeof x === 'bigint' ? x : typeof x === 'number' ? BigInt(x) : null);

/**
 * Returns a function that feeds `n` rows laid out as the import writer holds them (`columns.length`
 * values per row, named by `columns`; ids must be set).
 */
export function writerRowFeeder(builder: AggregateBuilder, columns: readonly string[]): (rows: readonly unknown[], n: number) => void {
  const at = (name: string) => {
    const i = columns.indexOf(name);
    if (i < 0) throw new Error(`aggregates: the writer has no column ${name}`);
    return i;
  };
  const cId = at('id');
  const cTs = at('ts');
  const cAccount = at('account');
  const cStr = STRING_KINDS.map(([, col]) => at(col));
  const cTemplate = at('template');
  const cSimhash = at('simhash');
  const cTemp = at('temperature');
  const cTopP = at('top_p');
  const cMax = at('max_tokens');
  const cCot = at('cot');
  const cIn = at('input_tokens');
  const cOut = at('output_tokens');
  const W = columns.length;
  const keys = new Float64Array(KINDS);
  return (rows, n) => {
    for (let i = 0; i < n; i++) {
      const o = i * W;
      for (let k = 0; k < cStr.length; k++) {
        const s = num(rows[o + cStr[k]!]);
        keys[k] = s === null || s === 0 ? NaN : s;
      }
      keys[TEMPLATE_KIND] = templateKey(big(rows[o + cSimhash]), big(rows[o + cTemplate]));
      keys[SETTINGS_KIND] = settingsKey(num(rows[o + cTemp]), num(rows[o + cTopP]), num(rows[o + cMax]));
      builder.add(num(rows[o + cId])!, num(rows[o + cAccount])!, num(rows[o + cTs])!, keys, num(rows[o + cCot]) ?? 0, num(rows[o + cIn]) ?? 0, num(rows[o + cOut]) ?? 0);
    }
  };
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
