// Engine, job worker. The demo case job: filled in by its own issue.
import { EngineError } from '../../shared/result';
import type { JobFn } from '../jobs/job-context';

export const demoJob: JobFn<unknown, unknown> = () => {
  throw new EngineError('INTERNAL', 'The demo case is not built yet.');
};
