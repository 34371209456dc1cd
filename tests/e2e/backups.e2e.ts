// Backups in Chromium, on a core running its own embedded database in a temporary data folder (as
// the app does with no MongoDB URI): the owner backs up, deletes a client, restores the backup after
// a confirmation naming its date, and the client is back in the Clients list and in the database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../electron/core/demo/seed';
import { startEmbeddedServer } from '../../electron/embedded-db/index';
import type { BackupsStatus } from '../../shared/contract';
import { connection } from '../support/core';
import { startTestHost, type RunningHost } from '../support/host';
import { AppShell } from './pages/AppShell';
import { BackupsSection } from './pages/BackupsSection';
import { builtRendererDir, launchBrowser, screenshotPath } from './support/browser';

const OWNER = 'owner@southern-lawn.example';
const dataDir = mkdtempSync(join(tmpdir(), 'servicepro-e2e-backups-'));
let running: RunningHost | undefined;
let browser: Browser;
let page: Page;
let office: ReturnType<typeof connection>;

interface Client {
  client_id: string;
  first_name: string;
  last_name: string;
  version: number;
  deleted_at: Date | null;
}

beforeAll(async () => {
  // `databaseUri: undefined` overrides the run's server: the core starts its own in <dataDir>/db.
  running = await startTestHost(builtRendererDir(), {
    databaseUri: undefined,
    databaseName: 'servicepro',
    embedded: true,
    dataDir,
  });
  await connection(running.core).value('auth.loadDemo');
  office = connection(running.core);
  await office.value('auth.signIn', { email: OWNER, password: DEMO_PASSWORD });
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
  page = await context.newPage();
  const shell = new AppShell(page);
  await page.goto(running.host.url);
  await shell.waitConnected();
  await shell.signIn(OWNER, DEMO_PASSWORD);
  await page.getByTestId('signed-in-as').waitFor();
});
afterAll(async () => {
  await browser?.close();
  await running?.close();
  rmSync(dataDir, { recursive: true, force: true });
});
afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') {
    await page.screenshot({ path: screenshotPath(`backups-failed-${task.name.slice(0, 40)}`) });
  }
});

const origin = () => running?.host.origin ?? '';
const resultCount = () => page.getByTestId('result-count').textContent();
const countText = (n: number) => (n === 1 ? '1 client' : `${n.toLocaleString('en-US')} clients`);
/** How many live clients the Clients search finds for `text`, asked of the core. */
const found = async (text: string) =>
  (await office.value<{ total: number }>('clients.list', { search: text, limit: 1 })).total;

async function searchClients(text: string) {
  await page.goto('about:blank');
  await page.goto(`${origin()}/#/clients`);
  const box = page.getByRole('textbox', { name: 'Search' });
  await box.waitFor({ timeout: 20_000 });
  await box.pressSequentially(text, { delay: 20 });
}

describe('backups of the database on this computer, in Chromium', () => {
  let client: Client;
  let file = '';

  it('backs up, and after a client is deleted, restoring the backup brings the client back', async () => {
    const { items } = await office.value<{ items: Client[] }>('clients.list', { limit: 1 });
    client = items[0] as Client;
    const name = `${client.first_name} ${client.last_name}`;
    const namesakes = await found(client.last_name);
    const section = new BackupsSection(page);

    await section.open(origin());
    file = await section.backUpNow();
    await page.screenshot({ path: screenshotPath('backups-list') });

    // Deleted on the client's page, as the office would.
    await page.goto(`${origin()}/#/clients/${client.client_id}`);
    await page.getByRole('heading', { name }).waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Delete' }).click();
    await page
      .getByRole('dialog', { name: 'Delete this client?' })
      .getByRole('button', { name: 'Delete' })
      .click();
    await page.getByRole('heading', { name: 'Clients', level: 1, exact: true }).waitFor();
    await expect
      .poll(
        async () =>
          (await office.value<Client>('clients.get', { id: client.client_id })).deleted_at,
      )
      .toBeInstanceOf(Date);
    await searchClients(client.last_name);
    await expect.poll(resultCount).toBe(countText(namesakes - 1));

    await section.open(origin());
    const { items: backups } = await office.value<BackupsStatus>('backups.list');
    const made = backups.find((b) => b.file === file);
    const when = made?.created_at.toLocaleString('en-US', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'America/Chicago',
    });
    const dialog = await section.askToRestore(file);
    await dialog.getByRole('heading', { name: `Restore the backup of ${when}?` }).waitFor();
    expect(await dialog.textContent()).toContain('every business in it');
    expect(await dialog.textContent()).toContain('A backup of the data as it is now is made first');
    await page.screenshot({ path: screenshotPath('backups-restore-confirm') });
    await section.confirmRestore();
    expect(await section.done.textContent()).toBe(
      `Restored the backup of ${when}. The data as it was just before is kept as a "Before restore" backup.`,
    );
    await expect.poll(() => section.rows('before_restore').count()).toBe(1);

    await searchClients(client.last_name);
    await expect.poll(resultCount).toBe(countText(namesakes));
    await page.locator(`.record-row[data-id="${client.client_id}"]`).waitFor();
    expect(
      (await office.value<Client>('clients.get', { id: client.client_id })).deleted_at,
    ).toBeNull();
  });

  it('keeps the restored client in the database folder on disk', async () => {
    await running?.close();
    running = undefined;
    // The app's server is closed: open its folder with a server of our own and read the client.
    const server = await startEmbeddedServer({ dbPath: join(dataDir, 'db') });
    const mongo = new MongoClient(server.uri);
    try {
      const stored = await mongo
        .db('servicepro')
        .collection('clients')
        .findOne({ client_id: client.client_id });
      expect(stored).toMatchObject({ client_id: client.client_id, deleted_at: null });
    } finally {
      await mongo.close();
      await server.close();
    }
  });
});
