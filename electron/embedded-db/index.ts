// Public API of the embedded MongoDB-compatible server: in-process start and child-process launch.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { loadOrCreateCredentials } from './auth/scram';
import { WireServer } from './server';
import { Persistence } from './storage/persistence';

export interface EmbeddedServerOptions {
  /** Data folder; created if missing. Holds the snapshot, journal, lock and credentials files. */
  dbPath: string;
  port?: number;
  host?: string;
  /** SCRAM-SHA-256 authentication with generated per-folder credentials (default true). */
  auth?: boolean;
  /** How often expired TTL documents are removed (default 60 s). */
  ttlIntervalMs?: number;
  /** Journal size that triggers compaction into a snapshot (default 64 MB). */
  compactBytes?: number;
  /** Idle time after which an abandoned cursor is dropped (default 10 min). */
  cursorTimeoutMs?: number;
}

export interface EmbeddedServer {
  uri: string;
  port: number;
  username?: string;
  password?: string;
  close(): Promise<void>;
}

export interface InProcessServer extends EmbeddedServer {
  /** Runs the TTL sweep now; resolves with the number of documents removed. */
  sweepTtl(): Promise<number>;
  /** Forces a journal compaction into a new snapshot. */
  compact(): void;
  /** Drops cursors idle longer than the timeout (as of `now`); returns how many. */
  expireCursors(now?: number): number;
}

const buildUri = (host: string, port: number, user?: string, password?: string): string =>
  user && password
    ? `mongodb://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${host}:${port}/?authSource=admin`
    : `mongodb://${host}:${port}/`;

export async function startEmbeddedServer(
  options: EmbeddedServerOptions,
): Promise<InProcessServer> {
  const host = options.host ?? '127.0.0.1';
  mkdirSync(options.dbPath, { recursive: true, mode: 0o700 });
  const persistence = new Persistence({
    dbPath: options.dbPath,
    compactBytes: options.compactBytes,
  });
  let server: WireServer;
  try {
    const credentials =
      options.auth === false ? undefined : loadOrCreateCredentials(options.dbPath);
    server = new WireServer({
      persistence,
      credentials,
      ttlIntervalMs: options.ttlIntervalMs,
      cursorTimeoutMs: options.cursorTimeoutMs,
    });
    const port = await server.listen(options.port ?? 0, host);
    return {
      uri: buildUri(host, port, credentials?.username, credentials?.password),
      port,
      username: credentials?.username,
      password: credentials?.password,
      close: () => server.close(),
      sweepTtl: () => server.sweepTtl(),
      compact: () => persistence.compact(),
      expireCursors: (now) => server.state.cursors.expire(now),
    };
  } catch (error) {
    await persistence.close();
    throw error;
  }
}

export interface SpawnOptions extends EmbeddedServerOptions {
  /** The built CLI entry (defaults to cli.js next to this module once bundled). */
  entry?: string;
  /** Executable to run the entry with (defaults to process.execPath). */
  execPath?: string;
}

/** Runs the server in a child process and resolves once it printed its connection URI. */
export function spawnEmbeddedServer(options: SpawnOptions): Promise<EmbeddedServer> {
  const entry = options.entry ?? fileURLToPath(new URL('./cli.js', import.meta.url));
  const args = [entry, '--dbpath', options.dbPath, '--port', String(options.port ?? 0)];
  if (options.host) args.push('--host', options.host);
  if (options.auth === false) args.push('--noauth');
  if (options.ttlIntervalMs) args.push('--ttl-interval-ms', String(options.ttlIntervalMs));
  // The server shuts down cleanly when its stdin closes, i.e. when this process ends for any reason.
  args.push('--exit-with-parent');
  const child = spawn(options.execPath ?? process.execPath, args, {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    child.once('exit', (code) =>
      reject(new Error(`embedded database exited (${code}): ${stderr.trim()}`)),
    );
    lines.once('line', (uri) => {
      const url = new URL(uri);
      resolve({
        uri,
        port: Number(url.port),
        username: decodeURIComponent(url.username) || undefined,
        password: decodeURIComponent(url.password) || undefined,
        close: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
