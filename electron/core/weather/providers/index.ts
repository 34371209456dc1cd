// The weather providers behind one interface: pick one by id, with its key when it needs one.
import type { WeatherProvider, WeatherProviderId } from '../types';
import type { WeatherProviderOptions } from './http';
import { createOpenMeteoProvider } from './open-meteo';
import { createOpenWeatherMapProvider } from './openweathermap';
import { createWeatherApiProvider } from './weatherapi';

export { DEFAULT_TIMEOUT_MS, parseRetryAfter, type WeatherProviderOptions } from './http';
export { OPEN_METEO_URL, createOpenMeteoProvider } from './open-meteo';
export { OPENWEATHERMAP_URL, createOpenWeatherMapProvider } from './openweathermap';
export { WEATHERAPI_URL, createWeatherApiProvider } from './weatherapi';

/**
 * The provider `id` names. OpenWeatherMap and WeatherAPI.com throw a WeatherProviderError
 * ('unauthorized', saying what to do) when `options.apiKey` is missing or blank.
 */
export function createWeatherProvider(
  id: WeatherProviderId,
  options: WeatherProviderOptions = {},
): WeatherProvider {
  switch (id) {
    case 'open_meteo':
      return createOpenMeteoProvider(options);
    case 'openweathermap':
      return createOpenWeatherMapProvider(options);
    case 'weatherapi':
      return createWeatherApiProvider(options);
  }
}
