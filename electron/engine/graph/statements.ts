// Engine. The graph views' data stamp and the results memoised on it; their statements are
// prepared once per connection (db/statements.ts).
import type { Db } from '../db/connection';
import { stmt } from '../db/statements';

export { stmt };

/** Results computed from one analysis stay valid until the next analysis or import. */
const memo = new WeakMap<Db, Map<string, { stamp: string; value: unknown }>>();

export function dataStamp(db: Db): string {
  const a = stmt(db, "SELECT coalesce(max(id), 0) AS id, coalesce(max(finished_at), '') AS f FROM analyses").get() as { id: number; f: string };
  const i = stmt(db, "SELECT coalesce(max(id), 0) AS id, coalesce(max(finished_at), '') AS f FROM imports").get() as { id: number; f: string };
  // the investigator's actions (tags, merges) change what the overview shows too
  const hasActions = stmt(db, "SELECT 1 AS x FROM sqlite_master WHERE type = 'table' AND name = 'actions'").get();
  const act = hasActions ? (stmt(db, 'SELECT coalesce(max(seq), 0) AS s, count(*) AS n FROM actions WHERE undone = 0').get() as { s: number; n: number }) : { s: 0, n: 0 };
  return `${a.id}:${a.f}:${i.id}:${i.f}:${act.s}:${act.n}`;
}

export function memoised<T>(db: Db, key: string, compute: () => T): T {
  let m = memo.get(db);
  if (!m) memo.set(db, (m = new Map()));
  const stamp = dataStamp(db);
  const hit = m.get(key);
  if (hit && hit.stamp === stamp) return hit.value as T;
  const value = compute();
  m.set(key, { stamp, value });
  return value;
}
