// The web host's service worker: keeps the app's code — the build's files under /assets/, named by
// their content, so a kept copy is never stale — in a cache of its own build.
//
// Why (measured in Chromium, bench:board): the page is served with Cross-Origin-Opener-Policy, so a
// tab that comes to the app from another page (about:blank, a new tab) starts a new browsing context
// group, and without this worker Chromium gave each such start a renderer process of its own, which
// parsed and compiled the app's 600 kB of code again: about 1,000 ms to the board's first paint. With
// it, about half of those starts run in the process that already holds the app (where this worker
// runs), take the code and its compiled form from that process's memory, and paint in 450-600 ms;
// the others cost what they did.
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
  // A new build's worker takes over at once. Pages of the older build still open keep the code they
  // have loaded; a file of theirs asked for later comes from the web host, as without this worker.
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
  // Whole answers only (not a 206 part, not an error).
  if (response.status === 200) {
    event.waitUntil(cache.put(request, response.clone()).catch(() => undefined));
  }
  return response;
}

self.addEventListener('fetch', (event) => {
  if (event.request.method !== 'GET' || !isAsset(new URL(event.request.url))) return;
  event.respondWith(cachedAsset(event));
});
