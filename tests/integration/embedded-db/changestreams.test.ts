// Conformance: change streams (events, update descriptions, updateLookup, resume, user pipelines).
import { type ChangeStreamDocument, type Document, MongoClient } from 'mongodb';
import { describe, expect, inject, it } from 'vitest';
import { testDb } from '../../support/db';

const { db } = testDb('changestreams');

describe('change streams', () => {
  it('reports insert, update, replace and delete events and resumes after a token', async () => {
    const c = db.collection('watched');
    const stream = c.watch([], { fullDocument: 'updateLookup', maxAwaitTimeMS: 200 });
    const events: ChangeStreamDocument<Document>[] = [];
    const next = async (): Promise<ChangeStreamDocument<Document>> => {
      const e = await stream.next();
      events.push(e);
      return e;
    };
    await stream.tryNext();
    await c.insertOne({ _id: 1, a: 1, b: { c: 1 }, gone: true } as never);
    await c.updateOne({ _id: 1 as never }, { $set: { a: 2, 'b.c': 5 }, $unset: { gone: '' } });
    await c.replaceOne({ _id: 1 as never }, { z: 1 });
    await c.deleteOne({ _id: 1 as never });
    const ins = await next();
    expect(ins.operationType).toBe('insert');
    expect(ins).toMatchObject({
      ns: { db: db.databaseName, coll: 'watched' },
      documentKey: { _id: 1 },
    });
    expect((ins as { fullDocument: Document }).fullDocument).toEqual({
      _id: 1,
      a: 1,
      b: { c: 1 },
      gone: true,
    });
    const upd = await next();
    expect(upd.operationType).toBe('update');
    expect((upd as { updateDescription: Document }).updateDescription).toMatchObject({
      updatedFields: { a: 2, 'b.c': 5 },
      removedFields: ['gone'],
    });
    expect((upd as { fullDocument: Document }).fullDocument).toBeDefined();
    const rep = await next();
    expect(rep.operationType).toBe('replace');
    expect((rep as { fullDocument: Document }).fullDocument).toEqual({ _id: 1, z: 1 });
    const del = await next();
    expect(del.operationType).toBe('delete');
    expect(del).toMatchObject({ documentKey: { _id: 1 } });
    await stream.close();

    const resumed = c.watch([], { resumeAfter: ins._id, maxAwaitTimeMS: 200 });
    const again = await resumed.next();
    expect(again.operationType).toBe('update');
    expect(again._id).toEqual(upd._id);
    await resumed.close();
    const started = c.watch([], { startAfter: rep._id, maxAwaitTimeMS: 200 });
    expect((await started.next()).operationType).toBe('delete');
    await started.close();
  });

  it('filters events with a user $match pipeline', async () => {
    const c = db.collection('filtered');
    const stream = c.watch([{ $match: { operationType: 'insert', 'fullDocument.keep': true } }], {
      maxAwaitTimeMS: 200,
    });
    await stream.tryNext();
    await c.insertOne({ keep: false, n: 1 });
    await c.insertOne({ keep: true, n: 2 });
    const e = (await stream.next()) as { fullDocument: Document };
    expect(e.fullDocument.n).toBe(2);
    expect(await stream.tryNext()).toBeNull();
    await stream.close();
  });

  it('watches a whole database', async () => {
    const stream = db.watch([], { maxAwaitTimeMS: 200 });
    await stream.tryNext();
    await db.collection('one').insertOne({ n: 1 });
    await db.collection('two').insertOne({ n: 2 });
    const a = await stream.next();
    const b = await stream.next();
    expect([a, b].map((e) => (e as { ns: { coll: string } }).ns.coll)).toEqual(['one', 'two']);
    await stream.close();
  });

  it('keeps a waiting stream waiting through writes it does not report', async () => {
    // A getMore answers with events or once its time is up, not empty on every write elsewhere
    // (a board's appointments stream would otherwise be asked again after each presence mark).
    const watcher = new MongoClient(inject('mongoUri'), { monitorCommands: true });
    try {
      const quietDb = watcher.db(db.databaseName);
      const batches: number[] = [];
      let waitingSince: () => void = () => undefined;
      const waiting = new Promise<void>((resolve) => (waitingSince = resolve));
      watcher.on('commandStarted', (e) => {
        if (e.commandName === 'getMore' && e.command.collection === 'quiet') waitingSince();
      });
      watcher.on('commandSucceeded', (e) => {
        const cursor = (e.reply as { cursor?: { ns?: string; nextBatch?: unknown[] } }).cursor;
        if (e.commandName === 'getMore' && cursor?.ns?.endsWith('.quiet')) {
          batches.push(cursor.nextBatch?.length ?? 0);
        }
      });
      const stream = quietDb.collection('quiet').watch([], { maxAwaitTimeMS: 10_000 });
      const next = stream.next();
      await waiting;
      for (let n = 0; n < 5; n++) await db.collection('noisy').insertOne({ n });
      await db.collection('quiet').insertOne({ n: 'the one' });
      const event = (await next) as { fullDocument: Document };
      expect(event.fullDocument.n).toBe('the one');
      expect(batches).toEqual([1]);
      await stream.close();
    } finally {
      await watcher.close();
    }
  });

  it('reports a drop followed by invalidate and then ends', async () => {
    const c = db.collection('dropped');
    await c.insertOne({ a: 1 });
    const stream = c.watch([], { maxAwaitTimeMS: 200 });
    await stream.tryNext();
    await c.drop();
    expect((await stream.next()).operationType).toBe('drop');
    expect((await stream.next()).operationType).toBe('invalidate');
    expect(stream.closed).toBe(true);
  });
});
