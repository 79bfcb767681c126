// Renderer. Mount points for the workflow feature (tags, notes, verdicts) inside the graph
// workbench's account and cluster panels. The workflow helper fills these in from
// renderer/src/features/workflow/; until then they render nothing.
export function AccountWorkflowSlot(_props: { accountId: string }) {
  return null;
}

export function ClusterWorkflowSlot(_props: { clusterId: string }) {
  return null;
}
