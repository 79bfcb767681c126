// Renderer. Step 3: the running import: bytes read, rows, rows/s, ETA, and Cancel (the file
// being read is rolled back; `cancelNote` says what that leaves). Several files: the whole first
// (files done, a bar by their sizes, the time left at the pace so far), then the file being read.
import { useRef } from 'react';
import type { JobEvent } from '../../../../electron/shared/contract';
import { timeLeft } from '../../../../electron/shared/time-left';
import { useApi } from '../../api/context';
import { ProgressBar } from '../../components/progress-bar';
import { fmtCompact, fmtDuration } from '../../state/format';

export function ImportProgress({ job, cancelNote }: { job: JobEvent; cancelNote: string }) {
  const api = useApi();
  const eta = job.total && job.rate ? Math.max(0, (job.total - job.done) / job.rate) : null;
  const started = useRef(Date.now());
  const steps = job.steps;
  const elapsed = (Date.now() - started.current) / 1000;
  const left = steps ? timeLeft(steps.share, elapsed) : null;
  return (
    <section className="card panel imp-step" data-testid="import-progress">
      <h2>Importing</h2>
      {steps ? (
        <div className="imp-overall" data-testid="import-overall">
          <ProgressBar done={steps.share} total={1} />
          <div className="imp-stats">
            <span>
              <strong>{steps.done.toLocaleString('en-US')}</strong> of {steps.total.toLocaleString('en-US')} files imported
            </span>
            <span>{Math.floor(steps.share * 100)}% of the bytes</span>
            {left !== null ? <span>about {fmtDuration(left)} left in all</span> : null}
          </div>
        </div>
      ) : null}
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
