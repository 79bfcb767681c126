// Engine, job thread. The case's `strings` table as the import's writer uses it: each distinct
// string (IP, user agent, key, model ...) stored once, its id remembered, new strings written in
// batches when the case had none.
import type Database from 'better-sqlite3';
import type { Db } from '../db/connection';

/**
 * Strings remembered before the memory starts over. Each costs this thread's heap about 280
 * bytes (the text as a V8 string and its map entry): at the reported scale 500,000 took the heap
 * from about 45 to 185 MB, the larger part of the import's peak while rows are loaded.
 */
const INTERNED_CAP = 250_000;
/** new strings per multi-row INSERT (a case whose strings table was empty: see nextId) */
const MULTI_STRINGS = 64;

export class CaseStrings {
  /**
   * Strings interned, text -> id: each parse worker has its own dictionary, so every string
   * arrives once per worker (and again after a dictionary reset), and once the strings index
   * outgrows the page cache each lookup there reads pages.
   */
  private interned = new Map<string, number>();
  /**
   * While the case had no strings when this writer began and `interned` was never cleared, a
   * string not in `interned` is new to the case: it gets the id SQLite would give it (one more than
   * the last, in order) and waits in `pending` for a multi-row INSERT, instead of an INSERT ...
   * ON CONFLICT and a read of its id per string. 0 otherwise. An insert that found the string
   * stored after all fails on the unique index, it cannot store a second copy.
   */
  private nextId = 0;
  private pending: unknown[] = [];
  private insertOne: Database.Statement;
  private find: Database.Statement;
  private insertMany: Database.Statement;
  private insertWithId: Database.Statement;

  constructor(db: Db) {
    this.insertOne = db.prepare('INSERT INTO strings (value) VALUES (?) ON CONFLICT (value) DO NOTHING');
    this.find = db.prepare('SELECT id FROM strings WHERE value = ?').pluck();
    this.insertMany = db.prepare(`INSERT INTO strings (id, value) VALUES ${Array.from({ length: MULTI_STRINGS }, () => '(?, ?)').join(',')}`);
    this.insertWithId = db.prepare('INSERT INTO strings (id, value) VALUES (?, ?)');
    if (db.prepare('SELECT NOT EXISTS (SELECT 1 FROM strings)').pluck().get() === 1) this.nextId = 1;
  }

  /** The id of `s` in the case, stored if new (call `flush` before the transaction ends). */
  intern(s: string): number {
    let id = this.interned.get(s);
    if (id !== undefined) return id;
    if (this.nextId > 0) {
      id = this.nextId++;
      const q = this.pending;
      q.push(id, s);
      if (q.length === 2 * MULTI_STRINGS) {
        this.insertMany.run(...q);
        q.length = 0;
      }
    } else {
      const r = this.insertOne.run(s);
      id = r.changes > 0 ? Number(r.lastInsertRowid) : (this.find.get(s) as number);
    }
    if (this.interned.size >= INTERNED_CAP) {
      this.interned.clear();
      // a string forgotten here may come again: from now on each is looked up in the case
      this.flush();
      this.nextId = 0;
    }
    this.interned.set(s, id);
    return id;
  }

  /** Forgets the strings interned (the writer is done): their ids are looked up in the case again. */
  release(): void {
    this.flush();
    this.interned = new Map();
    this.nextId = 0;
  }

  /** Inserts the new strings still waiting. */
  flush(): void {
    const q = this.pending;
    for (let k = 0; k < q.length; k += 2) this.insertWithId.run(q[k], q[k + 1]);
    q.length = 0;
  }
}
