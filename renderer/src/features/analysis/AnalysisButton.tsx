// Renderer. The header's way to the analysis: "Analyse", marked when imports came after the last
// analysis (its clusters do not include them) or when tags and notes wait on regrouped clusters,
// "Analysis queued" while one waits for an import, "Analysing…" while one runs.
import { fmtInt } from '../../state/format';
import { useAnalysis } from './analysis-context';

export function AnalysisButton() {
  const { status, regrouped, running, queued, open } = useAnalysis();
  const stale = status ? status.importsSince > 0 : false;
  const title = running
    ? 'The analysis is running (progress at the bottom left)'
    : queued
      ? `The analysis starts when ${queued.after} has finished (Ctrl+Shift+A to change that)`
      : stale && status
      ? `${fmtInt(status.rowsSince)} rows imported since the last analysis: run it again (Ctrl+Shift+A)`
      : regrouped.length
        ? `Tags or notes on ${fmtInt(regrouped.length)} regrouped cluster${regrouped.length === 1 ? '' : 's'} wait to be carried over (Ctrl+Shift+A)`
        : 'Run the linkage analysis, or again with other parameters (Ctrl+Shift+A)';
  return (
    <button className={stale ? 'an-button stale' : 'an-button'} onClick={open} title={title} data-testid="analysis-button">
      {running ? 'Analysing…' : queued ? 'Analysis queued' : 'Analyse'}
      {stale && !running ? <span className="an-badge">new data</span> : null}
      {regrouped.length && !running ? (
        <span className="an-badge" data-testid="regrouped-badge">
          {fmtInt(regrouped.length)} regrouped
        </span>
      ) : null}
    </button>
  );
}
