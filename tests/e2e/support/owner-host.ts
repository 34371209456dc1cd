// The setting most browser tests share: the web host on the built renderer with the first-run owner
// created, one Chromium for the file, and a fresh browser context for each test (closed after it).
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { createOwner } from '../../support/fixtures';
import { startTestHost, type RunningHost } from '../../support/host';
import { builtRendererDir, launchBrowser } from './browser';

export interface OwnerHost {
  running: RunningHost;
  browser: Browser;
  /** This test's own context. */
  context: BrowserContext;
}

/** Registers the hooks; the fields are set once they have run (read them inside tests). */
export function useOwnerHost(viewport = { width: 1366, height: 820 }): OwnerHost {
  const env = {} as OwnerHost;
  beforeAll(async () => {
    env.running = await startTestHost(builtRendererDir());
    await createOwner(env.running.core);
    env.browser = await launchBrowser();
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.running?.close();
  });
  beforeEach(async () => {
    env.context = await env.browser.newContext({ viewport });
  });
  afterEach(() => env.context.close());
  return env;
}
