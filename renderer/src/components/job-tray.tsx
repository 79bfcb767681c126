// Renderer. Every running job with its progress bar, rate and a Cancel button, and the
// investigator's changes that wait for the case while a job holds it.
import { useApi } from '../api/context';
import { fmtCompact } from '../state/format';
import { useJobs } from '../state/jobs';
import { usePendingWrites } from '../state/writes';
import { ProgressBar } from './progress-bar';

const KIND_LABEL: Record<string, string> = { import: 'Importing', analyze: 'Analysing', export: 'Exporting', demo: 'Preparing the demo case' };
const HOLDER: Record<string, string> = {
  import: 'the import next commits its rows (every few seconds)',
  analyze: 'the analysis has finished writing its results',
  export: 'the export has finished',
  demo: 'the demo case is ready',
};

export function JobTray() {
  const api = useApi();
  const jobs = useJobs();
  const writes = usePendingWrites();
  if (jobs.length === 0 && writes.pending === 0) return null;
  return (
    <div className="job-tray">
      {writes.pending > 0 ? (
        <div className="job panel" data-testid="pending-writes" role="status">
          <div className="label">
            <strong>
              {writes.pending === 1 ? 'A change waits' : `${writes.pending} changes wait`} to be saved
            </strong>
          </div>
          <div className="label muted">
            {writes.holder ? `Saved when ${HOLDER[writes.holder] ?? 'the job has finished'}.` : 'Another program is writing to this case; saved when it has finished.'} You can go on working.
          </div>
        </div>
      ) : null}
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
