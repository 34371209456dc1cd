// One GET to a weather API with a time limit, its failures as WeatherProviderError, never showing a key.
import type { z } from 'zod';
import { isValidTimeZone } from '../../../../shared/time';
import { systemClock, type Clock } from '../../ports';
import {
  WEATHER_PROVIDER_NAMES,
  WeatherProviderError,
  type ForecastRequest,
  type WeatherErrorKind,
  type WeatherProviderId,
} from '../types';

export interface WeatherProviderOptions {
  /** The provider's API key; OpenWeatherMap and WeatherAPI.com need one, Open-Meteo none. */
  apiKey?: string;
  /** Server root (no trailing path): the provider's public API by default, a local server in tests. */
  baseUrl?: string;
  /** How long one forecast call may take, answer included (default 10 s). */
  timeoutMs?: number;
  /** Stamps `fetched_at` and dates a Retry-After given as an HTTP date. */
  clock?: Clock;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

/** An HTTP answer, read whole. `json` is undefined when the body is not JSON. */
export interface Answer {
  status: number;
  headers: Headers;
  json: unknown;
}

/** The user's way out whenever a key is the problem. */
const KEY_ADVICE = 'Check it in Settings → Weather, or choose Open-Meteo, which needs none.';

/** The key, trimmed, or an error a user understands when there is none. */
export function requireApiKey(provider: WeatherProviderId, apiKey: string | undefined): string {
  const key = apiKey?.trim();
  if (!key) {
    const name = WEATHER_PROVIDER_NAMES[provider];
    throw new WeatherProviderError(
      provider,
      'unauthorized',
      `${name} needs an API key: add it in Settings → Weather, or choose Open-Meteo, which needs none.`,
    );
  }
  return key;
}

/**
 * Milliseconds a Retry-After header asks us to wait: delay-seconds ("120") or an HTTP date
 * ("Wed, 21 Oct 2026 07:28:00 GMT", counted from `now`). Undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null, now: Date): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP date names a weekday or month; without one, Date.parse would read "1.5" as a date.
  if (!/[A-Za-z]{3}/.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

/** What an HTTP status means to the caller when the body says nothing more precise. */
export function kindOfStatus(status: number): WeatherErrorKind {
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 429) return 'rate_limited';
  if (status >= 400 && status < 500 && status !== 408) return 'bad_request';
  return 'unavailable';
}

function inWords(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 90) return `${seconds} seconds`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `${minutes} minutes`;
  return `${Math.round(minutes / 60)} hours`;
}

/** The pieces every provider shares: its name, base URL, clock, key hiding and HTTP call. */
export interface ProviderHttp {
  readonly provider: WeatherProviderId;
  readonly name: string;
  readonly clock: Clock;
  /** `{base}{path}?{params}`. */
  url(path: string, params: Record<string, string>): URL;
  /** GETs `url`; rejects with 'unavailable' on a network error or timeout, passes any status. */
  get(url: URL, signal?: AbortSignal): Promise<Answer>;
  /** A WeatherProviderError whose message has every key blanked out. */
  error(kind: WeatherErrorKind, message: string, retryAfterMs?: number): WeatherProviderError;
  /**
   * The error for a refused call, worded for its kind (from the status unless given), quoting the
   * provider's own reason when it sent one, with Retry-After honoured.
   */
  refused(answer: Answer, reason?: string, kind?: WeatherErrorKind): WeatherProviderError;
  /** The body read as the documented shape, or 'bad_response'. */
  read<S extends z.ZodType>(schema: S, answer: Answer): z.infer<S>;
  /** Refuses, before any call, a question no provider can answer. */
  check(request: ForecastRequest): void;
}

export function providerHttp(
  provider: WeatherProviderId,
  defaultBaseUrl: string,
  options: WeatherProviderOptions,
  apiKey?: string,
): ProviderHttp {
  const name = WEATHER_PROVIDER_NAMES[provider];
  const baseUrl = (options.baseUrl ?? defaultBaseUrl).replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const clock = options.clock ?? systemClock;
  const secrets = apiKey ? [...new Set([apiKey, encodeURIComponent(apiKey)])] : [];

  const redact = (text: string) =>
    secrets.reduce((out, secret) => out.split(secret).join('[API key]'), text);

  const error = (kind: WeatherErrorKind, message: string, retryAfterMs?: number) =>
    new WeatherProviderError(provider, kind, redact(message), retryAfterMs);

  return {
    provider,
    name,
    clock,

    url(path, params) {
      const url = new URL(`${baseUrl}${path}`);
      url.search = new URLSearchParams(params).toString();
      return url;
    },

    async get(url, signal) {
      const timeout = AbortSignal.timeout(timeoutMs);
      let response: Response;
      let text: string;
      try {
        response = await fetch(url, {
          headers: { Accept: 'application/json' },
          signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        });
        text = await response.text();
      } catch (err) {
        // The caller gave up (the app is quitting, the sweep was cancelled): not the provider's fault.
        if (signal?.aborted) throw signal.reason;
        if (timeout.aborted) {
          throw error(
            'unavailable',
            `${name} did not answer within ${inWords(timeoutMs)}. The last forecast is kept; the weather is checked again later.`,
          );
        }
        const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
        const detail = cause instanceof Error ? cause.message : String(cause);
        // The message never carries the URL (it holds the key); `redact` guards the cause's text too.
        throw error(
          'unavailable',
          `${name} cannot be reached (${detail}). Check the internet connection; the last forecast is kept.`,
        );
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: response.status, headers: response.headers, json };
    },

    error,

    refused(answer, reason, kind = kindOfStatus(answer.status)) {
      const said = reason ? ` ("${reason}")` : '';
      const retryAfterMs = parseRetryAfter(answer.headers.get('retry-after'), clock.now());
      switch (kind) {
        case 'unauthorized':
          return error(kind, `${name} refused the API key${said}. ${KEY_ADVICE}`);
        case 'rate_limited':
          return error(
            kind,
            `${name} asks us to slow down${said}. The last forecast is kept; ${
              retryAfterMs === undefined
                ? 'the weather is checked again later'
                : `the weather is checked again in ${inWords(retryAfterMs)}`
            }.`,
            retryAfterMs,
          );
        case 'bad_request':
          return error(kind, `${name} refused the forecast request${said}.`);
        default:
          return error(
            kind,
            `${name} answered with an error (HTTP ${answer.status})${said}. The last forecast is kept; the weather is checked again later.`,
            retryAfterMs,
          );
      }
    },

    read(schema, answer) {
      if (answer.json === undefined) {
        throw error('bad_response', `${name} sent an answer that is not JSON.`);
      }
      const parsed = schema.safeParse(answer.json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue ? ` (${issue.path.join('.') || 'body'}: ${issue.message})` : '';
        throw error('bad_response', `${name} sent a forecast we could not read${where}.`);
      }
      return parsed.data;
    },

    check(request) {
      const { latitude, longitude, days, timeZone } = request;
      if (!Number.isFinite(latitude) || Math.abs(latitude) > 90) {
        throw error('bad_request', `No forecast for latitude ${latitude}: it must be -90 to 90.`);
      }
      if (!Number.isFinite(longitude) || Math.abs(longitude) > 180) {
        throw error(
          'bad_request',
          `No forecast for longitude ${longitude}: it must be -180 to 180.`,
        );
      }
      if (!Number.isInteger(days) || days < 1 || days > 14) {
        throw error('bad_request', `A forecast covers 1 to 14 days, not ${days}.`);
      }
      if (!isValidTimeZone(timeZone)) {
        throw error('bad_request', `"${timeZone}" is not a time zone.`);
      }
    },
  };
}

/** A chance as a whole percent, 0–100. */
export function percent(value: number): number {
  return Math.min(100, Math.max(0, Math.round(value)));
}
