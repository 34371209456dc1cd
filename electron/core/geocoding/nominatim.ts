// OpenStreetMap's Nominatim as a Geocoder: keyless, one request at a time, at most one a second.
import { z } from 'zod';
import type { GeocodeMatch, GeocodePrecision } from '../../../shared/contract';
import { AppError, UnavailableError } from '../errors';
import { queryText, type Geocoder, type GeocodeQuery } from './geocoder';

export const NOMINATIM_URL = 'https://nominatim.openstreetmap.org';

export interface NominatimOptions {
  /** Server root; the public instance by default, or a self-hosted one. */
  baseUrl?: string;
  /** Identifies the app, as the usage policy requires (stock library agents are blocked). */
  userAgent: string;
  /** How long one lookup may take (default 5 s). */
  timeoutMs?: number;
  /**
   * Least time from the end of one request to the start of the next (default 1 s): the public
   * instance allows an absolute maximum of one request per second from an application.
   */
  minIntervalMs?: number;
}

/** The fields of a jsonv2 /search result we use; lat and lon come as strings. */
const placeSchema = z.object({
  lat: z.coerce.number().min(-90).max(90),
  lon: z.coerce.number().min(-180).max(180),
  display_name: z.string(),
  place_rank: z.number().optional(),
  addresstype: z.string().optional(),
});
type Place = z.infer<typeof placeSchema>;

/** How exact a place is, from Nominatim's address rank (30 a house, 26–27 a street, 16 a city). */
function precisionOf(place: Place): GeocodePrecision {
  const rank = place.place_rank ?? 0;
  if (place.addresstype === 'postcode') return 'postcode';
  if (rank >= 28) return 'address';
  if (rank >= 26) return 'street';
  if (rank >= 13) return 'city';
  return 'region';
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createNominatimGeocoder(options: NominatimOptions): Geocoder {
  const baseUrl = (options.baseUrl ?? NOMINATIM_URL).replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 5_000;
  const minIntervalMs = options.minIntervalMs ?? 1_000;
  const name = 'OpenStreetMap Nominatim';
  // Lookups queue behind each other; `lastEnd` is when the previous request finished.
  let queue: Promise<unknown> = Promise.resolve();
  let lastEnd = -Infinity;

  async function request(query: GeocodeQuery, signal?: AbortSignal): Promise<GeocodeMatch | null> {
    const pause = lastEnd + minIntervalMs - performance.now();
    if (pause > 0) await wait(pause);
    const url = new URL(`${baseUrl}/search`);
    url.search = new URLSearchParams({
      format: 'jsonv2',
      q: queryText(query),
      limit: '1',
      countrycodes: 'us',
    }).toString();
    const timeout = AbortSignal.timeout(timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        headers: { 'User-Agent': options.userAgent, Accept: 'application/json' },
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      text = await response.text();
    } catch (err) {
      if (timeout.aborted) {
        throw new UnavailableError(
          `The map service (${name}) did not answer within ${Math.round(timeoutMs / 1000)} seconds. Try again later, or drag the pin to the right place.`,
          { provider: name },
        );
      }
      if (signal?.aborted) throw err;
      throw new UnavailableError(
        `The map service (${name}) cannot be reached (${err instanceof Error ? err.message : String(err)}). Check the internet connection, or drag the pin to the right place.`,
        { provider: name },
      );
    } finally {
      lastEnd = performance.now();
    }
    if (response.status === 429) {
      throw new AppError(
        'rate_limited',
        `The map service (${name}) asks us to slow down. Try again in a minute.`,
        { provider: name, status: 429 },
      );
    }
    if (!response.ok) {
      throw new UnavailableError(
        `The map service (${name}) answered with an error (HTTP ${response.status}). Try again later, or drag the pin to the right place.`,
        { provider: name, status: response.status },
      );
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const places = z.array(placeSchema).safeParse(body);
    if (!places.success) {
      throw new UnavailableError(
        `The map service (${name}) sent an answer we could not read. Try again later, or drag the pin to the right place.`,
        { provider: name },
      );
    }
    const place = places.data[0];
    if (!place) return null;
    return {
      latitude: place.lat,
      longitude: place.lon,
      display_name: place.display_name,
      precision: precisionOf(place),
    };
  }

  return {
    name,
    geocode(query, signal) {
      const result = queue.then(() => request(query, signal));
      queue = result.catch(() => undefined);
      return result;
    },
  };
}
