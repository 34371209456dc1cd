import { describe, expect, it } from 'vitest';
import { haversineKm, straightLineTravel } from '../../../electron/core/routing';

const LONDON = { lat: 51.5074, lng: -0.1278 };
const PARIS = { lat: 48.8566, lng: 2.3522 };
const NEW_YORK = { lat: 40.7128, lng: -74.006 };
const LOS_ANGELES = { lat: 34.0522, lng: -118.2437 };

describe('straight-line travel', () => {
  it('measures known city distances as the great circle does', () => {
    expect(haversineKm(LONDON, PARIS)).toBeGreaterThan(340);
    expect(haversineKm(LONDON, PARIS)).toBeLessThan(347);
    expect(haversineKm(NEW_YORK, LOS_ANGELES)).toBeGreaterThan(3920);
    expect(haversineKm(NEW_YORK, LOS_ANGELES)).toBeLessThan(3950);
    expect(haversineKm(PARIS, PARIS)).toBe(0);
  });

  it('scales by the road factor and drives at the average speed', () => {
    const travel = straightLineTravel({ roadFactor: 1.5, averageKmh: 30 });
    const straight = haversineKm(LONDON, PARIS);
    expect(travel.km(LONDON, PARIS)).toBeCloseTo(straight * 1.5, 9);
    expect(travel.minutes(LONDON, PARIS)).toBeCloseTo(((straight * 1.5) / 30) * 60, 9);
  });

  it('defaults to a road factor of 1.3 at 40 km/h', () => {
    const travel = straightLineTravel();
    // 0.1° of latitude is 11.12 km: 14.46 road km, 21.7 minutes.
    const a = { lat: 33.5, lng: -86.8 };
    const b = { lat: 33.6, lng: -86.8 };
    expect(travel.km(a, b)).toBeCloseTo(11.12 * 1.3, 1);
    expect(travel.minutes(a, b)).toBeCloseTo(((11.12 * 1.3) / 40) * 60, 0);
  });

  it('refuses a road factor below 1 or a speed that is not positive', () => {
    expect(() => straightLineTravel({ roadFactor: 0.9 })).toThrow(RangeError);
    expect(() => straightLineTravel({ averageKmh: 0 })).toThrow(RangeError);
  });
});
