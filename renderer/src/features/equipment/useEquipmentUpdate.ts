// Saving a few equipment fields outside the Details form (dates, the maintenance log) through
// equipment.update, with the loaded version so a stale edit is refused, then refreshing the page.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../api/context';
import { recordApi, recordKeys, type RecordDoc } from '../records/recordApi';

export function useEquipmentUpdate(record: RecordDoc) {
  const api = useApi();
  const queryClient = useQueryClient();
  const id = String(record.equipment_id);
  return useMutation({
    mutationFn: (changes: Record<string, unknown>) =>
      recordApi(api, 'equipment').update({ id, version: record.version, changes }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(recordKeys.get('equipment', id), saved);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: recordKeys.list('equipment') }),
        queryClient.invalidateQueries({ queryKey: recordKeys.history('equipment', id) }),
      ]);
    },
    // A refusal for staleness: show the latest version, the message stays on the form.
    onError: () => queryClient.invalidateQueries({ queryKey: recordKeys.get('equipment', id) }),
  });
}
