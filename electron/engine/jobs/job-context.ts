// Engine. What a long job (import, analysis, export, demo) is given: its own connection to the
// case, a way to report progress, and a cancellation flag it must poll between batches.
import type { Db } from '../db/connection';

export class CancelledError extends Error {
  /** `kept`: what a job that writes in parts keeps of its work (an import of several files: the
   * files finished before the cancel); absent, the case is as it was before the job. */
  constructor(readonly kept?: string) {
    super('Cancelled');
    this.name = 'CancelledError';
  }

  /** What the investigator is told. */
  get summary(): string {
    return `Cancelled; ${this.kept ?? 'the case is as it was before'}.`;
  }
}

export interface Progress {
  phase: string;
  done: number;
  total?: number | null;
  message?: string;
  /** a job made of steps (an import's files): see JobEvent.steps */
  steps?: Steps;
}

export interface Steps {
  /** steps finished */
  done: number;
  total: number;
  /** the share of the whole job's work done, 0 to 1 (an import: by the files' sizes) */
  share: number;
}

export interface JobContext {
  db: Db;
  casePath: string;
  progress(p: Progress): void;
  isCancelled(): boolean;
  /** throws CancelledError when cancellation was requested */
  checkCancelled(): void;
  /**
   * Between two of its transactions, a job that writes in many of them (an import) calls this: while
   * an investigator's change waits for the write lock it pauses here, so the change gets in
   * (without it the next BEGIN follows the COMMIT within microseconds and the change waits for
   * the whole job). Absent where nothing else writes (the CLI).
   */
  letWaitingWritesIn?(): void;
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

/** The longest a job pauses after a commit for waiting changes; they take milliseconds. */
export const MAX_WRITE_PAUSE_MS = 2_000;

/**
 * Set by the engine while an investigator's change waits for the case's write lock; read by the
 * job threads (`JobContext.letWaitingWritesIn`). One per engine, shared with every job.
 */
export function writesWaitingFlag(buffer: SharedArrayBuffer = new SharedArrayBuffer(4)) {
  const view = new Int32Array(buffer);
  return {
    buffer,
    set(on: boolean): void {
      Atomics.store(view, 0, on ? 1 : 0);
      if (!on) Atomics.notify(view, 0);
    },
    isSet: () => Atomics.load(view, 0) === 1,
    /** Blocks this thread (a job's, never the engine's) while the flag is set, at most maxMs. */
    pauseWhileSet(maxMs = MAX_WRITE_PAUSE_MS): void {
      const until = performance.now() + maxMs;
      for (;;) {
        const left = until - performance.now();
        if (Atomics.load(view, 0) !== 1 || left <= 0) return;
        Atomics.wait(view, 0, 1, left);
      }
    },
  };
}
