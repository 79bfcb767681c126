// The two forms of an edge's signals_json: an analysis writes the object of weights; a case
// analysed by an earlier version holds the list [{signal, weight}]. Every reader (edge-store,
// explain's paths, the evidence packet, the graph views and overview) shows the same for both.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { collectPacket } from '../../../electron/engine/evidence/collect';
import { buildAccountView, edgesAmong as rawEdgesAmong, internalIds } from '../../../electron/engine/graph/account-graph';
import { buildClusterView } from '../../../electron/engine/graph/cluster-view';
import { buildOverview } from '../../../electron/engine/graph/overview';
import { analyze } from '../../../electron/engine/linkage/analyze';
import { edgesAmong, neighbours } from '../../../electron/engine/linkage/edge-store';
import { strongestPath } from '../../../electron/engine/linkage/explain';
import type { Db } from '../../../electron/engine/db/connection';
import type { CaseBuilder } from './case-builder';
import { buildWorld } from './world';

/** Reader outputs over the top clusters' members (timings left out). */
function views(db: Db) {
  const clusters = db.prepare('SELECT id FROM clusters ORDER BY score DESC, id LIMIT 3').pluck().all() as string[];
  const out: Record<string, unknown> = {};
  for (const id of clusters) {
    const members = db.prepare('SELECT a.account_id FROM cluster_members m JOIN accounts a ON a.id = m.account WHERE m.cluster_id = ? ORDER BY a.id').pluck().all(id) as string[];
    out[`among ${id}`] = edgesAmong(db, members);
    out[`neighbours ${id}`] = neighbours(db, members[0]!, 20);
    out[`path ${id}`] = strongestPath(db, members[0]!, members[members.length - 1]!);
    const view = buildClusterView(db, { id, mode: 'accounts', signals: null, minWeight: 0, hubs: false, timeRange: null });
    const filtered = buildClusterView(db, { id, mode: 'accounts', signals: ['ip', 'template', 'payment'], minWeight: 0, hubs: true, timeRange: null });
    out[`view ${id}`] = [view.nodes, view.edges, filtered.nodes, filtered.edges];
    const ids = internalIds(db, members);
    out[`values view ${id}`] = buildAccountView(db, ids, rawEdgesAmong(db, ids), { mode: 'values', signals: null, minWeight: 0, hubs: true, home: null }).edges;
  }
  out.packet = collectPacket(db, { clusterIds: clusters }).links;
  const overview = buildOverview(db, 500) as unknown as Record<string, unknown>;
  delete overview.ms;
  out.overview = overview;
  return out;
}

let cb: CaseBuilder;
beforeAll(() => {
  cb = buildWorld(11);
  analyze(cb.db);
});
afterAll(() => cb?.close());

it('reads the object form an analysis writes and the list form of earlier analyses the same way', () => {
  const db = cb.db;
  const texts = db.prepare('SELECT signals_json FROM edges').pluck().all() as string[];
  expect(texts.length).toBeGreaterThan(20);
  expect(texts.every((t) => t.startsWith('{'))).toBe(true);
  const now = views(db);
  // not vacuous: links with several signals, paths and packet links
  expect(texts.some((t) => Object.keys(JSON.parse(t) as object).length >= 3)).toBe(true);
  expect((now.packet as unknown[]).length).toBeGreaterThan(0);
  expect(Object.entries(now).some(([k, v]) => k.startsWith('path') && v !== null)).toBe(true);

  // the same analysis as an earlier version stored it
  db.function('list_form', (t: unknown) => JSON.stringify(Object.entries(JSON.parse(String(t)) as Record<string, number>).map(([signal, weight]) => ({ signal, weight }))));
  db.exec('UPDATE edges SET signals_json = list_form(signals_json)');
  // the overview is memoised and stored per analysis: a new stamp makes it read the edges again
  db.exec("UPDATE analyses SET finished_at = finished_at || ' ' WHERE id = (SELECT max(id) FROM analyses)");
  expect((db.prepare('SELECT signals_json FROM edges LIMIT 1').pluck().get() as string).startsWith('[{"signal":')).toBe(true);
  expect(views(db)).toEqual(now);
});
