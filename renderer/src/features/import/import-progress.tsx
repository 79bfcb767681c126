// Renderer. Step 3: the running import: bytes read, rows, rows/s, ETA, and Cancel (the file
// being read is rolled back; `cancelNote` says what that leaves).
import type { JobEvent } from '../../../../electron/shared/contract';
import { useApi } from '../../api/context';
import { ProgressBar } from '../../components/progress-bar';
import { fmtCompact, fmtDuration } from '../../state/format';

export function ImportProgress({ job, cancelNote }: { job: JobEvent; cancelNote: string }) {
  const api = useApi();
  const eta = job.total && job.rate ? Math.max(0, (job.total - job.done) / job.rate) : null;
  return (
    <section className="card panel imp-step" data-testid="import-progress">
      <h2>Importing</h2>
      <div className="muted">{job.phase}</div>
      <ProgressBar done={job.done} total={job.total} />
      <div className="imp-stats">
        <span>
          <strong>{fmtCompact(job.done)}</strong> rows{job.total ? ` of about ${fmtCompact(job.total)}` : ''}
        </span>
        {job.rate ? <span>{fmtCompact(job.rate)} rows/s</span> : null}
        {eta !== null ? <span>about {fmtDuration(eta)} left</span> : null}
        {job.message ? <span className="muted">{job.message}</span> : null}
      </div>
      <div className="imp-actions">
        <span className="spacer" />
        <button onClick={() => void api.call('job.cancel', { jobId: job.jobId })}>Cancel</button>
      </div>
      <p className="muted">Cancelling: {cancelNote}</p>
    </section>
  );
}
