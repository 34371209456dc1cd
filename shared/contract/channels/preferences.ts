// preferences.*: how the app looks on this computer (theme, density): kept by the core in the data
// folder, not in the business's settings, so each computer can differ.
import { z } from 'zod';
import { channel } from '../define';
import { noInput } from './app';

/** "system" follows the operating system's light or dark setting. */
export const themePreferenceSchema = z.enum(['system', 'light', 'dark'], {
  error: 'The theme is one of system, light or dark.',
});
/** "compact" fits more rows on a screen: smaller inputs, buttons and spacing. */
export const densityPreferenceSchema = z.enum(['comfortable', 'compact'], {
  error: 'The density is comfortable or compact.',
});

export const preferencesSchema = z.strictObject({
  theme: themePreferenceSchema.default('system'),
  density: densityPreferenceSchema.default('comfortable'),
});
export type Preferences = z.infer<typeof preferencesSchema>;
export type ThemePreference = Preferences['theme'];
export type DensityPreference = Preferences['density'];

export const DEFAULT_PREFERENCES: Preferences = preferencesSchema.parse({});

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
