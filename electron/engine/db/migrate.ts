// Engine. Applies numbered migrations, each in its own transaction; user_version is the schema version.
import type { Db } from './connection';
import { migrations, SCHEMA_VERSION } from './migrations';

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(db: Db): number {
  const from = schemaVersion(db);
  if (from > SCHEMA_VERSION) {
    throw new Error(
      `This case was written by a newer Linkwork (schema ${from}; this version knows ${SCHEMA_VERSION}). Update Linkwork to open it.`,
    );
  }
  for (const m of migrations) {
    if (m.version <= from) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return schemaVersion(db);
}
