// Engine, job worker. Import job: filled in by its own issue.
import { EngineError } from '../../shared/result';
import type { JobFn } from '../jobs/job-context';

export const importJob: JobFn<unknown, unknown> = () => {
  throw new EngineError('INTERNAL', 'Import is not built yet.');
};
