// The server side of a browser benchmark, as `npm run web` runs it: the embedded database in its
// own process (the built out/embedded-db), the core and the web host in this one, a business with
// its owner, and whatever the benchmark seeds into the app's database.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MongoClient, type Db } from 'mongodb';
import { createCore, type Core } from '../../electron/core/compose';
import type { CoreConfig } from '../../electron/core/config';
import { createLogger } from '../../electron/core/logger';
import { unavailableSecretStore } from '../../electron/core/secrets/keytar';
import { spawnEmbeddedServer } from '../../electron/embedded-db/index';
import { startWebHost, type WebHost } from '../../electron/host/server';

const ROOT = resolve(import.meta.dirname, '../..');
const RENDERER_DIR = join(ROOT, 'out/renderer');
const EMBEDDED_DB_CLI = join(ROOT, 'out/embedded-db/cli.js');

export const OWNER = { email: 'owner@bench-lawn.example', password: 'bench-board-2026' };
export const BENCH_TIMEZONE = 'America/Chicago';

export interface BenchServer<T> {
  core: Core;
  host: WebHost;
  /** The app's database, for seeding and for checking what the page saved. */
  db: Db;
  /** What `seed` returned. */
  seeded: T;
  close(): Promise<void>;
}

export interface BenchServerOptions<T> {
  /** The app's database name, e.g. 'bench_board'. */
  name: string;
  /** Fills the app's database once the business and its owner exist. */
  seed: (db: Db) => Promise<T>;
  /** Another build of the renderer, e.g. an unminified one for profiling. */
  rendererDir?: string;
  /** Provider base URLs for the weather watch (a local fake); its timer stays off either way. */
  weatherBaseUrls?: NonNullable<CoreConfig['weather']>['baseUrls'];
}

export async function startBenchServer<T>(options: BenchServerOptions<T>): Promise<BenchServer<T>> {
  const rendererDir = options.rendererDir ?? RENDERER_DIR;
  for (const built of [join(rendererDir, 'index.html'), EMBEDDED_DB_CLI]) {
    if (!existsSync(built)) throw new Error(`${built} is missing: run "npm run build" first.`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), `sp-${options.name}-`));
  const logger = createLogger((line) => process.stderr.write(`${line}\n`), 'warn');
  let databaseUri: string | undefined;
  let client: MongoClient | undefined;
  let host: WebHost | undefined;
  // The packaged app's settings: no output validation (it is for development and tests).
  const core = createCore(
    {
      appName: 'ServicePro Dispatch',
      version: 'bench',
      mode: 'browser',
      platform: process.platform,
      validateOutput: false,
      databaseName: options.name,
      // No background weather sweeps: they would ask a provider the machine cannot reach, and a
      // benchmark of the sweep runs it by hand.
      weather: {
        timer: false,
        ...(options.weatherBaseUrls ? { baseUrls: options.weatherBaseUrls } : {}),
      },
    },
    {
      clock: { now: () => new Date() },
      logger,
      paths: { dataDir },
      notifier: { notify: () => undefined },
      secrets: unavailableSecretStore('the benchmark keeps no secrets'),
      embeddedDatabase: async (dbPath) => {
        const server = await spawnEmbeddedServer({ dbPath, entry: EMBEDDED_DB_CLI });
        databaseUri = server.uri;
        return server;
      },
    },
  );
  const close = async () => {
    await host?.close();
    await client?.close();
    await core.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await core.start();
    if (!databaseUri) throw new Error('the embedded database did not start');
    const created = await core.dispatch({ session: null, origin: 'test' }, 'auth.createOwner', {
      business: {
        name: 'Bench Lawn & Garden',
        vertical: 'lawn_care',
        phone: '+1-205-555-0199',
        email: 'office@bench-lawn.example',
        address: '1 Bench Way, Birmingham, AL 35203',
        timezone: BENCH_TIMEZONE,
      },
      owner: { first_name: 'Bea', last_name: 'Bench', ...OWNER },
    });
    if (!created.ok) throw new Error(`auth.createOwner: ${created.error.message}`);
    client = new MongoClient(databaseUri);
    const db = client.db(options.name);
    const seeded = await options.seed(db);
    host = await startWebHost({ core, rendererDir, logger, port: 0 });
    return { core, host, db, seeded, close };
  } catch (error) {
    await close();
    throw error;
  }
}
