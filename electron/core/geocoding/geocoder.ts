// The Geocoder interface: from a postal address to a point on the map, whichever provider answers.
import type { GeocodeMatch } from '../../../shared/contract';

export interface GeocodeQuery {
  address: string;
  city: string;
  state: string;
  zip_code: string;
}

/**
 * Finds an address on the map. Resolves to null when the provider knows no such place; rejects with
 * an AppError (`unavailable`, `rate_limited`) when it cannot answer, saying why in words a
 * dispatcher can act on.
 */
export interface Geocoder {
  /** The provider's name, for messages and logs ("OpenStreetMap Nominatim"). */
  readonly name: string;
  geocode(query: GeocodeQuery, signal?: AbortSignal): Promise<GeocodeMatch | null>;
}

/**
 * One line of text for the query: the street address, then city, state and ZIP unless the address
 * already carries them (imported addresses are often the full "12 Oak St, Homewood, AL 35209").
 */
export function queryText(query: GeocodeQuery): string {
  const address = query.address.trim();
  const lower = address.toLowerCase();
  const rest = [query.city.trim(), `${query.state.trim()} ${query.zip_code.trim()}`.trim()].filter(
    (part) => part && !lower.includes(part.toLowerCase()),
  );
  return [address, ...rest].join(', ');
}
