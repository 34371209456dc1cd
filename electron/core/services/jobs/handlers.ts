// jobs.*: create, edit, repeat, duplicate, reschedule and close out jobs under the scheduling rules.
import type { DatabaseHolder } from '../../db/holder';
import type { Handlers } from '../../dispatch';
import { AppError } from '../../errors';
import type { Clock } from '../../ports';

export interface JobsDeps {
  database: DatabaseHolder;
  clock: Clock;
}

type JobsChannel =
  | 'jobs.create'
  | 'jobs.update'
  | 'jobs.setStatus'
  | 'jobs.reschedule'
  | 'jobs.duplicate'
  | 'jobs.addPhoto'
  | 'jobs.photo';

// PLACEHOLDER — being implemented; every channel refuses until then.
export function createJobsHandlers(_deps: JobsDeps): Pick<Handlers, JobsChannel> {
  const notYet = () => {
    throw new AppError('unavailable', 'Not implemented yet.');
  };
  return {
    'jobs.create': notYet,
    'jobs.update': notYet,
    'jobs.setStatus': notYet,
    'jobs.reschedule': notYet,
    'jobs.duplicate': notYet,
    'jobs.addPhoto': notYet,
    'jobs.photo': notYet,
  };
}
