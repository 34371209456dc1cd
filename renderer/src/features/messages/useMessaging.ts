// The Messages page's data and actions: the log of sent messages, the replies, how texting stands,
// and sending again, marking read and checking now, each refreshing what it changes. Everything
// here is read again when the core says the business's texts changed ('messaging.changed').
import {
  useMutation,
  useQueries,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { useMemo } from 'react';
import type { Input, Output } from '../../../../shared/contract';
import { useApi, useContractEvent } from '../../api/context';

/** The queries a change to the business's texts makes stale. */
const MESSAGING_KEYS = [['notifications.list'], ['messaging.inbox'], ['messaging.status']];

/** What a client's reply may change besides the texts: it confirms a job or asks for another time. */
const JOB_KEYS = [['board.day'], ['board.range'], ['appointments.get']];

/**
 * The texts and, after replies, the jobs: stale now, so they are read again where shown (the board
 * hears of its own changes only while it is open).
 */
function refreshAfter(queryClient: QueryClient, replies: number) {
  return Promise.all(
    [...MESSAGING_KEYS, ...(replies > 0 ? JOB_KEYS : [])].map((queryKey) =>
      queryClient.invalidateQueries({ queryKey }),
    ),
  );
}

/** Refetches the texts shown while mounted whenever a message is sent, fails, is delivered or answered. */
export function useMessagingRefresh() {
  const queryClient = useQueryClient();
  useContractEvent('messaging.changed', ({ replies }) => {
    void refreshAfter(queryClient, replies);
  });
}

export function useMessagingStatus() {
  const api = useApi();
  return useQuery({ queryKey: ['messaging.status'], queryFn: () => api.messaging.status() });
}

export function useSentMessages(input: Input<'notifications.list'>) {
  const api = useApi();
  return useQuery({
    queryKey: ['notifications.list', input],
    queryFn: () => api.notifications.list(input),
    // The next page or filter replaces the rows only once it is there.
    placeholderData: (previous) => previous,
  });
}

export function useReplies(input: Input<'messaging.inbox'>) {
  const api = useApi();
  return useQuery({
    queryKey: ['messaging.inbox', input],
    queryFn: () => api.messaging.inbox(input),
    placeholderData: (previous) => previous,
  });
}

/** How many replies nobody has read yet (for the tab's count). */
export function useUnreadCount(): number | undefined {
  const api = useApi();
  const input = { unread: true, limit: 1 };
  return useQuery({
    queryKey: ['messaging.inbox', input],
    queryFn: () => api.messaging.inbox(input),
    select: (data) => data.unread,
  }).data;
}

/** Stable, so that the map is only made again when a client's answer changes. */
const namesById = (results: { data?: Output<'clients.get'> }[]) =>
  new Map(
    results.flatMap((r) =>
      r.data
        ? [[r.data.client_id, `${r.data.first_name} ${r.data.last_name}`.trim()] as const]
        : [],
    ),
  );

/**
 * Client names by id, for the clients the shown messages went to. The clients list cannot be asked
 * for a set of ids, so each client is read once (cached under the same key the job dialog uses).
 */
export function useClientNames(clientIds: readonly string[]): Map<string, string> {
  const api = useApi();
  const ids = useMemo(() => [...new Set(clientIds)].sort(), [clientIds]);
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: ['clients.get', { id }],
      queryFn: () => api.clients.get({ id }),
      staleTime: 5 * 60_000,
    })),
    combine: namesById,
  });
}

export function useRetry() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (notificationIds: string[]) =>
      api.messaging.retry({ notification_ids: notificationIds }),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['notifications.list'] }),
        queryClient.invalidateQueries({ queryKey: ['messaging.status'] }),
      ]),
  });
}

export function useMarkRead() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (inboundIds: string[]) => api.messaging.markRead({ inbound_ids: inboundIds }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['messaging.inbox'] }),
  });
}

export function useCheckNow() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.messaging.checkNow(),
    onSettled: (outcome) => refreshAfter(queryClient, outcome?.replies ?? 0),
  });
}
