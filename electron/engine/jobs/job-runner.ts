// Engine (host process). Starts jobs in worker threads so that heavy work never blocks the host's
// event loop (the WebSocket server, the Electron utility process), relays their progress as
// events with a rate, and cancels them on request.
import { randomUUID } from 'node:crypto';
import type { Worker } from 'node:worker_threads';
import { startBuiltWorker } from '../built-worker';
import type { JobEvent } from '../../shared/contract';
import { distPath } from '../paths';
import { cancelFlag, writesWaitingFlag, type Steps } from './job-context';
import type { JobKindName } from './registry';

interface Running {
  worker: Worker;
  cancel: () => void;
  last: JobEvent;
}

type WorkerMessage =
  | { type: 'progress'; phase: string; done: number; total?: number | null; message?: string; steps?: Steps }
  | { type: 'done'; result: unknown }
  | { type: 'cancelled'; message: string }
  | { type: 'error'; code: string; message: string };

export class JobRunner {
  private running = new Map<string, Running>();
  /** shared with every job: set while an investigator's change waits for the write lock */
  private writesWaiting = writesWaitingFlag();

  constructor(
    private emit: (e: JobEvent) => void,
    private workerFile = distPath('workers', 'job-worker.cjs'),
  ) {}

  start(kind: JobKindName, casePath: string, params: unknown, onDone?: (result: unknown) => void): string {
    const jobId = randomUUID();
    const flag = cancelFlag();
    const worker = startBuiltWorker(this.workerFile, {
      workerData: { kind, casePath, params, cancelBuffer: flag.buffer, writesBuffer: this.writesWaiting.buffer },
    });
    let phase = 'starting';
    let phaseStart = Date.now();
    let lastEmit = 0;
    const base = { type: 'job' as const, jobId, kind };
    const entry: Running = {
      worker,
      cancel: flag.cancel,
      last: { ...base, state: 'running', phase, done: 0, total: null, rate: null },
    };
    this.running.set(jobId, entry);
    // The job leaves the running list before onDone runs, so onDone may start work of its own.
    const finish = (e: JobEvent, then?: () => void) => {
      if (!this.running.has(jobId)) return;
      this.running.delete(jobId);
      then?.();
      this.emit(e);
    };
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') {
        if (m.phase !== phase) {
          phase = m.phase;
          phaseStart = Date.now();
        }
        const secs = (Date.now() - phaseStart) / 1000;
        entry.last = {
          ...base,
          state: 'running',
          phase: m.phase,
          done: m.done,
          total: m.total ?? null,
          rate: secs > 0.2 ? m.done / secs : null,
          ...(m.message ? { message: m.message } : {}),
          ...(m.steps ? { steps: m.steps } : {}),
        };
        // at most ~10 events a second reach the UI, whatever the job reports
        const now = Date.now();
        if (now - lastEmit >= 100) {
          lastEmit = now;
          this.emit(entry.last);
        }
      } else if (m.type === 'done') {
        finish({ ...entry.last, state: 'done', result: m.result }, () => onDone?.(m.result));
      } else if (m.type === 'cancelled') {
        finish({ ...entry.last, state: 'cancelled', message: m.message });
      } else {
        finish({ ...entry.last, state: 'failed', error: { code: m.code, message: m.message } });
      }
    });
    worker.on('error', (err) => {
      finish({ ...entry.last, state: 'failed', error: { code: 'INTERNAL', message: err.message } });
    });
    worker.on('exit', (code) => {
      if (code !== 0) finish({ ...entry.last, state: 'failed', error: { code: 'INTERNAL', message: `job worker exited with code ${code}` } });
      else finish({ ...entry.last, state: 'failed', error: { code: 'INTERNAL', message: 'job ended without a result' } });
    });
    this.emit(entry.last);
    return jobId;
  }

  cancel(jobId: string): boolean {
    const r = this.running.get(jobId);
    if (!r) return false;
    r.cancel();
    return true;
  }

  /** Asks running jobs to pause between their transactions (on) or to go on (off). */
  letWritesIn(on: boolean): void {
    this.writesWaiting.set(on);
  }

  list(): JobEvent[] {
    return [...this.running.values()].map((r) => r.last);
  }

  /** Waits for every job to end (used before closing a case). */
  async stopAll(): Promise<void> {
    const all = [...this.running.values()];
    for (const r of all) r.cancel();
    await Promise.all(all.map((r) => new Promise<void>((res) => r.worker.once('exit', () => res()))));
  }
}
