// The selected day over the clients: each crew's route as a line from its start through its
// stops, the stops as numbered pins in the crew's colour, and the crews' starting points.
import { divIcon, type DivIcon } from 'leaflet';
import { useMemo } from 'react';
import { Marker, Polyline } from 'react-leaflet';
import { UNASSIGNED_SWATCH } from '../calendar/palette';
import { clockTime } from '../../../../shared/time/clock';
import { isLocated, type CrewRoute, type LatLng, type MapJob } from './mapData';

export const STOP_CLASS = 'servicepro-map-stop';
export const ROUTE_CLASS = 'servicepro-map-route';
export const START_CLASS = 'servicepro-map-start';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const icons = new Map<string, DivIcon>();

/** A round pin with the stop's number (a dot for a job on no route), in its crew's colour. */
function stopIcon(job: MapJob, label: string, color: string, selected: boolean): DivIcon {
  const key = [job.appointment_id, label, color, selected].join('|');
  let icon = icons.get(key);
  if (!icon) {
    const size = selected ? 34 : 26;
    icon = divIcon({
      className: `${STOP_CLASS}${selected ? ` ${STOP_CLASS}--selected` : ''}`,
      html:
        `<span data-testid="map-job-pin" data-appointment-id="${escapeHtml(job.appointment_id)}"` +
        ` data-crew-id="${escapeHtml(job.crew_id ?? '')}" data-selected="${selected}"` +
        ` style="--stop-color:${color}">${escapeHtml(label)}</span>`,
      iconSize: [size, size],
      iconAnchor: [size / 2, size / 2],
    });
    icons.set(key, icon);
  }
  return icon;
}

const startIcon = divIcon({
  className: START_CLASS,
  html: '<span data-testid="map-route-start" aria-hidden="true"></span>',
  iconSize: [18, 18],
  iconAnchor: [9, 9],
});

export function DayLayers({
  routes,
  jobs,
  numbers,
  selectedId,
  onSelect,
}: {
  routes: CrewRoute[];
  /** Every job that passes the filters (routed or not). */
  jobs: MapJob[];
  numbers: Map<string, number>;
  selectedId: string | null;
  onSelect: (job: MapJob) => void;
}) {
  const colors = useMemo(
    () => new Map(routes.map((r) => [r.crew.lead_id, r.swatch.color])),
    [routes],
  );
  // One start pin per place: most crews share the business's address.
  const starts = useMemo(() => {
    const seen = new Map<string, { at: LatLng; names: string[]; label: string }>();
    for (const r of routes) {
      if (!r.start || !r.crew.start || r.stops.length === 0) continue;
      const key = r.start.join(',');
      const entry = seen.get(key) ?? { at: r.start, names: [], label: r.crew.start.label };
      entry.names.push(r.crew.name);
      seen.set(key, entry);
    }
    return [...seen.values()];
  }, [routes]);

  return (
    <>
      {routes
        .filter((r) => r.path.length > 1)
        .map((r) => (
          <Polyline
            key={r.crew.lead_id}
            positions={r.path}
            // react-leaflet passes className only at creation (pathOptions go through setStyle).
            className={ROUTE_CLASS}
            pathOptions={{ color: r.swatch.color, weight: 4, opacity: 0.85 }}
          />
        ))}
      {starts.map((s) => (
        <Marker
          key={s.at.join(',')}
          position={s.at}
          icon={startIcon}
          title={`Start: ${s.label} (${s.names.join(', ')})`}
          keyboard={false}
        />
      ))}
      {jobs.filter(isLocated).map((job) => {
        const n = numbers.get(job.appointment_id);
        const selected = job.appointment_id === selectedId;
        const color = (job.crew_id && colors.get(job.crew_id)) || UNASSIGNED_SWATCH.color;
        return (
          <Marker
            key={job.appointment_id}
            position={[job.lat, job.lng]}
            icon={stopIcon(job, n ? String(n) : '•', color, selected)}
            title={`${n ? `Stop ${n}: ` : ''}${job.client_name}, ${clockTime(job.start)}`}
            zIndexOffset={selected ? 2000 : 1000}
            eventHandlers={{ click: () => onSelect(job) }}
          />
        );
      })}
    </>
  );
}
