// Engine, job worker. Multi-row INSERT in batches: one prepared statement of `rows` rows reused
// for every full batch (one statement per batch instead of one per row), the remainder row by
// row. Parameters go into one preallocated array (no per-row arrays). Used inside the caller's
// transaction; parameters are always bound, never spliced.
import type { Db } from '../db/connection';

export interface BulkInsert {
  push(...values: unknown[]): void;
  flush(): void;
}

export function bulkInsert(db: Db, table: string, columns: readonly string[], rows = 256): BulkInsert {
  const one = `(${columns.map(() => '?').join(', ')})`;
  const head = `INSERT INTO ${table} (${columns.join(', ')}) VALUES `;
  const many = db.prepare(head + Array.from({ length: rows }, () => one).join(', '));
  const single = db.prepare(head + one);
  const width = columns.length;
  const buf: unknown[] = new Array(rows * width).fill(null);
  let k = 0;
  return {
    push(...values: unknown[]) {
      for (let i = 0; i < width; i++) buf[k++] = values[i];
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
