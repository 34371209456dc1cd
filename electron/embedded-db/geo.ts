// Geospatial support mingo lacks: GeoJSON Point validation, haversine distance, $geoWithin shapes.
import { type Document } from 'bson';
import { CommandError, badValue } from './errors';

const EARTH_RADIUS_M = 6378100;

export type LngLat = [number, number];

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Reads a GeoJSON Point or a legacy [lng, lat] pair; undefined when the value is not a point. */
export function toPoint(value: unknown): LngLat | undefined {
  if (Array.isArray(value) && value.length >= 2 && isNum(value[0]) && isNum(value[1])) {
    return [value[0], value[1]];
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const v = value as Document;
    if (v.type === 'Point' && Array.isArray(v.coordinates)) return toPoint(v.coordinates);
  }
  return undefined;
}

/** Throws code 16755 for a value that a 2dsphere index cannot index (MongoDB rejects such writes). */
export function validate2dsphereValue(doc: Document, field: string, value: unknown): void {
  if (value === undefined || value === null) return;
  const fail = (why: string): never => {
    throw new CommandError(16755, `Can't extract geo keys: { _id: ${String(doc._id)} }  ${why}`);
  };
  if (Array.isArray(value)) {
    const p = toPoint(value);
    if (!p) fail(`Point must only contain numeric elements (field ${field})`);
    return checkRange(p as LngLat, fail);
  }
  if (typeof value !== 'object') fail(`geo element must be an array or object: ${field}`);
  const v = value as Document;
  if (v.type === 'Point') {
    const c = v.coordinates;
    if (!Array.isArray(c) || c.length !== 2 || !isNum(c[0]) || !isNum(c[1])) {
      fail('Point must only contain numeric elements');
    }
    return checkRange([c[0], c[1]] as LngLat, fail);
  }
  const known = ['LineString', 'Polygon', 'MultiPoint', 'MultiLineString', 'MultiPolygon'];
  if (typeof v.type !== 'string' || !known.includes(v.type) || !Array.isArray(v.coordinates)) {
    fail(`unknown GeoJSON type: ${JSON.stringify(v.type ?? null)}`);
  }
}

function checkRange([lng, lat]: LngLat, fail: (why: string) => never): void {
  if (lng < -180 || lng > 180 || lat < -90 || lat > 90) {
    fail(`longitude/latitude is out of bounds, lng: ${lng} lat: ${lat}`);
  }
}

const rad = (d: number): number => (d * Math.PI) / 180;

/** Great-circle distance in radians between two [lng, lat] points. */
export function angularDistance(a: LngLat, b: LngLat): number {
  const dLat = rad(b[1] - a[1]);
  const dLng = rad(b[0] - a[0]);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(rad(a[1])) * Math.cos(rad(b[1])) * Math.sin(dLng / 2) ** 2;
  return 2 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export const distanceMeters = (a: LngLat, b: LngLat): number =>
  angularDistance(a, b) * EARTH_RADIUS_M;

function pointInPolygon(p: LngLat, ring: LngLat[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as LngLat;
    const [xj, yj] = ring[j] as LngLat;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) {
      inside = !inside;
    }
  }
  return inside;
}

function ringOf(value: unknown): LngLat[] {
  if (!Array.isArray(value)) throw badValue('$geoWithin polygon must be an array of points');
  return value.map((pt) => {
    const p = toPoint(pt);
    if (!p) throw badValue('$geoWithin polygon contains an invalid point');
    return p;
  });
}

/** Builds the predicate for a $geoWithin shape ($centerSphere, $box, $polygon, $geometry Polygon). */
export function geoWithinPredicate(shape: unknown): (value: unknown) => boolean {
  if (!shape || typeof shape !== 'object') throw badValue('$geoWithin requires a shape');
  const s = shape as Document;
  if (s.$centerSphere !== undefined) {
    const [center, radius] = s.$centerSphere as [unknown, unknown];
    const c = toPoint(center);
    if (!c || !isNum(radius)) throw badValue('malformed $centerSphere');
    return (v) => {
      const p = toPoint(v);
      return !!p && angularDistance(c, p) <= radius;
    };
  }
  if (s.$box !== undefined) {
    const [lo, hi] = ringOf(s.$box);
    if (!lo || !hi) throw badValue('malformed $box');
    return (v) => {
      const p = toPoint(v);
      return !!p && p[0] >= lo[0] && p[0] <= hi[0] && p[1] >= lo[1] && p[1] <= hi[1];
    };
  }
  if (s.$polygon !== undefined) {
    const ring = ringOf(s.$polygon);
    return (v) => {
      const p = toPoint(v);
      return !!p && pointInPolygon(p, ring);
    };
  }
  if (s.$geometry !== undefined) {
    const g = s.$geometry as Document;
    if (g.type === 'Polygon' && Array.isArray(g.coordinates)) {
      const [outer, ...holes] = (g.coordinates as unknown[]).map(ringOf);
      if (!outer) throw badValue('Polygon has no rings');
      return (v) => {
        const p = toPoint(v);
        return !!p && pointInPolygon(p, outer) && !holes.some((h) => pointInPolygon(p, h));
      };
    }
    throw badValue(`$geoWithin $geometry type ${String(g.type)} is not supported`);
  }
  throw badValue(`unknown $geoWithin shape: ${Object.keys(s).join(', ')}`);
}

export interface NearSpec {
  point: LngLat;
  /** Distances in meters for GeoJSON points, radians for legacy pairs with $nearSphere. */
  maxDistance?: number;
  minDistance?: number;
  spherical: boolean;
  legacy: boolean;
}

/** Parses the argument of $near / $nearSphere. */
export function parseNear(op: string, arg: unknown, extra: Document): NearSpec {
  const a = (arg ?? {}) as Document;
  if (a.$geometry !== undefined) {
    const p = toPoint(a.$geometry);
    if (!p) throw badValue(`${op} requires a GeoJSON point`);
    return {
      point: p,
      maxDistance:
        (a.$maxDistance as number | undefined) ?? (extra.$maxDistance as number | undefined),
      minDistance:
        (a.$minDistance as number | undefined) ?? (extra.$minDistance as number | undefined),
      spherical: true,
      legacy: false,
    };
  }
  const p = toPoint(arg);
  if (!p) throw badValue(`${op} requires a point`);
  return {
    point: p,
    maxDistance: extra.$maxDistance as number | undefined,
    minDistance: extra.$minDistance as number | undefined,
    spherical: op === '$nearSphere',
    legacy: true,
  };
}

/** Distance in the unit MongoDB uses for the spec (meters for GeoJSON, radians for legacy). */
export function nearDistance(spec: NearSpec, value: unknown): number | undefined {
  const p = toPoint(value);
  if (!p) return undefined;
  return spec.legacy ? angularDistance(spec.point, p) : distanceMeters(spec.point, p);
}
