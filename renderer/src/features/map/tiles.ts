// The credit for OpenStreetMap's default tiles (the business can name another server in Settings),
// and how long a map waits for one before saying it is offline.

/** The credit OpenStreetMap's tile usage policy asks for (the link opens outside the app). */
export const OSM_ATTRIBUTION =
  '&copy; <a href="https://www.openstreetmap.org/copyright" target="_blank" rel="noopener noreferrer">OpenStreetMap</a> contributors';

/**
 * With no tile loaded or refused after this long, the tile server is taken as unreachable: a
 * firewall that drops packets produces no error event, only silence.
 */
export const TILE_TIMEOUT_MS = 6_000;

export const TILES_UNAVAILABLE =
  'Map tiles are unavailable (offline?) — pins and routes still work.';
