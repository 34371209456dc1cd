// Moves the map to what matters when the page's subject changes: the day's stops and starts (or
// every client when the day has none), then the selected job when the page opened on one.
import { latLngBounds } from 'leaflet';
import { useEffect, useRef } from 'react';
import { useMap } from 'react-leaflet';
import type { LatLng } from './mapData';

/** Close enough to tell neighbouring stops apart. */
const JOB_ZOOM = 14;

export function FitView({
  fitKey,
  points,
  focus,
}: {
  /** A new key (another day) fits the map again; re-renders with the same key leave it be. */
  fitKey: string;
  points: LatLng[];
  /** A job to centre on instead (the page opened on a selected job). */
  focus: LatLng | null;
}) {
  const map = useMap();
  const fitted = useRef<string | null>(null);
  useEffect(() => {
    if (fitted.current === fitKey) return;
    fitted.current = fitKey;
    // Without animation: the clusters are redrawn once, for the view the page settles on.
    if (focus) map.setView(focus, Math.max(map.getZoom(), JOB_ZOOM), { animate: false });
    else if (points.length > 1) {
      map.fitBounds(latLngBounds(points), { padding: [32, 32], animate: false });
    } else if (points[0]) map.setView(points[0], JOB_ZOOM, { animate: false });
  }, [map, fitKey, points, focus]);
  return null;
}
