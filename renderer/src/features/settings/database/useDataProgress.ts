// Follows one data move (a copy, an export or an import) through its data.progress events: the
// phase, the collection being worked on, each collection's count so far, and how it ended.
import { useCallback, useRef, useState } from 'react';
import type { DataPhase, DataProgress } from '../../../../../shared/contract';
import { useContractEvent } from '../../../api/context';
import { newOperationId } from './shared';

export interface DataProgressState {
  latest: DataProgress | null;
  /** Documents done of total, per collection, as last reported while copying. */
  collections: Map<string, { done: number; total: number }>;
  /** The last event when it was `done` or `failed`. */
  outcome: DataProgress | null;
  /** The last phase of the work itself (not cleaning up or the outcome): where a failure struck. */
  reached: DataPhase | null;
}

const EMPTY: DataProgressState = {
  latest: null,
  collections: new Map(),
  outcome: null,
  reached: null,
};
const WORK: ReadonlySet<DataPhase> = new Set(['checking', 'copying', 'verifying', 'switching']);

export function useDataProgress(): {
  state: DataProgressState;
  /** Starts following a new operation; returns the id to send with its call. */
  begin(): string;
  reset(): void;
} {
  const operation = useRef<string | null>(null);
  const [state, setState] = useState<DataProgressState>(EMPTY);
  useContractEvent('data.progress', (event) => {
    if (event.operation_id !== operation.current) return;
    setState((previous) => {
      const collections = new Map(previous.collections);
      if (event.collection && event.phase === 'copying') {
        collections.set(event.collection, { done: event.done, total: event.total });
      }
      const ended = event.phase === 'done' || event.phase === 'failed';
      return {
        latest: event,
        collections,
        outcome: ended ? event : previous.outcome,
        reached: WORK.has(event.phase) ? event.phase : previous.reached,
      };
    });
  });
  const begin = useCallback(() => {
    operation.current = newOperationId();
    setState(EMPTY);
    return operation.current;
  }, []);
  const reset = useCallback(() => {
    operation.current = null;
    setState(EMPTY);
  }, []);
  return { state, begin, reset };
}
