// Renderer. Investigator changes waiting for the case (a running job holds its write lock): how many
// wait and for what, from the engine's write events. They are saved when the job lets them in
// (an import between two of its transactions, an analysis when its write ends).
import { useEffect, useState } from 'react';
import type { WriteEvent } from '../../../electron/shared/contract';
import { useApi } from '../api/context';
import { useToast } from '../components/toast';

export interface PendingWrites {
  pending: number;
  holder: WriteEvent['holder'];
}

export function usePendingWrites(): PendingWrites {
  const api = useApi();
  const toast = useToast();
  const [state, setState] = useState<PendingWrites>({ pending: 0, holder: null });
  useEffect(() => {
    let saved = 0;
    return api.onEvent((e) => {
      if (e.type !== 'write') return;
      if (e.state === 'saved') saved++;
      setState({ pending: e.pending, holder: e.holder });
      if (e.pending === 0) {
        // a change that gave up says why in its own error toast
        if (saved > 0) toast.show({ kind: 'success', text: `Saved ${saved === 1 ? 'the change' : `${saved} changes`} that waited for the case.` });
        saved = 0;
      }
    });
  }, [api, toast]);
  return state;
}
