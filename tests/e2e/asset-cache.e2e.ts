// The web host's service worker (renderer/sw/asset-cache.js) in Chromium: the app's code is served
// from its cache once it has taken over, the page itself never is, and an older build's cache goes.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { AppShell } from './pages/AppShell';
import { useOwnerHost } from './support/owner-host';

const env = useOwnerHost();

/** The worker is registered a second after the page loads, then takes the page over. */
const waitForWorker = (page: Page) =>
  page.waitForFunction(
    () =>
      (globalThis as unknown as { navigator: { serviceWorker: { controller: unknown } } }).navigator
        .serviceWorker.controller !== null,
    undefined,
    { timeout: 15_000 },
  );

/** The page's CacheStorage, as much of it as these tests use (the tests compile without the DOM's types). */
interface PageCaches {
  keys(): Promise<string[]>;
  open(name: string): Promise<{
    keys(): Promise<{ url: string }[]>;
    put(url: string, response: Response): Promise<void>;
  }>;
}

/** The caches the page's origin holds, with the paths each keeps. */
const cachedPaths = (page: Page) =>
  page.evaluate(async () => {
    const caches = (globalThis as unknown as { caches: PageCaches }).caches;
    const held: Record<string, string[]> = {};
    for (const name of await caches.keys()) {
      const requests = await (await caches.open(name)).keys();
      held[name] = requests.map((r) => new URL(r.url).pathname).sort();
    }
    return held;
  });

describe('the app keeps its code between starts (service worker)', () => {
  it('serves the app’s code from its cache after a reload, and never the page itself', async () => {
    const page = await env.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    const shell = new AppShell(page);
    await shell.openSignedIn(env.running.host.url);
    await waitForWorker(page);

    await page.reload();
    // Still signed in, and working: the board's heading is drawn by code from the cache.
    await page.getByTestId('signed-in-as').waitFor();
    const scripts = await page.evaluate(() =>
      (
        performance.getEntriesByType('resource') as unknown as {
          name: string;
          workerStart: number;
        }[]
      )
        .filter((e) => new URL(e.name).pathname.startsWith('/assets/'))
        .map((e) => ({ path: new URL(e.name).pathname, viaWorker: e.workerStart > 0 })),
    );
    expect(scripts.length).toBeGreaterThan(2);
    expect(scripts.filter((s) => !s.viaWorker)).toEqual([]);

    const held = await cachedPaths(page);
    const names = Object.keys(held);
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^servicepro-assets-[0-9a-f]{16}$/);
    const kept = held[names[0] as string] ?? [];
    expect(kept).toEqual(expect.arrayContaining(scripts.map((s) => s.path)));
    // Only the build's content-named files: a new build's page is always asked for afresh.
    expect(kept.filter((path) => !path.startsWith('/assets/'))).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('drops the caches of older builds when it takes over, and leaves other caches alone', async () => {
    const page = await env.context.newPage();
    await page.goto(env.running.host.url);
    // Before the worker is registered (a second after the load): what an older build left behind.
    await page.evaluate(async () => {
      const caches = (globalThis as unknown as { caches: PageCaches }).caches;
      await (
        await caches.open('servicepro-assets-0123456789abcdef')
      ).put('/assets/index-OLD.js', new Response('// an older build'));
      await (await caches.open('not-ours')).put('/x', new Response('kept'));
    });
    await waitForWorker(page);

    await expect
      .poll(async () => Object.keys(await cachedPaths(page)).sort(), { timeout: 10_000 })
      .toEqual(['not-ours']);
    // The current build's cache fills as the app asks for its files.
    await page.reload();
    await new AppShell(page).waitConnected();
    const held = await cachedPaths(page);
    expect(Object.keys(held).filter((n) => n.startsWith('servicepro-assets-'))).toHaveLength(1);
    expect(held['not-ours']).toEqual(['/x']);
  });
});
