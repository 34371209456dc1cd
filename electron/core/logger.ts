// Structured JSON-lines logger; the shells decide where the lines go.
import type { Logger, LogLevel } from './ports';

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Keys whose values must never reach a log, whatever a caller passes. */
const secretKey = /pass(word)?|secret|token|uri|authorization|api[_-]?key/i;

export function redact(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).map(([k, v]) => [k, secretKey.test(k) ? '[redacted]' : v]),
  );
}

export function createLogger(
  write: (line: string) => void,
  minLevel: LogLevel = 'info',
  now: () => Date = () => new Date(),
): Logger {
  return {
    log(level, message, fields = {}) {
      if (order[level] < order[minLevel]) return;
      write(JSON.stringify({ t: now().toISOString(), level, message, ...redact(fields) }));
    },
  };
}

export const silentLogger: Logger = { log: () => undefined };
