// Engine. Handlers for the analysis channels: run the analysis job, read its clusters, explain links.
import { EngineError } from '../../shared/result';
import { countClusters, readCluster, readClusters } from '../linkage/cluster-store';
import { explainPair, strongestPath } from '../linkage/explain';
import { lastAnalysis } from '../linkage/analysis-store';
import type { HandlerMap } from './types';

export const analysisHandlers: HandlerMap<'analysis.run' | 'analysis.status' | 'clusters.list' | 'clusters.get' | 'link.explain' | 'link.path'> = {
  'analysis.run': (req, ctx) => ctx.startJob('analyze', { parameters: req.parameters ?? {} }, 'analysis'),
  'analysis.status': (_req, ctx) => {
    const db = ctx.session().db;
    const last = lastAnalysis(db);
    if (!last) return null;
    // ISO-8601 UTC times, so text order is time order
    const since = db
      .prepare("SELECT count(*) AS n, coalesce(sum(rows), 0) AS rows FROM imports WHERE status = 'complete' AND finished_at > ?")
      .get(last.startedAt) as { n: number; rows: number };
    return { ...last, importsSince: since.n, rowsSince: since.rows };
  },
  'clusters.list': (req, ctx) => {
    const db = ctx.session().db;
    const clusters = readClusters(db, { minSize: req.minSize, flaggedOnly: req.flaggedOnly, sort: req.sort, offset: req.offset, limit: req.limit, withAccounts: false });
    return {
      total: countClusters(db, { minSize: req.minSize, flaggedOnly: req.flaggedOnly }),
      clusters: clusters.map(({ accounts: _accounts, ...rest }) => rest),
    };
  },
  'clusters.get': (req, ctx) => {
    const c = readCluster(ctx.session().db, req.id);
    if (!c) throw new EngineError('NOT_FOUND', `No cluster ${req.id} in the last analysis.`);
    return c;
  },
  'link.explain': (req, ctx) => explainPair(ctx.session().db, req.a, req.b),
  'link.path': (req, ctx) => strongestPath(ctx.session().db, req.a, req.b),
};
