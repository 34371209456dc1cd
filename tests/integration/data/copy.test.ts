// The proof: the lawn business is copied from the app's embedded database (in a data folder)
// to a second embedded server standing in for MongoDB Atlas, through database.copyTo; every
// collection's documents and a checksum are compared in the test itself, the app switches live,
// the copy on this computer stays until removed. And the refusals and failures leave nothing behind.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient, type Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataProgress } from '../../../shared/contract';
import type { Core } from '../../../electron/core/compose';
import { startEmbeddedServer, type InProcessServer } from '../../../electron/embedded-db/index';
import { connection, createTestCore, memorySecretStore } from '../../support/core';
import { closedPort } from '../../support/net';
import {
  addPhotoAndEdit,
  countsAndHashes,
  documentsOf,
  LAWN,
  LAWN_DISPATCHER,
  LAWN_OWNER,
  readBusiness,
  signIn,
  withServer,
  type CollectionReading,
  seedDataDir,
  type Tab,
} from './support';

const dataDir = mkdtempSync(join(tmpdir(), 'servicepro-copy-app-'));
const atlasDir = mkdtempSync(join(tmpdir(), 'servicepro-copy-atlas-'));
const keychain = memorySecretStore();
let atlas: InProcessServer;
let atlasClient: MongoClient;
let core: Core;
let owner: Tab;
let lawnId: string;
let hvacId: string;
const progress: DataProgress[] = [];

/** The stand-in for Atlas, one database per case: `mongodb://…@127.0.0.1:port/<name>?authSource=admin`. */
const atlasUri = (database: string) => atlas.uri.replace('/?', `/${database}?`);
const atlasDb = (database: string): Db => atlasClient.db(database);

interface Status {
  kind: 'embedded' | 'uri';
  server: string;
  environmentDecides: boolean;
  embeddedCopy: {
    folder: string;
    bytes: number;
    copiedAt: string | null;
    copiedTo: string | null;
  } | null;
}
const status = () => owner.value<Status>('database.status');
const operation = (n: number) => `copy-test-${n}-operation`;

beforeAll(async () => {
  ({ lawnId, hvacId } = await seedDataDir(dataDir));
  atlas = await startEmbeddedServer({ dbPath: atlasDir });
  atlasClient = new MongoClient(atlas.uri);
  core = createTestCore({ embedded: true, dataDir, secrets: keychain });
  await core.start();
  core.events.subscribe((name, payload) => {
    if (name === 'data.progress') progress.push(payload as DataProgress);
  });
  owner = await signIn(connection(core), LAWN_OWNER);
  await addPhotoAndEdit(owner);
}, 60_000);

afterAll(async () => {
  await core?.stop();
  await atlasClient?.close();
  await atlas?.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(atlasDir, { recursive: true, force: true });
});

describe('database.copyTo refusals (nothing copied, the app stays on this computer)', () => {
  it('is for owners and admins only', async () => {
    const dispatcher = await signIn(connection(core), LAWN_DISPATCHER);
    for (const [channel, input] of [
      ['database.copyTo', { uri: atlasUri('refused'), operation_id: operation(0) }],
      ['database.removeEmbeddedCopy', { folder: join(dataDir, 'db') }],
      ['database.useEmbedded', undefined],
    ] as const) {
      expect(await dispatcher.call(channel, input)).toMatchObject({
        ok: false,
        error: { kind: 'forbidden' },
      });
    }
    expect(await atlasClient.db('refused').collection('businesses').countDocuments()).toBe(0);
  });

  it('forgets a URI saved for the next start when told to use this computer, with nothing to switch', async () => {
    await owner.value('database.setUri', { uri: atlasUri('saved') });
    expect(keychain.values.get('mongodb_uri')).toBe(atlasUri('saved'));
    expect(await owner.value('database.useEmbedded')).toMatchObject({
      switched: false,
      status: { kind: 'embedded', environmentDecides: false },
    });
    expect(keychain.values.has('mongodb_uri')).toBe(false);
  });

  it('says in plain words that a server cannot be reached', async () => {
    const port = await closedPort();
    const result = await owner.call('database.copyTo', {
      uri: `mongodb://127.0.0.1:${port}/`,
      operation_id: operation(1),
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        kind: 'validation',
        message: expect.stringMatching(
          /^Nothing was copied: (Nothing is listening|The server did not answer in time)/,
        ),
      },
    });
    expect(await status()).toMatchObject({ kind: 'embedded', embeddedCopy: null });
  });

  it('refuses a server that already holds the business, naming it', async () => {
    const held = atlasDb('held');
    await held.collection('businesses').insertOne({ business_id: lawnId, name: LAWN });
    const result = await owner.call('database.copyTo', {
      uri: atlasUri('held'),
      operation_id: operation(2),
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        kind: 'conflict',
        message: expect.stringContaining(`already holds ${LAWN}, so nothing was copied`),
      },
    });
    expect(await documentsOf(held, lawnId)).toBe(1);
    expect((await status()).kind).toBe('embedded');
  });

  it("refuses a server where one of the business's users' emails has an account already", async () => {
    const clash = atlasDb('clash');
    await clash.collection('users').insertOne({
      user_id: 'usr_elsewhere000000000001',
      business_id: 'bus_elsewhere00000000001',
      email: LAWN_OWNER,
    });
    const result = await owner.call('database.copyTo', {
      uri: atlasUri('clash'),
      operation_id: operation(3),
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        kind: 'conflict',
        message: expect.stringMatching(
          new RegExp(`^${LAWN_OWNER.replace(/\./g, '\\.')} already has an account on `),
        ),
      },
    });
    expect(await documentsOf(clash, lawnId)).toBe(0);
  });

  it('removes everything it wrote when the server refuses a write part-way', async () => {
    // The server takes clients, jobs and audit entries, then refuses the texts (one per business
    // and type): a failure in the middle of the copy, after several collections were written.
    const broken = atlasDb('broken');
    await broken
      .collection('notifications')
      .createIndex({ business_id: 1, type: 1 }, { unique: true, name: 'breaks_the_copy' });
    progress.length = 0;
    const result = await owner.call('database.copyTo', {
      uri: atlasUri('broken'),
      operation_id: operation(4),
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        kind: 'unavailable',
        message: expect.stringMatching(
          /^Copying to mongodb:\/\/127\.0\.0\.1:\d+\/broken failed at notifications: a document clashes with one already there .*Nothing of it was left on the server\. The app still uses the database on this computer\./,
        ),
      },
    });
    const copied = progress.filter((p) => p.phase === 'copying').map((p) => p.collection);
    expect(copied).toContain('appointments');
    expect(progress.map((p) => p.phase)).toContain('cleaning_up');
    // The outcome comes as an event too (a browser tab may have stopped waiting for the answer).
    expect(progress.at(-1)).toMatchObject({
      phase: 'failed',
      message: (result as { error: { message: string } }).error.message,
    });
    expect(await documentsOf(broken, lawnId)).toBe(0);
    expect(await broken.collection('clients').countDocuments()).toBe(0);

    // Still on this computer, working, and nothing saved for the next start.
    expect(await status()).toMatchObject({ kind: 'embedded', embeddedCopy: null });
    expect(keychain.values.has('mongodb_uri')).toBe(false);
    const clients = await owner.value<{ total: number }>('clients.list', { limit: 1 });
    expect(clients.total).toBeGreaterThan(0);
  });

  it('will not remove the database on this computer while the app uses it', async () => {
    expect(
      await owner.call('database.removeEmbeddedCopy', { folder: join(dataDir, 'db') }),
    ).toMatchObject({
      ok: false,
      error: {
        kind: 'conflict',
        message: expect.stringContaining('is using the database on this computer'),
      },
    });
    expect(existsSync(join(dataDir, 'db'))).toBe(true);
  });
});

describe('database.copyTo: copies the lawn business to "Atlas" and switches to it live', () => {
  let before: Record<string, CollectionReading>;

  it('copies every collection exactly, with progress, and the app then works on the server', async () => {
    progress.length = 0;
    const result = await owner.value<{
      server: string;
      documents: number;
      collections: { collection: string; count: number; checksum: string }[];
      status: Status;
    }>('database.copyTo', { uri: atlasUri('servicepro'), operation_id: operation(5) });

    // The source, read after the switch from its folder (kept, and free now).
    before = await withServer(join(dataDir, 'db'), (db) => readBusiness(db, lawnId));
    const after = await readBusiness(atlasDb('servicepro'), lawnId);
    expect(Object.keys(before)).toEqual(
      expect.arrayContaining([
        'appointments',
        'audit_entries',
        'businesses',
        'clients',
        'notifications',
        'photos.chunks',
        'photos.files',
        'staff',
        'users',
      ]),
    );
    expect(countsAndHashes(after)).toEqual(countsAndHashes(before));
    for (const name of Object.keys(before)) {
      expect(after[name]!.documents, name).toEqual(before[name]!.documents);
    }
    // The answer's counts are the same as what the test counted.
    expect(
      Object.fromEntries(
        result.collections.filter((c) => c.count > 0).map((c) => [c.collection, c.count]),
      ),
    ).toEqual(Object.fromEntries(Object.entries(before).map(([n, c]) => [n, c.count])));
    expect(result.documents).toBe(Object.values(before).reduce((n, c) => n + c.count, 0));

    // The other demo business stayed behind.
    expect(await documentsOf(atlasDb('servicepro'), hvacId)).toBe(0);
    expect(await withServer(join(dataDir, 'db'), (db) => documentsOf(db, hvacId))).toBeGreaterThan(
      0,
    );

    // Progress: checked, each collection copied to its total, verified, switched.
    const phases = [...new Set(progress.map((p) => p.phase))];
    expect(phases).toEqual(['checking', 'copying', 'verifying', 'switching', 'done']);
    expect(progress.every((p) => p.operation_id === operation(5) && p.business_id === lawnId)).toBe(
      true,
    );
    const lastCopy = progress
      .filter((p) => p.phase === 'copying' && p.collection === 'appointments')
      .at(-1);
    expect(lastCopy).toMatchObject({
      done: before.appointments!.count,
      total: before.appointments!.count,
    });

    // Switched without a restart; the URI is kept for the next start; the server shown without credentials.
    expect(result.status).toMatchObject({ kind: 'uri', server: result.server });
    expect(result.server).not.toMatch(/@/);
    expect(keychain.values.get('mongodb_uri')).toBe(atlasUri('servicepro'));
  });

  it('reads and writes the server now: a client added after the switch is there', async () => {
    const created = await owner.value<{ client_id: string }>('clients.create', {
      data: {
        first_name: 'Atlas',
        last_name: 'Newcomer',
        phone: '+1-205-555-0142',
        address: '1 Cloud Ct',
        city: 'Birmingham',
        state: 'AL',
        zip_code: '35203',
      },
    });
    expect(
      await atlasDb('servicepro').collection('clients').findOne({ client_id: created.client_id }),
    ).toMatchObject({ business_id: lawnId, last_name: 'Newcomer' });
    // A new sign-in is checked against the server's users.
    await signIn(connection(core), LAWN_DISPATCHER);
  });

  it('keeps the copy on this computer and says so, with its size and date', async () => {
    const current = await status();
    expect(current.embeddedCopy).toMatchObject({
      folder: join(dataDir, 'db'),
      bytes: expect.any(Number),
      copiedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      copiedTo: current.server,
    });
    expect(current.embeddedCopy!.bytes).toBeGreaterThan(0);
  });

  it('switches back to the database on this computer live, and forgets the URI', async () => {
    const result = await owner.value<{ switched: boolean; status: Status }>('database.useEmbedded');
    expect(result).toMatchObject({
      switched: true,
      status: { kind: 'embedded', embeddedCopy: null },
    });
    expect(keychain.values.has('mongodb_uri')).toBe(false);
    // The data here is as it was copied: the client added on the server is not in it.
    const found = await owner.value<{ total: number }>('clients.list', { search: 'Newcomer' });
    expect(found.total).toBe(0);
  });

  it('removes the copy on this computer once the app uses a server, and then cannot switch back to it', async () => {
    await owner.value('database.copyTo', { uri: atlasUri('second'), operation_id: operation(6) });
    expect((await status()).kind).toBe('uri');

    expect(
      await owner.call('database.removeEmbeddedCopy', { folder: join(dataDir, 'elsewhere') }),
    ).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(existsSync(join(dataDir, 'db'))).toBe(true);

    const removed = await owner.value<{ removed: string; bytes: number; status: Status }>(
      'database.removeEmbeddedCopy',
      { folder: join(dataDir, 'db') },
    );
    expect(removed).toMatchObject({ removed: join(dataDir, 'db'), status: { embeddedCopy: null } });
    expect(existsSync(join(dataDir, 'db'))).toBe(false);

    expect(await owner.call('database.useEmbedded')).toMatchObject({
      ok: false,
      error: {
        kind: 'conflict',
        message: expect.stringContaining('holds no copy of this business'),
      },
    });
    expect(await status()).toMatchObject({ kind: 'uri' });
    expect(keychain.values.get('mongodb_uri')).toBe(atlasUri('second'));
  });
});
