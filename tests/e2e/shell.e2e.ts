import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageRoutesForTests } from './support/routes';
import { screenshotPath } from './support/browser';
import { AppShell } from './pages/AppShell';
import { useOwnerHost } from './support/owner-host';

const env = useOwnerHost();

describe('app shell in Chromium through the web host', () => {
  it('loads, connects over the WebSocket, and shows the health the core reports', async () => {
    const page = await env.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
    const shell = new AppShell(page);
    await shell.openSignedIn(env.running.host.url);
    // The core's tests run without a keychain, so health is "degraded" with the secrets check's message.
    await expect(shell.health.getAttribute('data-status')).resolves.toBe('degraded');
    await expect(shell.health.textContent()).resolves.toBe('Connected — degraded');
    await shell.health.hover();
    await page
      .getByRole('tooltip')
      .getByText(/secrets: No secure secret store/)
      .waitFor();
    // The access key leaves the address bar once read.
    expect(page.url()).not.toContain('token=');
    expect(errors).toEqual([]);
    mkdirSync(dirname(screenshotPath('x')), { recursive: true });
    await page.screenshot({ path: screenshotPath('app-shell'), fullPage: true });
  });

  it('reaches every page from the navigation', async () => {
    const page = await env.context.newPage();
    const shell = new AppShell(page);
    await shell.openSignedIn(env.running.host.url);
    for (const route of pageRoutesForTests) {
      await shell.goTo(route.title);
      expect(new URL(page.url()).hash).toBe(`#${route.path}`);
      // The page says what to do next (a page may have other live regions, e.g. a save's status).
      await page.getByRole('status').filter({ hasText: route.nextStep }).first().waitFor();
      await expect(shell.navLink(route.title).getAttribute('class')).resolves.toContain('active');
    }
  });

  it('says when an address has no page, and offers the page it most likely meant', async () => {
    const page = await env.context.newPage();
    const shell = new AppShell(page);
    await shell.openSignedIn(env.running.host.url);
    // An old bookmark: Messages lives at /notifications.
    await page.goto(`${env.running.host.origin}/#/messages`);
    await shell.heading.filter({ hasText: 'Page not found' }).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: 'Nothing in the app lives at /messages' })
      .filter({ hasText: 'Did you mean Messages?' })
      .waitFor();
    await page.getByRole('link', { name: 'Open Messages' }).click();
    await shell.heading.filter({ hasText: 'Messages' }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/notifications');
    // Nothing alike: the board is offered.
    await page.goto(`${env.running.host.origin}/#/invoices`);
    await page.getByRole('status').filter({ hasText: 'Pick a page from the navigation' }).waitFor();
    await page.getByRole('link', { name: 'Go to the dispatch board' }).click();
    await shell.heading.filter({ hasText: 'Dispatch board' }).waitFor();
  });

  it('says at once that a record does not exist, without asking again', async () => {
    const page = await env.context.newPage();
    const asked: string[] = [];
    page.on('websocket', (ws) =>
      ws.on('framesent', ({ payload }) => {
        if (String(payload).includes('"clients.get"')) asked.push(String(payload));
      }),
    );
    const shell = new AppShell(page);
    await shell.openSignedIn(env.running.host.url);
    await page.goto(`${env.running.host.origin}/#/clients/cli_nope`);
    await page.getByRole('alert').filter({ hasText: 'No client cli_nope was found' }).waitFor();
    // react-query's default would ask three more times, a second or more apart, behind a skeleton.
    await page.waitForTimeout(1_500);
    expect(asked).toHaveLength(1);
    await page.getByRole('link', { name: 'Back to clients' }).click();
    await shell.heading.filter({ hasText: 'Clients' }).waitFor();
  });

  it('follows the OS colour scheme, light or dark', async () => {
    const luminance = async (colorScheme: 'light' | 'dark') => {
      const ctx = await env.browser.newContext({ colorScheme });
      const page = await ctx.newPage();
      await page.goto(env.running.host.url);
      await new AppShell(page).waitConnected();
      const rgb = await page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
      await ctx.close();
      const [r = 0, g = 0, b = 0] = (rgb.match(/\d+/g) ?? []).map(Number);
      return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    };
    expect(await luminance('light')).toBeGreaterThan(0.8);
    expect(await luminance('dark')).toBeLessThan(0.2);
  });

  it('stays connected and signed in across a reload, without the token in the address', async () => {
    const page = await env.context.newPage();
    const shell = new AppShell(page);
    await shell.openSignedIn(env.running.host.url);
    await page.reload();
    await shell.waitConnected();
    await page.getByTestId('signed-in-as').waitFor();
    expect(page.url()).not.toContain('token=');
  });

  it('explains what to do when opened without the access key, and the socket is refused', async () => {
    const page = await env.context.newPage();
    await page.goto(`${env.running.host.origin}/#/board`);
    const shell = new AppShell(page);
    await expect(shell.health.textContent()).resolves.toBe('No access key');
    await page
      .getByRole('alert')
      .getByText(/opened without its access key/)
      .waitFor();
    const outcome = await page.evaluate(
      (url) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(url);
          ws.onopen = () => resolve('open');
          ws.onclose = () => resolve('refused');
        }),
      `ws://127.0.0.1:${env.running.host.port}/api?token=wrong`,
    );
    expect(outcome).toBe('refused');
  });
});
