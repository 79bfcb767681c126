// Renderer. Mount points for the workflow feature (tags, notes, verdicts, merge/split) inside the
// graph workbench's account and cluster panels; the components live in renderer/src/features/workflow/.
import { AccountWorkflow, ClusterWorkflow } from '../../workflow';

export function AccountWorkflowSlot(props: { accountId: string }) {
  return <AccountWorkflow accountId={props.accountId} />;
}

export function ClusterWorkflowSlot(props: { clusterId: string }) {
  return <ClusterWorkflow clusterId={props.clusterId} />;
}
