// Engine. Reading the clusters of the last analysis (for the CLI, handlers, graph and evidence).
import type { Db } from '../db/connection';

export interface ClusterInfo {
  id: string;
  size: number;
  /** 0..1 */
  score: number;
  flagged: boolean;
  /** account_id of every member */
  accounts: string[];
  reasons: { signal: string; contribution: number; detail: string }[];
  firstTs: number | null;
  lastTs: number | null;
  exchanges: number;
}

interface ClusterRow {
  id: string;
  size: number;
  score: number;
  flagged: number;
  reasons_json: string;
  features_json: string;
  first_ts: number | null;
  last_ts: number | null;
  exchanges: number;
}

function hasTables(db: Db): boolean {
  return !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'clusters'").get();
}

function membersOf(db: Db): (id: string) => string[] {
  const stmt = db.prepare('SELECT a.account_id FROM cluster_members m JOIN accounts a ON a.id = m.account WHERE m.cluster_id = ? ORDER BY a.account_id').pluck();
  return (id) => stmt.all(id) as string[];
}

function toInfo(r: ClusterRow, accounts: string[]): ClusterInfo {
  return {
    id: r.id,
    size: r.size,
    score: r.score,
    flagged: r.flagged === 1,
    accounts,
    reasons: JSON.parse(r.reasons_json) as ClusterInfo['reasons'],
    firstTs: r.first_ts,
    lastTs: r.last_ts,
    exchanges: r.exchanges,
  };
}

const ORDER = { score: 'score DESC, size DESC, id', size: 'size DESC, score DESC, id', recent: 'last_ts DESC, score DESC, id' } as const;

/** Clusters of two or more accounts (or minSize), highest score first. */
export function readClusters(db: Db, opts: { minSize?: number; flaggedOnly?: boolean; sort?: keyof typeof ORDER; offset?: number; limit?: number; withAccounts?: boolean } = {}): ClusterInfo[] {
  if (!hasTables(db)) return [];
  const rows = db
    .prepare(`SELECT * FROM clusters WHERE size >= ? AND (? = 0 OR flagged = 1) ORDER BY ${ORDER[opts.sort ?? 'score']} LIMIT ? OFFSET ?`)
    .all(Math.max(2, opts.minSize ?? 2), opts.flaggedOnly ? 1 : 0, opts.limit ?? -1, opts.offset ?? 0) as ClusterRow[];
  const members = membersOf(db);
  return rows.map((r) => toInfo(r, opts.withAccounts === false ? [] : members(r.id)));
}

export function countClusters(db: Db, opts: { minSize?: number; flaggedOnly?: boolean } = {}): number {
  if (!hasTables(db)) return 0;
  return (db.prepare('SELECT count(*) AS n FROM clusters WHERE size >= ? AND (? = 0 OR flagged = 1)').get(Math.max(2, opts.minSize ?? 2), opts.flaggedOnly ? 1 : 0) as { n: number }).n;
}

export function readCluster(db: Db, id: string): (ClusterInfo & { features: Record<string, number> }) | null {
  if (!hasTables(db)) return null;
  const r = db.prepare('SELECT * FROM clusters WHERE id = ?').get(id) as ClusterRow | undefined;
  if (!r) return null;
  return { ...toInfo(r, membersOf(db)(id)), features: JSON.parse(r.features_json) as Record<string, number> };
}

/** The cluster id of an account (by account_id), or null. */
export function clusterOfAccount(db: Db, accountId: string): string | null {
  if (!hasTables(db)) return null;
  const r = db.prepare('SELECT m.cluster_id FROM cluster_members m JOIN accounts a ON a.id = m.account WHERE a.account_id = ?').pluck().get(accountId) as string | undefined;
  return r ?? null;
}
