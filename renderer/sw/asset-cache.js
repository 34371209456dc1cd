// The web host's service worker: keeps the app's code — the build's files under /assets/, named by
// their content, so a kept copy is never stale — in a cache of its own build.
//
// Why: a browser keeps the compiled form of a script beside that script's cached copy. An app
// window or tab that starts in a fresh browsing context (a new tab, a private window, one opened from
// another page) otherwise parses and compiles the app's 600 kB of code again on every start, which
// was about 400 ms of the board's first render (bench:board). Scripts served from this cache carry
// their compiled code from the third start on, in private windows too.
//
// Only the app's code goes through this worker: the page itself, the WebSocket and everything else
// go to the network untouched (a new build's page is always fetched, and names its own files). Each
// build has its own cache (the name below is set by the build from the build's file names); once a
// new build's worker takes over, the caches of older builds are deleted.
//
// Built into out/renderer/sw.js by the servicepro-asset-cache plugin (electron.vite.config.ts);
// registered by renderer/src/offline/registerAssetCache.ts.
'use strict';

const CACHE = '__ASSET_CACHE__';
const CACHE_PREFIX = 'servicepro-assets-';
const ASSETS_PATH = '/assets/';

const isAsset = (url) =>
  url.origin === self.location.origin && url.pathname.startsWith(ASSETS_PATH);

self.addEventListener('install', (event) => {
  // Where the browser can, requests for anything but the app's code skip this worker altogether,
  // without waiting for it to start. Elsewhere the fetch handler below lets them pass.
  if (typeof event.addRoutes === 'function') {
    event.waitUntil(
      event
        .addRoutes([
          {
            condition: { not: { urlPattern: { pathname: `${ASSETS_PATH}*` } } },
            source: 'network',
          },
        ])
        .catch(() => undefined),
    );
  }
  // A new build's worker takes over at once: its cache only adds files, so the pages still open keep
  // working with theirs.
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

/** The kept copy, else the network's (kept for next time); the network's whenever the cache fails. */
async function cachedAsset(event) {
  const request = event.request;
  let cache;
  try {
    cache = await caches.open(CACHE);
    const kept = await cache.match(request);
    if (kept) return kept;
  } catch {
    return fetch(request);
  }
  const response = await fetch(request);
  if (response.ok && response.status === 200) {
    event.waitUntil(cache.put(request, response.clone()).catch(() => undefined));
  }
  return response;
}

self.addEventListener('fetch', (event) => {
  if (event.request.method !== 'GET' || !isAsset(new URL(event.request.url))) return;
  event.respondWith(cachedAsset(event));
});
