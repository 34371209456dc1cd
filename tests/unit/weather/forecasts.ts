// Constructed forecasts for the weather-rule tests: hour by local hour, days summarised from their hours.
import type { WeatherData } from '../../../shared/schemas';
import { addDays, localTimeOf, minutesOf, toUtcInstant, type DateKey } from '../../../shared/time';
import type { Forecast, ForecastHour } from '../../../electron/core/weather/types';

export type HourWeather = Omit<ForecastHour, 'at'>;

/** A mild, dry, calm hour: inside every default threshold. */
export const FINE: HourWeather = {
  temp_fahrenheit: 72,
  rain_percent: 10,
  wind_speed_mph: 8,
  condition: 'partly_cloudy',
};

export const RAIN: Partial<HourWeather> = { rain_percent: 80, condition: 'rain' };

/** How one local hour (0–23, on the business's wall clock) deviates from FINE. */
export type HourPlan = (hour: number, date: DateKey) => Partial<HourWeather>;

/** Hourly points for each real hour of a local date (23 or 25 of them on a DST day). */
export function hoursOf(
  date: DateKey,
  timeZone: string,
  plan: HourPlan = () => ({}),
): ForecastHour[] {
  const hours: ForecastHour[] = [];
  const end = toUtcInstant(addDays(date, 1), '00:00', timeZone).getTime();
  for (let at = toUtcInstant(date, '00:00', timeZone).getTime(); at < end; at += 3_600_000) {
    const hour = minutesOf(localTimeOf(new Date(at), timeZone)) / 60;
    hours.push({ at: new Date(at), ...FINE, ...plan(hour, date) });
  }
  return hours;
}

/** The day entry a provider would give for these hours. */
export function dayOf(date: DateKey, hours: readonly HourWeather[]): WeatherData {
  const worst = hours.find((h) => h.rain_percent === Math.max(...hours.map((x) => x.rain_percent)));
  return {
    date,
    condition: worst?.condition ?? 'unknown',
    rain_percent: Math.max(...hours.map((h) => h.rain_percent)),
    temp_high_fahrenheit: Math.max(...hours.map((h) => h.temp_fahrenheit)),
    temp_low_fahrenheit: Math.min(...hours.map((h) => h.temp_fahrenheit)),
    wind_speed_mph: Math.max(...hours.map((h) => h.wind_speed_mph)),
    uv_index: 6,
    humidity_percent: 55,
  };
}

/**
 * A forecast from `from` to `to` (local dates in `timeZone`), FINE unless `plan` says otherwise;
 * hourly points only through `hourlyThrough` when given, as a provider's hourly data runs out first.
 */
export function forecast(
  timeZone: string,
  from: DateKey,
  to: DateKey,
  plan: HourPlan = () => ({}),
  hourlyThrough: DateKey = to,
): Forecast {
  const days: WeatherData[] = [];
  const hours: ForecastHour[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const dayHours = hoursOf(date, timeZone, plan);
    days.push(dayOf(date, dayHours));
    if (date <= hourlyThrough) hours.push(...dayHours);
  }
  return {
    provider: 'open_meteo',
    latitude: 33.52,
    longitude: -86.81,
    fetched_at: new Date('2026-06-01T12:00:00Z'),
    days,
    hours,
  };
}

/** Plans that put weather on whole dates, or some local hours of them. */
export function on(
  dates: readonly DateKey[],
  weather: Partial<HourWeather>,
  hours: (hour: number) => boolean = () => true,
): HourPlan {
  return (hour, date) => (dates.includes(date) && hours(hour) ? weather : {});
}
