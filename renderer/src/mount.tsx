// Mounts the app. Loaded by main.tsx after it has opened the connection, so the app's code loads
// while the first requests are already on their way.
import type { QueryClient } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { Api } from '../../shared/contract';
import type { Transport } from './api/transport';
import { App } from './app/App';
import { appTheme } from './app/theme';
import { rememberedPreferences } from './features/settings/appearance/preferences';

/**
 * Work the first draw would otherwise do, done while main.tsx waits for the first answers: the
 * theme for the density this window last used.
 */
export function prepare(): void {
  appTheme(rememberedPreferences().density);
}

export function mount(
  root: HTMLElement,
  app: { api: Api; transport: Transport; queryClient: QueryClient },
): void {
  createRoot(root).render(
    <StrictMode>
      <App api={app.api} transport={app.transport} queryClient={app.queryClient} />
    </StrictMode>,
  );
}
