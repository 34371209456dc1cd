// SecretStore backed by the OS keychain through keytar (an optional native module).
import { createRequire } from 'node:module';
import { UnavailableError } from '../errors';
import type { SecretStore } from '../ports';

export const KEYCHAIN_SERVICE = 'ServicePro Dispatch';

interface KeytarModule {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export type KeytarLoad = { ok: true; keytar: KeytarModule } | { ok: false; reason: string };

/** keytar is optional: where its native build failed at install, the app runs on and says why. */
export function loadKeytar(
  require: (id: string) => unknown = createRequire(import.meta.url),
): KeytarLoad {
  try {
    const mod = require('keytar') as KeytarModule & { default?: KeytarModule };
    const keytar = typeof mod.getPassword === 'function' ? mod : mod.default;
    if (!keytar || typeof keytar.getPassword !== 'function') {
      return { ok: false, reason: 'keytar loaded but exposes no keychain functions' };
    }
    return { ok: true, keytar };
  } catch (err) {
    const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
    return { ok: false, reason: `keytar is not installed or could not load (${message})` };
  }
}

export function keytarSecretStore(keytar: KeytarModule, service = KEYCHAIN_SERVICE): SecretStore {
  const guard = async <T>(what: string, op: () => Promise<T>): Promise<T> => {
    try {
      return await op();
    } catch (err) {
      throw new UnavailableError(
        `The OS keychain refused to ${what}: ${err instanceof Error ? err.message : String(err)}. ` +
          'Check that your keychain is unlocked, then try again.',
      );
    }
  };
  return {
    backend: 'OS keychain (keytar)',
    available: true,
    get: (key) => guard('read a secret', () => keytar.getPassword(service, key)),
    set: (key, value) => guard('save a secret', () => keytar.setPassword(service, key, value)),
    delete: (key) =>
      guard('delete a secret', async () => void (await keytar.deletePassword(service, key))),
  };
}

/** Used when no secure backend exists: reads find nothing, writes are refused. Never plaintext. */
export function unavailableSecretStore(reason: string): SecretStore {
  const refuse = () =>
    Promise.reject(
      new UnavailableError(
        'Secrets cannot be saved on this computer: no secure store is available ' +
          `(${reason}). Install the OS keychain support (libsecret on Linux) and restart the app.`,
      ),
    );
  return {
    backend: 'none',
    available: false,
    fallbackReason: reason,
    get: () => Promise.resolve(null),
    set: refuse,
    delete: () => Promise.resolve(),
  };
}

/** The web host's choice: keytar when it loads, otherwise a store that refuses to keep secrets. */
export function defaultNodeSecretStore(load: () => KeytarLoad = () => loadKeytar()): SecretStore {
  const result = load();
  return result.ok ? keytarSecretStore(result.keytar) : unavailableSecretStore(result.reason);
}
