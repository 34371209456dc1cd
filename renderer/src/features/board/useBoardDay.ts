// The board's data for one day, kept fresh by the main process's board.changed events.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi, useContractEvent } from '../../api/context';
import type { Day } from './layout';
import { afterMovesSettle } from './movesInFlight';
import { shareDay } from './shareDay';

import { boardDayKey } from './queryKeys';

export { boardDayKey };

/** Resolves once the next frame has been drawn (right away where no frames are drawn). */
function afterNextPaint(): Promise<void> {
  if (typeof requestAnimationFrame !== 'function' || document.hidden) return Promise.resolve();
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/**
 * For the whole app (AppFrame): a job changed while no board was on screen — the cached days are
 * marked stale, so the board asks again when it opens instead of showing them as they were. An
 * open board reloads its day itself (useBoardDay).
 */
export function useBoardDaysStaleOnChange(): void {
  const queryClient = useQueryClient();
  useContractEvent('board.changed', () => {
    void queryClient.invalidateQueries({ queryKey: ['board.day'], refetchType: 'none' });
  });
  // A restored backup or a move to another server: every answer this window holds may be old,
  // the sign-in included (its user may not exist in the data now open).
  useContractEvent('database.reopened', () => {
    void queryClient.invalidateQueries();
  });
}

export function useBoardDay(date: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  // A job changed (another dispatcher's, or one of ours): refetch the days on screen, once this
  // window's own moves have their answers (see movesInFlight.ts).
  // After our own move, the day is asked for once the moved card's frame is drawn: building a
  // day keeps the core busy for a while, and the dispatcher is watching that frame.
  useContractEvent('board.changed', () => {
    void afterMovesSettle()
      .then(afterNextPaint)
      .then(() => queryClient.invalidateQueries({ queryKey: ['board.day'] }));
  });
  return useQuery({
    queryKey: boardDayKey(date),
    queryFn: () => api.board.day({ date }),
    structuralSharing: (previous, next) => shareDay(previous as Day | undefined, next as Day),
  });
}
