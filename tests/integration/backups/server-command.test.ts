// The embedded server's serviceproBackup command: it writes its whole state at one point in time,
// only into the backups folder beside its data folder, and refuses any other name.
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient, MongoServerError } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectBackup } from '../../../electron/embedded-db/backup';
import { startEmbeddedServer, type InProcessServer } from '../../../electron/embedded-db/index';

let dataDir: string;
let server: InProcessServer;
let client: MongoClient;

const backup = (name: unknown) => client.db('admin').command({ serviceproBackup: 1, name });

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'sp-backup-command-'));
  server = await startEmbeddedServer({ dbPath: join(dataDir, 'db') });
  client = new MongoClient(server.uri);
  await client.connect();
});
afterAll(async () => {
  await client?.close();
  await server?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('serviceproBackup', () => {
  it('writes every collection and document as a file only its owner can read, in <data>/backups', async () => {
    const db = client.db('shop');
    await db.collection('clients').insertMany([{ name: 'Ada' }, { name: 'Bo' }]);
    await db.collection('jobs').createIndex({ day: 1 });
    await db.collection('jobs').insertOne({ day: '2026-12-07' });

    const reply = await backup('first.spbackup');
    expect(reply).toMatchObject({ ok: 1, file: 'first.spbackup', records: 5 });

    const folder = join(dataDir, 'backups');
    expect((await stat(folder)).mode & 0o777).toBe(0o700);
    const file = join(folder, 'first.spbackup');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const seen: string[] = [];
    const inspection = await inspectBackup(file, (ns, doc) =>
      seen.push(`${ns} ${doc.name ?? doc.day}`),
    );
    expect(inspection).toMatchObject({
      problem: null,
      sha256: reply.sha256,
      bytes: reply.bytes,
      records: 5,
    });
    expect(seen.sort()).toEqual(['shop.clients Ada', 'shop.clients Bo', 'shop.jobs 2026-12-07']);
    expect(await readdir(folder)).toEqual(['first.spbackup']);
  });

  it('refuses a name with a folder in it, outside the folder, of another kind of file, or taken', async () => {
    for (const name of [
      '../escape.spbackup',
      'sub/dir.spbackup',
      '/tmp/abs.spbackup',
      '..spbackup',
      'a..b.spbackup',
      'notes.json',
      '',
      42,
    ]) {
      await expect(backup(name), String(name)).rejects.toThrow(
        /name must be (a plain file name|a file name)/,
      );
    }
    await expect(backup('first.spbackup')).rejects.toThrow(
      'serviceproBackup: a backup named first.spbackup already exists.',
    );
    await expect(
      client.db('shop').command({ serviceproBackup: 1, name: 'elsewhere.spbackup' }),
    ).rejects.toThrow('serviceproBackup may only be run against the admin database.');
    expect(await readdir(join(dataDir, 'backups'))).toEqual(['first.spbackup']);
    expect(await readdir(dataDir)).toEqual(['backups', 'db']);
  });

  it('holds each write whole when backups are made while updates run', async () => {
    const counters = client.db('shop').collection<{ _id: number; n: number }>('counters');
    await counters.insertMany(Array.from({ length: 300 }, (_, i) => ({ _id: i, n: 0 })));
    let writing = true;
    // Each updateMany bumps every counter in one command: a backup must never see half of one.
    const writers = [1, 2, 3].map(async () => {
      while (writing) await counters.updateMany({}, { $inc: { n: 1 } });
    });
    const names: string[] = [];
    for (let i = 0; i < 6; i++) {
      await new Promise((r) => setTimeout(r, 5));
      const { file } = await backup(`busy-${i}.spbackup`);
      names.push(String(file));
    }
    writing = false;
    await Promise.all(writers);

    const totals = new Set<number>();
    for (const name of names) {
      const values = new Set<number>();
      await inspectBackup(join(dataDir, 'backups', name), (ns, doc) => {
        if (ns === 'shop.counters') values.add(Number(doc.n));
      });
      expect(values.size, name).toBe(1);
      totals.add([...values][0] as number);
    }
    // The writes did run between the backups.
    expect(totals.size).toBeGreaterThan(1);
  });

  it('says what the server answers when asked without authentication', async () => {
    const anonymous = new MongoClient(server.uri.replace(/\/\/[^@]+@/, '//'));
    try {
      const err = await anonymous
        .db('admin')
        .command({ serviceproBackup: 1, name: 'anon.spbackup' })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MongoServerError);
      expect((err as MongoServerError).message).toBe(
        'Command serviceproBackup requires authentication',
      );
    } finally {
      await anonymous.close();
    }
  });
});
