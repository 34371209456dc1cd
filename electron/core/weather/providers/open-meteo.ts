// Open-Meteo's forecast API as a WeatherProvider: keyless, so weather works out of the box.
import { z } from 'zod';
import type { WeatherData } from '../../../../shared/schemas/weather-cache';
import { localDateOf } from '../../../../shared/time';
import type { ForecastHour, WeatherProvider } from '../types';
import { conditionOfWmoCode } from './conditions';
import { percent, providerHttp, type WeatherProviderOptions } from './http';

export const OPEN_METEO_URL = 'https://api.open-meteo.com';

const HOURLY = ['temperature_2m', 'precipitation_probability', 'wind_speed_10m', 'weather_code'];
const DAILY = [
  'weather_code',
  'temperature_2m_max',
  'temperature_2m_min',
  'precipitation_probability_max',
  'wind_speed_10m_max',
  'uv_index_max',
  'relative_humidity_2m_mean',
];

/** A value per time step; null where the model has no value (e.g. past its horizon). */
const series = z.array(z.number().nullable());
const times = z.array(z.number().int());

const answerSchema = z
  .object({
    utc_offset_seconds: z.number().int(),
    hourly: z.object({
      time: times,
      temperature_2m: series,
      precipitation_probability: series,
      wind_speed_10m: series,
      weather_code: series,
    }),
    daily: z.object({
      time: times,
      weather_code: series,
      temperature_2m_max: series,
      temperature_2m_min: series,
      precipitation_probability_max: series,
      wind_speed_10m_max: series,
      uv_index_max: series,
      relative_humidity_2m_mean: series,
    }),
  })
  .refine(
    ({ hourly, daily }) =>
      Object.values(hourly).every((values) => values.length === hourly.time.length) &&
      Object.values(daily).every((values) => values.length === daily.time.length),
    'every series must have one value per time step',
  );

/** Open-Meteo's errors: {"error": true, "reason": "..."}. */
const errorSchema = z.object({ error: z.literal(true), reason: z.string() });

/** The values of one step when none is missing. */
function complete<T extends Record<string, number | null>>(
  values: T,
): { [K in keyof T]: number } | undefined {
  return Object.values(values).some((value) => value === null)
    ? undefined
    : (values as { [K in keyof T]: number });
}

export function createOpenMeteoProvider(options: WeatherProviderOptions = {}): WeatherProvider {
  // The free API takes no key; one given for another provider is not sent here.
  const http = providerHttp('open_meteo', OPEN_METEO_URL, options);

  return {
    id: 'open_meteo',
    async forecast(request, signal) {
      http.check(request);
      const url = http.url('/v1/forecast', {
        latitude: String(request.latitude),
        longitude: String(request.longitude),
        hourly: HOURLY.join(','),
        daily: DAILY.join(','),
        temperature_unit: 'fahrenheit',
        wind_speed_unit: 'mph',
        timezone: request.timeZone,
        // Open-Meteo labels every time step with the one UTC offset in force when asked, so its
        // local times are off by an hour after a DST change. Unix times are true instants.
        timeformat: 'unixtime',
        forecast_days: String(request.days),
      });
      const answer = await http.get(url, signal);
      if (answer.status !== 200) {
        const body = errorSchema.safeParse(answer.json);
        throw http.refused(answer, body.success ? body.data.reason : undefined);
      }
      const { hourly, daily } = http.read(answerSchema, answer);

      const hours: ForecastHour[] = [];
      hourly.time.forEach((time, i) => {
        const values = complete({
          temp: hourly.temperature_2m[i] ?? null,
          rain: hourly.precipitation_probability[i] ?? null,
          wind: hourly.wind_speed_10m[i] ?? null,
          code: hourly.weather_code[i] ?? null,
        });
        if (!values) return;
        hours.push({
          at: new Date(time * 1000),
          temp_fahrenheit: values.temp,
          rain_percent: percent(values.rain),
          wind_speed_mph: Math.max(0, values.wind),
          condition: conditionOfWmoCode(values.code),
        });
      });

      const days: WeatherData[] = [];
      daily.time.forEach((time, i) => {
        const values = complete({
          code: daily.weather_code[i] ?? null,
          high: daily.temperature_2m_max[i] ?? null,
          low: daily.temperature_2m_min[i] ?? null,
          rain: daily.precipitation_probability_max[i] ?? null,
          wind: daily.wind_speed_10m_max[i] ?? null,
          uv: daily.uv_index_max[i] ?? null,
          humidity: daily.relative_humidity_2m_mean[i] ?? null,
        });
        if (!values) return;
        // A day's time is its start at that one fixed offset, within an hour of local midnight;
        // its local date six hours on is the day meant, whichever offset the API used.
        days.push({
          date: localDateOf(new Date((time + 6 * 3600) * 1000), request.timeZone),
          condition: conditionOfWmoCode(values.code),
          rain_percent: percent(values.rain),
          temp_high_fahrenheit: values.high,
          temp_low_fahrenheit: values.low,
          wind_speed_mph: Math.max(0, values.wind),
          uv_index: Math.max(0, values.uv),
          humidity_percent: percent(values.humidity),
        });
      });

      return {
        provider: 'open_meteo',
        latitude: request.latitude,
        longitude: request.longitude,
        fetched_at: http.clock.now(),
        days: days.slice(0, request.days),
        hours,
      };
    },
  };
}
