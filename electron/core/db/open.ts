// Chooses and opens the database at start-up: a configured URI, or the embedded server in the data folder.
import { join } from 'node:path';
import type { CoreConfig } from '../config';
import type { Ports } from '../ports';
import { connectDatabase, type Database } from './connection';
import { migrate, type Migration } from './migrations';

/** Keychain entry holding the MongoDB URI chosen in Settings (it carries a password). */
export const MONGODB_URI_SECRET = 'mongodb_uri';

/**
 * The URI saved in Settings. A keychain that cannot be read (locked, no Secret Service on a headless
 * desktop) must not keep the app from starting: it then opens the database on this computer, and the
 * secrets health check says why.
 */
async function storedUri(ports: Ports): Promise<string | null> {
  try {
    return await ports.secrets.get(MONGODB_URI_SECRET);
  } catch (err) {
    ports.logger.log('warn', 'Keychain unreadable; using the embedded database', {
      reason: err instanceof Error ? err.message : String(err),
    });
    return null;
  }
}

/**
 * Which database to open: `uri` a given server, `embedded` the one on this computer, `default` what
 * start-up chooses (the `MONGODB_URI` override, else the URI in the keychain, else the embedded one).
 */
export type DatabaseTarget =
  { kind: 'default' } | { kind: 'embedded' } | { kind: 'uri'; uri: string };

/** Folder of the embedded server's files inside the data folder. */
export const embeddedDbPath = (ports: Pick<Ports, 'paths'>) => join(ports.paths.dataDir, 'db');

export async function openDatabase(
  config: CoreConfig,
  ports: Ports,
  migrations: readonly Migration[],
  target: DatabaseTarget = { kind: 'default' },
): Promise<Database> {
  const configured =
    target.kind === 'uri'
      ? target.uri
      : target.kind === 'embedded'
        ? null
        : (config.databaseUri ?? (await storedUri(ports)));
  let database: Database;
  if (configured) {
    database = await connectDatabase({
      uri: configured,
      kind: 'uri',
      dbName: config.databaseName,
      logger: ports.logger,
    });
  } else {
    const server = await ports.embeddedDatabase(embeddedDbPath(ports));
    const connected = await connectDatabase({
      uri: server.uri,
      kind: 'embedded',
      dbName: config.databaseName,
      logger: ports.logger,
    }).catch(async (err: unknown) => {
      await server.close();
      throw err;
    });
    database = {
      ...connected,
      close: async () => {
        await connected.close();
        await server.close();
      },
    };
  }
  await migrate(database.db, migrations, ports.logger);
  return database;
}
