// The proof: on an empty data folder (the app's own embedded database, no URI anywhere) the
// first-run wizard, used with the keyboard and the mouse like a new owner would — a field error
// made and corrected, Back keeping what was typed — leads to a working board with sample data; a
// reload stays signed in, and another person sees the sign-in page, not the wizard.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connection } from '../support/core';
import { startTestHost, type RunningHost } from '../support/host';
import { AppShell } from './pages/AppShell';
import { SetupWizard } from './pages/SetupWizard';
import { builtRendererDir, launchBrowser, screenshotPath } from './support/browser';

const OWNER = {
  first_name: 'Marisol',
  last_name: 'Vega',
  email: 'marisol@peak-lawn.example',
  password: 'front-range-lawns-26',
};
const BUSINESS = {
  name: 'Peak Lawn & Garden',
  phone: '+1-303-555-0142',
  email: 'office@peak-lawn.example',
  address: '1400 Market St, Denver, CO 80202',
};

let dataDir: string;
let running: RunningHost;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'servicepro-first-run-'));
  // `databaseUri: undefined` overrides the run's shared server: the core starts its own.
  running = await startTestHost(builtRendererDir(), {
    databaseUri: undefined,
    embedded: true,
    dataDir,
  });
  browser = await launchBrowser();
  // The computer's clock is in Denver: the wizard should say so.
  context = await browser.newContext({
    timezoneId: 'America/Denver',
    viewport: { width: 1366, height: 900 },
  });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
});
afterAll(async () => {
  await browser?.close();
  await running?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('first run on an empty data folder, in Chromium', () => {
  it('walks through the wizard, correcting a field, and lands on a working board with sample data', async () => {
    const wizard = new SetupWizard(page);
    const shell = new AppShell(page);
    await page.goto(running.host.url);
    await wizard.waitFor();
    await wizard.step('Welcome to ServicePro Dispatch').waitFor();
    await wizard.button('Set up my business').click();

    // Where the data lives: this computer unless told otherwise. The server choice hides its URI
    // until asked, and says up front that browser mode has no keychain to keep it in.
    await wizard.step('Where your data lives').waitFor();
    const here = wizard.root.getByRole('radio', { name: /On this computer/ });
    await expect(here.isChecked()).resolves.toBe(true);
    await wizard.root.getByRole('radio', { name: /MongoDB Atlas/ }).check();
    const uri = wizard.field('Connection string (URI)');
    await uri.fill('mongodb+srv://office:secret@cluster0.example.net/');
    await expect(uri.getAttribute('type')).resolves.toBe('password');
    await wizard.root.getByRole('button', { name: 'Show the URI' }).click();
    await expect(uri.getAttribute('type')).resolves.toBe('text');
    await wizard.root.getByTestId('cannot-save-uri').waitFor();
    await page.screenshot({ path: screenshotPath('first-run-database') });
    // Back to this computer with the keyboard (the radio group moves with the arrow keys).
    await wizard.root.getByRole('radio', { name: /MongoDB Atlas/ }).press('ArrowUp');
    await expect(here.isChecked()).resolves.toBe(true);
    await wizard.next('Your owner account');

    // A password too short is refused on its field, with the core's own words; the keyboard is
    // put on it, and the message goes once the password is right.
    await wizard.fillOwner({ ...OWNER, password: 'short1' }, 'short1');
    await wizard.button('Next').click();
    await wizard.root.getByTestId('setup-step-errors').waitFor();
    await expect(wizard.messageOf('Password')).resolves.toBe('Use at least 10 characters.');
    await expect(page.evaluate<string>('document.activeElement?.name')).resolves.toBe('password');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(OWNER.password);
    await expect(wizard.messageOf('Password')).resolves.toBe(
      'At least 10 characters, mixing letters with digits or symbols.',
    );
    // The confirmation still holds the old one: the passwords differ.
    await page.keyboard.press('Enter');
    await expect(wizard.messageOf('Password again')).resolves.toBe(
      'The two passwords differ. Type the same password twice.',
    );
    await wizard.field('Password again').fill(OWNER.password);
    await page.keyboard.press('Enter');
    await wizard.step('Your business').waitFor();

    // The business: its time zone detected from the computer, and changed by typing.
    await wizard.fillBusiness(BUSINESS);
    const zone = wizard.root.getByRole('combobox', { name: /^Time zone/ });
    await expect(zone.inputValue()).resolves.toBe('America/Denver');
    await wizard.chooseTimeZone('America/Chica', 'America/Chicago');
    await expect(zone.inputValue()).resolves.toBe('America/Chicago');
    await wizard.next('Opening hours');

    // Hours: Monday set to close before it opens is refused; then 7:00–16:00 copied to the
    // weekdays, and a Saturday morning added.
    await expect(wizard.timeField('Monday', 'from').inputValue()).resolves.toBe('08:00');
    await wizard.timeField('Monday', 'to').fill('07:00');
    await wizard.button('Next').click();
    await wizard.root.getByText('End must be after start.').waitFor();
    await page.screenshot({ path: screenshotPath('first-run-hours') });
    await wizard.timeField('Monday', 'from').fill('07:00');
    await wizard.timeField('Monday', 'to').fill('16:00');
    await expect(wizard.root.getByText('End must be after start.').count()).resolves.toBe(0);
    await wizard.copyMondayToWeekdays();
    await expect(wizard.timeField('Friday', 'to').inputValue()).resolves.toBe('16:00');
    await wizard.openOn('Saturday').check();
    await wizard.timeField('Saturday', 'to').fill('12:00');

    // Back and Next keep what was typed.
    await wizard.back('Your business');
    await expect(wizard.field('Business name').inputValue()).resolves.toBe(BUSINESS.name);
    await wizard.back('Your owner account');
    await expect(wizard.field('Email').inputValue()).resolves.toBe(OWNER.email);
    await wizard.next('Your business');
    await wizard.next('Opening hours');
    await expect(wizard.timeField('Saturday', 'to').inputValue()).resolves.toBe('12:00');
    await wizard.next('Check and finish');

    const summary = wizard.root.getByTestId('setup-summary');
    await summary.getByText('Mon–Fri 07:00–16:00 · Sat 08:00–12:00').waitFor();
    await summary.getByText('America/Chicago').waitFor();
    await summary.getByText(`${OWNER.first_name} ${OWNER.last_name} · ${OWNER.email}`).waitFor();
    await summary.getByText('On this computer').waitFor();
    await wizard.root
      .getByRole('checkbox', { name: 'Add sample clients, staff and jobs so I can try the board' })
      .check();
    await page.screenshot({ path: screenshotPath('first-run-finish') });
    await wizard.button('Create my business').click();

    // The board: the business in the header, a lane per sample crew member.
    await shell.heading.filter({ hasText: 'Dispatch board' }).waitFor({ timeout: 60_000 });
    expect(new URL(page.url()).hash).toMatch(/^#\/board/);
    await expect(page.getByTestId('signed-in-as').textContent()).resolves.toBe(
      'Marisol Vega · Peak Lawn & Garden',
    );
    await page.getByTestId('lane').first().waitFor();
    await expect(page.getByTestId('lane').count()).resolves.toBe(7);
    expect(existsSync(join(dataDir, 'db'))).toBe(true);
  });

  it('books a job into the unassigned queue on the new board', async () => {
    const office = connection(running.core);
    await office.value('auth.signIn', { email: OWNER.email, password: OWNER.password });
    const { items: clients } = await office.value<{
      items: { first_name: string; last_name: string; address: string; is_active: boolean }[];
    }>('clients.list', { limit: 20 });
    const client = clients.find((c) => c.is_active);
    const { items: services } = await office.value<{
      items: { name: string; minimum_staff_count: number }[];
    }>('services.list', { limit: 50 });
    const service = services.find((s) => s.minimum_staff_count === 1);
    if (!client || !service) throw new Error('the sample data has no client or one-person service');

    await page.getByTestId('new-job').click();
    const form = page.getByRole('dialog', { name: 'New job' }).getByTestId('job-form');
    await form
      .getByRole('combobox', { name: 'Client' })
      .fill(`${client.last_name} ${client.address.split(' ')[0]}`);
    await page
      .getByTestId('client-option')
      .filter({ hasText: `${client.first_name} ${client.last_name}` })
      .filter({ hasText: client.address })
      .click();
    await form.getByRole('combobox', { name: /^Service/ }).click();
    const escaped = service.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    await page.getByRole('option', { name: new RegExp(`^${escaped} —`) }).click();
    await form.getByRole('button', { name: 'Create job' }).click();
    await page
      .getByTestId('job-snackbar')
      .filter({ hasText: 'Job created in the unassigned queue.' })
      .waitFor();
    await page
      .getByTestId('unassigned-queue')
      .getByTestId('queue-item')
      .filter({ hasText: `${client.first_name} ${client.last_name}` })
      .waitFor();
    await page.screenshot({ path: screenshotPath('first-run-board') });
  });

  it('stays signed in across a reload, without the wizard', async () => {
    await page.reload();
    await page.getByTestId('signed-in-as').waitFor();
    await new AppShell(page).heading.filter({ hasText: 'Dispatch board' }).waitFor();
    await expect(new SetupWizard(page).root.count()).resolves.toBe(0);
  });

  it('lets the owner run setup again at /setup: prefilled, without the owner step, saved', async () => {
    const wizard = new SetupWizard(page);
    await page.goto(`${running.host.origin}/#/setup`);
    await page.getByRole('heading', { level: 1, name: 'Business setup' }).waitFor();
    await wizard.step('Your business').waitFor();
    await expect(wizard.field('Business name').inputValue()).resolves.toBe(BUSINESS.name);
    await wizard.field('Business name').fill('Peak Lawn & Garden Co');
    await wizard.next('Opening hours');
    await expect(wizard.timeField('Saturday', 'to').inputValue()).resolves.toBe('12:00');
    await wizard.openOn('Saturday').uncheck();
    await wizard.next('Where your data lives');
    await wizard.root.getByTestId('setup-database-in-use').getByText('On this computer').waitFor();
    await wizard.root.getByRole('link', { name: 'Open Settings' }).waitFor();
    await wizard.next('Check and save');
    await wizard.root.getByTestId('setup-summary').getByText('Mon–Fri 07:00–16:00').waitFor();
    await wizard.button('Save').click();
    await wizard.root.getByTestId('setup-saved').waitFor();
    await page
      .getByTestId('signed-in-as')
      .filter({ hasText: 'Marisol Vega · Peak Lawn & Garden Co' })
      .waitFor();
  });

  it('shows another person the sign-in page, not the wizard', async () => {
    const other = await browser.newContext();
    const second = await other.newPage();
    await second.goto(running.host.url);
    await second.getByRole('heading', { name: 'Sign in' }).waitFor();
    await expect(new SetupWizard(second).root.count()).resolves.toBe(0);
    await other.close();
  });
});
