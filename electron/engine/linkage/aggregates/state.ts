// Engine. Whether the aggregates cover the exchanges table exactly, and the one-time rebuild from
// exchanges when they do not (cases imported before migration 4, rows written by other tools).
import type { Db } from '../../db/connection';
import { stmt } from '../../db/statements';
import { AggregateBuilder } from './builder';
import { feedFromExchanges } from './feed';
import { TEMPLATE_KIND } from './kinds';

export interface Coverage {
  maxExchangeId: number;
  exchanges: number;
}

export function aggregateCoverage(db: Db): Coverage {
  const r = stmt(db, 'SELECT max_exchange_id, exchanges FROM agg_state WHERE id = 1').get() as { max_exchange_id: number; exchanges: number } | undefined;
  return { maxExchangeId: r?.max_exchange_id ?? 0, exchanges: r?.exchanges ?? 0 };
}

/** Sums of n over agg_values, all kinds and the prompt templates' (kept by the import's flush,
 * migration 8); counted from the rows when the state holds none. */
export function aggregateTotals(db: Db): { keys: number; templateKeys: number } {
  const r = stmt(db, 'SELECT value_keys, template_keys FROM agg_state WHERE id = 1').raw(true).get() as [number | null, number | null] | undefined;
  if (r && r[0] !== null && r[1] !== null) return { keys: r[0], templateKeys: r[1] };
  const [keys, templateKeys] = stmt(db, `SELECT coalesce(sum(n), 0), coalesce(sum(CASE WHEN kind = ${TEMPLATE_KIND} THEN n END), 0) FROM agg_values`)
    .raw(true)
    .get() as [number, number];
  return { keys, templateKeys };
}

export function exchangesCoverage(db: Db): Coverage {
  const maxExchangeId = stmt(db, 'SELECT coalesce(max(id), 0) FROM exchanges').pluck().get() as number;
  const exchanges = maxExchangeId === 0 ? 0 : (stmt(db, 'SELECT count(*) FROM exchanges').pluck().get() as number);
  return { maxExchangeId, exchanges };
}

export function setCoverage(db: Db, c: Coverage): void {
  stmt(db, 'INSERT INTO agg_state (id, max_exchange_id, exchanges) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET max_exchange_id = excluded.max_exchange_id, exchanges = excluded.exchanges').run(
    c.maxExchangeId,
    c.exchanges,
  );
}

/** True when the aggregates describe exactly the exchanges stored (none left over from a rolled-back load). */
export function aggregatesCurrent(db: Db): boolean {
  const a = aggregateCoverage(db);
  const e = exchangesCoverage(db);
  if (a.maxExchangeId !== e.maxExchangeId || a.exchanges !== e.exchanges) return false;
  // nothing covered: the tables must be empty too (a cancelled first import may have flushed some)
  if (e.exchanges === 0) return stmt(db, 'SELECT NOT EXISTS (SELECT 1 FROM agg_accounts) AND NOT EXISTS (SELECT 1 FROM agg_values)').pluck().get() === 1;
  return true;
}

export function clearAggregates(db: Db): void {
  db.exec('DELETE FROM agg_values; DELETE FROM agg_accounts; DELETE FROM agg_state;');
}

/**
 * Rebuilds the aggregates from every stored exchange, in one transaction (cancelling leaves the
 * old ones). Slow (it reads every row), done once per case; returns the rows read.
 */
export function rebuildAggregates(db: Db, hooks: { progress?: (done: number, total: number) => void; checkCancelled?: () => void } = {}, maxPairs?: number): number {
  return db.transaction(() => {
    clearAggregates(db);
    const b = new AggregateBuilder(maxPairs);
    try {
      const rows = feedFromExchanges(
        db,
        b,
        0,
        () => b.flushFull(db),
        (done, total) => {
          hooks.checkCancelled?.();
          hooks.progress?.(done, total);
        },
      );
      b.flush(db);
      setCoverage(db, exchangesCoverage(db));
      return rows;
    } finally {
      b.dispose();
    }
  })();
}

/** Rebuilds when stale; returns whether it did. */
export function ensureAggregates(db: Db, hooks: { progress?: (done: number, total: number) => void; checkCancelled?: () => void } = {}): boolean {
  if (aggregatesCurrent(db)) return false;
  rebuildAggregates(db, hooks);
  return true;
}
