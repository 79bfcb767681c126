// Electron main. Starts the engine in a utility process, forwards requests to it, and restarts it
// with a visible message when it dies (reopening the case that was open).
import type { UtilityProcess } from 'electron';
import type { WorkbenchEvent } from '../shared/contract';
import { fail, type Result } from '../shared/result';

export interface EngineClientDeps {
  fork: () => UtilityProcess;
  emit: (e: WorkbenchEvent) => void;
}

export class EngineClient {
  private child!: UtilityProcess;
  private nextId = 1;
  private pending = new Map<number, (r: Result<unknown>) => void>();
  private openCasePath: string | null = null;
  private stopping = false;

  constructor(private deps: EngineClientDeps) {
    this.start();
  }

  private start(): void {
    this.child = this.deps.fork();
    this.child.on('message', (m: { id?: number; result?: Result<unknown>; event?: WorkbenchEvent }) => {
      if (m.event) this.deps.emit(m.event);
      if (m.id !== undefined && m.result) {
        this.pending.get(m.id)?.(m.result);
        this.pending.delete(m.id);
      }
    });
    this.child.on('exit', (code) => {
      for (const resolve of this.pending.values()) resolve(fail('ENGINE_DOWN', 'The engine stopped while working on this request.'));
      this.pending.clear();
      if (this.stopping) return;
      this.deps.emit({ type: 'engine', state: 'restarted', message: `The engine stopped unexpectedly (code ${code}) and was restarted. Your case file is safe; a running job, if any, was interrupted.` });
      this.start();
      if (this.openCasePath) void this.invoke('case.open', { path: this.openCasePath });
    });
  }

  invoke(channel: string, payload: unknown): Promise<Result<unknown>> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, (r) => {
        if (r.ok && (channel === 'case.open' || channel === 'case.create')) this.openCasePath = (r.value as { path: string }).path;
        if (r.ok && channel === 'case.close') this.openCasePath = null;
        resolve(r);
      });
      this.child.postMessage({ id, channel, payload });
    });
  }

  stop(): void {
    this.stopping = true;
    this.child.kill();
  }
}
