// Renderer. Every running job with its progress bar, rate and a Cancel button.
import { useApi } from '../api/context';
import { fmtCompact } from '../state/format';
import { useJobs } from '../state/jobs';
import { ProgressBar } from './progress-bar';

const KIND_LABEL: Record<string, string> = { import: 'Importing', analyze: 'Analysing', export: 'Exporting', demo: 'Preparing the demo case' };

export function JobTray() {
  const api = useApi();
  const jobs = useJobs();
  if (jobs.length === 0) return null;
  return (
    <div className="job-tray">
      {jobs.map((j) => {
        const eta = j.total && j.rate ? Math.max(0, (j.total - j.done) / j.rate) : null;
        return (
          <div key={j.jobId} className="job panel" data-testid="job">
            <div className="label">
              <strong>{KIND_LABEL[j.kind] ?? j.kind}</strong>
              <span className="muted">{j.phase}</span>
              <span className="spacer" />
              <button onClick={() => void api.call('job.cancel', { jobId: j.jobId })}>Cancel</button>
            </div>
            <ProgressBar done={j.done} total={j.total} />
            <div className="label muted">
              {fmtCompact(j.done)}
              {j.total ? ` / ${fmtCompact(j.total)}` : ''}
              {j.rate ? ` · ${fmtCompact(j.rate)}/s` : ''}
              {eta !== null ? ` · about ${Math.ceil(eta)} s left` : ''}
              {j.message ? ` · ${j.message}` : ''}
            </div>
          </div>
        );
      })}
    </div>
  );
}
