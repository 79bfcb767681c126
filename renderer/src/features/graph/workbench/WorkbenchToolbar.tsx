// Renderer. The bar above the graph: where the investigator is (overview › cluster or accounts),
// the search box, and the view's tools (undo/redo, accounts or shared values as nodes, layout,
// lasso, fit, path tool, legend).
import type { Ref } from 'react';
import type { ClusterRow, SearchHit, ViewMode } from '../../../../../electron/shared/contract';
import { UndoRedo } from '../../workflow';
import type { LayoutName } from '../canvas/graph-controller';
import { SearchBox } from '../filters/SearchBox';
import { fmtInt } from '../format';
import type { Screen } from './workbench-model';

interface Props {
  screen: Screen;
  /** the drilled cluster's row (size and score in the breadcrumb) */
  currentCluster: ClusterRow | undefined;
  onOverview: () => void;
  searchRef: Ref<HTMLInputElement>;
  onSearchPick: (hit: SearchHit) => void;
  mode: ViewMode;
  onMode: (m: ViewMode) => void;
  layoutName: LayoutName;
  onLayout: (name: LayoutName) => void;
  lasso: boolean;
  onLasso: () => void;
  onFit: () => void;
  pathOn: boolean;
  onPath: () => void;
  onLegend: () => void;
}

export function WorkbenchToolbar(p: Props) {
  const { screen, currentCluster, mode, lasso } = p;
  return (
    <div className="gw-toolbar">
      <nav className="gw-crumbs" aria-label="Breadcrumb">
        <button className={screen.kind === 'overview' ? 'current' : 'ghost'} onClick={p.onOverview} data-testid="crumb-overview">
          Overview
        </button>
        {screen.kind === 'cluster' ? (
          <>
            <span className="muted">›</span>
            <span className="current" data-testid="crumb-cluster" title={currentCluster ? `Cluster #${screen.id} · ${fmtInt(currentCluster.size)} accounts · score ${currentCluster.score.toFixed(2)}` : `Cluster #${screen.id}`}>
              Cluster #{screen.id}
              {currentCluster ? <span className="muted"> · {fmtInt(currentCluster.size)} accounts · score {currentCluster.score.toFixed(2)}</span> : null}
            </span>
          </>
        ) : screen.kind === 'accounts' ? (
          <>
            <span className="muted">›</span>
            <span className="current" title={screen.label}>
              {screen.label}
            </span>
          </>
        ) : null}
      </nav>
      <SearchBox ref={p.searchRef} onPick={p.onSearchPick} />
      <div className="gw-tools">
        <UndoRedo />
        {screen.kind === 'cluster' ? (
          <div className="gw-seg" role="group" aria-label="Nodes">
            <button className={mode === 'accounts' ? 'on' : ''} onClick={() => p.onMode('accounts')} title="Accounts linked directly, edges coloured by signal (1)" data-testid="mode-accounts">
              Accounts
            </button>
            <button className={mode === 'values' ? 'on' : ''} onClick={() => p.onMode('values')} title="Shared values as nodes (2)" data-testid="mode-values">
              Shared values
            </button>
          </div>
        ) : null}
        <select value={p.layoutName} onChange={(e) => p.onLayout(e.target.value as LayoutName)} aria-label="Layout" title="Layout">
          <option value="engine">Layout: clustered (engine)</option>
          <option value="fcose">Layout: force-directed (fcose)</option>
          <option value="concentric">Layout: concentric by score</option>
          <option value="grid">Layout: grid</option>
        </select>
        <button className={lasso ? 'on' : 'ghost'} onClick={p.onLasso} title="Lasso select (L); shift-drag draws a box" disabled={screen.kind === 'overview'}>
          Lasso
        </button>
        <button className="ghost" onClick={p.onFit} title="Fit to screen (F)">
          Fit
        </button>
        <button className={p.pathOn ? 'on' : 'ghost'} onClick={p.onPath} title="Path between two accounts (T)" data-testid="path-tool">
          Path
        </button>
        <button className="ghost" onClick={p.onLegend} title="Legend">
          Legend
        </button>
      </div>
    </div>
  );
}
