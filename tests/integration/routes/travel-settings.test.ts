// routes.propose estimates driving with the business's own road factor and average speed (Settings → Map and routes).
import { beforeAll, describe, expect, it } from 'vitest';
import type { Output } from '../../../shared/contract';
import { demoWorld, type DemoWorld } from '../../support/demo';
import { seedRouteDay, type RouteDayFixture } from './day-fixture';

const world = demoWorld('routes_travel_settings');
let lawn: Awaited<ReturnType<DemoWorld['signedIn']>>;
let owner: Awaited<ReturnType<DemoWorld['signedIn']>>;
let day: RouteDayFixture;
type Proposal = Output<'routes.propose'>;
// A Wednesday after the demo's jobs end: only the constructed day is on it.
const DATE = '2026-05-13';

beforeAll(async () => {
  lawn = await world.signedIn('dispatch@southern-lawn.example');
  owner = await world.signedIn('owner@southern-lawn.example');
  day = await seedRouteDay(lawn, world.db, DATE);
});

/** Crew A's drive as booked (8, 2, 6, 4 km east and back: 24 km in a straight line). */
const crewADrive = async () => {
  const proposal = await lawn.value<Proposal>('routes.propose', { date: DATE, crew_id: day.leadA });
  const crew = proposal.crews.find((c) => c.crew_id === day.leadA);
  if (!crew?.travel_before) throw new Error('crew A was not planned');
  return { ...crew.travel_before, notes: proposal.notes };
};

const configure = async (config: Record<string, unknown>) => {
  const business = await owner.value<{ version: number }>('business.get');
  await owner.value('business.update', { version: business.version, changes: { config } });
};

describe("routes.propose and the business's travel settings", () => {
  it('halves the driving minutes when the average speed doubles, the distance unchanged', async () => {
    await configure({ route_road_factor: 1.3, route_average_speed_kmh: 40 });
    const slow = await crewADrive();
    await configure({ route_average_speed_kmh: 80 });
    const fast = await crewADrive();

    expect(fast.km).toBe(slow.km);
    // 24 km × 1.3 = 31.2 km: 46.8 minutes at 40 km/h, 23.4 at 80 (whole minutes in the answer).
    expect(slow.travel_minutes).toBeCloseTo((31.2 / 40) * 60, 0);
    expect(fast.travel_minutes).toBeCloseTo((31.2 / 80) * 60, 0);
    expect(Math.abs(fast.travel_minutes - slow.travel_minutes / 2)).toBeLessThanOrEqual(1);
    expect(fast.notes[0]).toBe(
      'Distances and times are estimates: straight-line distance × 1.3 for roads, at 80 km/h.',
    );
  });

  it('measures road distance with the configured road factor', async () => {
    await configure({ route_road_factor: 2, route_average_speed_kmh: 60 });
    const drive = await crewADrive();
    expect(drive.km).toBeCloseTo(24 * 2, 0);
    expect(drive.travel_minutes).toBeCloseTo((48 / 60) * 60, 0);
  });

  it('uses the defaults (× 1.3, 40 km/h) for a business saved before these settings existed', async () => {
    await world.db
      .collection('businesses')
      .updateOne(
        { business_id: owner.session?.business_id },
        { $unset: { 'config.route_road_factor': '', 'config.route_average_speed_kmh': '' } },
      );
    const drive = await crewADrive();
    expect(drive.km).toBeCloseTo(24 * 1.3, 0);
    expect(drive.travel_minutes).toBeCloseTo((31.2 / 40) * 60, 0);
  });

  it('refuses a speed out of range, naming the field, and keeps the stored one', async () => {
    await configure({ route_average_speed_kmh: 50 });
    const business = await owner.value<{ version: number }>('business.get');
    const refused = await owner.call('business.update', {
      version: business.version,
      changes: { config: { route_average_speed_kmh: 200 } },
    });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        kind: 'validation',
        details: [
          {
            path: 'changes.config.route_average_speed_kmh',
            message: 'The average speed must be between 5 and 130 km/h.',
          },
        ],
      },
    });
    const kept = await owner.value<{ config: { route_average_speed_kmh: number } }>('business.get');
    expect(kept.config.route_average_speed_kmh).toBe(50);
  });
});
