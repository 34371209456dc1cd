// Is a job's forecast bad enough to matter? Shared by the board's cards, the calendar and the core.
import type { WeatherData } from '../schemas/weather-cache';

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
