// Conformance: handshake, CRUD, cursors, updates, findAndModify, bulkWrite and BSON round trips.
import { Binary, Decimal128, Double, Int32, Long, MongoServerError, ObjectId } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { testDb } from '../../support/db';

const { client, db } = testDb('crud');

describe('handshake and basics', () => {
  it('pings and reports a writable primary', async () => {
    expect(await db.admin().ping()).toMatchObject({ ok: 1 });
    const hello = await db.admin().command({ hello: 1 });
    expect(hello.isWritablePrimary).toBe(true);
    expect(hello.setName).toBeUndefined();
    expect(typeof hello.logicalSessionTimeoutMinutes).toBe('number');
  });

  it('rejects unknown commands with CommandNotFound', async () => {
    const err = await db.command({ frobnicate: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MongoServerError);
    expect((err as MongoServerError).code).toBe(59);
    expect((err as MongoServerError).message).toContain("no such command: 'frobnicate'");
  });

  it('rejects unknown query operators with BadValue naming the operator', async () => {
    await db.collection('ops').insertOne({ a: 1 });
    const err = await db
      .collection('ops')
      .find({ a: { $frob: 1 } })
      .toArray()
      .catch((e: unknown) => e);
    expect((err as MongoServerError).code).toBe(2);
    expect((err as MongoServerError).message).toContain('$frob');
    const empty = await db
      .collection('nothing_here')
      .find({ a: { $frob: 1 } })
      .toArray()
      .catch((e: unknown) => e);
    expect((empty as MongoServerError).code).toBe(2);
  });
});

describe('documents', () => {
  it('round-trips BSON types exactly', async () => {
    const c = db.collection('types');
    const oid = new ObjectId();
    const doc = {
      _id: oid,
      date: new Date('2024-05-06T07:08:09.010Z'),
      long: Long.fromString('9007199254740993'),
      int: new Int32(7),
      dbl: new Double(1.5),
      dec: Decimal128.fromString('12.345'),
      bin: new Binary(Buffer.from([1, 2, 3]), 0),
      nul: null,
      nested: [[1, 2], [{ a: 'x' }]],
    };
    await c.insertOne(doc);
    const back = await c.findOne({ _id: oid }, { promoteValues: false, promoteLongs: false });
    expect(back?._id).toEqual(oid);
    expect(back?.date).toEqual(doc.date);
    expect(back?.long).toBeInstanceOf(Long);
    expect((back?.long as Long).toString()).toBe('9007199254740993');
    expect(back?.int).toBeInstanceOf(Int32);
    expect(back?.dbl).toBeInstanceOf(Double);
    expect(back?.dec?.toString()).toBe('12.345');
    expect(Buffer.from((back?.bin as Binary).buffer)).toEqual(Buffer.from([1, 2, 3]));
    expect(back).toHaveProperty('nul', null);
    expect(back).not.toHaveProperty('missing');
    expect(Object.keys(back ?? {})).toEqual(Object.keys(doc));
  });

  it('keeps integral doubles and longs exact, and compares and increments them numerically', async () => {
    const c = db.collection('numbers');
    await c.insertMany([
      { _id: 1, d: new Double(5), l: Long.fromNumber(10) },
      { _id: 2, d: new Double(7), l: Long.fromNumber(9) },
      { _id: 3, d: 6, l: 11 },
    ] as never[]);
    const raw = { promoteValues: false } as const;
    const one = await c.findOne({ _id: 1 as never }, raw);
    expect(one?.d).toBeInstanceOf(Double);
    expect(one?.l).toBeInstanceOf(Long);
    const gt = await c.find({ l: { $gt: Long.fromNumber(9) } }, { sort: { _id: 1 } }).toArray();
    expect(gt.map((d) => d._id)).toEqual([1, 3]);
    expect((await c.find({ d: { $lt: 7 } }).toArray()).map((d) => d._id).sort()).toEqual([1, 3]);
    await c.updateOne({ _id: 1 as never }, { $inc: { l: 5 } });
    const inc = await c.findOne({ _id: 1 as never }, raw);
    expect(inc?.l).toBeInstanceOf(Long);
    expect((inc?.l as Long).toNumber()).toBe(15);
    expect(inc?.d).toBeInstanceOf(Double);
    const sorted = await c.find({}, { sort: { l: -1 } }).toArray();
    expect(sorted.map((d) => d._id)).toEqual([1, 3, 2]);
  });

  it('assigns an ObjectId when _id is absent', async () => {
    const r = await db.collection('ids').insertOne({ a: 1 });
    expect(r.insertedId).toBeInstanceOf(ObjectId);
    expect(await db.collection('ids').countDocuments({ _id: r.insertedId })).toBe(1);
  });

  it('reports per-document write errors for ordered and unordered inserts', async () => {
    const c = db.collection('bulkins');
    await c.insertOne({ _id: 2 as never });
    const ordered = await c
      .insertMany([{ _id: 1 }, { _id: 2 }, { _id: 3 }] as never[])
      .catch((e: unknown) => e as { insertedCount: number; writeErrors: unknown });
    expect((ordered as { code?: number }).code).toBe(11000);
    expect((ordered as { insertedCount: number }).insertedCount).toBe(1);
    expect(await c.countDocuments()).toBe(2);
    const unordered = await c
      .insertMany([{ _id: 4 }, { _id: 2 }, { _id: 5 }] as never[], { ordered: false })
      .catch((e: unknown) => e);
    expect((unordered as { code?: number }).code).toBe(11000);
    expect(await c.countDocuments()).toBe(4);
  });
});

describe('find and cursors', () => {
  it('filters, sorts, projects, skips and limits', async () => {
    const c = db.collection('people');
    await c.insertMany(
      Array.from({ length: 30 }, (_, i) => ({
        _id: i,
        n: i,
        group: i % 3,
        tag: `t${i}`,
      })) as never[],
    );
    const docs = await c
      .find({ group: 1 }, { projection: { n: 1, tag: 1 }, sort: { n: -1 }, skip: 1, limit: 3 })
      .toArray();
    expect(docs).toEqual([
      { _id: 25, n: 25, tag: 't25' },
      { _id: 22, n: 22, tag: 't22' },
      { _id: 19, n: 19, tag: 't19' },
    ]);
    const excl = await c.findOne({ _id: 3 as never }, { projection: { tag: 0 } });
    expect(excl).toEqual({ _id: 3, n: 3, group: 0 });
  });

  it('projects top-level fields in and out, with and without _id, as MongoDB does', async () => {
    const c = db.collection('projected');
    await c.insertOne({ _id: 1, a: 1, b: { x: 1, y: 2 }, c: [1, 2] } as never);
    const one = (projection: Record<string, unknown>) =>
      c.findOne({ _id: 1 as never }, { projection });
    expect(await one({ b: 1, _id: 0 })).toEqual({ b: { x: 1, y: 2 } });
    expect(await one({ _id: 0 })).toEqual({ a: 1, b: { x: 1, y: 2 }, c: [1, 2] });
    expect(await one({ _id: 1 })).toEqual({ _id: 1 });
    expect(await one({ a: true, c: true })).toEqual({ _id: 1, a: 1, c: [1, 2] });
    expect(await one({ b: 0, c: false })).toEqual({ _id: 1, a: 1 });
    expect(await one({ 'b.y': 1 })).toEqual({ _id: 1, b: { y: 2 } });
    expect(await one({ 'b.y': 0 })).toEqual({ _id: 1, a: 1, b: { x: 1 }, c: [1, 2] });
  });

  it('pages through a cursor with getMore and kills it', async () => {
    const c = db.collection('people');
    const cursor = c.find({}, { batchSize: 7, sort: { n: 1 } });
    const all = await cursor.toArray();
    expect(all.map((d) => d.n)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    const partial = c.find({}, { batchSize: 5 });
    await partial.next();
    await partial.close();
    const unknown = await db
      .command({ getMore: Long.fromNumber(123456), collection: 'people' })
      .catch((e: unknown) => e);
    expect((unknown as MongoServerError).code).toBe(43);
  });

  it('counts and distincts', async () => {
    const c = db.collection('people');
    expect(await c.countDocuments({ group: 2 })).toBe(10);
    expect(await c.estimatedDocumentCount()).toBe(30);
    expect((await c.distinct('group')).sort()).toEqual([0, 1, 2]);
  });
});

describe('updates', () => {
  it('applies operators, multi, upsert with $setOnInsert and arrayFilters', async () => {
    const c = db.collection('upd');
    await c.insertMany([
      { _id: 1, n: 1, arr: [{ v: 1 }, { v: 2 }] },
      { _id: 2, n: 2, arr: [] },
    ] as never[]);
    const r = await c.updateMany({}, { $inc: { n: 10 }, $set: { s: 'x' } });
    expect(r).toMatchObject({ matchedCount: 2, modifiedCount: 2 });
    await c.updateOne(
      { _id: 1 as never },
      { $set: { 'arr.$[e].v': 9 } },
      { arrayFilters: [{ 'e.v': 2 }] },
    );
    expect((await c.findOne({ _id: 1 as never }))?.arr).toEqual([{ v: 1 }, { v: 9 }]);
    const up = await c.updateOne(
      { _id: 3 as never, k: 'a' },
      { $set: { s: 'y' }, $setOnInsert: { created: true } },
      { upsert: true },
    );
    expect(up.upsertedId).toBe(3);
    expect(await c.findOne({ _id: 3 as never })).toEqual({ _id: 3, k: 'a', s: 'y', created: true });
    await c.updateOne(
      { _id: 3 as never },
      { $set: { s: 'z' }, $setOnInsert: { created: false } },
      { upsert: true },
    );
    expect((await c.findOne({ _id: 3 as never }))?.created).toBe(true);
    const none = await c.updateOne({ _id: 1 as never }, { $set: { s: 'x' } });
    expect(none).toMatchObject({ matchedCount: 1, modifiedCount: 0 });
  });

  it('supports pipeline updates and replacements', async () => {
    const c = db.collection('upd');
    await c.updateOne({ _id: 2 as never }, [{ $set: { total: { $add: ['$n', 5] } } }]);
    expect((await c.findOne({ _id: 2 as never }))?.total).toBe(17);
    await c.replaceOne({ _id: 2 as never }, { only: true });
    expect(await c.findOne({ _id: 2 as never })).toEqual({ _id: 2, only: true });
    const err = await c
      .updateOne({ _id: 2 as never }, { $set: { _id: 5 } })
      .catch((e: unknown) => e);
    expect((err as MongoServerError).code).toBe(66);
  });

  it('rejects unknown update operators', async () => {
    const err = await db
      .collection('upd')
      .updateOne({ _id: 1 as never }, { $frob: { a: 1 } } as never)
      .catch((e: unknown) => e);
    expect((err as MongoServerError).code).toBe(9);
    expect((err as MongoServerError).message).toContain('$frob');
  });

  it('deletes one or many', async () => {
    const c = db.collection('del');
    await c.insertMany([{ k: 1 }, { k: 1 }, { k: 1 }, { k: 2 }]);
    expect((await c.deleteOne({ k: 1 })).deletedCount).toBe(1);
    expect((await c.deleteMany({ k: 1 })).deletedCount).toBe(2);
    expect(await c.countDocuments()).toBe(1);
  });
});

describe('findAndModify', () => {
  it('covers update, replace, delete, upsert, sort and projection', async () => {
    const c = db.collection('fam');
    await c.insertMany([
      { _id: 1, q: 'a', n: 1 },
      { _id: 2, q: 'a', n: 2 },
    ] as never[]);
    const before = await c.findOneAndUpdate({ q: 'a' }, { $inc: { n: 100 } }, { sort: { n: -1 } });
    expect(before).toEqual({ _id: 2, q: 'a', n: 2 });
    const after = await c.findOneAndUpdate(
      { q: 'a' },
      { $inc: { n: 1 } },
      { sort: { n: 1 }, returnDocument: 'after', projection: { n: 1, _id: 0 } },
    );
    expect(after).toEqual({ n: 2 });
    const replaced = await c.findOneAndReplace(
      { _id: 1 as never },
      { q: 'b' },
      { returnDocument: 'after' },
    );
    expect(replaced).toEqual({ _id: 1, q: 'b' });
    const upserted = await c.findOneAndUpdate(
      { _id: 9 as never },
      { $set: { q: 'z' } },
      { upsert: true, returnDocument: 'after' },
    );
    expect(upserted).toEqual({ _id: 9, q: 'z' });
    const deleted = await c.findOneAndDelete({ q: 'z' });
    expect(deleted).toEqual({ _id: 9, q: 'z' });
    expect(await c.findOneAndDelete({ q: 'nope' })).toBeNull();
  });
});

describe('bulkWrite', () => {
  it('mixes inserts, updates and deletes', async () => {
    const c = db.collection<{ _id: number; v: number }>('bulk');
    const r = await c.bulkWrite([
      { insertOne: { document: { _id: 1, v: 1 } } },
      { insertOne: { document: { _id: 2, v: 2 } } },
      { updateOne: { filter: { _id: 1 }, update: { $set: { v: 10 } } } },
      { updateOne: { filter: { _id: 3 }, update: { $set: { v: 3 } }, upsert: true } },
      { deleteOne: { filter: { _id: 2 } } },
      { replaceOne: { filter: { _id: 3 }, replacement: { v: 33 } } },
    ]);
    expect(r.insertedCount).toBe(2);
    expect(r.modifiedCount).toBe(2);
    expect(r.upsertedCount).toBe(1);
    expect(r.deletedCount).toBe(1);
    expect(await c.find().sort({ _id: 1 }).toArray()).toEqual([
      { _id: 1, v: 10 },
      { _id: 3, v: 33 },
    ]);
  });
});

describe('sessions', () => {
  it('works through an explicit session', async () => {
    await client.withSession(async (session) => {
      await db.collection('sess').insertOne({ a: 1 }, { session });
      expect(await db.collection('sess').countDocuments({}, { session })).toBe(1);
    });
  });
});
