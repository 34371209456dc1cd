// Browser mode: serves the built renderer and the contract over a token-guarded WebSocket on 127.0.0.1.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import { TOKEN_PARAM, WS_PATH, type WireMessage } from '../../shared/contract';
import { decodeWire, encodeWire } from '../../shared/contract/wire-bson';
import { contentSecurityPolicy } from '../../shared/security';
import type { Core } from '../core/compose';
import type { Session } from '../core/context';
import { mayReceive } from '../core/events';
import { formatIssues } from '../core/dispatch';
import type { Logger } from '../core/ports';

export interface WebHostOptions {
  core: Core;
  /** Folder holding the built renderer (index.html and assets). */
  rendererDir: string;
  logger: Logger;
  /** 0 picks a free port. */
  port?: number;
  /** Fixed token for tests; a random one is made per launch otherwise. */
  token?: string;
}

export interface WebHost {
  /** Page URL including the token, the one to open in a browser. */
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
const MAX_MESSAGE_BYTES = 1024 * 1024;

const wireRequestSchema = z.object({
  id: z.number().int().nonnegative(),
  channel: z.string().min(1).max(200),
  input: z.unknown().optional(),
});

const securityHeaders = {
  'Content-Security-Policy': contentSecurityPolicy(),
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** One browser tab's connection: who it is signed in as, and its sign-in call in flight, if any. */
interface Connection {
  session: Session | null;
  /** Settles once the sign-in calls sent so far on this connection are answered. */
  signingIn: Promise<void>;
}

/** The calls that sign a connection in or out, or change whom it is signed in as. */
const SESSION_CHANNELS: ReadonlySet<string> = new Set([
  'auth.resume',
  'auth.signIn',
  'auth.signOut',
  'auth.createOwner',
  'auth.loadDemo',
  'auth.switchBusiness',
]);

function tokensMatch(expected: string, given: string | null): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { core, logger } = options;
  const token = options.token ?? randomBytes(24).toString('base64url');
  const serveStatic = sirv(options.rendererDir, {
    single: true,
    dev: false,
    etag: true,
    setHeaders: (res, pathname) => {
      for (const [k, v] of Object.entries(securityHeaders)) res.setHeader(k, v);
      // The build names assets by their content, so a cached copy never goes stale and the browser
      // keeps their compiled code between loads; the page itself is asked for again each time.
      res.setHeader(
        'Cache-Control',
        pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    serveStatic(req, res, () => {
      res.writeHead(404, securityHeaders).end('Not found');
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  // Each browser tab is its own connection with its own sign-in.
  const sockets = new Map<WebSocket, Connection>();

  let origin = '';
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', origin);
    const refuse = (status: number, reason: string) => {
      logger.log('warn', 'WebSocket refused', { status, reason, remote: req.socket.remoteAddress });
      socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== WS_PATH) return refuse(404, 'Not Found');
    if (!tokensMatch(token, url.searchParams.get(TOKEN_PARAM))) return refuse(401, 'Unauthorized');
    // Browsers always send Origin; a page from another site must not drive the app even with a leaked token.
    const requestOrigin = req.headers.origin;
    if (requestOrigin !== undefined && requestOrigin !== origin) return refuse(403, 'Forbidden');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  const send = (ws: WebSocket, message: WireMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(encodeWire(message));
  };

  wss.on('connection', (ws: WebSocket) => {
    const connection: Connection = { session: null, signingIn: Promise.resolve() };
    sockets.set(ws, connection);
    const aborter = new AbortController();
    ws.on('close', () => {
      sockets.delete(ws);
      aborter.abort();
    });
    ws.on('message', (data, isBinary) => {
      let raw: unknown;
      try {
        if (isBinary) throw new Error('binary frames are not accepted');
        raw = decodeWire(data.toString());
      } catch (err) {
        send(ws, {
          type: 'result',
          id: null,
          result: {
            ok: false,
            error: {
              kind: 'validation',
              message: `Malformed request: ${err instanceof Error ? err.message : 'not JSON'}.`,
            },
          },
        });
        return;
      }
      const request = wireRequestSchema.safeParse(raw);
      if (!request.success) {
        const rawId = (raw as { id?: unknown } | null)?.id;
        send(ws, {
          type: 'result',
          id: typeof rawId === 'number' ? rawId : null,
          result: {
            ok: false,
            error: {
              kind: 'validation',
              message: 'Malformed request: expected {id, channel, input}.',
              details: formatIssues(request.error.issues),
            },
          },
        });
        return;
      }
      const { id, channel, input } = request.data;
      // A request runs once every sign-in call sent before it on this connection is answered, as
      // whoever that call signed in: a page may send its first questions right behind the resume of
      // its sign-in instead of waiting for that answer.
      const answered = connection.signingIn.then(() =>
        core.dispatch(
          {
            session: connection.session,
            origin: 'ws',
            signal: aborter.signal,
            setSession: (session) => (connection.session = session),
          },
          channel,
          input,
        ),
      );
      if (SESSION_CHANNELS.has(channel)) {
        connection.signingIn = answered.then(
          () => undefined,
          () => undefined,
        );
      }
      void answered.then((result) => send(ws, { type: 'result', id, result }));
    });
  });

  const unsubscribe = core.events.subscribe((name, payload) => {
    for (const [ws, connection] of sockets) {
      if (mayReceive(connection.session, payload)) send(ws, { type: 'event', name, payload });
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://${HOST}:${port}`;

  return {
    url: `${origin}/?${TOKEN_PARAM}=${token}`,
    origin,
    port,
    token,
    async close() {
      unsubscribe();
      for (const ws of sockets.keys()) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
