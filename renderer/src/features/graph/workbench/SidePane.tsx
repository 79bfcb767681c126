// Renderer. The left-hand pane: on the overview, the ranked cluster list (picking one focuses it in
// the graph); in a drill-down, the filters and the actions on the selected nodes.
import type { RefObject } from 'react';
import type { Overview, ViewMode } from '../../../../../electron/shared/contract';
import type { GraphController } from '../canvas/graph-controller';
import { FilterPanel, type SelectionAction } from '../filters/FilterPanel';
import { ClusterList } from '../overview/ClusterList';

interface Props {
  overview: Overview;
  inGraph: boolean;
  ctl: RefObject<GraphController | null>;
  // overview
  picked: string | null;
  minScore: number;
  onMinScore: (s: number) => void;
  onPickCluster: (id: string) => void;
  openCluster: (id: string) => void;
  // drill-down
  signals: string[] | null;
  onSignals: (s: string[] | null) => void;
  minWeight: number;
  onMinWeight: (w: number) => void;
  hubs: boolean;
  onHubs: (h: boolean) => void;
  mode: ViewMode;
  selection: string[];
  expand: (accountId: string) => Promise<void>;
  onReload: () => void;
}

export function SidePane(p: Props) {
  const onAction = (a: SelectionAction) => {
    const c = p.ctl.current;
    if (!c) return;
    if (a === 'hide') c.hideSelected();
    else if (a === 'show') c.showAll();
    else if (a === 'pin') c.togglePinSelected();
    else if (a === 'group') c.collapseSelected('group');
    else if (a === 'isolate') c.isolateSelection();
    else if (a === 'expand' && p.selection[0]) void p.expand(p.selection[0]);
    else if (a === 'reload') p.onReload();
  };
  return (
    <aside className="gw-left">
      {!p.inGraph ? (
        <ClusterList clusters={p.overview.clusters} selected={p.picked} minScore={p.minScore} onMinScore={p.onMinScore} onSelect={p.onPickCluster} onOpen={p.openCluster} />
      ) : (
        <FilterPanel
          signals={p.overview.signals}
          active={p.signals}
          onSignals={p.onSignals}
          minWeight={p.minWeight}
          onMinWeight={p.onMinWeight}
          hubs={p.hubs}
          onHubs={p.onHubs}
          mode={p.mode}
          selection={p.selection.length}
          onAction={onAction}
        />
      )}
    </aside>
  );
}
