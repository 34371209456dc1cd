import { describe, expect, it } from 'vitest';
import {
  defaultNodeSecretStore,
  keytarSecretStore,
  loadKeytar,
} from '../../../electron/core/secrets/keytar';
import { secretsProbe } from '../../../electron/core/secrets/probe';

function memoryKeytar() {
  const items = new Map<string, string>();
  return {
    items,
    getPassword: async (s: string, a: string) => items.get(`${s}/${a}`) ?? null,
    setPassword: async (s: string, a: string, p: string) => void items.set(`${s}/${a}`, p),
    deletePassword: async (s: string, a: string) => items.delete(`${s}/${a}`),
  };
}

describe('secret store selection', () => {
  it('says why keytar is missing instead of failing to start', () => {
    const load = loadKeytar(() => {
      throw new Error("Cannot find module 'keytar'\nRequire stack: …");
    });
    expect(load).toEqual({
      ok: false,
      reason: "keytar is not installed or could not load (Cannot find module 'keytar')",
    });
  });

  it('refuses to save a secret when no secure store exists, and never keeps it in plaintext', async () => {
    const store = defaultNodeSecretStore(() => ({ ok: false, reason: 'keytar is not installed' }));
    expect(store.available).toBe(false);
    await expect(store.set('mongodb_uri', 'mongodb://u:p@h/db')).rejects.toMatchObject({
      kind: 'unavailable',
      message: expect.stringContaining('Secrets cannot be saved on this computer'),
    });
    expect(await store.get('mongodb_uri')).toBeNull();
    expect(await secretsProbe(store)()).toEqual({
      name: 'secrets',
      status: 'degraded',
      message: expect.stringContaining('keytar is not installed'),
    });
  });

  it('keeps secrets in the keychain under the app name when keytar loads', async () => {
    const keytar = memoryKeytar();
    const store = defaultNodeSecretStore(() => ({ ok: true, keytar }));
    await store.set('twilio_auth_token', 's3cret');
    expect(keytar.items.get('ServicePro Dispatch/twilio_auth_token')).toBe('s3cret');
    expect(await store.get('twilio_auth_token')).toBe('s3cret');
    await store.delete('twilio_auth_token');
    expect(await store.get('twilio_auth_token')).toBeNull();
    expect((await secretsProbe(store)()).status).toBe('ok');
  });

  it('explains a keychain that refuses, rather than throwing its raw error', async () => {
    const store = keytarSecretStore({
      ...memoryKeytar(),
      setPassword: async () => {
        throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
      },
    });
    await expect(store.set('k', 'v')).rejects.toMatchObject({
      kind: 'unavailable',
      message: expect.stringMatching(
        /keychain refused to save a secret: Cannot autolaunch D-Bus.*unlocked/,
      ),
    });
  });
});
