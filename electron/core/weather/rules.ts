// The weather watch's verdict on one job: the forecast over the job's own hours against the business's thresholds.
import type { BusinessConfig } from '../../../shared/schemas/businesses';
import type { WeatherCondition, WeatherData } from '../../../shared/schemas/weather-cache';
import { toUtcInstant, type DateKey, type TimeOfDay } from '../../../shared/time';
import {
  anyExceeded,
  thresholdDetailsOf,
  weatherRisks,
  type ThresholdDetails,
  type WeatherThresholds,
} from '../../../shared/weather/risk';
import type { Forecast, ForecastHour } from './types';

/** What the forecast says about a job's hours. */
export interface JobWeatherCheck {
  /** The forecast over the job's hours, dated the job's date. */
  data: WeatherData;
  details: ThresholdDetails;
  /** Some threshold is crossed: the job is at risk. */
  exceeded: boolean;
  /** What crosses a threshold, as the board shows it ("Rain 80%"); empty when fine. */
  risks: string[];
  /** 'hourly' when hourly points cover all of the job's hours; otherwise the whole day's figures. */
  basis: 'hourly' | 'daily';
}

/** The span of a job to check: its local date and wall-clock times in the business's zone. */
export interface JobHours {
  date: DateKey;
  start: TimeOfDay;
  end: TimeOfDay;
}

/**
 * From worst to mildest, as a crew in the field feels it; 'unknown' is last, so any known
 * condition in the job's hours names them.
 */
const CONDITIONS_WORST_FIRST: readonly WeatherCondition[] = [
  'thunderstorm',
  'heavy_rain',
  'sleet',
  'snow',
  'rain',
  'drizzle',
  'windy',
  'fog',
  'cloudy',
  'partly_cloudy',
  'clear',
  'unknown',
];

function worstCondition(conditions: readonly WeatherCondition[]): WeatherCondition {
  return CONDITIONS_WORST_FIRST.find((c) => conditions.includes(c)) ?? 'unknown';
}

const HOUR_MS = 3_600_000;
/**
 * How long one point stands for at most. Points stand until the next one, so a provider that gives
 * 3-hourly points (OpenWeatherMap's free forecast) still covers every hour; a longer gap is
 * missing data, not a long point.
 */
const MAX_POINT_MS = 3 * HOUR_MS;

interface PointSpan {
  point: ForecastHour;
  start: number;
  end: number;
}

/** Each point's [start, end) in epoch ms, worked out once per forecast (a search asks hundreds of times). */
const spansByHours = new WeakMap<readonly ForecastHour[], PointSpan[]>();
function pointSpans(hours: readonly ForecastHour[]): PointSpan[] {
  const known = spansByHours.get(hours);
  if (known) return known;
  const sorted = [...hours].sort((a, b) => a.at.getTime() - b.at.getTime());
  const spans = sorted.map((point, i): PointSpan => {
    const start = point.at.getTime();
    const next = sorted[i + 1]?.at.getTime();
    const previous = sorted[i - 1]?.at.getTime();
    // The last point lasts as long as the step before it (an hour when there is none).
    const step =
      next !== undefined ? next - start : previous !== undefined ? start - previous : HOUR_MS;
    return { point, start, end: start + Math.min(step, MAX_POINT_MS) };
  });
  spansByHours.set(hours, spans);
  return spans;
}

/** The points overlapping [start, end), or null when together they leave part of it uncovered. */
function pointsCovering(spans: readonly PointSpan[], start: number, end: number) {
  const overlapping = spans.filter((s) => s.start < end && s.end > start);
  let coveredUntil = start;
  for (const s of overlapping) {
    if (s.start > coveredUntil) return null;
    coveredUntil = Math.max(coveredUntil, s.end);
  }
  return coveredUntil >= end ? overlapping.map((s) => s.point) : null;
}

/**
 * The forecast over a job's own hours ([start, end) as instants in `timeZone`, right across DST
 * changes), checked against `thresholds`. Uses the hourly points when they cover all of the job's
 * hours: the worst of them (highest rain chance, wind and temperature, lowest temperature, worst
 * condition) with the day's UV index and humidity. Otherwise — no hourly points that far ahead, or
 * only part of the job covered — the day's figures, which are at least as bad as any of its hours.
 * Null when the forecast has no entry for the job's date.
 */
export function checkJobWeather(
  forecast: Forecast,
  job: JobHours,
  timeZone: string,
  thresholds: WeatherThresholds,
): JobWeatherCheck | null {
  const day = forecast.days.find((d) => d.date === job.date);
  if (!day) return null;
  const points = pointsCovering(
    pointSpans(forecast.hours),
    toUtcInstant(job.date, job.start, timeZone).getTime(),
    toUtcInstant(job.date, job.end, timeZone).getTime(),
  );
  // An empty cover only comes from a job that does not end after it starts: no hours to read.
  const hourly = points !== null && points.length > 0;
  const data: WeatherData = hourly
    ? {
        date: job.date,
        condition: worstCondition(points.map((p) => p.condition)),
        rain_percent: Math.max(...points.map((p) => p.rain_percent)),
        temp_high_fahrenheit: Math.max(...points.map((p) => p.temp_fahrenheit)),
        temp_low_fahrenheit: Math.min(...points.map((p) => p.temp_fahrenheit)),
        wind_speed_mph: Math.max(...points.map((p) => p.wind_speed_mph)),
        uv_index: day.uv_index,
        humidity_percent: day.humidity_percent,
      }
    : { ...day };
  const details = thresholdDetailsOf(data, thresholds);
  return {
    data,
    details,
    exceeded: anyExceeded(details),
    risks: weatherRisks(data, thresholds),
    basis: hourly ? 'hourly' : 'daily',
  };
}

/** True for a service the weather never stops (indoor work), as the business lists them. */
export function isWeatherExempt(
  serviceId: string,
  config: Pick<BusinessConfig, 'weather_exempt_service_ids'>,
): boolean {
  return config.weather_exempt_service_ids.includes(serviceId);
}
