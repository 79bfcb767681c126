// Engine. The record of analyses: the last one's parameters and statistics.
import type { Db } from '../db/connection';

export interface AnalysisRecord {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  status: string;
  appVersion: string;
  parameters: Record<string, unknown>;
  stats: Record<string, unknown>;
}

export function lastAnalysis(db: Db): AnalysisRecord | null {
  const r = db.prepare("SELECT * FROM analyses WHERE status = 'complete' ORDER BY id DESC LIMIT 1").get() as
    | { id: number; started_at: string; finished_at: string | null; status: string; app_version: string; parameters_json: string; stats_json: string }
    | undefined;
  if (!r) return null;
  return {
    id: r.id,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    status: r.status,
    appVersion: r.app_version,
    parameters: JSON.parse(r.parameters_json) as Record<string, unknown>,
    stats: JSON.parse(r.stats_json) as Record<string, unknown>,
  };
}
