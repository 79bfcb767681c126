// Engine, job thread. An import's rejected rows: every one counted, the first MAX_STORED_REJECTS
// stored with their line, reason and bounded excerpt (a file of garbage must not grow the case
// without bound), the first few kept for the summary, and one closing row saying how many more
// were counted.
import type Database from 'better-sqlite3';
import type { Db } from '../db/connection';
import { LIMITS } from '../../shared/limits';
import type { RejectRow } from './batch';

export const MAX_STORED_REJECTS = 100_000;

export class RejectLog {
  rejected = 0;
  private stored = 0;
  /** the first few rejects, for summaries */
  readonly first: RejectRow[] = [];
  private insert: Database.Statement;

  constructor(
    db: Db,
    private importId: number,
  ) {
    this.insert = db.prepare('INSERT INTO rejects (import_id, line, reason, excerpt) VALUES (?, ?, ?, ?)');
  }

  write(rejects: readonly RejectRow[]): void {
    for (const r of rejects) {
      this.rejected++;
      if (this.first.length < 5) this.first.push({ line: r.line, reason: r.reason.slice(0, 200), excerpt: r.excerpt.slice(0, 120) });
      if (this.stored < MAX_STORED_REJECTS) {
        this.stored++;
        this.insert.run(this.importId, r.line, r.reason.slice(0, 1000), r.excerpt.slice(0, LIMITS.rejectExcerptBytes + 1));
      }
    }
  }

  /** One closing row when rejects were counted but not all stored. */
  finish(): void {
    if (this.rejected > this.stored) this.insert.run(this.importId, 0, `${this.rejected - this.stored} more rejected rows were counted but not stored one by one`, '');
  }
}
