// Renderer. A progress bar: determinate when the total is known, moving otherwise.
export function ProgressBar({ done, total }: { done: number; total: number | null }) {
  const pct = total && total > 0 ? Math.min(100, (100 * done) / total) : null;
  return (
    <div className={`progress${pct === null ? ' indeterminate' : ''}`} role="progressbar" aria-valuenow={pct ?? undefined} aria-valuemin={0} aria-valuemax={100}>
      <div style={{ width: `${pct ?? 30}%` }} />
    </div>
  );
}
