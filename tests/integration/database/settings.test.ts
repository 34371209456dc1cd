import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Core } from '../../../electron/core/compose';
import type { SecretStore } from '../../../electron/core/ports';
import { OWNER_FORM } from '../../support/fixtures';
import { connection, createTestCore } from '../../support/core';
import { closedPort } from '../../support/net';

const uri = () => inject('mongoUri');
const saved = new Map<string, string>();
const keychain: SecretStore = {
  backend: 'test keychain',
  available: true,
  get: async (k) => saved.get(k) ?? null,
  set: async (k, v) => void saved.set(k, v),
  delete: async (k) => void saved.delete(k),
};
let core: Core;
let owner: ReturnType<typeof connection>;

beforeAll(async () => {
  core = createTestCore({
    databaseUri: uri(),
    databaseName: `dbsettings_${Date.now().toString(36)}`,
    secrets: keychain,
  });
  await core.start();
  owner = connection(core);
  await owner.value('auth.createOwner', OWNER_FORM);
});
afterAll(() => core.stop());

describe('database settings', () => {
  it('tells in plain words whether a URI works', async () => {
    expect(await owner.value('database.test', { uri: uri() })).toMatchObject({
      ok: true,
      message: expect.stringMatching(/^Connected and signed in/),
    });
    const wrongPassword = uri().replace(/:[^:@/]+@/, ':wrong-password@');
    expect(await owner.value('database.test', { uri: wrongPassword })).toMatchObject({
      ok: false,
      message: 'The server answered, but refused the user name or password in the URI.',
    });
    const port = await closedPort();
    expect(
      await owner.value('database.test', {
        uri: `mongodb://127.0.0.1:${port}/`,
      }),
    ).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Nothing is listening|did not answer in time/),
    });
    expect(await owner.call('database.test', { uri: 'postgres://x' })).toMatchObject({
      ok: false,
      error: { kind: 'validation' },
    });
  });

  it('keeps a working URI in the keychain and refuses a failing one', async () => {
    const result = await owner.value('database.setUri', { uri: uri() });
    expect(result).toMatchObject({ saved: true, restartRequired: true });
    expect(saved.get('mongodb_uri')).toBe(uri());
    const port = await closedPort();
    expect(
      await owner.call('database.setUri', {
        uri: `mongodb://127.0.0.1:${port}/`,
      }),
    ).toMatchObject({
      ok: false,
      error: { kind: 'validation', message: expect.stringMatching(/^Not saved: /) },
    });
    expect(saved.get('mongodb_uri')).toBe(uri());
  });

  it('refuses to switch databases while the MONGODB_URI environment variable decides', async () => {
    const decides = {
      ok: false,
      error: {
        kind: 'conflict',
        message: expect.stringContaining('The MONGODB_URI environment variable chose the database'),
      },
    };
    expect(await owner.call('database.useEmbedded')).toMatchObject(decides);
    expect(
      await owner.call('database.copyTo', { uri: uri(), operation_id: 'settings-test-copy' }),
    ).toMatchObject(decides);
    expect(await owner.value('database.status')).toMatchObject({
      kind: 'uri',
      environmentDecides: true,
    });
  });

  it('reports the database in use without its credentials', async () => {
    const status = await owner.value<{ kind: string; server: string }>('database.status');
    expect(status).toMatchObject({
      kind: 'uri',
      secretStore: 'test keychain',
      canSaveUri: true,
      embeddedCopy: null,
    });
    expect(status.server).not.toMatch(/@/);
  });

  it('is for owners and admins only', async () => {
    expect(await connection(core).call('database.status')).toMatchObject({
      ok: false,
      error: { kind: 'unauthenticated' },
    });
  });
});
