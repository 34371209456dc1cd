// This computer's display preferences as plain values, without zod: the renderer's first script
// reads them before any schema code has loaded (see renderer/src/features/settings/appearance/).
export const THEME_PREFERENCES = ['system', 'light', 'dark'] as const;
export const DENSITY_PREFERENCES = ['comfortable', 'compact'] as const;

export type ThemePreference = (typeof THEME_PREFERENCES)[number];
export type DensityPreference = (typeof DENSITY_PREFERENCES)[number];
export interface Preferences {
  theme: ThemePreference;
  density: DensityPreference;
}

export const DEFAULT_PREFERENCES: Readonly<Preferences> = {
  theme: 'system',
  density: 'comfortable',
};
