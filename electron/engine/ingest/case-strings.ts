// Engine, job thread. The case's `strings` table as the import's writer uses it: each distinct
// string (IP, user agent, key, model ...) stored once, its id remembered, new strings written in
// batches when the case had none.
import type Database from 'better-sqlite3';
import type { Db } from '../db/connection';
import { stmt } from '../db/statements';
import { StringIds } from './string-ids';

/**
 * Strings remembered before the memory starts over, and their code units in all: about 100 MB
 * at most (string-ids.ts). The reported scale's 889,045 strings of 24 characters on average fit
 * (about 80 MB): each is written with an id given here and never looked up in the case. In a
 * JavaScript Map, at 280 bytes of heap each, only 250,000 fitted; past them every string a parse
 * worker sent again (each has its own dictionary) cost an INSERT that conflicted and a SELECT
 * (1,789,653 of the reported scale's 4,346,967 look-ups: 19.6 s of this thread).
 */
const MAX_STRINGS = 1 << 20;
const MAX_UNITS = 1 << 25;
/** new strings per multi-row INSERT (a case whose strings table was empty: see nextId) */
const MULTI_STRINGS = 64;

export class CaseStrings {
  /**
   * Strings interned, text -> id: each parse worker has its own dictionary, so every string
   * arrives once per worker (and again after a dictionary reset), and once the strings index
   * outgrows the page cache each lookup there reads pages.
   */
  private interned: StringIds;
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

  /** `limits`: what `interned` holds before it starts over (tests make it small) */
  constructor(db: Db, limits: { strings: number; units: number } = { strings: MAX_STRINGS, units: MAX_UNITS }) {
    this.interned = new StringIds(limits.strings, limits.units);
    this.insertOne = stmt(db, 'INSERT INTO strings (value) VALUES (?) ON CONFLICT (value) DO NOTHING');
    this.find = stmt(db, 'SELECT id FROM strings WHERE value = ?').pluck();
    this.insertMany = stmt(db, `INSERT INTO strings (id, value) VALUES ${Array.from({ length: MULTI_STRINGS }, () => '(?, ?)').join(',')}`);
    this.insertWithId = stmt(db, 'INSERT INTO strings (id, value) VALUES (?, ?)');
    if (stmt(db, 'SELECT NOT EXISTS (SELECT 1 FROM strings)').pluck().get() === 1) this.nextId = 1;
  }

  /** The id of `s` in the case, stored if new (call `flush` before the transaction ends). */
  intern(s: string): number {
    let id = this.interned.get(s);
    if (id >= 0) return id;
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
    if (!this.interned.put(id)) {
      // full: a string forgotten here may come again, so from now on each is looked up in the case
      this.interned.clear();
      this.flush();
      this.nextId = 0;
    }
    return id;
  }

  /** Forgets the strings interned (the writer is done): their ids are looked up in the case again. */
  release(): void {
    this.flush();
    this.interned.dispose();
    this.nextId = 0;
  }

  /** Inserts the new strings still waiting. */
  flush(): void {
    const q = this.pending;
    for (let k = 0; k < q.length; k += 2) this.insertWithId.run(q[k], q[k + 1]);
    q.length = 0;
  }
}
