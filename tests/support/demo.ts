// A test file's world: the demo businesses seeded into a fresh database, and a core started on it.
import bcrypt from 'bcryptjs';
import { MongoClient, type Db } from 'mongodb';
import { afterAll, beforeAll, inject } from 'vitest';
import type { Core } from '../../electron/core/compose';
import { DEMO_PASSWORD, seedDemo } from '../../electron/core/demo/seed';
import type { Clock } from '../../electron/core/ports';
import { connection, createTestCore } from './core';

export const DEMO_NOW = new Date('2026-04-15T15:00:00Z');

/** The lawn business's dispatcher, as the sign-in form and auth.signIn take them. */
export const DEMO_DISPATCHER = {
  email: 'dispatch@southern-lawn.example',
  password: DEMO_PASSWORD,
} as const;

export interface DemoWorld {
  client: MongoClient;
  db: Db;
  core: Core;
  /** A new connection signed in as one of the demo users. */
  signedIn(email: string): Promise<ReturnType<typeof connection>>;
}

/** Call at the top level of a test file; the fields are there once its beforeAll hooks have run. */
export function demoWorld(name: string, options: { clock?: Clock } = {}): DemoWorld {
  const world = {} as DemoWorld;
  const dbName = `${name}_${Date.now().toString(36)}`;
  beforeAll(async () => {
    world.client = new MongoClient(inject('mongoUri'));
    world.db = world.client.db(dbName);
    // Cost 4: the demo password hashed fast; sign-in checks it the same way.
    await seedDemo(world.db, {
      now: options.clock?.now() ?? DEMO_NOW,
      passwordHash: bcrypt.hashSync(DEMO_PASSWORD, 4),
    });
    world.core = createTestCore({
      databaseUri: inject('mongoUri'),
      databaseName: dbName,
      clock: options.clock,
    });
    await world.core.start();
  });
  afterAll(async () => {
    await world.core?.stop();
    await world.db?.dropDatabase();
    await world.client?.close();
  });
  world.signedIn = async (email) => {
    const tab = connection(world.core);
    await tab.value('auth.signIn', { email, password: DEMO_PASSWORD });
    return tab;
  };
  return world;
}
