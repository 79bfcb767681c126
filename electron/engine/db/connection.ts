// Engine. Opens a case file: the only place that creates a better-sqlite3 connection.
import Database from 'better-sqlite3';
import { migrate } from './migrate';

export type Db = Database.Database;

/** The page cache of a connection (negative: KiB), 64 MiB. */
export const CACHE_SIZE = -65536;

export interface OpenOptions {
  readonly?: boolean;
  /** create the file when missing (otherwise a missing file is an error) */
  create?: boolean;
}

export function openDb(path: string, opts: OpenOptions = {}): Db {
  const db = new Database(path, { readonly: opts.readonly ?? false, fileMustExist: !opts.create });
  // WAL lets analysis and UI reads run while an import writes; NORMAL sync is durable at each
  // transaction commit boundary in WAL mode against application crashes (kill -9).
  if (!opts.readonly) db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma(`cache_size = ${CACHE_SIZE}`);
  db.pragma('temp_store = MEMORY');
  if (!opts.readonly) migrate(db);
  return db;
}
