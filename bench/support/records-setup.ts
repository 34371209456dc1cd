// The server side of the records benchmark, as `npm run web` runs it: the embedded database in its
// own process (the built out/embedded-db), the core and the web host in this one, a business with
// its owner, and 10,000 clients. Mirrors board-setup.ts, which seeds a board day instead.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MongoClient, type Db } from 'mongodb';
import { createCore, type Core } from '../../electron/core/compose';
import { createLogger } from '../../electron/core/logger';
import { unavailableSecretStore } from '../../electron/core/secrets/keytar';
import { spawnEmbeddedServer } from '../../electron/embedded-db/index';
import { startWebHost, type WebHost } from '../../electron/host/server';
import type { Client } from '../../shared/schemas';
import { OWNER } from './board-setup';
import { seedClients } from './records-data';

export { OWNER };

const ROOT = resolve(import.meta.dirname, '../..');
const RENDERER_DIR = join(ROOT, 'out/renderer');
const EMBEDDED_DB_CLI = join(ROOT, 'out/embedded-db/cli.js');
const DB_NAME = 'bench_records';

export interface RecordsServer {
  core: Core;
  host: WebHost;
  db: Db;
  clients: Client[];
  close(): Promise<void>;
}

export async function startRecordsServer(rendererDir = RENDERER_DIR): Promise<RecordsServer> {
  for (const built of [join(rendererDir, 'index.html'), EMBEDDED_DB_CLI]) {
    if (!existsSync(built)) throw new Error(`${built} is missing: run "npm run build" first.`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'sp-bench-records-'));
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
      databaseName: DB_NAME,
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
        timezone: 'America/Chicago',
      },
      owner: { first_name: 'Bea', last_name: 'Bench', ...OWNER },
    });
    if (!created.ok) throw new Error(`auth.createOwner: ${created.error.message}`);
    client = new MongoClient(databaseUri);
    const db = client.db(DB_NAME);
    const clients = await seedClients(db);
    host = await startWebHost({ core, rendererDir, logger, port: 0 });
    return { core, host, db, clients, close };
  } catch (error) {
    await close();
    throw error;
  }
}
