// The desktop app's folders: data.export and data.import take only a folder the user picked in the
// native dialog (electron/main/folders.ts grants it to the core), never one the page typed.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { IPC_CHOOSE_FOLDER_CHANNEL } from '../../../shared/contract';
import { createCore, type Core } from '../../../electron/core/compose';
import { silentLogger } from '../../../electron/core/logger';
import { connection, testPorts } from '../../support/core';
import { LAWN_OWNER, seedInto, signIn } from './support';

const dialog = vi.hoisted(() => ({
  showSaveDialog: vi.fn(),
  showOpenDialog: vi.fn(),
}));
vi.mock('electron', () => ({ dialog, BrowserWindow: { fromWebContents: () => null } }));
const { registerFolderPicker } = await import('../../../electron/main/folders');

const root = mkdtempSync(join(tmpdir(), 'servicepro-desktop-folders-'));
const dbName = `data_desktop_${Date.now().toString(36)}`;
const client = new MongoClient(inject('mongoUri'));
const handlers = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
let core: Core;

const fromApp = { senderFrame: { url: 'file:///app/index.html' }, sender: {} };
const choose = (input: unknown, event: unknown = fromApp) =>
  handlers.get(IPC_CHOOSE_FOLDER_CHANNEL)!(event, input);

beforeAll(async () => {
  await seedInto(client.db(dbName));
  core = createCore(
    {
      appName: 'ServicePro Dispatch',
      version: '0.0.0-test',
      mode: 'desktop',
      platform: 'linux',
      validateOutput: true,
      databaseUri: inject('mongoUri'),
      databaseName: dbName,
      weather: { timer: false },
      messaging: { timer: false },
      backups: { timer: false },
    },
    testPorts(),
  );
  await core.start();
  registerFolderPicker(
    { handle: (name, fn) => void handlers.set(name, fn as never) },
    (url) => url.startsWith('file:///app/'),
    (path) => core.allowFolder(path),
    silentLogger,
  );
});

afterAll(async () => {
  await core?.stop();
  await client.db(dbName).dropDatabase();
  await client.close();
  rmSync(root, { recursive: true, force: true });
});

describe('folders in the desktop app', () => {
  it('exports to the folder picked in the dialog, and refuses a typed one', async () => {
    const owner = await signIn(connection(core), LAWN_OWNER);
    const typed = join(root, 'typed');
    expect(
      await owner.call('data.export', { folder: typed, operation_id: 'desktop-typed-1' }),
    ).toMatchObject({
      ok: false,
      error: {
        kind: 'forbidden',
        message: expect.stringContaining('choose the folder with the Choose folder… button'),
      },
    });
    expect(existsSync(typed)).toBe(false);

    const picked = join(root, 'picked');
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: picked });
    expect(await choose({ purpose: 'export', defaultPath: join(root, 'suggested') })).toEqual({
      ok: true,
      value: { path: picked },
    });
    expect(dialog.showSaveDialog.mock.calls.at(-1)?.[0]).toMatchObject({
      defaultPath: join(root, 'suggested'),
    });
    expect(
      await owner.call('data.export', { folder: picked, operation_id: 'desktop-picked-1' }),
    ).toMatchObject({ ok: true, value: { folder: picked } });
    expect(existsSync(join(picked, 'manifest.json'))).toBe(true);
  });

  it('grants nothing when the dialog is canceled, and answers only the app page', async () => {
    const owner = await signIn(connection(core), LAWN_OWNER);
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    expect(await choose({ purpose: 'import' })).toEqual({ ok: true, value: { path: null } });
    expect(
      await owner.call('data.import', {
        folder: join(root, 'never-picked'),
        operation_id: 'desktop-import-1',
      }),
    ).toMatchObject({ ok: false, error: { kind: 'forbidden' } });

    expect(
      await choose({ purpose: 'export' }, { senderFrame: { url: 'https://evil.example/' } }),
    ).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await choose({ purpose: 'delete everything' })).toMatchObject({
      ok: false,
      error: { kind: 'validation' },
    });
  });
});
