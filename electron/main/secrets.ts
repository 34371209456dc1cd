// Desktop secret store: the OS keychain via keytar, else Electron safeStorage, never plaintext.
import { safeStorage } from 'electron';
import { UnavailableError } from '../core/errors';
import type { SecretStore } from '../core/ports';
import {
  keytarSecretStore,
  loadKeytar,
  unavailableSecretStore,
  type KeytarLoad,
} from '../core/secrets/keytar';

/** Where safeStorage keeps its encrypted blobs (base64); electron-store in the app. */
export interface EncryptedBlobs {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  delete(key: string): void;
}

export function safeStorageSecretStore(blobs: EncryptedBlobs, reason: string): SecretStore {
  return {
    backend: 'Electron safeStorage',
    available: true,
    fallbackReason: reason,
    get: async (key) => {
      const blob = blobs.get(key);
      return blob === undefined ? null : safeStorage.decryptString(Buffer.from(blob, 'base64'));
    },
    set: async (key, value) => {
      if (!safeStorage.isEncryptionAvailable()) {
        throw new UnavailableError('The OS refused to encrypt the secret; it was not saved.');
      }
      blobs.set(key, safeStorage.encryptString(value).toString('base64'));
    },
    delete: async (key) => blobs.delete(key),
  };
}

export function desktopSecretStore(
  blobs: EncryptedBlobs,
  platform: NodeJS.Platform,
  load: () => KeytarLoad = () => loadKeytar(),
): SecretStore {
  const keytar = load();
  if (keytar.ok) return keytarSecretStore(keytar.keytar);
  const reason = keytar.reason;
  if (!safeStorage.isEncryptionAvailable()) {
    return unavailableSecretStore(`${reason}; safeStorage encryption is unavailable too`);
  }
  // On Linux without a keyring safeStorage falls back to a hard-coded key: that is plaintext in disguise.
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    return unavailableSecretStore(`${reason}; safeStorage has no keyring to use on this desktop`);
  }
  return safeStorageSecretStore(blobs, `${reason}, so safeStorage is used instead`);
}
