// Progress of moving data, pushed as data.progress events to the connections of the caller's business.
import type { DataOperation, DataProgress } from '../../../../shared/contract';
import { AppError } from '../../errors';
import type { EventBus } from '../../events';

export type ProgressUpdate = Omit<DataProgress, 'business_id' | 'operation_id' | 'operation'>;
export type ProgressSink = (update: ProgressUpdate) => void;

export function progressSink(
  events: EventBus,
  operation: DataOperation,
  ids: { business_id: string; operation_id: string },
): ProgressSink {
  return (update) => events.emit('data.progress', { ...ids, operation, ...update });
}

/** A sink that drops everything (a step run without a window watching). */
export const noProgress: ProgressSink = () => undefined;

const idle = { collection: null, done: 0, total: 0, step: 0, steps: 0 } as const;

/**
 * Runs a data move, reporting its outcome as a last progress event (`done` with `summary`, or
 * `failed` with the error's message), then returns or rethrows.
 */
export async function reported<T>(
  progress: ProgressSink,
  work: () => Promise<T>,
  summary: (value: T) => string,
): Promise<T> {
  try {
    const value = await work();
    progress({ ...idle, phase: 'done', message: summary(value) });
    return value;
  } catch (err) {
    progress({
      ...idle,
      phase: 'failed',
      message:
        err instanceof AppError
          ? err.message
          : 'Something went wrong on our side; the details were logged.',
    });
    throw err;
  }
}
