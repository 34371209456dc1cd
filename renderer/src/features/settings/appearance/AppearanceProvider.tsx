// The MUI theme as this computer's preferences want it: light, dark or the OS's scheme, and the
// density; changed at once when the preferences change (Settings → Appearance).
import { CssBaseline } from '@mui/material';
import { ThemeProvider, useColorScheme } from '@mui/material/styles';
import { useEffect, type ReactNode } from 'react';
import type { ThemePreference } from '../../../../../shared/contract/preferences-values';
import { appTheme } from '../../../app/theme';
import { usePreferences } from './preferences';

/** Keeps MUI's mode on the preference, and the page's `color-scheme` (scrollbars, inputs) on the scheme shown. */
function SchemeSync({ theme }: { theme: ThemePreference }) {
  const { mode, setMode, colorScheme } = useColorScheme();
  useEffect(() => {
    if (mode !== theme) setMode(theme);
  }, [mode, setMode, theme]);
  useEffect(() => {
    if (colorScheme) document.documentElement.style.colorScheme = colorScheme;
  }, [colorScheme]);
  return null;
}

export function AppearanceProvider({ children }: { children: ReactNode }) {
  const preferences = usePreferences();
  const theme = appTheme(preferences.density);
  return (
    <ThemeProvider theme={theme} defaultMode={preferences.theme}>
      <SchemeSync theme={preferences.theme} />
      <CssBaseline />
      {children}
    </ThemeProvider>
  );
}
