import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost, type RunningHost } from '../support/host';
import { OWNER_FORM as OWNER } from '../support/fixtures';
import { AppShell } from './pages/AppShell';
import { builtRendererDir, launchBrowser, screenshotPath } from './support/browser';

let browser: Browser;
let running: RunningHost;
let page: Page;

beforeAll(async () => {
  // An empty database: the app must start with its first-run form.
  running = await startTestHost(builtRendererDir());
  browser = await launchBrowser();
  page = await (await browser.newContext()).newPage();
});
afterAll(async () => {
  await browser?.close();
  await running?.close();
});

describe('first run and sign-in in Chromium', () => {
  it('creates the business and owner on first run, showing field errors first', async () => {
    const shell = new AppShell(page);
    await page.goto(running.host.url);
    await page.getByRole('heading', { name: 'Set up your business' }).waitFor();
    // Required fields carry a thin space and "*" in their accessible name.
    const fill = async (label: string, value: string) =>
      page.getByLabel(new RegExp(`^${label}\\s*\\*?$`)).fill(value);
    await fill('Business name', OWNER.business.name);
    await fill('Business phone', OWNER.business.phone);
    await fill('Business email', OWNER.business.email);
    await fill('Address', OWNER.business.address);
    await fill('Time zone', OWNER.business.timezone);
    await fill('First name', OWNER.owner.first_name);
    await fill('Last name', OWNER.owner.last_name);
    await fill('Email', OWNER.owner.email);
    await fill('Password', 'short1');
    await page.getByRole('button', { name: 'Create business and sign in' }).click();
    await page.getByText('Use at least 10 characters.').waitFor();
    await fill('Password', OWNER.owner.password);
    await page.getByRole('button', { name: 'Create business and sign in' }).click();
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
