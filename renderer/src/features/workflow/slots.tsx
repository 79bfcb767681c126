// Renderer. Ready-made groups of workflow components for the graph workbench's panels: what an
// investigator does with a cluster, an account, or a selection of accounts.
import { MergeSplit } from './MergeSplit';
import { NotesEditor } from './NotesEditor';
import { TagPicker } from './TagPicker';
import { VerdictButtons } from './VerdictButtons';
import './workflow.css';

export function ClusterWorkflow({ clusterId }: { clusterId: string }) {
  return (
    <div className="wf-slot" data-testid="cluster-workflow">
      <TagPicker kind="cluster" ids={[clusterId]} />
      <NotesEditor kind="cluster" id={clusterId} />
      <MergeSplit clusterId={clusterId} />
    </div>
  );
}

export function AccountWorkflow({ accountId, clusterId }: { accountId: string; clusterId?: string }) {
  return (
    <div className="wf-slot" data-testid="account-workflow">
      <VerdictButtons accountIds={[accountId]} {...(clusterId ? { clusterId } : {})} />
      <TagPicker kind="account" ids={[accountId]} />
      <NotesEditor kind="account" id={accountId} />
    </div>
  );
}

/** Bulk actions on accounts selected in a graph (lasso, box): tag, verdict, split off. */
export function SelectionWorkflow({ accountIds, clusterId }: { accountIds: string[]; clusterId?: string }) {
  if (accountIds.length === 0) return null;
  return (
    <div className="wf-slot" data-testid="selection-workflow">
      <TagPicker kind="account" ids={accountIds} label="Tag the selection" />
      <VerdictButtons accountIds={accountIds} {...(clusterId ? { clusterId } : {})} />
      {clusterId ? <MergeSplit clusterId={clusterId} accountIds={accountIds} /> : null}
    </div>
  );
}
