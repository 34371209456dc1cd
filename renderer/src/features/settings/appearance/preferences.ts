// This computer's display preferences in the renderer: the core's (preferences.get), remembered in
// localStorage so the next load starts with them before anyone has signed in.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import {
  DEFAULT_PREFERENCES,
  DENSITY_PREFERENCES,
  THEME_PREFERENCES,
  type Preferences,
} from '../../../../../shared/contract/preferences-values';
import { useApi } from '../../../api/context';
import { useSession } from '../../auth/useSession';
import { CACHE_KEY } from './cacheKey';

export const PREFERENCES_KEY = ['preferences.get'] as const;

const THEMES: readonly string[] = THEME_PREFERENCES;
const DENSITIES: readonly string[] = DENSITY_PREFERENCES;

/** What this window last knew, or the defaults. */
export function rememberedPreferences(): Preferences {
  try {
    const stored = JSON.parse(localStorage.getItem(CACHE_KEY) ?? '{}') as Record<string, unknown>;
    return {
      theme: THEMES.includes(String(stored.theme))
        ? (stored.theme as Preferences['theme'])
        : DEFAULT_PREFERENCES.theme,
      density: DENSITIES.includes(String(stored.density))
        ? (stored.density as Preferences['density'])
        : DEFAULT_PREFERENCES.density,
    };
  } catch {
    return { ...DEFAULT_PREFERENCES };
  }
}

export function rememberPreferences(preferences: Preferences): void {
  try {
    localStorage.setItem(CACHE_KEY, JSON.stringify(preferences));
  } catch {
    // Storage full or refused: the next load starts from the defaults until signed in.
  }
}

/** The preferences to show now: the core's once signed in, else the remembered ones. */
export function usePreferences(): Preferences {
  const api = useApi();
  const queryClient = useQueryClient();
  const signedIn = Boolean(useSession().data?.session);
  const [remembered, setRemembered] = useState(rememberedPreferences);
  const stored = useQuery({
    queryKey: PREFERENCES_KEY,
    queryFn: () => api.preferences.get(),
    enabled: signedIn,
    staleTime: Infinity,
  });
  useEffect(() => {
    if (stored.data) rememberPreferences(stored.data);
  }, [stored.data]);
  // Another window of this app changed them (they share localStorage).
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key !== CACHE_KEY) return;
      const next = rememberedPreferences();
      setRemembered(next);
      if (queryClient.getQueryData(PREFERENCES_KEY))
        queryClient.setQueryData(PREFERENCES_KEY, next);
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [queryClient]);
  return stored.data ?? remembered;
}
