// What the Map page draws for a day, worked out from map.day: which jobs pass the filters, each
// crew's route (start → stops by start time), stop numbers, lengths and colours.
import type { Output } from '../../../../shared/contract';
import { NO_CREW, type BoardFilters } from '../board/filters';
import { CREW_SWATCHES, UNASSIGNED_SWATCH, type Swatch } from '../calendar/palette';

export type MapDay = Output<'map.day'>;
export type MapJob = MapDay['jobs'][number];
export type MapCrew = MapDay['crews'][number];
export type MapClient = Output<'map.clients'>['clients'][number];
export type LatLng = [number, number];

/** A crew's route for the day as drawn: its colour, starting point and numbered stops. */
export interface CrewRoute {
  crew: MapCrew;
  swatch: Swatch;
  start: LatLng | null;
  stops: MapJob[];
  /** Start → stops, as the polyline's points. */
  path: LatLng[];
  /** Straight-line length of the path. */
  km: number;
}

/** Jobs that are not visited (they stay on the map when the status filter asks for them). */
export const isVisited = (job: MapJob) => job.status !== 'canceled' && job.status !== 'rescheduled';

export const isLocated = (job: MapJob): job is MapJob & { lat: number; lng: number } =>
  job.lat !== null && job.lng !== null;

export function jobPasses(job: MapJob, f: BoardFilters): boolean {
  return (
    (f.crews.length === 0 || f.crews.includes(job.crew_id ?? NO_CREW)) &&
    (f.services.length === 0 || f.services.includes(job.service_id)) &&
    (f.statuses.length === 0 || f.statuses.includes(job.status))
  );
}

/** A crew keeps its colour whatever the filters: its place among the day's crews. */
export function crewSwatches(crews: MapCrew[]): Map<string, Swatch> {
  return new Map(
    crews.map((c, i) => [c.lead_id, CREW_SWATCHES[i % CREW_SWATCHES.length] ?? UNASSIGNED_SWATCH]),
  );
}

const EARTH_KM = 6371;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance between two [lat, lng] points, in km. */
export function distanceKm([lat1, lng1]: LatLng, [lat2, lng2]: LatLng): number {
  const a =
    Math.sin(rad(lat2 - lat1) / 2) ** 2 +
    Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lng2 - lng1) / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

export function pathKm(path: LatLng[]): number {
  let km = 0;
  for (let i = 1; i < path.length; i++) km += distanceKm(path[i - 1] as LatLng, path[i] as LatLng);
  return km;
}

/**
 * Each crew's route through the visible jobs it visits, in visiting order (map.day sorts by start
 * time). Crews the crew filter leaves out have no route; a crew with no stops has an empty one, so
 * the legend still lists it.
 */
export function crewRoutes(day: MapDay, visible: MapJob[], filters: BoardFilters): CrewRoute[] {
  const swatches = crewSwatches(day.crews);
  return day.crews
    .filter((crew) => filters.crews.length === 0 || filters.crews.includes(crew.lead_id))
    .map((crew) => {
      const stops = visible.filter(
        (j) => j.crew_id === crew.lead_id && isVisited(j) && isLocated(j),
      );
      const start: LatLng | null = crew.start ? [crew.start.lat, crew.start.lng] : null;
      const points = stops.map((s) => [s.lat, s.lng] as LatLng);
      const path = start && points.length ? [start, ...points] : points;
      return {
        crew,
        swatch: swatches.get(crew.lead_id) ?? UNASSIGNED_SWATCH,
        start,
        stops,
        path,
        km: pathKm(path),
      };
    });
}

/** Each routed job's number on its crew's route (1 = first visit). */
export function stopNumbers(routes: CrewRoute[]): Map<string, number> {
  return new Map(routes.flatMap((r) => r.stops.map((s, i) => [s.appointment_id, i + 1] as const)));
}

/** "1.5 km", "12 km". */
export const kmText = (km: number) => `${km < 10 ? km.toFixed(1) : Math.round(km)} km`;
