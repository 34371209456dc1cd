// Embedded-server only: crash safety under SIGKILL, torn journal tails, compaction, lock file, TTL, cursor timeout.
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { MongoClient, MongoServerError } from 'mongodb';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedServer, spawnEmbeddedServer } from '../../../electron/embedded-db/index';

const root = resolve(import.meta.dirname, '../../..');
const dirs: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'servicepro-dur-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function withServer<T>(
  dbPath: string,
  fn: (client: MongoClient, server: Awaited<ReturnType<typeof startEmbeddedServer>>) => Promise<T>,
  opts: { compactBytes?: number } = {},
): Promise<T> {
  const server = await startEmbeddedServer({ dbPath, ...opts });
  const client = new MongoClient(server.uri);
  try {
    return await fn(client, server);
  } finally {
    await client.close();
    await server.close();
  }
}

describe.skipIf(!!process.env.MONGODB_URI)('durability', () => {
  let bundleDir: string;
  beforeAll(async () => {
    bundleDir = join(root, 'node_modules/.cache/servicepro-embedded-db', `t${process.pid}`);
    await build({
      configFile: join(root, 'electron/embedded-db/vite.config.ts'),
      logLevel: 'silent',
      build: { outDir: bundleDir },
    });
  });
  afterAll(() => rmSync(bundleDir, { recursive: true, force: true }));

  it('shuts down and frees its data folder when the app that started it is killed', async () => {
    const dbPath = tempDir();
    const parentScript = `
      const { spawnEmbeddedServer } = await import(process.argv[1]);
      const server = await spawnEmbeddedServer({ dbPath: process.argv[2], entry: process.argv[3] });
      console.log(server.uri);
      setInterval(() => {}, 1000);
    `;
    const parent = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        parentScript,
        join(bundleDir, 'index.js'),
        dbPath,
        join(bundleDir, 'cli.js'),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const uri = await new Promise<string>((r) =>
      createInterface({ input: parent.stdout }).once('line', r),
    );
    expect(uri).toMatch(/^mongodb:\/\//);
    parent.kill('SIGKILL');
    // The orphaned server notices, flushes and releases its lock: a new server can open the folder.
    let reopened: Awaited<ReturnType<typeof startEmbeddedServer>> | undefined;
    for (let i = 0; i < 50 && !reopened; i++) {
      reopened = await startEmbeddedServer({ dbPath }).catch(async () => {
        await new Promise((r) => setTimeout(r, 100));
        return undefined;
      });
    }
    expect(reopened).toBeDefined();
    await reopened?.close();
  });

  it('keeps every acknowledged write across SIGKILLs with no partial documents', async () => {
    const dbPath = tempDir();
    const acked = new Set<string>();
    for (let round = 0; round < 4; round++) {
      const child = spawn(
        process.execPath,
        [
          join(root, 'tests/integration/embedded-db/fixtures/crash-child.mjs'),
          join(bundleDir, 'index.js'),
          dbPath,
          String(round),
        ],
        { stdio: ['ignore', 'pipe', 'inherit'], cwd: root },
      );
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      const lines = createInterface({ input: child.stdout });
      const target = 30 + Math.floor(Math.random() * 400);
      let seen = 0;
      await new Promise<void>((resolveKill) => {
        lines.on('line', (line) => {
          if (line === 'ready') {
            setTimeout(() => resolveKill(), 50 + Math.random() * 400);
            return;
          }
          acked.add(line);
          if (++seen === target) resolveKill();
        });
        child.once('exit', () => resolveKill());
      });
      child.kill('SIGKILL');
      await exited;
      lines.close();
      await withServer(dbPath, async (client) => {
        const docs = await client.db('crash').collection('storm').find().toArray();
        const ids = new Set(docs.map((d) => String(d._id)));
        for (const id of acked) expect(ids.has(id), `acknowledged ${id} lost`).toBe(true);
        for (const d of docs) {
          expect(typeof d.len).toBe('number');
          expect((d.payload as string).length).toBe(d.len);
        }
      });
    }
    expect(acked.size).toBeGreaterThan(0);
  }, 60_000);

  it('drops a torn journal tail and recovers from snapshot + journal', async () => {
    const dbPath = tempDir();
    await withServer(
      dbPath,
      async (client) => {
        const c = client.db('t').collection('c');
        await c.insertMany(
          Array.from({ length: 200 }, (_, i) => ({ _id: i, v: 'y'.repeat(500) })) as never[],
        );
        await c.createIndex({ v: 1 });
      },
      { compactBytes: 32 * 1024 },
    );
    expect(readdirSync(dbPath)).toContain('snapshot.bin');
    const journal = readdirSync(dbPath).find((f) => f.startsWith('journal-')) as string;
    const sizeBefore = statSync(join(dbPath, journal)).size;
    appendFileSync(join(dbPath, journal), Buffer.from([200, 0, 0, 0, 1, 2, 3, 4, 5, 6]));
    await withServer(dbPath, async (client) => {
      const c = client.db('t').collection('c');
      expect(await c.countDocuments()).toBe(200);
      expect((await c.listIndexes().toArray()).map((i) => i.name)).toContain('v_1');
      await c.insertOne({ _id: 'after' as never });
    });
    expect(statSync(join(dbPath, journal)).size).toBeGreaterThan(sizeBefore);
    await withServer(dbPath, async (client) => {
      expect(await client.db('t').collection('c').countDocuments()).toBe(201);
    });
  });

  it('refuses a second server on the same folder and takes over a stale lock', async () => {
    const dbPath = tempDir();
    const first = await startEmbeddedServer({ dbPath });
    try {
      await expect(startEmbeddedServer({ dbPath })).rejects.toThrow(
        `Another ServicePro database server (pid ${process.pid}) is already using ${dbPath}; close it first.`,
      );
    } finally {
      await first.close();
    }
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => dead.once('exit', r));
    writeFileSync(join(dbPath, 'mongod.lock'), String(dead.pid));
    const second = await startEmbeddedServer({ dbPath });
    await second.close();
  });

  it('runs as a child process and refuses a folder in use by another process', async () => {
    const dbPath = tempDir();
    const child = await spawnEmbeddedServer({ dbPath, entry: join(bundleDir, 'cli.js') });
    try {
      const client = new MongoClient(child.uri);
      await client.db('x').collection('y').insertOne({ a: 1 });
      await client.close();
      await expect(startEmbeddedServer({ dbPath })).rejects.toThrow(
        /Another ServicePro database server \(pid \d+\)/,
      );
    } finally {
      await child.close();
    }
    await withServer(dbPath, async (client) => {
      expect(await client.db('x').collection('y').countDocuments()).toBe(1);
    });
  });

  it('sweeps expired TTL documents on demand', async () => {
    const dbPath = tempDir();
    await withServer(dbPath, async (client, server) => {
      const c = client.db('t').collection('sessions');
      await c.createIndex({ createdAt: 1 }, { expireAfterSeconds: 60 });
      await c.insertMany([
        { k: 'old', createdAt: new Date(Date.now() - 120_000) },
        { k: 'new', createdAt: new Date() },
        { k: 'nodate', createdAt: 'yesterday' },
      ]);
      expect(await server.sweepTtl()).toBe(1);
      expect((await c.find().toArray()).map((d) => d.k).sort()).toEqual(['new', 'nodate']);
    });
  });

  it('drops abandoned cursors after the timeout', async () => {
    const dbPath = tempDir();
    await withServer(dbPath, async (client, server) => {
      const c = client.db('t').collection('many');
      await c.insertMany(Array.from({ length: 50 }, (_, i) => ({ i })));
      const cursor = c.find({}, { batchSize: 10 });
      await cursor.next();
      expect(server.expireCursors(Date.now() + 11 * 60 * 1000)).toBe(1);
      const err = await cursor.toArray().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MongoServerError);
      expect((err as MongoServerError).code).toBe(43);
    });
  });
});
