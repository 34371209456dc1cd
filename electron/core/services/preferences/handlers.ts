// preferences.get/update: this computer's display preferences (theme, density), for any signed-in
// user; kept in the data folder by ./store.ts.
import { join } from 'node:path';
import type { Handlers } from '../../dispatch';
import { UnavailableError } from '../../errors';
import type { Logger, Paths } from '../../ports';
import { PREFERENCES_FILE, preferencesStore } from './store';

export interface PreferencesDeps {
  paths: Paths;
  logger: Logger;
}

export function createPreferencesHandlers(
  deps: PreferencesDeps,
): Pick<Handlers, 'preferences.get' | 'preferences.update'> {
  const store = preferencesStore(join(deps.paths.dataDir, PREFERENCES_FILE), deps.logger);
  return {
    'preferences.get': () => store.read(),
    'preferences.update': async (_ctx, changes) => {
      try {
        return await store.update(changes);
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        deps.logger.log('warn', 'The display preferences could not be saved', { reason });
        throw new UnavailableError(
          `The display preferences could not be saved in the app's data folder (${reason}), so nothing changed. Check that the folder can be written to, then try again.`,
        );
      }
    },
  };
}
