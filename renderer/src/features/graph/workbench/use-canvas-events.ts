// Renderer. What a click on the graph means to the workbench: a cluster picks it, an account opens
// its profile (or, with shift while the path tool is open, becomes the path's other end), a shared
// value shows what it is, an edge explains why two accounts are linked; a double-click opens a
// cluster, expands an account's neighbours or expands a group.
import { useMemo, type Dispatch, type RefObject, type SetStateAction } from 'react';
import type { ControllerEvents, GraphController } from '../canvas/graph-controller';
import { ref, type Detail, type PathState } from './workbench-model';

interface Inputs {
  ctl: RefObject<GraphController | null>;
  detail: Detail | null;
  openCluster: (id: string) => void;
  expand: (accountId: string) => Promise<void>;
  setPicked: Dispatch<SetStateAction<string | null>>;
  setDetail: Dispatch<SetStateAction<Detail | null>>;
  setPath: Dispatch<SetStateAction<PathState>>;
  setSelection: Dispatch<SetStateAction<string[]>>;
}

export function useCanvasEvents({ ctl, detail, openCluster, expand, setPicked, setDetail, setPath, setSelection }: Inputs): ControllerEvents {
  return useMemo(
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
      // the tables and the workflow act on accounts only (values and groups are not accounts)
      onSelection: (ids: string[]) => setSelection(ids.filter((i) => i.startsWith('a:')).map(ref)),
    }),
    [ctl, detail, expand, openCluster, setPicked, setDetail, setPath, setSelection],
  );
}
