// What the availability screens share: their words (availabilityText.ts, re-exported here) and
// the list / create / update / delete / restore calls.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../api/context';
import { recordKeys } from '../records/recordApi';
import type { AvailabilityEntry } from './availabilityText';

export * from './availabilityText';

const listInput = (staffId?: string, includeDeleted = false) => ({
  filter: staffId ? { staff_id: staffId } : {},
  sort: { field: 'date_from', direction: 'asc' as const },
  limit: 500,
  includeDeleted,
});

/** Every entry (or one person's), earliest first; deleted ones too with `includeDeleted`. */
export function useAvailabilityList(staffId?: string, includeDeleted = false) {
  const api = useApi();
  const input = listInput(staffId, includeDeleted);
  return useQuery({
    queryKey: recordKeys.list('availability', input),
    queryFn: () => api.availability.list(input),
  });
}

export function useCreateAvailability() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (data: Record<string, unknown>) =>
      api.availability.create({ data } as Parameters<typeof api.availability.create>[0]),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: recordKeys.list('availability') }),
  });
}

export function useRemoveAvailability() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (entry: AvailabilityEntry) =>
      api.availability.remove({ id: entry.availability_id, version: entry.version }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: recordKeys.list('availability') }),
  });
}

/** Brings a deleted entry back: it blocks bookings again. */
export function useRestoreAvailability() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (entry: AvailabilityEntry) =>
      api.availability.restore({ id: entry.availability_id, version: entry.version }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: recordKeys.list('availability') }),
  });
}

/** A change to an entry the user saw at `version`; a stale one is refused and the list reloaded. */
export function useUpdateAvailability() {
  const api = useApi();
  const queryClient = useQueryClient();
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: recordKeys.list('availability') });
  return useMutation({
    mutationFn: (input: { id: string; version: number; changes: Record<string, unknown> }) =>
      api.availability.update(input as Parameters<typeof api.availability.update>[0]),
    onSuccess: refresh,
    onError: refresh,
  });
}
