// Engine, job thread. The earliest and latest time of an import's rows (exchanges' ts, accounts'
// created_at; ms UTC), taken from each batch as it is written: recorded with the import's
// provenance (migration 9).
import type { AccountBatch, ExchangeBatch } from './batch';

export class RowTimes {
  first = Infinity;
  last = -Infinity;

  see(b: ExchangeBatch | AccountBatch): void {
    let lo = this.first;
    let hi = this.last;
    if (b.kind === 'exchanges') {
      for (let i = 0; i < b.n; i++) {
        const t = b.ts[i]!;
        if (t < lo) lo = t;
        if (t > hi) hi = t;
      }
    } else {
      for (const r of b.rows) {
        const t = r.created_at;
        if (t === null) continue;
        if (t < lo) lo = t;
        if (t > hi) hi = t;
      }
    }
    this.first = lo;
    this.last = hi;
  }

  /** null when no row had a time */
  get span(): { first: number; last: number } | null {
    return this.first <= this.last ? { first: this.first, last: this.last } : null;
  }
}
