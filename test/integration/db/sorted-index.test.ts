// An index built in one small, threaded, file-backed sort (createIndexSorted) is the same index,
// and leaves the connection's settings as they were; inside a transaction that has used temporary
// storage (where SQLite refuses to change temp_store) it still builds the index, sorting in memory.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../../electron/engine/db/connection';
import { createIndexSorted, setTempStore, TEMP_FILE } from '../../../electron/engine/db/sorted-index';
import { tempDir } from '../ingest/helpers';

function filled() {
  const db = openDb(join(tempDir('lw-sorted-'), 'c.sqlite'), { create: true });
  db.exec('CREATE TABLE t (a INTEGER, b INTEGER)');
  const ins = db.prepare('INSERT INTO t VALUES (?, ?)');
  db.transaction(() => {
    for (let i = 0; i < 50_000; i++) ins.run((i * 7919) % 50_000, i % 97);
  })();
  return db;
}

const settings = (db: ReturnType<typeof openDb>) => ['cache_size', 'temp_store', 'threads'].map((p) => db.pragma(p, { simple: true }));

describe('createIndexSorted', () => {
  it('builds the index and restores cache_size, temp_store and threads', () => {
    const db = filled();
    const before = settings(db);
    createIndexSorted(db, 'CREATE INDEX t_b ON t (b, a)');
    expect(settings(db)).toEqual(before);
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT a FROM t WHERE b = 5').all() as { detail: string }[];
    expect(plan.map((r) => r.detail).join(' ')).toMatch(/USING COVERING INDEX t_b/);
    expect(db.prepare('SELECT count(*) FROM t INDEXED BY t_b WHERE b = 5').pluck().get()).toBe(db.prepare('SELECT count(*) FROM t NOT INDEXED WHERE b = 5').pluck().get());
    expect(db.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
    db.close();
  });

  it('inside a transaction that used temporary storage: the index still, temp_store untouched', () => {
    const db = filled();
    db.transaction(() => {
      db.exec('CREATE TEMP TABLE scratch (x)');
      db.exec('INSERT INTO scratch VALUES (1)');
      expect(setTempStore(db, TEMP_FILE)).toBe(false); // SQLite refuses here
      const store = db.pragma('temp_store', { simple: true });
      createIndexSorted(db, 'CREATE INDEX t_a ON t (a)');
      expect(db.pragma('temp_store', { simple: true })).toBe(store);
    })();
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 't_a'").pluck().get()).toBe(1);
    expect(db.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
    db.close();
  });
});
