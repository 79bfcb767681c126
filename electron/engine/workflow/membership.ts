// Engine. Moving accounts between clusters (merge, split, false-positive verdicts, replayed
// overrides): computes the cluster_members changes and the recomputed cluster rows (size,
// activity window, exchange count) as Changes, so the same plan can be recorded for undo or
// written straight away after an analysis.
import { EngineError } from '../../shared/result';
import type { Db } from '../db/connection';
import { change, readRow, type Change, type Row } from './changes';

export function accountIntIds(db: Db, accountIds: readonly string[]): Map<string, number> {
  const rows = db
    .prepare('SELECT a.account_id AS aid, a.id AS id FROM accounts a JOIN json_each(?) j ON j.value = a.account_id')
    .all(JSON.stringify(accountIds)) as Array<{ aid: string; id: number }>;
  return new Map(rows.map((r) => [r.aid, r.id]));
}

export function accountTextIds(db: Db, ids: readonly number[]): Map<number, string> {
  const rows = db.prepare('SELECT a.id AS id, a.account_id AS aid FROM accounts a JOIN json_each(?) j ON j.value = a.id').all(JSON.stringify(ids)) as Array<{
    aid: string;
    id: number;
  }>;
  return new Map(rows.map((r) => [r.id, r.aid]));
}

/**
 * Fails unless every cluster exists now. A change made on a cluster the investigator was shown can
 * reach the case after an analysis regrouped its accounts (it waited while the analysis wrote), or
 * from a view left open across one: it must not attach a tag, a note or a split to an id no
 * cluster holds any more, where nobody would see it.
 */
export function requireClusters(db: Db, clusterIds: readonly string[]): void {
  const found = new Set(
    (db.prepare('SELECT c.id AS id FROM clusters c JOIN json_each(?) j ON j.value = c.id').all(JSON.stringify(clusterIds)) as Array<{ id: string }>).map((r) => r.id),
  );
  const gone = clusterIds.filter((c) => !found.has(c));
  if (gone.length === 0) return;
  const names = `${gone.slice(0, 3).join(', ')}${gone.length > 3 ? ` and ${gone.length - 3} more` : ''}`;
  throw new EngineError(
    'NOT_FOUND',
    `${gone.length === 1 ? 'Cluster' : 'Clusters'} ${names} no longer ${gone.length === 1 ? 'exists' : 'exist'}: an analysis has regrouped ${gone.length === 1 ? 'its' : 'their'} accounts since ${gone.length === 1 ? 'it was' : 'they were'} shown. Nothing was saved; open the current clusters and try again.`,
  );
}

export function membersOf(db: Db, clusterId: string): number[] {
  return (db.prepare('SELECT account FROM cluster_members WHERE cluster_id = ? ORDER BY account').all(clusterId) as Array<{ account: number }>).map((r) => r.account);
}

export function clustersOfAccounts(db: Db, accounts: readonly number[]): Map<number, string> {
  const rows = db
    .prepare('SELECT m.account AS account, m.cluster_id AS cid FROM cluster_members m JOIN json_each(?) j ON j.value = m.account')
    .all(JSON.stringify(accounts)) as Array<{ account: number; cid: string }>;
  return new Map(rows.map((r) => [r.account, r.cid]));
}

function activity(db: Db, members: readonly number[]): { n: number; first: number | null; last: number | null } {
  const r = db
    .prepare('SELECT count(*) AS n, min(ts) AS first, max(ts) AS last FROM exchanges WHERE account IN (SELECT value FROM json_each(?))')
    .get(JSON.stringify(members)) as { n: number; first: number | null; last: number | null };
  return r;
}

export interface NewCluster {
  /** an existing cluster whose score, features and reasons the new one starts from */
  base: string | null;
  reason: string;
}

/**
 * Plans moving each account to a cluster (or out of every cluster, null). Clusters left empty
 * are removed; clusters in `created` are made (or reused) with the given reason appended.
 */
export function planMoves(db: Db, moves: ReadonlyMap<number, string | null>, created: ReadonlyMap<string, NewCluster> = new Map(), analysisId?: number): Change[] {
  const current = clustersOfAccounts(db, [...moves.keys()]);
  const affected = new Set<string>();
  for (const c of current.values()) affected.add(c);
  for (const t of moves.values()) if (t !== null) affected.add(t);
  const members = new Map<string, Set<number>>();
  for (const c of affected) members.set(c, new Set(membersOf(db, c)));
  const changes: Array<Change | null> = [];
  for (const [account, target] of moves) {
    const from = current.get(account);
    if (from === target) continue;
    if (from !== undefined) members.get(from)!.delete(account);
    if (target !== null) members.get(target)!.add(account);
    changes.push(change(db, 'cluster_members', { account }, target === null ? null : { account, cluster_id: target }));
  }
  for (const c of [...affected].sort()) {
    const set = members.get(c)!;
    if (set.size === 0) {
      changes.push(change(db, 'clusters', { id: c }, null));
      continue;
    }
    const existing = readRow(db, 'clusters', { id: c });
    const spec = created.get(c);
    const base = existing ?? (spec?.base ? readRow(db, 'clusters', { id: spec.base }) : null);
    const act = activity(db, [...set]);
    let reasons = base ? (JSON.parse(String(base.reasons_json)) as Array<Record<string, unknown>>) : [];
    if (spec) reasons = [...reasons.filter((r) => r.signal !== 'manual'), { signal: 'manual', contribution: 0, detail: spec.reason }];
    const row: Row = {
      id: c,
      analysis_id: base?.analysis_id ?? analysisId ?? 0,
      size: set.size,
      score: base?.score ?? 0,
      flagged: base?.flagged ?? 0,
      features_json: base?.features_json ?? '{}',
      reasons_json: JSON.stringify(reasons),
      first_ts: act.first,
      last_ts: act.last,
      exchanges: act.n,
    };
    changes.push(change(db, 'clusters', { id: c }, row));
  }
  return changes.filter((c): c is Change => c !== null);
}
