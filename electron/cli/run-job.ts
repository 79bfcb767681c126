// CLI. Runs a job function in-process on a case file, with a progress bar and Ctrl-C to cancel.
import { CancelledError, cancelFlag, type JobFn } from '../engine/jobs/job-context';
import { CaseSession } from '../engine/session';
import { CliError } from './cli-error';
import { progressPrinter } from './progress-bar';

export async function runJobInProcess<P, R>(job: JobFn<P, R>, casePath: string, params: P, opts: { quiet?: boolean; create?: boolean } = {}): Promise<R> {
  const session = CaseSession.open(casePath, { create: opts.create ?? false });
  const db = session.db;
  const flag = cancelFlag();
  const onSigint = () => {
    process.stderr.write('\nCancelling (Ctrl-C again to force)...\n');
    flag.cancel();
    process.once('SIGINT', () => process.exit(130));
  };
  process.once('SIGINT', onSigint);
  const bar = progressPrinter(opts);
  try {
    return await job(
      {
        db,
        casePath,
        progress: bar.progress,
        isCancelled: flag.isCancelled,
        checkCancelled: () => {
          if (flag.isCancelled()) throw new CancelledError();
        },
      },
      params,
    );
  } catch (e) {
    if (e instanceof CancelledError) throw new CliError('Cancelled; the case is as it was before.');
    throw e;
  } finally {
    bar.end();
    process.removeListener('SIGINT', onSigint);
    session.close();
  }
}
