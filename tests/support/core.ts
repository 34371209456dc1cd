// Builds a real core for tests, with ports that record instead of touching the OS.
import { createCore, type Core } from '../../electron/core/compose';
import { silentLogger } from '../../electron/core/logger';
import type { Session } from '../../electron/core/context';
import type { CoreConfig } from '../../electron/core/config';
import type { Clock, Logger, Notifier, Ports, SecretStore } from '../../electron/core/ports';
import { unavailableSecretStore } from '../../electron/core/secrets/keytar';
import { startEmbeddedServer } from '../../electron/embedded-db/index';

export interface TestCoreOptions {
  /** Connect to this MongoDB (the run's embedded server); without it the core has no database. */
  databaseUri?: string;
  databaseName?: string;
  clock?: Clock;
  logger?: Logger;
  secrets?: SecretStore;
  notifier?: Notifier;
  dataDir?: string;
  /**
   * Run the app's own embedded server in `<dataDir>/db` (in this process), as the app does with no
   * URI configured: for first-run, backup and restore tests. Leave `databaseUri` unset with it.
   */
  embedded?: boolean;
  /** The weather watch: no timer unless a test asks (sweeps run through weather.checkNow). */
  weather?: CoreConfig['weather'];
  /** Texting: no timer unless a test asks (rounds run through messaging.checkNow / runMessaging). */
  messaging?: CoreConfig['messaging'];
}

export function testPorts(options: TestCoreOptions = {}): Ports {
  return {
    clock: options.clock ?? { now: () => new Date() },
    logger: options.logger ?? silentLogger,
    paths: { dataDir: options.dataDir ?? '/nonexistent-test-data-dir' },
    notifier: options.notifier ?? { notify: () => undefined },
    secrets: options.secrets ?? unavailableSecretStore('keytar is not loaded in tests'),
    embeddedDatabase: options.embedded
      ? (dbPath) => startEmbeddedServer({ dbPath })
      : () => Promise.reject(new Error("tests connect to the run's server through databaseUri")),
  };
}

export function createTestCore(options: TestCoreOptions = {}): Core {
  return createCore(
    {
      appName: 'ServicePro Dispatch',
      version: '0.0.0-test',
      mode: 'browser',
      platform: 'linux',
      validateOutput: true,
      databaseUri: options.databaseUri,
      databaseName: options.databaseName,
      connectionTestTimeoutMs: 1_500,
      weather: options.weather ?? { timer: false },
      messaging: options.messaging ?? { timer: false },
      backups: { timer: false },
    },
    testPorts(options),
  );
}

/** A logger that keeps its records for assertions. */
export function recordingLogger() {
  const records: { level: string; message: string; fields: Record<string, unknown> }[] = [];
  const logger: Logger = {
    log: (level, message, fields = {}) => void records.push({ level, message, fields }),
  };
  return { logger, records };
}

/** One client connection (a window or a tab): keeps the session sign-in gives it, like a transport. */
export function connection(core: Core) {
  let session: Session | null = null;
  const call = (channel: string, input?: unknown) =>
    core.dispatch({ session, origin: 'test', setSession: (s) => (session = s) }, channel, input);
  return {
    call,
    /** The value of an ok result; fails the test with the error otherwise. */
    async value<T = Record<string, unknown>>(channel: string, input?: unknown): Promise<T> {
      const result = await call(channel, input);
      if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
      return result.value as T;
    },
    get session() {
      return session;
    },
  };
}

/** A secret store in memory (the OS keychain's stand-in): what a test stores, it reads back. */
export function memorySecretStore(): SecretStore & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    backend: 'memory (tests)',
    available: true,
    values,
    get: (key) => Promise.resolve(values.get(key) ?? null),
    set: (key, value) => {
      values.set(key, value);
      return Promise.resolve();
    },
    delete: (key) => {
      values.delete(key);
      return Promise.resolve();
    },
  };
}

/**
 * A staff-role user (a dispatcher) created by `owner` and signed in on a new connection to `core`:
 * for checking what owners and admins may do and others may not.
 */
export async function signedInStaff(
  core: Core,
  owner: ReturnType<typeof connection>,
  person: { first_name: string; last_name: string; email: string },
): Promise<ReturnType<typeof connection>> {
  const password = 'dispatch-day-2026';
  await owner.value('users.create', { data: { ...person, role: 'staff', password } });
  const staff = connection(core);
  await staff.value('auth.signIn', { email: person.email, password });
  return staff;
}
