// Shared by every process. Long work (import, analysis, export, demo) runs as jobs that push
// progress events and can be cancelled.
import { z } from 'zod';
import { channel } from './channel';
import { Empty, Nothing } from './common';

export const JobState = z.enum(['running', 'done', 'failed', 'cancelled']);
export const JobKind = z.enum(['import', 'analyze', 'export', 'demo']);

export const JobEvent = z.object({
  type: z.literal('job'),
  jobId: z.string(),
  kind: JobKind,
  state: JobState,
  phase: z.string(),
  done: z.number(),
  total: z.number().nullable(),
  /** units per second in the current phase */
  rate: z.number().nullable(),
  message: z.string().optional(),
  /** a job made of steps (an import of several files): steps finished of all, and the share of
   * the whole job's work done (0 to 1; an import's by the files' sizes), for an overall bar */
  steps: z.object({ done: z.number().int(), total: z.number().int(), share: z.number() }).optional(),
  /** the job's result when state is 'done' (shape depends on kind) */
  result: z.unknown().optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type JobEvent = z.infer<typeof JobEvent>;

export const EngineEvent = z.object({
  type: z.literal('engine'),
  state: z.enum(['ready', 'restarted', 'down']),
  message: z.string(),
});

export const CaseEvent = z.object({
  type: z.literal('case'),
  /** something in the open case changed (import finished, analysis ran, tags...) */
  change: z.enum(['opened', 'closed', 'data', 'analysis', 'workflow']),
});

/**
 * Investigator changes (channels that write) waiting for the case's write lock, held by a running
 * job or another program: `pending` of them wait now (0: all were saved or given up).
 */
export const WriteEvent = z.object({
  type: z.literal('write'),
  state: z.enum(['waiting', 'saved', 'failed']),
  pending: z.number().int().min(0),
  /** the running job that holds the case, when it is one of this engine's */
  holder: JobKind.nullable(),
});
export type WriteEvent = z.infer<typeof WriteEvent>;

/** A desktop menu item or accelerator was used; the renderer performs the command. */
export const MenuEvent = z.object({
  type: z.literal('menu'),
  command: z.enum(['case.new', 'case.open', 'case.close', 'import', 'analyse', 'theme', 'undo', 'redo', 'search', 'shortcuts']),
});

export const WorkbenchEvent = z.discriminatedUnion('type', [JobEvent, EngineEvent, CaseEvent, WriteEvent, MenuEvent]);
export type WorkbenchEvent = z.infer<typeof WorkbenchEvent>;

export const jobChannels = {
  'job.cancel': channel('Ask a running job to stop; the case is left as before the job.', z.object({ jobId: z.string().max(64) }).strict(), Nothing),
  'job.list': channel('Jobs currently running, with their last progress.', Empty, z.array(JobEvent)),
};
