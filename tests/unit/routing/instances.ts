// Seeded route-planning days around Birmingham, AL, for the routing tests and bench/routes.ts.
//
// The current ("original") day is what a dispatcher without an optimizer books: each crew gets the
// jobs of its part of town (a 60° sector per crew, as dispatchers split a metro), in the order the
// clients called (random), each started as early as the previous job, the drive and the buffer
// allow. The crew's hours run from 07:00 to `slackMinutes` after that day ends (at least 17:00, at
// most 22:00), so the current day is always feasible; windows and locked jobs are taken from it.
import {
  straightLineTravel,
  type DayInput,
  type LatLng,
  type RouteCrew,
  type RouteStop,
} from '../../../electron/core/routing';
import { seededRandom } from '../../../electron/core/routing/search';

export const BIRMINGHAM: LatLng = { lat: 33.5186, lng: -86.8104 };

export interface DayShape {
  crews: number;
  stopsPerCrew: number | readonly [number, number];
  radiusKm: number;
  duration: readonly [number, number];
  lockedShare?: number;
  windowShare?: number;
  /** Share of jobs needing 'sprayer', which only even-numbered crews have. */
  equipmentShare?: number;
  slackMinutes?: number;
  minGapMinutes?: number;
  snapMinutes?: number;
}

const DAY_START = 7 * 60;
const LAST_END = 22 * 60;
const KM_PER_DEGREE_LAT = 111.32;

function offset(center: LatLng, km: number, angle: number): LatLng {
  return {
    lat: center.lat + (km * Math.sin(angle)) / KM_PER_DEGREE_LAT,
    lng:
      center.lng +
      (km * Math.cos(angle)) / (KM_PER_DEGREE_LAT * Math.cos((center.lat * Math.PI) / 180)),
  };
}

export function makeDay(seed: number, shape: DayShape): DayInput {
  const random = seededRandom(seed);
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const travel = straightLineTravel();
  const snap = shape.snapMinutes ?? 5;
  const minGap = shape.minGapMinutes ?? 0;
  const crews: RouteCrew[] = [];
  const stops: RouteStop[] = [];
  for (let c = 0; c < shape.crews; c++) {
    const crewId = `crew-${c}`;
    const start = BIRMINGHAM;
    const count =
      typeof shape.stopsPerCrew === 'number' ? shape.stopsPerCrew : between(...shape.stopsPerCrew);
    let free = DAY_START;
    let at = start;
    for (let k = 0; k < count; k++) {
      // Uniform over the crew's sector of the disc (the whole disc for a single crew).
      const sector = (2 * Math.PI) / shape.crews;
      const angle = sector * (c + random());
      const location = offset(start, shape.radiusKm * Math.sqrt(random()), angle);
      const drive = Math.ceil(travel.minutes(at, location) - 1e-7);
      const begin = Math.ceil((free + (k === 0 ? drive : Math.max(drive, minGap))) / snap) * snap;
      const duration = between(...shape.duration);
      // A day that would run past 22:00 is cut short (a dispatcher would not book on).
      if (begin + duration > LAST_END) break;
      const stop: RouteStop = {
        appointment_id: `c${c}-j${k}`,
        crew_id: crewId,
        location,
        duration_minutes: duration,
        start_minutes: begin,
        locked: random() < (shape.lockedShare ?? 0),
      };
      if (!stop.locked && random() < (shape.windowShare ?? 0)) {
        stop.window = { earliest: Math.max(DAY_START, begin - 90), latest: begin + 90 };
      }
      if (!stop.locked && c % 2 === 0 && random() < (shape.equipmentShare ?? 0)) {
        stop.requires = ['sprayer'];
      }
      stops.push(stop);
      free = begin + duration;
      at = location;
    }
    const end = Math.max(17 * 60, free + (shape.slackMinutes ?? 60));
    crews.push({
      crew_id: crewId,
      start,
      hours: { start: DAY_START, end: Math.min(end, LAST_END) },
      capabilities: c % 2 === 0 ? ['sprayer'] : [],
    });
  }
  return { crews, stops };
}
