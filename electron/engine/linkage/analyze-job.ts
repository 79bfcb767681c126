// Engine, job worker. The analysis job: runs the pipeline on the job's own connection, reporting
// progress and polling cancellation between batches (see analyze.ts for the phases). Then it
// stores the cluster overview the app opens on, so the first look at the new clusters is read
// from the case instead of computed while the investigator waits. The clusters that carried the
// investigator's tags or notes are read as its write begins (changes made while it computed
// included), so that those whose id the analysis did not keep are recorded with where their
// accounts went (workflow/regrouped.ts).
import type { AnalysisParametersInput } from '../../shared/contract/analysis';
import { LIMITS } from '../../shared/limits';
import { buildPackedOverview } from '../graph/overview';
import type { JobFn } from '../jobs/job-context';
import { clustersWithWork, recordRegrouped } from '../workflow/regrouped';
import { analyze, type AnalysisResult } from './analyze';

export interface AnalyzeJobParams {
  parameters?: Partial<AnalysisParametersInput>;
}

export const analyzeJob: JobFn<AnalyzeJobParams | undefined, AnalysisResult> = (ctx, params) => {
  // read inside the analysis's write, so that work added while it computed is in it
  let withWork = new Map<string, number[]>();
  const result = analyze(ctx.db, params?.parameters, {
    progress: (phase, done, total) => ctx.progress({ phase, done, total: total ?? null }),
    checkCancelled: () => ctx.checkCancelled(),
    atWrite: () => {
      withWork = clustersWithWork(ctx.db);
    },
  });
  recordRegrouped(ctx.db, withWork, result.analysisId);
  ctx.progress({ phase: 'overview', done: 0, total: null });
  buildPackedOverview(ctx.db, LIMITS.overviewNodes);
  return result;
};
