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
});
