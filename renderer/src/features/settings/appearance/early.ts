// Run by main.tsx before the app's code loads: the page's colour scheme from the last known
// preference, so a window set to dark does not flash white while it starts. Imports nothing.
import { CACHE_KEY } from './cacheKey';

export function applyRememberedScheme(): void {
  let theme: unknown;
  try {
    theme = (JSON.parse(localStorage.getItem(CACHE_KEY) ?? '{}') as { theme?: unknown }).theme;
  } catch {
    return;
  }
  const dark =
    theme === 'dark' ||
    (theme !== 'light' && window.matchMedia('(prefers-color-scheme: dark)').matches);
  const scheme = dark ? 'dark' : 'light';
  const root = document.documentElement;
  // The class MUI's theme selects its scheme by (theme.ts: colorSchemeSelector 'class').
  root.classList.add(scheme);
  root.style.colorScheme = scheme;
}
