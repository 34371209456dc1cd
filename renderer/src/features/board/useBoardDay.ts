// The board's data for one day, kept fresh by the main process's board.changed events.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi, useContractEvent } from '../../api/context';
import type { Day } from './layout';
import { afterMovesSettle } from './movesInFlight';
import { shareDay } from './shareDay';

import { boardDayKey } from './queryKeys';

export { boardDayKey };

export function useBoardDay(date: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  // A job changed (another dispatcher's, or one of ours): refetch the days on screen, once this
  // window's own moves have their answers (see movesInFlight.ts).
  useContractEvent('board.changed', () => {
    void afterMovesSettle().then(() => queryClient.invalidateQueries({ queryKey: ['board.day'] }));
  });
  return useQuery({
    queryKey: boardDayKey(date),
    queryFn: () => api.board.day({ date }),
    structuralSharing: (previous, next) => shareDay(previous as Day | undefined, next as Day),
  });
}
