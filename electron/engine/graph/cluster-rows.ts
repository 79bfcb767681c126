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

export function readClusterRows(db: Db): ClusterRow[] {
  return (stmt(db, `SELECT ${COLS} FROM clusters ORDER BY score DESC, size DESC, id`).all() as Raw[]).map((r) => toClusterRow(r));
}

export function readClusterRow(db: Db, id: string): ClusterRow | null {
  const r = stmt(db, `SELECT ${COLS} FROM clusters WHERE id = ?`).get(id) as Raw | undefined;
  return r ? toClusterRow(r) : null;
}

export function clusterOfAccountRow(db: Db, account: number): ClusterRow | null {
  const r = stmt(db, `SELECT ${COLS} FROM clusters WHERE id = (SELECT cluster_id FROM cluster_members WHERE account = ?)`).get(account) as Raw | undefined;
  return r ? toClusterRow(r) : null;
}
