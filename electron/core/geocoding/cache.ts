// A geocoder that remembers recent answers (an in-memory LRU), so a repeated lookup never reaches
// the provider; clients keep their own position in the database once found.
import type { GeocodeMatch } from '../../../shared/contract';
import { queryText, type Geocoder, type GeocodeQuery } from './geocoder';

export const DEFAULT_CACHE_SIZE = 500;

export function cachedGeocoder(inner: Geocoder, size = DEFAULT_CACHE_SIZE): Geocoder {
  // A Map iterates in insertion order: re-inserting on a hit keeps the oldest entry first.
  const entries = new Map<string, GeocodeMatch | null>();
  return {
    name: inner.name,
    async geocode(query: GeocodeQuery, signal?: AbortSignal) {
      const key = queryText(query).toLowerCase().replace(/\s+/g, ' ');
      if (entries.has(key)) {
        const hit = entries.get(key) ?? null;
        entries.delete(key);
        entries.set(key, hit);
        return hit;
      }
      // Failures are not cached (they are worth retrying); "no such place" is.
      const result = await inner.geocode(query, signal);
      entries.set(key, result);
      if (entries.size > size) entries.delete(entries.keys().next().value as string);
      return result;
    },
  };
}
