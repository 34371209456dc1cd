import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { defaultNodeSecretStore, loadKeytar } from '../../../electron/core/secrets/keytar';

// Needs a Secret Service: scripts/with-keyring.sh (used by .ci/run) provides one headless.
describe.skipIf(!process.env.SERVICEPRO_TEST_KEYRING)('OS keychain through keytar', () => {
  it('loads keytar, built for this machine at install', () => {
    expect(loadKeytar()).toMatchObject({ ok: true });
  });

  it('saves, reads and deletes a secret in the real keychain', async () => {
    const store = defaultNodeSecretStore();
    expect(store).toMatchObject({ available: true, backend: 'OS keychain (keytar)' });
    const key = `test-${randomUUID()}`;
    await store.set(key, 'mongodb+srv://user:pa55@cluster.example.test/db');
    expect(await store.get(key)).toBe('mongodb+srv://user:pa55@cluster.example.test/db');
    await store.delete(key);
    expect(await store.get(key)).toBeNull();
  });
});
