// database.*: status, testing a MongoDB URI in plain words, keeping it in the keychain, copying the
// business's data to a server and switching to it live, switching back, and removing the copy left
// on this computer.
import { MongoClient } from 'mongodb';
import type {
  CollectionSummary,
  ConnectionTest,
  DatabaseStatus,
} from '../../../../shared/contract';
import type { DatabaseControl } from '../../compose';
import type { CoreConfig } from '../../config';
import type { HandlerContext } from '../../context';
import { describeUri, type Database } from '../../db/connection';
import type { DatabaseHolder } from '../../db/holder';
import { embeddedDbPath, MONGODB_URI_SECRET, openDatabase } from '../../db/open';
import { schemaMigrations } from '../../db/schema-migrations';
import type { Handlers } from '../../dispatch';
import { AppError, ConflictError, NotFoundError } from '../../errors';
import type { EventBus } from '../../events';
import type { Clock, Ports, SecretStore } from '../../ports';
import { businessName, copyBusiness, MoveFailed, reasonText } from '../data/copy';
import { businessPresence, clashingEmails, removeBusinessData } from '../data/dataset';
import type { DataMoveLock } from '../data/lock';
import { progressSink, reported, type ProgressSink } from '../data/progress';
import {
  embeddedCopyOf,
  folderHolder,
  forgetCopyNote,
  noteCopy,
  removeEmbeddedFolder,
} from './embedded-copy';

export interface DatabaseDeps {
  database: DatabaseHolder;
  secrets: SecretStore;
  clock: Clock;
  /** How long a test waits for the server (the default suits Atlas from a slow office line). */
  testTimeoutMs?: number;
  /** Closes and reopens the database live (switching to a server and back). */
  control: DatabaseControl;
  /** `databaseUri` (MONGODB_URI) decides the database when set; `databaseName` names it. */
  config: CoreConfig;
  /** What opening a database needs: the data folder, the embedded server, the keychain, the log. */
  ports: Ports;
  events: EventBus;
  lock: DataMoveLock;
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
  | 'database.status'
  | 'database.test'
  | 'database.setUri'
  | 'database.useEmbedded'
  | 'database.copyTo'
  | 'database.removeEmbeddedCopy'
> {
  const timeout = deps.testTimeoutMs ?? 10_000;
  const { config, ports } = deps;

  const status = async (): Promise<DatabaseStatus> => {
    const db = deps.database.get();
    return {
      kind: db.kind,
      server: db.kind === 'embedded' ? 'On this computer' : db.server,
      secretStore: deps.secrets.backend,
      canSaveUri: deps.secrets.available,
      environmentDecides: Boolean(config.databaseUri),
      embeddedCopy: db.kind === 'uri' ? await embeddedCopyOf(ports.paths) : null,
    };
  };

  /** Settings cannot switch away from the database MONGODB_URI chose at start-up. */
  const refuseWhenEnvironmentDecides = () => {
    if (!config.databaseUri) return;
    throw new ConflictError(
      `The MONGODB_URI environment variable chose the database (${describeUri(config.databaseUri)}) when the app started, so it cannot be switched here. Start the app without MONGODB_URI to choose the database in Settings.`,
    );
  };

  const refuseWithoutKeychain = () => {
    if (deps.secrets.available) return;
    throw new AppError(
      'unavailable',
      `The URI holds a password, and this computer has no secure place to keep it (${deps.secrets.fallbackReason ?? 'no keychain'}), so the app could not find the server again at its next start. Nothing was copied.`,
    );
  };

  /** Checks made while the app still runs on this computer: is the server ready to take the data? */
  async function checkTarget(
    source: Database,
    uri: string,
    businessId: string,
    name: string,
  ): Promise<void> {
    const server = describeUri(uri);
    const target = await openDatabase(config, ports, schemaMigrations, { kind: 'uri', uri });
    try {
      const there = await businessPresence(target.db, businessId);
      if (there.name !== null) {
        throw new ConflictError(
          `${server} already holds ${there.name}, so nothing was copied: copying would mix two versions of its data. If that is the copy to keep, remove the one here instead; to copy this one, first delete the business's data from that database (e.g. in Atlas's Data Explorer), or use another database name in the URI.`,
          { server, business_id: businessId },
        );
      }
      const clashes = await clashingEmails(source.db, target.db, businessId);
      if (clashes.length) {
        throw new ConflictError(
          `${clashes[0]} already has an account on ${server} (in another business)${clashes.length > 1 ? `, and ${clashes.length - 1} more of ${name}'s users too` : ''}. An email signs in to one account, so nothing was copied. Change that user's email here (Users), or remove the account there, then copy again.`,
          { emails: clashes },
        );
      }
    } finally {
      await target.close().catch(() => undefined);
    }
  }

  /** Removes the business from the server after a switch that could not complete. */
  async function removeFromServer(uri: string, businessId: string): Promise<boolean> {
    try {
      const target = await openDatabase(config, ports, [], { kind: 'uri', uri });
      try {
        await removeBusinessData(target.db, businessId);
      } finally {
        await target.close();
      }
      return true;
    } catch {
      return false;
    }
  }

  async function copyAndSwitch(
    ctx: HandlerContext,
    uri: string,
    businessId: string,
    progress: ProgressSink,
  ): Promise<CollectionSummary[]> {
    const server = describeUri(uri);
    let summaries: CollectionSummary[] = [];
    let failure = null as unknown;
    let reopenError = null as unknown;
    try {
      // Everything is stopped while the data is copied (calls wait with "the database is
      // starting"), so nobody changes the data on this computer after it was read.
      await deps.control.reopen({ kind: 'uri', uri }, async () => {
        let source: Database | undefined;
        let target: Database | undefined;
        try {
          source = await openDatabase(config, ports, [], { kind: 'embedded' });
          target = await openDatabase(config, ports, schemaMigrations, { kind: 'uri', uri });
          summaries = await copyBusiness({
            source: source.db,
            target: target.db,
            businessId,
            progress,
          });
          progress({ phase: 'switching', collection: null, done: 0, total: 0, step: 0, steps: 0 });
          return undefined;
        } catch (err) {
          failure = err;
          return { kind: 'embedded' };
        } finally {
          await target?.close().catch(() => undefined);
          await source?.close().catch(() => undefined);
        }
      });
    } catch (err) {
      reopenError = err;
    }
    if (failure instanceof MoveFailed) {
      throw new AppError(
        'unavailable',
        `Copying to ${server} failed${failure.collection ? ` at ${failure.collection}` : ''}: ${reasonText(failure.reason)}. ${
          failure.cleaned
            ? 'Nothing of it was left on the server.'
            : 'Part of it may be left on the server; copying again clears it first.'
        } The app still uses the database on this computer. Check the server (its space and your access), then try again.`,
        { collection: failure.collection, cleaned: failure.cleaned },
      );
    }
    if (failure instanceof AppError) throw failure;
    if (failure) {
      throw new AppError(
        'unavailable',
        `Copying to ${server} could not start: ${reasonText(failure)}. Nothing was copied; the app still uses the database on this computer.`,
      );
    }
    if (reopenError) {
      // The copy checked out, but the server could not be opened: the app went back to the
      // database on this computer, and the server must not keep a copy nobody uses.
      const removed = await removeFromServer(uri, businessId);
      throw new AppError(
        'unavailable',
        `The data was copied to ${server} and checked, but the app could not open it afterwards (${reasonText(reopenError)}). It still uses the database on this computer; ${removed ? 'the copy on the server was removed' : 'the copy on the server could not be removed, and copying again clears it first'}. Try again in a moment.`,
      );
    }
    try {
      await deps.secrets.set(MONGODB_URI_SECRET, uri);
    } catch (err) {
      // Without the URI the next start would open this computer's database: go back to it now.
      await deps.control.reopen({ kind: 'embedded' }).catch(() => undefined);
      const removed = await removeFromServer(uri, businessId);
      throw new AppError(
        'unavailable',
        `The data was copied, but the server's URI could not be kept in the keychain (${reasonText(err)}), so the app went back to the database on this computer${removed ? ' and removed the copy on the server' : ''}. Unlock the keychain, then try again.`,
      );
    }
    ctx.logger.log('info', 'Business copied to a server; the app uses it now', {
      server,
      business_id: businessId,
    });
    return summaries;
  }

  return {
    'database.status': () => status(),
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

    'database.copyTo': async (ctx, { uri, operation_id }) => {
      const session = sessionOf(ctx);
      const progress = progressSink(deps.events, 'copy', {
        business_id: session.business_id,
        operation_id,
      });
      return reported(
        progress,
        () => {
          refuseWhenEnvironmentDecides();
          return deps.lock.run('A copy to a server', async () => {
            const current = deps.database.get();
            if (current.kind !== 'embedded') {
              throw new ConflictError(
                `The app already uses ${current.server}. A copy goes from the database on this computer to a server; to move the business between servers, export it here and import it there.`,
              );
            }
            refuseWithoutKeychain();
            progress({ phase: 'checking', collection: null, done: 0, total: 0, step: 0, steps: 0 });
            const test = await testMongoUri(uri, timeout, ctx.clock);
            if (!test.ok) {
              throw new AppError('validation', `Nothing was copied: ${test.message}`, { test });
            }
            const name = await businessName(current.db, session.business_id);
            await checkTarget(current, uri, session.business_id, name);

            const collections = await copyAndSwitch(ctx, uri, session.business_id, progress);
            await noteCopy(ports.paths, deps.clock.now(), describeUri(uri)).catch((err: unknown) =>
              ctx.logger.log('warn', 'Could not note the copy left on this computer', {
                reason: reasonText(err),
              }),
            );
            return {
              server: describeUri(uri),
              collections,
              documents: collections.reduce((n, c) => n + c.count, 0),
              status: await status(),
            };
          });
        },
        (done) =>
          `Copied and checked ${done.documents} documents; the app uses ${done.server} now.`,
      );
    },

    'database.useEmbedded': async (ctx) => {
      const session = sessionOf(ctx);
      refuseWhenEnvironmentDecides();
      return deps.lock.run('A switch of databases', async () => {
        const current = deps.database.get();
        if (current.kind === 'embedded') {
          await deps.secrets.delete(MONGODB_URI_SECRET);
          return { switched: false, status: await status() };
        }
        const noCopy = () =>
          new ConflictError(
            `The database on this computer holds no copy of this business (it was removed, or the business was started on the server), so nobody could sign in to it there. The app stays on ${current.server}. To keep a copy on this computer, use Export.`,
          );
        if (!(await embeddedCopyOf(ports.paths))) throw noCopy();
        // Checked before anyone is switched: without the business there, nobody could sign in.
        // The folder is not in use while the app runs on a server, so its server can start now.
        const local = await openDatabase(config, ports, [], { kind: 'embedded' });
        let there: Awaited<ReturnType<typeof businessPresence>>;
        try {
          there = await businessPresence(local.db, session.business_id);
        } finally {
          await local.close();
        }
        if (there.name === null) throw noCopy();
        await deps.control.reopen({ kind: 'embedded' });
        try {
          await deps.secrets.delete(MONGODB_URI_SECRET);
        } catch (err) {
          throw new AppError(
            'unavailable',
            `The app uses the database on this computer now, but the server's URI could not be removed from the keychain (${reasonText(err)}), so the next start would open the server again. Try again.`,
          );
        }
        await forgetCopyNote(ports.paths);
        ctx.logger.log('info', 'Switched to the database on this computer', {
          from: current.server,
        });
        return { switched: true, status: await status() };
      });
    },

    'database.removeEmbeddedCopy': async (ctx, { folder }) => {
      sessionOf(ctx);
      return deps.lock.run('Removing the copy on this computer', async () => {
        const current = deps.database.get();
        const expected = embeddedDbPath(ports);
        if (current.kind === 'embedded') {
          throw new ConflictError(
            'The app is using the database on this computer, so it cannot be removed. Copy the data to a server and switch to it first.',
          );
        }
        if (folder !== expected) {
          throw new AppError(
            'validation',
            `Only the database folder on this computer (${expected}) can be removed here.`,
            [{ path: 'folder', message: `Expected ${expected}` }],
          );
        }
        const copy = await embeddedCopyOf(ports.paths);
        if (!copy)
          throw new NotFoundError(
            `There is no copy on this computer (${expected} is empty or gone).`,
          );
        const holder = await folderHolder(ports.paths);
        if (holder !== null) {
          throw new ConflictError(
            `A database server (process ${holder}) is using ${expected} — another ServicePro Dispatch window, or one started by hand. Close it, then remove the copy.`,
          );
        }
        await removeEmbeddedFolder(ports.paths);
        ctx.logger.log('info', 'The database copy on this computer was removed', {
          bytes: copy.bytes,
        });
        return { removed: expected, bytes: copy.bytes, status: await status() };
      });
    },
  };
}

function sessionOf(ctx: HandlerContext) {
  if (!ctx.session) throw new AppError('unauthenticated', 'Please sign in first.');
  return ctx.session;
}
