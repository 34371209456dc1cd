// Settings → Appearance: how the app looks on this computer — light, dark or the system's scheme,
// and comfortable or compact. Saved in this computer's data folder (preferences.update), not in the
// business's settings, and applied at once; anyone signed in may change it.
import { Alert, Stack, Typography } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type {
  DensityPreference,
  Preferences,
  ThemePreference,
} from '../../../../shared/contract/channels/preferences';
import { useApi } from '../../api/context';
import { ChoiceGroup, type Choice } from './form/fields';
import { PREFERENCES_KEY, rememberPreferences, usePreferences } from './appearance/preferences';

const THEMES: Choice<ThemePreference>[] = [
  { value: 'system', label: 'System', note: "Light or dark, as this computer's own setting is." },
  { value: 'light', label: 'Light', note: 'Dark text on light backgrounds.' },
  { value: 'dark', label: 'Dark', note: 'Light text on dark backgrounds, easier in a dim office.' },
];

const DENSITIES: Choice<DensityPreference>[] = [
  { value: 'comfortable', label: 'Comfortable', note: 'Roomy inputs and lists.' },
  {
    value: 'compact',
    label: 'Compact',
    note: 'Smaller inputs, buttons and rows: more on a small screen.',
  },
];

export function AppearanceSettings() {
  const api = useApi();
  const queryClient = useQueryClient();
  const shown = usePreferences();
  const [saved, setSaved] = useState(false);

  const change = useMutation({
    mutationFn: (changes: Partial<Preferences>) => api.preferences.update(changes),
    // Applied at once; put back if the core cannot keep it.
    onMutate: (changes) => {
      setSaved(false);
      const before = queryClient.getQueryData<Preferences>(PREFERENCES_KEY) ?? shown;
      const next = { ...before, ...changes };
      queryClient.setQueryData(PREFERENCES_KEY, next);
      rememberPreferences(next);
      return { before };
    },
    onSuccess: (stored) => {
      queryClient.setQueryData(PREFERENCES_KEY, stored);
      rememberPreferences(stored);
      setSaved(true);
    },
    onError: (_error, _changes, context) => {
      if (!context) return;
      queryClient.setQueryData(PREFERENCES_KEY, context.before);
      rememberPreferences(context.before);
    },
  });

  return (
    <Stack spacing={3} component="form" aria-label="Appearance" noValidate>
      <ChoiceGroup
        name="theme"
        label="Theme"
        choices={THEMES}
        value={shown.theme}
        onChange={(theme) => change.mutate({ theme })}
      />
      <ChoiceGroup
        name="density"
        label="Density"
        choices={DENSITIES}
        value={shown.density}
        onChange={(density) => change.mutate({ density })}
      />
      {change.error && (
        <Alert severity="error" data-testid="appearance-error">
          {change.error.message}
        </Alert>
      )}
      <Typography variant="body2" color="text.secondary" role="status">
        {change.isPending
          ? 'Saving…'
          : saved
            ? 'Saved on this computer: it opens with this look next time, whoever signs in.'
            : 'Changes apply at once and are kept on this computer.'}
      </Typography>
    </Stack>
  );
}
