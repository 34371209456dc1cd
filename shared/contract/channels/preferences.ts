// preferences.*: how the app looks on this computer (theme, density): kept by the core in the data
// folder, not in the business's settings, so each computer can differ.
import { z } from 'zod';
import { channel } from '../define';
import { noInput } from './app';
import {
  DEFAULT_PREFERENCES,
  DENSITY_PREFERENCES,
  THEME_PREFERENCES,
  type Preferences,
} from '../preferences-values';

export {
  DEFAULT_PREFERENCES,
  type DensityPreference,
  type Preferences,
  type ThemePreference,
} from '../preferences-values';

/** "system" follows the operating system's light or dark setting. */
export const themePreferenceSchema = z.enum(THEME_PREFERENCES, {
  error: 'The theme is one of system, light or dark.',
});
/** "compact" fits more rows on a screen: smaller inputs, buttons and spacing. */
export const densityPreferenceSchema = z.enum(DENSITY_PREFERENCES, {
  error: 'The density is comfortable or compact.',
});

export const preferencesSchema: z.ZodType<Preferences, Partial<Preferences>> = z.strictObject({
  theme: themePreferenceSchema.default(DEFAULT_PREFERENCES.theme),
  density: densityPreferenceSchema.default(DEFAULT_PREFERENCES.density),
});

export const preferencesChannels = {
  'preferences.get': channel({
    summary: "This computer's display preferences: theme and density.",
    access: 'session',
    input: noInput,
    output: preferencesSchema,
  }),
  'preferences.update': channel({
    summary: "Changes this computer's display preferences; the ones left out are kept.",
    access: 'session',
    input: z.strictObject({
      theme: themePreferenceSchema.optional(),
      density: densityPreferenceSchema.optional(),
    }),
    output: preferencesSchema,
  }),
};
