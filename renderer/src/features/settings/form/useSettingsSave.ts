// Saving part of the business's settings (business.update, with the version the form was read at),
// for every Settings form: which field the core refused, or that someone else saved first.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Input } from '../../../../../shared/contract';
import { ApiError } from '../../../../../shared/contract/result';
import { useApi } from '../../../api/context';
import { SESSION_KEY } from '../../auth/sessionKey';
import { fieldErrors } from '../../auth/fieldErrors';
import { BUSINESS_KEY } from '../business';
import type { BusinessDoc } from '../SettingsPage';

export type BusinessChanges = Input<'business.update'>['changes'];
export type ConfigChanges = NonNullable<BusinessChanges['config']>;

/**
 * `paths` names where the core reports each field's problem: a path under `changes` such as
 * `config.sms_send_from` or `email` (the channel's check reports `changes.<path>`, the stored
 * document's `<path>`), or several to try in turn. `clearEdits` runs when the form should show the
 * stored settings again: after its save is accepted, and after a refusal because someone else
 * saved first.
 */
export function useSettingsSave<F extends string>(
  business: BusinessDoc,
  paths: Record<F, string | readonly string[]>,
  clearEdits: () => void,
) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [conflict, setConflict] = useState<string | null>(null);
  const [serverErrors, setServerErrors] = useState<Partial<Record<F, string>>>({});
  const [saved, setSaved] = useState(false);

  const save = useMutation({
    mutationFn: (changes: BusinessChanges) =>
      api.business.update({ version: business.version, changes }),
    onMutate: () => {
      setConflict(null);
      setSaved(false);
      setServerErrors({});
    },
    onSuccess: async (next) => {
      queryClient.setQueryData(BUSINESS_KEY, next);
      setSaved(true);
      clearEdits();
      // The board, map, weather plan and texts read these settings: whatever they show is asked
      // for again (the session is not the business's).
      await queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
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
      for (const [field, candidates] of Object.entries(paths) as [F, string | string[]][]) {
        const message = (typeof candidates === 'string' ? [candidates] : candidates)
          .map((path) => byPath[`changes.${path}`] ?? byPath[path])
          .find(Boolean);
        if (message) byField[field] = message;
      }
      setServerErrors(byField);
    },
  });

  return {
    save,
    /** The core refused the save because someone else saved first (the latest version is shown). */
    conflict,
    /** The last save was accepted and nothing was typed since. */
    saved,
    /** The core's message for each refused field. */
    serverErrors,
    /** Typing again: the saved note and these fields' refusals go (they were for the old values). */
    edited: (...fields: F[]) => {
      setSaved(false);
      if (fields.some((field) => serverErrors[field])) {
        const rest = { ...serverErrors };
        for (const field of fields) delete rest[field];
        setServerErrors(rest);
      }
    },
    /** Back to the stored settings (Cancel): no note, no refusal. */
    reset: () => {
      setSaved(false);
      setConflict(null);
      setServerErrors({});
      save.reset();
    },
    /** The refusal no field explains, shown above the buttons. */
    formError:
      save.error && !conflict && !Object.values(serverErrors).some(Boolean)
        ? save.error.message
        : null,
  };
}

export type SettingsSave = ReturnType<typeof useSettingsSave>;
