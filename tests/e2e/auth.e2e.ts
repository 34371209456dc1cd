import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost, type RunningHost } from '../support/host';
import { OWNER_FORM as OWNER } from '../support/fixtures';
import { AppShell } from './pages/AppShell';
import { SetupWizard } from './pages/SetupWizard';
import { builtRendererDir, launchBrowser, screenshotPath } from './support/browser';

let browser: Browser;
let running: RunningHost;
let page: Page;

beforeAll(async () => {
  // An empty database: the app must start with its first-run wizard.
  running = await startTestHost(builtRendererDir());
  browser = await launchBrowser();
  page = await (await browser.newContext()).newPage();
});
afterAll(async () => {
  await browser?.close();
  await running?.close();
});

describe('first run and sign-in in Chromium', () => {
  it('creates the business and owner through the first-run wizard, showing field errors first', async () => {
    const shell = new AppShell(page);
    const wizard = new SetupWizard(page);
    await page.goto(running.host.url);
    await wizard.waitFor();
    await wizard.button('Set up my business').click();
    // The run's server is given to the core the way MONGODB_URI is: the wizard says so.
    await wizard.root.getByTestId('database-from-environment').waitFor();
    await wizard.next('Your owner account');
    await wizard.fillOwner({ ...OWNER.owner, password: 'short1' }, 'short1');
    await wizard.button('Next').click();
    await expect(wizard.messageOf('Password')).resolves.toBe('Use at least 10 characters.');
    await wizard.fillOwner(OWNER.owner);
    await wizard.next('Your business');
    await wizard.fillBusiness(OWNER.business);
    await wizard.chooseTimeZone(OWNER.business.timezone, OWNER.business.timezone);
    await wizard.next('Opening hours');
    await wizard.next('Check and finish');
    await wizard.button('Create my business').click();
    await shell.heading.filter({ hasText: 'Dispatch board' }).waitFor();
    await expect(page.getByTestId('signed-in-as').textContent()).resolves.toBe(
      'Rosa Lopez · Magic City Lawn',
    );
    await page.screenshot({ path: screenshotPath('first-run-done') });
  });

  it('signs out, refuses a wrong password with the reason, and signs back in', async () => {
    const shell = new AppShell(page);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await shell.signIn(OWNER.owner.email, 'not-the-password-1');
    await page.getByRole('alert').getByText('The email or password is incorrect.').waitFor();
    await shell.signIn(OWNER.owner.email, OWNER.owner.password);
    await page.getByTestId('signed-in-as').waitFor();
    // The owner sees the owner-only pages.
    await shell.navLink('Reports').waitFor();
    await shell.navLink('Settings').waitFor();
  });
});
