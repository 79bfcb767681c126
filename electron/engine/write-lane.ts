// Engine. Investigator changes (tags, notes, verdicts, merges, undo, presets: the contract's
// `writes` channels) made while another connection holds the case's write lock: a running import
// or analysis (its own connection, on a job thread; an analysis holds the lock for its whole
// write, about a minute at the reported scale) or another program such as the `linkwork` CLI.
// SQLite lets one writer in at a time. Waiting inside SQLite's busy handler would freeze the
// engine's one thread, and every view with it, then fail after the connection's timeout; so the
// engine's connection gives up on a busy lock at once and a change that finds the case busy waits
// here instead, without blocking: tried again and again, in arrival order (an untag never
// overtakes its tag), until the lock is free or the wait limit passes. While one waits, running
// jobs are asked to let it in between two of their transactions, and the UI is told.
import { EngineError } from '../shared/result';

/** The engine's connection: how long SQLite itself waits for a lock before answering busy. */
export const ENGINE_BUSY_TIMEOUT_MS = 50;
/** The longest a change waits for the lock (an import's last steps hold it for minutes at scale). */
export const WRITE_WAIT_LIMIT_MS = 15 * 60_000;
const FIRST_RETRY_MS = 10;
const MAX_RETRY_MS = 200;

/** SQLite answered that another connection holds the lock (SQLITE_BUSY and its extended codes). */
export function isBusy(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code === 'SQLITE_LOCKED');
}

/** A job that found the case locked past its connection's timeout says so in words. */
export const LOCKED_BY_ANOTHER = 'The case is locked by another program writing to it (an import or analysis in the app, or another linkwork command). Try again when it has finished.';

export interface WriteLaneHooks {
  /**
   * 'waiting': the lane found the case locked, `pending` changes wait; then, for each change that
   * waited or was queued behind one, 'saved' or 'failed' with how many still wait
   */
  onWait(state: 'waiting' | 'saved' | 'failed', pending: number): void;
  /** on while a change waits: running jobs pause after their next commit */
  letIn(on: boolean): void;
  /** what holds the case, for the message when a change gives up */
  holder(): string;
  sleep?(ms: number): Promise<void>;
  now?(): number;
  limitMs?: number;
}

export class WriteLane {
  private tail: Promise<unknown> = Promise.resolve();
  /** changes in the lane, the one being tried included */
  private size = 0;
  /** the head of the lane is waiting for the lock */
  private blocked = false;
  /** jobs were asked to let changes in; until the lane is empty */
  private lettingIn = false;
  /** the UI was told that changes wait; it hears of each one until the lane is empty */
  private announced = false;

  constructor(private hooks: WriteLaneHooks) {}

  /**
   * Runs `attempt` (one transaction: all or nothing) after every change queued before it, again
   * while it fails with a busy lock. `stillValid` is asked before every retry (false: the case it
   * was meant for was closed, so it must not land in another one).
   */
  run<T>(attempt: () => T | Promise<T>, stillValid: () => boolean): Promise<T> {
    this.size++;
    if (this.blocked) this.hooks.onWait('waiting', this.size);
    const p = this.tail.then(() => this.untilFree(attempt, stillValid));
    this.tail = p.then(
      () => this.settled('saved'),
      () => this.settled('failed'),
    );
    return p;
  }

  private settled(state: 'saved' | 'failed'): void {
    this.size--;
    if (this.announced) this.hooks.onWait(state, this.size);
    if (this.size > 0) return;
    this.announced = false;
    if (this.lettingIn) {
      this.lettingIn = false;
      this.hooks.letIn(false);
    }
  }

  private async untilFree<T>(attempt: () => T | Promise<T>, stillValid: () => boolean): Promise<T> {
    const now = this.hooks.now ?? (() => performance.now());
    const sleep = this.hooks.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    const limit = this.hooks.limitMs ?? WRITE_WAIT_LIMIT_MS;
    const started = now();
    let pause = FIRST_RETRY_MS;
    const closed = () => new EngineError('CONFLICT', 'Not saved: the case was closed while this change waited for it.');
    try {
      // queued behind a change that waited, its case may have been closed (and another opened)
      if (!stillValid()) throw closed();
      for (;;) {
        try {
          return await attempt();
        } catch (e) {
          if (!isBusy(e)) throw e;
        }
        if (!this.blocked) {
          this.blocked = true;
          this.announced = true;
          if (!this.lettingIn) {
            this.lettingIn = true;
            this.hooks.letIn(true);
          }
          this.hooks.onWait('waiting', this.size);
        }
        if (now() - started >= limit) {
          throw new EngineError('BUSY', `Not saved: ${this.hooks.holder()} kept the case locked for ${Math.round(limit / 60_000)} minutes. Try again when it has finished.`);
        }
        await sleep(pause);
        pause = Math.min(MAX_RETRY_MS, pause * 2);
        if (!stillValid()) throw closed();
      }
    } finally {
      this.blocked = false;
    }
  }
}
