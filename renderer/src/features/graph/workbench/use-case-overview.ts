// Renderer. Loads the case's overview (ranked clusters and the cluster graph) for the workbench and
// reloads it whenever the case changes underneath (analysis finished, data imported, tags changed).
import { useEffect, useState } from 'react';
import type { Overview } from '../../../../../electron/shared/contract';
import { unpackOverview } from '../../../../../electron/shared/contract/graph-pack';
import type { WorkbenchApi } from '../../../api/workbench-api';

export function useCaseOverview(api: WorkbenchApi): { overview: Overview | null; overviewError: string | null } {
  const [overview, setOverview] = useState<Overview | null>(null);
  const [overviewError, setOverviewError] = useState<string | null>(null);
  useEffect(() => {
    // an answer that arrives after the workbench left is dropped
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
  return { overview, overviewError };
}
