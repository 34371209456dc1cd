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
  services: { service_id: string; name: string }[];
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
    // A lane needs names, role, crew and hours — not the audit log or contact details.
    expect(Object.keys(day.staff[0] ?? {}).sort()).toEqual(
      [
        'assigned_equipment_ids',
        'availability_schedule',
        'crew_lead_id',
        'first_name',
        'is_active',
        'last_name',
        'role',
        'staff_id',
        'version',
      ].sort(),
    );
    expect(
      day.unassigned.every((a) => a.assigned_staff_ids.length === 0 && a.status === 'scheduled'),
    ).toBe(true);
    // The service filter lists the day's services by name, in the order they come.
    const names = day.services.map((s) => s.name);
    expect(names.length).toBeGreaterThan(1);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  });

  it('flags jobs already on the day that break a rule, naming the clash', async () => {
    // Two of the lawn crew's jobs put on the same person at the same time, straight in the
    // database (as an import or another tool might): the board must flag both.
    const business_id = lawn.session?.business_id;
    const date = new Date('2026-04-16T00:00:00Z');
    const jobs = await db
      .collection('appointments')
      .find({ business_id, scheduled_date: date, status: 'scheduled', deleted_at: null })
      .sort({ scheduled_start_time: 1 })
      .toArray();
    const [a, b] = jobs.filter((j) => (j.assigned_staff_ids as string[]).length > 0);
    if (!a || !b) throw new Error('the demo day needs two crewed jobs');
    await db.collection('appointments').updateOne(
      { appointment_id: b.appointment_id },
      {
        $set: {
          assigned_staff_ids: a.assigned_staff_ids,
          scheduled_start_time: a.scheduled_start_time,
          scheduled_end_time: a.scheduled_end_time,
        },
      },
    );
    const day = await lawn.value<{
      warnings: Record<string, { rule: string; severity: string; message: string }[]>;
    }>('board.day', { date: '2026-04-16' });
    const onB = day.warnings[String(b.appointment_id)] ?? [];
    expect(onB.find((w) => w.rule === 'staff_overlap')).toMatchObject({ severity: 'hard' });
    expect(day.warnings[String(a.appointment_id)]?.map((w) => w.rule)).toContain('staff_overlap');
  });

  it("flags a job whose stored forecast crosses the business's weather thresholds", async () => {
    const business_id = lawn.session?.business_id;
    const job = await db.collection('appointments').findOne({
      business_id,
      scheduled_date: new Date('2026-04-16T00:00:00Z'),
      deleted_at: null,
    });
    await db.collection('appointments').updateOne(
      { appointment_id: job?.appointment_id },
      {
        $set: {
          weather_checked: true,
          weather_data_at_time: {
            date: '2026-04-16',
            condition: 'rain',
            rain_percent: 85,
            temp_high_fahrenheit: 70,
            temp_low_fahrenheit: 55,
            wind_speed_mph: 12,
            uv_index: 3,
            humidity_percent: 90,
          },
        },
      },
    );
    const day = await lawn.value<{ weather_risks: Record<string, string[]> }>('board.day', {
      date: '2026-04-16',
    });
    expect(day.weather_risks[String(job?.appointment_id)]).toEqual(['Rain 85%']);
  });

  it('gives the calendar a range of days, and refuses a range too long or backwards', async () => {
    const range = await lawn.value<{
      appointments: { scheduled_date: Date; business_id: string }[];
      clients: unknown[];
      timezone: string;
    }>('board.range', { from: '2026-04-13', to: '2026-04-19' });
    const expected = await db.collection('appointments').countDocuments({
      business_id: lawn.session?.business_id,
      scheduled_date: {
        $gte: new Date('2026-04-13T00:00:00Z'),
        $lte: new Date('2026-04-19T00:00:00Z'),
      },
      deleted_at: null,
    });
    expect(expected).toBeGreaterThan(10);
    expect(range.appointments).toHaveLength(expected);
    expect(range.timezone).toBe('America/Chicago');
    expect(range.clients.length).toBeGreaterThan(0);
    for (const input of [
      { from: '2026-04-19', to: '2026-04-13' },
      { from: '2026-01-01', to: '2026-04-01' },
    ]) {
      expect(await lawn.call('board.range', input)).toMatchObject({
        ok: false,
        error: { kind: 'validation' },
      });
    }
  });

  it('shows a closed day as closed', async () => {
    expect((await lawn.value<Day>('board.day', { date: '2026-04-18' })).hours).toBeNull();
  });

  it('flags a clash across midnight with a job of the day before or the day after', async () => {
    // The last three crewed jobs of the 16th: one goes to the 15th just before midnight, one to the
    // 17th just after, and one person has them and two jobs of the 16th, each 10 minutes from the
    // next across midnight (the business wants 30 between jobs).
    const business_id = lawn.session?.business_id;
    const jobs = await db
      .collection('appointments')
      .find({
        business_id,
        scheduled_date: new Date('2026-04-16T00:00:00Z'),
        status: 'scheduled',
        deleted_at: null,
      })
      .sort({ scheduled_start_time: -1 })
      .toArray();
    const crewed = jobs.filter((j) => (j.assigned_staff_ids as string[]).length > 0);
    const [before, first, last, after] = crewed;
    if (!before || !first || !last || !after)
      throw new Error('the demo day needs four crewed jobs');
    const place = (id: unknown, date: string, start: string, end: string) =>
      db.collection('appointments').updateOne(
        { appointment_id: id },
        {
          $set: {
            scheduled_date: new Date(`${date}T00:00:00Z`),
            assigned_staff_ids: first.assigned_staff_ids,
            assigned_equipment_ids: [],
            scheduled_start_time: start,
            scheduled_end_time: end,
          },
        },
      );
    await place(before.appointment_id, '2026-04-15', '23:00', '23:50');
    await place(first.appointment_id, '2026-04-16', '00:00', '00:30');
    await place(last.appointment_id, '2026-04-16', '23:20', '23:55');
    await place(after.appointment_id, '2026-04-17', '00:05', '00:35');

    const day = await lawn.value<{
      warnings: Record<string, { rule: string; message: string }[]>;
    }>('board.day', { date: '2026-04-16' });
    const clashes = (id: unknown) =>
      (day.warnings[String(id)] ?? [])
        .filter((w) => w.rule === 'staff_overlap')
        .map((w) => w.message)
        .join(' ');
    expect(clashes(first.appointment_id)).toMatch(/Apr 15/);
    expect(clashes(last.appointment_id)).toMatch(/Apr 17/);
  });

  it('refuses a date that does not exist', async () => {
    expect(await lawn.call('board.day', { date: '2026-02-30' })).toMatchObject({
      ok: false,
      error: { kind: 'validation' },
    });
  });
});
