// Forecasts for the weather watch, per location cell: from the `weather_cache` collection while
// fresh, else from the provider — at most one call per provider, cell and sweep however many
// businesses and jobs share the cell — and, when the provider fails, the last good forecast,
// labelled stale, while calls to that cell back off.
import type { Db } from 'mongodb';
import type { Business } from '../../../../shared/schemas';
import type { WeatherCache, WeatherHour } from '../../../../shared/schemas/weather-cache';
import {
  addDays,
  localDateOf,
  scheduledDateValue,
  toUtcInstant,
  type DateKey,
} from '../../../../shared/time';
import { anyExceeded, thresholdDetailsOf } from '../../../../shared/weather/risk';
import { newId } from '../../../../shared/schemas/ids';
import type { Logger } from '../../ports';
import {
  WeatherProviderError,
  type Forecast,
  type WeatherProvider,
  type WeatherProviderId,
} from '../../weather/types';

export const WEATHER_CACHE = 'weather_cache';

/** Cells are 0.1° (about 11 km north–south): one forecast serves every client inside one. */
export const CELL_DEGREES = 0.1;
/** How long a cached forecast is used before the provider is asked again. */
export const FRESH_MS = 2 * 60 * 60_000;
/** Days asked of a provider: today and a week ahead, enough for the window and a new slot. */
export const FORECAST_DAYS = 8;
/** Back-off after a failed call: doubling from 5 minutes up to 2 hours. */
const BACKOFF_BASE_MS = 5 * 60_000;
const BACKOFF_MAX_MS = 2 * 60 * 60_000;
/** A refused key is not tried again for longer: it will not fix itself. */
const UNAUTHORIZED_BACKOFF_MS = 6 * 60 * 60_000;

export interface Cell {
  key: string;
  latitude: number;
  longitude: number;
}

export function cellOf(latitude: number, longitude: number): Cell {
  const round = (v: number) => Math.round(v / CELL_DEGREES) * CELL_DEGREES;
  const lat = Number(round(latitude).toFixed(1));
  const lng = Number(round(longitude).toFixed(1));
  return { key: `${lat.toFixed(1)},${lng.toFixed(1)}`, latitude: lat, longitude: lng };
}

/** The provider a business's forecasts come from. */
export interface ChosenProvider {
  id: WeatherProviderId;
  provider: WeatherProvider;
  /** Why the business's chosen provider is not the one in use (a missing key). */
  fallbackReason: string | null;
}

export interface CellForecast {
  forecast: Forecast;
  /** Older than FRESH_MS because the provider could not be asked. */
  stale: boolean;
}

export interface CellResult {
  /** Null when there is no forecast at all (the provider failed and nothing was cached). */
  forecast: CellForecast | null;
  /** The provider's failure, in words, when it failed. */
  error: string | null;
  /** Whether this call asked the provider. */
  called: boolean;
}

/** One sweep's shared provider answers, so businesses in the same cell share one call. */
export type SweepMemo = Map<string, Promise<Forecast | WeatherProviderError>>;

interface Backoff {
  until: number;
  failures: number;
}

export class ForecastSource {
  private readonly backoff = new Map<string, Backoff>();
  /** Provider calls made so far (for the sweep's figures and the benchmark). */
  calls = 0;

  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
    private readonly logger: Logger,
  ) {}

  /**
   * The forecast of `cell` for the business, covering `dates` if anything can: cached entries while
   * fresh, else one provider call (shared through `memo` with the rest of the sweep).
   */
  async forCell(
    business: Business,
    chosen: ChosenProvider,
    cell: Cell,
    dates: readonly DateKey[],
    memo: SweepMemo,
  ): Promise<CellResult> {
    const now = this.now();
    const cached = await this.cached(business, chosen.id, cell, dates);
    const coversAll = cached && dates.every((d) => cached.forecast.days.some((x) => x.date === d));
    if (cached && coversAll && now.getTime() - cached.forecast.fetched_at.getTime() < FRESH_MS) {
      return { forecast: { forecast: cached.forecast, stale: false }, error: null, called: false };
    }
    const memoKey = `${chosen.id}|${business.timezone}|${cell.key}`;
    let answer = memo.get(memoKey);
    let called = false;
    if (!answer) {
      const waiting = this.backoff.get(memoKey);
      if (waiting && waiting.until > now.getTime()) {
        return {
          forecast: cached ? { forecast: cached.forecast, stale: true } : null,
          error: 'The weather service is not asked again yet after its last failure.',
          called: false,
        };
      }
      called = true;
      this.calls++;
      answer = chosen.provider
        .forecast({
          latitude: cell.latitude,
          longitude: cell.longitude,
          timeZone: business.timezone,
          days: FORECAST_DAYS,
        })
        .catch((err: unknown) =>
          err instanceof WeatherProviderError
            ? err
            : new WeatherProviderError(
                chosen.id,
                'unavailable',
                err instanceof Error ? err.message : String(err),
              ),
        );
      memo.set(memoKey, answer);
    }
    const result = await answer;
    if (result instanceof WeatherProviderError) {
      if (called) this.failed(memoKey, result);
      return {
        forecast: cached ? { forecast: cached.forecast, stale: true } : null,
        error: result.message,
        called,
      };
    }
    if (called) this.backoff.delete(memoKey);
    await this.store(business, chosen.id, cell, result);
    return { forecast: { forecast: result, stale: false }, error: null, called };
  }

  private failed(key: string, error: WeatherProviderError): void {
    const failures = (this.backoff.get(key)?.failures ?? 0) + 1;
    const delay =
      error.kind === 'unauthorized'
        ? UNAUTHORIZED_BACKOFF_MS
        : Math.max(
            error.retryAfterMs ?? 0,
            Math.min(BACKOFF_BASE_MS * 2 ** (failures - 1), BACKOFF_MAX_MS),
          );
    this.backoff.set(key, { until: this.now().getTime() + delay, failures });
    this.logger.log('warn', 'Weather provider call failed', {
      provider: error.provider,
      kind: error.kind,
      retry_in_min: Math.round(delay / 60_000),
    });
  }

  /** The business's cached days for the cell from this provider, as one forecast (oldest fetch). */
  private async cached(
    business: Business,
    provider: WeatherProviderId,
    cell: Cell,
    dates: readonly DateKey[],
  ): Promise<{ forecast: Forecast } | null> {
    if (dates.length === 0) return null;
    const sorted = [...dates].sort();
    const docs = (await this.db
      .collection(WEATHER_CACHE)
      .find(
        {
          business_id: business.business_id,
          cell: cell.key,
          provider,
          check_date: {
            $gte: scheduledDateValue(sorted[0] as DateKey),
            $lte: scheduledDateValue(addDays(sorted.at(-1) as DateKey, FORECAST_DAYS)),
          },
        },
        { sort: { check_date: 1 } },
      )
      .toArray()) as unknown as WeatherCache[];
    if (docs.length === 0) return null;
    return {
      forecast: {
        provider,
        latitude: cell.latitude,
        longitude: cell.longitude,
        fetched_at: new Date(Math.min(...docs.map((d) => d.cached_at.getTime()))),
        days: docs.map((d) => d.weather_data),
        hours: docs.flatMap((d) => d.hourly ?? []),
      },
    };
  }

  /** One weather_cache entry per day of the forecast, kept until that day is over (TTL index). */
  private async store(
    business: Business,
    provider: WeatherProviderId,
    cell: Cell,
    forecast: Forecast,
  ): Promise<void> {
    const now = this.now();
    const thresholds = business.config.weather_thresholds;
    const hoursByDay = new Map<DateKey, WeatherHour[]>();
    for (const hour of forecast.hours) {
      const day = localDateOf(hour.at, business.timezone);
      hoursByDay.set(day, [...(hoursByDay.get(day) ?? []), hour]);
    }
    const ops = forecast.days.map((day) => {
      const details = thresholdDetailsOf(day, thresholds);
      const expires = toUtcInstant(addDays(day.date, 2), '00:00', business.timezone);
      return {
        updateOne: {
          filter: {
            business_id: business.business_id,
            cell: cell.key,
            provider,
            check_date: scheduledDateValue(day.date),
          },
          update: {
            $set: {
              latitude: cell.latitude,
              longitude: cell.longitude,
              weather_data: day,
              hourly: hoursByDay.get(day.date) ?? [],
              threshold_exceeded: anyExceeded(details),
              threshold_details: details,
              cached_at: forecast.fetched_at,
              expires_at:
                expires.getTime() > now.getTime() ? expires : new Date(now.getTime() + 60_000),
              updated_at: now,
            },
            $setOnInsert: {
              weather_cache_id: newId('wch'),
              version: 1,
              created_at: now,
              deleted_at: null,
              audit_log: [],
            },
          },
          upsert: true,
        },
      };
    });
    if (ops.length) await this.db.collection(WEATHER_CACHE).bulkWrite(ops, { ordered: false });
  }
}

/** The business-local dates from `from` through `to`. */
export function datesBetween(from: Date, to: Date, timeZone: string): DateKey[] {
  const first = localDateOf(from, timeZone);
  const last = localDateOf(to, timeZone);
  const dates: DateKey[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) dates.push(d);
  return dates;
}
