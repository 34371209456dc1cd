// Conformance: malformed wire messages close only their connection; auth is required by default.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BSON, MongoClient, MongoServerError } from 'mongodb';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { startEmbeddedServer } from '../../../electron/embedded-db/index';
import { crc32c } from '../../../electron/embedded-db/wire';
import { testDb } from '../../support/db';

const { db } = testDb('protocol');

function serverAddress(): { host: string; port: number } {
  const url = new URL(inject('mongoUri').replace(/^mongodb:/, 'http:'));
  return { host: url.hostname, port: Number(url.port || 27017) };
}

function sendRaw(bytes: Buffer): Promise<'closed'> {
  const { host, port } = serverAddress();
  return new Promise((resolve, reject) => {
    const socket = connect(port, host, () => socket.write(bytes));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve('closed'));
    socket.setTimeout(10_000, () => reject(new Error('connection stayed open')));
  });
}

describe('malformed messages', () => {
  it('closes the connection on garbage, a bad length or an unknown opcode, and keeps serving', async () => {
    expect(await sendRaw(Buffer.from('this is not a mongodb message at all'))).toBe('closed');
    const badLength = Buffer.alloc(16);
    badLength.writeInt32LE(-5, 0);
    expect(await sendRaw(badLength)).toBe('closed');
    const unknownOp = Buffer.alloc(32);
    unknownOp.writeInt32LE(32, 0);
    unknownOp.writeInt32LE(1, 4);
    unknownOp.writeInt32LE(9999, 12);
    expect(await sendRaw(unknownOp)).toBe('closed');
    const badBson = Buffer.alloc(30);
    badBson.writeInt32LE(30, 0);
    badBson.writeInt32LE(2013, 12);
    badBson.writeUInt8(0, 20);
    badBson.writeInt32LE(9, 21);
    badBson.fill(0xff, 25);
    expect(await sendRaw(badBson)).toBe('closed');
    expect(await db.command({ ping: 1 })).toMatchObject({ ok: 1 });
  });
});

function checksummedPing(corrupt: boolean): Buffer {
  const body = BSON.serialize({ ping: 1, $db: 'admin' });
  const msg = Buffer.alloc(21 + body.length + 4);
  msg.writeInt32LE(msg.length, 0);
  msg.writeInt32LE(7, 4);
  msg.writeInt32LE(2013, 12);
  msg.writeUInt32LE(1, 16);
  msg.set(body, 21);
  msg.writeUInt32LE(
    (crc32c(msg.subarray(0, msg.length - 4)) ^ (corrupt ? 1 : 0)) >>> 0,
    msg.length - 4,
  );
  return msg;
}

describe('OP_MSG checksums', () => {
  it('answers a message with a valid CRC-32C and drops one with a bad checksum', async () => {
    const { host, port } = serverAddress();
    const reply = await new Promise<Buffer>((resolve, reject) => {
      const socket = connect(port, host, () => socket.write(checksummedPing(false)));
      let data = Buffer.alloc(0);
      socket.on('data', (chunk) => {
        data = Buffer.concat([data, chunk]);
        if (data.length >= 4 && data.length >= data.readInt32LE(0)) {
          socket.destroy();
          resolve(data);
        }
      });
      socket.on('error', reject);
    });
    expect(reply.readInt32LE(8)).toBe(7);
    expect(reply.readInt32LE(12)).toBe(2013);
    const flags = reply.readUInt32LE(16);
    const end = flags & 1 ? reply.length - 4 : reply.length;
    expect(BSON.deserialize(reply.subarray(21, end))).toMatchObject({ ok: 1 });
    expect(await sendRaw(checksummedPing(true))).toBe('closed');
  });
});

describe.skipIf(!!process.env.MONGODB_URI)('authentication', () => {
  const dir = mkdtempSync(join(tmpdir(), 'servicepro-auth-'));
  const started = startEmbeddedServer({ dbPath: dir });
  afterAll(async () => {
    await (await started).close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('generates private credentials and accepts SCRAM-SHA-256 logins', async () => {
    const server = await started;
    expect(statSync(join(dir, 'credentials.json')).mode & 0o777).toBe(0o600);
    expect(server.uri).toContain(`${server.username}:${server.password}@`);
    const client = new MongoClient(server.uri);
    try {
      await client.db('app').collection('c').insertOne({ a: 1 });
      expect(await client.db('app').collection('c').countDocuments()).toBe(1);
    } finally {
      await client.close();
    }
  });

  it('refuses commands before authentication and wrong passwords', async () => {
    const server = await started;
    const anon = new MongoClient(`mongodb://127.0.0.1:${server.port}/`);
    try {
      expect(await anon.db('admin').command({ ping: 1 })).toMatchObject({ ok: 1 });
      const err = await anon
        .db('app')
        .collection('c')
        .findOne({})
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MongoServerError);
      expect((err as MongoServerError).code).toBe(13);
    } finally {
      await anon.close();
    }
    const wrong = new MongoClient(
      `mongodb://${server.username}:not-the-password@127.0.0.1:${server.port}/?authSource=admin`,
      { serverSelectionTimeoutMS: 2000 },
    );
    try {
      const err = await wrong
        .db('app')
        .command({ ping: 1 })
        .catch((e: unknown) => e);
      expect((err as { code?: number }).code).toBe(18);
    } finally {
      await wrong.close();
    }
  });

  it('works with a serverApi client (hello over OP_MSG)', async () => {
    const server = await started;
    const client = new MongoClient(server.uri, { serverApi: '1' });
    try {
      expect(await client.db('app').command({ ping: 1 })).toMatchObject({ ok: 1 });
    } finally {
      await client.close();
    }
  });
});

describe('server monitoring', () => {
  // A driver's monitor uses the streaming hello when hello carries a topologyVersion; the server
  // must answer it with moreToCome replies, or the driver clears its pool and fails whatever was in
  // flight ("Server ended moreToCome unexpectedly").
  it("keeps the driver's streaming monitor healthy: heartbeats succeed and the pool is never cleared", async () => {
    const client = new MongoClient(inject('mongoUri'), { heartbeatFrequencyMS: 500 });
    const failures: string[] = [];
    let streamed = 0;
    client.on('serverHeartbeatFailed', (e) => failures.push(String(e.failure)));
    client.on('connectionPoolCleared', () => failures.push('pool cleared'));
    client.on('serverHeartbeatSucceeded', (e) => {
      if (e.awaited) streamed++;
    });
    await client.connect();
    await new Promise((r) => setTimeout(r, 2_500));
    await client.db('admin').command({ ping: 1 });
    await client.close();
    expect(failures).toEqual([]);
    expect(streamed).toBeGreaterThanOrEqual(2);
  });
});
