import { beforeAll, describe, expect, it } from 'vitest';
import { demoWorld } from '../../support/demo';
import {
  client,
  crewJobs,
  dayOf,
  newCrew,
  refusal,
  serviceNamed,
  type ClientRow,
  type Created,
  type Job,
  type ServiceRow,
  type Tab,
} from './support';

const world = demoWorld('jobs_edit');
let lawn: Tab;
let mow: ServiceRow;
let customer: ClientRow;

beforeAll(async () => {
  lawn = await world.signedIn('dispatch@southern-lawn.example');
  mow = await serviceNamed(lawn, 'Mow & Blow');
  customer = await client(lawn, 0);
});

/** A Mow & Blow job (45 minutes) without the service's own equipment. */
async function book(fields: Record<string, unknown>): Promise<Job[]> {
  const { appointments } = await lawn.value<Created>('jobs.create', {
    client_id: customer.client_id,
    service_id: mow.service_id,
    equipment_ids: [],
    ...fields,
  });
  return appointments;
}

const get = (job: Pick<Job, 'appointment_id'>) =>
  lawn.value<Job>('appointments.get', { id: job.appointment_id });

describe('jobs.update', () => {
  let crew: string[];
  let series: Job[];

  beforeAll(async () => {
    crew = await newCrew(lawn);
    series = await book({
      scheduled_date: '2026-05-12',
      start: '09:00',
      staff_ids: crew,
      repeat: { frequency: 'weekly', count: 4 },
    });
  });

  it('changes one visit of a series, keeping its length, and leaves the others alone', async () => {
    const [first, second, third] = series as [Job, Job, Job];
    const { appointments } = await lawn.value<Created>('jobs.update', {
      appointment_id: second.appointment_id,
      version: second.version,
      changes: { start: '13:00' },
    });
    expect(appointments).toHaveLength(1);
    expect(appointments[0]).toMatchObject({
      appointment_id: second.appointment_id,
      version: second.version + 1,
      scheduled_start_time: '13:00',
      scheduled_end_time: '13:45',
    });
    expect(appointments[0]?.audit_log.at(-1)).toMatchObject({ action: 'updated' });
    for (const other of [first, third]) {
      expect(await get(other)).toMatchObject({ version: 1, scheduled_start_time: '09:00' });
    }
  });

  it('moves this and every later visit by the same number of days', async () => {
    const [first, second] = series as [Job, Job];
    const current = await get(second);
    const { appointments } = await lawn.value<Created>('jobs.update', {
      appointment_id: second.appointment_id,
      version: current.version,
      scope: 'following',
      changes: { scheduled_date: '2026-05-20', notes: 'Back gate' },
    });
    expect(appointments.map((a) => [dayOf(a), a.scheduled_start_time, a.notes])).toEqual([
      ['2026-05-20', '13:00', 'Back gate'],
      ['2026-05-27', '09:00', 'Back gate'],
      ['2026-06-03', '09:00', 'Back gate'],
    ]);
    for (const visit of appointments) {
      expect(visit.audit_log.at(-1)?.note).toBe(
        'Changed for this and the following visits of its series from Tue, May 19 (3 visits).',
      );
    }
    expect(await get(first)).toMatchObject({
      version: 1,
      scheduled_date: new Date('2026-05-12T00:00:00Z'),
      notes: null,
    });
  });

  it('refuses the whole change when a later visit would clash, and changes none', async () => {
    const [, , third, fourth] = (await Promise.all(series.map(get))) as [Job, Job, Job, Job];
    await book({ scheduled_date: '2026-06-04', start: '09:00', staff_ids: crew });
    const error = await refusal(lawn, 'jobs.update', {
      appointment_id: third.appointment_id,
      version: third.version,
      scope: 'following',
      changes: { scheduled_date: '2026-05-28' },
    });
    expect(error).toMatchObject({ kind: 'conflict', details: { overridable: false } });
    expect(error.message).toMatch(/^On Thu, Jun 4: Crew\d+ Lead already has Mow & Blow/);
    expect(await get(third)).toMatchObject({
      version: third.version,
      scheduled_date: third.scheduled_date,
    });
    expect(await get(fourth)).toMatchObject({
      version: fourth.version,
      scheduled_date: fourth.scheduled_date,
    });
  });

  it('refuses an edit made on an old version, saying someone else changed it', async () => {
    const second = series[1] as Job;
    const error = await refusal(lawn, 'jobs.update', {
      appointment_id: second.appointment_id,
      version: second.version,
      changes: { notes: 'Stale note' },
    });
    expect(error).toMatchObject({ kind: 'conflict', details: { current_version: 3 } });
    expect(error.message).toContain('was changed by someone else since you opened it');
    expect((await get(second)).notes).toBe('Back gate');
  });

  it('re-prices and re-times a job when its service changes', async () => {
    const full = await serviceNamed(lawn, 'Full Lawn Maintenance');
    const [queued] = (await book({ scheduled_date: '2026-05-13', start: '09:00' })) as [Job];
    const { appointments } = await lawn.value<Created>('jobs.update', {
      appointment_id: queued.appointment_id,
      version: queued.version,
      changes: { service_id: full.service_id, discount: 10 },
    });
    expect(appointments[0]).toMatchObject({
      service_id: full.service_id,
      scheduled_end_time: '10:00',
      estimated_duration_minutes: full.default_duration_minutes,
      service_price: full.default_price,
      discount: 10,
      total_price: full.default_price - 10,
    });
  });

  it('refuses to change a job that is no longer scheduled, naming its status', async () => {
    const [queued] = (await book({ scheduled_date: '2026-05-13', start: '11:00' })) as [Job];
    const { appointment } = await lawn.value<{ appointment: Job }>('jobs.setStatus', {
      appointment_id: queued.appointment_id,
      version: queued.version,
      change: { status: 'canceled', reason: 'Client moved away' },
    });
    const error = await refusal(lawn, 'jobs.update', {
      appointment_id: queued.appointment_id,
      version: appointment.version,
      changes: { start: '12:00' },
    });
    expect(error).toMatchObject({
      kind: 'conflict',
      message: 'Only scheduled jobs can be changed; this one is canceled.',
    });
  });
});

describe('jobs.reschedule', () => {
  it('books the new visit linked to the old one, which no longer holds its slot', async () => {
    const crew = await newCrew(lawn);
    const [old] = (await book({
      scheduled_date: '2026-06-09',
      start: '10:00',
      staff_ids: crew,
      custom_price: 70,
      notes: 'Dog in yard',
    })) as [Job];
    // Half an hour later the same day: it overlaps the old visit, which it replaces.
    const moved = await lawn.value<{ original: Job; appointment: Job }>('jobs.reschedule', {
      appointment_id: old.appointment_id,
      version: old.version,
      scheduled_date: '2026-06-09',
      start: '10:30',
      due_to_weather: true,
    });
    expect(moved.original).toMatchObject({
      appointment_id: old.appointment_id,
      status: 'rescheduled',
      version: 2,
    });
    expect(moved.original.audit_log.at(-1)).toMatchObject({ action: 'rescheduled' });
    expect(moved.appointment).toMatchObject({
      status: 'scheduled',
      client_id: old.client_id,
      service_id: old.service_id,
      custom_price: 70,
      total_price: 70,
      notes: 'Dog in yard',
      scheduled_date: new Date('2026-06-09T00:00:00Z'),
      scheduled_start_time: '10:30',
      scheduled_end_time: '11:15',
      assigned_staff_ids: crew,
      rescheduled_from_appointment_id: old.appointment_id,
      // 10:00 in Chicago in June (CDT, UTC−5).
      rescheduled_from_datetime: new Date('2026-06-09T15:00:00Z'),
      was_rescheduled_due_to_weather: true,
    });
    expect(moved.appointment.appointment_id).not.toBe(old.appointment_id);

    const again = await lawn.value<{ appointment: Job }>('jobs.reschedule', {
      appointment_id: moved.appointment.appointment_id,
      version: moved.appointment.version,
      scheduled_date: '2026-06-10',
      start: '10:00',
    });
    expect(again.appointment.was_rescheduled_due_to_weather).toBe(false);
    // The crew is free again at the first visit's time.
    await book({ scheduled_date: '2026-06-09', start: '10:00', staff_ids: crew });
    expect((await crewJobs(lawn, crew[0] ?? '')).map(dayOf)).toEqual(['2026-06-09', '2026-06-10']);
  });

  it('refuses a reschedule on an old version and books nothing', async () => {
    const crew = await newCrew(lawn);
    const [job] = (await book({
      scheduled_date: '2026-06-11',
      start: '10:00',
      staff_ids: crew,
    })) as [Job];
    await lawn.value('appointments.update', {
      id: job.appointment_id,
      version: job.version,
      changes: { notes: 'Changed by the office' },
    });
    const error = await refusal(lawn, 'jobs.reschedule', {
      appointment_id: job.appointment_id,
      version: job.version,
      scheduled_date: '2026-06-12',
      start: '10:00',
    });
    expect(error).toMatchObject({ kind: 'conflict', details: { current_version: 2 } });
    expect((await crewJobs(lawn, crew[0] ?? '')).map((j) => j.appointment_id)).toEqual([
      job.appointment_id,
    ]);
  });

  it('refuses to reschedule a job that is not scheduled', async () => {
    const [job] = (await book({ scheduled_date: '2026-06-11', start: '13:00' })) as [Job];
    const { appointment } = await lawn.value<{ appointment: Job }>('jobs.setStatus', {
      appointment_id: job.appointment_id,
      version: job.version,
      change: { status: 'in_progress' },
    });
    const error = await refusal(lawn, 'jobs.reschedule', {
      appointment_id: job.appointment_id,
      version: appointment.version,
      scheduled_date: '2026-06-12',
      start: '10:00',
    });
    expect(error).toMatchObject({
      kind: 'conflict',
      message: 'Only scheduled jobs can be rescheduled; this one is in progress.',
    });
  });
});

describe('jobs.duplicate', () => {
  it('copies a job into the queue at its day and time, without its outcome or series', async () => {
    const [first] = (await book({
      scheduled_date: '2026-06-15',
      start: '08:30',
      custom_price: 90,
      discount: 5,
      notes: 'Corner lot',
      repeat: { frequency: 'weekly', count: 2 },
    })) as [Job];
    await lawn.value('jobs.setStatus', {
      appointment_id: first.appointment_id,
      version: first.version,
      change: {
        status: 'completed',
        actual_start_time: new Date('2026-06-15T13:30:00Z'),
        actual_end_time: new Date('2026-06-15T14:20:00Z'),
        amount_charged: 85,
      },
    });
    const { appointment } = await lawn.value<{ appointment: Job }>('jobs.duplicate', {
      appointment_id: first.appointment_id,
    });
    expect(appointment.appointment_id).not.toBe(first.appointment_id);
    expect(appointment).toMatchObject({
      status: 'scheduled',
      version: 1,
      client_id: first.client_id,
      service_id: first.service_id,
      scheduled_date: first.scheduled_date,
      scheduled_start_time: '08:30',
      scheduled_end_time: '09:15',
      assigned_staff_ids: [],
      custom_price: 90,
      discount: 5,
      total_price: 85,
      notes: 'Corner lot',
      series_id: null,
      series_frequency: null,
      actual_start_time: null,
      actual_end_time: null,
      amount_charged: null,
      completed_at: null,
    });
    expect(appointment.audit_log[0]?.note).toBe(`Copied from ${first.appointment_id}.`);
  });

  it('gives the copy a crew only under the rules', async () => {
    const crew = await newCrew(lawn);
    const [job] = (await book({
      scheduled_date: '2026-06-16',
      start: '10:00',
      staff_ids: crew,
    })) as [Job];
    const clash = await refusal(lawn, 'jobs.duplicate', {
      appointment_id: job.appointment_id,
      staff_ids: crew,
    });
    expect(clash).toMatchObject({ kind: 'conflict', details: { overridable: false } });
    const { appointment } = await lawn.value<{ appointment: Job }>('jobs.duplicate', {
      appointment_id: job.appointment_id,
      scheduled_date: '2026-06-17',
      start: '14:00',
      staff_ids: crew,
    });
    expect(appointment).toMatchObject({
      scheduled_date: new Date('2026-06-17T00:00:00Z'),
      scheduled_start_time: '14:00',
      scheduled_end_time: '14:45',
      assigned_staff_ids: crew,
    });
  });
});

describe('appointments.update', () => {
  it("refuses a status change through a plain edit, pointing to the job's status actions", async () => {
    const [job] = (await book({ scheduled_date: '2026-06-18', start: '09:00' })) as [Job];
    const error = await refusal(lawn, 'appointments.update', {
      id: job.appointment_id,
      version: job.version,
      changes: { status: 'completed', completed_at: new Date(), amount_charged: 50 },
    });
    expect(error).toMatchObject({
      kind: 'validation',
      details: { fields: ['status', 'amount_charged', 'completed_at'] },
    });
    expect(error.message).toContain("with the job's status actions");
    expect(await get(job)).toMatchObject({ status: 'scheduled', version: 1 });
    // Other fields stay editable.
    const noted = await lawn.value<Job>('appointments.update', {
      id: job.appointment_id,
      version: job.version,
      changes: { notes: 'Call on arrival' },
    });
    expect(noted.notes).toBe('Call on arrival');
  });
});
