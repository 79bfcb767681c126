// Engine. The drill-down into one cluster, its neighbourhoods, and views of hand-picked accounts.
import type { GraphView, TimeRange, ViewMode } from '../../shared/contract';
import { EngineError } from '../../shared/result';
import type { Db } from '../db/connection';
import { buildAccountView, edgesAmong, internalIds, type RawEdge } from './account-graph';
import { stmt } from './statements';

export interface ClusterViewParams {
  id: string;
  mode: ViewMode;
  minWeight: number;
  signals: string[] | null;
  timeRange: TimeRange;
  hubs: boolean;
}

export function clusterMembers(db: Db, id: string): number[] {
  return (stmt(db, 'SELECT account FROM cluster_members WHERE cluster_id = ? ORDER BY account').all(id) as Array<{ account: number }>).map((r) => r.account);
}

/** Accounts of the set with at least one exchange inside the time range. */
export function activeIn(db: Db, accounts: readonly number[], range: [number, number]): number[] {
  const active = stmt(
    db,
    `SELECT j.value AS account FROM json_each(?) j
      WHERE EXISTS (SELECT 1 FROM exchanges x WHERE x.account = j.value AND x.ts BETWEEN ? AND ?)`,
  ).all(JSON.stringify(accounts), range[0], range[1]) as Array<{ account: number }>;
  return active.map((r) => r.account);
}

export function buildClusterView(db: Db, p: ClusterViewParams): GraphView {
  const exists = stmt(db, 'SELECT 1 AS x FROM clusters WHERE id = ?').get(p.id);
  if (!exists) throw new EngineError('NOT_FOUND', `No cluster ${p.id} in the last analysis.`);
  let members = clusterMembers(db, p.id);
  let raw: RawEdge[];
  if (p.timeRange) {
    members = activeIn(db, members, p.timeRange);
    raw = edgesAmong(db, members);
  } else {
    raw = stmt(
      db,
      `SELECT e.a, e.b, e.weight, e.signals_json FROM cluster_members ca
         JOIN edges e ON e.a = ca.account
         JOIN cluster_members cb ON cb.account = e.b AND cb.cluster_id = ca.cluster_id
        WHERE ca.cluster_id = ?`,
    ).all(p.id) as RawEdge[];
  }
  return buildAccountView(
    db,
    members,
    raw,
    { mode: p.mode, signals: p.signals ? new Set(p.signals) : null, minWeight: p.minWeight, hubs: p.hubs, home: p.id },
    'engine: label propagation + sunflower packing + force refinement',
  );
}

export function buildNeighbourView(db: Db, accountId: string, limit: number): GraphView {
  const [id] = internalIds(db, [accountId]);
  if (id === undefined) throw new EngineError('NOT_FOUND', `No account ${accountId}.`);
  const home = (stmt(db, 'SELECT cluster_id FROM cluster_members WHERE account = ?').get(id) as { cluster_id: string } | undefined)?.cluster_id ?? null;
  const near = stmt(
    db,
    `SELECT other FROM (SELECT b AS other, weight FROM edges WHERE a = @id UNION ALL SELECT a AS other, weight FROM edges WHERE b = @id)
      ORDER BY weight DESC, other LIMIT @limit`,
  ).all({ id, limit }) as Array<{ other: number }>;
  const set = [id, ...near.map((r) => r.other)];
  return buildAccountView(db, set, edgesAmong(db, set), { mode: 'accounts', signals: null, minWeight: 0, hubs: false, home, mustKeep: new Set([id]) }, 'ring');
}

export function buildAccountsView(db: Db, accountIds: readonly string[]): GraphView {
  const ids = internalIds(db, accountIds);
  return buildAccountView(db, ids, edgesAmong(db, ids), { mode: 'accounts', signals: null, minWeight: 0, hubs: false, home: null, mustKeep: new Set(ids) }, 'engine');
}
