// Window and app preferences kept between launches with electron-store.
import Store from 'electron-store';
import type { SavedWindowState } from './bounds';

export interface Prefs {
  window?: SavedWindowState;
  alertsPaused: boolean;
  /** safeStorage-encrypted secrets (base64), used only when keytar is unavailable. */
  encryptedSecrets: Record<string, string>;
}

export function openPrefs(): Store<Prefs> {
  return new Store<Prefs>({
    name: 'preferences',
    defaults: { alertsPaused: false, encryptedSecrets: {} },
    clearInvalidConfig: true,
  });
}
