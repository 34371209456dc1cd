import { beforeAll, describe, expect, it } from 'vitest';
import type { MapCrew, Output } from '../../../shared/contract';
import { demoWorld, type DemoWorld } from '../../support/demo';
import { seedRouteDay, type RouteDayFixture } from '../routes/day-fixture';
import { fakeNominatimForCore, place } from './fake-nominatim';

const nominatim = fakeNominatimForCore();

const world = demoWorld('staff_route_start');
let lawn: Awaited<ReturnType<DemoWorld['signedIn']>>;
let hvac: Awaited<ReturnType<DemoWorld['signedIn']>>;
let day: RouteDayFixture;
// A Wednesday after the demo's jobs end: only the constructed day is on it.
const DATE = '2026-05-13';

type Staff = {
  staff_id: string;
  version: number;
  location?: { type: string; coordinates: [number, number] } | null;
  audit_log: { action: string; note?: string; changes?: Record<string, unknown> }[];
};

beforeAll(async () => {
  lawn = await world.signedIn('dispatch@southern-lawn.example');
  hvac = await world.signedIn('owner@front-range-hvac.example');
  day = await seedRouteDay(lawn, world.db, DATE);
});

const staff = (id: string) => lawn.value<Staff>('staff.get', { id });
const crewStart = async (leadId: string) => {
  const map = await lawn.value<{ crews: MapCrew[] }>('map.day', { date: DATE });
  return map.crews.find((c) => c.lead_id === leadId)?.start;
};
const proposedStart = async (leadId: string) => {
  const proposal = await lawn.value<Output<'routes.propose'>>('routes.propose', {
    date: DATE,
    crew_id: leadId,
  });
  return proposal.crews.find((c) => c.crew_id === leadId)?.start;
};

describe('staff.setRouteStart', () => {
  it("starts the crew's route on the map and in proposals from a dropped pin, audited", async () => {
    expect(await crewStart(day.leadA)).toMatchObject({ source: 'business' });
    const before = await staff(day.leadA);
    expect(before.location).toBeUndefined();

    const saved = await lawn.value<Staff>('staff.setRouteStart', {
      id: day.leadA,
      version: before.version,
      start: { latitude: 33.4512, longitude: -86.8123, address: '12 Depot Rd, Homewood, AL' },
    });
    expect(saved).toMatchObject({
      version: before.version + 1,
      location: { type: 'Point', coordinates: [-86.8123, 33.4512] },
    });
    expect(saved.audit_log.at(-1)).toMatchObject({
      action: 'updated',
      note: 'Route start: 12 Depot Rd, Homewood, AL',
      changes: { location: { before: null, after: saved.location } },
    });
    const history = await lawn.value<{ note?: string }[]>('staff.history', { id: day.leadA });
    expect(history[0]?.note).toBe('Route start: 12 Depot Rd, Homewood, AL');

    expect(await crewStart(day.leadA)).toMatchObject({
      lat: 33.4512,
      lng: -86.8123,
      source: 'crew',
    });
    expect(await proposedStart(day.leadA)).toEqual({
      lat: 33.4512,
      lng: -86.8123,
      source: 'crew',
    });
  });

  it('goes back to the business address on null, leaving no location behind', async () => {
    const current = await staff(day.leadA);
    expect(current.location).toBeDefined();
    const reset = await lawn.value<Staff>('staff.setRouteStart', {
      id: day.leadA,
      version: current.version,
      start: null,
    });
    expect(reset.version).toBe(current.version + 1);
    expect('location' in reset).toBe(false);
    expect(reset.audit_log.at(-1)).toMatchObject({
      note: 'Route start: the business address',
      changes: { location: { before: current.location, after: null } },
    });
    const stored = await world.db.collection('staff').findOne({ staff_id: day.leadA });
    expect(stored && 'location' in stored).toBe(false);
    // Still a valid staff record: it reads, and edits as usual.
    expect((await staff(day.leadA)).version).toBe(reset.version);
    await lawn.value('staff.update', {
      id: day.leadA,
      version: reset.version,
      changes: { phone: '205-555-0199' },
    });
    expect(await crewStart(day.leadA)).toMatchObject({ source: 'business' });
    expect(await proposedStart(day.leadA)).toMatchObject({ source: 'business' });

    // Already at the business address: nothing to write, the version stays.
    const again = await staff(day.leadA);
    const same = await lawn.value<Staff>('staff.setRouteStart', {
      id: day.leadA,
      version: again.version,
      start: null,
    });
    expect(same.version).toBe(again.version);
  });

  it('refuses a stale version as a conflict and changes nothing', async () => {
    const current = await staff(day.leadC);
    const result = await lawn.call('staff.setRouteStart', {
      id: day.leadC,
      version: current.version - 1 || current.version + 1,
      start: { latitude: 33.5, longitude: -86.8 },
    });
    expect(result).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    expect(await staff(day.leadC)).toMatchObject({ version: current.version });
    expect((await staff(day.leadC)).location).toBeUndefined();
  });

  it('refuses coordinates off the globe and an overlong address, naming the field', async () => {
    const current = await staff(day.leadC);
    const bad = async (start: unknown) =>
      lawn.call('staff.setRouteStart', {
        id: day.leadC,
        version: current.version,
        start,
      });
    expect(await bad({ latitude: 91, longitude: -86.8 })).toMatchObject({
      ok: false,
      error: {
        kind: 'validation',
        details: [expect.objectContaining({ path: 'start.latitude' })],
      },
    });
    expect(await bad({ latitude: 33.5, longitude: -180.5 })).toMatchObject({
      ok: false,
      error: {
        kind: 'validation',
        details: [expect.objectContaining({ path: 'start.longitude' })],
      },
    });
    expect(await bad({ latitude: 33.5, longitude: -86.8, address: 'x'.repeat(301) })).toMatchObject(
      {
        ok: false,
        error: {
          kind: 'validation',
          details: [expect.objectContaining({ path: 'start.address' })],
        },
      },
    );
    expect(await staff(day.leadC)).toMatchObject({ version: current.version });
  });

  it("refuses another business's staff member as not found", async () => {
    const current = await staff(day.leadC);
    const result = await hvac.call('staff.setRouteStart', {
      id: day.leadC,
      version: current.version,
      start: { latitude: 39.7, longitude: -104.9 },
    });
    expect(result).toMatchObject({ ok: false, error: { kind: 'not_found' } });
  });
});

describe('staff.findRouteStart', () => {
  it('finds a typed address and starts the route there', async () => {
    nominatim().replies.set('400 Oak Grove Rd, Homewood, AL', {
      places: [place(33.4701, -86.8002, '400, Oak Grove Road, Homewood, Alabama, 35209')],
    });
    const current = await staff(day.leadB);
    const result = await lawn.value<{ staff: Staff; match: Record<string, unknown> }>(
      'staff.findRouteStart',
      { id: day.leadB, version: current.version, address: '  400 Oak Grove Rd, Homewood, AL ' },
    );
    expect(nominatim().requests.at(-1)?.params.q).toBe('400 Oak Grove Rd, Homewood, AL');
    expect(result.match).toMatchObject({
      latitude: 33.4701,
      longitude: -86.8002,
      precision: 'address',
    });
    expect(result.staff).toMatchObject({
      version: current.version + 1,
      location: { type: 'Point', coordinates: [-86.8002, 33.4701] },
    });
    expect(result.staff.audit_log.at(-1)?.note).toBe('Route start: 400 Oak Grove Rd, Homewood, AL');
    expect(await crewStart(day.leadB)).toMatchObject({ lat: 33.4701, lng: -86.8002 });
  });

  it('says an address cannot be found, or that the map service is down, and changes nothing', async () => {
    const current = await staff(day.leadC);
    expect(
      await lawn.call('staff.findRouteStart', {
        id: day.leadC,
        version: current.version,
        address: '99999 Nowhere Rd',
      }),
    ).toMatchObject({
      ok: false,
      error: {
        kind: 'not_found',
        message: 'We could not find this address on the map; drag the pin to the right place.',
      },
    });
    nominatim().replies.set('1 Broken Way', { status: 502 });
    expect(
      await lawn.call('staff.findRouteStart', {
        id: day.leadC,
        version: current.version,
        address: '1 Broken Way',
      }),
    ).toMatchObject({ ok: false, error: { kind: 'unavailable' } });
    expect(await staff(day.leadC)).toMatchObject({ version: current.version });
  });

  it('refuses an empty or overlong address', async () => {
    const current = await staff(day.leadC);
    for (const address of ['   ', 'x'.repeat(301)]) {
      expect(
        await lawn.call('staff.findRouteStart', {
          id: day.leadC,
          version: current.version,
          address,
        }),
      ).toMatchObject({
        ok: false,
        error: { kind: 'validation', details: [expect.objectContaining({ path: 'address' })] },
      });
    }
  });
});
