// Engine. Handlers for the graph workbench's channels: thin, each reads the open case through one
// function of electron/engine/graph.
import { packView } from '../../shared/contract/graph-pack';
import { accountDetail } from '../graph/account-detail';
import { internalIds } from '../graph/account-graph';
import { buildAccountsView, buildClusterView, buildNeighbourView } from '../graph/cluster-view';
import { histogram } from '../graph/histogram';
import { buildPackedOverview } from '../graph/overview';
import { search } from '../graph/search';
import { cachedView } from '../graph/view-cache';
import { tablePage } from '../graph/tables';
import type { HandlerMap } from './types';

export const graphHandlers: HandlerMap<
  'graph.overview' | 'graph.cluster' | 'graph.neighbours' | 'graph.search' | 'account.detail' | 'graph.timeHistogram' | 'graph.table' | 'graph.accounts'
> = {
  // views travel packed (columns, not an object per element): graph-pack.ts
  'graph.overview': (req, ctx) => buildPackedOverview(ctx.session().db, req.maxNodes),
  'graph.cluster': (req, ctx) => {
    const db = ctx.session().db;
    return cachedView(db, `cluster:${JSON.stringify(req)}`, () => packView(buildClusterView(db, req)));
  },
  'graph.neighbours': (req, ctx) => packView(buildNeighbourView(ctx.session().db, req.accountId, req.limit)),
  'graph.accounts': (req, ctx) => packView(buildAccountsView(ctx.session().db, req.accountIds)),
  'graph.search': (req, ctx) => search(ctx.session().db, req.text, req.limit),
  'account.detail': (req, ctx) => accountDetail(ctx.session().db, req.accountId),
  'graph.timeHistogram': (req, ctx) => {
    const db = ctx.session().db;
    const s = req.selection;
    const scope = s.accountIds ? ({ kind: 'accounts', ids: internalIds(db, s.accountIds) } as const) : s.clusterId !== null ? ({ kind: 'cluster', id: s.clusterId } as const) : ({ kind: 'all' } as const);
    return histogram(db, scope, req.buckets);
  },
  'graph.table': (req, ctx) =>
    tablePage(ctx.session().db, {
      kind: req.kind,
      accountIds: req.selection.accountIds,
      clusterId: req.selection.clusterId,
      timeRange: req.timeRange,
      sort: req.sort,
      offset: req.offset,
      limit: req.limit,
    }),
};
