// Engine. What every handler is given: the open case (if any), the job runner, settings, and a
// way to tell the UI that something changed.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AppInfo, CaseSummary, WorkbenchEvent } from '../shared/contract';
import { EngineError } from '../shared/result';
import { JobRunner } from './jobs/job-runner';
import type { JobKindName } from './jobs/registry';
import { CaseSession } from './session';
import { Settings } from './settings';
import { ENGINE_BUSY_TIMEOUT_MS } from './write-lane';

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** a job as messages name it */
export const JOB_NAMES = { import: 'an import', analyze: 'the analysis', export: 'an evidence export', demo: 'the demo case build' } as const;

export interface EngineOptions {
  host: AppInfo['host'];
  /** the workbench home (settings, cases folder); defaults to LINKWORK_HOME or ~/.linkwork */
  home: string;
  /** override the built job worker (tests) */
  workerFile?: string;
}

export class EngineContext {
  readonly host: AppInfo['host'];
  readonly casesDir: string;
  readonly settings: Settings;
  readonly jobs: JobRunner;
  private current: CaseSession | null = null;
  private listeners = new Set<(e: WorkbenchEvent) => void>();

  constructor(private opts: EngineOptions) {
    this.host = opts.host;
    this.casesDir = join(opts.home, 'cases');
    mkdirSync(this.casesDir, { recursive: true });
    this.settings = new Settings(opts.home);
    this.jobs = opts.workerFile ? new JobRunner((e) => this.emit(e), opts.workerFile) : new JobRunner((e) => this.emit(e));
  }

  onEvent(listener: (e: WorkbenchEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(e: WorkbenchEvent): void {
    for (const l of this.listeners) l(e);
  }

  maybeSession(): CaseSession | null {
    return this.current;
  }

  /** The open case; case-scoped handlers call this and get a clear error when none is open. */
  session(): CaseSession {
    if (!this.current) throw new EngineError('NO_CASE', 'No case is open. Create or open a case first.');
    return this.current;
  }

  openCase(path: string, opts: { create?: boolean; name?: string }): CaseSummary {
    if (this.jobs.list().length > 0) throw new EngineError('CONFLICT', 'Wait for the running job to finish (or cancel it) first.');
    const next = CaseSession.open(path, opts);
    // this thread serves every view: a change that finds the case locked waits in the engine's
    // write lane, not in SQLite's busy handler (which would block it)
    next.db.pragma(`busy_timeout = ${ENGINE_BUSY_TIMEOUT_MS}`);
    this.current?.close();
    this.current = next;
    const summary = next.summary();
    this.settings.touchRecent(path, summary.name);
    this.emit({ type: 'case', change: 'opened' });
    return summary;
  }

  async closeCase(): Promise<void> {
    await this.jobs.stopAll();
    this.current?.close();
    this.current = null;
    this.emit({ type: 'case', change: 'closed' });
  }

  /** Starts a job on the open case; when it succeeds the UI is told the case changed. */
  startJob(kind: JobKindName, params: unknown, change: 'data' | 'analysis' | 'workflow' = 'data'): { jobId: string } {
    const s = this.session();
    // One job at a time on a case: each writes it through a connection of its own and SQLite lets
    // one writer in at a time (an analysis holds the case for its whole write), and an analysis
    // started during an import would read half of it.
    const running = this.jobs.list()[0];
    if (running) throw new EngineError('CONFLICT', `${capitalised(JOB_NAMES[running.kind])} is running: wait for it to finish (or cancel it) first.`);
    const jobId = this.jobs.start(kind, s.path, params, () => this.emit({ type: 'case', change }));
    return { jobId };
  }

  /** The demo case lives in the home folder; built once by the demo job, reopened after that. */
  startDemo(): { jobId: string } {
    const path = join(this.casesDir, 'Demo-case.lwcase.sqlite');
    if (existsSync(path)) {
      const probe = CaseSession.open(path);
      const ready = probe.meta('demo_ready') === '1';
      probe.close();
      if (ready) {
        this.openCase(path, {});
        const jobId = this.jobs.start('demo', path, { reuse: true });
        return { jobId };
      }
    }
    const s = CaseSession.open(path, { create: true, name: 'Demo case' });
    s.close();
    const jobId = this.jobs.start('demo', path, {}, () => {
      try {
        this.openCase(path, {});
      } catch (e) {
        this.emit({ type: 'engine', state: 'ready', message: `The demo case is ready but could not be opened: ${e instanceof Error ? e.message : String(e)}` });
      }
    });
    return { jobId };
  }
}
