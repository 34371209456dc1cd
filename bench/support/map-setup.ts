// The server side of the map benchmark, as `npm run web` runs it: the embedded database in its own
// process (the built out/embedded-db), the core and the web host in this one, a business with its
// owner and a map position, and 5,000 clients placed around it. Mirrors records-setup.ts.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MongoClient, type Db } from 'mongodb';
import { createCore, type Core } from '../../electron/core/compose';
import { createLogger } from '../../electron/core/logger';
import { unavailableSecretStore } from '../../electron/core/secrets/keytar';
import { spawnEmbeddedServer } from '../../electron/embedded-db/index';
import { startWebHost, type WebHost } from '../../electron/host/server';
import { withLocation } from '../../shared/schemas/common';
import { OWNER } from './board-setup';
import { benchClient } from './records-data';

export { OWNER };

export const MAP_CLIENT_COUNT = 5_000;

const ROOT = resolve(import.meta.dirname, '../..');
const RENDERER_DIR = join(ROOT, 'out/renderer');
const EMBEDDED_DB_CLI = join(ROOT, 'out/embedded-db/cli.js');
const DB_NAME = 'bench_map';
/** Birmingham, AL: the office, with the clients in a box about 45 × 45 km around it. */
const OFFICE = { lat: 33.5186, lng: -86.8104 };

export interface MapServer {
  core: Core;
  host: WebHost;
  db: Db;
  close(): Promise<void>;
}

/** Client `n`'s position: a plain function of n (two coprime strides), so runs are comparable. */
const positionOf = (n: number) => ({
  latitude: Math.round((OFFICE.lat + (((n * 7919) % 1000) / 1000 - 0.5) * 0.4) * 1e6) / 1e6,
  longitude: Math.round((OFFICE.lng + (((n * 104_729) % 997) / 997 - 0.5) * 0.48) * 1e6) / 1e6,
});

async function seedMapClients(db: Db): Promise<void> {
  const business = await db.collection('businesses').findOne({});
  if (!business) throw new Error('no business: create the owner first');
  const business_id = String(business.business_id);
  const now = new Date();
  const clients = Array.from({ length: MAP_CLIENT_COUNT }, (_, n) =>
    withLocation({
      ...benchClient(business_id, String(business.owner_id), n, now),
      ...positionOf(n),
    }),
  );
  for (let i = 0; i < clients.length; i += 1000) {
    await db.collection('clients').insertMany(clients.slice(i, i + 1000), { ordered: false });
  }
  await db.collection('businesses').updateOne(
    { business_id },
    {
      $set: {
        client_count: MAP_CLIENT_COUNT,
        location: { type: 'Point', coordinates: [OFFICE.lng, OFFICE.lat] },
      },
    },
  );
}

export async function startMapServer(rendererDir = RENDERER_DIR): Promise<MapServer> {
  for (const built of [join(rendererDir, 'index.html'), EMBEDDED_DB_CLI]) {
    if (!existsSync(built)) throw new Error(`${built} is missing: run "npm run build" first.`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'sp-bench-map-'));
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
    await seedMapClients(db);
    host = await startWebHost({ core, rendererDir, logger, port: 0 });
    return { core, host, db, close };
  } catch (error) {
    await close();
    throw error;
  }
}
