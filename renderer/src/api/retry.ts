// Which failed questions are worth asking again. react-query asks three more times by default, over
// about seven seconds; for an answer that cannot change (no such record, not allowed, bad input) the
// user would watch a loading skeleton all that time before being told.
import { ApiError, type ErrorKind } from '../../../shared/contract/result';

/** Refusals that asking again will not change. */
const SETTLED: ReadonlySet<ErrorKind> = new Set([
  'validation',
  'not_found',
  'conflict',
  'forbidden',
  'unauthenticated',
]);

/** How many more times a query is asked after a passing fault (a lost connection, a busy server). */
export const QUERY_RETRIES = 3;

/** react-query's `retry` option: again for passing faults, never for a settled refusal. */
export function retryQuery(failures: number, error: unknown): boolean {
  if (error instanceof ApiError && SETTLED.has(error.kind)) return false;
  return failures < QUERY_RETRIES;
}
