import { beforeAll, describe, expect, it } from 'vitest';
import type { Output } from '../../../shared/contract';
import { demoWorld, type DemoWorld } from '../../support/demo';
import { seedRouteDay, type RouteDayFixture } from './day-fixture';

const world = demoWorld('routes_propose');
let lawn: Awaited<ReturnType<DemoWorld['signedIn']>>;
let day: RouteDayFixture;
type Proposal = Output<'routes.propose'>;
// A Wednesday after the demo's jobs end: only the constructed day is on it.
const DATE = '2026-05-13';

beforeAll(async () => {
  lawn = await world.signedIn('dispatch@southern-lawn.example');
  day = await seedRouteDay(lawn, world.db, DATE);
});

const id = (key: string) => day.jobs[key]?.appointment_id;
const crewOf = (proposal: Proposal, crewId: string) => {
  const crew = proposal.crews.find((c) => c.crew_id === crewId);
  if (!crew) throw new Error(`no crew ${crewId}`);
  return crew;
};

describe('routes.propose', () => {
  it("orders one crew's stops to drive less, keeping the confirmed job's time and crew", async () => {
    const proposal = await lawn.value<Proposal>('routes.propose', {
      date: DATE,
      crew_id: day.leadA,
    });
    expect(proposal.crews.map((c) => c.crew_id)).toEqual([day.leadA]);
    const crew = crewOf(proposal, day.leadA);
    expect(crew.status).toBe('optimized');
    expect(crew.stops_before.map((s) => s.appointment_id)).toEqual(
      ['A8', 'A2', 'A6', 'A4'].map(id),
    );
    expect(crew.stops_after.map((s) => s.appointment_id)).toEqual(['A2', 'A4', 'A6', 'A8'].map(id));
    // Out and back twice (8+6+4+2+4 = 24 km) becomes once (16 km), × 1.3 for roads.
    expect(crew.travel_before?.km).toBeCloseTo(24 * 1.3, 0);
    expect(crew.travel_after?.km).toBeCloseTo(16 * 1.3, 0);
    expect(proposal.saved.km).toBeCloseTo(8 * 1.3, 0);
    expect(proposal.saved.travel_minutes).toBeGreaterThan(0);

    const confirmed = crew.stops_after.find((s) => s.appointment_id === id('A6'));
    expect(confirmed).toMatchObject({
      locked: true,
      changed: false,
      after: { crew_id: day.leadA, start: '11:30', end: '12:30' },
    });
    // Leave at 08:00, 4 minutes' drive (snapped to 5), then the 30-minute gap between jobs.
    expect(crew.stops_after.map((s) => [s.after.start, s.after.end])).toEqual([
      ['08:05', '09:05'],
      ['09:35', '10:35'],
      ['11:30', '12:30'],
      ['13:00', '14:00'],
    ]);
    expect(proposal.changes).toEqual(
      ['A2', 'A4', 'A8'].map((key) => ({
        appointment_id: id(key),
        version: day.jobs[key]?.version,
        start: crew.stops_after.find((s) => s.appointment_id === id(key))?.after.start,
        end: crew.stops_after.find((s) => s.appointment_id === id(key))?.after.end,
        staff_ids: [day.leadA],
      })),
    );
    expect(proposal.left_in_place).toEqual([
      expect.objectContaining({ appointment_id: id('A6'), reason: 'locked' }),
    ]);
    expect(proposal.rule_check).toEqual({ status: 'ok', message: null, violations: [] });
    expect(crew.start.source).toBe('business');
  });

  it('plans the whole day: moves a job to the crew that passes by, and leaves unplannable ones', async () => {
    const proposal = await lawn.value<Proposal>('routes.propose', { date: DATE });
    const ids = proposal.crews.map((c) => c.crew_id);
    expect(ids).toEqual(expect.arrayContaining([day.leadA, day.leadB, day.leadC]));

    // B's east job lies on A's way out to 8 km: A takes it, with A's crew.
    const a = crewOf(proposal, day.leadA);
    const b = crewOf(proposal, day.leadB);
    expect(a.stops_after.map((s) => s.appointment_id)).toContain(id('B5e'));
    expect(b.stops_after.map((s) => s.appointment_id)).toEqual([id('B4w')]);
    expect(proposal.changes.find((c) => c.appointment_id === id('B5e'))?.staff_ids).toEqual([
      day.leadA,
    ]);
    const moved = a.stops_after.find((s) => s.appointment_id === id('B5e'));
    expect(moved).toMatchObject({
      changed: true,
      before: { crew_id: day.leadB },
      after: { crew_id: day.leadA },
    });
    expect(a.stops_after.find((s) => s.appointment_id === id('A6'))?.after.start).toBe('11:30');
    // B drives 1 km out from home and back instead of 1 + 9 + 8 km.
    expect(b.start.source).toBe('crew');
    expect(b.travel_before?.km).toBeCloseTo(18 * 1.3, 0);
    expect(b.travel_after?.km).toBeCloseTo(2 * 1.3, 0);
    expect(proposal.saved.km).toBeCloseTo((8 + 16) * 1.3, 0);

    // C's only client is not on the map: C is kept as it is, and the job is listed.
    const c = crewOf(proposal, day.leadC);
    expect(c).toMatchObject({ status: 'skipped', travel_before: null, travel_after: null });
    expect(c.reason).toContain(day.names['C?']);
    expect(proposal.changes.map((ch) => ch.appointment_id)).not.toContain(id('C?'));
    expect(proposal.left_in_place).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ appointment_id: id('C?'), reason: 'no_location' }),
        expect.objectContaining({ appointment_id: id('A6'), reason: 'locked' }),
        expect.objectContaining({ appointment_id: id('Queue'), reason: 'unassigned' }),
      ]),
    );
    expect(proposal.rule_check.status).toBe('ok');
  });

  it('keeps every job on its own crew when crew changes are not allowed', async () => {
    const proposal = await lawn.value<Proposal>('routes.propose', {
      date: DATE,
      allow_crew_changes: false,
    });
    expect(crewOf(proposal, day.leadB).stops_after.map((s) => s.appointment_id)).toEqual([
      id('B4w'),
      id('B5e'),
    ]);
    for (const change of proposal.changes) {
      const booked = Object.values(day.jobs).find(
        (j) => j.appointment_id === change.appointment_id,
      );
      expect(change.staff_ids).toEqual(booked?.assigned_staff_ids);
    }
  });

  it('changes nothing in the database', async () => {
    const stored = await world.db
      .collection('appointments')
      .find({ appointment_id: { $in: Object.values(day.jobs).map((j) => j.appointment_id) } })
      .toArray();
    for (const doc of stored) {
      const booked = Object.values(day.jobs).find((j) => j.appointment_id === doc.appointment_id);
      expect(doc.version).toBe(booked?.version);
      expect(doc.scheduled_start_time).toBe(booked?.scheduled_start_time);
    }
  });

  it('refuses a date that is not YYYY-MM-DD and a crew that is not a staff id', async () => {
    expect(await lawn.call('routes.propose', { date: '2026-5-13' })).toMatchObject({
      ok: false,
      error: { kind: 'validation' },
    });
    expect(await lawn.call('routes.propose', { date: DATE, crew_id: 'cli_nobody' })).toMatchObject({
      ok: false,
      error: { kind: 'validation' },
    });
    expect(await lawn.call('routes.propose', { date: DATE, unknown_field: true })).toMatchObject({
      ok: false,
      error: { kind: 'validation' },
    });
  });
});
