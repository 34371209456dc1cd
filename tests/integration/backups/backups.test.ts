// Backups through the contract, on a core running its own embedded server in a temporary data
// folder: backup and restore, the daily automatic backups and their retention, damaged backups,
// a restore that does not open, and who and what is refused.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { BackupItem, BackupsStatus } from '../../../shared/contract';
import type { Core } from '../../../electron/core/compose';
import type { Clock } from '../../../electron/core/ports';
import { fileStamp } from '../../../electron/core/services/backups/files';
import { encodeRecord } from '../../../electron/embedded-db/storage/records';
import { connection, createTestCore, signedInStaff } from '../../support/core';
import { OWNER_FORM } from '../../support/fixtures';

type Doc = Record<string, unknown>;
type Tab = ReturnType<typeof connection>;

const running: { core: Core; dataDir?: string }[] = [];
afterEach(async () => {
  for (const { core, dataDir } of running.splice(0)) {
    await core.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
});

/** A core on its own embedded server in a fresh data folder, with the first-run owner signed in. */
async function embeddedCore(clock?: Clock) {
  const dataDir = await mkdtemp(join(tmpdir(), 'sp-backups-'));
  const core = createTestCore({ embedded: true, dataDir, clock });
  running.push({ core, dataDir });
  await core.start();
  const owner = connection(core);
  await owner.value('auth.createOwner', OWNER_FORM);
  return { dataDir, core, owner, backups: join(dataDir, 'backups') };
}

const client = (last: string) => ({
  data: {
    first_name: 'Test',
    last_name: last,
    phone: '+1-205-555-0142',
    address: '1 Test Ln, Birmingham, AL 35203',
    city: 'Birmingham',
    state: 'AL',
    zip_code: '35203',
  },
});

const list = (tab: Tab) => tab.value<BackupsStatus>('backups.list');
const liveClients = async (tab: Tab) =>
  (await tab.value<{ items: Doc[] }>('clients.list', { limit: 100 })).items
    .map((c) => c.last_name)
    .sort();

/** A clock a test moves by hand. */
function handClock(start: Date) {
  let now = start;
  return {
    clock: { now: () => now } satisfies Clock,
    set: (at: Date) => void (now = at),
  };
}

/** Writes a backup file by hand (as another computer or a bad copy would) with a valid description. */
async function handMadeBackup(dir: string, file: string, records: Doc[]): Promise<void> {
  const body = Buffer.concat([
    encodeRecord({ t: 'header', journalSeq: 0 }),
    ...records.map((r) => encodeRecord(r)),
    encodeRecord({ t: 'end', count: records.length }),
  ]);
  await writeFile(join(dir, file), body, { mode: 0o600 });
  await writeFile(
    join(dir, `${file}.json`),
    JSON.stringify({
      format: 'servicepro-backup/1',
      file,
      created_at: '2026-01-02T03:04:05.000Z',
      kind: 'manual',
      app_version: '0.0.0-test',
      database: 'servicepro',
      bytes: body.length,
      sha256: createHash('sha256').update(body).digest('hex'),
      counts: {},
    }),
  );
}

describe('backup and restore', () => {
  it('brings back changed and deleted clients, removes ones added since, and can be undone', async () => {
    const { dataDir, core, owner, backups } = await embeddedCore();
    // Every open window hears that the data changed under it, and refetches what it shows.
    const pushed: string[] = [];
    core.events.subscribe((name) => void pushed.push(name));
    const ada = await owner.value<Doc>('clients.create', client('Ada'));
    const bo = await owner.value<Doc>('clients.create', client('Bo'));

    const made = await owner.value<BackupItem>('backups.create');
    expect(made).toMatchObject({
      kind: 'manual',
      damaged: false,
      app_version: '0.0.0-test',
      counts: expect.objectContaining({ clients: 2, users: 1, businesses: 1 }),
    });
    expect(made.file).toMatch(/^servicepro-\d{4}-\d{2}-\d{2}T\d{6}Z-manual\.spbackup$/);
    expect((await stat(backups)).mode & 0o777).toBe(0o700);
    expect((await stat(join(backups, made.file))).mode & 0o777).toBe(0o600);
    expect((await stat(join(backups, `${made.file}.json`))).mode & 0o777).toBe(0o600);

    await owner.value('clients.update', {
      id: ada.client_id,
      version: ada.version,
      changes: { phone: '+1-205-555-0199' },
    });
    await owner.value('clients.remove', { id: bo.client_id, version: bo.version });
    await owner.value('clients.create', client('Cy'));
    expect(await liveClients(owner)).toEqual(['Ada', 'Cy']);

    const result = await owner.value<{ restored: BackupItem; before_restore: BackupItem }>(
      'backups.restore',
      { file: made.file },
    );
    expect(result.restored.file).toBe(made.file);
    expect(pushed.filter((name) => name === 'database.reopened')).toHaveLength(1);
    expect(result.before_restore).toMatchObject({
      kind: 'before_restore',
      counts: expect.objectContaining({ clients: 2 }),
    });

    // The owner's session carries on: the owner exists in the restored data.
    expect(await liveClients(owner)).toEqual(['Ada', 'Bo']);
    expect(await owner.value<Doc>('clients.get', { id: ada.client_id })).toMatchObject({
      phone: '+1-205-555-0142',
    });
    expect(await owner.value<Doc>('clients.get', { id: bo.client_id })).toMatchObject({
      deleted_at: null,
    });
    // Nothing of the swap is left behind next to the data folder.
    expect((await readdir(dataDir)).sort()).toEqual(['backups', 'db']);

    const status = await list(owner);
    expect(status.items.map((i) => i.kind)).toEqual(['before_restore', 'manual']);

    // The before-restore backup undoes the restore.
    await owner.value('backups.restore', { file: result.before_restore.file });
    expect(await liveClients(owner)).toEqual(['Ada', 'Cy']);
    expect(await owner.value<Doc>('clients.get', { id: ada.client_id })).toMatchObject({
      phone: '+1-205-555-0199',
    });
  });

  it('holds, while clients are being added, exactly the clients it counts, and restores them', async () => {
    const { owner } = await embeddedCore();
    let adding = true;
    let added = 0;
    const adder = (async () => {
      while (adding) await owner.value('clients.create', client(`Busy${added++}`));
    })();
    while (added < 3) await new Promise((r) => setTimeout(r, 5));
    const made = await owner.value<BackupItem>('backups.create');
    adding = false;
    await adder;

    await owner.value('backups.restore', { file: made.file });
    const restored = await liveClients(owner);
    expect(restored).toHaveLength(made.counts.clients ?? -1);
    // Whole clients from the start of the run, none skipped.
    expect(restored.map((name) => Number(String(name).slice(4))).sort((a, b) => a - b)).toEqual(
      Array.from({ length: restored.length }, (_, i) => i),
    );
  });

  it('lists a backup copied into the folder by hand with its description, and restores it', async () => {
    const { owner, backups } = await embeddedCore();
    await owner.value('clients.create', client('Dee'));
    const made = await owner.value<BackupItem>('backups.create');
    const elsewhere = await mkdtemp(join(tmpdir(), 'sp-backups-copy-'));
    try {
      await copyFile(join(backups, made.file), join(elsewhere, made.file));
      await copyFile(join(backups, `${made.file}.json`), join(elsewhere, `${made.file}.json`));
      await owner.value('backups.remove', { file: made.file });
      expect((await list(owner)).items).toEqual([]);

      await copyFile(join(elsewhere, made.file), join(backups, made.file));
      await copyFile(join(elsewhere, `${made.file}.json`), join(backups, `${made.file}.json`));
      const [listed] = (await list(owner)).items;
      expect(listed).toMatchObject({ file: made.file, kind: 'manual', damaged: false });
      expect(listed?.created_at).toEqual(made.created_at);

      await owner.value('clients.create', client('Eve'));
      await owner.value('backups.restore', { file: made.file });
      expect(await liveClients(owner)).toEqual(['Dee']);
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });
});

describe('automatic backups', () => {
  it('makes one a day, keeps the newest 14 over 20 days, and never deletes manual ones', async () => {
    const time = handClock(new Date(2026, 2, 1, 9, 0));
    const { core, owner } = await embeddedCore(time.clock);

    const first = await core.runBackups();
    expect(first.created).toMatchObject({ kind: 'automatic' });
    time.set(new Date(2026, 2, 1, 17, 30));
    expect((await core.runBackups()).created).toBeNull();
    const manual = await owner.value<BackupItem>('backups.create');

    for (let day = 2; day <= 20; day++) {
      time.set(new Date(2026, 2, day, 9, 0));
      const run = await core.runBackups();
      expect(run.created, `day ${day}`).toMatchObject({ kind: 'automatic' });
      expect(run.removed).toHaveLength(day > 14 ? 1 : 0);
    }

    const status = await list(owner);
    const automatic = status.items.filter((i) => i.kind === 'automatic');
    expect(automatic).toHaveLength(14);
    expect(automatic.map((i) => i.created_at.getDate())).toEqual(
      Array.from({ length: 14 }, (_, i) => 20 - i),
    );
    expect(status.items.filter((i) => i.kind === 'manual').map((i) => i.file)).toEqual([
      manual.file,
    ]);
    expect(status.last_automatic_at).toEqual(new Date(2026, 2, 20, 9, 0));
    expect(status.last_failure).toBeNull();
  });

  it('records a failed automatic backup for Settings, goes on working, and clears it once one succeeds', async () => {
    const time = handClock(new Date(2026, 4, 4, 9, 0));
    const { core, owner, backups } = await embeddedCore(time.clock);
    // A folder where the day's backup is written first (its temp file): the backup cannot be written.
    const blocker = join(backups, `servicepro-${fileStamp(time.clock.now())}-auto.spbackup.tmp`);
    await mkdir(blocker, { recursive: true });

    const failed = await core.runBackups();
    expect(failed.created).toBeNull();
    const status = await list(owner);
    expect(status.last_failure).toMatchObject({
      at: new Date(2026, 4, 4, 9, 0),
      message: expect.stringMatching(/^The backup could not be written: .*EISDIR/),
    });
    expect(status.last_automatic_at).toBeNull();
    expect(await liveClients(owner)).toEqual([]);

    await rm(blocker, { recursive: true });
    time.set(new Date(2026, 4, 4, 10, 0));
    expect((await core.runBackups()).created).toMatchObject({ kind: 'automatic' });
    expect((await list(owner)).last_failure).toBeNull();
  });
});

describe('what is refused', () => {
  it('refuses a damaged backup and changes nothing', async () => {
    const { owner, backups } = await embeddedCore();
    await owner.value('clients.create', client('Fay'));
    const made = await owner.value<BackupItem>('backups.create');
    await owner.value('clients.create', client('Gus'));

    const path = join(backups, made.file);
    const bytes = await readFile(path);
    const middle = Math.floor(bytes.length / 2);
    bytes.writeUInt8(bytes.readUInt8(middle) ^ 0xff, middle);
    await writeFile(path, bytes);
    // A backup file without its description cannot be checked either.
    await copyFile(path, join(backups, 'stray.spbackup'));

    const status = await list(owner);
    expect(status.items.find((i) => i.file === made.file)).toMatchObject({
      damaged: true,
      problem:
        'Its contents do not match the checksum recorded when it was made: it was changed or damaged.',
    });
    expect(status.items.find((i) => i.file === 'stray.spbackup')).toMatchObject({
      damaged: true,
      kind: 'manual',
      problem: 'Its description file (stray.spbackup.json) is missing, so it cannot be checked.',
    });

    for (const file of [made.file, 'stray.spbackup']) {
      expect(await owner.call('backups.restore', { file })).toMatchObject({
        ok: false,
        error: {
          kind: 'validation',
          message: expect.stringMatching(
            /^This backup cannot be restored: .* Nothing was changed\.$/,
          ),
        },
      });
    }
    expect(await liveClients(owner)).toEqual(['Fay', 'Gus']);
    // No before-restore backup was made for a restore that never started.
    expect((await list(owner)).items.filter((i) => i.kind === 'before_restore')).toEqual([]);
  });

  it('puts the previous data back when the restored database does not open', async () => {
    const { dataDir, owner, backups } = await embeddedCore();
    await owner.value('clients.create', client('Hal'));
    await owner.value('backups.create');
    // Every record decodes and the checksum matches, but the server cannot load a namespace with "$".
    const file = 'servicepro-2026-01-02T030405Z-manual.spbackup';
    await handMadeBackup(backups, file, [
      { t: 'coll', ns: 'servicepro.clients', options: {}, indexes: [] },
      { t: 'doc', ns: 'bad$db.things', doc: { _id: 1 } },
    ]);
    expect((await list(owner)).items.find((i) => i.file === file)).toMatchObject({
      damaged: false,
    });

    expect(await owner.call('backups.restore', { file })).toMatchObject({
      ok: false,
      error: {
        kind: 'validation',
        message: expect.stringMatching(
          /^The backup servicepro-2026-01-02T030405Z-manual\.spbackup could not be opened \(.*\), so nothing was changed: the data you had is back in place\.$/,
        ),
      },
    });
    expect(await liveClients(owner)).toEqual(['Hal']);
    await owner.value('clients.create', client('Ida'));
    expect(await liveClients(owner)).toEqual(['Hal', 'Ida']);
    expect((await readdir(dataDir)).sort()).toEqual(['backups', 'db']);
  });

  it('refuses backups when the data is on another server, saying where to look', async () => {
    const core = createTestCore({
      databaseUri: inject('mongoUri'),
      databaseName: `backups_${Date.now().toString(36)}`,
    });
    running.push({ core });
    await core.start();
    const owner = connection(core);
    await owner.value('auth.createOwner', OWNER_FORM);
    const message = expect.stringMatching(
      /^Your data is on mongodb:\/\/.+; use its own backups, or Export in Settings → Database\.$/,
    );
    expect(await list(owner)).toMatchObject({
      available: false,
      reason: message,
      folder: null,
      items: [],
    });
    for (const [channel, input] of [
      ['backups.create', undefined],
      ['backups.restore', { file: 'servicepro-2026-01-02T030405Z-manual.spbackup' }],
    ] as const) {
      expect(await owner.call(channel, input)).toMatchObject({
        ok: false,
        error: { kind: 'unavailable', message },
      });
    }
  });

  it('refuses a staff user', async () => {
    const { core, owner } = await embeddedCore();
    const staff = await signedInStaff(core, owner, {
      first_name: 'Sam',
      last_name: 'Staff',
      email: 'sam@magiccity.example',
    });
    for (const [channel, input] of [
      ['backups.list', undefined],
      ['backups.create', undefined],
      ['backups.restore', { file: 'x.spbackup' }],
      ['backups.remove', { file: 'x.spbackup' }],
    ] as const) {
      expect(await staff.call(channel, input), channel).toMatchObject({
        ok: false,
        error: { kind: 'forbidden' },
      });
    }
  });

  it('refuses a file that is not in the list, a path, and deleting an automatic backup', async () => {
    const { core, owner, dataDir } = await embeddedCore();
    for (const file of ['../db/snapshot.bin', '/etc/passwd', 'db/../x.spbackup', '']) {
      expect(await owner.call('backups.restore', { file }), file).toMatchObject({
        ok: false,
        error: {
          kind: 'validation',
          details: expect.arrayContaining([expect.objectContaining({ path: 'file' })]),
        },
      });
    }
    expect(await owner.call('backups.restore', { file: 'nowhere.spbackup' })).toMatchObject({
      ok: false,
      error: {
        kind: 'not_found',
        message:
          'There is no backup called nowhere.spbackup in the backups folder. Refresh the list and choose one from it.',
      },
    });
    const { created } = await core.runBackups();
    expect(await owner.call('backups.remove', { file: created?.file })).toMatchObject({
      ok: false,
      error: {
        kind: 'validation',
        message: expect.stringMatching(/^Automatic backups are deleted by the app/),
      },
    });
    expect(existsSync(join(dataDir, 'backups', String(created?.file)))).toBe(true);
    const manual = await owner.value<BackupItem>('backups.create');
    expect(await owner.value('backups.remove', { file: manual.file })).toEqual({
      removed: manual.file,
    });
    expect((await list(owner)).items.map((i) => i.file)).toEqual([created?.file]);
    expect(await readdir(join(dataDir, 'backups'))).toHaveLength(2);
  });
});
