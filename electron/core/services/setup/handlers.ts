// setup.*: the first-run wizard's database step. Open to anyone until the first user exists, then
// to signed-in owners and admins only (they re-run setup from /setup; moving data is Settings').
import { can } from '../../../../shared/auth/permissions';
import type { Output } from '../../../../shared/contract';
import type { DatabaseControl } from '../../compose';
import type { HandlerContext } from '../../context';
import { AuthStore } from '../../db/auth-store';
import { describeUri } from '../../db/connection';
import type { DatabaseHolder } from '../../db/holder';
import { MONGODB_URI_SECRET } from '../../db/open';
import type { Handlers } from '../../dispatch';
import { AppError, ForbiddenError } from '../../errors';
import type { Clock, SecretStore } from '../../ports';
import { explainConnectionError, testMongoUri } from '../database/handlers';

export interface SetupDeps {
  database: DatabaseHolder;
  secrets: SecretStore;
  clock: Clock;
  control: DatabaseControl;
  /** The MONGODB_URI environment variable chose the database; the wizard then cannot. */
  databaseFromEnvironment: boolean;
  /** How long a connection test waits for the server. */
  testTimeoutMs?: number;
}

type SetupDatabase = Output<'setup.status'>['database'] & object;

const ALREADY_SET_UP =
  'This app is already set up. Sign in with your account; only an owner or an admin can change its setup.';

const MOVE_DATA_IN_SETTINGS =
  "Your business's data is in the database in use. To move it to another server, use Settings → Database, which copies your data and then switches.";

/** Businesses listed by name when a database already has some (a second desk joining). */
const MAX_LISTED_BUSINESSES = 20;

export function createSetupHandlers(
  deps: SetupDeps,
): Pick<Handlers, 'setup.status' | 'setup.testDatabase' | 'setup.useDatabase'> {
  const timeout = deps.testTimeoutMs ?? 10_000;
  const store = () => new AuthStore(deps.database.get().db);

  /** A signed-in owner or admin whose account is still active. */
  async function isAdmin(ctx: HandlerContext): Promise<boolean> {
    if (!ctx.session || !can(ctx.session.role, 'settings.manage')) return false;
    return (await store().getUser(ctx.session.user_id))?.is_active === true;
  }

  /** Anyone while no user exists (first run); afterwards only owners and admins. */
  async function access(ctx: HandlerContext): Promise<'first-run' | 'admin'> {
    if (!(await store().hasUsers())) return 'first-run';
    if (await isAdmin(ctx)) return 'admin';
    throw new ForbiddenError(ALREADY_SET_UP);
  }

  function databaseInfo(): SetupDatabase {
    const db = deps.database.get();
    return {
      kind: db.kind,
      server: db.kind === 'embedded' ? 'On this computer' : db.server,
      fromEnvironment: deps.databaseFromEnvironment,
      canSaveUri: deps.secrets.available,
      cannotSaveReason: deps.secrets.available
        ? null
        : `this computer has no secure place to keep the server's password (${deps.secrets.fallbackReason ?? 'no OS keychain'})`,
    };
  }

  /** What the database holds now: a business already there means "sign in", not "set up". */
  async function contents(): Promise<{ needsSetup: boolean; existingBusinesses: string[] }> {
    if (!(await store().hasUsers())) return { needsSetup: true, existingBusinesses: [] };
    const businesses = await deps.database
      .get()
      .db.collection<{ name: string }>('businesses')
      .find({ deleted_at: null }, { projection: { _id: 0, name: 1 }, sort: { name: 1 } })
      .limit(MAX_LISTED_BUSINESSES)
      .toArray();
    return { needsSetup: false, existingBusinesses: businesses.map((b) => b.name) };
  }

  return {
    'setup.status': async (ctx) => {
      const needsSetup = !(await store().hasUsers());
      return {
        needsSetup,
        database: needsSetup || (await isAdmin(ctx)) ? databaseInfo() : null,
      };
    },

    'setup.testDatabase': async (ctx, { uri }) => {
      await access(ctx);
      return testMongoUri(uri, timeout, ctx.clock);
    },

    'setup.useDatabase': async (ctx, choice) => {
      if ((await access(ctx)) === 'admin') throw new ForbiddenError(MOVE_DATA_IN_SETTINGS);
      const before = databaseInfo();
      if (deps.databaseFromEnvironment) {
        throw new ForbiddenError(
          `The database is chosen by the MONGODB_URI setting this app was started with (${before.server}). Start the app without it to choose here.`,
        );
      }

      if (choice.kind === 'embedded') {
        // Forgotten first, so that the next start opens this computer's database too.
        await deps.secrets.delete(MONGODB_URI_SECRET);
        if (before.kind !== 'embedded') await deps.control.reopen({ kind: 'embedded' });
        ctx.logger.log('info', 'First run: the database on this computer is used');
        return { database: databaseInfo(), test: null, ...(await contents()) };
      }

      if (!deps.secrets.available) {
        throw new AppError(
          'unavailable',
          `Not switched: a server's URI holds its password, and ${before.cannotSaveReason ?? 'it cannot be kept'}. Choose "On this computer", or install the OS keychain support and restart the app.`,
        );
      }
      const test = await testMongoUri(choice.uri, timeout, ctx.clock);
      if (!test.ok) {
        throw new AppError('validation', `Not switched: ${test.message}`, [
          { path: 'uri', message: test.message },
        ]);
      }
      try {
        await deps.control.reopen({ kind: 'uri', uri: choice.uri });
      } catch (err) {
        throw new AppError(
          'unavailable',
          `Not switched: the server passed the test but could not be opened (${explainConnectionError(err)}). The app is still on ${databaseInfo().server}.`,
        );
      }
      try {
        await deps.secrets.set(MONGODB_URI_SECRET, choice.uri);
      } catch (err) {
        // Without the URI kept, the next start would open another database: go back now instead.
        await deps.control.reopen(before.kind === 'embedded' ? { kind: 'embedded' } : undefined);
        throw new AppError(
          'unavailable',
          `Not switched: the URI could not be kept in the keychain (${err instanceof Error ? err.message : String(err)}).`,
        );
      }
      ctx.logger.log('info', 'First run: database server chosen', {
        server: describeUri(choice.uri),
      });
      return { database: databaseInfo(), test, ...(await contents()) };
    },
  };
}
