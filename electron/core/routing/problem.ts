// One day's routing problem: the input types, their validation, the travel matrices and the scheduling of a stop sequence.
//
// Times are minutes since local midnight of the one day being planned. Ordering and gaps inside a
// single local day do not depend on DST (a change happens at night, outside crew hours); callers
// convert to and from 'HH:mm' / instants with shared/time.
import type { ErrorValue } from '../../../shared/contract/result';
import type { LatLng, TravelModel } from './travel';

export interface RouteCrew {
  /** The crew lead's staff id: the lane the crew's jobs are assigned to. */
  crew_id: string;
  /** Where the crew's day starts (the business address unless the crew is set up otherwise). */
  start: LatLng;
  /**
   * Where the day ends: a place, 'open' (the day ends at the last job; the drive home is not
   * counted), or absent for back to `start` — the usual case of crews returning to the yard.
   */
  end?: LatLng | 'open';
  /**
   * The crew's availability that day, minutes since midnight. The crew leaves `start` at
   * hours.start (the drive to the first job is inside the hours) and every job that is not
   * locked ends by hours.end; the drive back after the last job may run past hours.end.
   */
  hours: { start: number; end: number };
  /** Skill and equipment ids the crew has; a stop moves here only if this covers its `requires`. */
  capabilities?: readonly string[];
}

export interface RouteStop {
  appointment_id: string;
  /** The crew the appointment is assigned to now. */
  crew_id: string;
  location: LatLng;
  duration_minutes: number;
  /** The current start, minutes since midnight. */
  start_minutes: number;
  /** Confirmed or explicitly locked: keeps its crew and its exact start. */
  locked: boolean;
  /** Skill and equipment ids the job needs (checked only when it would move to another crew). */
  requires?: readonly string[];
  /** When the job may start, e.g. the client's preference; minutes since midnight, inclusive. */
  window?: { earliest?: number; latest?: number };
}

export interface RouteOptions {
  /** Defaults to straightLineTravel() (road factor 1.3, 40 km/h). */
  travel?: TravelModel;
  /** Travel buffer: consecutive jobs start at least max(drive time, this) after the previous ends. */
  minGapMinutes?: number;
  /** Proposed starts are rounded up to a multiple of this many minutes after midnight (default 5). */
  snapMinutes?: number;
  /** optimizeDay only: may unlocked jobs move to another crew that can do them (default true). */
  allowCrewChanges?: boolean;
  /** Seed of the search's only randomness; equal input and seed give an equal proposal. */
  seed?: number;
  /** Search effort multiplier (default 1): more finds better routes on large days, slower. */
  effort?: number;
}

export const MINUTES_PER_DAY = 24 * 60;
/**
 * Cost of a leg = km + TIE × minutes: distance decides; travel minutes break ties between orders
 * of equal distance (equal under the straight-line model, not under a road network).
 */
const TIE = 1e-6;
/** Improvements smaller than this are noise, not improvements (keeps the search from cycling). */
export const EPSILON = 1e-9;

/**
 * The problem in index form. Stops are 0…n-1; crew c's start is node n+2c and its end n+2c+1
 * (an 'open' end is a node every leg to which costs nothing). Matrices are N×N, row-major.
 */
export interface Problem {
  readonly stops: readonly RouteStop[];
  readonly crews: readonly RouteCrew[];
  readonly n: number;
  readonly size: number;
  readonly km: Float64Array;
  readonly minutes: Float64Array;
  /** km + TIE × minutes: what the search minimises. */
  readonly cost: Float64Array;
  /** Whole minutes the schedule reserves for each leg (drive time rounded up). */
  readonly driveMinutes: Int32Array;
  readonly duration: Int32Array;
  /** Fixed start of a locked stop, -1 for an unlocked one. */
  readonly fixedStart: Int32Array;
  readonly earliest: Int32Array;
  readonly latest: Int32Array;
  /** Index of the crew each stop is assigned to now. */
  readonly originalCrew: Int32Array;
  /** canServe[stop * crews + crew]: the stop may be done by that crew (its own crew always). */
  readonly canServe: Uint8Array;
  readonly minGap: number;
  readonly snap: number;
}

export const startNode = (p: Problem, crew: number) => p.n + 2 * crew;
export const endNode = (p: Problem, crew: number) => p.n + 2 * crew + 1;

function validationError(message: string, details?: unknown): ErrorValue {
  return details === undefined
    ? { kind: 'validation', message }
    : { kind: 'validation', message, details };
}

const isMinute = (value: unknown) =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < MINUTES_PER_DAY;
const isPlace = (place: LatLng | undefined) =>
  !!place &&
  Number.isFinite(place.lat) &&
  Number.isFinite(place.lng) &&
  Math.abs(place.lat) <= 90 &&
  Math.abs(place.lng) <= 180;

/** The input's mistakes as a value (the first one found), or null when it can be planned. */
export function validateInput(
  crews: readonly RouteCrew[],
  stops: readonly RouteStop[],
  options: RouteOptions,
): ErrorValue | null {
  if (crews.length === 0) return validationError('No crew to plan for');
  const crewIds = new Set<string>();
  for (const crew of crews) {
    if (crewIds.has(crew.crew_id)) {
      return validationError(`Crew ${crew.crew_id} is listed twice`, { crew_id: crew.crew_id });
    }
    crewIds.add(crew.crew_id);
    if (
      !isPlace(crew.start) ||
      (crew.end !== undefined && crew.end !== 'open' && !isPlace(crew.end))
    ) {
      return validationError(`Crew ${crew.crew_id} has no valid start or end location`, {
        crew_id: crew.crew_id,
      });
    }
    if (
      !isMinute(crew.hours.start) ||
      !isMinute(crew.hours.end) ||
      crew.hours.end <= crew.hours.start
    ) {
      return validationError(`Crew ${crew.crew_id} has invalid hours`, { crew_id: crew.crew_id });
    }
  }
  const stopIds = new Set<string>();
  for (const stop of stops) {
    const details = { appointment_id: stop.appointment_id };
    if (stopIds.has(stop.appointment_id)) {
      return validationError(`Appointment ${stop.appointment_id} is listed twice`, details);
    }
    stopIds.add(stop.appointment_id);
    if (!crewIds.has(stop.crew_id)) {
      return validationError(
        `Appointment ${stop.appointment_id} is assigned to crew ${stop.crew_id}, which is not in the plan`,
        details,
      );
    }
    if (!isPlace(stop.location)) {
      return validationError(`Appointment ${stop.appointment_id} has no valid location`, details);
    }
    if (
      !Number.isInteger(stop.duration_minutes) ||
      stop.duration_minutes < 0 ||
      !isMinute(stop.start_minutes) ||
      stop.start_minutes + stop.duration_minutes >= MINUTES_PER_DAY
    ) {
      return validationError(
        `Appointment ${stop.appointment_id} needs a whole-minute start and duration within the day`,
        details,
      );
    }
    const { earliest, latest } = stop.window ?? {};
    if (
      (earliest !== undefined && !isMinute(earliest)) ||
      (latest !== undefined && !isMinute(latest)) ||
      (earliest !== undefined && latest !== undefined && latest < earliest)
    ) {
      return validationError(`Appointment ${stop.appointment_id} has an invalid window`, details);
    }
  }
  const { minGapMinutes = 0, snapMinutes = 5, effort = 1 } = options;
  if (!Number.isInteger(minGapMinutes) || minGapMinutes < 0 || minGapMinutes > 240) {
    return validationError('minGapMinutes must be a whole number of minutes, 0–240');
  }
  if (!Number.isInteger(snapMinutes) || snapMinutes < 1 || snapMinutes > 60) {
    return validationError('snapMinutes must be a whole number of minutes, 1–60');
  }
  if (!(effort > 0) || effort > 100) return validationError('effort must be in (0, 100]');
  return null;
}

/** Builds the index form; the input must have passed validateInput. */
export function buildProblem(
  crews: readonly RouteCrew[],
  stops: readonly RouteStop[],
  travel: TravelModel,
  options: RouteOptions,
): Problem {
  const n = stops.length;
  const size = n + 2 * crews.length;
  const places: (LatLng | null)[] = stops.map((stop) => stop.location);
  for (const crew of crews) {
    places.push(crew.start, crew.end === 'open' ? null : (crew.end ?? crew.start));
  }
  const km = new Float64Array(size * size);
  const minutes = new Float64Array(size * size);
  const cost = new Float64Array(size * size);
  const driveMinutes = new Int32Array(size * size);
  for (let a = 0; a < size; a++) {
    const from = places[a];
    for (let b = 0; b < size; b++) {
      const to = places[b];
      if (a === b || !from || !to) continue;
      const k = a * size + b;
      km[k] = travel.km(from, to);
      minutes[k] = travel.minutes(from, to);
      cost[k] = km[k] + TIE * minutes[k];
      // A computed 12.0000000001 minutes is 12 minutes, not 13.
      driveMinutes[k] = Math.ceil(minutes[k] - 1e-7);
    }
  }
  const crewIndex = new Map(crews.map((crew, index) => [crew.crew_id, index]));
  const canServe = new Uint8Array(n * crews.length);
  const originalCrew = new Int32Array(n);
  stops.forEach((stop, s) => {
    originalCrew[s] = crewIndex.get(stop.crew_id) ?? 0;
    crews.forEach((crew, c) => {
      const has = new Set(crew.capabilities ?? []);
      // A locked stop never changes crew.
      const ok =
        c === originalCrew[s] || (!stop.locked && (stop.requires ?? []).every((id) => has.has(id)));
      canServe[s * crews.length + c] = ok ? 1 : 0;
    });
  });
  return {
    stops,
    crews,
    n,
    size,
    km,
    minutes,
    cost,
    driveMinutes,
    duration: Int32Array.from(stops, (stop) => stop.duration_minutes),
    fixedStart: Int32Array.from(stops, (stop) => (stop.locked ? stop.start_minutes : -1)),
    earliest: Int32Array.from(stops, (stop) => stop.window?.earliest ?? 0),
    latest: Int32Array.from(stops, (stop) => stop.window?.latest ?? MINUTES_PER_DAY),
    originalCrew,
    canServe,
    minGap: options.minGapMinutes ?? 0,
    snap: options.snapMinutes ?? 5,
  };
}

/** Cost (km + tie-break) of crew `crew` driving start → seq… → end. */
export function routeCost(p: Problem, crew: number, seq: ArrayLike<number>): number {
  return routeSum(p, p.cost, crew, seq);
}

export function routeSum(
  p: Problem,
  matrix: Float64Array,
  crew: number,
  seq: ArrayLike<number>,
): number {
  let prev = startNode(p, crew);
  let total = 0;
  for (let k = 0; k < seq.length; k++) {
    const node = seq[k] as number;
    total += matrix[prev * p.size + node] as number;
    prev = node;
  }
  return total + (matrix[prev * p.size + endNode(p, crew)] as number);
}

/**
 * The earliest schedule of `seq` for crew `crew`, written into `starts`; false when none exists.
 * A stop that is not locked starts as early as it can: after the previous job's end plus
 * max(drive, minGap) (only the drive after leaving the crew's start), not before the crew's hours
 * or its window's earliest, rounded up to the snap; it must start by its window's latest and end
 * by the end of the crew's hours. A locked stop keeps its start; the crew must get there in time
 * (arriving early means waiting). Starting every stop as early as possible is what makes a
 * sequence feasible if any schedule of it is: nothing is gained by leaving later.
 */
export function schedule(
  p: Problem,
  crew: number,
  seq: ArrayLike<number>,
  starts?: Int32Array | number[],
): boolean {
  const { hours } = p.crews[crew] as RouteCrew;
  const snap = p.snap;
  let prev = startNode(p, crew);
  let free = hours.start;
  for (let k = 0; k < seq.length; k++) {
    const stop = seq[k] as number;
    const drive = p.driveMinutes[prev * p.size + stop] as number;
    const ready = free + (k === 0 ? drive : Math.max(drive, p.minGap));
    const fixed = p.fixedStart[stop] as number;
    let start: number;
    if (fixed >= 0) {
      if (ready > fixed) return false;
      start = fixed;
    } else {
      start = Math.max(ready, hours.start, p.earliest[stop] as number);
      start = Math.ceil(start / snap) * snap;
      if (start > (p.latest[stop] as number)) return false;
      if (start + (p.duration[stop] as number) > hours.end) return false;
    }
    if (starts) starts[k] = start;
    free = start + (p.duration[stop] as number);
    prev = stop;
  }
  return true;
}

/**
 * Whether the times the stops have now obey the same rules as `schedule` (without the snap, which
 * only shapes proposals): a dispatcher's valid day is kept as it is when nothing beats it.
 */
export function currentTimesFit(p: Problem, crew: number, seq: readonly number[]): boolean {
  const { hours } = p.crews[crew] as RouteCrew;
  let prev = startNode(p, crew);
  let free = hours.start;
  for (let k = 0; k < seq.length; k++) {
    const stop = seq[k] as number;
    const { start_minutes: start, locked } = p.stops[stop] as RouteStop;
    const drive = p.driveMinutes[prev * p.size + stop] as number;
    if (start < free + (k === 0 ? drive : Math.max(drive, p.minGap))) return false;
    if (!locked) {
      if (start < hours.start || start < (p.earliest[stop] as number)) return false;
      if (start > (p.latest[stop] as number)) return false;
      if (start + (p.duration[stop] as number) > hours.end) return false;
    }
    free = start + (p.duration[stop] as number);
    prev = stop;
  }
  return true;
}

/** The stops assigned to each crew now, in order of their current start. */
export function currentRoutes(p: Problem): number[][] {
  const routes: number[][] = p.crews.map(() => []);
  p.stops.forEach((_, s) => routes[p.originalCrew[s] as number]?.push(s));
  for (const route of routes) {
    route.sort((a, b) => {
      const sa = p.stops[a] as RouteStop;
      const sb = p.stops[b] as RouteStop;
      return sa.start_minutes - sb.start_minutes || a - b;
    });
  }
  return routes;
}

/**
 * How late `seq` runs, in minutes summed over its stops, scheduled as `schedule` does but letting
 * time jump back to a locked start, a window's latest or the end of hours when a stop misses it
 * ("time warp"). Zero exactly when `schedule` accepts the sequence. Lets a search cross orders
 * that are infeasible on the way to feasible ones.
 */
export function lateness(p: Problem, crew: number, seq: ArrayLike<number>): number {
  const { hours } = p.crews[crew] as RouteCrew;
  let prev = startNode(p, crew);
  let free = hours.start;
  let late = 0;
  for (let k = 0; k < seq.length; k++) {
    const stop = seq[k] as number;
    const drive = p.driveMinutes[prev * p.size + stop] as number;
    const ready = free + (k === 0 ? drive : Math.max(drive, p.minGap));
    const fixed = p.fixedStart[stop] as number;
    const duration = p.duration[stop] as number;
    let start: number;
    if (fixed >= 0) {
      late += Math.max(0, ready - fixed);
      start = fixed;
    } else {
      start = Math.ceil(Math.max(ready, hours.start, p.earliest[stop] as number) / p.snap) * p.snap;
      const latest = Math.min(p.latest[stop] as number, hours.end - duration);
      if (start > latest) {
        late += start - latest;
        start = latest;
      }
    }
    free = start + duration;
    prev = stop;
  }
  return late;
}
