// Conformance: collection and database administration commands.
import { type MongoServerError } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { testDb } from '../../support/db';

const { client, db } = testDb('collections');

describe('collections', () => {
  it('creates explicitly and implicitly, lists with filters, and drops', async () => {
    await db.createCollection('explicit');
    await db.collection('implicit').insertOne({ a: 1 });
    const all = (await db.listCollections().toArray()).map((c) => c.name).sort();
    expect(all).toEqual(['explicit', 'implicit']);
    const named = await db.listCollections({ name: 'implicit' }, { nameOnly: true }).toArray();
    expect(named.map((c) => c.name)).toEqual(['implicit']);
    const again = await db.createCollection('explicit').catch((e: unknown) => e);
    expect((again as MongoServerError).code).toBe(48);
    expect(await db.collection('explicit').drop()).toBe(true);
    expect((await db.listCollections().toArray()).map((c) => c.name)).toEqual(['implicit']);
  });

  it('renames collections, with and without dropTarget', async () => {
    await db.collection('src').insertOne({ v: 1 });
    await db.collection('src').createIndex({ v: 1 });
    await db.renameCollection('src', 'dst');
    expect(await db.collection('dst').findOne({}, { projection: { _id: 0 } })).toEqual({ v: 1 });
    expect((await db.collection('dst').listIndexes().toArray()).map((i) => i.name)).toContain(
      'v_1',
    );
    await db.collection('other').insertOne({ v: 2 });
    const clash = await db.renameCollection('other', 'dst').catch((e: unknown) => e);
    expect((clash as MongoServerError).code).toBe(48);
    await db.renameCollection('other', 'dst', { dropTarget: true });
    expect(await db.collection('dst').findOne({}, { projection: { _id: 0 } })).toEqual({ v: 2 });
  });

  it('lists and drops databases', async () => {
    const other = client.db(`${db.databaseName}_x`);
    await other.collection('c').insertOne({ a: 1 });
    const names = (await client.db('admin').admin().listDatabases()).databases.map((d) => d.name);
    expect(names).toContain(other.databaseName);
    await other.dropDatabase();
    const after = (await client.db('admin').admin().listDatabases()).databases.map((d) => d.name);
    expect(after).not.toContain(other.databaseName);
  });
});
