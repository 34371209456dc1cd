// Every client as a marker, clustered while zoomed out: leaflet.markercluster used directly (no
// React wrapper package), with all markers added in one bulk call so thousands stay fast.
import 'leaflet.markercluster/dist/MarkerCluster.css';
import L, { divIcon } from 'leaflet';
import 'leaflet.markercluster';
import { useEffect, useRef } from 'react';
import { useMap } from 'react-leaflet';
import type { MapClient } from './mapData';

export const CLIENT_MARKER_CLASS = 'servicepro-map-client';

/** A small dot: a client's place, quieter than the day's numbered stops. */
const clientIcon = divIcon({
  className: CLIENT_MARKER_CLASS,
  iconSize: [12, 12],
  iconAnchor: [6, 6],
});

/** Marked when the markers start being clustered, and once they are drawn (for the map bench). */
export const MARKERS_START = 'map-markers-start';
export const MARKERS_PAINTED = 'map-markers-painted';

export function ClientMarkers({
  clients,
  onSelect,
}: {
  clients: MapClient[];
  onSelect: (client: MapClient) => void;
}) {
  const map = useMap();
  const select = useRef(onSelect);
  useEffect(() => {
    select.current = onSelect;
  });

  useEffect(() => {
    const element = map.getContainer();
    const painted = () => {
      // Two frames: the first draws the markers the chunk added, the second starts after it.
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          element.setAttribute('data-client-markers', String(clients.length));
          performance.mark(MARKERS_PAINTED, { detail: { count: clients.length } });
        }),
      );
    };
    const byMarker = new Map<L.Layer, MapClient>();
    const group = L.markerClusterGroup({
      chunkedLoading: true,
      showCoverageOnHover: false,
      // The day's stops sit above; a click on a cluster zooms into it.
      zoomToBoundsOnClick: true,
      maxClusterRadius: 50,
      // Street level shows every client on its own; no clusters are computed past it.
      disableClusteringAtZoom: 16,
      chunkProgress: (processed, total) => {
        if (processed === total) painted();
      },
    });
    const markers = clients.map((c) => {
      const marker = L.marker([c.lat, c.lng], {
        icon: clientIcon,
        title: c.name,
        alt: c.name,
        keyboard: false,
      });
      byMarker.set(marker, c);
      return marker;
    });
    group.on('click', (e) => {
      const client = byMarker.get((e as L.LeafletEvent & { layer: L.Layer }).layer);
      if (client) select.current(client);
    });
    element.removeAttribute('data-client-markers');
    performance.mark(MARKERS_START);
    map.addLayer(group);
    if (markers.length) group.addLayers(markers);
    else painted();
    return () => {
      map.removeLayer(group);
    };
  }, [map, clients]);

  return null;
}
