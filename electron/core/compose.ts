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
import { openDatabase } from './db/open';
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
import { createBusinessHandlers } from './services/business/handlers';
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

export interface Core {
  dispatch: Dispatch;
  events: EventBus;
  /** The computer woke from sleep (the shell's power monitor): background checks run now. */
  wake(): void;
  /** Runs the weather watch's sweep of every business now (what the timer runs), with its totals. */
  sweepWeather(): Promise<SweepTotals>;
  /** Runs a texting round for every business now (what the timer runs): sends, reports, replies. */
  runMessaging(): Promise<RoundResult>;
  /** Starts background services (timers, connections). Call once after composition. */
  start(): Promise<void>;
  /** Stops background services; safe to call more than once. */
  stop(): Promise<void>;
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
  const handlers: Handlers = {
    ...createAppHandlers({ config, probes, events, startedAt }),
    ...createAuthHandlers({ database, clock: ports.clock }),
    ...createAllRecordHandlers({ database, clock: ports.clock }),
    ...createUsersHandlers({ database, clock: ports.clock }),
    ...createBusinessHandlers({ database, clock: ports.clock }),
    ...createBoardHandlers({ database, clock: ports.clock }),
    ...createMapHandlers({ database, clock: ports.clock }),
    ...createRoutesHandlers({ database, clock: ports.clock }),
    ...createJobsHandlers({ database, clock: ports.clock, messages }),
    ...createMoveHandler({ database, clock: ports.clock }),
    ...createReportsHandlers({ database, clock: ports.clock }),
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
  let feed: BoardFeed | undefined;
  return {
    dispatch,
    events,
    wake: () => {
      weather.wake();
      messaging.poke();
    },
    sweepWeather: () => weather.sweepAll(),
    runMessaging: () => messaging.runNow(),
    async start() {
      if (started) return;
      started = true;
      try {
        database.set(await openDatabase(config, ports, schemaMigrations));
        feed = startBoardFeed(database.get().db, events, ports.logger, () => ports.clock.now());
        weather.start();
        messaging.start();
      } catch (err) {
        // The window still opens and the health indicator says what is wrong; nothing is written.
        const reason = err instanceof Error ? err.message : String(err);
        database.fail(reason);
        ports.logger.log('error', 'Database unavailable', { reason });
      }
      ports.logger.log('info', 'Core started', { mode: config.mode, version: config.version });
    },
    async stop() {
      if (!started) return;
      started = false;
      await weather.stop();
      await messaging.stop();
      await feed?.stop();
      feed = undefined;
      await database.close();
      ports.logger.log('info', 'Core stopped');
    },
  };
}
