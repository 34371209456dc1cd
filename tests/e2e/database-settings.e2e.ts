// Settings → Database in Chromium, on an app whose data is in its own embedded database (a data
// folder, as with no URI configured): an owner tests a URI against a second embedded server
// standing in for MongoDB Atlas, copies the business there with the progress bar and is switched
// live (the board still works), exports the business, sees a tampered export refused naming the
// file, and removes the copy left on this computer.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/compose';
import { DEMO_PASSWORD } from '../../electron/core/demo/seed';
import { silentLogger } from '../../electron/core/logger';
import { startEmbeddedServer, type InProcessServer } from '../../electron/embedded-db/index';
import { startWebHost, type WebHost } from '../../electron/host/server';
import { createTestCore, memorySecretStore } from '../support/core';
import { LAWN, LAWN_OWNER, seedDataDir } from '../integration/data/support';
import { AppShell } from './pages/AppShell';
import { DatabaseSection } from './pages/DatabaseSection';
import { builtRendererDir, launchBrowser, screenshotPath } from './support/browser';

const dataDir = mkdtempSync(join(tmpdir(), 'servicepro-e2e-dbsettings-app-'));
const atlasDir = mkdtempSync(join(tmpdir(), 'servicepro-e2e-dbsettings-atlas-'));
const exportsDir = mkdtempSync(join(tmpdir(), 'servicepro-e2e-dbsettings-exports-'));
let atlas: InProcessServer;
let core: Core;
let host: WebHost;
let browser: Browser;
let page: Page;
let lawnId: string;
let section: DatabaseSection;

/** The stand-in for Atlas, its `servicepro` database. */
const atlasUri = () => atlas.uri.replace('/?', '/servicepro?');
const atlasServer = () => `mongodb://127.0.0.1:${atlas.port}/servicepro`;

beforeAll(async () => {
  ({ lawnId } = await seedDataDir(dataDir));
  atlas = await startEmbeddedServer({ dbPath: atlasDir });
  core = createTestCore({ embedded: true, dataDir, secrets: memorySecretStore() });
  await core.start();
  host = await startWebHost({
    core,
    rendererDir: builtRendererDir(),
    logger: silentLogger,
    port: 0,
  });
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
  page = await context.newPage();
  const shell = new AppShell(page);
  await page.goto(host.url);
  await shell.waitConnected();
  await shell.signIn(LAWN_OWNER, DEMO_PASSWORD);
  await page.getByTestId('signed-in-as').waitFor();
  section = new DatabaseSection(page);
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await core?.stop();
  await atlas?.close();
  for (const dir of [dataDir, atlasDir, exportsDir]) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!!process.env.MONGODB_URI)('Settings → Database, in Chromium', () => {
  it('tests a URI in plain words, copies the business with a progress bar, switches live, and the board still works', async () => {
    await section.open(`${host.origin}/#/settings?section=database`);
    expect(await section.where.textContent()).toBe('On this computer');

    // Masked like a password, with a toggle.
    expect(await section.uri.getAttribute('type')).toBe('password');
    await section.root.getByRole('button', { name: 'Show the URI' }).click();
    expect(await section.uri.getAttribute('type')).toBe('text');

    const wrongPassword = atlasUri().replace(/:[^:@/]+@/, ':wrong-password@');
    expect(await section.test(wrongPassword)).toBe(
      'The server answered, but refused the user name or password in the URI.',
    );
    expect(await section.test(atlasUri())).toMatch(/^Connected and signed in \(\d+ ms\)\.$/);

    await section.startCopy(atlasUri());
    const dialog = section.copyDialog;
    await dialog.getByRole('button', { name: 'Copy and switch' }).click();
    await dialog.getByRole('progressbar', { name: 'Copy progress' }).waitFor();
    const done = dialog.getByTestId('database-copy-done');
    await done.waitFor({ timeout: 60_000 });
    expect(await done.textContent()).toContain(`Switched: the app uses ${atlasServer()} now.`);
    await page.screenshot({ path: screenshotPath('database-copy-done') });
    await dialog.getByRole('button', { name: 'Done' }).click();

    await expect.poll(() => section.where.textContent()).toBe(`On the server ${atlasServer()}`);
    expect(await section.embeddedCopy.textContent()).toContain(
      `A copy of the data remains on this computer in ${join(dataDir, 'db')}`,
    );

    // The board reads the server now, without a restart.
    const client = new MongoClient(atlas.uri);
    try {
      const job = await client
        .db('servicepro')
        .collection('appointments')
        .findOne({ business_id: lawnId, status: 'scheduled' });
      const day = (job?.scheduled_date as Date).toISOString().slice(0, 10);
      await page.goto(`${host.origin}/#/board?date=${day}`);
      await page.getByTestId('lane').first().waitFor({ timeout: 20_000 });
      await page.getByTestId('job-card').first().waitFor({ timeout: 20_000 });
    } finally {
      await client.close();
    }
  });

  it('exports the business, and refuses a tampered export (naming the file) and one this database has', async () => {
    await section.open(`${host.origin}/#/settings?section=database`);
    const folder = join(exportsDir, 'lawn');
    const exported = await section.run('export', folder);
    expect(exported).toMatchObject({ kind: 'done', text: expect.stringContaining(`of ${LAWN}`) });
    expect(existsSync(join(folder, 'manifest.json'))).toBe(true);

    const tampered = join(exportsDir, 'tampered');
    cpSync(folder, tampered, { recursive: true });
    const file = join(tampered, 'clients.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"first_name":"', '"first_name":"X'));
    expect(await section.run('import', tampered)).toEqual({
      kind: 'error',
      text: expect.stringMatching(
        /^Nothing was imported: clients\.json: its documents do not match the checksum in manifest\.json/,
      ),
    });
    expect(await section.run('import', folder)).toEqual({
      kind: 'error',
      text: expect.stringContaining(`This database already holds ${LAWN}, so nothing was imported`),
    });
  });

  it('removes the copy left on this computer after a confirmation naming its folder', async () => {
    await section.open(`${host.origin}/#/settings?section=database`);
    await section.root.getByRole('button', { name: 'Remove the copy on this computer' }).click();
    const confirm = page.getByTestId('database-remove-copy-dialog');
    expect(await confirm.textContent()).toContain(`This deletes the folder ${join(dataDir, 'db')}`);
    await confirm.getByRole('button', { name: 'Remove the copy' }).click();
    await expect.poll(() => section.embeddedCopy.count()).toBe(0);
    expect(existsSync(join(dataDir, 'db'))).toBe(false);
    expect(await section.where.textContent()).toBe(`On the server ${atlasServer()}`);
  });
});
