// Renderer. The time histogram under the graph: activity over time for what is on screen (the
// drilled cluster or accounts, else the picked cluster, else the whole case), fetched once the
// first view is drawn and again when that scope changes.
import { useEffect, useState } from 'react';
import type { Histogram, Selection } from '../../../../../electron/shared/contract';
import type { WorkbenchApi } from '../../../api/workbench-api';

/** Bars across the histogram: about one per 5 px at its usual width. */
const BUCKETS = 160;

export function useTimeHistogram(api: WorkbenchApi, scope: Selection, firstDrawn: boolean): Histogram | null {
  const [hist, setHist] = useState<Histogram | null>(null);
  // keyed by value: the scope is a new object on every render
  const key = JSON.stringify(scope);
  useEffect(() => {
    if (!firstDrawn) return;
    let live = true;
    void api.call('graph.timeHistogram', { selection: JSON.parse(key) as Selection, buckets: BUCKETS }).then((r) => live && r.ok && setHist(r.value));
    return () => {
      live = false;
    };
  }, [api, key, firstDrawn]);
  return hist;
}
