// This computer's display preferences: the file in the data folder (defaults when it is missing or
// bad, replaced whole on every change), and the preferences.* channels any signed-in user may call.
import bcrypt from 'bcryptjs';
import { link, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { Core } from '../../../electron/core/compose';
import { DEMO_PASSWORD, seedDemo } from '../../../electron/core/demo/seed';
import {
  PREFERENCES_FILE,
  preferencesStore,
} from '../../../electron/core/services/preferences/store';
import { connection, createTestCore, recordingLogger } from '../../support/core';
import { testDb } from '../../support/db';

const { db } = testDb('preferences');
const dirs: string[] = [];

async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sp-prefs-'));
  dirs.push(dir);
  return dir;
}

afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('the preferences file', () => {
  it('gives the defaults when there is no file yet, and keeps what is saved', async () => {
    const dir = await dataDir();
    const file = join(dir, PREFERENCES_FILE);
    const store = preferencesStore(file, recordingLogger().logger);
    expect(await store.read()).toEqual({ theme: 'system', density: 'comfortable' });

    expect(await store.update({ theme: 'dark' })).toEqual({
      theme: 'dark',
      density: 'comfortable',
    });
    expect(await store.update({ density: 'compact' })).toEqual({
      theme: 'dark',
      density: 'compact',
    });
    // Read by a new store, as after a restart.
    expect(await preferencesStore(file, recordingLogger().logger).read()).toEqual({
      theme: 'dark',
      density: 'compact',
    });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ theme: 'dark', density: 'compact' });
  });

  it('replaces the file whole instead of rewriting it in place, leaving no temporary file', async () => {
    const dir = await dataDir();
    const file = join(dir, PREFERENCES_FILE);
    const store = preferencesStore(file, recordingLogger().logger);
    await store.update({ theme: 'light' });
    // A second name for the file as it is now: a write in place would change what it reads too.
    await link(file, join(dir, 'before.json'));

    await store.update({ theme: 'dark' });
    expect(JSON.parse(await readFile(join(dir, 'before.json'), 'utf8'))).toMatchObject({
      theme: 'light',
    });
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ theme: 'dark' });
    expect((await readdir(dir)).sort()).toEqual(['before.json', PREFERENCES_FILE].sort());
  });

  it('keeps both of two changes made at once', async () => {
    const dir = await dataDir();
    const store = preferencesStore(join(dir, PREFERENCES_FILE), recordingLogger().logger);
    await Promise.all([store.update({ theme: 'dark' }), store.update({ density: 'compact' })]);
    expect(await store.read()).toEqual({ theme: 'dark', density: 'compact' });
  });

  it('ignores a damaged file (the defaults apply and a warning is logged) and writes a good one on the next change', async () => {
    const dir = await dataDir();
    const file = join(dir, PREFERENCES_FILE);
    await writeFile(file, '{"theme": "dark", "dens');
    const { logger, records } = recordingLogger();
    const store = preferencesStore(file, logger);
    expect(await store.read()).toEqual({ theme: 'system', density: 'comfortable' });
    expect(records.some((r) => r.level === 'warn' && /not JSON/.test(r.message))).toBe(true);

    expect(await store.update({ density: 'compact' })).toEqual({
      theme: 'system',
      density: 'compact',
    });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      theme: 'system',
      density: 'compact',
    });
  });

  it('keeps the values it knows from a file with a bad or unknown one', async () => {
    const dir = await dataDir();
    const file = join(dir, PREFERENCES_FILE);
    await writeFile(file, JSON.stringify({ theme: 'purple', density: 'compact', zoom: 3 }));
    expect(await preferencesStore(file, recordingLogger().logger).read()).toEqual({
      theme: 'system',
      density: 'compact',
    });
  });
});

describe('preferences.get / preferences.update', () => {
  let dir: string;
  let core: Core;

  beforeAll(async () => {
    await seedDemo(db, { now: new Date(), passwordHash: bcrypt.hashSync(DEMO_PASSWORD, 4) });
    dir = await dataDir();
    core = createTestCore({
      databaseUri: inject('mongoUri'),
      databaseName: db.databaseName,
      dataDir: dir,
    });
    await core.start();
  });
  afterAll(async () => {
    await core?.stop();
  });

  const signedIn = async (target: Core, email: string) => {
    const tab = connection(target);
    await tab.value('auth.signIn', { email, password: DEMO_PASSWORD });
    return tab;
  };

  it('refuses a connection that has not signed in', async () => {
    const result = await connection(core).call('preferences.get');
    expect(result).toMatchObject({ ok: false, error: { kind: 'unauthenticated' } });
  });

  it('lets a dispatcher (staff) change them, refuses an unknown theme on its field, and keeps them for the next start', async () => {
    const staff = await signedIn(core, 'dispatch@southern-lawn.example');
    expect(await staff.value('preferences.get')).toEqual({
      theme: 'system',
      density: 'comfortable',
    });

    const refused = await staff.call('preferences.update', { theme: 'purple' });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'validation' } });
    if (!refused.ok) {
      expect(refused.error.details).toEqual([
        { path: 'theme', message: 'The theme is one of system, light or dark.' },
      ]);
    }

    expect(await staff.value('preferences.update', { theme: 'dark' })).toEqual({
      theme: 'dark',
      density: 'comfortable',
    });
    // Per computer, not per person: the owner on this computer sees the same.
    const owner = await signedIn(core, 'owner@southern-lawn.example');
    expect(await owner.value('preferences.get')).toMatchObject({ theme: 'dark' });

    await core.stop();
    core = createTestCore({
      databaseUri: inject('mongoUri'),
      databaseName: db.databaseName,
      dataDir: dir,
    });
    await core.start();
    const again = await signedIn(core, 'owner@southern-lawn.example');
    expect(await again.value('preferences.get')).toEqual({ theme: 'dark', density: 'comfortable' });
  });

  it('says the change could not be saved when the data folder cannot be written', async () => {
    const missing = createTestCore({
      databaseUri: inject('mongoUri'),
      databaseName: db.databaseName,
      dataDir: join(dir, 'no-such-folder'),
    });
    await missing.start();
    try {
      const tab = await signedIn(missing, 'owner@southern-lawn.example');
      const result = await tab.call('preferences.update', { density: 'compact' });
      expect(result).toMatchObject({ ok: false, error: { kind: 'unavailable' } });
      if (!result.ok) expect(result.error.message).toContain('could not be saved');
      // Nothing was stored: reading still gives the defaults.
      expect(await tab.value('preferences.get')).toEqual({
        theme: 'system',
        density: 'comfortable',
      });
    } finally {
      await missing.stop();
    }
  });
});
