// Engine. The one entry point every host uses: validate a request against the contract, run its
// handler, answer with a Result envelope. Never imports 'electron'.
import type { z } from 'zod';
import { contract, isChannelName, type EngineChannelName, type WorkbenchEvent } from '../shared/contract';
import { EngineError, fail, ok, type Result } from '../shared/result';
import { EngineContext, JOB_NAMES, type EngineOptions } from './engine-context';
import { handlers } from './handlers';
import type { Handler } from './handlers/types';
import { workbenchHome } from './paths';
import { isBusy, WriteLane } from './write-lane';

export class Engine {
  readonly ctx: EngineContext;
  /** channels that write run here: in order, waiting (not failing) while the case is locked */
  private writes: WriteLane;

  constructor(opts: Partial<EngineOptions> & Pick<EngineOptions, 'host'>) {
    this.ctx = new EngineContext({ ...opts, home: workbenchHome(opts.home) });
    const job = () => this.ctx.jobs.list()[0]?.kind ?? null;
    this.writes = new WriteLane({
      onWait: (state, pending) => this.ctx.emit({ type: 'write', state, pending, holder: job() }),
      letIn: (on) => this.ctx.jobs.letWritesIn(on),
      holder: () => {
        const kind = job();
        return kind ? JOB_NAMES[kind] : 'another program (such as the linkwork command line)';
      },
    });
  }

  onEvent(listener: (e: WorkbenchEvent) => void): () => void {
    return this.ctx.onEvent(listener);
  }

  /** Validates and dispatches one request. Never throws. */
  async invoke(channel: unknown, payload: unknown): Promise<Result<unknown>> {
    if (!isChannelName(channel)) return fail('BAD_REQUEST', `Unknown channel ${String(channel).slice(0, 80)}.`);
    const def = contract[channel];
    if (def.host) return fail('BAD_REQUEST', `${channel} is answered by the host, not the engine.`);
    const parsed = (def.request as z.ZodType).safeParse(payload ?? {});
    if (!parsed.success) {
      return fail('BAD_REQUEST', `Invalid request for ${channel}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'} ${i.message}`).join('; ')}`);
    }
    try {
      const handler = handlers[channel as EngineChannelName] as Handler<EngineChannelName>;
      const run = () => handler(parsed.data as never, this.ctx);
      if (!def.writes) return ok(await run());
      const session = this.ctx.maybeSession();
      return ok(await this.writes.run(run, () => this.ctx.maybeSession() === session));
    } catch (e) {
      if (e instanceof EngineError) return fail(e.code, e.message);
      if (isBusy(e)) return fail('BUSY', 'The case is being written by a job or another program; try again in a moment.');
      const message = e instanceof Error ? e.message : String(e);
      return fail('INTERNAL', message);
    }
  }

  async dispose(): Promise<void> {
    await this.ctx.closeCase();
  }
}
