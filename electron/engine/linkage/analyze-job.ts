// Engine, job worker. The analysis job: runs the pipeline on the job's own connection, reporting
// progress and polling cancellation between batches (see analyze.ts for the phases).
import type { AnalysisParametersInput } from '../../shared/contract/analysis';
import type { JobFn } from '../jobs/job-context';
import { analyze, type AnalysisResult } from './analyze';

export interface AnalyzeJobParams {
  parameters?: Partial<AnalysisParametersInput>;
}

export const analyzeJob: JobFn<AnalyzeJobParams | undefined, AnalysisResult> = (ctx, params) =>
  analyze(ctx.db, params?.parameters, {
    progress: (phase, done, total) => ctx.progress({ phase, done, total: total ?? null }),
    checkCancelled: () => ctx.checkCancelled(),
  });
