// The first-run wizard's core: the setup.* channels on an app running its own embedded database
// in an empty data folder — switching live to a second embedded server that stands in for a
// company's MongoDB Atlas, refusing an unreachable one in plain words, and closing to everyone but
// owners and admins once a user exists — and auth.createOwner with hours and sample data.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient, type Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Core } from '../../../electron/core/compose';
import { startEmbeddedServer, type InProcessServer } from '../../../electron/embedded-db/index';
import { COLLECTION_NAMES, collections } from '../../../shared/schemas';
import { localDateOf, minutesOf, weekdayName } from '../../../shared/time';
import { connection, createTestCore, memorySecretStore, signedInStaff } from '../../support/core';
import { closedPort } from '../../support/net';
import { OWNER_FORM } from '../../support/fixtures';

const folders: string[] = [];
const folder = (name: string) => {
  const dir = mkdtempSync(join(tmpdir(), `servicepro-setup-${name}-`));
  folders.push(dir);
  return dir;
};
const cores: Core[] = [];

/** A core on its own embedded server in an empty data folder, as on a new desk. */
async function newDesk(options: Parameters<typeof createTestCore>[0] = {}): Promise<Core> {
  const core = createTestCore({ embedded: true, dataDir: folder('desk'), ...options });
  cores.push(core);
  await core.start();
  return core;
}

/** The company's server: another embedded server, where a first desk already set up the business. */
let company: InProcessServer;
const companyUri = () => company.uri.replace('/?', '/servicepro?');

beforeAll(async () => {
  company = await startEmbeddedServer({ dbPath: folder('company') });
  const firstDesk = createTestCore({ databaseUri: companyUri() });
  await firstDesk.start();
  await connection(firstDesk).value('auth.createOwner', OWNER_FORM);
  await firstDesk.stop();
});
afterAll(async () => {
  for (const core of cores) await core.stop();
  await company?.close();
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

describe('choosing the database at first run', () => {
  let desk: Core;
  const keychain = memorySecretStore();
  beforeAll(async () => {
    desk = await newDesk({ secrets: keychain });
  });

  it('says setup is needed, on the database on this computer, chosen here', async () => {
    expect(await connection(desk).value('setup.status')).toEqual({
      needsSetup: true,
      database: {
        kind: 'embedded',
        server: 'On this computer',
        fromEnvironment: false,
        canSaveUri: true,
        cannotSaveReason: null,
      },
    });
  });

  it('refuses an unreachable server in plain words and changes nothing', async () => {
    const uri = `mongodb://127.0.0.1:${await closedPort()}/`;
    const tab = connection(desk);
    expect(await tab.value('setup.testDatabase', { uri })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Nothing is listening|did not answer in time/),
    });
    const refused = await tab.call('setup.useDatabase', { kind: 'uri', uri });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        kind: 'validation',
        message: expect.stringMatching(/^Not switched: (Nothing is listening|The server did not)/),
        details: [{ path: 'uri', message: expect.any(String) }],
      },
    });
    expect(await tab.value('setup.status')).toMatchObject({
      needsSetup: true,
      database: { kind: 'embedded' },
    });
    expect(keychain.values.size).toBe(0);
  });

  it('refuses a wrong password with the reason, and a URI that is not one, naming the field', async () => {
    const tab = connection(desk);
    const wrong = companyUri().replace(/:[^:@/]+@/, ':wrong-password@');
    expect(await tab.value('setup.testDatabase', { uri: wrong })).toMatchObject({
      ok: false,
      message: 'The server answered, but refused the user name or password in the URI.',
    });
    expect(await tab.call('setup.useDatabase', { kind: 'uri', uri: 'postgres://x' })).toMatchObject(
      {
        ok: false,
        error: { kind: 'validation', details: [{ path: 'uri', message: expect.any(String) }] },
      },
    );
  });

  it('switches live to a server that already has a business, keeps its URI, and says to sign in there', async () => {
    const tab = connection(desk);
    const result = await tab.value<Record<string, unknown>>('setup.useDatabase', {
      kind: 'uri',
      uri: companyUri(),
    });
    expect(result).toMatchObject({
      needsSetup: false,
      existingBusinesses: ['Magic City Lawn'],
      test: { ok: true, message: expect.stringMatching(/^Connected and signed in \(\d+ ms\)\.$/) },
      database: { kind: 'uri', server: expect.stringContaining('127.0.0.1') },
    });
    // Shown and logged without the password.
    expect(JSON.stringify(result.database)).not.toContain('@');
    expect(keychain.values.get('mongodb_uri')).toBe(companyUri());
    expect(await tab.value('auth.status')).toMatchObject({ needsSetup: false, session: null });
    // This desk now works in the company's business: its owner signs in here.
    expect(
      await tab.value('auth.signIn', {
        email: OWNER_FORM.owner.email,
        password: OWNER_FORM.owner.password,
      }),
    ).toMatchObject({ business: { name: 'Magic City Lawn' } });
  });

  it('is closed to everyone but owners and admins once a user exists', async () => {
    const anyone = connection(desk);
    const uri = companyUri();
    for (const [channel, input] of [
      ['setup.testDatabase', { uri }],
      ['setup.useDatabase', { kind: 'embedded' }],
      ['setup.useDatabase', { kind: 'uri', uri }],
    ] as const) {
      expect(await anyone.call(channel, input), channel).toMatchObject({
        ok: false,
        error: { kind: 'forbidden', message: expect.stringMatching(/^This app is already set up/) },
      });
    }
    expect(await anyone.value('setup.status')).toEqual({ needsSetup: false, database: null });

    const owner = connection(desk);
    await owner.value('auth.signIn', {
      email: OWNER_FORM.owner.email,
      password: OWNER_FORM.owner.password,
    });
    const dispatcher = await signedInStaff(desk, owner, {
      first_name: 'Tammy',
      last_name: 'Reeves',
      email: 'tammy@magiccity.example',
    });
    expect(await dispatcher.call('setup.testDatabase', { uri })).toMatchObject({
      ok: false,
      error: { kind: 'forbidden' },
    });
    expect(await dispatcher.value('setup.status')).toMatchObject({ database: null });

    // The owner re-runs setup: sees the database and may test a server, but moving the data
    // is Settings → Database's job.
    expect(await owner.value('setup.status')).toMatchObject({
      needsSetup: false,
      database: { kind: 'uri' },
    });
    expect(await owner.value('setup.testDatabase', { uri })).toMatchObject({ ok: true });
    expect(await owner.call('setup.useDatabase', { kind: 'embedded' })).toMatchObject({
      ok: false,
      error: { kind: 'forbidden', message: expect.stringContaining('Settings → Database') },
    });
    expect(await owner.value('setup.status')).toMatchObject({ database: { kind: 'uri' } });
  });
});

describe('choosing a server without a keychain', () => {
  it('refuses with the reason and stays on this computer', async () => {
    const desk = await newDesk();
    const tab = connection(desk);
    expect(await tab.value('setup.status')).toMatchObject({
      database: { canSaveUri: false, cannotSaveReason: expect.stringContaining('keytar') },
    });
    expect(await tab.call('setup.useDatabase', { kind: 'uri', uri: companyUri() })).toMatchObject({
      ok: false,
      error: {
        kind: 'unavailable',
        message: expect.stringMatching(/^Not switched: .*no secure place to keep/),
      },
    });
    expect(await tab.value('setup.status')).toMatchObject({
      needsSetup: true,
      database: { kind: 'embedded' },
    });
  });
});

describe('when MONGODB_URI chooses the database', () => {
  it('says so, and leaves the choice to the environment', async () => {
    const core = createTestCore({
      databaseUri: inject('mongoUri'),
      databaseName: `setup_env_${Date.now().toString(36)}`,
      secrets: memorySecretStore(),
    });
    cores.push(core);
    await core.start();
    const tab = connection(core);
    expect(await tab.value('setup.status')).toMatchObject({
      needsSetup: true,
      database: { kind: 'uri', fromEnvironment: true },
    });
    expect(await tab.call('setup.useDatabase', { kind: 'embedded' })).toMatchObject({
      ok: false,
      error: { kind: 'forbidden', message: expect.stringContaining('MONGODB_URI') },
    });
  });
});

describe('creating the business and its owner', () => {
  const client = new MongoClient(inject('mongoUri'));
  const names: string[] = [];
  afterAll(async () => {
    for (const name of names) await client.db(name).dropDatabase();
    await client.close();
  });
  /** A core on a fresh database of the run's server. */
  async function freshCore(): Promise<{ core: Core; db: Db }> {
    const name = `setup_owner_${names.length}_${Date.now().toString(36)}`;
    names.push(name);
    const core = createTestCore({ databaseUri: inject('mongoUri'), databaseName: name });
    cores.push(core);
    await core.start();
    return { core, db: client.db(name) };
  }

  // Open Monday to Thursday 07:00–15:30 and Saturday morning; closed Friday and Sunday.
  const hours = {
    monday: { start: '07:00', end: '15:30' },
    tuesday: { start: '07:00', end: '15:30' },
    wednesday: { start: '07:00', end: '15:30' },
    thursday: { start: '07:00', end: '15:30' },
    friday: null,
    saturday: { start: '08:00', end: '12:00' },
    sunday: null,
  };
  const withHours = {
    ...OWNER_FORM,
    business: { ...OWNER_FORM.business, config: { business_hours: hours } },
  };

  it('stores the opening hours chosen, with the other settings at their defaults', async () => {
    const { core, db } = await freshCore();
    await connection(core).value('auth.createOwner', withHours);
    const business = await db.collection('businesses').findOne();
    expect(business?.config).toMatchObject({
      business_hours: hours,
      min_gap_between_jobs_minutes: 30,
      weather_enabled: true,
    });
    expect(await db.collection('clients').countDocuments()).toBe(0);
  });

  it('refuses hours that end before they start, naming the day, and creates nothing', async () => {
    const { core, db } = await freshCore();
    const result = await connection(core).call('auth.createOwner', {
      ...OWNER_FORM,
      business: {
        ...OWNER_FORM.business,
        config: { business_hours: { ...hours, monday: { start: '17:00', end: '08:00' } } },
      },
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        kind: 'validation',
        details: [{ path: 'business.config.business_hours.monday.end' }],
      },
    });
    expect(await db.collection('users').countDocuments()).toBe(0);
  });

  it('adds sample data into the new business only, within its hours, and the board shows it', async () => {
    const { core, db } = await freshCore();
    const owner = connection(core);
    const created = await owner.value<{
      business: { business_id: string; timezone: string };
      sample_data: { added: boolean; message: string };
    }>('auth.createOwner', { ...withHours, sample_data: true });
    expect(created.sample_data).toEqual({
      added: true,
      message: expect.stringMatching(/^Added 45 sample clients, 7 staff and \d+ jobs\.$/),
    });
    const id = created.business.business_id;
    for (const name of COLLECTION_NAMES) {
      const ids = await db.collection(name).distinct('business_id');
      expect(
        ids.filter((b) => b !== id && b !== null),
        name,
      ).toEqual([]);
      for (const doc of await db.collection(name).find({ business_id: id }).toArray()) {
        expect(collections[name].schema.safeParse(doc).error?.issues ?? [], name).toEqual([]);
      }
    }
    // Nobody else can sign in: the sample has staff but no user accounts.
    expect(await db.collection('users').countDocuments()).toBe(1);
    const business = await db.collection('businesses').findOne({ business_id: id });
    expect(business).toMatchObject({ staff_count: 7, client_count: 45 });

    const jobs = await db.collection('appointments').find({ business_id: id }).toArray();
    expect(jobs.length).toBeGreaterThan(50);
    for (const job of jobs) {
      const day = hours[weekdayName((job.scheduled_date as Date).toISOString().slice(0, 10))];
      expect(
        day,
        `a job on a ${weekdayName((job.scheduled_date as Date).toISOString().slice(0, 10))}`,
      ).not.toBeNull();
      expect(minutesOf(job.scheduled_start_time as string)).toBeGreaterThanOrEqual(
        minutesOf(day?.start ?? '00:00'),
      );
      expect(minutesOf(job.scheduled_end_time as string)).toBeLessThanOrEqual(
        minutesOf(day?.end ?? '00:00'),
      );
    }

    const today = localDateOf(new Date(), created.business.timezone);
    const board = await owner.value<{
      staff: unknown[];
      warnings: Record<string, { rule: string }[]>;
    }>('board.day', { date: today });
    expect(board.staff).toHaveLength(7);
    const rules = Object.values(board.warnings).flatMap((list) => list.map((w) => w.rule));
    expect(rules.filter((r) => /^(business_|staff_)/.test(r))).toEqual([]);
  });

  it('gives an indoor trade call-out sample data: technicians, clients and HVAC services', async () => {
    const { core, db } = await freshCore();
    const created = await connection(core).value<{ sample_data: { message: string } }>(
      'auth.createOwner',
      {
        ...OWNER_FORM,
        business: { ...OWNER_FORM.business, vertical: 'plumbing' },
        sample_data: true,
      },
    );
    expect(created.sample_data.message).toMatch(
      /^Added 25 sample clients, 3 staff and \d+ jobs\.$/,
    );
    const services = await db.collection('services').find().toArray();
    expect(services.every((s) => s.vertical === 'plumbing')).toBe(true);
    expect(services.map((s) => s.name)).toContain('Furnace Safety Inspection');
  });

  it('lets exactly one of two windows finishing at once create the business; the other is told to sign in', async () => {
    const { core, db } = await freshCore();
    const other = {
      ...OWNER_FORM,
      owner: { ...OWNER_FORM.owner, email: 'second-window@magiccity.example' },
    };
    const results = await Promise.all([
      connection(core).call('auth.createOwner', OWNER_FORM),
      connection(core).call('auth.createOwner', other),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({
      ok: false,
      error: {
        kind: 'forbidden',
        message: 'This app is already set up. Sign in instead, with your account.',
      },
    });
    expect(await db.collection('users').countDocuments()).toBe(1);
    expect(await db.collection('businesses').countDocuments()).toBe(1);
  });
});
