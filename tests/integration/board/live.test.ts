import bcrypt from 'bcryptjs';
import { MongoClient, type Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Core } from '../../../electron/core/compose';
import { DEMO_PASSWORD, seedDemo } from '../../../electron/core/demo/seed';
import { connection, createTestCore } from '../../support/core';

const DB_NAME = `live_${Date.now().toString(36)}`;
let client: MongoClient;
let db: Db;
let coreA: Core;
let coreB: Core;

beforeAll(async () => {
  client = new MongoClient(inject('mongoUri'));
  db = client.db(DB_NAME);
  await seedDemo(db, {
    now: new Date('2026-04-15T15:00:00Z'),
    passwordHash: bcrypt.hashSync(DEMO_PASSWORD, 4),
  });
  // Two cores on one database: two desktops, or two dispatchers' machines.
  coreA = createTestCore({ databaseUri: inject('mongoUri'), databaseName: DB_NAME });
  coreB = createTestCore({ databaseUri: inject('mongoUri'), databaseName: DB_NAME });
  await coreA.start();
  await coreB.start();
});
afterAll(async () => {
  await coreA.stop();
  await coreB.stop();
  await db.dropDatabase();
  await client.close();
});

describe('live board', () => {
  it("tells another desktop's board which job changed and on which day", async () => {
    const dispatcher = connection(coreA);
    await dispatcher.value('auth.signIn', {
      email: 'dispatch@southern-lawn.example',
      password: DEMO_PASSWORD,
    });
    const { items } = await dispatcher.value<{ items: Record<string, unknown>[] }>(
      'appointments.list',
      {
        filter: { status: 'scheduled' },
        limit: 1,
      },
    );
    const job = items[0] as {
      appointment_id: string;
      version: number;
      scheduled_date: Date;
      business_id: string;
    };
    const heard: {
      name: string;
      payload: { business_id: string; dates: string[]; appointment_ids: string[] };
    }[] = [];
    coreB.events.subscribe((name, payload) => heard.push({ name, payload: payload as never }));

    await dispatcher.value('appointments.update', {
      id: job.appointment_id,
      version: job.version,
      changes: { notes: 'Gate code 4411' },
    });

    await expect.poll(() => heard.length, { timeout: 2_000, interval: 50 }).toBeGreaterThan(0);
    expect(heard[0]).toEqual({
      name: 'board.changed',
      payload: {
        business_id: job.business_id,
        dates: [job.scheduled_date.toISOString().slice(0, 10)],
        appointment_ids: [job.appointment_id],
      },
    });
  });

  it('shows a drag on one desktop as "being moved by <name>" on another, and clears it', async () => {
    const dispatcher = connection(coreA);
    await dispatcher.value('auth.signIn', {
      email: 'dispatch@southern-lawn.example',
      password: DEMO_PASSWORD,
    });
    const heard: { name: string; payload: Record<string, unknown> }[] = [];
    coreB.events.subscribe((name, payload) => {
      if (name === 'board.presence') heard.push({ name, payload: payload as never });
    });
    const { items } = await dispatcher.value<{ items: { appointment_id: string }[] }>(
      'appointments.list',
      { filter: { status: 'scheduled' }, limit: 1 },
    );
    const id = items[0]?.appointment_id;
    await dispatcher.value('board.presence', { appointment_id: id });
    await expect.poll(() => heard.length, { timeout: 5_000, interval: 50 }).toBe(1);
    const mark = heard[0]?.payload as {
      user_name: string;
      appointment_id: string;
      expires_at: string;
    };
    expect(mark).toMatchObject({
      business_id: dispatcher.session?.business_id,
      user_id: dispatcher.session?.user_id,
      user_name: dispatcher.session?.name,
      appointment_id: id,
    });
    // It expires by itself (15 s) if the dispatcher's app dies mid-drag.
    const ttl = Date.parse(mark.expires_at) - Date.now();
    expect(ttl).toBeGreaterThan(5_000);
    expect(ttl).toBeLessThanOrEqual(15_000);

    await dispatcher.value('board.presence', { appointment_id: null });
    await expect.poll(() => heard.length, { timeout: 5_000, interval: 50 }).toBe(2);
    expect(heard[1]?.payload.appointment_id).toBeNull();
  });

  it('refuses a presence mark from someone signed out', async () => {
    const stranger = connection(coreA);
    await expect(stranger.call('board.presence', { appointment_id: null })).resolves.toMatchObject({
      ok: false,
      error: { kind: 'unauthenticated' },
    });
  });
});
