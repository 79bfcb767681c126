// Engine. What a long job (import, analysis, export, demo) is given: its own connection to the
// case, a way to report progress, and a cancellation flag it must poll between batches.
import type { Db } from '../db/connection';

export class CancelledError extends Error {
  constructor() {
    super('Cancelled');
    this.name = 'CancelledError';
  }
}

export interface Progress {
  phase: string;
  done: number;
  total?: number | null;
  message?: string;
}

export interface JobContext {
  db: Db;
  casePath: string;
  progress(p: Progress): void;
  isCancelled(): boolean;
  /** throws CancelledError when cancellation was requested */
  checkCancelled(): void;
}

/** A job is a plain function: host-agnostic, run in a worker by the app and in-process by the CLI. */
export type JobFn<P = unknown, R = unknown> = (ctx: JobContext, params: P) => Promise<R> | R;

export function cancelFlag(buffer: SharedArrayBuffer = new SharedArrayBuffer(4)) {
  const view = new Int32Array(buffer);
  return {
    buffer,
    cancel: () => Atomics.store(view, 0, 1),
    isCancelled: () => Atomics.load(view, 0) === 1,
  };
}
