// WeatherAPI.com's forecast API as a WeatherProvider: up to 14 days of hours, with the user's key.
import { z } from 'zod';
import type { WeatherData } from '../../../../shared/schemas/weather-cache';
import { DATE_KEY_PATTERN } from '../../../../shared/time';
import type { WeatherErrorKind, WeatherProvider } from '../types';
import { conditionOfWeatherApiCode } from './conditions';
import { percent, providerHttp, requireApiKey, type WeatherProviderOptions } from './http';

export const WEATHERAPI_URL = 'https://api.weatherapi.com';

const conditionSchema = z.object({ code: z.number().int() });
/** Rain and snow are separate chances; a missing snow chance is none. */
const chanceSchema = z.number().min(0).max(100);

const answerSchema = z.object({
  forecast: z.object({
    forecastday: z.array(
      z.object({
        /** The day at the place, 'YYYY-MM-DD'. */
        date: z.string().regex(DATE_KEY_PATTERN),
        day: z.object({
          maxtemp_f: z.number(),
          mintemp_f: z.number(),
          maxwind_mph: z.number().nonnegative(),
          daily_chance_of_rain: chanceSchema,
          daily_chance_of_snow: chanceSchema.default(0),
          avghumidity: z.number(),
          uv: z.number().nonnegative(),
          condition: conditionSchema,
        }),
        hour: z.array(
          z.object({
            time_epoch: z.number().int(),
            temp_f: z.number(),
            wind_mph: z.number().nonnegative(),
            chance_of_rain: chanceSchema,
            chance_of_snow: chanceSchema.default(0),
            humidity: z.number(),
            condition: conditionSchema,
          }),
        ),
      }),
    ),
  }),
});

/** WeatherAPI.com's errors: {"error": {"code": 2006, "message": "..."}}. */
const errorSchema = z.object({ error: z.object({ code: z.number().int(), message: z.string() }) });

/** What each documented error code means to the caller; the HTTP status decides the rest. */
const kindOfCode: ReadonlyMap<number, WeatherErrorKind> = new Map<number, WeatherErrorKind>([
  [1002, 'unauthorized'], // key not provided
  [2006, 'unauthorized'], // key invalid
  [2008, 'unauthorized'], // key disabled
  [2009, 'unauthorized'], // the plan does not include this
  [2007, 'rate_limited'], // monthly quota used up
  [1003, 'bad_request'], // q missing
  [1005, 'bad_request'], // URL invalid
  [1006, 'bad_request'], // no location found for q
  [9999, 'unavailable'], // internal application error (sent as HTTP 400)
]);

export function createWeatherApiProvider(options: WeatherProviderOptions): WeatherProvider {
  const apiKey = requireApiKey('weatherapi', options.apiKey);
  const http = providerHttp('weatherapi', WEATHERAPI_URL, options, apiKey);

  return {
    id: 'weatherapi',
    async forecast(request, signal) {
      http.check(request);
      const url = http.url('/v1/forecast.json', {
        key: apiKey,
        q: `${request.latitude},${request.longitude}`,
        days: String(request.days),
        aqi: 'no',
        alerts: 'no',
      });
      const answer = await http.get(url, signal);
      if (answer.status !== 200) {
        const body = errorSchema.safeParse(answer.json);
        if (!body.success) throw http.refused(answer);
        const { code, message } = body.data.error;
        throw http.refused(answer, `${message} [${code}]`, kindOfCode.get(code));
      }
      const { forecast } = http.read(answerSchema, answer);

      // Days are the place's own dates, which are the business's as long as the place is in its zone.
      const days: WeatherData[] = forecast.forecastday.map(({ date, day }) => ({
        date,
        condition: conditionOfWeatherApiCode(day.condition.code),
        rain_percent: percent(Math.max(day.daily_chance_of_rain, day.daily_chance_of_snow)),
        temp_high_fahrenheit: day.maxtemp_f,
        temp_low_fahrenheit: day.mintemp_f,
        wind_speed_mph: day.maxwind_mph,
        uv_index: day.uv,
        humidity_percent: percent(day.avghumidity),
      }));
      const hours = forecast.forecastday
        .flatMap((day) => day.hour)
        .map((hour) => ({
          at: new Date(hour.time_epoch * 1000),
          temp_fahrenheit: hour.temp_f,
          rain_percent: percent(Math.max(hour.chance_of_rain, hour.chance_of_snow)),
          wind_speed_mph: hour.wind_mph,
          condition: conditionOfWeatherApiCode(hour.condition.code),
        }))
        .sort((a, b) => a.at.getTime() - b.at.getTime());

      return {
        provider: 'weatherapi',
        latitude: request.latitude,
        longitude: request.longitude,
        fetched_at: http.clock.now(),
        days: days.slice(0, request.days),
        hours,
      };
    },
  };
}
