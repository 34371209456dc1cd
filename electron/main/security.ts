// Locks down every web contents: no navigation away, no new windows, external links to the OS browser.
import { shell, type WebContents } from 'electron';

const EXTERNAL_PROTOCOLS = new Set(['https:', 'http:', 'mailto:', 'tel:']);

export function isSafeExternalUrl(url: string): boolean {
  try {
    return EXTERNAL_PROTOCOLS.has(new URL(url).protocol);
  } catch {
    return false;
  }
}

/** Opens a link in the user's browser if it is an ordinary web, mail or phone link; ignores anything else. */
export function openExternal(url: string): boolean {
  if (!isSafeExternalUrl(url)) return false;
  void shell.openExternal(url);
  return true;
}

export function hardenWebContents(contents: WebContents, isAppUrl: (url: string) => boolean): void {
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    openExternal(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternal(url);
    return { action: 'deny' };
  });
}

/** True for the app's own pages: the built renderer on disk, or the dev server in development. */
export function appUrlMatcher(rendererIndexUrl: string, devServerUrl?: string) {
  const base = new URL(rendererIndexUrl);
  const dev = devServerUrl ? new URL(devServerUrl) : undefined;
  return (url: string): boolean => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (dev && parsed.origin === dev.origin) return true;
    return parsed.protocol === 'file:' && parsed.pathname === base.pathname;
  };
}
