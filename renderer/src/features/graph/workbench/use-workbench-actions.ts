// Renderer. How the investigator moves around the workbench: open a cluster's graph, go back to the
// overview, expand an account's neighbours into the graph, jump to a search hit (drilling into its
// cluster first, or showing it alone when it has none).
import { useCallback, type Dispatch, type RefObject, type SetStateAction } from 'react';
import type { SearchHit, TimeRange, ViewMode } from '../../../../../electron/shared/contract';
import { unpackView } from '../../../../../electron/shared/contract/graph-pack';
import type { WorkbenchApi } from '../../../api/workbench-api';
import type { useToast } from '../../../components/toast';
import type { GraphController } from '../canvas/graph-controller';
import type { ClusterRequest } from './use-graph-views';
import { plural, type Detail, type Screen } from './workbench-model';

/** Neighbours added per expand: the strongest links only, so the graph stays readable. */
const EXPAND_LIMIT = 50;

interface Inputs {
  api: WorkbenchApi;
  toast: ReturnType<typeof useToast>;
  ctl: RefObject<GraphController | null>;
  ready: boolean;
  screen: Screen;
  picked: string | null;
  mode: ViewMode;
  signals: string[] | null;
  minWeight: number;
  hubs: boolean;
  pendingFocus: RefObject<string | null>;
  prefetchCluster: (req: ClusterRequest) => void;
  setScreen: Dispatch<SetStateAction<Screen>>;
  setDetail: Dispatch<SetStateAction<Detail | null>>;
  setSelection: Dispatch<SetStateAction<string[]>>;
  setTimeRange: Dispatch<SetStateAction<TimeRange>>;
  setPicked: Dispatch<SetStateAction<string | null>>;
}

export function useWorkbenchActions(i: Inputs) {
  const { api, toast, ctl, ready, screen, picked, mode, signals, minWeight, hubs, pendingFocus, prefetchCluster, setScreen, setDetail, setSelection, setTimeRange, setPicked } = i;

  const openCluster = useCallback(
    (id: string) => {
      // a new cluster opens without a time filter
      if (ready) prefetchCluster({ id, mode, signals, minWeight, timeRange: null, hubs });
      setScreen({ kind: 'cluster', id });
      setDetail(null);
      setSelection([]);
      setTimeRange(null);
      setPicked(id);
    },
    [ready, prefetchCluster, mode, signals, minWeight, hubs, setScreen, setDetail, setSelection, setTimeRange, setPicked],
  );

  const backToOverview = useCallback(() => {
    setScreen({ kind: 'overview' });
    setDetail(picked ? { kind: 'cluster', id: picked } : null);
    setSelection([]);
    setTimeRange(null);
  }, [picked, setScreen, setDetail, setSelection, setTimeRange]);

  const expand = useCallback(
    async (accountId: string) => {
      const r = await api.call('graph.neighbours', { accountId, limit: EXPAND_LIMIT });
      if (!r.ok) return toast.show({ kind: 'error', text: r.error.message });
      const added = ctl.current?.merge(unpackView(r.value), `a:${accountId}`) ?? 0;
      toast.show({ text: added > 0 ? `Added ${plural(added, 'neighbour')} of ${accountId}.` : `All strongest neighbours of ${accountId} are already shown.` });
    },
    [api, ctl, toast],
  );

  const onSearchPick = useCallback(
    (hit: SearchHit) => {
      const nodeId = `a:${hit.accountId}`;
      setDetail({ kind: 'account', id: hit.accountId });
      if (ctl.current?.cy.getElementById(nodeId).nonempty() && screen.kind !== 'overview') {
        ctl.current.focus(nodeId);
        return;
      }
      // focused once the view with it is drawn (useGraphViews)
      pendingFocus.current = nodeId;
      if (hit.cluster !== null) {
        setScreen({ kind: 'cluster', id: hit.cluster });
        setPicked(hit.cluster);
        setTimeRange(null);
      } else setScreen({ kind: 'accounts', label: hit.accountId, ids: [hit.accountId] });
    },
    [ctl, pendingFocus, screen, setDetail, setScreen, setPicked, setTimeRange],
  );

  return { openCluster, backToOverview, expand, onSearchPick };
}
