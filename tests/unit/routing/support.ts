// Helpers for the routing tests: a flat test travel model and an independent check of a proposal.
import { expect } from 'vitest';
import type {
  DayInput,
  LatLng,
  RouteOptions,
  RouteProposal,
  TravelModel,
} from '../../../electron/core/routing';

/** Flat ground for exact numbers: lat/lng are km on a plane and the crew drives 1 km a minute. */
export const flatTravel: TravelModel = {
  km: (a: LatLng, b: LatLng) => Math.hypot(a.lat - b.lat, a.lng - b.lng),
  minutes: (a: LatLng, b: LatLng) => Math.hypot(a.lat - b.lat, a.lng - b.lng),
};

export const at = (x: number, y = 0): LatLng => ({ lat: y, lng: x });

/**
 * Checks a proposal against the rules without the optimizer's code: every appointment exactly
 * once; locked ones on their crew at their time; others inside hours and windows, on a crew that
 * may do them, snapped when moved; consecutive jobs at least max(drive, buffer) apart.
 */
export function expectValidProposal(
  input: DayInput,
  proposal: RouteProposal,
  options: RouteOptions & { travel: TravelModel },
): void {
  const minGap = options.minGapMinutes ?? 0;
  const snap = options.snapMinutes ?? 5;
  const byId = new Map(input.stops.map((stop) => [stop.appointment_id, stop]));
  const seen = new Set<string>();
  for (const plan of proposal.crews) {
    const crew = input.crews.find((c) => c.crew_id === plan.crew_id);
    if (!crew) throw new Error(`unknown crew ${plan.crew_id}`);
    let place = crew.start;
    let free = crew.hours.start;
    plan.stops.forEach((proposed, k) => {
      const stop = byId.get(proposed.appointment_id);
      if (!stop) throw new Error(`unknown appointment ${proposed.appointment_id}`);
      expect(seen.has(stop.appointment_id)).toBe(false);
      seen.add(stop.appointment_id);
      expect(proposed.end_minutes - proposed.start_minutes).toBe(stop.duration_minutes);
      if (plan.status === 'infeasible') return;
      const drive = Math.ceil(options.travel.minutes(place, stop.location) - 1e-7);
      expect(proposed.start_minutes).toBeGreaterThanOrEqual(
        free + (k === 0 ? drive : Math.max(drive, minGap)),
      );
      if (stop.locked) {
        expect(proposed.crew_id).toBe(stop.crew_id);
        expect(proposed.start_minutes).toBe(stop.start_minutes);
        expect(proposed.changed).toBe(false);
      } else {
        expect(proposed.start_minutes).toBeGreaterThanOrEqual(crew.hours.start);
        expect(proposed.end_minutes).toBeLessThanOrEqual(crew.hours.end);
        expect(proposed.start_minutes).toBeGreaterThanOrEqual(stop.window?.earliest ?? 0);
        expect(proposed.start_minutes).toBeLessThanOrEqual(stop.window?.latest ?? 24 * 60);
        if (proposed.changed) expect(proposed.start_minutes % snap).toBe(0);
        if (proposed.crew_id !== stop.crew_id) {
          const has = new Set(crew.capabilities ?? []);
          expect((stop.requires ?? []).every((id) => has.has(id))).toBe(true);
        }
      }
      expect(proposed.changed).toBe(
        proposed.crew_id !== stop.crew_id || proposed.start_minutes !== stop.start_minutes,
      );
      free = proposed.end_minutes;
      place = stop.location;
    });
  }
  expect(seen.size).toBe(input.stops.length);
  const moved = proposal.crews.flatMap((c) => c.stops.filter((s) => s.changed));
  expect([...proposal.moved].sort()).toEqual(moved.map((s) => s.appointment_id).sort());
  expect(proposal.saved.km).toBeCloseTo(proposal.before.km - proposal.after.km, 9);
}
