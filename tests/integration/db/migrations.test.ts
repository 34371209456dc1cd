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
    expect(all).toEqual([1, 2, 3, 4, 5, 6, 7]);
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

  it('keeps one queued text per business and key, and each reply once', async () => {
    const notifications = db.collection('notifications');
    const text = (id: string, key?: string) => ({
      notification_id: id,
      business_id: 'bus_mig001',
      ...(key ? { dedupe_key: key } : {}),
    });
    await notifications.insertOne(text('ntf_mig001', 'reminder:apt_1'));
    await expect(
      notifications.insertOne(text('ntf_mig002', 'reminder:apt_1')),
    ).rejects.toMatchObject({ code: 11000 });
    // Messages without a key (a test message, older logs) are not limited.
    await notifications.insertMany([text('ntf_mig003'), text('ntf_mig004')]);
    const replies = db.collection('inbound_messages');
    await replies.insertOne({
      inbound_id: 'inb_mig001',
      business_id: 'bus_mig001',
      provider_message_sid: 'SM1',
    });
    await expect(
      replies.insertOne({
        inbound_id: 'inb_mig002',
        business_id: 'bus_mig001',
        provider_message_sid: 'SM1',
      }),
    ).rejects.toMatchObject({ code: 11000 });
  });

  it('refuses a second user with the same email', async () => {
    await db.collection('users').insertOne({ user_id: 'usr_a1b2c3', email: 'sam@example.com' });
    await expect(
      db.collection('users').insertOne({ user_id: 'usr_d4e5f6', email: 'sam@example.com' }),
    ).rejects.toMatchObject({ code: 11000 });
  });
});
