// The typed API client, derived from the contract: api.<area>.<verb>(input) over any transport.
import {
  ApiError,
  channelNames,
  TOKEN_PARAM,
  WS_PATH,
  type Api,
  type BridgeApi,
} from '../../../shared/contract';
import { ipcTransport } from './ipc-transport';
import type { Transport } from './transport';
import { wsTransport } from './ws-transport';

export function createApi(transport: Transport): Api {
  const api: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> = {};
  for (const channel of channelNames) {
    const [area, verb] = channel.split('.') as [string, string];
    api[area] ??= {};
    api[area][verb] = async (input) => {
      const result = await transport.invoke(channel, input);
      if (!result.ok) throw new ApiError(result.error);
      return result.value;
    };
  }
  return api as unknown as Api;
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
