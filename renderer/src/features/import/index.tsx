// Renderer. Import: being built by its issue; this placeholder keeps the frame whole meanwhile.
export function ImportPanel() {
  return <div className="placeholder">Import is being built.</div>;
}
