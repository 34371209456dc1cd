// database.*: status, testing a MongoDB URI in plain words, and keeping it in the keychain.
import { MongoClient } from 'mongodb';
import type { ConnectionTest } from '../../../../shared/contract';
import { describeUri } from '../../db/connection';
import type { DatabaseHolder } from '../../db/holder';
import { MONGODB_URI_SECRET } from '../../db/open';
import type { Handlers } from '../../dispatch';
import { AppError } from '../../errors';
import type { Clock, SecretStore } from '../../ports';

export interface DatabaseDeps {
  database: DatabaseHolder;
  secrets: SecretStore;
  clock: Clock;
  /** How long a test waits for the server (the default suits Atlas from a slow office line). */
  testTimeoutMs?: number;
}

/** The driver's failure, said the way a dispatcher can act on. */
export function explainConnectionError(err: unknown): string {
  const e = err as { code?: number; codeName?: string; message?: string; name?: string };
  const text = e.message ?? String(err);
  if (e.code === 18 || /auth(entication)? failed/i.test(text)) {
    return 'The server answered, but refused the user name or password in the URI.';
  }
  if (/ENOTFOUND|querySrv|getaddrinfo/i.test(text)) {
    return 'The server name in the URI could not be found. Check it for typos and that this computer is online.';
  }
  if (/ECONNREFUSED/i.test(text)) {
    return 'Nothing is listening at that address and port. Check the URI and that the server is running.';
  }
  if (e.name === 'MongoServerSelectionError' || /timed out|timeout/i.test(text)) {
    return "The server did not answer in time. Check the address, your network, and (for Atlas) that this computer's IP is on the access list.";
  }
  return `The connection failed: ${text}`;
}

export async function testMongoUri(
  uri: string,
  timeoutMs: number,
  clock: Clock,
): Promise<ConnectionTest> {
  const client = new MongoClient(uri, {
    serverSelectionTimeoutMS: timeoutMs,
    connectTimeoutMS: timeoutMs,
    appName: 'ServicePro Dispatch (connection test)',
  });
  const started = clock.now().getTime();
  try {
    await client.connect();
    await client.db('admin').command({ ping: 1 });
    const latencyMs = clock.now().getTime() - started;
    return { ok: true, message: `Connected and signed in (${latencyMs} ms).`, latencyMs };
  } catch (err) {
    return { ok: false, message: explainConnectionError(err), latencyMs: null };
  } finally {
    await client.close().catch(() => undefined);
  }
}

export function createDatabaseHandlers(
  deps: DatabaseDeps,
): Pick<
  Handlers,
  'database.status' | 'database.test' | 'database.setUri' | 'database.useEmbedded'
> {
  const timeout = deps.testTimeoutMs ?? 10_000;
  return {
    'database.status': () => {
      const db = deps.database.get();
      return {
        kind: db.kind,
        server: db.kind === 'embedded' ? 'On this computer' : db.server,
        secretStore: deps.secrets.backend,
        canSaveUri: deps.secrets.available,
      };
    },
    'database.test': ({ clock }, { uri }) => testMongoUri(uri, timeout, clock),
    'database.setUri': async (ctx, { uri }) => {
      if (!deps.secrets.available) {
        throw new AppError(
          'unavailable',
          `The URI holds a password, and this computer has no secure place to keep it (${deps.secrets.fallbackReason ?? 'no keychain'}). It was not saved.`,
        );
      }
      const test = await testMongoUri(uri, timeout, ctx.clock);
      if (!test.ok) throw new AppError('validation', `Not saved: ${test.message}`, { test });
      await deps.secrets.set(MONGODB_URI_SECRET, uri);
      ctx.logger.log('info', 'Database URI saved to the keychain', { server: describeUri(uri) });
      return { saved: true, restartRequired: true, test };
    },
    'database.useEmbedded': async (ctx) => {
      await deps.secrets.delete(MONGODB_URI_SECRET);
      ctx.logger.log(
        'info',
        'Database URI removed; the embedded database is used from the next start',
      );
      return { restartRequired: deps.database.connected && deps.database.get().kind === 'uri' };
    },
  };
}
