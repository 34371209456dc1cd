// weather_cache: one day's forecast for a place, cached with the threshold verdict until it expires.
import { z } from 'zod';
import { calendarDateSchema, dateKeySchema, documentFields, whenFieldsValid } from './common';
import { idOf } from './ids';

export const weatherConditionSchema = z.enum([
  'clear',
  'partly_cloudy',
  'cloudy',
  'fog',
  'drizzle',
  'rain',
  'heavy_rain',
  'thunderstorm',
  'snow',
  'sleet',
  'windy',
  'unknown',
]);
export type WeatherCondition = z.infer<typeof weatherConditionSchema>;

/** One day's forecast as the app stores it, whatever provider it came from. */
export const weatherDataSchema = z.object({
  date: dateKeySchema,
  condition: weatherConditionSchema,
  rain_percent: z.number().min(0).max(100),
  temp_high_fahrenheit: z.number(),
  temp_low_fahrenheit: z.number(),
  wind_speed_mph: z.number().nonnegative(),
  uv_index: z.number().nonnegative(),
  humidity_percent: z.number().min(0).max(100),
});
export type WeatherData = z.infer<typeof weatherDataSchema>;

/** One forecast hour, kept with the day it falls in (what the job-hours check reads). */
export const weatherHourSchema = z.strictObject({
  /** The hour's start, an instant. */
  at: z.date(),
  temp_fahrenheit: z.number(),
  rain_percent: z.number().min(0).max(100),
  wind_speed_mph: z.number().nonnegative(),
  condition: weatherConditionSchema,
});
export type WeatherHour = z.infer<typeof weatherHourSchema>;

export const thresholdCheckSchema = z.strictObject({
  threshold: z.number(),
  value: z.number(),
  exceeded: z.boolean(),
});

export const thresholdDetailsSchema = z.strictObject({
  rain_check: thresholdCheckSchema,
  /** Below the minimum temperature; the seed omits it, so it is optional. */
  temp_min_check: thresholdCheckSchema.optional(),
  temp_max_check: thresholdCheckSchema,
  wind_check: thresholdCheckSchema,
});

export const weatherCacheObject = z.strictObject({
  ...documentFields,
  weather_cache_id: idOf('wch'),
  business_id: idOf('bus'),
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  /** The forecast day (00:00 UTC of the business-local date). */
  check_date: calendarDateSchema,
  weather_data: weatherDataSchema,
  /** The day's hourly points, where the provider has them (not in the seed). */
  hourly: z.array(weatherHourSchema).default([]),
  /** Which provider the forecast came from (not in the seed). */
  provider: z.enum(['open_meteo', 'openweathermap', 'weatherapi']).optional(),
  /** The rounded location cell the entry stands for, e.g. '33.5,-86.8' (not in the seed). */
  cell: z.string().optional(),
  threshold_exceeded: z.boolean(),
  threshold_details: thresholdDetailsSchema,
  cached_at: z.date(),
  /** A TTL index deletes the document once this has passed. */
  expires_at: z.date(),
});

export const weatherCacheSchema = weatherCacheObject.superRefine((entry, ctx) => {
  if (entry.expires_at.getTime() <= entry.cached_at.getTime()) {
    ctx.addIssue({
      code: 'custom',
      path: ['expires_at'],
      message: 'expires_at must be after cached_at',
    });
  }
  if (entry.weather_data.date !== entry.check_date.toISOString().slice(0, 10)) {
    ctx.addIssue({
      code: 'custom',
      path: ['weather_data', 'date'],
      message: 'weather_data.date must be the check_date',
    });
  }
  const d = entry.threshold_details;
  const exceeded =
    d.rain_check.exceeded ||
    d.temp_max_check.exceeded ||
    d.wind_check.exceeded ||
    d.temp_min_check?.exceeded === true;
  if (exceeded !== entry.threshold_exceeded) {
    ctx.addIssue({
      code: 'custom',
      path: ['threshold_exceeded'],
      message: 'threshold_exceeded must be true exactly when one check is exceeded',
    });
  }
}, whenFieldsValid);
export type WeatherCache = z.infer<typeof weatherCacheSchema>;
export type WeatherCacheInput = z.input<typeof weatherCacheSchema>;
