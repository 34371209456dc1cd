// The app's geocoder, chosen from the configuration: Nominatim (keyless) behind an in-memory cache.
import type { CoreConfig } from '../config';
import { cachedGeocoder } from './cache';
import type { Geocoder } from './geocoder';
import { createNominatimGeocoder, NOMINATIM_URL } from './nominatim';

export type { Geocoder, GeocodeQuery } from './geocoder';
export { cachedGeocoder } from './cache';
export { createNominatimGeocoder, NOMINATIM_URL } from './nominatim';

/**
 * Nominatim at `config.geocoder.url`, else `SERVICEPRO_GEOCODER_URL`, else the public instance — so
 * the provider can be switched (as its usage policy asks apps to allow) without a new release.
 */
export function geocoderFor(
  config: CoreConfig,
  env: Record<string, string | undefined> = process.env,
): Geocoder {
  const options = config.geocoder ?? {};
  return cachedGeocoder(
    createNominatimGeocoder({
      baseUrl: options.url ?? env.SERVICEPRO_GEOCODER_URL ?? NOMINATIM_URL,
      userAgent: `${config.appName.replace(/\s+/g, '')}/${config.version} (desktop dispatch app for service businesses; geocodes client addresses)`,
      timeoutMs: options.timeoutMs,
      minIntervalMs: options.minIntervalMs,
    }),
  );
}
