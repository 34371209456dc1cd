// Asks for the page's data as the page starts, before React has drawn anything: the answers and the
// app's code then load side by side instead of one after the other. Who is signed in (every page
// waits on it), and for the board its day, for the map the clients and the day.
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { Api } from '../../../../shared/contract';
import { SESSION_KEY } from '../auth/sessionKey';
import { mapClientsKey, mapDayKey } from '../map/queryKeys';
import { dayPageOf, rememberedTimeZone } from './boardDate';
import { boardDayKey } from './queryKeys';

/** Settles once the answer is in the cache, or the question failed and was dropped; never rejects. */
function prefetch(
  queryClient: QueryClient,
  queryKey: QueryKey,
  queryFn: () => Promise<unknown>,
): Promise<void> {
  return queryClient.prefetchQuery({ queryKey, queryFn }).then(() => {
    // Not signed in after all (or the call failed): the page asks again once it is shown.
    if (queryClient.getQueryState(queryKey)?.status === 'error') {
      queryClient.removeQueries({ queryKey, exact: true });
    }
  });
}

/**
 * Starts asking who is signed in (for a window likely signed in: it holds a resume token). Like the
 * one below, settles once the answer is in (main.tsx's first draw waits a little for them).
 */
export function prefetchSession(api: Api, queryClient: QueryClient): Promise<void> {
  return prefetch(queryClient, SESSION_KEY, () => api.auth.status());
}

/** Starts loading the board's or the map's data when the page opens there (for a window likely signed in). */
export function prefetchDayPage(
  api: Api,
  queryClient: QueryClient,
  hash: string,
): Promise<unknown> {
  const found = dayPageOf(hash, new Date(), rememberedTimeZone);
  if (!found) return Promise.resolve();
  const { page, date } = found;
  if (page === 'board') {
    return prefetch(queryClient, boardDayKey(date), () => api.board.day({ date }));
  }
  return Promise.all([
    prefetch(queryClient, mapClientsKey, () => api.map.clients()),
    prefetch(queryClient, mapDayKey(date), () => api.map.day({ date })),
  ]);
}
