// Renderer entry: picks the transport (Electron IPC or WebSocket), starts asking for the board's day
// when the page opens on it, then loads and mounts the app. This module is kept small: the
// connection opens before the app's code has been evaluated, not after.
//
// The first draw waits a little for those answers once the code is in (FIRST_DATA_WAIT_MS): drawn
// with them, the page is built once, with its data. Drawn before them, it is built twice: an empty
// frame with a loading wheel, laid out and painted, then the same page again once the answer lands,
// which meanwhile waits behind the first build. That happens when the answer comes a little after
// the code: bench:board with the answer sent 5–40 ms later (encoded twice on the server), first
// render medians (3 interleaved rounds of 7 loads) 1,179 / 1,164 / 1,214 ms before, 977 / 992 /
// 1,140 after. On the embedded defaults the answer usually lands before the code and the two
// measure alike.
import { notifyManager, QueryClient } from '@tanstack/react-query';
import { createApi, defaultTransport, maySignInAgain } from './api/client';
import { retryQuery } from './api/retry';
import { prefetchDayPage, prefetchSession } from './features/board/prefetch';
import { applyRememberedScheme } from './features/settings/appearance/early';
import { registerAssetCache } from './offline/registerAssetCache';

// Query changes reach the components in the same task as the change (a microtask, not the default
// setTimeout): a dropped card's optimistic place is drawn in the frame that ends the drag, instead
// of one frame showing it back where it started.
notifyManager.setScheduler(queueMicrotask);

// Dark before the first paint when this computer is set to dark (a few lines, no imports).
applyRememberedScheme();

const transport = defaultTransport();
const api = createApi(transport);
/**
 * How long the first draw waits, once the app's code has loaded, for the answers the page opens
 * with. Longer than a local answer takes; short enough that a slow server shows the app's frame and
 * its loading bar almost at once.
 */
const FIRST_DATA_WAIT_MS = 300;

const queryClient = new QueryClient({
  defaultOptions: {
    queries: { staleTime: 10_000, refetchOnWindowFocus: false, retry: retryQuery },
  },
});

// Settles once the answers asked for here are in the query cache (or failed); never rejects.
let firstData: Promise<unknown> = Promise.resolve();
if (maySignInAgain()) {
  firstData = Promise.all([
    prefetchSession(api, queryClient),
    prefetchDayPage(api, queryClient, window.location.hash),
  ]);
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
void import('./mount').then(async ({ mount, prepare }) => {
  prepare();
  await Promise.race([
    firstData,
    new Promise((resolve) => setTimeout(resolve, FIRST_DATA_WAIT_MS)),
  ]);
  mount(root, { api, transport, queryClient });
  registerAssetCache();
});
