// The signed-in business as the renderer caches it (business.get), and the map tile layer its settings name.
import { useQuery } from '@tanstack/react-query';
import {
  DEFAULT_MAP_TILE_ATTRIBUTION,
  DEFAULT_MAP_TILE_URL,
  mapSettingsOf,
} from '../../../../shared/schemas/businesses';
import { useApi } from '../../api/context';
import { OSM_ATTRIBUTION } from '../map/tiles';

/** One cache entry for the business, shared by the settings page, the maps and the service form. */
export const BUSINESS_KEY = ['business.get'] as const;

export function useBusiness() {
  const api = useApi();
  return useQuery({ queryKey: BUSINESS_KEY, queryFn: () => api.business.get() });
}

export interface TileLayerSettings {
  tileUrl: string;
  /** HTML for Leaflet's attribution control. */
  attribution: string;
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/**
 * The tile layer a business's maps use. The attribution is typed in Settings as plain text and
 * Leaflet shows it as HTML, so it is escaped; OpenStreetMap's own credit keeps its link.
 */
export function tileLayerOf(config: unknown): TileLayerSettings {
  const settings = mapSettingsOf(config);
  const text = settings.map_tile_attribution;
  const osmCredit =
    text === DEFAULT_MAP_TILE_ATTRIBUTION && settings.map_tile_url === DEFAULT_MAP_TILE_URL;
  return {
    tileUrl: settings.map_tile_url,
    attribution: osmCredit ? OSM_ATTRIBUTION : escapeHtml(text),
  };
}

/**
 * The business's tile layer for a map; null while the business is loading, so no tile is asked of
 * a server the business does not use. A business that cannot be read gets OpenStreetMap.
 */
export function useTileLayer(): TileLayerSettings | null {
  const business = useBusiness();
  if (business.isPending) return null;
  return tileLayerOf(business.data?.config);
}
