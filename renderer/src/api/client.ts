// The typed API client, derived from the contract: api.<area>.<verb>(input) over any transport.
import type { Api } from '../../../shared/contract';
import { TOKEN_PARAM, WS_PATH, type BridgeApi } from '../../../shared/contract/bridge';
import { ApiError } from '../../../shared/contract/result';
import { ipcTransport } from './ipc-transport';
import type { Transport } from './transport';
import { wsTransport } from './ws-transport';

/**
 * `api.<area>.<verb>(input)` calls the channel `<area>.<verb>`. The names come from the property
 * accessed, not from a list, so the page does not load the contract's schemas to start (the main
 * process validates every call and refuses unknown channels; TypeScript checks them here).
 */
export function createApi(transport: Transport): Api {
  const areas = new Map<string, Record<string, (input?: unknown) => Promise<unknown>>>();
  const areaOf = (area: string) => {
    let verbs = areas.get(area);
    if (!verbs) {
      const made: Record<string, (input?: unknown) => Promise<unknown>> = {};
      verbs = new Proxy(made, {
        get(target, verb) {
          if (typeof verb !== 'string' || verb === 'then') return undefined;
          target[verb] ??= async (input?: unknown) => {
            const result = await transport.invoke(`${area}.${verb}`, input);
            if (!result.ok) throw new ApiError(result.error);
            return result.value;
          };
          return target[verb];
        },
      });
      areas.set(area, verbs);
    }
    return verbs;
  };
  return new Proxy({} as Api, {
    // Not `then`: an api object must not look like a promise to `await`.
    get: (_, area) => (typeof area === 'string' && area !== 'then' ? areaOf(area) : undefined),
  });
}

const TOKEN_KEY = 'servicepro.token';
const RESUME_KEY = 'servicepro.resume';

/** The web host's token arrives once in the page URL; keep it for reloads and take it out of the address bar. */
export function takeToken(location: Location, history: History, storage: Storage): string | null {
  const params = new URLSearchParams(location.search);
  const fromUrl = params.get(TOKEN_PARAM);
  if (fromUrl) {
    storage.setItem(TOKEN_KEY, fromUrl);
    params.delete(TOKEN_PARAM);
    const query = params.toString();
    history.replaceState(
      null,
      '',
      `${location.pathname}${query ? `?${query}` : ''}${location.hash}`,
    );
    return fromUrl;
  }
  return storage.getItem(TOKEN_KEY);
}

/**
 * Whether this window may already be signed in: Electron keeps its session in the main process,
 * a browser tab has a resume token from an earlier sign-in.
 */
export function maySignInAgain(): boolean {
  return (
    (window as Window & { api?: BridgeApi }).api !== undefined ||
    window.sessionStorage.getItem(RESUME_KEY) !== null
  );
}

/** Electron's preload when present, the web host's WebSocket otherwise. */
export function defaultTransport(): Transport {
  const bridge = (window as Window & { api?: BridgeApi }).api;
  if (bridge) return ipcTransport(bridge);
  const token = takeToken(window.location, window.history, window.sessionStorage);
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const storage = window.sessionStorage;
  return wsTransport(
    token
      ? `${scheme}://${window.location.host}${WS_PATH}?${TOKEN_PARAM}=${encodeURIComponent(token)}`
      : null,
    {
      get: () => storage.getItem(RESUME_KEY),
      set: (value) => (value ? storage.setItem(RESUME_KEY, value) : storage.removeItem(RESUME_KEY)),
    },
  );
}
