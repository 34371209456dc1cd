// Test helper: a connected client and a uniquely named database, dropped when the test file ends.
import { randomBytes } from 'node:crypto';
import { type Db, MongoClient } from 'mongodb';
import { afterAll, inject } from 'vitest';

export interface TestDb {
  client: MongoClient;
  db: Db;
}

/** Connects to the run's server; call at the top level of a test file. */
export function testDb(name: string): TestDb {
  const client = new MongoClient(inject('mongoUri'));
  const db = client.db(
    `t_${name.replace(/[^A-Za-z0-9_]/g, '_')}_${randomBytes(4).toString('hex')}`,
  );
  afterAll(async () => {
    await db.dropDatabase().catch(() => undefined);
    await client.close();
  });
  return { client, db };
}
