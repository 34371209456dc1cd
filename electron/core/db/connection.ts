// The MongoDB connection: the official driver, to the embedded server or a configured URI.
import { MongoClient, type Db } from 'mongodb';
import type { HealthCheck } from '../../../shared/contract';
import type { Logger } from '../ports';

export const DEFAULT_DB_NAME = 'servicepro';
const PING_TIMEOUT_MS = 3_000;

export interface Database {
  client: MongoClient;
  db: Db;
  /** 'embedded' when the app runs its own server, 'uri' for Atlas or a self-hosted server. */
  kind: 'embedded' | 'uri';
  /** Address of the server without credentials, safe to show and log. */
  server: string;
  probe(): Promise<HealthCheck>;
  close(): Promise<void>;
}

/** Host and database of a URI without its credentials, safe to show and log. */
export function describeUri(uri: string): string {
  try {
    const url = new URL(uri);
    return `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`;
  } catch {
    return 'an unreadable MongoDB URI';
  }
}

export async function connectDatabase(options: {
  uri: string;
  kind: Database['kind'];
  dbName?: string;
  logger: Logger;
}): Promise<Database> {
  const client = new MongoClient(options.uri, {
    appName: 'ServicePro Dispatch',
    // Acknowledged only once durable on a majority; retried once on a transient error where the
    // server supports retryable writes (the driver turns them off on a standalone server).
    writeConcern: { w: 'majority' },
    retryWrites: true,
    retryReads: true,
    // A dispatcher waits at most this long for "the database cannot be reached"; the more frequent
    // heartbeat notices a returning server sooner.
    serverSelectionTimeoutMS: 5_000,
    heartbeatFrequencyMS: 5_000,
    connectTimeoutMS: 10_000,
  });
  await client.connect();
  const db = client.db(
    options.dbName ?? (new URL(options.uri).pathname.slice(1) || DEFAULT_DB_NAME),
  );
  const where = describeUri(options.uri);
  options.logger.log('info', 'Database connected', { server: where, kind: options.kind });

  return {
    client,
    db,
    kind: options.kind,
    server: where,
    async probe() {
      const started = Date.now();
      try {
        const ping = db.command({ ping: 1 });
        // The ping may fail after the timeout already answered; that late failure is expected.
        ping.catch(() => undefined);
        await Promise.race([
          ping,
          new Promise((_, reject) =>
            setTimeout(() => reject(new Error('no answer within 3 s')), PING_TIMEOUT_MS).unref(),
          ),
        ]);
        const label = options.kind === 'embedded' ? 'the database on this computer' : where;
        return {
          name: 'database',
          status: 'ok',
          message: `Connected to ${label} (${Date.now() - started} ms).`,
        };
      } catch (err) {
        return {
          name: 'database',
          status: 'down',
          message:
            `Cannot reach the database (${err instanceof Error ? err.message : String(err)}). ` +
            'The app keeps retrying; changes are refused until it is back, so none are lost.',
        };
      }
    },
    close: () => client.close(),
  };
}

/** True for failures that mean "the database cannot be reached", as opposed to a refused command. */
export function isConnectionError(err: unknown): boolean {
  const name = (err as { name?: string } | null)?.name ?? '';
  return /^Mongo(ServerSelection|Network|NetworkTimeout|TopologyClosed|NotConnected)Error$/.test(
    name,
  );
}
