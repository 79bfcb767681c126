// Renderer. The graph workbench's keyboard shortcuts (listed for the help dialog in ../shortcuts.ts).
// The ones that act on the graph's nodes work only in a drill-down, where nodes can be selected.
import type { Dispatch, RefObject, SetStateAction } from 'react';
import type { ViewMode } from '../../../../../electron/shared/contract';
import type { useToast } from '../../../components/toast';
import { useShortcut } from '../../../state/shortcuts';
import type { GraphController } from '../canvas/graph-controller';
import type { Detail, Screen } from './workbench-model';

/** How much one zoom key press zooms in or out. */
const ZOOM_STEP = 1.3;

interface Inputs {
  ctl: RefObject<GraphController | null>;
  searchRef: RefObject<HTMLInputElement | null>;
  toast: ReturnType<typeof useToast>;
  screen: Screen;
  picked: string | null;
  selection: string[];
  openCluster: (id: string) => void;
  backToOverview: () => void;
  expand: (accountId: string) => Promise<void>;
  setLasso: Dispatch<SetStateAction<boolean>>;
  setDetail: Dispatch<SetStateAction<Detail | null>>;
  setMode: Dispatch<SetStateAction<ViewMode>>;
}

export function useWorkbenchShortcuts({ ctl, searchRef, toast, screen, picked, selection, openCluster, backToOverview, expand, setLasso, setDetail, setMode }: Inputs): void {
  const inGraph = screen.kind !== 'overview';
  useShortcut('/', () => searchRef.current?.focus());
  useShortcut('mod+k', () => searchRef.current?.focus());
  useShortcut('escape', () => {
    ctl.current?.unselectAll();
    ctl.current?.clearHighlight();
    setLasso(false);
    setDetail(null);
  });
  useShortcut('f', () => ctl.current?.fit());
  useShortcut('=', () => ctl.current?.zoomBy(ZOOM_STEP));
  useShortcut('-', () => ctl.current?.zoomBy(1 / ZOOM_STEP));
  useShortcut('backspace', backToOverview, inGraph);
  useShortcut('h', () => ctl.current?.hideSelected(), inGraph);
  useShortcut('shift+h', () => ctl.current?.showAll(), inGraph);
  useShortcut('p', () => ctl.current?.togglePinSelected(), inGraph);
  useShortcut('g', () => (ctl.current?.collapseSelected('group') ? undefined : toast.show({ text: 'Select two or more nodes to group them.' })), inGraph);
  useShortcut('i', () => ctl.current?.isolateSelection(), inGraph);
  useShortcut('l', () => setLasso((l) => !l), inGraph);
  useShortcut('e', () => selection[0] && void expand(selection[0]), inGraph);
  useShortcut('1', () => setMode('accounts'), screen.kind === 'cluster');
  useShortcut('2', () => setMode('values'), screen.kind === 'cluster');
  useShortcut('t', () => setDetail({ kind: 'path' }));
  useShortcut('enter', () => picked && openCluster(picked), screen.kind === 'overview' && picked !== null);
}
