// Asks for the board's day as the page starts, before React has drawn anything: the answer and the
// app's code then load side by side instead of one after the other.
import type { QueryClient } from '@tanstack/react-query';
import type { Api } from '../../../../shared/contract';
import { boardDateOf } from './boardDate';
import { boardDayKey } from './queryKeys';

/** Starts loading the board's day when the page opens on the board (for a window likely signed in). */
export function prefetchBoardDay(api: Api, queryClient: QueryClient, hash: string): void {
  const date = boardDateOf(hash, new Date(), Intl.DateTimeFormat().resolvedOptions().timeZone);
  if (!date) return;
  const queryKey = boardDayKey(date);
  void queryClient.prefetchQuery({ queryKey, queryFn: () => api.board.day({ date }) }).then(() => {
    // Not signed in after all (or the call failed): the board asks again once it is shown.
    if (queryClient.getQueryState(queryKey)?.status === 'error') {
      queryClient.removeQueries({ queryKey, exact: true });
    }
  });
}
