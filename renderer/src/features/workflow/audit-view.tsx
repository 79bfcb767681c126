// Renderer. The audit log: being built by its issue; this placeholder keeps the frame whole meanwhile.
export function AuditView() {
  return <div className="placeholder">The audit log is being built.</div>;
}
