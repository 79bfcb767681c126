// The engine's cache of recent cluster views (view-cache.ts) on a real case file: a view asked
// again is not rebuilt while the case's data stays the same; a finished analysis, or more views
// than it keeps, makes it build again.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../../electron/engine/db/connection';
import { buildClusterView } from '../../../electron/engine/graph/cluster-view';
import { cachedView } from '../../../electron/engine/graph/view-cache';
import { packView } from '../../../electron/shared/contract/graph-pack';
import { buildGraphFixture } from './graph-fixture';

let dir: string;
let db: Db;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lw-view-cache-'));
  db = openDb(join(dir, 'case.sqlite'), { create: true });
  buildGraphFixture(db, { clusters: [{ size: 20, score: 0.9, cardGroup: 4, ipGroup: 5 }, { size: 8, score: 0.3, cardGroup: 2, ipGroup: 3 }], loners: 3 });
});

afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const req = { id: 'C001', mode: 'accounts' as const, minWeight: 0, signals: null, timeRange: null, hubs: false };

describe('cachedView', () => {
  it('builds a view once while the case is unchanged, and again after an analysis finished', () => {
    let builds = 0;
    const build = () => {
      builds++;
      return packView(buildClusterView(db, req));
    };
    const first = cachedView(db, 'k1', build);
    const again = cachedView(db, 'k1', build);
    expect(builds).toBe(1);
    expect(again.nodes).toEqual(first.nodes);
    expect(again.ms).toBe(0);
    db.prepare("UPDATE analyses SET finished_at = coalesce(finished_at, '') || 'x' WHERE id = (SELECT max(id) FROM analyses)").run();
    cachedView(db, 'k1', build);
    expect(builds).toBe(2);
  });

  it('keeps the last four views, most recently used first', () => {
    let builds = 0;
    const build = () => {
      builds++;
      return packView(buildClusterView(db, req));
    };
    for (const k of ['a', 'b', 'c', 'd']) cachedView(db, k, build);
    cachedView(db, 'a', build); // a is fresh again: b is now the oldest
    cachedView(db, 'e', build); // drops b
    expect(builds).toBe(5);
    cachedView(db, 'a', build);
    expect(builds).toBe(5);
    cachedView(db, 'b', build);
    expect(builds).toBe(6);
  });
});
