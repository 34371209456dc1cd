import type { Db } from 'mongodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoWorld, type DemoWorld } from '../../support/demo';

const world = demoWorld('board_move');
let db: Db;
let lawn: Awaited<ReturnType<DemoWorld['signedIn']>>;
type Day = {
  staff: { staff_id: string; role: string; version: number }[];
  appointments: Job[];
  clients: { client_id: string; first_name: string; last_name: string }[];
};
let date: string;
let day: Day;
type Job = {
  appointment_id: string;
  version: number;
  client_id: string;
  scheduled_date: Date;
  scheduled_start_time: string;
  scheduled_end_time: string;
  assigned_staff_ids: string[];
  assigned_equipment_ids: string[];
  status: string;
  audit_log: { action: string; note?: string }[];
};

beforeAll(async () => {
  db = world.db;
  lawn = await world.signedIn('dispatch@southern-lawn.example');
  date = '2026-04-16';
  day = await lawn.value<Day>('board.day', { date });
});

const jobsOf = (staffId: string) =>
  day.appointments
    .filter((a) => a.assigned_staff_ids.includes(staffId))
    .sort((a, b) => a.scheduled_start_time.localeCompare(b.scheduled_start_time));
/** New staff with nothing booked: a crew to move jobs to. */
async function newCrew(size: number, hours = { start: '08:00', end: '17:00' }): Promise<string[]> {
  const week = {
    monday: hours,
    tuesday: hours,
    wednesday: hours,
    thursday: hours,
    friday: hours,
    saturday: null,
    sunday: null,
  };
  const ids: string[] = [];
  for (let i = 0; i < size; i++) {
    const person = await lawn.value<{ staff_id: string }>('staff.create', {
      data: {
        first_name: `Temp${i}`,
        last_name: `Crew ${hours.end}`,
        role: i === 0 ? 'crew_lead' : 'crew_member',
        availability_schedule: week,
      },
    });
    ids.push(person.staff_id);
  }
  return ids;
}

describe('board.move', () => {
  it("refuses a drop onto a crew's other job, naming the clash, and changes nothing", async () => {
    const lead = day.staff.find((s) => s.role === 'crew_lead' && jobsOf(s.staff_id).length >= 2);
    const [first, second] = jobsOf(lead?.staff_id ?? '');
    const clash = day.clients.find((c) => c.client_id === second?.client_id);
    const result = await lawn.call('board.move', {
      appointment_id: first?.appointment_id,
      version: first?.version,
      scheduled_date: date,
      start: second?.scheduled_start_time,
      end: second?.scheduled_end_time,
      staff_ids: first?.assigned_staff_ids,
    });
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'conflict', details: { overridable: false } },
    });
    if (!result.ok)
      expect(result.error.message).toContain(`${clash?.first_name} ${clash?.last_name}`);
    expect(
      await db.collection('appointments').findOne({ appointment_id: first?.appointment_id }),
    ).toMatchObject({
      version: first?.version,
      scheduled_start_time: first?.scheduled_start_time,
    });
  });

  it('checks a drop that names its equipment, as the board sends it, by the same rules', async () => {
    // The board names the job's equipment with every move, so the core reads what the rules need
    // alongside the job: the clashes must be the same as without it.
    const lead = day.staff.find((s) => s.role === 'crew_lead' && jobsOf(s.staff_id).length >= 2);
    const [first, second] = jobsOf(lead?.staff_id ?? '');
    if (!first || !second) throw new Error('the demo day has no crew with two jobs');
    const onto = await lawn.call('board.move', {
      appointment_id: first.appointment_id,
      version: first.version,
      scheduled_date: date,
      start: second.scheduled_start_time,
      end: second.scheduled_end_time,
      staff_ids: first.assigned_staff_ids,
      equipment_ids: first.assigned_equipment_ids,
    });
    expect(onto).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    const clash = day.clients.find((c) => c.client_id === second.client_id);
    if (!onto.ok) expect(onto.error.message).toContain(`${clash?.first_name} ${clash?.last_name}`);

    // Another crew's machine at that machine's busy hour: refused, naming the job that has it.
    const busy = day.appointments.find(
      (a) =>
        a.assigned_equipment_ids.length > 0 &&
        a.status === 'scheduled' &&
        a.scheduled_start_time >= '08:00' &&
        a.scheduled_end_time <= '17:00',
    );
    if (!busy) throw new Error('the demo day has no scheduled job with equipment in hours');
    const mover = day.appointments.find(
      (a) =>
        a.status === 'scheduled' &&
        a.appointment_id !== busy.appointment_id &&
        !a.assigned_equipment_ids.includes(busy.assigned_equipment_ids[0] ?? ''),
    ) as Job;
    const crew = await newCrew(1);
    const machine = await lawn.call('board.move', {
      appointment_id: mover.appointment_id,
      version: mover.version,
      scheduled_date: date,
      start: busy.scheduled_start_time,
      end: busy.scheduled_end_time,
      staff_ids: crew,
      equipment_ids: [busy.assigned_equipment_ids[0]],
    });
    expect(machine).toMatchObject({
      ok: false,
      error: {
        kind: 'conflict',
        details: {
          violations: expect.arrayContaining([
            expect.objectContaining({ rule: 'equipment_double_booked' }),
          ]) as unknown,
        },
      },
    });
    expect(
      await db.collection('appointments').findOne({ appointment_id: mover.appointment_id }),
    ).toMatchObject({ version: mover.version });

    // A job that is no longer scheduled cannot move, whatever the rules would say.
    const done = await db
      .collection('appointments')
      .findOne({ business_id: lawn.session?.business_id, status: 'completed' });
    const refused = await lawn.call('board.move', {
      appointment_id: done?.appointment_id,
      version: done?.version,
      scheduled_date: date,
      start: second.scheduled_start_time,
      end: second.scheduled_end_time,
      staff_ids: first.assigned_staff_ids,
      equipment_ids: [],
    });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        kind: 'conflict',
        message: 'Only scheduled jobs can be moved; this one is completed.',
      },
    });
  });

  it('moves a job to an idle crew, records it in the audit log, and shows it in the new lanes', async () => {
    const job = day.appointments.find((a) => a.assigned_staff_ids.length >= 1) as Job;
    const crew = (await newCrew(job.assigned_staff_ids.length)).map((staff_id) => ({ staff_id }));
    // The crew brings its own equipment (the old crew keeps theirs busy at this hour).
    const moved = await lawn.value<{ appointment: Job; warnings: unknown[] }>('board.move', {
      appointment_id: job.appointment_id,
      version: job.version,
      scheduled_date: date,
      start: job.scheduled_start_time,
      end: job.scheduled_end_time,
      staff_ids: crew.map((s) => s.staff_id),
      equipment_ids: [],
    });
    expect(moved.warnings).toEqual([]);
    expect(moved.appointment).toMatchObject({
      version: job.version + 1,
      assigned_staff_ids: crew.map((s) => s.staff_id),
    });
    expect(moved.appointment.audit_log.at(-1)).toMatchObject({ action: 'moved' });
    const after = await lawn.value<Day>('board.day', { date });
    const lane = after.appointments.filter((a) =>
      a.assigned_staff_ids.includes(crew[0]?.staff_id ?? ''),
    );
    expect(lane.map((a) => a.appointment_id)).toContain(job.appointment_id);
    // A second drop with the old version is stale.
    const stale = await lawn.call('board.move', {
      appointment_id: job.appointment_id,
      version: job.version,
      scheduled_date: date,
      start: job.scheduled_start_time,
      end: job.scheduled_end_time,
      staff_ids: job.assigned_staff_ids,
    });
    expect(stale).toMatchObject({
      ok: false,
      error: { kind: 'conflict', details: { current_version: job.version + 1 } },
    });
  });

  it('warns before a job outside business hours, and records the override', async () => {
    const job = (await lawn.value<Day>('board.day', { date })).appointments.find(
      (a) => a.scheduled_start_time < '12:00' && a.assigned_staff_ids.length >= 1,
    ) as Job;
    // This crew works long days; the business closes at 17:00.
    const crew = await newCrew(job.assigned_staff_ids.length, { start: '06:00', end: '20:00' });
    const move = {
      appointment_id: job.appointment_id,
      version: job.version,
      scheduled_date: date,
      start: '17:30',
      end: '18:30',
      staff_ids: crew,
      equipment_ids: [],
    };
    const warned = await lawn.call('board.move', move);
    expect(warned).toMatchObject({
      ok: false,
      error: {
        kind: 'conflict',
        message: expect.stringContaining('Move it anyway?'),
        details: { overridable: true },
      },
    });
    const moved = await lawn.value<{ appointment: Job; warnings: { rule: string }[] }>(
      'board.move',
      {
        ...move,
        override_warnings: true,
      },
    );
    expect(moved.warnings.map((w) => w.rule)).toContain('business_hours');
    expect(moved.appointment.audit_log.at(-1)?.note).toMatch(/^Warnings overridden: /);
  });
});
