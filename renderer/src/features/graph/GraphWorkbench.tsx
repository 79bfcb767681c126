// Renderer. The investigator's main screen: cluster overview and list, drill-down into one cluster
// (accounts or shared values as nodes), composable filters, time brush, search, details, path
// tool and tables. React holds what the investigator chose (the state below); the graph lives in
// GraphController. The parts: workbench/ (the hooks that load views and act, the toolbar and
// panes), canvas/ (the graph), filters/, panels/, tables/.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { TimeRange, ViewMode } from '../../../../electron/shared/contract';
import { useApi } from '../../api/context';
import { useToast } from '../../components/toast';
import { GraphCanvas } from './canvas/GraphCanvas';
import type { GraphController } from './canvas/graph-controller';
import { EmptyState } from './EmptyState';
import { TimeHistogram } from './filters/TimeHistogram';
import { Legend } from './Legend';
import { SelectionTables } from './tables/SelectionTables';
import { DetailsPane } from './workbench/DetailsPane';
import { SidePane } from './workbench/SidePane';
import { useCanvasEvents } from './workbench/use-canvas-events';
import { useCaseOverview } from './workbench/use-case-overview';
import { useGraphViews } from './workbench/use-graph-views';
import { usePathTool } from './workbench/use-path-tool';
import { useTimeHistogram } from './workbench/use-time-histogram';
import { useWorkbenchActions } from './workbench/use-workbench-actions';
import { useWorkbenchShortcuts } from './workbench/use-workbench-shortcuts';
import { ViewStats } from './workbench/ViewStats';
import { WorkbenchToolbar } from './workbench/WorkbenchToolbar';
import { histogramScope, plural, tableScope, type Detail, type Screen } from './workbench/workbench-model';

export function GraphWorkbench() {
  const api = useApi();
  const toast = useToast();
  const ctl = useRef<GraphController | null>(null);
  const [ready, setReady] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);

  const { overview, overviewError } = useCaseOverview(api);
  const [screen, setScreen] = useState<Screen>({ kind: 'overview' });
  /** the cluster last picked (list or graph): the overview's selection, kept while drilled in */
  const [picked, setPicked] = useState<string | null>(null);
  const [minScore, setMinScore] = useState(0);
  const [mode, setMode] = useState<ViewMode>('accounts');
  const [signals, setSignals] = useState<string[] | null>(null);
  const [minWeight, setMinWeight] = useState(0);
  const [hubs, setHubs] = useState(false);
  const [timeRange, setTimeRange] = useState<TimeRange>(null);
  const [detail, setDetail] = useState<Detail | null>(null);
  /** the selected accounts (ids without the node prefix) */
  const [selection, setSelection] = useState<string[]>([]);
  const [lasso, setLasso] = useState(false);
  const [showLegend, setShowLegend] = useState(true);
  const [reload, setReload] = useState(0);

  const clustersById = useMemo(() => new Map((overview?.clusters ?? []).map((c) => [c.id, c])), [overview]);

  const views = useGraphViews({ api, toast, ctl, ready, screen, overview, minScore, mode, signals, minWeight, timeRange, hubs, reload });
  const { stats, loading, layoutName, firstDrawn, runLayout } = views;
  const hist = useTimeHistogram(api, histogramScope(screen, picked), firstDrawn);
  const { path, setPath, findPath } = usePathTool(api, toast, ctl);
  const { openCluster, backToOverview, expand, onSearchPick } = useWorkbenchActions({
    api,
    toast,
    ctl,
    ready,
    screen,
    picked,
    mode,
    signals,
    minWeight,
    hubs,
    pendingFocus: views.pendingFocus,
    prefetchCluster: views.prefetchCluster,
    setScreen,
    setDetail,
    setSelection,
    setTimeRange,
    setPicked,
  });
  const events = useCanvasEvents({ ctl, detail, openCluster, expand, setPicked, setDetail, setPath, setSelection });

  const onReady = useCallback((c: GraphController | null) => {
    ctl.current = c;
    setReady(c !== null);
  }, []);
  // labels keep clear of the legend (labels.ts): chosen again once it has been drawn or removed
  useEffect(() => {
    ctl.current?.relabel();
  }, [showLegend, screen.kind, mode]);

  useWorkbenchShortcuts({ ctl, searchRef, toast, screen, picked, selection, openCluster, backToOverview, expand, setLasso, setDetail, setMode });

  if (overviewError) return <div className="placeholder gw-error">{overviewError}</div>;
  if (!overview) return <div className="placeholder">Loading the case…</div>;
  if (overview.accounts === 0 || !overview.analysed || overview.clusters.length === 0) return <EmptyState overview={overview} />;

  const inGraph = screen.kind !== 'overview';
  const tables = tableScope(selection, screen, picked);

  return (
    <div className={`gw${inGraph ? ' gw-drill' : ''}`} data-testid="graph-workbench" data-screen={screen.kind}>
      <WorkbenchToolbar
        screen={screen}
        currentCluster={screen.kind === 'cluster' ? clustersById.get(screen.id) : undefined}
        onOverview={backToOverview}
        searchRef={searchRef}
        onSearchPick={onSearchPick}
        mode={mode}
        onMode={setMode}
        layoutName={layoutName}
        onLayout={(name) => void runLayout(name)}
        lasso={lasso}
        onLasso={() => setLasso(!lasso)}
        onFit={() => ctl.current?.fit()}
        pathOn={detail?.kind === 'path'}
        onPath={() => setDetail({ kind: 'path' })}
        onLegend={() => setShowLegend(!showLegend)}
      />

      <SidePane
        overview={overview}
        inGraph={inGraph}
        ctl={ctl}
        picked={picked}
        minScore={minScore}
        onMinScore={setMinScore}
        onPickCluster={(id) => {
          setPicked(id);
          setDetail({ kind: 'cluster', id });
          ctl.current?.focus(`c:${id}`);
        }}
        openCluster={openCluster}
        signals={signals}
        onSignals={setSignals}
        minWeight={minWeight}
        onMinWeight={setMinWeight}
        hubs={hubs}
        onHubs={setHubs}
        mode={mode}
        selection={selection}
        expand={expand}
        onReload={() => setReload((n) => n + 1)}
      />

      <section className="gw-centre">
        <GraphCanvas events={events} onReady={onReady} lasso={lasso} onLassoDone={(n) => (setLasso(false), toast.show({ text: `Lasso selected ${plural(n, 'node')}.` }))} />
        {showLegend ? <Legend signals={overview.signals} screen={screen.kind} mode={mode} /> : null}
        {stats ? <ViewStats stats={stats} webgl={!!ctl.current?.mode.webgl} /> : null}
        {loading ? <div className="gw-busy">Working…</div> : null}
      </section>

      <DetailsPane
        screen={screen}
        selection={selection}
        detail={detail}
        setDetail={setDetail}
        clustersById={clustersById}
        openCluster={openCluster}
        expand={expand}
        path={path}
        setPath={setPath}
        findPath={findPath}
        focusAccount={(id) => ctl.current?.focus(`a:${id}`)}
      />

      <section className="gw-bottom">
        <TimeHistogram histogram={hist} range={timeRange} onRange={setTimeRange} />
        <SelectionTables enabled={firstDrawn} selection={tables.selection} timeRange={timeRange} label={tables.label} onAccount={(id) => setDetail({ kind: 'account', id })} />
      </section>
    </div>
  );
}
