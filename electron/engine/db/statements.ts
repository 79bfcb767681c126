// Engine. Prepared statements kept per connection and reused: preparing costs about 0.1 ms a
// statement, and an import of a small file prepared a few dozen (a CloudTrail trail is thousands
// of files of a few kB). A statement's mode (pluck, raw) is set by each use that needs it: every
// user of one SQL text must ask for the same mode.
import type { Statement } from 'better-sqlite3';
import type { Db } from './connection';

const cache = new WeakMap<Db, Map<string, Statement>>();

/** `sql` prepared on `db`, once per connection. */
export function stmt(db: Db, sql: string): Statement {
  let m = cache.get(db);
  if (!m) cache.set(db, (m = new Map()));
  let s = m.get(sql);
  if (!s) m.set(sql, (s = db.prepare(sql)));
  return s;
}
