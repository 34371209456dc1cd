// Is a job's forecast bad enough to matter? Shared by the board's cards, the calendar and the core.
import type { WeatherData } from '../schemas/weather-cache';
import type { z } from 'zod';
import type { thresholdDetailsSchema } from '../schemas/weather-cache';

export type ThresholdDetails = z.infer<typeof thresholdDetailsSchema>;

export interface WeatherThresholds {
  rain_percent: number;
  temp_min_fahrenheit: number;
  temp_max_fahrenheit: number;
  wind_speed_mph: number;
}

/**
 * What in the forecast crosses the business's thresholds, as short phrases a dispatcher reads at a
 * glance ("Rain 80%", "Wind 40 mph"); empty when the forecast is fine. A value exactly at a
 * threshold counts, as the weather check's own `exceeded` does.
 */
export function weatherRisks(weather: WeatherData, t: WeatherThresholds): string[] {
  const risks: string[] = [];
  if (weather.rain_percent >= t.rain_percent) risks.push(`Rain ${weather.rain_percent}%`);
  if (weather.wind_speed_mph >= t.wind_speed_mph) risks.push(`Wind ${weather.wind_speed_mph} mph`);
  if (weather.temp_low_fahrenheit <= t.temp_min_fahrenheit) {
    risks.push(`Low ${Math.round(weather.temp_low_fahrenheit)}°F`);
  }
  if (weather.temp_high_fahrenheit >= t.temp_max_fahrenheit) {
    risks.push(`High ${Math.round(weather.temp_high_fahrenheit)}°F`);
  }
  return risks;
}

/**
 * Each threshold against a forecast, as stored on an appointment and a weather_cache entry
 * (`exceeded` when the value is at or past the threshold, as `weatherRisks` reads it).
 */
export function thresholdDetailsOf(weather: WeatherData, t: WeatherThresholds): ThresholdDetails {
  const check = (threshold: number, value: number, exceeded: boolean) => ({
    threshold,
    value,
    exceeded,
  });
  return {
    rain_check: check(t.rain_percent, weather.rain_percent, weather.rain_percent >= t.rain_percent),
    temp_min_check: check(
      t.temp_min_fahrenheit,
      weather.temp_low_fahrenheit,
      weather.temp_low_fahrenheit <= t.temp_min_fahrenheit,
    ),
    temp_max_check: check(
      t.temp_max_fahrenheit,
      weather.temp_high_fahrenheit,
      weather.temp_high_fahrenheit >= t.temp_max_fahrenheit,
    ),
    wind_check: check(
      t.wind_speed_mph,
      weather.wind_speed_mph,
      weather.wind_speed_mph >= t.wind_speed_mph,
    ),
  };
}

/** Whether any threshold is crossed. */
export function anyExceeded(details: ThresholdDetails): boolean {
  return (
    details.rain_check.exceeded ||
    details.temp_max_check.exceeded ||
    details.wind_check.exceeded ||
    details.temp_min_check?.exceeded === true
  );
}
