// Renderer. The path tool's state and its one action: ask the engine for the strongest chain of
// links between two accounts, add the accounts it passes through to the graph if they are not on
// it, and highlight the chain.
import { useCallback, useState, type RefObject } from 'react';
import { unpackView } from '../../../../../electron/shared/contract/graph-pack';
import type { WorkbenchApi } from '../../../api/workbench-api';
import type { useToast } from '../../../components/toast';
import type { GraphController } from '../canvas/graph-controller';
import type { PathState } from './workbench-model';

export function usePathTool(api: WorkbenchApi, toast: ReturnType<typeof useToast>, ctl: RefObject<GraphController | null>) {
  const [path, setPath] = useState<PathState>({ a: '', b: '', result: undefined, busy: false });

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
        // the new accounts go on a ring around one already shown
        const anchor = ids.find((id) => c.cy.getElementById(id).nonempty()) ?? ids[0]!;
        c.merge(unpackView(v.value), anchor);
      }
    }
    c.highlight(ids, r.value.steps.map((s) => [`a:${s.from}`, `a:${s.to}`]));
  }, [api, ctl, path, toast]);

  return { path, setPath, findPath };
}
