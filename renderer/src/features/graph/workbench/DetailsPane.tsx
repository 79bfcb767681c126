// Renderer. The right-hand pane: the workflow for a multi-account selection, then the details of
// what the investigator clicked (cluster, account, edge, shared value) or the path tool; a hint on
// what to click when nothing is.
import type { Dispatch, SetStateAction } from 'react';
import type { ClusterRow } from '../../../../../electron/shared/contract';
import { SelectionWorkflow } from '../../workflow';
import { AccountPanel } from '../panels/AccountPanel';
import { ClusterPanel } from '../panels/ClusterPanel';
import { EdgePanel } from '../panels/EdgePanel';
import { PathPanel } from '../panels/PathPanel';
import { ValuePanel } from '../panels/ValuePanel';
import type { Detail, PathState, Screen } from './workbench-model';

interface Props {
  screen: Screen;
  selection: string[];
  detail: Detail | null;
  setDetail: Dispatch<SetStateAction<Detail | null>>;
  clustersById: Map<string, ClusterRow>;
  openCluster: (id: string) => void;
  expand: (accountId: string) => Promise<void>;
  path: PathState;
  setPath: Dispatch<SetStateAction<PathState>>;
  findPath: () => Promise<void>;
  /** centres the graph on an account (a step of the path) */
  focusAccount: (id: string) => void;
}

function Hint({ overview }: { overview: boolean }) {
  return (
    <div className="gw-detail muted gw-hint">
      <p>
        {overview ? (
          <>
            <b>Click</b> a cluster (in the list or the graph) for its score, reasons and activity.
          </>
        ) : (
          <>
            <b>Click</b> an account for its profile and values, an <b>edge</b> for why two accounts are linked.
          </>
        )}
      </p>
      <p>{overview ? 'Double-click a cluster (or press Enter) to open its graph.' : 'Double-click an account to expand its neighbours. Shift-drag to box-select, L to lasso.'}</p>
      <p>
        Press <kbd>?</kbd> for all shortcuts.
      </p>
    </div>
  );
}

export function DetailsPane({ screen, selection, detail, setDetail, clustersById, openCluster, expand, path, setPath, findPath, focusAccount }: Props) {
  return (
    <aside className="gw-right" aria-label="Details">
      {selection.length > 1 ? <SelectionWorkflow accountIds={selection} {...(screen.kind === 'cluster' ? { clusterId: screen.id } : {})} /> : null}
      {detail === null ? (
        <Hint overview={screen.kind === 'overview'} />
      ) : detail.kind === 'cluster' && clustersById.get(detail.id) ? (
        <ClusterPanel cluster={clustersById.get(detail.id)!} onOpen={() => openCluster(detail.id)} />
      ) : detail.kind === 'account' ? (
        <AccountPanel
          accountId={detail.id}
          onExpand={(id) => void expand(id)}
          onPathFrom={(id) => {
            setPath((p) => ({ ...p, a: id, result: undefined }));
            setDetail({ kind: 'path' });
          }}
          onFocusCluster={openCluster}
        />
      ) : detail.kind === 'edge' ? (
        <EdgePanel a={detail.a} b={detail.b} onAccount={(id) => setDetail({ kind: 'account', id })} />
      ) : detail.kind === 'value' ? (
        <ValuePanel label={detail.label} signal={detail.signal} size={detail.size} />
      ) : detail.kind === 'path' ? (
        <PathPanel
          a={path.a}
          b={path.b}
          onChange={(a, b) => setPath((p) => ({ ...p, a, b, result: undefined }))}
          onFind={() => void findPath()}
          result={path.result}
          busy={path.busy}
          onAccount={focusAccount}
        />
      ) : null}
    </aside>
  );
}
