// Renderer. The investigator's main screen: cluster overview and list, drill-down into one cluster
// (accounts or shared values as nodes), composable filters, time brush, search, details, path
// tool and tables. React holds what the investigator chose; the graph lives in GraphController.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ClusterRow, GraphView, Histogram, LinkPath, Overview, SearchHit, Selection, TimeRange, ViewMode } from '../../../../electron/shared/contract';
import { unpackOverview, unpackView } from '../../../../electron/shared/contract/graph-pack';
import { useApi } from '../../api/context';
import { useToast } from '../../components/toast';
import { useShortcut } from '../../state/shortcuts';
import { GraphCanvas } from './canvas/GraphCanvas';
import { FCOSE_MAX_NODES, type GraphController, type LayoutName } from './canvas/graph-controller';
import { EmptyState } from './EmptyState';
import { FilterPanel } from './filters/FilterPanel';
import { SearchBox } from './filters/SearchBox';
import { TimeHistogram } from './filters/TimeHistogram';
import { fmtInt } from './format';
import { Legend } from './Legend';
import { ClusterList } from './overview/ClusterList';
import { AccountPanel } from './panels/AccountPanel';
import { ClusterPanel } from './panels/ClusterPanel';
import { EdgePanel } from './panels/EdgePanel';
import { PathPanel } from './panels/PathPanel';
import { SelectionTables } from './tables/SelectionTables';
import { SelectionWorkflow, UndoRedo } from '../workflow';

type Screen = { kind: 'overview' } | { kind: 'cluster'; id: string } | { kind: 'accounts'; label: string; ids: string[] };
type Detail =
  | { kind: 'account'; id: string }
  | { kind: 'edge'; a: string; b: string }
  | { kind: 'cluster'; id: string }
  | { kind: 'value'; label: string; signal: string; size: number }
  | { kind: 'path' };

interface Stats {
  nodes: number;
  edges: number;
  totalNodes: number;
  totalEdges: number;
  truncated: boolean;
  engineMs: number;
  roundTripMs: number;
  drawMs: number;
}

const ref = (nodeId: string) => nodeId.slice(2);

export function GraphWorkbench() {
  const api = useApi();
  const toast = useToast();
  const ctl = useRef<GraphController | null>(null);
  const [ready, setReady] = useState(false);
  const positions = useRef(new Map<string, { x: number; y: number }>());
  const pendingFocus = useRef<string | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  const [overview, setOverview] = useState<Overview | null>(null);
  const [overviewError, setOverviewError] = useState<string | null>(null);
  const [screen, setScreen] = useState<Screen>({ kind: 'overview' });
  const [picked, setPicked] = useState<string | null>(null);
  const [minScore, setMinScore] = useState(0);
  const [mode, setMode] = useState<ViewMode>('accounts');
  const [signals, setSignals] = useState<string[] | null>(null);
  const [minWeight, setMinWeight] = useState(0);
  const [hubs, setHubs] = useState(false);
  const [timeRange, setTimeRange] = useState<TimeRange>(null);
  const [detail, setDetail] = useState<Detail | null>(null);
  const [selection, setSelection] = useState<string[]>([]);
  const [stats, setStats] = useState<Stats | null>(null);
  const [loading, setLoading] = useState(false);
  const [hist, setHist] = useState<Histogram | null>(null);
  const [lasso, setLasso] = useState(false);
  const [layoutName, setLayoutName] = useState<LayoutName>('engine');
  const [path, setPath] = useState<{ a: string; b: string; result: LinkPath | null | undefined; busy: boolean }>({ a: '', b: '', result: undefined, busy: false });
  const [showLegend, setShowLegend] = useState(true);
  const [reload, setReload] = useState(0);
  // the histogram and the tables load once the first view is drawn (the engine answers one call
  // at a time: the whole case's histogram before the overview would delay it by its full scan)
  const [firstDrawn, setFirstDrawn] = useState(false);

  const clustersById = useMemo(() => new Map((overview?.clusters ?? []).map((c) => [c.id, c])), [overview]);

  // the overview, reloaded when the case changes (analysis finished, tags changed)
  useEffect(() => {
    let live = true;
    const load = () =>
      void api.call('graph.overview', {}).then((r) => {
        if (!live) return;
        if (r.ok) {
          setOverview(unpackOverview(r.value));
          setOverviewError(null);
        } else setOverviewError(r.error.message);
      });
    load();
    const off = api.onEvent((e) => {
      if (e.type === 'case' && (e.change === 'analysis' || e.change === 'data' || e.change === 'workflow')) load();
    });
    return () => {
      live = false;
      off();
    };
  }, [api]);

  const showView = useCallback((view: GraphView, t0: number) => {
    const c = ctl.current;
    if (!c) return;
    const d0 = performance.now();
    c.show(view);
    positions.current = new Map(view.nodes.map((n) => [n.id, { x: n.x, y: n.y }]));
    const drawMs = performance.now() - d0;
    setStats({
      nodes: view.nodes.length,
      edges: view.edges.length,
      totalNodes: view.totalNodes,
      totalEdges: view.totalEdges,
      truncated: view.truncated,
      engineMs: view.ms,
      roundTripMs: Math.round(d0 - t0),
      drawMs: Math.round(drawMs),
    });
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
  }, [toast]);

  // overview graph: clusters over the score threshold
  useEffect(() => {
    if (!ready || screen.kind !== 'overview' || !overview) return;
    const t0 = performance.now();
    const keep = new Set(overview.nodes.filter((n) => (n.score ?? 0) >= minScore).map((n) => n.id));
    showView({ ...overview, nodes: overview.nodes.filter((n) => keep.has(n.id)), edges: overview.edges.filter((e) => keep.has(e.source) && keep.has(e.target)) }, t0);
  }, [ready, screen, overview, minScore, showView]);

  // A drill-down's request leaves when the investigator clicks, not after the screen re-rendered
  // for it: openCluster sends it, the effect below takes it if it asks for the same view.
  const early = useRef<{ key: string; t0: number; answer: ReturnType<typeof api.call<'graph.cluster'>> } | null>(null);
  const requestCluster = useCallback(
    (req: { id: string; mode: ViewMode; signals: string[] | null; minWeight: number; timeRange: TimeRange; hubs: boolean }) => {
      const key = JSON.stringify(req);
      const e = early.current;
      early.current = null;
      return e && e.key === key ? e : { key, t0: performance.now(), answer: api.call('graph.cluster', req) };
    },
    [api],
  );

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

  const histScope: Selection = screen.kind === 'cluster' ? { clusterId: screen.id } : screen.kind === 'accounts' ? { accountIds: screen.ids } : picked ? { clusterId: picked } : {};
  const histKey = JSON.stringify(histScope);
  useEffect(() => {
    if (!firstDrawn) return;
    let live = true;
    void api.call('graph.timeHistogram', { selection: JSON.parse(histKey) as Selection, buckets: 160 }).then((r) => live && r.ok && setHist(r.value));
    return () => {
      live = false;
    };
  }, [api, histKey, firstDrawn]);

  const openCluster = useCallback((id: string) => {
    if (ready) early.current = requestCluster({ id, mode, signals, minWeight, timeRange: null, hubs });
    setScreen({ kind: 'cluster', id });
    setDetail(null);
    setSelection([]);
    setTimeRange(null);
    setPicked(id);
  }, [ready, requestCluster, mode, signals, minWeight, hubs]);

  const backToOverview = useCallback(() => {
    setScreen({ kind: 'overview' });
    setDetail(picked ? { kind: 'cluster', id: picked } : null);
    setSelection([]);
    setTimeRange(null);
  }, [picked]);

  const expand = useCallback(
    async (accountId: string) => {
      const r = await api.call('graph.neighbours', { accountId, limit: 50 });
      if (!r.ok) return toast.show({ kind: 'error', text: r.error.message });
      const added = ctl.current?.merge(unpackView(r.value), `a:${accountId}`) ?? 0;
      toast.show({ text: added > 0 ? `Added ${added} neighbour${added === 1 ? '' : 's'} of ${accountId}.` : `All strongest neighbours of ${accountId} are already shown.` });
    },
    [api, toast],
  );

  const findPath = useCallback(async () => {
    const { a, b } = path;
    setPath((p) => ({ ...p, busy: true }));
    const r = await api.call('link.path', { a: a.trim(), b: b.trim() });
    if (!r.ok) {
      setPath((p) => ({ ...p, busy: false, result: undefined }));
      return toast.show({ kind: 'error', text: r.error.message });
    }
    setPath((p) => ({ ...p, busy: false, result: r.value }));
    const c = ctl.current;
    if (!r.value || !c) return c?.clearHighlight();
    const ids = r.value.accounts.map((x) => `a:${x}`);
    const missing = ids.filter((id) => c.cy.getElementById(id).empty());
    if (missing.length > 0) {
      const v = await api.call('graph.accounts', { accountIds: r.value.accounts });
      if (v.ok) {
        const anchor = ids.find((id) => c.cy.getElementById(id).nonempty()) ?? ids[0]!;
        c.merge(unpackView(v.value), anchor);
      }
    }
    c.highlight(ids, r.value.steps.map((s) => [`a:${s.from}`, `a:${s.to}`]));
  }, [api, path, toast]);

  const onSearchPick = useCallback(
    (hit: SearchHit) => {
      const nodeId = `a:${hit.accountId}`;
      setDetail({ kind: 'account', id: hit.accountId });
      if (ctl.current?.cy.getElementById(nodeId).nonempty() && screen.kind !== 'overview') {
        ctl.current.focus(nodeId);
        return;
      }
      pendingFocus.current = nodeId;
      if (hit.cluster !== null) {
        setScreen({ kind: 'cluster', id: hit.cluster });
        setPicked(hit.cluster);
        setTimeRange(null);
      } else setScreen({ kind: 'accounts', label: hit.accountId, ids: [hit.accountId] });
    },
    [screen],
  );

  const events = useMemo(
    () => ({
      onNode: (id: string, kind: string, additive: boolean) => {
        if (kind === 'cluster') {
          setPicked(ref(id));
          setDetail({ kind: 'cluster', id: ref(id) });
        } else if (kind === 'account') {
          if (additive && detail?.kind === 'path') setPath((p) => ({ ...p, b: ref(id) }));
          else if (!additive) setDetail({ kind: 'account', id: ref(id) });
        } else if (kind === 'value') {
          const n = ctl.current?.cy.getElementById(id);
          if (n) setDetail({ kind: 'value', label: String(n.data('label')), signal: String(n.data('signal')), size: Number(n.data('size')) });
        }
      },
      onEdge: (s: string, t: string) => {
        if (s.startsWith('a:') && t.startsWith('a:')) setDetail({ kind: 'edge', a: ref(s), b: ref(t) });
        else if (s.startsWith('a:')) setDetail({ kind: 'account', id: ref(s) });
      },
      onBackground: () => ctl.current?.clearHighlight(),
      onOpen: (id: string, kind: string) => {
        if (kind === 'cluster') openCluster(ref(id));
        else if (kind === 'account') void expand(ref(id));
        else if (kind === 'group') ctl.current?.expandGroup(id);
      },
      onSelection: (ids: string[]) => setSelection(ids.filter((i) => i.startsWith('a:')).map(ref)),
    }),
    [detail, expand, openCluster],
  );

  const onReady = useCallback((c: GraphController | null) => {
    ctl.current = c;
    setReady(c !== null);
  }, []);

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
    [toast],
  );

  const inGraph = screen.kind !== 'overview';
  useShortcut('/', () => searchRef.current?.focus());
  useShortcut('mod+k', () => searchRef.current?.focus());
  useShortcut('escape', () => {
    ctl.current?.unselectAll();
    ctl.current?.clearHighlight();
    setLasso(false);
    setDetail(null);
  });
  useShortcut('f', () => ctl.current?.fit());
  useShortcut('=', () => ctl.current?.zoomBy(1.3));
  useShortcut('-', () => ctl.current?.zoomBy(1 / 1.3));
  useShortcut('backspace', backToOverview, inGraph);
  useShortcut('h', () => ctl.current?.hideSelected(), inGraph);
  useShortcut('shift+h', () => ctl.current?.showAll(), inGraph);
  useShortcut('p', () => ctl.current?.togglePinSelected(), inGraph);
  useShortcut('g', () => (ctl.current?.collapseSelected('group') ? undefined : toast.show({ text: 'Select two or more nodes to group them.' })), inGraph);
  useShortcut('i', () => ctl.current?.isolateSelection(), inGraph);
  useShortcut('l', () => setLasso((l) => !l), inGraph);
  useShortcut('e', () => selection[0] && void expand(selection[0]), inGraph);
  useShortcut('1', () => setMode('accounts'), screen.kind === 'cluster');
  useShortcut('2', () => setMode('values'), screen.kind === 'cluster');
  useShortcut('t', () => setDetail({ kind: 'path' }));
  useShortcut('enter', () => picked && openCluster(picked), screen.kind === 'overview' && picked !== null);

  if (overviewError) return <div className="placeholder gw-error">{overviewError}</div>;
  if (!overview) return <div className="placeholder">Loading the case…</div>;
  if (overview.accounts === 0 || !overview.analysed || overview.clusters.length === 0) return <EmptyState overview={overview} />;

  const currentCluster: ClusterRow | undefined = screen.kind === 'cluster' ? clustersById.get(screen.id) : undefined;
  const tableSel: Selection = selection.length > 0 ? { accountIds: selection } : screen.kind === 'cluster' ? { clusterId: screen.id } : screen.kind === 'accounts' ? { accountIds: screen.ids } : picked ? { clusterId: picked } : {};
  const tableLabel = selection.length > 0 ? `${selection.length} selected` : screen.kind === 'cluster' ? `cluster ${screen.id}` : screen.kind === 'accounts' ? screen.label : picked ? `cluster ${picked}` : 'whole case';

  return (
    <div className={`gw${inGraph ? ' gw-drill' : ''}`} data-testid="graph-workbench" data-screen={screen.kind}>
      <div className="gw-toolbar">
        <nav className="gw-crumbs" aria-label="Breadcrumb">
          <button className={screen.kind === 'overview' ? 'current' : 'ghost'} onClick={backToOverview} data-testid="crumb-overview">
            Overview
          </button>
          {screen.kind === 'cluster' ? (
            <>
              <span className="muted">›</span>
              <span className="current" data-testid="crumb-cluster">
                Cluster #{screen.id}
                {currentCluster ? <span className="muted"> · {fmtInt(currentCluster.size)} accounts · score {currentCluster.score.toFixed(2)}</span> : null}
              </span>
            </>
          ) : screen.kind === 'accounts' ? (
            <>
              <span className="muted">›</span>
              <span className="current">{screen.label}</span>
            </>
          ) : null}
        </nav>
        <SearchBox ref={searchRef} onPick={onSearchPick} />
        <div className="gw-tools">
          <UndoRedo />
          {screen.kind === 'cluster' ? (
            <div className="gw-seg" role="group" aria-label="Nodes">
              <button className={mode === 'accounts' ? 'on' : ''} onClick={() => setMode('accounts')} title="Accounts linked directly, edges coloured by signal (1)" data-testid="mode-accounts">
                Accounts
              </button>
              <button className={mode === 'values' ? 'on' : ''} onClick={() => setMode('values')} title="Shared values as nodes (2)" data-testid="mode-values">
                Shared values
              </button>
            </div>
          ) : null}
          <select value={layoutName} onChange={(e) => void runLayout(e.target.value as LayoutName)} aria-label="Layout" title="Layout">
            <option value="engine">Layout: clustered (engine)</option>
            <option value="fcose">Layout: force-directed (fcose)</option>
            <option value="concentric">Layout: concentric by score</option>
            <option value="grid">Layout: grid</option>
          </select>
          <button className={lasso ? 'on' : 'ghost'} onClick={() => setLasso(!lasso)} title="Lasso select (L); shift-drag draws a box" disabled={!inGraph}>
            Lasso
          </button>
          <button className="ghost" onClick={() => ctl.current?.fit()} title="Fit to screen (F)">
            Fit
          </button>
          <button className={detail?.kind === 'path' ? 'on' : 'ghost'} onClick={() => setDetail({ kind: 'path' })} title="Path between two accounts (T)" data-testid="path-tool">
            Path
          </button>
          <button className="ghost" onClick={() => setShowLegend(!showLegend)} title="Legend">
            Legend
          </button>
        </div>
      </div>

      <aside className="gw-left">
        {screen.kind === 'overview' ? (
          <ClusterList
            clusters={overview.clusters}
            selected={picked}
            minScore={minScore}
            onMinScore={setMinScore}
            onSelect={(id) => {
              setPicked(id);
              setDetail({ kind: 'cluster', id });
              ctl.current?.focus(`c:${id}`);
            }}
            onOpen={openCluster}
          />
        ) : (
          <FilterPanel
            signals={overview.signals}
            active={signals}
            onSignals={setSignals}
            minWeight={minWeight}
            onMinWeight={setMinWeight}
            hubs={hubs}
            onHubs={setHubs}
            mode={mode}
            selection={selection.length}
            onAction={(a) => {
              const c = ctl.current;
              if (!c) return;
              if (a === 'hide') c.hideSelected();
              else if (a === 'show') c.showAll();
              else if (a === 'pin') c.togglePinSelected();
              else if (a === 'group') c.collapseSelected('group');
              else if (a === 'isolate') c.isolateSelection();
              else if (a === 'expand' && selection[0]) void expand(selection[0]);
              else if (a === 'reload') setReload((n) => n + 1);
            }}
          />
        )}
      </aside>

      <section className="gw-centre">
        <GraphCanvas events={events} onReady={onReady} lasso={lasso} onLassoDone={(n) => (setLasso(false), toast.show({ text: `Lasso selected ${n} node${n === 1 ? '' : 's'}.` }))} />
        {showLegend ? <Legend signals={overview.signals} screen={screen.kind} mode={mode} /> : null}
        {stats ? (
          <div className="gw-stats mono" data-testid="view-stats">
            {fmtInt(stats.nodes)} nodes · {fmtInt(stats.edges)} edges
            {stats.truncated ? <span className="gw-warn"> (capped from {fmtInt(stats.totalNodes)} / {fmtInt(stats.totalEdges)})</span> : null} · engine {stats.engineMs} ms · draw {stats.drawMs} ms ·{' '}
            {ctl.current?.mode.webgl ? 'WebGL' : 'canvas'}
          </div>
        ) : null}
        {loading ? <div className="gw-busy">Working…</div> : null}
      </section>

      <aside className="gw-right" aria-label="Details">
        {selection.length > 1 ? <SelectionWorkflow accountIds={selection} {...(screen.kind === 'cluster' ? { clusterId: screen.id } : {})} /> : null}
        {detail === null ? (
          <div className="gw-detail muted gw-hint">
            <p>
              {screen.kind === 'overview' ? (
                <>
                  <b>Click</b> a cluster (in the list or the graph) for its score, reasons and activity.
                </>
              ) : (
                <>
                  <b>Click</b> an account for its profile and values, an <b>edge</b> for why two accounts are linked.
                </>
              )}
            </p>
            <p>{screen.kind === 'overview' ? 'Double-click a cluster (or press Enter) to open its graph.' : 'Double-click an account to expand its neighbours. Shift-drag to box-select, L to lasso.'}</p>
            <p>
              Press <kbd>?</kbd> for all shortcuts.
            </p>
          </div>
        ) : detail.kind === 'cluster' && clustersById.get(detail.id) ? (
          <ClusterPanel cluster={clustersById.get(detail.id)!} onOpen={() => openCluster(detail.id)} />
        ) : detail.kind === 'account' ? (
          <AccountPanel
            accountId={detail.id}
            onExpand={(id) => void expand(id)}
            onPathFrom={(id) => {
              setPath((p) => ({ ...p, a: id, result: undefined }));
              setDetail({ kind: 'path' });
            }}
            onFocusCluster={openCluster}
          />
        ) : detail.kind === 'edge' ? (
          <EdgePanel a={detail.a} b={detail.b} onAccount={(id) => setDetail({ kind: 'account', id })} />
        ) : detail.kind === 'value' ? (
          <div className="gw-detail" data-testid="value-panel">
            <div className="gw-detail-kind">Shared value</div>
            <h3 className="gw-detail-title mono gw-break">{detail.label}</h3>
            <p>
              {detail.signal.replace(/_/g, ' ')} · held by {fmtInt(detail.size)} accounts in the case.
            </p>
          </div>
        ) : detail.kind === 'path' ? (
          <PathPanel
            a={path.a}
            b={path.b}
            onChange={(a, b) => setPath((p) => ({ ...p, a, b, result: undefined }))}
            onFind={() => void findPath()}
            result={path.result}
            busy={path.busy}
            onAccount={(id) => ctl.current?.focus(`a:${id}`)}
          />
        ) : null}
      </aside>

      <section className="gw-bottom">
        <TimeHistogram histogram={hist} range={timeRange} onRange={setTimeRange} />
        <SelectionTables enabled={firstDrawn} selection={tableSel} timeRange={timeRange} label={tableLabel} onAccount={(id) => setDetail({ kind: 'account', id })} />
      </section>
    </div>
  );
}

