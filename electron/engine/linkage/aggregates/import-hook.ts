// Engine, job thread. Keeping the aggregates current while exchanges are imported. A bulk load
// (first import, plain INSERTs, ids given) feeds the writer's rows batch by batch and flushes
// when the builder is full; an OR IGNORE import (duplicates skipped by SQLite) reads its own new
// rows back at the end. Either way the final merge runs in the import's finishing transaction,
// so a cancelled or killed import leaves the aggregates as they were (a bulk load's early
// flushes are removed with its rows: the case then has no exchanges, and aggregates over no
// exchanges are found stale and cleared).
import type { Db } from '../../db/connection';
import { AggregateBuilder } from './builder';
import { feedFromExchanges, writerRowFeeder, type WriterRows } from './feed';
import { aggregateCoverage, aggregatesCurrent, clearAggregates, exchangesCoverage, setCoverage } from './state';

export class ImportAggregates {
  private builder: AggregateBuilder;
  private feed: ((rows: WriterRows) => void) | null = null;
  /** false when the aggregates were already stale: analysis rebuilds them, nothing to maintain */
  private readonly tracking: boolean;
  private readonly before: number;

  constructor(
    private readonly db: Db,
    private readonly firstExchangeId: number,
    private readonly bulk: boolean,
    maxPairs?: number,
  ) {
    this.builder = new AggregateBuilder(maxPairs);
    if (bulk) {
      // no exchanges yet: whatever aggregates exist describe nothing
      clearAggregates(db);
      this.tracking = true;
    } else this.tracking = aggregatesCurrent(db);
    this.before = aggregateCoverage(db).exchanges;
  }

  /** Whether the writer should hand its batches to onRows (a bulk load of tracked aggregates). */
  get wantsRows(): boolean {
    return this.bulk && this.tracking;
  }

  /** For the writer (bulk loads only): one call per batch with every row's columns. Runs in the batch's transaction. */
  readonly onRows = (rows: WriterRows): void => {
    if (!this.bulk || !this.tracking) return;
    this.feed ??= writerRowFeeder(this.builder);
    this.feed(rows);
    if (this.builder.full) this.builder.flushFull(this.db);
  };

  /**
   * After the last row of a bulk load: starts merging the spilled runs on the merge worker, to
   * overlap the index builds; await merged() before commit.
   */
  startMerge(): void {
    if (this.bulk && this.tracking) this.builder.startMerge(this.db);
  }

  /** Waits for the merge startMerge began. */
  async merged(): Promise<void> {
    await this.builder.merged();
  }

  /** Removes the builder's scratch file (the import was cancelled or failed). */
  dispose(): void {
    this.builder.dispose();
  }

  /**
   * Merges this import into the aggregates. Call inside the import's finishing transaction, after
   * duplicate request ids were removed (`removedDuplicates` of them).
   */
  commit(removedDuplicates: number, progress?: (done: number, total: number, step: 'counting per-account values' | 'writing per-account values') => void): void {
    if (!this.tracking) return;
    if (!this.bulk || removedDuplicates > 0) {
      // rows were skipped or removed after being fed: count what is stored
      if (this.bulk) {
        clearAggregates(this.db);
        this.builder.dispose();
        this.builder = new AggregateBuilder(this.builder.maxPairs);
      }
      feedFromExchanges(this.db, this.builder, this.bulk ? 0 : this.firstExchangeId, () => this.builder.flushFull(this.db), progress && ((d, t) => progress(d, t, 'counting per-account values')));
    }
    const rows = this.builder.rows;
    this.builder.flush(this.db, progress && ((d, t) => progress(d, t, 'writing per-account values')));
    const e = exchangesCoverage(this.db);
    const covered = (this.bulk ? 0 : this.before) + rows;
    // a mismatch means rows changed under us: leave the aggregates stale for analysis to rebuild
    if (covered === e.exchanges) setCoverage(this.db, { maxExchangeId: e.maxExchangeId, exchanges: covered });
    else setCoverage(this.db, { maxExchangeId: -1, exchanges: -1 });
  }
}
