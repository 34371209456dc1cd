import type { Db } from 'mongodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/compose';
import { DEMO_PASSWORD } from '../../../electron/core/demo/seed';
import { connection } from '../../support/core';
import { demoWorld, type DemoWorld } from '../../support/demo';

let nowMs = Date.parse('2026-04-15T15:00:00Z');
const clock = { now: () => new Date(nowMs) };
const world = demoWorld('users', { clock });
let db: Db;
let core: Core;
let owner: Awaited<ReturnType<DemoWorld['signedIn']>>;
type User = Record<string, unknown>;

beforeAll(async () => {
  db = world.db;
  core = world.core;
  owner = await world.signedIn('owner@southern-lawn.example');
});

describe('users', () => {
  it('lists the business users without password hashes, for owners only', async () => {
    const users = await owner.value<User[]>('users.list');
    expect(users.map((u) => u.email)).toEqual(
      expect.arrayContaining(['owner@southern-lawn.example', 'dispatch@southern-lawn.example']),
    );
    expect(users.every((u) => !('password_hash' in u) && !('audit_log' in u))).toBe(true);
    expect(users.every((u) => u.business_id === owner.session?.business_id)).toBe(true);
    const dispatcher = connection(core);
    await dispatcher.value('auth.signIn', {
      email: 'dispatch@southern-lawn.example',
      password: DEMO_PASSWORD,
    });
    expect(await dispatcher.call('users.list')).toMatchObject({
      ok: false,
      error: { kind: 'forbidden' },
    });
  });

  it('creates a user who can sign in, and refuses a taken email or an admin grant', async () => {
    const data = {
      first_name: 'Nia',
      last_name: 'Reyes',
      email: 'nia@southern-lawn.example',
      role: 'staff',
      password: 'first-day-2026',
    };
    const created = await owner.value<User>('users.create', { data });
    expect(created).toMatchObject({
      email: 'nia@southern-lawn.example',
      role: 'staff',
      is_active: true,
    });
    expect(
      await connection(core).call('auth.signIn', { email: data.email, password: data.password }),
    ).toMatchObject({ ok: true });
    expect(await owner.call('users.create', { data })).toMatchObject({
      ok: false,
      error: { kind: 'conflict', message: 'Another user already has this email.' },
    });
    expect(
      await owner.call('users.create', {
        data: { ...data, email: 'x@southern-lawn.example', role: 'admin' },
      }),
    ).toMatchObject({
      ok: false,
      error: { kind: 'forbidden' },
    });
  });

  it('deactivating a user ends their signed-in session within seconds', async () => {
    const dispatcher = connection(core);
    await dispatcher.value('auth.signIn', {
      email: 'dispatch@southern-lawn.example',
      password: DEMO_PASSWORD,
    });
    expect(await dispatcher.call('clients.list', { limit: 1 })).toMatchObject({ ok: true });
    const [target] = (await owner.value<User[]>('users.list')).filter(
      (u) => u.email === 'dispatch@southern-lawn.example',
    );
    await owner.value('users.update', {
      id: target?.user_id,
      version: target?.version,
      changes: { is_active: false },
    });
    nowMs += 6_000;
    expect(await dispatcher.call('clients.list', { limit: 1 })).toMatchObject({
      ok: false,
      error: { kind: 'unauthenticated' },
    });
    expect(dispatcher.session).toBeNull();
  });

  it('keeps the business with an active owner: no self-demotion, no removing the last owner', async () => {
    const me = (await owner.value<User[]>('users.list')).find(
      (u) => u.user_id === owner.session?.user_id,
    );
    expect(
      await owner.call('users.update', {
        id: me?.user_id,
        version: me?.version,
        changes: { role: 'staff' },
      }),
    ).toMatchObject({
      ok: false,
      error: { kind: 'forbidden', message: expect.stringContaining('your own role') },
    });
  });

  it('resets a password without putting any hash in the audit trail', async () => {
    const nia = (await owner.value<User[]>('users.list')).find(
      (u) => u.email === 'nia@southern-lawn.example',
    );
    await owner.value('users.resetPassword', {
      id: nia?.user_id,
      version: nia?.version,
      password: 'second-day-2026',
    });
    const stored = await db.collection('users').findOne({ user_id: nia?.user_id });
    const entry = (stored?.audit_log as User[]).at(-1);
    expect(entry).toMatchObject({
      action: 'password_reset',
      changes: { password_hash: { before: '[hidden]', after: '[hidden]' } },
    });
    expect(
      JSON.stringify(
        await db.collection('audit_entries').find({ document_id: nia?.user_id }).toArray(),
      ),
    ).not.toContain('$2');
    expect(
      await connection(core).call('auth.signIn', {
        email: 'nia@southern-lawn.example',
        password: 'second-day-2026',
      }),
    ).toMatchObject({ ok: true });
  });
});
