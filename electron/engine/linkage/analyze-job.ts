// Engine, job worker. Analysis job: filled in by its own issue.
import { EngineError } from '../../shared/result';
import type { JobFn } from '../jobs/job-context';

export const analyzeJob: JobFn<unknown, unknown> = () => {
  throw new EngineError('INTERNAL', 'Analysis is not built yet.');
};
