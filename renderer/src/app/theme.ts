// The one MUI theme: light and dark schemes (the OS's, or the one picked for this computer in
// Settings → Appearance), in a comfortable or a compact density.
import { createTheme, type Theme, type ThemeOptions } from '@mui/material/styles';
import type { DensityPreference } from '../../../shared/contract/preferences-values';

const base: ThemeOptions = {
  colorSchemes: {
    light: {
      palette: {
        primary: { main: '#1f6f50' },
        secondary: { main: '#b5651d' },
        background: { default: '#f5f7f6' },
      },
    },
    dark: {
      palette: {
        primary: { main: '#5fbf94' },
        secondary: { main: '#e0a060' },
      },
    },
  },
  cssVariables: { colorSchemeSelector: 'class' },
  shape: { borderRadius: 8 },
  typography: {
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  },
};

/** More rows on a screen: small inputs, buttons, chips and table rows, dense lists, less spacing. */
const compact: ThemeOptions = {
  ...base,
  spacing: 6,
  typography: { ...(base.typography as object), fontSize: 13 },
  components: {
    MuiButton: { defaultProps: { size: 'small' } },
    MuiIconButton: { defaultProps: { size: 'small' } },
    MuiToggleButton: { defaultProps: { size: 'small' } },
    MuiTextField: { defaultProps: { size: 'small' } },
    MuiFormControl: { defaultProps: { size: 'small' } },
    MuiAutocomplete: { defaultProps: { size: 'small' } },
    MuiChip: { defaultProps: { size: 'small' } },
    MuiTable: { defaultProps: { size: 'small' } },
    MuiList: { defaultProps: { dense: true } },
    MuiListItemButton: { defaultProps: { dense: true } },
    MuiMenuItem: { defaultProps: { dense: true } },
    MuiToolbar: { defaultProps: { variant: 'dense' } },
  },
};

const built = new Map<DensityPreference, Theme>();

/**
 * The theme for a density, built once per page (building it takes 6–12 ms: both schemes' palettes
 * and CSS variables), so the page can build it while it waits for its first answers (mount.tsx).
 */
export function appTheme(density: DensityPreference = 'comfortable'): Theme {
  let theme = built.get(density);
  if (!theme) {
    theme = createTheme(density === 'compact' ? compact : base);
    built.set(density, theme);
  }
  return theme;
}
