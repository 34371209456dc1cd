// The TCP server: per-connection framing, authentication gate, command dispatch, TTL sweeps.
import { type AddressInfo, type Server, type Socket, createServer } from 'node:net';
import { type Document } from 'bson';
import { ScramServer, type Credentials } from './auth/scram';
import { ChangeStreamHub } from './changestreams';
import { UNAUTHENTICATED_COMMANDS, adminCommands } from './commands-admin';
import { type ConnectionState, type Handler, type ServerState } from './command-context';
import { crudCommands } from './commands-crud';
import { CursorManager } from './cursors';
import { Engine } from './engine';
import { CommandError, toErrorReply } from './errors';
import { type Persistence } from './storage/persistence';
import {
  FLAG_EXHAUST_ALLOWED,
  FLAG_MORE_TO_COME,
  FrameReader,
  OP_MSG,
  OP_QUERY,
  encodeOpMsg,
  encodeOpReply,
  parseFrame,
} from './wire';

const HANDLERS: Record<string, Handler> = { ...adminCommands, ...crudCommands };

export interface WireServerOptions {
  persistence?: Persistence;
  credentials?: Credentials;
  ttlIntervalMs?: number;
  cursorTimeoutMs?: number;
}

/** A server monitor's awaitable hello: it may be answered with a stream of replies. */
function isAwaitableHello(command: Document): boolean {
  const name = Object.keys(command)[0]?.toLowerCase();
  return (
    (name === 'hello' || name === 'ismaster') &&
    command.topologyVersion !== undefined &&
    command.maxAwaitTimeMS !== undefined
  );
}

export class WireServer {
  readonly engine: Engine;
  readonly state: ServerState;
  private readonly tcp: Server;
  private readonly sockets = new Set<Socket>();
  private readonly ttlTimer: NodeJS.Timeout;
  private nextConnId = 1;

  constructor(private readonly options: WireServerOptions) {
    this.engine = new Engine(options.persistence);
    this.state = {
      engine: this.engine,
      cursors: new CursorManager(options.cursorTimeoutMs),
      hub: new ChangeStreamHub(this.engine),
      scram: options.credentials ? new ScramServer(options.credentials) : undefined,
      dbPath: options.persistence?.dbPath,
      startedAt: Date.now(),
      address: () => {
        const a = this.tcp.address() as AddressInfo | null;
        return a ? `${a.address}:${a.port}` : '';
      },
    };
    this.tcp = createServer((socket) => this.accept(socket));
    this.ttlTimer = setInterval(() => this.sweepTtl(), options.ttlIntervalMs ?? 60_000).unref();
  }

  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.tcp.once('error', reject);
      this.tcp.listen(port, host, () => {
        this.tcp.off('error', reject);
        resolve((this.tcp.address() as AddressInfo).port);
      });
    });
  }

  /** Removes expired TTL documents now; returns how many were deleted once durable. */
  async sweepTtl(): Promise<number> {
    const n = this.engine.sweepTtl();
    await this.engine.durable();
    return n;
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    socket.setNoDelay(true);
    const conn: ConnectionState = {
      id: this.nextConnId++,
      authenticated: !this.state.scram,
      conversations: new Map(),
    };
    const reader = new FrameReader();
    let chain: Promise<void> = Promise.resolve();
    socket.on('data', (chunk) => {
      let frames: Buffer[];
      try {
        frames = reader.push(chunk);
      } catch {
        socket.destroy();
        return;
      }
      for (const frame of frames) {
        chain = chain
          .then(() => this.handleFrame(socket, conn, frame))
          .catch(() => {
            socket.destroy();
          });
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.sockets.delete(socket));
  }

  /** Set by close(): streaming hellos stop. */
  private closing = false;

  private async handleFrame(socket: Socket, conn: ConnectionState, frame: Buffer): Promise<void> {
    if (socket.destroyed) return;
    let msg;
    try {
      msg = parseFrame(frame);
    } catch {
      socket.destroy();
      return;
    }
    const db =
      msg.opCode === OP_QUERY
        ? ((msg.fullCollectionName ?? 'admin').split('.')[0] ?? 'admin')
        : typeof msg.command.$db === 'string'
          ? msg.command.$db
          : 'admin';
    if (
      msg.opCode === OP_MSG &&
      msg.flags & FLAG_EXHAUST_ALLOWED &&
      isAwaitableHello(msg.command)
    ) {
      await this.streamHello(socket, conn, msg.requestId, msg.command, db);
      return;
    }
    const reply = await this.run(msg.command, db, conn);
    if (socket.destroyed) return;
    if (msg.opCode === OP_MSG && msg.flags & FLAG_MORE_TO_COME) return;
    const encode = msg.opCode === OP_MSG ? encodeOpMsg : encodeOpReply;
    let bytes: Buffer;
    try {
      bytes = encode(msg.requestId, reply);
    } catch (error) {
      // A reply that cannot be serialized (e.g. over 16 MB) becomes an error reply, not a crash.
      bytes = encode(
        msg.requestId,
        toErrorReply(new CommandError(10334, (error as Error).message)),
      );
    }
    socket.write(bytes);
  }

  /**
   * The streaming hello of the drivers' server monitors (MongoDB 4.4+): an awaitable hello
   * (topologyVersion + maxAwaitTimeMS, exhaustAllowed) is answered when the topology changes or
   * maxAwaitTimeMS passes — ours never changes — with moreToCome set, and then again every
   * maxAwaitTimeMS on the same connection until it closes. A plain reply there would make the
   * driver report "Server ended moreToCome unexpectedly" and clear its connection pool.
   */
  private async streamHello(
    socket: Socket,
    conn: ConnectionState,
    requestId: number,
    command: Document,
    db: string,
  ): Promise<void> {
    const wait = Math.min(Math.max(Number(command.maxAwaitTimeMS) || 10_000, 10), 60_000);
    let responseTo = requestId;
    while (!socket.destroyed && !this.closing) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        timer.unref();
        socket.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      if (socket.destroyed || this.closing) return;
      const reply = await this.run(command, db, conn);
      const bytes = encodeOpMsg(responseTo, reply, FLAG_MORE_TO_COME);
      responseTo = bytes.readInt32LE(4);
      socket.write(bytes);
    }
  }

  /** Runs one command document and always returns a reply document. */
  async run(command: Document, db: string, conn: ConnectionState): Promise<Document> {
    const name = Object.keys(command)[0] ?? '';
    try {
      const handler = Object.hasOwn(HANDLERS, name) ? HANDLERS[name] : undefined;
      if (!handler) throw new CommandError(59, `no such command: '${name}'`);
      if (!conn.authenticated && !UNAUTHENTICATED_COMMANDS.has(name)) {
        throw new CommandError(13, `Command ${name} requires authentication`);
      }
      return await handler(command, { server: this.state, conn, db });
    } catch (error) {
      return toErrorReply(error);
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.ttlTimer);
    this.state.cursors.close();
    this.state.hub.close();
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.tcp.close(() => resolve()));
    await this.engine.durable().catch(() => undefined);
    await this.options.persistence?.close();
  }
}
