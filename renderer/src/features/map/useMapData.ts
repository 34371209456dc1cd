// The Map page's server state: every located client (rarely changes) and one day's jobs, refetched
// when a job changes anywhere (the board's board.changed event).
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi, useContractEvent } from '../../api/context';

import { mapClientsKey, mapDayKey } from './queryKeys';

export { mapClientsKey, mapDayKey };

export function useMapClients() {
  const api = useApi();
  return useQuery({
    queryKey: mapClientsKey,
    queryFn: () => api.map.clients(),
    // Thousands of markers: re-adding them on every window focus would flash the map.
    refetchOnWindowFocus: false,
  });
}

export function useMapDay(date: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  useContractEvent('board.changed', () => {
    void queryClient.invalidateQueries({ queryKey: ['map.day'] });
  });
  return useQuery({
    queryKey: mapDayKey(date),
    queryFn: () => api.map.day({ date }),
    // The map stays (with its thousands of client markers) while the next day loads.
    placeholderData: keepPreviousData,
  });
}
