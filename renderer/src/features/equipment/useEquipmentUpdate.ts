// Saving an equipment item outside the Details form (dates, the maintenance log) with the version
// the user saw, so a stale edit is refused, then refreshing the page; a refusal refreshes it too.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Api } from '../../../../shared/contract';
import type { MaintenanceEntryInput } from '../../../../shared/contract/channels/maintenance';
import { useApi } from '../../api/context';
import { recordApi, recordKeys, type RecordDoc } from '../records/recordApi';

function useEquipmentSave<A>(
  record: RecordDoc,
  save: (api: Api, id: string, arg: A) => Promise<unknown>,
) {
  const api = useApi();
  const queryClient = useQueryClient();
  const id = String(record.equipment_id);
  return useMutation({
    mutationFn: (arg: A) => save(api, id, arg) as Promise<RecordDoc>,
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

export function useEquipmentUpdate(record: RecordDoc) {
  return useEquipmentSave(record, (api, id, changes: Record<string, unknown>) =>
    recordApi(api, 'equipment').update({ id, version: record.version, changes }),
  );
}

/** A log entry as the core takes it; `index` is its position in the log of `version`. */
export type MaintenanceEdit =
  | { op: 'add'; version: number; entry: MaintenanceEntryInput }
  | { op: 'update'; version: number; index: number; entry: MaintenanceEntryInput }
  | { op: 'remove'; version: number; index: number };

export function useMaintenanceEdit(record: RecordDoc) {
  return useEquipmentSave(record, (api, id, edit: MaintenanceEdit) => {
    if (edit.op === 'add') {
      return api.equipment.addMaintenance({ id, version: edit.version, entry: edit.entry });
    }
    if (edit.op === 'update') {
      const { version, index, entry } = edit;
      return api.equipment.updateMaintenance({ id, version, index, entry });
    }
    return api.equipment.removeMaintenance({ id, version: edit.version, index: edit.index });
  });
}
