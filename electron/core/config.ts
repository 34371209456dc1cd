// Start-up configuration of the core, filled in by the shell that composes it.

export interface CoreConfig {
  appName: string;
  version: string;
  mode: 'desktop' | 'browser';
  platform: string;
  /** Validate handler output against the contract (on in development and tests). */
  validateOutput: boolean;
  /**
   * A MongoDB URI that overrides the one kept in the keychain (tests, `MONGODB_URI`). Without either,
   * the app starts its embedded server in the data folder.
   */
  databaseUri?: string;
  /** Database name when the URI names none (default "servicepro"). */
  databaseName?: string;
  /** How long Settings' "Test connection" waits for a server (default 10 s). */
  connectionTestTimeoutMs?: number;
  /**
   * Where client addresses are looked up (a Nominatim server). Without `url`, the
   * `SERVICEPRO_GEOCODER_URL` environment variable, else https://nominatim.openstreetmap.org.
   */
  geocoder?: { url?: string; timeoutMs?: number; minIntervalMs?: number };
  /**
   * The weather watch. Provider base URLs default to the `SERVICEPRO_WEATHER_URL` environment
   * variable (one server answering all three providers' APIs, e.g. a local test double), else each
   * provider's public API. `timer: false` leaves sweeps to "Check now" and tests.
   */
  weather?: {
    baseUrls?: Partial<Record<'open_meteo' | 'openweathermap' | 'weatherapi', string>>;
    timeoutMs?: number;
    intervalMs?: number;
    timer?: boolean;
  };
  /**
   * Texting clients. Twilio's API is reached at `baseUrl` (default: the `SERVICEPRO_TWILIO_URL`
   * environment variable, e.g. a local test double; else api.twilio.com). `timer: false` leaves the
   * outbox, delivery reports and replies to "Check now" and tests; `intervalMs` is the round.
   */
  messaging?: {
    baseUrl?: string;
    timeoutMs?: number;
    intervalMs?: number;
    timer?: boolean;
    /** How long a claimed message stays claimed before another desktop may check and send it. */
    claimMs?: number;
  };
  /**
   * Backups of the database on this computer: at start-up and every `intervalMs` (default an hour)
   * the day's automatic backup is made if there is none yet. `timer: false` leaves that to tests.
   */
  backups?: { timer?: boolean; intervalMs?: number };
}
