// CLI. Runs a job function in-process on a case file, with a progress bar and Ctrl-C to cancel.
import { CancelledError, cancelFlag, type JobFn } from '../engine/jobs/job-context';
import { CaseSession } from '../engine/session';
import { isBusy, LOCKED_BY_ANOTHER } from '../engine/write-lane';
import { CliError } from './cli-error';
import { progressPrinter } from './progress-bar';

function explainLock<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw isBusy(e) ? new CliError(LOCKED_BY_ANOTHER) : e;
  }
}

export async function runJobInProcess<P, R>(job: JobFn<P, R>, casePath: string, params: P, opts: { quiet?: boolean; create?: boolean } = {}): Promise<R> {
  const session = explainLock(() => CaseSession.open(casePath, { create: opts.create ?? false }));
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
    if (e instanceof CancelledError) throw new CliError(e.summary);
    if (isBusy(e)) throw new CliError(LOCKED_BY_ANOTHER);
    throw e;
  } finally {
    bar.end();
    process.removeListener('SIGINT', onSigint);
    session.close();
  }
}
