// The calendar's appointments for the days on screen, kept fresh by the main process's board.changed events.
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi, useContractEvent } from '../../api/context';

export const calendarRangeKey = (from: string, to: string) => ['board.range', from, to] as const;

export function useCalendarRange(from: string, to: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  useContractEvent('board.changed', () => {
    void queryClient.invalidateQueries({ queryKey: ['board.range'] });
  });
  return useQuery({
    queryKey: calendarRangeKey(from, to),
    queryFn: () => api.board.range({ from, to }),
    // Keeps the calendar on screen (and its scroll position) while the next week loads.
    placeholderData: keepPreviousData,
  });
}
