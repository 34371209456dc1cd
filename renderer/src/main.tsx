// Renderer entry: picks the transport (Electron IPC or WebSocket), starts asking for the board's day
// when the page opens on it, then loads and mounts the app. This module is kept small: the
// connection opens before the app's code has been evaluated, not after.
import { notifyManager, QueryClient } from '@tanstack/react-query';
import { createApi, defaultTransport, maySignInAgain } from './api/client';
import { prefetchDayPage, prefetchSession } from './features/board/prefetch';
import { applyRememberedScheme } from './features/settings/appearance/early';

// Query changes reach the components in the same task as the change (a microtask, not the default
// setTimeout): a dropped card's optimistic place is drawn in the frame that ends the drag, instead
// of one frame showing it back where it started.
notifyManager.setScheduler(queueMicrotask);

// Dark before the first paint when this computer is set to dark (a few lines, no imports).
applyRememberedScheme();

const transport = defaultTransport();
const api = createApi(transport);
const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 10_000, refetchOnWindowFocus: false } },
});

if (maySignInAgain()) {
  prefetchSession(api, queryClient);
  prefetchDayPage(api, queryClient, window.location.hash);
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
void import('./mount').then(({ mount }) => mount(root, { api, transport, queryClient }));
