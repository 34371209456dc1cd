import type { Db } from 'mongodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoWorld, type DemoWorld } from '../../support/demo';

const world = demoWorld('board_day');
let db: Db;
let lawn: Awaited<ReturnType<DemoWorld['signedIn']>>;
type Day = {
  date: string;
  hours: { start: string; end: string } | null;
  staff: { role: string; business_id: string }[];
  appointments: { scheduled_date: Date; business_id: string }[];
  unassigned: { assigned_staff_ids: string[]; status: string }[];
};

beforeAll(async () => {
  db = world.db;
  lawn = await world.signedIn('dispatch@southern-lawn.example');
});

describe('board.day', () => {
  it("gives the day's lanes (crew leads first), every job of that day, and the business hours", async () => {
    const day = await lawn.value<Day>('board.day', { date: '2026-04-16' });
    const business_id = lawn.session?.business_id;
    const expected = await db.collection('appointments').countDocuments({
      business_id,
      scheduled_date: new Date('2026-04-16T00:00:00Z'),
      deleted_at: null,
    });
    expect(expected).toBeGreaterThan(0);
    expect(day.appointments).toHaveLength(expected);
    expect(day.appointments.every((a) => a.business_id === business_id)).toBe(true);
    expect(day.hours).toEqual({ start: '08:00', end: '17:00' });
    expect(day.staff.length).toBeGreaterThan(6);
    const firstMember = day.staff.findIndex((s) => s.role !== 'crew_lead');
    expect(day.staff.slice(firstMember).every((s) => s.role !== 'crew_lead')).toBe(true);
    expect(
      day.unassigned.every((a) => a.assigned_staff_ids.length === 0 && a.status === 'scheduled'),
    ).toBe(true);
  });

  it('shows a closed day as closed', async () => {
    expect((await lawn.value<Day>('board.day', { date: '2026-04-18' })).hours).toBeNull();
  });

  it('refuses a date that does not exist', async () => {
    expect(await lawn.call('board.day', { date: '2026-02-30' })).toMatchObject({
      ok: false,
      error: { kind: 'validation' },
    });
  });
});
