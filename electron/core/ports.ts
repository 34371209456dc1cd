// Interfaces the shell (Electron main or the web host) provides to the core.

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
}

/** Where the app keeps its files (database, backups, logs). */
export interface Paths {
  dataDir: string;
}

/** OS notifications (Electron tray/Notification, or an in-app alert in browser mode). */
export interface Notifier {
  /** `route`: the page a click on the notification opens (e.g. '/weather'). */
  notify(note: { title: string; body: string; route?: string; onClick?: () => void }): void;
}

/** Where secrets (database URI, API keys) are kept. Never a plaintext file. */
export interface SecretStore {
  /** Human name of the backend, shown in health ("OS keychain (keytar)"). */
  readonly backend: string;
  /** False when no secure backend could be loaded: saving a secret is then refused. */
  readonly available: boolean;
  /** Why the preferred backend is not in use, when it is not. */
  readonly fallbackReason?: string;
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Starts the embedded MongoDB-compatible server on a data folder (in its own process in the app). */
export type EmbeddedDatabaseLauncher = (
  dbPath: string,
) => Promise<{ uri: string; close(): Promise<void> }>;

export interface Ports {
  clock: Clock;
  logger: Logger;
  paths: Paths;
  notifier: Notifier;
  secrets: SecretStore;
  embeddedDatabase: EmbeddedDatabaseLauncher;
}
