// Conformance: index management, unique/partial/sparse enforcement, explain and hint, 2dsphere and geo queries.
import { MongoServerError } from 'mongodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../../support/db';

const { db } = testDb('indexes');

const codeOf = (e: unknown): unknown => (e as MongoServerError).code;

describe('index management', () => {
  it('creates, lists and drops indexes by name, key and *', async () => {
    const c = db.collection('mgmt');
    await c.insertOne({ a: 1, b: 2 });
    expect(await c.createIndex({ a: 1 })).toBe('a_1');
    expect(await c.createIndex({ b: -1 }, { name: 'b_desc' })).toBe('b_desc');
    await c.createIndex({ a: 1, b: 1 });
    const names = (await c.listIndexes().toArray()).map((i) => i.name);
    expect(names).toEqual(['_id_', 'a_1', 'b_desc', 'a_1_b_1']);
    await c.dropIndex('b_desc');
    await c.dropIndex({ a: 1 } as never);
    expect((await c.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_', 'a_1_b_1']);
    await c.dropIndexes();
    expect((await c.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
    expect(codeOf(await c.dropIndex('nope').catch((e: unknown) => e))).toBe(27);
  });
});

describe('unique indexes', () => {
  it('rejects duplicates on insert, update, upsert, replace and findAndModify with E11000', async () => {
    const c = db.collection('users');
    await c.createIndex({ email: 1 }, { unique: true });
    await c.insertOne({ _id: 1, email: 'a@x.test' } as never);
    await c.insertOne({ _id: 2, email: 'b@x.test' } as never);
    const dup = (await c
      .insertOne({ email: 'a@x.test' })
      .catch((e: unknown) => e)) as MongoServerError;
    expect(dup).toBeInstanceOf(MongoServerError);
    expect(dup.code).toBe(11000);
    expect(dup.message).toContain('E11000 duplicate key error collection:');
    expect(dup.message).toContain('index: email_1 dup key: { email: "a@x.test" }');
    expect(dup.errorResponse.keyPattern ?? dup.keyPattern).toEqual({ email: 1 });
    expect(dup.errorResponse.keyValue ?? dup.keyValue).toEqual({ email: 'a@x.test' });
    expect(
      codeOf(
        await c
          .updateOne({ _id: 2 as never }, { $set: { email: 'a@x.test' } })
          .catch((e: unknown) => e),
      ),
    ).toBe(11000);
    expect(
      codeOf(
        await c.replaceOne({ _id: 2 as never }, { email: 'a@x.test' }).catch((e: unknown) => e),
      ),
    ).toBe(11000);
    expect(
      codeOf(
        await c
          .updateOne({ _id: 3 as never }, { $set: { email: 'b@x.test' } }, { upsert: true })
          .catch((e: unknown) => e),
      ),
    ).toBe(11000);
    expect(
      codeOf(
        await c
          .findOneAndUpdate({ _id: 1 as never }, { $set: { email: 'b@x.test' } })
          .catch((e: unknown) => e),
      ),
    ).toBe(11000);
    await c.updateOne({ _id: 1 as never }, { $set: { email: 'a@x.test', n: 1 } });
    expect(await c.countDocuments()).toBe(2);
    expect(
      codeOf(await c.createIndex({ n: 1 }, { unique: true }).catch((e: unknown) => e)),
    ).toBeUndefined();
    await c.insertOne({ _id: 4, email: 'd@x.test', n: 1 } as never).catch(() => undefined);
    expect(await c.countDocuments({ n: 1 })).toBe(1);
  });

  it('enforces compound unique indexes', async () => {
    const c = db.collection('slots');
    await c.createIndex({ staff: 1, day: 1 }, { unique: true });
    await c.insertOne({ staff: 'a', day: '2024-01-01' });
    await c.insertOne({ staff: 'a', day: '2024-01-02' });
    await c.insertOne({ staff: 'b', day: '2024-01-01' });
    expect(
      codeOf(await c.insertOne({ staff: 'a', day: '2024-01-01' }).catch((e: unknown) => e)),
    ).toBe(11000);
  });

  it('honours partialFilterExpression and sparse', async () => {
    const p = db.collection('partial');
    await p.createIndex({ code: 1 }, { unique: true, partialFilterExpression: { active: true } });
    await p.insertOne({ code: 'x', active: false });
    await p.insertOne({ code: 'x', active: false });
    await p.insertOne({ code: 'x', active: true });
    expect(codeOf(await p.insertOne({ code: 'x', active: true }).catch((e: unknown) => e))).toBe(
      11000,
    );
    const s = db.collection('sparse');
    await s.createIndex({ tag: 1 }, { unique: true, sparse: true });
    await s.insertMany([{ a: 1 }, { a: 2 }, { tag: 't' }]);
    expect(codeOf(await s.insertOne({ tag: 't' }).catch((e: unknown) => e))).toBe(11000);
    const plain = db.collection('nonsparse');
    await plain.createIndex({ tag: 1 }, { unique: true });
    await plain.insertOne({ a: 1 });
    expect(codeOf(await plain.insertOne({ a: 2 }).catch((e: unknown) => e))).toBe(11000);
  });
});

describe('query planning', () => {
  const c = db.collection('appts');
  beforeAll(async () => {
    await c.insertMany(
      Array.from({ length: 500 }, (_, i) => ({
        business_id: `b${i % 5}`,
        scheduled_date: `2024-01-${String((i % 28) + 1).padStart(2, '0')}`,
        price: i,
      })),
    );
    await c.createIndex({ business_id: 1, scheduled_date: 1 });
  });

  it('uses the index for equality and range on a prefix, and reports it in explain', async () => {
    const filter = { business_id: 'b2', scheduled_date: { $gte: '2024-01-10', $lt: '2024-01-15' } };
    const docs = await c.find(filter).toArray();
    const expected = Array.from({ length: 500 }, (_, i) => i).filter((i) => {
      const d = (i % 28) + 1;
      return i % 5 === 2 && d >= 10 && d < 15;
    });
    expect(docs.map((d) => d.price).sort((a, b) => a - b)).toEqual(expected);
    const plan = JSON.stringify((await c.find(filter).explain()).queryPlanner.winningPlan);
    expect(plan).toContain('IXSCAN');
    expect(plan).toContain('business_id_1_scheduled_date_1');
    const prefixOnly = JSON.stringify(
      (await c.find({ business_id: 'b1' }).explain()).queryPlanner.winningPlan,
    );
    expect(prefixOnly).toContain('IXSCAN');
  });

  it('falls back to a collection scan without a usable index, and obeys hint', async () => {
    const scan = JSON.stringify((await c.find({ price: 5 }).explain()).queryPlanner.winningPlan);
    expect(scan).toContain('COLLSCAN');
    const natural = c.find({ business_id: 'b2' }).hint({ $natural: 1 });
    expect(JSON.stringify((await natural.explain()).queryPlanner.winningPlan)).toContain(
      'COLLSCAN',
    );
    expect(await natural.count()).toBe(100);
    const hinted = c.find({ business_id: 'b2' }).hint('business_id_1_scheduled_date_1');
    expect((await hinted.toArray()).length).toBe(100);
    const bad = await c
      .find({})
      .hint('no_such_index')
      .toArray()
      .catch((e: unknown) => e);
    expect(codeOf(bad)).toBe(2);
  });

  it('handles $in on an indexed field and sees later writes', async () => {
    expect(await c.countDocuments({ business_id: { $in: ['b0', 'b1'] } })).toBe(200);
    await c.insertOne({ business_id: 'b9', scheduled_date: '2024-02-01', price: -1 });
    await c.updateOne({ business_id: 'b9' }, { $set: { scheduled_date: '2024-02-02' } });
    expect(await c.countDocuments({ business_id: 'b9', scheduled_date: '2024-02-02' })).toBe(1);
    expect(await c.countDocuments({ business_id: 'b9', scheduled_date: '2024-02-01' })).toBe(0);
    await c.deleteOne({ business_id: 'b9' });
    expect(await c.countDocuments({ business_id: 'b9' })).toBe(0);
  });
});

describe('geo', () => {
  const c = db.collection('places');
  beforeAll(async () => {
    await c.createIndex({ loc: '2dsphere' });
    await c.insertMany([
      { name: 'center', loc: { type: 'Point', coordinates: [0, 0] } },
      { name: 'near', loc: { type: 'Point', coordinates: [0.01, 0] } },
      { name: 'far', loc: { type: 'Point', coordinates: [1, 1] } },
    ]);
  });

  it('rejects malformed points in a 2dsphere-indexed field with 16755', async () => {
    const err = await c
      .insertOne({ name: 'bad', loc: { type: 'Point', coordinates: ['x', 1] } })
      .catch((e: unknown) => e);
    expect(codeOf(err)).toBe(16755);
    const out = await c
      .insertOne({ name: 'bad2', loc: { type: 'Point', coordinates: [200, 1] } })
      .catch((e: unknown) => e);
    expect(codeOf(out)).toBe(16755);
  });

  it('answers $near, $nearSphere and $geoWithin', async () => {
    const near = await c
      .find({
        loc: {
          $near: { $geometry: { type: 'Point', coordinates: [0.009, 0] }, $maxDistance: 5000 },
        },
      })
      .toArray();
    expect(near.map((d) => d.name)).toEqual(['near', 'center']);
    const sphere = await c
      .find({ loc: { $nearSphere: { $geometry: { type: 'Point', coordinates: [1, 1] } } } })
      .toArray();
    expect(sphere.map((d) => d.name)).toEqual(['far', 'near', 'center']);
    const circle = await c
      .find({ loc: { $geoWithin: { $centerSphere: [[0, 0], 0.01] } } })
      .toArray();
    expect(circle.map((d) => d.name).sort()).toEqual(['center', 'near']);
    const box = await c
      .find({
        loc: {
          $geoWithin: {
            $box: [
              [0.5, 0.5],
              [2, 2],
            ],
          },
        },
      })
      .toArray();
    expect(box.map((d) => d.name)).toEqual(['far']);
    const poly = await c
      .find({
        loc: {
          $geoWithin: {
            $geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [-0.5, -0.5],
                  [0.5, -0.5],
                  [0.5, 0.5],
                  [-0.5, 0.5],
                  [-0.5, -0.5],
                ],
              ],
            },
          },
        },
      })
      .toArray();
    expect(poly.map((d) => d.name).sort()).toEqual(['center', 'near']);
    const legacyPoly = await c
      .find({
        loc: {
          $geoWithin: {
            $polygon: [
              [0.5, 0.5],
              [2, 0.5],
              [2, 2],
            ],
          },
        },
      })
      .toArray();
    expect(legacyPoly.map((d) => d.name)).toEqual(['far']);
  });

  it('runs $geoNear with distances in meters', async () => {
    const docs = await c
      .aggregate([
        {
          $geoNear: {
            near: { type: 'Point', coordinates: [0, 0] },
            distanceField: 'dist',
            spherical: true,
          },
        },
        { $project: { _id: 0, name: 1, dist: 1 } },
      ])
      .toArray();
    expect(docs.map((d) => d.name)).toEqual(['center', 'near', 'far']);
    expect(docs[0]?.dist).toBe(0);
    expect(docs[1]?.dist).toBeGreaterThan(1100);
    expect(docs[1]?.dist).toBeLessThan(1115);
  });
});
