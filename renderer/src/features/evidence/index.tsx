// Renderer. Evidence export: being built by its issue; this placeholder keeps the frame whole meanwhile.
export function EvidencePanel() {
  return <div className="placeholder">Evidence export is being built.</div>;
}
