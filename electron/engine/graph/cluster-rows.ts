// Engine. Reads the clusters of the last analysis as the rows of the overview's ranked list.
import type { ClusterRow } from '../../shared/contract';
import type { Db } from '../db/connection';
import { stmt } from './statements';

interface Raw {
  id: string;
  size: number;
  score: number;
  flagged: number;
  exchanges: number;
  first_ts: number | null;
  last_ts: number | null;
  reasons_json: string;
}

function parseReasons(json: string): ClusterRow['reasons'] {
  try {
    const raw = JSON.parse(json) as unknown;
    if (!Array.isArray(raw)) return [];
    return raw
      .filter((r): r is Record<string, unknown> => !!r && typeof r === 'object')
      .map((r) => ({ signal: String(r.signal ?? r.feature ?? ''), contribution: Number(r.contribution ?? 0), detail: String(r.detail ?? '') }))
      .sort((a, b) => b.contribution - a.contribution);
  } catch {
    return [];
  }
}

export function toClusterRow(r: Raw, tags: string[] = []): ClusterRow {
  return {
    id: r.id,
    size: r.size,
    score: r.score,
    flagged: r.flagged === 1,
    exchanges: r.exchanges,
    firstTs: r.first_ts,
    lastTs: r.last_ts,
    reasons: parseReasons(r.reasons_json),
    tags,
  };
}

const COLS = 'id, size, score, flagged, exchanges, first_ts, last_ts, reasons_json';

/** The investigator's tags on clusters (workflow, migration 3), by cluster id. */
export function clusterTags(db: Db): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const hasTags = stmt(db, "SELECT 1 AS x FROM sqlite_master WHERE type = 'table' AND name = 'tag_links'").get();
  if (!hasTags) return out;
  const rows = stmt(db, "SELECT l.target_id AS id, t.name FROM tag_links l JOIN tags t ON t.id = l.tag_id WHERE l.target_kind = 'cluster' ORDER BY t.name").all() as Array<{ id: string; name: string }>;
  for (const r of rows) {
    const l = out.get(r.id);
    if (l) l.push(r.name);
    else out.set(r.id, [r.name]);
  }
  return out;
}

export function readClusterRows(db: Db): ClusterRow[] {
  const tags = clusterTags(db);
  return (stmt(db, `SELECT ${COLS} FROM clusters ORDER BY score DESC, size DESC, id`).all() as Raw[]).map((r) => toClusterRow(r, tags.get(r.id)));
}

export function readClusterRow(db: Db, id: string): ClusterRow | null {
  const r = stmt(db, `SELECT ${COLS} FROM clusters WHERE id = ?`).get(id) as Raw | undefined;
  return r ? toClusterRow(r, clusterTags(db).get(r.id)) : null;
}

export function clusterOfAccountRow(db: Db, account: number): ClusterRow | null {
  const r = stmt(db, `SELECT ${COLS} FROM clusters WHERE id = (SELECT cluster_id FROM cluster_members WHERE account = ?)`).get(account) as Raw | undefined;
  return r ? toClusterRow(r, clusterTags(db).get(r.id)) : null;
}
