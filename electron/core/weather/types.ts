// The weather watch's vocabulary: what a provider returns, whatever provider it is, and how it fails.
// Providers (providers/*.ts) speak their own APIs and hand back a `Forecast`; the rules (rules.ts)
// and proposals (proposals.ts) only ever read a `Forecast`.
import type { WeatherCondition, WeatherData } from '../../../shared/schemas/weather-cache';

/** Open-Meteo needs no key, so it is the default: weather works out of the box. */
export type WeatherProviderId = 'open_meteo' | 'openweathermap' | 'weatherapi';

export const WEATHER_PROVIDER_NAMES: Readonly<Record<WeatherProviderId, string>> = {
  open_meteo: 'Open-Meteo',
  openweathermap: 'OpenWeatherMap',
  weatherapi: 'WeatherAPI.com',
};

/** One forecast hour. */
export interface ForecastHour {
  /** The hour's start, an instant. */
  at: Date;
  temp_fahrenheit: number;
  /** Chance of precipitation, 0–100. */
  rain_percent: number;
  wind_speed_mph: number;
  condition: WeatherCondition;
}

/** A provider's forecast for one place, in the app's units (°F, mph, %). */
export interface Forecast {
  provider: WeatherProviderId;
  latitude: number;
  longitude: number;
  fetched_at: Date;
  /** One entry per local calendar day at the place (days in the requested time zone), in order. */
  days: WeatherData[];
  /** Hourly points in time order, where the provider has them (they may cover fewer days). */
  hours: ForecastHour[];
}

export interface ForecastRequest {
  latitude: number;
  longitude: number;
  /** IANA zone the days are cut in (the business's). */
  timeZone: string;
  /** How many days from today, today included (1–14; a provider may give fewer). */
  days: number;
}

export interface WeatherProvider {
  readonly id: WeatherProviderId;
  forecast(request: ForecastRequest, signal?: AbortSignal): Promise<Forecast>;
}

/**
 * Why a provider call failed, so the caller knows what to do:
 * - rate_limited: wait (`retryAfterMs` when the provider said how long) and keep the last forecast;
 * - unauthorized: the key is missing, wrong or not allowed this API — tell the user, do not retry soon;
 * - unavailable: network error, timeout or a 5xx — back off and retry;
 * - bad_request: the provider refused the question (e.g. coordinates) — a bug or bad data;
 * - bad_response: the answer was not the documented shape.
 */
export type WeatherErrorKind =
  'rate_limited' | 'unauthorized' | 'unavailable' | 'bad_request' | 'bad_response';

export class WeatherProviderError extends Error {
  constructor(
    readonly provider: WeatherProviderId,
    readonly kind: WeatherErrorKind,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'WeatherProviderError';
  }
}
