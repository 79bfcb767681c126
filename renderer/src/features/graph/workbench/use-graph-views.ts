// Renderer. Puts the right view on the graph canvas for the screen the investigator is on: the
// overview's cluster graph (above the score threshold), a cluster's drill-down (fetched again when
// a filter changes) or an ad hoc set of accounts; and switches layouts. Records what each view
// cost (the figures under the graph) and when it was on screen (window.__lwReady, which the
// benchmark and the e2e tests wait for).
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { GraphView, Overview, TimeRange, ViewMode } from '../../../../../electron/shared/contract';
import { unpackView } from '../../../../../electron/shared/contract/graph-pack';
import type { WorkbenchApi } from '../../../api/workbench-api';
import type { useToast } from '../../../components/toast';
import { FCOSE_MAX_NODES, type GraphController, type LayoutName } from '../canvas/graph-controller';
import { fmtInt } from '../format';
import { overviewAbove, viewStats, type Screen, type Stats } from './workbench-model';

/** What a drill-down is fetched with (the graph.cluster request). */
export interface ClusterRequest {
  id: string;
  mode: ViewMode;
  signals: string[] | null;
  minWeight: number;
  timeRange: TimeRange;
  hubs: boolean;
}

interface Inputs {
  api: WorkbenchApi;
  toast: ReturnType<typeof useToast>;
  ctl: RefObject<GraphController | null>;
  ready: boolean;
  screen: Screen;
  overview: Overview | null;
  minScore: number;
  mode: ViewMode;
  signals: string[] | null;
  minWeight: number;
  timeRange: TimeRange;
  hubs: boolean;
  /** bumped to fetch the drill-down again with the same filters */
  reload: number;
}

export function useGraphViews({ api, toast, ctl, ready, screen, overview, minScore, mode, signals, minWeight, timeRange, hubs, reload }: Inputs) {
  const positions = useRef(new Map<string, { x: number; y: number }>());
  /** a node to focus once the next view is drawn (a search hit in a cluster not open yet) */
  const pendingFocus = useRef<string | null>(null);
  const [stats, setStats] = useState<Stats | null>(null);
  const [loading, setLoading] = useState(false);
  const [layoutName, setLayoutName] = useState<LayoutName>('engine');
  // the histogram and the tables load once the first view is drawn (the engine answers one call
  // at a time: the whole case's histogram before the overview would delay it by its full scan)
  const [firstDrawn, setFirstDrawn] = useState(false);

  const showView = useCallback(
    (view: GraphView, t0: number) => {
      const c = ctl.current;
      if (!c) return;
      const d0 = performance.now();
      c.show(view);
      // the engine's positions, for switching back to its layout
      positions.current = new Map(view.nodes.map((n) => [n.id, { x: n.x, y: n.y }]));
      const drawMs = performance.now() - d0;
      setStats(viewStats(view, d0 - t0, drawMs));
      setLayoutName('engine');
      // a frame later the view is on screen: the moment the benchmark and the e2e tests wait for
      requestAnimationFrame(() => {
        const w = window as unknown as { __lwReady?: Record<string, number> };
        const now = performance.now();
        w.__lwReady = { at: now, ms: now - t0, fetchMs: d0 - t0, showMs: drawMs, firstFrameMs: now - d0 - drawMs, engineMs: view.ms, nodes: view.nodes.length, edges: view.edges.length };
        setFirstDrawn(true);
      });
      const f = pendingFocus.current;
      if (f) {
        pendingFocus.current = null;
        if (!c.focus(f)) toast.show({ text: 'That account is not in this view (filtered out or beyond the view cap).' });
      }
    },
    [ctl, toast],
  );

  // overview graph: clusters over the score threshold
  useEffect(() => {
    if (!ready || screen.kind !== 'overview' || !overview) return;
    const t0 = performance.now();
    showView(overviewAbove(overview, minScore), t0);
  }, [ready, screen, overview, minScore, showView]);

  // A drill-down's request leaves when the investigator clicks, not after the screen re-rendered
  // for it: openCluster sends it, the effect below takes it if it asks for the same view.
  const early = useRef<{ key: string; t0: number; answer: ReturnType<typeof api.call<'graph.cluster'>> } | null>(null);
  const requestCluster = useCallback(
    (req: ClusterRequest) => {
      const key = JSON.stringify(req);
      const e = early.current;
      early.current = null;
      return e && e.key === key ? e : { key, t0: performance.now(), answer: api.call('graph.cluster', req) };
    },
    [api],
  );
  /** Sends a drill-down's request now, for the effect below to take up once the screen follows. */
  const prefetchCluster = useCallback((req: ClusterRequest) => void (early.current = requestCluster(req)), [requestCluster]);

  // cluster drill-down, refetched when a filter changes
  useEffect(() => {
    if (!ready || screen.kind !== 'cluster') return;
    let live = true;
    const { t0, answer } = requestCluster({ id: screen.id, mode, signals, minWeight, timeRange, hubs });
    setLoading(true);
    void answer.then((r) => {
      if (!live) return;
      setLoading(false);
      if (r.ok) showView(unpackView(r.value), t0);
      else toast.show({ kind: 'error', text: r.error.message });
    });
    return () => {
      live = false;
    };
  }, [requestCluster, ready, screen, mode, signals, minWeight, timeRange, hubs, showView, toast, reload]);

  // ad hoc views (search hits outside clusters, a path)
  useEffect(() => {
    if (!ready || screen.kind !== 'accounts') return;
    const t0 = performance.now();
    void api.call('graph.accounts', { accountIds: screen.ids }).then((r) => (r.ok ? showView(unpackView(r.value), t0) : toast.show({ kind: 'error', text: r.error.message })));
  }, [api, ready, screen, showView, toast]);

  const runLayout = useCallback(
    async (name: LayoutName) => {
      const c = ctl.current;
      if (!c) return;
      if (name === 'fcose' && c.nodeCount() > FCOSE_MAX_NODES) {
        toast.show({ text: `Force layout runs on views up to ${fmtInt(FCOSE_MAX_NODES)} nodes; this one keeps the engine's layout.` });
        return;
      }
      setLayoutName(name);
      setLoading(true);
      try {
        await c.layout(name, positions.current);
      } catch (e) {
        toast.show({ kind: 'error', text: `Layout failed: ${String(e)}` });
      } finally {
        setLoading(false);
      }
    },
    [ctl, toast],
  );

  return { stats, loading, layoutName, firstDrawn, pendingFocus, prefetchCluster, runLayout };
}
