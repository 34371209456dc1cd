// A map pin that can be dragged, or moved with the arrow keys and dropped with Enter (Leaflet itself
// drags only with a pointer): a client's location and a crew's route start.
import { point, type LatLngTuple, type Marker as LeafletMarker } from 'leaflet';
import { useEffect, useMemo, useRef } from 'react';
import { Marker, useMap } from 'react-leaflet';
import { pinIcon, type PinTone } from './pins';

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

/** Where a marker stands, as saved: wrapped to ±180° and to six decimals (about 10 cm). */
function placeOf(marker: LeafletMarker): LatLngTuple {
  const where = marker.getLatLng().wrap();
  return [round6(where.lat), round6(where.lng)];
}

/** Pixels an arrow key moves the pin (with Shift, five times as far). */
const KEY_STEP = 10;
const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

export function MovablePin({
  at,
  label,
  movableLabel,
  movable,
  tone = 'primary',
  onDrop,
}: {
  at: LatLngTuple;
  /** The pin's accessible name while it stands still. */
  label: string;
  /** Its name while it can be moved (says how). */
  movableLabel: string;
  movable: boolean;
  tone?: PinTone;
  onDrop: (at: LatLngTuple) => void;
}) {
  const map = useMap();
  const marker = useRef<LeafletMarker>(null);
  const drop = useRef(onDrop);
  useEffect(() => {
    drop.current = onDrop;
  });
  const events = useMemo(
    () => ({ dragend: (e: { target: LeafletMarker }) => drop.current(placeOf(e.target)) }),
    [],
  );
  // Moved with the keys but not dropped (Enter), the pin goes back when moving is turned off.
  const [lat, lng] = at;
  useEffect(() => {
    if (!movable) marker.current?.setLatLng([lat, lng]);
  }, [movable, lat, lng]);
  // Leaflet names a marker only when it first draws it; this name changes with `movable`.
  useEffect(() => {
    marker.current?.getElement()?.setAttribute('aria-label', movable ? movableLabel : label);
  }, [movable, label, movableLabel]);
  useEffect(() => {
    const element = marker.current?.getElement();
    if (!movable || !element) return;
    const onKeyDown = (e: KeyboardEvent) => {
      const m = marker.current;
      if (!m) return;
      const arrow = ARROWS[e.key];
      if (arrow) {
        const step = e.shiftKey ? KEY_STEP * 5 : KEY_STEP;
        const moved = map.latLngToContainerPoint(m.getLatLng()).add(point(arrow).multiplyBy(step));
        m.setLatLng(map.containerPointToLatLng(moved));
      } else if (e.key === 'Enter') {
        drop.current(placeOf(m));
      } else {
        return;
      }
      // Not the map's own arrow-key panning, nor Leaflet's Enter-as-click.
      e.preventDefault();
      e.stopPropagation();
    };
    element.addEventListener('keydown', onKeyDown);
    return () => element.removeEventListener('keydown', onKeyDown);
  }, [map, movable]);
  return (
    <Marker
      ref={marker}
      position={at}
      icon={pinIcon(tone)}
      draggable={movable}
      eventHandlers={events}
    />
  );
}
