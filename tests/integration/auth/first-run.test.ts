import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Core } from '../../../electron/core/compose';
import { businessSchema, userSchema } from '../../../shared/schemas';
import { connection, createTestCore } from '../../support/core';
import { OWNER_FORM } from '../../support/fixtures';

const DB_NAME = `first_run_${Date.now().toString(36)}`;
let core: Core;
let client: MongoClient;

// The owner types their email with capitals; it is stored lower-cased.
const form = {
  ...OWNER_FORM,
  owner: { ...OWNER_FORM.owner, email: 'Rosa@MagicCity.example' },
};

beforeAll(async () => {
  client = new MongoClient(inject('mongoUri'));
  core = createTestCore({ databaseUri: inject('mongoUri'), databaseName: DB_NAME });
  await core.start();
});
afterAll(async () => {
  await core.stop();
  await client.db(DB_NAME).dropDatabase();
  await client.close();
});

describe('first run', () => {
  it('asks for the owner account on an empty database', async () => {
    expect(await connection(core).value('auth.status')).toEqual({
      session: null,
      needsSetup: true,
    });
  });

  it('refuses a weak password, naming the field, and creates nothing', async () => {
    const result = await connection(core).call('auth.createOwner', {
      ...form,
      owner: { ...form.owner, password: 'short' },
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        kind: 'validation',
        details: expect.arrayContaining([
          { path: 'owner.password', message: 'Use at least 10 characters.' },
        ]),
      },
    });
    expect(await client.db(DB_NAME).collection('users').countDocuments()).toBe(0);
  });

  it('finishes a setup that an app closed mid-way left behind, once its claim is a minute old', async () => {
    const markers = client.db(DB_NAME).collection<{ _id: string; at: Date }>('setup');
    // The claim of a setup that started but never wrote its owner (the app closed in between).
    await markers.insertOne({ _id: 'owner', at: new Date() });
    const fresh = await connection(core).call('auth.createOwner', form);
    expect(fresh).toMatchObject({ ok: false, error: { kind: 'forbidden' } });

    await markers.updateOne({ _id: 'owner' }, { $set: { at: new Date(Date.now() - 120_000) } });
    expect(await connection(core).value('auth.status')).toMatchObject({ needsSetup: true });
    // The next test's createOwner takes the stale claim over; leave it in place for it.
  });

  it('creates the business and its owner, signs the owner in, and keeps only a password hash', async () => {
    const tab = connection(core);
    const session = await tab.value('auth.createOwner', form);
    expect(session).toMatchObject({
      user: { email: 'rosa@magiccity.example', role: 'owner' },
      business: { name: 'Magic City Lawn', timezone: 'America/Chicago' },
    });
    expect(await tab.value('auth.status')).toMatchObject({
      needsSetup: false,
      session: { user: { role: 'owner' } },
    });
    const db = client.db(DB_NAME);
    const [business] = await db.collection('businesses').find().toArray();
    const [owner] = await db.collection('users').find().toArray();
    expect(businessSchema.safeParse(business).success).toBe(true);
    expect(userSchema.safeParse(owner).success).toBe(true);
    expect(owner?.password_hash).toMatch(/^\$2[aby]\$12\$/);
    expect(business?.owner_id).toBe(owner?.user_id);
    expect(business?.config).toMatchObject({
      min_gap_between_jobs_minutes: 30,
      weather_enabled: true,
    });
  });

  it('cannot run a second time', async () => {
    const again = await connection(core).call('auth.createOwner', {
      ...form,
      owner: { ...form.owner, email: 'intruder@example.com' },
    });
    expect(again).toMatchObject({
      ok: false,
      error: { kind: 'forbidden', message: expect.stringContaining('Sign in instead') },
    });
    expect(await client.db(DB_NAME).collection('users').countDocuments()).toBe(1);
  });

  it('lets the new owner sign in with the chosen password', async () => {
    const result = await connection(core).call('auth.signIn', {
      email: 'rosa@magiccity.example',
      password: form.owner.password,
    });
    expect(result).toMatchObject({ ok: true });
  });
});
