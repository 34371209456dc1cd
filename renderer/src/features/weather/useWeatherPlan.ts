// The weather plan's data and actions: the plan query, approving, dismissing and checking now, each
// refreshing what it changes (the plan, and the board, calendar and map for moved jobs).
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useApi, useContractEvent } from '../../api/context';
import { weatherPlanKey } from './queryKeys';

/** Sweeps run in the background and only new risks push an alert: the plan is read again now and then. */
const PLAN_REFRESH_MS = 120_000;
/** weather.approve and weather.dismiss take at most this many proposals per call. */
const MAX_PER_CALL = 500;

const chunks = (ids: string[]) =>
  Array.from({ length: Math.ceil(ids.length / MAX_PER_CALL) }, (_, i) =>
    ids.slice(i * MAX_PER_CALL, (i + 1) * MAX_PER_CALL),
  );

/** The plan, the board's days and ranges, and the map's days: what a rescheduled job changes. */
function refreshAfterMoves(queryClient: QueryClient) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: weatherPlanKey }),
    queryClient.invalidateQueries({ queryKey: ['board.day'] }),
    queryClient.invalidateQueries({ queryKey: ['board.range'] }),
    queryClient.invalidateQueries({ queryKey: ['map.day'] }),
  ]);
}

export function useWeatherPlan() {
  const api = useApi();
  const queryClient = useQueryClient();
  // A job moved or changed on the board (here or by another dispatcher) may settle a proposal.
  useContractEvent('board.changed', () => {
    void queryClient.invalidateQueries({ queryKey: weatherPlanKey });
  });
  return useQuery({
    queryKey: weatherPlanKey,
    queryFn: () => api.weather.plan(),
    refetchInterval: PLAN_REFRESH_MS,
  });
}

export function useApprove() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (proposalIds: string[]) => {
      const moved: { proposal_id: string; appointment_id: string }[] = [];
      const failed: { proposal_id: string; message: string }[] = [];
      for (const ids of chunks(proposalIds)) {
        const result = await api.weather.approve({ proposal_ids: ids });
        moved.push(...result.moved);
        failed.push(...result.failed);
      }
      return { moved, failed };
    },
    onSettled: () => refreshAfterMoves(queryClient),
  });
}

export function useDismiss() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (proposalIds: string[]) => {
      let dismissed = 0;
      for (const ids of chunks(proposalIds)) {
        dismissed += (await api.weather.dismiss({ proposal_ids: ids })).dismissed;
      }
      return dismissed;
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: weatherPlanKey }),
  });
}

export function useCheckNow() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.weather.checkNow(),
    onSettled: () => queryClient.invalidateQueries({ queryKey: weatherPlanKey }),
  });
}

/** The time now, moving on every `everyMs`: for "checked 12 min ago". */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
