// Engine, job worker. Multi-row INSERT in batches: one prepared statement of `rows` rows reused
// for every full batch (one statement per batch instead of one per row), the remainder row by
// row. Parameters go into one preallocated array (no per-row arrays, no rest parameters). Used
// inside the caller's transaction; parameters are always bound, never spliced.
import type { Db } from '../db/connection';

export interface BulkInsert {
  /** One row: as many values as columns (at most 6; fixed parameters, no array per row). */
  push(v0: unknown, v1?: unknown, v2?: unknown, v3?: unknown, v4?: unknown, v5?: unknown): void;
  flush(): void;
}

const MAX_COLUMNS = 6;

export function bulkInsert(db: Db, table: string, columns: readonly string[], rows = 256): BulkInsert {
  const one = `(${columns.map(() => '?').join(', ')})`;
  const head = `INSERT INTO ${table} (${columns.join(', ')}) VALUES `;
  const many = db.prepare(head + Array.from({ length: rows }, () => one).join(', '));
  const single = db.prepare(head + one);
  const width = columns.length;
  if (width < 1 || width > MAX_COLUMNS) throw new Error(`bulkInsert: 1 to ${MAX_COLUMNS} columns`);
  const buf: unknown[] = new Array(rows * width).fill(null);
  let k = 0;
  return {
    push(v0, v1, v2, v3, v4, v5) {
      buf[k++] = v0;
      if (width > 1) buf[k++] = v1;
      if (width > 2) buf[k++] = v2;
      if (width > 3) buf[k++] = v3;
      if (width > 4) buf[k++] = v4;
      if (width > 5) buf[k++] = v5;
      if (k === buf.length) {
        many.run(buf);
        k = 0;
      }
    },
    flush() {
      for (let i = 0; i < k; i += width) single.run(buf.slice(i, i + width));
      k = 0;
    },
  };
}
