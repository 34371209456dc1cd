// Renderer entry: picks the transport (Electron IPC or WebSocket) and mounts the app.
import { QueryClient } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApi, defaultTransport, maySignInAgain } from './api/client';
import { App } from './app/App';
import { prefetchBoardDay } from './features/board/prefetch';

const transport = defaultTransport();
const api = createApi(transport);
const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 10_000, refetchOnWindowFocus: false } },
});

if (maySignInAgain()) prefetchBoardDay(api, queryClient, window.location.hash);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
createRoot(root).render(
  <StrictMode>
    <App api={api} transport={transport} queryClient={queryClient} />
  </StrictMode>,
);
