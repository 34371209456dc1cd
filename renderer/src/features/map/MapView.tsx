// A Leaflet map on the app's tile server that still works offline: its pins and routes (the
// children) are drawn on a plain background, and a notice says the tiles could not be loaded.
import 'leaflet/dist/leaflet.css';
import { Box } from '@mui/material';
import type { LatLngTuple } from 'leaflet';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { MapContainer, TileLayer, useMap } from 'react-leaflet';
import { PIN_CLASS } from './pins';
import { DEFAULT_MAP_TILE_URL } from '../../../../shared/schemas/businesses';
import { OSM_ATTRIBUTION, TILE_TIMEOUT_MS, TILES_UNAVAILABLE } from './tiles';

/**
 * Leaflet's tile layers stop at 18 unless told otherwise; the map says so itself, since it may have
 * no tile layer yet (the business's tile server loading) and marker clustering needs the limit.
 */
const MAX_ZOOM = 18;

export interface MapViewProps {
  /** Where the map looks; changing it moves the map there. */
  center: LatLngTuple;
  zoom: number;
  /** How far out the map may zoom (Leaflet's default, 0, shows the whole world). */
  minZoom?: number;
  /** The map's accessible name ("Map of Nora Quill's location"). */
  label: string;
  width?: number | string;
  height: number | string;
  /** Fill the parent's height instead (the parent lays out its children in a column). */
  fill?: boolean;
  /**
   * A `{z}/{x}/{y}` tile URL (the business's, from Settings); OpenStreetMap's by default. Null while
   * it is not known yet: no tile is asked for until it is.
   */
  tileUrl?: string | null;
  /** The tile server's credit (HTML); OpenStreetMap's by default. */
  attribution?: string;
  /** How long to wait for a first tile before calling the tiles unavailable. */
  tileTimeoutMs?: number;
  /** Pins, routes and other layers (react-leaflet components). */
  children?: ReactNode;
}

export function MapView({
  center,
  zoom,
  minZoom,
  label,
  width = '100%',
  height,
  fill = false,
  tileUrl = DEFAULT_MAP_TILE_URL,
  attribution = OSM_ATTRIBUTION,
  tileTimeoutMs = TILE_TIMEOUT_MS,
  children,
}: MapViewProps) {
  // Which tile server the status is about: a new URL starts from "loading" again.
  const [tiles, setTiles] = useState<{ url: string | null; status: TileStatus }>({
    url: tileUrl,
    status: 'loading',
  });
  const status = tiles.url === tileUrl ? tiles.status : 'loading';
  const report = useCallback(
    (url: string, next: (now: TileStatus) => TileStatus) =>
      setTiles((now) => {
        const current = now.url === url ? now.status : 'loading';
        return { url, status: next(current) };
      }),
    [],
  );
  return (
    <Box
      sx={{
        width,
        ...(fill && { flexGrow: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }),
        borderRadius: 1,
        overflow: 'hidden',
        border: 1,
        borderColor: 'divider',
        '& .leaflet-container': {
          width: '100%',
          height: fill ? 'auto' : height,
          flexGrow: fill ? 1 : undefined,
          bgcolor: 'action.hover',
          fontFamily: 'inherit',
        },
        [`& .${PIN_CLASS}`]: { color: 'primary.main' },
        [`& .${PIN_CLASS}--secondary`]: { color: 'secondary.main' },
        [`& .${PIN_CLASS}:focus-visible`]: {
          outline: 2,
          outlineColor: 'primary.main',
          outlineOffset: 2,
          borderRadius: 1,
        },
        '& .leaflet-marker-draggable': { cursor: 'grab' },
      }}
    >
      <MapContainer center={center} zoom={zoom} minZoom={minZoom} maxZoom={MAX_ZOOM}>
        <FollowCenter center={center} zoom={zoom} label={label} />
        {tileUrl !== null && (
          <Tiles
            key={tileUrl}
            url={tileUrl}
            attribution={attribution}
            timeoutMs={tileTimeoutMs}
            report={report}
          />
        )}
        {children}
      </MapContainer>
      {/*
        Under the map rather than over it, where it would hide the zoom buttons of a small map;
        always in the page (empty while tiles load), so screen readers announce it when it appears.
      */}
      <Box
        role="status"
        data-testid="map-tiles-notice"
        sx={{
          typography: 'caption',
          color: 'text.secondary',
          borderTop: status === 'unavailable' ? 1 : 0,
          borderColor: 'divider',
          px: status === 'unavailable' ? 1 : 0,
          py: status === 'unavailable' ? 0.5 : 0,
        }}
      >
        {status === 'unavailable' ? TILES_UNAVAILABLE : ''}
      </Box>
    </Box>
  );
}

/**
 * MapContainer reads `center` once and passes no ARIA attributes to its element: later changes (a
 * pin saved elsewhere) move the map here, and the focusable map element gets its name.
 */
function FollowCenter({
  center,
  zoom,
  label,
}: {
  center: LatLngTuple;
  zoom: number;
  label: string;
}) {
  const map = useMap();
  const [lat, lng] = center;
  useEffect(() => {
    map.setView([lat, lng], zoom);
  }, [map, lat, lng, zoom]);
  useEffect(() => {
    const element = map.getContainer();
    element.setAttribute('role', 'region');
    element.setAttribute('aria-label', label);
  }, [map, label]);
  return null;
}

type TileStatus = 'loading' | 'loaded' | 'unavailable';

/** The tile layer, reporting whether its server answers (by `tileload`, `tileerror` or silence). */
function Tiles({
  url,
  attribution,
  timeoutMs,
  report,
}: {
  url: string;
  attribution: string;
  timeoutMs: number;
  report: (url: string, next: (now: TileStatus) => TileStatus) => void;
}) {
  useEffect(() => {
    const timer = setTimeout(
      () => report(url, (now) => (now === 'loading' ? 'unavailable' : now)),
      timeoutMs,
    );
    return () => clearTimeout(timer);
  }, [url, timeoutMs, report]);
  const eventHandlers = useMemo(
    () => ({
      tileload: () => report(url, () => 'loaded'),
      // Once any tile has loaded the server is there; a stray failure does not make it offline.
      tileerror: () => report(url, (now) => (now === 'loaded' ? now : 'unavailable')),
    }),
    [url, report],
  );
  return <TileLayer url={url} attribution={attribution} eventHandlers={eventHandlers} />;
}
