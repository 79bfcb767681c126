// Renderer. Small hooks the workflow components share: a revision that moves whenever the case's
// workflow, analysis or data change (so every open view re-reads), and a caller that turns errors
// into toasts.
import { useCallback, useEffect, useState } from 'react';
import type { ChannelName, Req, Res } from '../../../../electron/shared/contract';
import { useApi } from '../../api/context';
import { useToast } from '../../components/toast';

/** A number that changes after every case event (tags, notes, verdicts, undo, analysis, import). */
export function useCaseRevision(): number {
  const api = useApi();
  const [rev, setRev] = useState(0);
  useEffect(() => api.onEvent((e) => {
    if (e.type === 'case' && e.change !== 'closed') setRev((r) => r + 1);
  }), [api]);
  return rev;
}

/** `call(channel, req)`: the value, or null after showing the error as a toast. */
export function useCall(): <C extends ChannelName>(channel: C, req: Req<C>) => Promise<Res<C> | null> {
  const api = useApi();
  const toast = useToast();
  return useCallback(
    async <C extends ChannelName>(channel: C, req: Req<C>) => {
      const r = await api.call(channel, req);
      if (r.ok) return r.value;
      toast.show({ kind: 'error', text: r.error.message });
      return null;
    },
    [api, toast],
  );
}

/** Reads `channel` whenever `key` or the case revision changes; null while loading or on error. */
export function useQuery<C extends ChannelName>(channel: C, req: Req<C> | null, key: string): [Res<C> | null, () => void] {
  const api = useApi();
  const rev = useCaseRevision();
  const [local, setLocal] = useState(0);
  const [value, setValue] = useState<Res<C> | null>(null);
  useEffect(() => {
    if (req === null) {
      setValue(null);
      return;
    }
    let alive = true;
    void api.call(channel, req).then((r) => {
      if (alive) setValue(r.ok ? r.value : null);
    });
    return () => {
      alive = false;
    };
    // req is described by key; re-reading on every render would loop
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, channel, key, rev, local]);
  return [value, () => setLocal((n) => n + 1)];
}
