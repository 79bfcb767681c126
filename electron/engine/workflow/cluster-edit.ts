// Engine. Manual merge and split of clusters. Each is recorded twice: as an undoable action on
// the current clusters, and as a durable override (keyed by account ids) that
// applyManualOverrides replays after every later analysis.
import { createHash } from 'node:crypto';
import { EngineError } from '../../shared/result';
import type { Db } from '../db/connection';
import { runAction } from './actions';
import { change, type Change } from './changes';
import { accountIntIds, accountTextIds, membersOf, planMoves, requireClusters } from './membership';

function nextOverrideId(db: Db): number {
  return ((db.prepare('SELECT max(id) AS m FROM cluster_overrides').get() as { m: number | null }).m ?? 0) + 1;
}

/** The id a split-off group gets: derived from its accounts, so replaying it gives the same id. */
export function splitClusterId(source: string, accountIds: readonly string[]): string {
  const h = createHash('sha256').update([...accountIds].sort().join('\n')).digest('hex').slice(0, 8);
  return `${source}.s${h}`;
}

function tagCopies(db: Db, from: readonly string[], to: string): Array<Change | null> {
  const rows = db
    .prepare("SELECT DISTINCT tag_id FROM tag_links WHERE target_kind = 'cluster' AND target_id IN (SELECT value FROM json_each(?)) ORDER BY tag_id")
    .all(JSON.stringify(from)) as Array<{ tag_id: number }>;
  const now = new Date().toISOString();
  return rows.map((r) => {
    const key = { tag_id: r.tag_id, target_kind: 'cluster', target_id: to };
    return db.prepare('SELECT 1 FROM tag_links WHERE tag_id = @tag_id AND target_kind = @target_kind AND target_id = @target_id').get(key) ? null : change(db, 'tag_links', key, { ...key, created_at: now });
  });
}

/** Merges clusters into the first-listed one (or `into`); its id, tags and notes stay. */
export function mergeClusters(db: Db, input: { clusterIds: readonly string[]; into?: string }) {
  const ids = [...new Set(input.clusterIds)];
  if (ids.length < 2) throw new EngineError('BAD_REQUEST', 'Select at least two clusters to merge.');
  const into = input.into ?? ids[0]!;
  if (!ids.includes(into)) throw new EngineError('BAD_REQUEST', `${into} is not one of the clusters being merged.`);
  return runAction(db, { kind: 'cluster.merge', label: `Merge ${ids.length} clusters into ${into}`, subject: `cluster:${into}`, details: { clusterIds: ids, into } }, () => {
    requireClusters(db, ids);
    const moves = new Map<number, string | null>();
    for (const c of ids) {
      const members = membersOf(db, c);
      if (members.length === 0) throw new EngineError('NOT_FOUND', `No cluster ${c} (or it has no members).`);
      for (const m of members) moves.set(m, into);
    }
    const accountIds = [...accountTextIds(db, [...moves.keys()]).values()].sort();
    const override = { id: nextOverrideId(db), op: 'merge', target: into, accounts: JSON.stringify(accountIds), sources: JSON.stringify(ids), created_at: new Date().toISOString(), active: 1 };
    const changes: Array<Change | null> = [
      ...planMoves(db, moves, new Map([[into, { base: into, reason: `Merged by the investigator from ${ids.join(', ')}` }]])),
      change(db, 'cluster_overrides', { id: override.id }, override),
      ...tagCopies(db, ids.filter((c) => c !== into), into),
    ];
    return { changes, value: { clusterId: into, accounts: accountIds.length } };
  });
}

/** Moves the given accounts out of their cluster into a new one. */
export function splitCluster(db: Db, input: { clusterId: string; accountIds: readonly string[] }) {
  const wanted = [...new Set(input.accountIds)].sort();
  if (wanted.length === 0) throw new EngineError('BAD_REQUEST', 'Select the accounts to split off.');
  const target = splitClusterId(input.clusterId, wanted);
  return runAction(db, { kind: 'cluster.split', label: `Split ${wanted.length} accounts off ${input.clusterId}`, subject: `cluster:${input.clusterId}`, details: { clusterId: input.clusterId, newClusterId: target, accountIds: wanted.slice(0, 1000), count: wanted.length } }, () => {
    // checked inside the transaction: an analysis may have regrouped the accounts since they were shown
    requireClusters(db, [input.clusterId]);
    const ints = accountIntIds(db, wanted);
    const members = new Set(membersOf(db, input.clusterId));
    const outside = wanted.filter((a) => !members.has(ints.get(a) ?? -1));
    if (outside.length) throw new EngineError('BAD_REQUEST', `Not members of ${input.clusterId}: ${outside.slice(0, 5).join(', ')}${outside.length > 5 ? ' ...' : ''}`);
    if (wanted.length >= members.size) throw new EngineError('BAD_REQUEST', 'A split must leave at least one account in the cluster.');
    const moves = new Map<number, string | null>([...ints.values()].map((i) => [i, target]));
    const override = { id: nextOverrideId(db), op: 'split', target, accounts: JSON.stringify(wanted), sources: JSON.stringify([input.clusterId]), created_at: new Date().toISOString(), active: 1 };
    const changes = [
      ...planMoves(db, moves, new Map([[target, { base: input.clusterId, reason: `Split off ${input.clusterId} by the investigator` }]])),
      change(db, 'cluster_overrides', { id: override.id }, override),
    ];
    return { changes, value: { clusterId: target, accounts: wanted.length } };
  });
}
