import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Core } from '../../../electron/core/compose';
import { connection, createTestCore } from '../../support/core';

const DB_NAME = `load_demo_${Date.now().toString(36)}`;
let core: Core;

beforeAll(async () => {
  core = createTestCore({ databaseUri: inject('mongoUri'), databaseName: DB_NAME });
  await core.start();
});
afterAll(async () => {
  await core.stop();
  const client = new MongoClient(inject('mongoUri'));
  await client.db(DB_NAME).dropDatabase();
  await client.close();
});

describe('demo data on first run', () => {
  it('fills an empty database and names the accounts to sign in with', async () => {
    const tab = connection(core);
    const demo = await tab.value<{ password: string; accounts: { email: string; role: string }[] }>(
      'auth.loadDemo',
    );
    expect(demo.accounts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ email: 'owner@southern-lawn.example', role: 'owner' }),
        expect.objectContaining({ email: 'dispatch@southern-lawn.example', role: 'staff' }),
      ]),
    );
    expect(await tab.value('auth.status')).toMatchObject({ needsSetup: false, session: null });
    const signedIn = await tab.call('auth.signIn', {
      email: 'dispatch@southern-lawn.example',
      password: demo.password,
    });
    expect(signedIn).toMatchObject({
      ok: true,
      value: { business: { name: 'Southern Lawn Care Co' } },
    });
    const clients = await tab.value<{ total: number }>('clients.list', { limit: 1 });
    expect(clients.total).toBe(150);
  });

  it('is refused once the database has users', async () => {
    expect(await connection(core).call('auth.loadDemo')).toMatchObject({
      ok: false,
      error: { kind: 'forbidden' },
    });
  });
});
