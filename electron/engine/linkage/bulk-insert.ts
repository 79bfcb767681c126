// Engine, job worker. Multi-row INSERT in batches: one prepared statement of `rows` rows reused
// for every full batch (one statement per batch instead of one per row), the remainder row by
// row. Used inside the caller's transaction; parameters are always bound, never spliced.
import type { Db } from '../db/connection';

export interface BulkInsert {
  push(...values: unknown[]): void;
  flush(): void;
}

export function bulkInsert(db: Db, table: string, columns: readonly string[], rows = 64): BulkInsert {
  const one = `(${columns.map(() => '?').join(', ')})`;
  const head = `INSERT INTO ${table} (${columns.join(', ')}) VALUES `;
  const many = db.prepare(head + Array.from({ length: rows }, () => one).join(', '));
  const single = db.prepare(head + one);
  const width = columns.length;
  const buf: unknown[] = [];
  return {
    push(...values: unknown[]) {
      for (const v of values) buf.push(v);
      if (buf.length === rows * width) {
        many.run(buf);
        buf.length = 0;
      }
    },
    flush() {
      for (let i = 0; i < buf.length; i += width) single.run(buf.slice(i, i + width));
      buf.length = 0;
    },
  };
}
