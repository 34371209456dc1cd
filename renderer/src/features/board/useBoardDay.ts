// The board's data for one day, kept fresh by the main process's board.changed events.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi, useContractEvent } from '../../api/context';
import type { Day } from './layout';

import { boardDayKey } from './queryKeys';

export { boardDayKey };

/**
 * Keeps the previous day's objects where nothing changed, so the memoised cards of unchanged jobs
 * are not repainted after a refetch (TanStack's own sharing treats every Date as new). A job with
 * the same id, version and place is the same job; warnings are compared by value.
 */
/**
 * What identifies a job's state: its version, and (because an optimistic move changes the place
 * but not the version) its place.
 */
function jobKey(a: Day['appointments'][number]): string {
  return [
    a.appointment_id,
    a.version,
    a.status,
    a.scheduled_date.getTime(),
    a.scheduled_start_time,
    a.scheduled_end_time,
    a.assigned_staff_ids.join(','),
  ].join('|');
}

export function shareDay(previous: Day | undefined, next: Day): Day {
  if (!previous) return next;
  const known = new Map(
    [...previous.appointments, ...previous.unassigned].map((a) => [jobKey(a), a]),
  );
  const same = <T>(list: T[], key: (item: T) => string) =>
    list.map((item) => (known.get(key(item)) as T | undefined) ?? item);
  const keep = <T>(before: Record<string, T>, after: Record<string, T>) =>
    Object.fromEntries(
      Object.entries(after).map(([id, value]) => [
        id,
        JSON.stringify(before[id]) === JSON.stringify(value) ? (before[id] as T) : value,
      ]),
    );
  return {
    ...next,
    appointments: same(next.appointments, jobKey),
    unassigned: same(next.unassigned, jobKey),
    warnings: keep(previous.warnings, next.warnings),
    weather_risks: keep(previous.weather_risks, next.weather_risks),
  };
}

export function useBoardDay(date: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  // Another dispatcher (or this one in another window) changed a job: refetch the days on screen.
  useContractEvent('board.changed', () => {
    void queryClient.invalidateQueries({ queryKey: ['board.day'] });
  });
  return useQuery({
    queryKey: boardDayKey(date),
    queryFn: () => api.board.day({ date }),
    structuralSharing: (previous, next) => shareDay(previous as Day | undefined, next as Day),
  });
}
