// createCore: composes services, handlers and background work into one dispatchable core.
import type { CoreConfig } from './config';
import { createDispatch, type Dispatch, type Handlers } from './dispatch';
import { createEventBus, type EventBus } from './events';
import type { HealthProbe } from './health';
import type { Ports } from './ports';
import { createAppHandlers } from './services/app/handlers';
import { secretsProbe } from './secrets/probe';
import { isConnectionError } from './db/connection';
import { DatabaseHolder } from './db/holder';
import { UnavailableError } from './errors';
import { openDatabase, type DatabaseTarget } from './db/open';
import { schemaMigrations } from './db/schema-migrations';
import { createAuthHandlers } from './services/auth/handlers';
import { startBoardFeed, type BoardFeed } from './services/board/live';
import { createBoardHandlers } from './services/board/handlers';
import { createMapHandlers } from './services/map/handlers';
import { createRoutesHandlers } from './services/routes/handlers';
import { createMoveHandler } from './services/board/move';
import { createJobsHandlers } from './services/jobs/handlers';
import { createAllRecordHandlers } from './services/records/handlers';
import { createUsersHandlers } from './services/users/handlers';
import { createDatabaseHandlers } from './services/database/handlers';
import { createDataHandlers } from './services/data/handlers';
import { FolderGrants } from './services/data/folders';
import { DataMoveLock } from './services/data/lock';
import { createSetupHandlers } from './services/setup/handlers';
import { createBusinessHandlers } from './services/business/handlers';
import { createPreferencesHandlers } from './services/preferences/handlers';
import { activeUserCheck } from './services/auth/active';
import { createImportHandlers } from './services/imports/handlers';
import { createGeocodingHandlers } from './services/geocoding/handlers';
import { createMaintenanceHandlers } from './services/equipment/maintenance';
import { geocoderFor } from './geocoding';
import { createWeatherHandlers } from './services/weather/handlers';
import { WeatherWatch, type SweepTotals } from './services/weather/watch';
import { randomUUID } from 'node:crypto';
import { createReportsHandlers } from './services/reports/handlers';
import { createMessagingHandlers } from './services/messaging/handlers';
import { jobMessages } from './services/messaging/jobs';
import { Outbox, type RoundResult } from './services/messaging/outbox';
import { MessagingWorker } from './services/messaging/worker';
import { createBackupHandlers } from './services/backups/handlers';
import { BackupService, type AutomaticRun } from './services/backups/service';

export interface Core {
  dispatch: Dispatch;
  events: EventBus;
  /** The computer woke from sleep (the shell's power monitor): background checks run now. */
  wake(): void;
  /** Runs the weather watch's sweep of every business now (what the timer runs), with its totals. */
  sweepWeather(): Promise<SweepTotals>;
  /** Runs a texting round for every business now (what the timer runs): sends, reports, replies. */
  runMessaging(): Promise<RoundResult>;
  /**
   * A folder the user chose in the desktop app's folder picker: data.export and data.import accept
   * it (in the desktop app they accept no other).
   */
  allowFolder(path: string): void;
  /** Runs the automatic backup round now (what the timer runs): the day's backup, old ones pruned. */
  runBackups(): Promise<AutomaticRun>;
  /** Starts background services (timers, connections). Call once after composition. */
  start(): Promise<void>;
  /** Stops background services; safe to call more than once. */
  stop(): Promise<void>;
}

/**
 * Closing and reopening the database while the app runs: switching to MongoDB Atlas, restoring a
 * backup. Background work (live board feed, weather watch, texting) stops first and restarts on
 * the database opened; calls in between are refused as "the database is starting".
 */
export interface DatabaseControl {
  /**
   * Closes the database, runs `between` (e.g. swapping the embedded server's folder) while nothing
   * is open, then opens `target` — or the target `between` returns (e.g. staying on this computer
   * when a copy to a server failed). If that cannot be opened, the default database is opened
   * again and the error is thrown. Reopens never overlap.
   */
  reopen(target?: DatabaseTarget, between?: () => Promise<DatabaseTarget | void>): Promise<void>;
}

export function createCore(config: CoreConfig, ports: Ports): Core {
  const events = createEventBus();
  const startedAt = ports.clock.now();
  const probes = new Map<string, HealthProbe>([['secrets', secretsProbe(ports.secrets)]]);

  const database = new DatabaseHolder();
  const weatherUrl = process.env.SERVICEPRO_WEATHER_URL;
  const weather = new WeatherWatch(
    {
      db: () => (database.connected ? database.get().db : null),
      clock: ports.clock,
      logger: ports.logger,
      events,
      notifier: ports.notifier,
      secrets: ports.secrets,
    },
    {
      ...config.weather,
      baseUrls:
        config.weather?.baseUrls ??
        (weatherUrl
          ? { open_meteo: weatherUrl, openweathermap: weatherUrl, weatherapi: weatherUrl }
          : undefined),
    },
  );
  const twilioUrl = process.env.SERVICEPRO_TWILIO_URL;
  const outbox = new Outbox(
    {
      db: () => (database.connected ? database.get().db : null),
      clock: ports.clock,
      logger: ports.logger,
      secrets: ports.secrets,
      events,
      instanceId: `desktop-${randomUUID()}`,
    },
    {
      ...config.messaging,
      baseUrl: config.messaging?.baseUrl ?? twilioUrl,
    },
  );
  const messaging = new MessagingWorker(outbox, ports.logger, config.messaging);
  const messages = jobMessages(outbox, messaging, ports.logger);

  let feed: BoardFeed | undefined;
  async function openAndRun(target?: DatabaseTarget): Promise<void> {
    database.set(await openDatabase(config, ports, schemaMigrations, target));
    feed = startBoardFeed(database.get().db, events, ports.logger, () => ports.clock.now());
    weather.start();
    messaging.start();
  }
  async function stopAndClose(): Promise<void> {
    await weather.stop();
    await messaging.stop();
    await feed?.stop();
    feed = undefined;
    await database.close();
  }
  let reopening: Promise<void> = Promise.resolve();
  const control: DatabaseControl = {
    reopen(target, between) {
      const run = reopening.then(async () => {
        await stopAndClose();
        try {
          await openAndRun((await between?.()) ?? target);
        } catch (err) {
          const reason = err instanceof Error ? err.message : String(err);
          ports.logger.log('warn', 'Reopening the database failed; opening the default one', {
            reason,
          });
          await openAndRun().then(
            () => events.emit('database.reopened', { kind: database.get().kind }),
            (again: unknown) => {
              database.fail(again instanceof Error ? again.message : String(again));
            },
          );
          throw err;
        }
        ports.logger.log('info', 'Database reopened', { kind: database.get().kind });
        events.emit('database.reopened', { kind: database.get().kind });
      });
      reopening = run.catch(() => undefined);
      return run;
    },
  };
  const folderGrants = new FolderGrants();
  const dataLock = new DataMoveLock();
  const backups = new BackupService(
    {
      database,
      control,
      paths: ports.paths,
      clock: ports.clock,
      logger: ports.logger,
      appVersion: config.version,
      moves: dataLock,
    },
    config.backups,
  );

  const handlers: Handlers = {
    ...createAppHandlers({ config, probes, events, startedAt }),
    ...createAuthHandlers({ database, clock: ports.clock }),
    ...createAllRecordHandlers({ database, clock: ports.clock }),
    ...createUsersHandlers({ database, clock: ports.clock }),
    ...createBusinessHandlers({ database, clock: ports.clock }),
    ...createPreferencesHandlers({ paths: ports.paths, logger: ports.logger }),
    ...createBoardHandlers({ database, clock: ports.clock }),
    ...createMapHandlers({ database, clock: ports.clock }),
    ...createRoutesHandlers({ database, clock: ports.clock }),
    ...createJobsHandlers({ database, clock: ports.clock, messages }),
    ...createMoveHandler({ database, clock: ports.clock }),
    ...createReportsHandlers({ database, clock: ports.clock }),
    ...createBackupHandlers({ backups }),
    ...createImportHandlers({ database, clock: ports.clock }),
    ...createMaintenanceHandlers({ database, clock: ports.clock }),
    ...createGeocodingHandlers({ database, clock: ports.clock, geocoder: geocoderFor(config) }),
    ...createWeatherHandlers({
      database,
      clock: ports.clock,
      secrets: ports.secrets,
      watch: weather,
      messages,
    }),
    ...createMessagingHandlers({
      database,
      clock: ports.clock,
      secrets: ports.secrets,
      outbox,
      worker: messaging,
    }),
    ...createDatabaseHandlers({
      database,
      secrets: ports.secrets,
      clock: ports.clock,
      testTimeoutMs: config.connectionTestTimeoutMs,
      control,
      config,
      ports,
      events,
      lock: dataLock,
    }),
    ...createDataHandlers({
      database,
      clock: ports.clock,
      events,
      logger: ports.logger,
      paths: ports.paths,
      config,
      grants: folderGrants,
      lock: dataLock,
    }),
    ...createSetupHandlers({
      database,
      secrets: ports.secrets,
      clock: ports.clock,
      control,
      databaseFromEnvironment: config.databaseUri !== undefined,
      testTimeoutMs: config.connectionTestTimeoutMs,
    }),
  };

  const dispatch = createDispatch({
    handlers,
    logger: ports.logger,
    clock: ports.clock,
    validateOutput: config.validateOutput,
    sessionValid: activeUserCheck(database, ports.clock),
    translateError: (err) =>
      isConnectionError(err)
        ? new UnavailableError(
            'The database cannot be reached right now, so nothing was changed. The app keeps retrying; try again when the connection indicator is green.',
          )
        : undefined,
  });

  probes.set('database', async () =>
    database.connected
      ? database.get().probe()
      : {
          name: 'database',
          status: 'down',
          message: database.failureReason
            ? `The database could not be opened: ${database.failureReason}`
            : 'The database is starting…',
        },
  );

  let started = false;
  return {
    dispatch,
    events,
    wake: () => {
      weather.wake();
      messaging.poke();
    },
    sweepWeather: () => weather.sweepAll(),
    runMessaging: () => messaging.runNow(),
    allowFolder: (path) => folderGrants.allow(path),
    runBackups: () => backups.runAutomatic(),
    async start() {
      if (started) return;
      started = true;
      try {
        await openAndRun();
      } catch (err) {
        // The window still opens and the health indicator says what is wrong; nothing is written.
        const reason = err instanceof Error ? err.message : String(err);
        database.fail(reason);
        ports.logger.log('error', 'Database unavailable', { reason });
      }
      backups.start();
      ports.logger.log('info', 'Core started', { mode: config.mode, version: config.version });
    },
    async stop() {
      if (!started) return;
      started = false;
      await backups.stop();
      await reopening;
      await stopAndClose();
      ports.logger.log('info', 'Core stopped');
    },
  };
}
