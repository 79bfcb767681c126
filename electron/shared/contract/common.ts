// Shared by every process. Small schemas reused by several domains.
import { z } from 'zod';
import { LIMITS } from '../limits';

export const Text = z.string().max(LIMITS.maxText);
export const Id = z.string().min(1).max(512);
export const FilePath = z.string().min(1).max(4096);
export const Empty = z.object({}).strict();
export const Nothing = z.null();
/** A long job was started; its progress arrives as events with this id. */
export const JobStarted = z.object({ jobId: z.string() });
export type JobStarted = z.infer<typeof JobStarted>;
