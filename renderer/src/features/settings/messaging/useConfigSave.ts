// Saving some of the business's settings with its version (business.update), for the messaging
// forms: which field the core refused, or that someone else saved first.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Input } from '../../../../../shared/contract';
import { ApiError } from '../../../../../shared/contract/result';
import { useApi } from '../../../api/context';
import { fieldErrors } from '../../auth/fieldErrors';
import { BUSINESS_KEY } from '../business';
import type { BusinessDoc } from '../SettingsPage';

export type ConfigChanges = NonNullable<Input<'business.update'>['changes']['config']>;

/**
 * `paths` names where the core reports each field's problem, under `changes.config.` (the
 * channel's check) or `config.` (the stored document's). `clearEdits` runs when the form should show
 * the stored settings again: after its save is accepted, and after a refusal because someone else
 * saved first (the core's message then says the latest version is shown).
 */
export function useConfigSave<F extends string>(
  business: BusinessDoc,
  paths: Record<F, string>,
  clearEdits: () => void,
) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [conflict, setConflict] = useState<string | null>(null);
  const [serverErrors, setServerErrors] = useState<Partial<Record<F, string>>>({});
  const [saved, setSaved] = useState(false);

  const save = useMutation({
    mutationFn: (config: ConfigChanges) =>
      api.business.update({ version: business.version, changes: { config } }),
    onMutate: () => {
      setConflict(null);
      setSaved(false);
      setServerErrors({});
    },
    onSuccess: async (next) => {
      queryClient.setQueryData(BUSINESS_KEY, next);
      setSaved(true);
      clearEdits();
      await queryClient.invalidateQueries({ queryKey: BUSINESS_KEY });
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.kind === 'conflict') {
        setConflict(error.message);
        clearEdits();
        await queryClient.invalidateQueries({ queryKey: BUSINESS_KEY });
        return;
      }
      const byPath = fieldErrors(error);
      const byField: Partial<Record<F, string>> = {};
      for (const [field, path] of Object.entries(paths) as [F, string][]) {
        const message = byPath[`changes.config.${path}`] ?? byPath[`config.${path}`];
        if (message) byField[field] = message;
      }
      setServerErrors(byField);
    },
  });

  return {
    save,
    conflict,
    saved,
    serverErrors,
    /** Typing again: the saved note and the field's refusal go (the refusal was for the old value). */
    edited: (field: F) => {
      setSaved(false);
      if (serverErrors[field]) setServerErrors({ ...serverErrors, [field]: undefined });
    },
    /** The refusal no field explains, shown above the Save button. */
    formError:
      save.error && !conflict && !Object.values(serverErrors).some(Boolean)
        ? save.error.message
        : null,
  };
}
