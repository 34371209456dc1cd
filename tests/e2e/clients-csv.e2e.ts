// Client CSV import and export in Chromium: a file with 3 good rows and 2 bad ones is previewed
// (its bad rows reported by line), refused as a whole without "Skip invalid rows" (nothing written),
// imported with it (3 clients in the database), then exported as a download that contains them.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoHost } from './support/demo-host';
import { screenshotPath } from './support/browser';

const world = demoHost('clients_csv');
let page: Page;
let business: string;
let dir: string;
const tag = Date.now()
  .toString(36)
  .replace(/\d/g, (d) => 'abcdefghij'[Number(d)] ?? 'x');
const last = `Csvtest${tag}`;

const csv = [
  // No phone column: the demo clients' phone numbers would make these rows duplicates.
  'First Name,Last Name,Email,Address,City,State,Zip',
  `Ada,${last},ada.${tag}@example.com,10 Oak St,Homewood,AL,35209`,
  `Ben,${last},ben.${tag}@example.com,11 Oak St,Homewood,AL,35209`,
  // line 4: a ZIP code that is not one
  `Cal,${last},cal.${tag}@example.com,12 Oak St,Homewood,AL,352`,
  `Dee,${last},dee.${tag}@example.com,13 Oak St,Homewood,AL,35209`,
  // line 6: a state that is not a two-letter code
  `Eve,${last},eve.${tag}@example.com,14 Oak St,Homewood,Alabama,35209`,
].join('\n');

const imported = () =>
  world.db.collection('clients').countDocuments({ business_id: business, last_name: last });
const allClients = () => world.db.collection('clients').countDocuments({ business_id: business });

beforeAll(async () => {
  business = await world.lawnId();
  page = await world.signedInPage('dispatch@southern-lawn.example');
  dir = await mkdtemp(join(tmpdir(), 'clients-csv-'));
  await writeFile(join(dir, 'clients.csv'), csv);
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') {
    await page.screenshot({ path: screenshotPath(`clients-csv-failed-${task.name.slice(0, 40)}`) });
  }
});

describe('client CSV', () => {
  it('previews the file and reports the two bad rows by line', async () => {
    await page.goto(world.url('/clients'));
    await page.getByRole('button', { name: 'Import CSV' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import clients from CSV' });
    await dialog.getByTestId('import-file').setInputFiles(join(dir, 'clients.csv'));
    await expect
      .poll(() => dialog.getByTestId('import-counts').textContent())
      .toBe('5 rows · 3 valid · 2 errors · 0 duplicates');
    const errors = dialog.getByTestId('import-error');
    await expect.poll(() => errors.count()).toBe(2);
    const first = (await errors.nth(0).textContent()) ?? '';
    const second = (await errors.nth(1).textContent()) ?? '';
    expect(first).toMatch(/^4Zip code/);
    expect(first).toContain('Expected a ZIP code such as 35209');
    expect(second).toMatch(/^6State/);
    // The suggested mapping is preselected.
    await expect(dialog.getByTestId('map-Zip').inputValue()).resolves.toBe('zip_code');
    await expect(dialog.getByTestId('map-First Name').inputValue()).resolves.toBe('first_name');
    await page.screenshot({ path: screenshotPath('clients-csv-preview') });
  });

  it('refuses to import with invalid rows and writes nothing', async () => {
    const before = await allClients();
    const dialog = page.getByRole('dialog', { name: 'Import clients from CSV' });
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect
      .poll(() => dialog.getByTestId('import-refused').textContent())
      .toContain('Nothing was imported');
    expect(await allClients()).toBe(before);
    expect(await imported()).toBe(0);
  });

  it('imports the three good rows when invalid rows are skipped', async () => {
    const dialog = page.getByRole('dialog', { name: 'Import clients from CSV' });
    await dialog.getByLabel('Skip invalid rows').check();
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect
      .poll(() => dialog.getByTestId('import-result').textContent())
      .toBe('Imported 3 clients, skipped 2.');
    expect(await imported()).toBe(3);
    const names = (
      await world.db
        .collection('clients')
        .find({ business_id: business, last_name: last })
        .toArray()
    )
      .map((c) => String(c.first_name))
      .sort();
    expect(names).toEqual(['Ada', 'Ben', 'Dee']);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('exports the searched list as a CSV download containing them', async () => {
    const box = page.getByRole('textbox', { name: 'Search' });
    await box.fill(last.toLowerCase());
    await expect.poll(() => page.getByTestId('result-count').textContent()).toBe('3 clients');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const path = join(dir, 'export.csv');
    await download.saveAs(path);
    const text = await readFile(path, 'utf8');
    const lines = text.trim().split(/\r?\n/);
    expect(lines).toHaveLength(4);
    for (const name of ['Ada', 'Ben', 'Dee']) expect(text).toContain(name);
    expect(text).not.toContain('Cal,');
  });
});
