// Engine, job worker. Evidence export job: filled in by its own issue.
import { EngineError } from '../../shared/result';
import type { JobFn } from '../jobs/job-context';

export const exportJob: JobFn<unknown, unknown> = () => {
  throw new EngineError('INTERNAL', 'Evidence export is not built yet.');
};
