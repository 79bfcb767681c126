// Engine. The unit of undo/redo: one row of one table, before and after an action. An action is
// a list of changes; undo writes the `before` rows back in reverse order, redo the `after` rows.
// Only the tables below can be changed this way (their names and columns are fixed here, never
// taken from a request).
import type { Db } from '../db/connection';
import { stmt } from '../db/statements';

export const TABLES = {
  tags: { key: ['id'], columns: ['id', 'name', 'color', 'description', 'created_at'] },
  tag_links: { key: ['tag_id', 'target_kind', 'target_id'], columns: ['tag_id', 'target_kind', 'target_id', 'created_at'] },
  notes: { key: ['id'], columns: ['id', 'target_kind', 'target_id', 'format', 'body', 'created_at', 'updated_at'] },
  account_verdicts: { key: ['account_id'], columns: ['account_id', 'verdict', 'cluster_id', 'updated_at'] },
  cluster_overrides: { key: ['id'], columns: ['id', 'op', 'target', 'accounts', 'sources', 'created_at', 'active'] },
  // derived by analysis; changed by merges, splits and false-positive verdicts
  clusters: {
    key: ['id'],
    columns: ['id', 'analysis_id', 'size', 'score', 'flagged', 'features_json', 'reasons_json', 'first_ts', 'last_ts', 'exchanges'],
  },
  cluster_members: { key: ['account'], columns: ['account', 'cluster_id'] },
} as const;

export type TableName = keyof typeof TABLES;
export type Row = Record<string, string | number | null>;

export interface Change {
  table: TableName;
  key: Row;
  before: Row | null;
  after: Row | null;
}

/** Tables an analysis rewrites: an undo that finds them changed since leaves them alone. */
export const DERIVED: ReadonlySet<TableName> = new Set(['clusters', 'cluster_members']);


const where = (t: TableName) => TABLES[t].key.map((k) => `${k} = @${k}`).join(' AND ');

export function readRow(db: Db, table: TableName, key: Row): Row | null {
  const spec = TABLES[table];
  const row = stmt(db, `SELECT ${spec.columns.join(', ')} FROM ${table} WHERE ${where(table)}`).get(key) as Row | undefined;
  return row ?? null;
}

export function writeRow(db: Db, table: TableName, key: Row, row: Row | null): void {
  const spec = TABLES[table];
  if (row === null) {
    stmt(db, `DELETE FROM ${table} WHERE ${where(table)}`).run(key);
    return;
  }
  const cols = spec.columns as readonly string[];
  const params: Row = {};
  for (const c of cols) params[c] = row[c] ?? null;
  stmt(db, `INSERT OR REPLACE INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(params);
}

export function sameRow(a: Row | null, b: Row | null): boolean {
  if (a === null || b === null) return a === b;
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

/** A change that sets `table[key]` to `after`, recording what was there. No-op changes are dropped. */
export function change(db: Db, table: TableName, key: Row, after: Row | null): Change | null {
  const before = readRow(db, table, key);
  if (sameRow(before, after === null ? null : normalise(table, after))) return null;
  return { table, key, before, after: after === null ? null : normalise(table, after) };
}

function normalise(table: TableName, row: Row): Row {
  const out: Row = {};
  for (const c of TABLES[table].columns) out[c] = row[c] ?? null;
  return out;
}

/** Applies changes forward, one at a time (each sees the previous ones). */
export function applyForward(db: Db, changes: readonly Change[]): void {
  for (const c of changes) writeRow(db, c.table, c.key, c.after);
}

/**
 * Reverts changes (reverse order). A derived row that no longer holds the action's result (an
 * analysis ran since) is left as it is; the count of such rows is returned.
 */
export function applyBackward(db: Db, changes: readonly Change[]): { stale: number } {
  let stale = 0;
  for (let i = changes.length - 1; i >= 0; i--) {
    const c = changes[i]!;
    if (DERIVED.has(c.table) && !sameRow(readRow(db, c.table, c.key), c.after)) {
      stale++;
      continue;
    }
    writeRow(db, c.table, c.key, c.before);
  }
  return { stale };
}

export function reapply(db: Db, changes: readonly Change[]): { stale: number } {
  let stale = 0;
  for (const c of changes) {
    if (DERIVED.has(c.table) && !sameRow(readRow(db, c.table, c.key), c.before)) {
      stale++;
      continue;
    }
    writeRow(db, c.table, c.key, c.after);
  }
  return { stale };
}
