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

export async function openDatabase(
  config: CoreConfig,
  ports: Ports,
  migrations: readonly Migration[],
): Promise<Database> {
  const configured = config.databaseUri ?? (await storedUri(ports));
  let database: Database;
  if (configured) {
    database = await connectDatabase({
      uri: configured,
      kind: 'uri',
      dbName: config.databaseName,
      logger: ports.logger,
    });
  } else {
    const server = await ports.embeddedDatabase(join(ports.paths.dataDir, 'db'));
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
