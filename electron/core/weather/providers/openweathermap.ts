// OpenWeatherMap's One Call API 3.0 as a WeatherProvider: 48 hours and 8 days, with the user's key.
import { z } from 'zod';
import type { WeatherData } from '../../../../shared/schemas/weather-cache';
import { localDateOf } from '../../../../shared/time';
import type { ForecastHour, WeatherProvider } from '../types';
import { conditionOfOpenWeatherMapId } from './conditions';
import { percent, providerHttp, requireApiKey, type WeatherProviderOptions } from './http';

export const OPENWEATHERMAP_URL = 'https://api.openweathermap.org';

const conditionsSchema = z.array(z.object({ id: z.number().int(), main: z.string() }));
/** Probability of precipitation, 0–1. */
const popSchema = z.number().min(0).max(1);

const answerSchema = z.object({
  hourly: z.array(
    z.object({
      dt: z.number().int(),
      temp: z.number(),
      pop: popSchema,
      wind_speed: z.number().nonnegative(),
      humidity: z.number(),
      weather: conditionsSchema,
    }),
  ),
  daily: z.array(
    z.object({
      /** Midday of the day at the place, as Unix seconds. */
      dt: z.number().int(),
      temp: z.object({ min: z.number(), max: z.number() }),
      pop: popSchema,
      wind_speed: z.number().nonnegative(),
      uvi: z.number().nonnegative(),
      humidity: z.number(),
      weather: conditionsSchema,
    }),
  ),
});

/** OpenWeatherMap's errors: {"cod": 401, "message": "..."} (cod is sometimes a string). */
const errorSchema = z.object({ cod: z.union([z.number(), z.string()]), message: z.string() });

const conditionOf = (weather: z.infer<typeof conditionsSchema>) =>
  weather[0] ? conditionOfOpenWeatherMapId(weather[0].id) : 'unknown';

export function createOpenWeatherMapProvider(options: WeatherProviderOptions): WeatherProvider {
  const apiKey = requireApiKey('openweathermap', options.apiKey);
  const http = providerHttp('openweathermap', OPENWEATHERMAP_URL, options, apiKey);

  return {
    id: 'openweathermap',
    async forecast(request, signal) {
      http.check(request);
      const url = http.url('/data/3.0/onecall', {
        lat: String(request.latitude),
        lon: String(request.longitude),
        appid: apiKey,
        units: 'imperial',
        exclude: 'minutely,alerts',
      });
      const answer = await http.get(url, signal);
      if (answer.status !== 200) {
        const body = errorSchema.safeParse(answer.json);
        throw http.refused(answer, body.success ? body.data.message : undefined);
      }
      const { hourly, daily } = http.read(answerSchema, answer);

      const days: WeatherData[] = daily.slice(0, request.days).map((day) => ({
        date: localDateOf(new Date(day.dt * 1000), request.timeZone),
        condition: conditionOf(day.weather),
        rain_percent: percent(day.pop * 100),
        temp_high_fahrenheit: day.temp.max,
        temp_low_fahrenheit: day.temp.min,
        wind_speed_mph: day.wind_speed,
        uv_index: day.uvi,
        humidity_percent: percent(day.humidity),
      }));
      // The 48 hours may run past the days asked for; those are left out, as the other providers do.
      const lastDay = days.at(-1)?.date;
      const hours: ForecastHour[] = hourly
        .filter(
          (hour) => !lastDay || localDateOf(new Date(hour.dt * 1000), request.timeZone) <= lastDay,
        )
        .map((hour) => ({
          at: new Date(hour.dt * 1000),
          temp_fahrenheit: hour.temp,
          rain_percent: percent(hour.pop * 100),
          wind_speed_mph: hour.wind_speed,
          condition: conditionOf(hour.weather),
        }));

      return {
        provider: 'openweathermap',
        latitude: request.latitude,
        longitude: request.longitude,
        fetched_at: http.clock.now(),
        days,
        hours,
      };
    },
  };
}
