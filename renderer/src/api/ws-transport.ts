// Transport over the web host's WebSocket (browser mode): request ids, reconnects, typed failures.
import type { EventListener, Result, WireMessage, WireRequest } from '../../../shared/contract';
import { decodeWire, encodeWire } from '../../../shared/contract/wire';
import type { ConnectionState, Transport } from './transport';

const REQUEST_TIMEOUT_MS = 30_000;
const MAX_BACKOFF_MS = 5_000;

interface Pending {
  resolve: (result: Result<unknown>) => void;
  timer: ReturnType<typeof setTimeout>;
}

const unavailable = (message: string): Result<never> => ({
  ok: false,
  error: { kind: 'unavailable', message },
});

export function wsTransport(url: string | null): Transport {
  let socket: WebSocket | undefined;
  let state: ConnectionState = url ? 'connecting' : 'unauthorized';
  let nextId = 1;
  let backoff = 250;
  const pending = new Map<number, Pending>();
  const queued: WireRequest[] = [];
  const eventListeners = new Set<EventListener>();
  const stateListeners = new Set<(s: ConnectionState) => void>();

  const setState = (next: ConnectionState) => {
    if (next === state) return;
    state = next;
    for (const listener of stateListeners) listener(next);
  };

  const settle = (id: number, result: Result<unknown>) => {
    const entry = pending.get(id);
    if (!entry) return;
    pending.delete(id);
    clearTimeout(entry.timer);
    entry.resolve(result);
  };

  const connect = () => {
    if (!url) return;
    setState('connecting');
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      backoff = 250;
      setState('open');
      for (const request of queued.splice(0)) ws.send(encodeWire(request));
    };
    ws.onmessage = (message) => {
      let data: WireMessage;
      try {
        data = decodeWire(String(message.data)) as WireMessage;
      } catch {
        return;
      }
      if (data.type === 'event') {
        for (const listener of eventListeners) listener(data.name, data.payload);
      } else if (data.id !== null) {
        settle(data.id, data.result);
      }
    };
    ws.onclose = () => {
      socket = undefined;
      // Requests already sent may or may not have run; the caller is told so instead of a retry.
      for (const id of [...pending.keys()]) {
        if (!queued.some((q) => q.id === id)) {
          settle(
            id,
            unavailable(
              'The connection to the app dropped before it answered. Check the result, then try again.',
            ),
          );
        }
      }
      setState('closed');
      setTimeout(connect, backoff);
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    };
  };
  connect();

  return {
    kind: 'websocket',
    invoke(channel, input) {
      if (!url) {
        return Promise.resolve(
          unavailable(
            'This page was opened without its access key. Open the address printed by `npm run web`.',
          ),
        );
      }
      const request: WireRequest = { id: nextId++, channel, input };
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          const i = queued.indexOf(request);
          if (i >= 0) queued.splice(i, 1);
          settle(
            request.id,
            unavailable(
              'The app did not answer in time. Check the connection indicator, then try again.',
            ),
          );
        }, REQUEST_TIMEOUT_MS);
        pending.set(request.id, { resolve, timer });
        if (socket?.readyState === WebSocket.OPEN) socket.send(encodeWire(request));
        else queued.push(request);
      });
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    state: () => state,
    onStateChange(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
  };
}
