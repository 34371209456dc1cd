import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedServer } from '../../electron/embedded-db/index';
import { createOwner } from '../support/fixtures';
import { startTestHost, type RunningHost } from '../support/host';
import { AppShell } from './pages/AppShell';
import { builtRendererDir, launchBrowser, screenshotPath } from './support/browser';

const dir = mkdtempSync(join(tmpdir(), 'servicepro-e2e-loss-'));
let browser: Browser;
let running: RunningHost;
let server: Awaited<ReturnType<typeof startEmbeddedServer>>;

beforeAll(async () => {
  // Its own database server, so the test can stop it without touching the other suites.
  server = await startEmbeddedServer({ dbPath: dir });
  running = await startTestHost(builtRendererDir(), {
    databaseUri: server.uri,
    databaseName: 'app',
  });
  await createOwner(running.core);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await running?.close();
  await server?.close().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!!process.env.MONGODB_URI)('losing the database, in Chromium', () => {
  it('shows a banner saying the database is unreachable, and clears it when it is back', async () => {
    const page = await browser.newPage();
    const shell = new AppShell(page);
    await shell.openSignedIn(running.host.url);
    await expect(page.getByTestId('database-banner').count()).resolves.toBe(0);

    await server.close();
    await page.reload();
    const banner = page.getByTestId('database-banner');
    await banner.waitFor();
    await expect(banner.textContent()).resolves.toContain('Cannot reach the database');
    await page.screenshot({ path: screenshotPath('database-lost') });

    server = await startEmbeddedServer({ dbPath: dir, port: server.port });
    // The health check runs every 15 s; a reload asks at once.
    await expect
      .poll(
        async () => {
          await page.reload();
          await shell.waitConnected();
          return page.getByTestId('database-banner').count();
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBe(0);
  });
});
