// Transport over the web host's WebSocket (browser mode): request ids, reconnects, typed failures.
import type { EventListener, Result, WireMessage, WireRequest } from '../../../shared/contract';
import { wireCodec } from '../../../shared/contract/wire';
import type { ConnectionState, Transport } from './transport';

// Without bson: see wire.ts.
const { encode: encodeWire, decode: decodeWire } = wireCodec();

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

export interface ResumeStore {
  get(): string | null;
  set(token: string | null): void;
}

export function wsTransport(url: string | null, resume?: ResumeStore): Transport {
  let socket: WebSocket | undefined;
  let state: ConnectionState = url ? 'connecting' : 'unauthorized';
  let nextId = 1;
  let backoff = 250;
  /** Id of the auth.resume request sent on connect (the web host runs later requests after it). */
  let resumeId: number | null = null;
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
    const ready = () => {
      setState('open');
      for (const request of queued.splice(0)) ws.send(encodeWire(request));
    };
    ws.onopen = () => {
      backoff = 250;
      const token = resume?.get();
      if (token) {
        resumeId = nextId++;
        ws.send(
          encodeWire({ id: resumeId, channel: 'auth.resume', input: { resume_token: token } }),
        );
      }
      // The waiting requests go right behind it: the host answers them as whoever it signs in
      // (electron/host/server.ts), one round trip sooner than waiting for its answer here.
      ready();
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
      } else if (data.id !== null && data.id === resumeId) {
        resumeId = null;
        // A token the app no longer knows (restarted, signed out elsewhere) is dropped; one it could
        // not check (database unreachable) is kept for the next connection.
        if (data.result.ok && data.result.value === null) resume?.set(null);
      } else if (data.id !== null) {
        settle(data.id, data.result);
      }
    };
    ws.onclose = () => {
      socket = undefined;
      resumeId = null;
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
      // Extended JSON would send a missing input as null, which the schema rightly refuses.
      const request: WireRequest =
        input === undefined ? { id: nextId++, channel } : { id: nextId++, channel, input };
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
    setResumeToken: (token) => resume?.set(token),
    onStateChange(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
  };
}
