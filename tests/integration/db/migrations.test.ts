import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../electron/core/logger';
import { indexSpecs } from '../../../electron/core/db/index-specs';
import { migrate, MIGRATIONS_COLLECTION } from '../../../electron/core/db/migrations';
import { schemaMigrations } from '../../../electron/core/db/schema-migrations';
import { testDb } from '../../support/db';

const { db } = testDb('migrations');

describe('start-up migrations', () => {
  it("creates every collection's indexes once, records it, and does nothing the second time", async () => {
    const all = schemaMigrations.map((m) => m.version);
    expect(all).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await migrate(db, schemaMigrations, silentLogger)).toEqual(all);
    expect(await migrate(db, schemaMigrations, silentLogger)).toEqual([]);
    expect(await db.collection(MIGRATIONS_COLLECTION).find().toArray()).toEqual(
      all.map((version) => expect.objectContaining({ _id: version, applied_at: expect.any(Date) })),
    );
    for (const [collection, specs] of Object.entries(indexSpecs)) {
      const names = (await db.collection(collection).listIndexes().toArray()).map((i) => i.name);
      expect(names, collection).toEqual(expect.arrayContaining(specs.map((s) => s.name)));
    }
  });

  it('indexes client locations as GeoJSON 2dsphere and expires weather cache entries', async () => {
    const clients = await db.collection('clients').listIndexes().toArray();
    expect(clients.find((i) => i.key.location === '2dsphere')).toBeDefined();
    expect(clients.some((i) => 'latitude' in i.key && i.key.latitude === '2dsphere')).toBe(false);
    const weather = await db.collection('weather_cache').listIndexes().toArray();
    expect(weather.find((i) => i.key.expires_at === 1)).toMatchObject({ expireAfterSeconds: 0 });
    const clientLists = (await db.collection('clients').listIndexes().toArray()).map((i) => i.key);
    expect(clientLists).toContainEqual({
      business_id: 1,
      deleted_at: 1,
      last_name: 1,
      client_id: 1,
    });
    const presence = await db.collection('board_presence').listIndexes().toArray();
    expect(presence.find((i) => i.key.expires_at === 1)).toMatchObject({ expireAfterSeconds: 0 });
  });

  it('refuses a second user with the same email', async () => {
    await db.collection('users').insertOne({ user_id: 'usr_a1b2c3', email: 'sam@example.com' });
    await expect(
      db.collection('users').insertOne({ user_id: 'usr_d4e5f6', email: 'sam@example.com' }),
    ).rejects.toMatchObject({ code: 11000 });
  });
});
