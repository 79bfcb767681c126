// Engine, worker thread. Runs one job off the host's event loop, on its own connection to the case.
import { parentPort, workerData } from 'node:worker_threads';
import { EngineError } from '../../shared/result';
import { openDb } from '../db/connection';
import { CancelledError, cancelFlag, writesWaitingFlag, type JobContext } from './job-context';
import { jobRegistry, type JobKindName } from './registry';
import { isBusy, LOCKED_BY_ANOTHER } from '../write-lane';

interface WorkerInput {
  kind: JobKindName;
  casePath: string;
  params: unknown;
  cancelBuffer: SharedArrayBuffer;
  writesBuffer: SharedArrayBuffer;
}

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('job-worker must run in a worker thread');
  const input = workerData as WorkerInput;
  const flag = cancelFlag(input.cancelBuffer);
  const writes = writesWaitingFlag(input.writesBuffer);
  const db = openDb(input.casePath);
  const ctx: JobContext = {
    db,
    casePath: input.casePath,
    progress: (p) => port.postMessage({ type: 'progress', ...p }),
    isCancelled: flag.isCancelled,
    checkCancelled: () => {
      if (flag.isCancelled()) throw new CancelledError();
    },
    letWaitingWritesIn: () => writes.pauseWhileSet(),
  };
  try {
    const result: unknown = await jobRegistry[input.kind](ctx, input.params as never);
    port.postMessage({ type: 'done', result });
  } catch (e) {
    if (e instanceof CancelledError) port.postMessage({ type: 'cancelled', message: e.summary });
    else if (isBusy(e)) port.postMessage({ type: 'error', code: 'BUSY', message: LOCKED_BY_ANOTHER });
    else
      port.postMessage({
        type: 'error',
        code: e instanceof EngineError ? e.code : 'INTERNAL',
        message: e instanceof Error ? e.message : String(e),
      });
  } finally {
    db.close();
  }
}

void main();
