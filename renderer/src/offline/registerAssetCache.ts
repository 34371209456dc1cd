// Registers the web host's service worker (renderer/sw/asset-cache.js), which keeps the app's code
// between starts (and, in Chromium, lets about half of a tab's fresh starts reuse the app's already
// compiled code: see that file).
//
// Only for a built app served over http(s): not under Vite's dev server (its files change under the
// same names) and not in Electron (file://, where service workers do not run).

/** Registered this long after the page's load event, out of the way of its first draw and answers. */
const REGISTER_DELAY_MS = 1000;

export function registerAssetCache(): void {
  if (!import.meta.env.PROD) return;
  if (!/^https?:$/.test(window.location.protocol) || !('serviceWorker' in navigator)) return;
  const register = () => {
    navigator.serviceWorker.register('./sw.js').catch((error: unknown) => {
      // The app works the same without it; it only starts slower.
      console.warn('The app could not keep its code for next time (service worker):', error);
    });
  };
  const later = () => setTimeout(register, REGISTER_DELAY_MS);
  if (document.readyState === 'complete') later();
  else window.addEventListener('load', later, { once: true });
}
