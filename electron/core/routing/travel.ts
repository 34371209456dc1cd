// Travel between two points for route planning: an interface, and the straight-line estimate used until a road network is plugged in.
import {
  DEFAULT_ROUTE_AVERAGE_SPEED_KMH,
  DEFAULT_ROUTE_ROAD_FACTOR,
} from '../../../shared/schemas/businesses';

export interface LatLng {
  lat: number;
  lng: number;
}

/**
 * How far and how long a crew drives from `a` to `b`. A road-network provider implements the same
 * interface; the optimizer asks each pair once per run, so a slow provider should batch or cache.
 * Values may be asymmetric (one-way streets); the optimizer never assumes km(a, b) === km(b, a).
 */
export interface TravelModel {
  km(a: LatLng, b: LatLng): number;
  minutes(a: LatLng, b: LatLng): number;
}

export interface StraightLineOptions {
  /** Road distance per straight-line distance; 1.3 (the default) suits suburban street grids. */
  roadFactor?: number;
  /** Average driving speed including lights and turns; 40 km/h by default. */
  averageKmh?: number;
}

const EARTH_RADIUS_KM = 6371.0088;
const toRadians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance in km (haversine; under 0.5% off the ellipsoid at any latitude). */
export function haversineKm(a: LatLng, b: LatLng): number {
  const dLat = toRadians(b.lat - a.lat);
  const dLng = toRadians(b.lng - a.lng);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(toRadians(a.lat)) * Math.cos(toRadians(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Road km ≈ haversine × roadFactor; minutes = road km at averageKmh. */
export function straightLineTravel(options: StraightLineOptions = {}): TravelModel {
  const roadFactor = options.roadFactor ?? DEFAULT_ROUTE_ROAD_FACTOR;
  const averageKmh = options.averageKmh ?? DEFAULT_ROUTE_AVERAGE_SPEED_KMH;
  if (!(roadFactor >= 1) || !Number.isFinite(roadFactor)) {
    throw new RangeError(`roadFactor must be a finite number ≥ 1, got ${roadFactor}`);
  }
  if (!(averageKmh > 0) || !Number.isFinite(averageKmh)) {
    throw new RangeError(`averageKmh must be a finite number > 0, got ${averageKmh}`);
  }
  const km = (a: LatLng, b: LatLng) => haversineKm(a, b) * roadFactor;
  return { km, minutes: (a, b) => (km(a, b) / averageKmh) * 60 };
}
