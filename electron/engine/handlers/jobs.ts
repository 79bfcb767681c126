// Engine. Handlers for running jobs.
import type { HandlerMap } from './types';

export const jobHandlers: HandlerMap<'job.cancel' | 'job.list'> = {
  'job.cancel': (req, ctx) => {
    ctx.jobs.cancel(req.jobId);
    return null;
  },
  'job.list': (_req, ctx) => ctx.jobs.list(),
};
