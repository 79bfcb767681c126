// Engine. An open case: its SQLite connection and the facts about it every handler needs.
import { randomBytes, randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { CaseSummary } from '../shared/contract';
import { openDb, type Db } from './db/connection';
import { schemaVersion } from './db/migrate';
import { recoverInterruptedImports } from './ingest/rollback';
import { APP_VERSION } from './version';

export class CaseSession {
  private constructor(
    readonly db: Db,
    readonly path: string,
  ) {}

  /** Opens (or creates) a case file, migrates it and makes sure its identity exists. */
  static open(path: string, opts: { create?: boolean; name?: string } = {}): CaseSession {
    const db = openDb(path, { create: opts.create ?? false });
    const s = new CaseSession(db, path);
    s.ensureIdentity(opts.name ?? basename(path).replace(/\.(lwcase\.)?sqlite$/i, ''));
    // an import killed with its process (kill -9, power loss) shows as interrupted, its rows rolled back
    recoverInterruptedImports(db);
    return s;
  }

  private ensureIdentity(name: string): void {
    const insert = this.db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)');
    this.db.transaction(() => {
      insert.run('case_id', randomUUID());
      insert.run('name', name);
      insert.run('created_at', new Date().toISOString());
      insert.run('created_by_version', APP_VERSION);
      // keyed pseudonymisation of exports: a per-case secret that never leaves the case file
      insert.run('pseudonym_secret', randomBytes(32).toString('hex'));
    })();
  }

  meta(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }

  summary(): CaseSummary {
    const count = (sql: string) => (this.db.prepare(sql).get() as { n: number }).n;
    return {
      caseId: this.meta('case_id') ?? '',
      name: this.meta('name') ?? '',
      path: this.path,
      createdAt: this.meta('created_at') ?? '',
      schemaVersion: schemaVersion(this.db),
      accounts: count('SELECT count(*) AS n FROM accounts'),
      exchanges: count('SELECT count(*) AS n FROM exchanges'),
      imports: count("SELECT count(*) AS n FROM imports WHERE status = 'complete'"),
    };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
