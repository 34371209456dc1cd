// Each provider's weather codes in the app's words (WeatherCondition); a code we do not know is 'unknown'.
import type { WeatherCondition } from '../../../../shared/schemas/weather-cache';

/**
 * WMO weather interpretation codes (WW), as Open-Meteo's `weather_code` gives them.
 * Freezing drizzle and freezing rain are 'sleet': to a crew on a roof, ice is what matters.
 */
export function conditionOfWmoCode(code: number): WeatherCondition {
  if (code === 0 || code === 1) return 'clear';
  if (code === 2) return 'partly_cloudy';
  if (code === 3) return 'cloudy';
  if (code === 45 || code === 48) return 'fog';
  if (code === 51 || code === 53 || code === 55) return 'drizzle';
  if (code === 56 || code === 57 || code === 66 || code === 67) return 'sleet';
  if (code === 61 || code === 63 || code === 80 || code === 81) return 'rain';
  if (code === 65 || code === 82) return 'heavy_rain';
  if (code === 71 || code === 73 || code === 75 || code === 77 || code === 85 || code === 86) {
    return 'snow';
  }
  if (code === 95 || code === 96 || code === 99) return 'thunderstorm';
  return 'unknown';
}

/** OpenWeatherMap condition ids (`weather[0].id`): the hundreds say the group. */
export function conditionOfOpenWeatherMapId(id: number): WeatherCondition {
  if (id >= 200 && id < 300) return 'thunderstorm';
  if (id >= 300 && id < 400) return 'drizzle';
  if (id === 511) return 'sleet';
  if (id === 502 || id === 503 || id === 504 || id === 522) return 'heavy_rain';
  if (id >= 500 && id < 600) return 'rain';
  if (id >= 611 && id <= 616) return 'sleet';
  if (id >= 600 && id < 700) return 'snow';
  // Mist, smoke, haze and fog all hide the road; sand whirls, squalls and tornadoes are wind.
  if (id === 701 || id === 711 || id === 721 || id === 741) return 'fog';
  if (id === 731 || id === 771 || id === 781) return 'windy';
  if (id === 800) return 'clear';
  if (id === 801 || id === 802) return 'partly_cloudy';
  if (id === 803 || id === 804) return 'cloudy';
  return 'unknown';
}

const weatherApiConditions: ReadonlyMap<number, WeatherCondition> = new Map<
  number,
  WeatherCondition
>([
  [1000, 'clear'],
  [1003, 'partly_cloudy'],
  [1006, 'cloudy'],
  [1009, 'cloudy'],
  [1030, 'fog'],
  [1063, 'rain'],
  [1066, 'snow'],
  [1069, 'sleet'],
  [1072, 'sleet'],
  [1087, 'thunderstorm'],
  [1114, 'snow'],
  [1117, 'snow'],
  [1135, 'fog'],
  [1147, 'fog'],
  [1150, 'drizzle'],
  [1153, 'drizzle'],
  [1168, 'sleet'],
  [1171, 'sleet'],
  [1180, 'rain'],
  [1183, 'rain'],
  [1186, 'rain'],
  [1189, 'rain'],
  [1192, 'heavy_rain'],
  [1195, 'heavy_rain'],
  [1198, 'sleet'],
  [1201, 'sleet'],
  [1204, 'sleet'],
  [1207, 'sleet'],
  [1210, 'snow'],
  [1213, 'snow'],
  [1216, 'snow'],
  [1219, 'snow'],
  [1222, 'snow'],
  [1225, 'snow'],
  [1237, 'sleet'],
  [1240, 'rain'],
  [1243, 'heavy_rain'],
  [1246, 'heavy_rain'],
  [1249, 'sleet'],
  [1252, 'sleet'],
  [1255, 'snow'],
  [1258, 'snow'],
  [1261, 'sleet'],
  [1264, 'sleet'],
  [1273, 'thunderstorm'],
  [1276, 'thunderstorm'],
  [1279, 'thunderstorm'],
  [1282, 'thunderstorm'],
]);

/** WeatherAPI.com condition codes (`condition.code`, the list in their conditions.json). */
export function conditionOfWeatherApiCode(code: number): WeatherCondition {
  return weatherApiConditions.get(code) ?? 'unknown';
}
