// Engine. Every kind of long job, by name. A job is a plain function (see job-context.ts).
import type { JobKind } from '../../shared/contract';
import type { z } from 'zod';
import { analyzeJob } from '../linkage/analyze-job';
import { demoJob } from '../demo/demo-job';
import { exportJob } from '../evidence/export-job';
import { importJob } from '../ingest/import-job';
import type { JobFn } from './job-context';

export type JobKindName = z.infer<typeof JobKind>;

export const jobRegistry = {
  import: importJob,
  analyze: analyzeJob,
  export: exportJob,
  demo: demoJob,
} satisfies Record<JobKindName, JobFn<never, unknown>>;
