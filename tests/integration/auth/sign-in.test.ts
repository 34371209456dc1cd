import bcrypt from 'bcryptjs';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Core } from '../../../electron/core/compose';
import { connection, createTestCore } from '../../support/core';

const DB_NAME = `auth_${Date.now().toString(36)}`;
let nowMs = Date.parse('2026-04-01T14:00:00Z');
const clock = { now: () => new Date(nowMs) };
let core: Core;
let client: MongoClient;
const password = 'correct horse 42';

function user(id: string, email: string, role: string, business_id: string, is_active = true) {
  return {
    user_id: id,
    email,
    password_hash: bcrypt.hashSync(password, 4),
    first_name: id.slice(4),
    last_name: 'Example',
    role,
    business_id,
    is_active,
    deleted_at: null,
  };
}

beforeAll(async () => {
  client = new MongoClient(inject('mongoUri'));
  const db = client.db(DB_NAME);
  await db.collection('businesses').insertMany([
    {
      business_id: 'bus_lawn',
      name: 'Southern Lawn',
      timezone: 'America/Chicago',
      deleted_at: null,
    },
    {
      business_id: 'bus_hvac',
      name: 'Mile High HVAC',
      timezone: 'America/Denver',
      deleted_at: null,
    },
  ]);
  await db
    .collection('users')
    .insertMany([
      user('usr_owner', 'owner@lawn.example', 'owner', 'bus_lawn'),
      user('usr_dana', 'dana@lawn.example', 'staff', 'bus_lawn'),
      user('usr_admin', 'admin@servicepro.example', 'admin', 'bus_lawn'),
      user('usr_gone', 'gone@lawn.example', 'staff', 'bus_lawn', false),
      user('usr_client', 'client@lawn.example', 'customer', 'bus_lawn'),
    ]);
  core = createTestCore({ databaseUri: inject('mongoUri'), databaseName: DB_NAME, clock });
  await core.start();
});
afterAll(async () => {
  await core.stop();
  await client.db(DB_NAME).dropDatabase();
  await client.close();
});

describe('sign-in', () => {
  it('signs in with email (any case) and password, giving the role its permissions', async () => {
    const tab = connection(core);
    const { resume_token, ...session } = await tab.value('auth.signIn', {
      email: 'Dana@Lawn.example',
      password,
    });
    expect(resume_token).toMatch(/^[\w-]{32}$/);
    expect(session).toEqual({
      user: {
        user_id: 'usr_dana',
        email: 'dana@lawn.example',
        first_name: 'dana',
        last_name: 'Example',
        role: 'staff',
      },
      business: { business_id: 'bus_lawn', name: 'Southern Lawn', timezone: 'America/Chicago' },
      permissions: ['records.view', 'dispatch', 'records.edit'],
    });
    expect(await tab.value('auth.status')).toEqual({ session, needsSetup: false });
    const owner = await connection(core).value<{ permissions: string[] }>('auth.signIn', {
      email: 'owner@lawn.example',
      password,
    });
    expect(owner.permissions).toEqual(
      expect.arrayContaining(['reports.view', 'users.manage', 'settings.manage']),
    );
  });

  it('gives the same answer for a wrong password and an unknown email', async () => {
    const tab = connection(core);
    const wrong = await tab.call('auth.signIn', { email: 'owner@lawn.example', password: 'nope' });
    const unknown = await tab.call('auth.signIn', { email: 'nobody@lawn.example', password });
    expect(wrong).toEqual({
      ok: false,
      error: { kind: 'unauthenticated', message: 'The email or password is incorrect.' },
    });
    expect(unknown).toEqual(wrong);
    expect(tab.session).toBeNull();
  });

  it('locks an email out after five failures, even for the right password, until the wait is over', async () => {
    const tab = connection(core);
    for (let i = 0; i < 5; i++) {
      await tab.call('auth.signIn', { email: 'admin@servicepro.example', password: `guess ${i}` });
    }
    const locked = await tab.call('auth.signIn', { email: 'admin@servicepro.example', password });
    expect(locked).toMatchObject({
      ok: false,
      error: {
        kind: 'rate_limited',
        message: 'Too many failed sign-ins for this email. Try again in 1 minute.',
      },
    });
    nowMs += 61_000;
    expect(
      await tab.call('auth.signIn', { email: 'admin@servicepro.example', password }),
    ).toMatchObject({ ok: true });
  });

  it('refuses deactivated users and client accounts with a reason', async () => {
    const tab = connection(core);
    expect(await tab.call('auth.signIn', { email: 'gone@lawn.example', password })).toMatchObject({
      ok: false,
      error: { kind: 'forbidden', message: expect.stringContaining('deactivated') },
    });
    expect(await tab.call('auth.signIn', { email: 'client@lawn.example', password })).toMatchObject(
      {
        ok: false,
        error: {
          kind: 'forbidden',
          message: 'Client accounts cannot sign in to the dispatch app.',
        },
      },
    );
  });

  it('validates the form before checking anything', async () => {
    const result = await connection(core).call('auth.signIn', {
      email: 'not an email',
      password: '',
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        kind: 'validation',
        details: expect.arrayContaining([
          expect.objectContaining({ path: 'email', message: 'Enter a valid email address.' }),
        ]),
      },
    });
  });

  it('signs out only its own connection', async () => {
    const a = connection(core);
    const b = connection(core);
    await a.value('auth.signIn', { email: 'dana@lawn.example', password });
    await b.value('auth.signIn', { email: 'dana@lawn.example', password });
    await a.value('auth.signOut');
    expect(await a.value('auth.status')).toMatchObject({ session: null });
    expect(await b.value('auth.status')).toMatchObject({
      session: { user: { user_id: 'usr_dana' } },
    });
  });

  it('resumes a sign-in on a new connection with its token, until signed out', async () => {
    const first = connection(core);
    const { resume_token } = await first.value<{ resume_token: string }>('auth.signIn', {
      email: 'dana@lawn.example',
      password,
    });
    const reloaded = connection(core);
    expect(await reloaded.value('auth.resume', { resume_token })).toMatchObject({
      user: { user_id: 'usr_dana' },
    });
    expect(reloaded.session).toMatchObject({ user_id: 'usr_dana', business_id: 'bus_lawn' });
    await reloaded.value('auth.signOut');
    const later = connection(core);
    expect(await later.value('auth.resume', { resume_token })).toBeNull();
    expect(later.session).toBeNull();
    const forged = connection(core);
    expect(await forged.value('auth.resume', { resume_token: 'x'.repeat(32) })).toBeNull();
  });

  it('lets an admin switch business, and nobody else', async () => {
    const dana = connection(core);
    await dana.value('auth.signIn', { email: 'dana@lawn.example', password });
    expect(await dana.call('auth.switchBusiness', { business_id: 'bus_hvac' })).toMatchObject({
      ok: false,
      error: { kind: 'forbidden' },
    });
    const admin = connection(core);
    nowMs += 10 * 60_000;
    await admin.value('auth.signIn', { email: 'admin@servicepro.example', password });
    const switched = await admin.value('auth.switchBusiness', { business_id: 'bus_hvac' });
    expect(switched).toMatchObject({
      business: { business_id: 'bus_hvac', name: 'Mile High HVAC' },
    });
    expect(admin.session?.business_id).toBe('bus_hvac');
  });
});
