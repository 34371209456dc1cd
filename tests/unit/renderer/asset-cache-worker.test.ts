// The web host's service worker (renderer/sw/asset-cache.js) run in a sandbox with a cache and a
// network made here: what it serves, what it keeps, and what it lets pass. (tests/e2e/asset-cache
// runs it in Chromium.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';

const SOURCE = readFileSync(
  join(import.meta.dirname, '../../../renderer/sw/asset-cache.js'),
  'utf8',
);
const CACHE = 'servicepro-assets-feedfacecafebeef';
const ORIGIN = 'http://127.0.0.1:4321';

type Listener = (event: unknown) => void;

/** A store of responses by URL, standing for one Cache of CacheStorage. */
class FakeCache {
  readonly entries = new Map<string, Response>();
  async match(request: Request) {
    return this.entries.get(request.url)?.clone();
  }
  async put(request: Request, response: Response) {
    this.entries.set(request.url, response);
  }
}

function startWorker(options: { failingCache?: boolean } = {}) {
  const listeners = new Map<string, Listener>();
  const stores = new Map<string, FakeCache>();
  const fetched: string[] = [];
  let answer: (url: string) => Response = (url) => new Response(`// ${url}`, { status: 200 });
  const calls = { skipWaiting: 0, claim: 0 };
  const caches = {
    open: async (name: string) => {
      if (options.failingCache) throw new Error('QuotaExceededError');
      if (!stores.has(name)) stores.set(name, new FakeCache());
      return stores.get(name) as FakeCache;
    },
    keys: async () => [...stores.keys()],
    delete: async (name: string) => stores.delete(name),
  };
  const self = {
    location: new URL(`${ORIGIN}/sw.js`),
    addEventListener: (type: string, listener: Listener) => listeners.set(type, listener),
    skipWaiting: () => void calls.skipWaiting++,
    clients: { claim: async () => void calls.claim++ },
  };
  runInNewContext(SOURCE.replace('__ASSET_CACHE__', CACHE), {
    self,
    caches,
    URL,
    Promise,
    fetch: async (request: Request) => {
      fetched.push(request.url);
      return answer(request.url);
    },
  });

  /** Dispatches a fetch event; resolves to what the worker answered, or null if it let it pass. */
  const request = async (path: string, method = 'GET') => {
    const answered: { response?: Promise<Response> } = {};
    const waits: Promise<unknown>[] = [];
    listeners.get('fetch')?.({
      request: new Request(new URL(path, ORIGIN), { method }),
      respondWith: (r: Promise<Response>) => (answered.response = r),
      waitUntil: (p: Promise<unknown>) => waits.push(p),
    });
    const response = answered.response ? await answered.response : null;
    await Promise.all(waits);
    return response;
  };
  const lifecycle = async (type: 'install' | 'activate', extra: object = {}) => {
    const waits: Promise<unknown>[] = [];
    listeners.get(type)?.({ waitUntil: (p: Promise<unknown>) => waits.push(p), ...extra });
    await Promise.all(waits);
  };
  return {
    request,
    lifecycle,
    stores,
    fetched,
    calls,
    setNetwork: (fn: (url: string) => Response) => (answer = fn),
  };
}

describe('asset cache service worker', () => {
  it('serves an asset from the network once, then from its cache', async () => {
    const sw = startWorker();
    const first = await sw.request('/assets/mount-abc123.js');
    expect(await first?.text()).toBe(`// ${ORIGIN}/assets/mount-abc123.js`);
    const second = await sw.request('/assets/mount-abc123.js');
    expect(await second?.text()).toBe(`// ${ORIGIN}/assets/mount-abc123.js`);
    expect(sw.fetched).toEqual([`${ORIGIN}/assets/mount-abc123.js`]);
    expect([...(sw.stores.get(CACHE)?.entries.keys() ?? [])]).toEqual([
      `${ORIGIN}/assets/mount-abc123.js`,
    ]);
  });

  it('lets the page, the API and other methods pass to the network untouched', async () => {
    const sw = startWorker();
    expect(await sw.request('/')).toBeNull();
    expect(await sw.request('/index.html')).toBeNull();
    expect(await sw.request('/sw.js')).toBeNull();
    expect(await sw.request('/assets/mount-abc123.js', 'POST')).toBeNull();
    expect(await sw.request('https://tile.example.test/assets/1/2/3.png')).toBeNull();
    expect(sw.fetched).toEqual([]);
    expect(sw.stores.size).toBe(0);
  });

  it('does not keep an error answer (the next start asks again)', async () => {
    const sw = startWorker();
    sw.setNetwork(() => new Response('Not found', { status: 404 }));
    expect((await sw.request('/assets/gone-000.js'))?.status).toBe(404);
    sw.setNetwork((url) => new Response(`// ${url}`));
    expect((await sw.request('/assets/gone-000.js'))?.status).toBe(200);
    expect(sw.fetched).toHaveLength(2);
  });

  it('falls back to the network when the cache cannot be used', async () => {
    const sw = startWorker({ failingCache: true });
    const response = await sw.request('/assets/mount-abc123.js');
    expect(response?.status).toBe(200);
    expect(sw.fetched).toEqual([`${ORIGIN}/assets/mount-abc123.js`]);
  });

  it('routes everything but the assets past itself where the browser allows, and takes over at once', async () => {
    const sw = startWorker();
    const routes: unknown[] = [];
    await sw.lifecycle('install', {
      addRoutes: async (rules: unknown[]) => void routes.push(...rules),
    });
    expect(routes).toEqual([
      { condition: { not: { urlPattern: { pathname: '/assets/*' } } }, source: 'network' },
    ]);
    expect(sw.calls.skipWaiting).toBe(1);
    // A browser without static routes (or refusing these) still installs it.
    await sw.lifecycle('install', { addRoutes: () => Promise.reject(new TypeError('no')) });
    await sw.lifecycle('install');
    expect(sw.calls.skipWaiting).toBe(3);
  });

  it('deletes older builds’ caches on taking over, keeping its own and anyone else’s', async () => {
    const sw = startWorker();
    await sw.request('/assets/mount-abc123.js');
    for (const name of ['servicepro-assets-0000000000000000', 'workbox-precache', 'other']) {
      sw.stores.set(name, new FakeCache());
    }
    await sw.lifecycle('activate');
    expect([...sw.stores.keys()].sort()).toEqual(['other', CACHE, 'workbox-precache']);
    expect(sw.calls.claim).toBe(1);
  });
});
