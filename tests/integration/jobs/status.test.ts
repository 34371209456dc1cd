import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NOW, demoWorld } from '../../support/demo';
import {
  client,
  newCrew,
  refusal,
  serviceNamed,
  type ClientRow,
  type Created,
  type Job,
  type ServiceRow,
  type Tab,
} from './support';

// The clock stands still at 2026-04-15 15:00Z (10:00 in Chicago), so "now" is known.
const world = demoWorld('jobs_status', { clock: { now: () => DEMO_NOW } });
let lawn: Tab;
let mow: ServiceRow;
let customer: ClientRow;

beforeAll(async () => {
  lawn = await world.signedIn('dispatch@southern-lawn.example');
  mow = await serviceNamed(lawn, 'Mow & Blow');
  customer = await client(lawn, 2);
});

async function book(fields: Record<string, unknown> = {}): Promise<Job> {
  const { appointments } = await lawn.value<Created>('jobs.create', {
    client_id: customer.client_id,
    service_id: mow.service_id,
    equipment_ids: [],
    scheduled_date: '2026-04-17',
    start: '09:00',
    ...fields,
  });
  return appointments[0] as Job;
}

async function setStatus(job: Pick<Job, 'appointment_id' | 'version'>, change: object) {
  const { appointment } = await lawn.value<{ appointment: Job }>('jobs.setStatus', {
    appointment_id: job.appointment_id,
    version: job.version,
    change,
  });
  return appointment;
}

const get = (job: Pick<Job, 'appointment_id'>) =>
  lawn.value<Job>('appointments.get', { id: job.appointment_id });

describe('jobs.setStatus', () => {
  it("starts a job, completes it from the recorded start to now, and updates the crew's and client's figures", async () => {
    const crew = await newCrew(lawn);
    const before = await lawn.value<ClientRow>('clients.get', { id: customer.client_id });
    const job = await book({ scheduled_date: '2026-04-15', start: '09:00', staff_ids: crew });

    const started = await setStatus(job, {
      status: 'in_progress',
      actual_start_time: new Date('2026-04-15T14:05:00Z'),
    });
    expect(started).toMatchObject({
      status: 'in_progress',
      version: 2,
      actual_start_time: new Date('2026-04-15T14:05:00Z'),
    });
    expect(started.audit_log.at(-1)).toMatchObject({ action: 'started' });

    const done = await setStatus(started, {
      status: 'completed',
      amount_charged: 60,
      completion_notes: 'Bagged clippings',
    });
    expect(done).toMatchObject({
      status: 'completed',
      actual_start_time: new Date('2026-04-15T14:05:00Z'),
      actual_end_time: DEMO_NOW,
      actual_duration_minutes: 55,
      amount_charged: 60,
      completion_notes: 'Bagged clippings',
      completed_at: DEMO_NOW,
    });
    expect(done.audit_log.at(-1)).toMatchObject({ action: 'completed' });

    const lead = await lawn.value<{
      total_jobs_completed: number;
      avg_completion_time_minutes: number | null;
    }>('staff.get', { id: crew[0] });
    expect(lead).toMatchObject({ total_jobs_completed: 1, avg_completion_time_minutes: 55 });
    const after = await lawn.value<ClientRow>('clients.get', { id: customer.client_id });
    expect(after.job_count).toBe(before.job_count + 1);
    expect(after.total_spent).toBeCloseTo(before.total_spent + 60, 2);
  });

  it('starts a job now when no time is given', async () => {
    const started = await setStatus(await book(), { status: 'in_progress' });
    expect(started.actual_start_time).toEqual(DEMO_NOW);
  });

  it('closes out a scheduled job after the fact, from its scheduled start in Chicago', async () => {
    const job = await book({ scheduled_date: '2026-04-10', start: '09:00' });
    const done = await setStatus(job, {
      status: 'completed',
      actual_end_time: new Date('2026-04-10T15:10:00Z'),
      amount_charged: 55,
    });
    expect(done).toMatchObject({
      status: 'completed',
      // 09:00 CDT is 14:00 UTC.
      actual_start_time: new Date('2026-04-10T14:00:00Z'),
      actual_duration_minutes: 70,
      completed_at: DEMO_NOW,
    });
  });

  it('refuses a finish before the start', async () => {
    // Scheduled tomorrow: finishing "now" would be before it started.
    const job = await book({ scheduled_date: '2026-04-16', start: '09:00' });
    const error = await refusal(lawn, 'jobs.setStatus', {
      appointment_id: job.appointment_id,
      version: job.version,
      change: { status: 'completed', amount_charged: 55 },
    });
    expect(error).toMatchObject({ kind: 'validation' });
    expect(error.message).toBe(
      'The job cannot finish (Wed, Apr 15 10:00 AM) before it started (Thu, Apr 16 9:00 AM); give the times the crew actually worked.',
    );
    expect(await get(job)).toMatchObject({ status: 'scheduled', version: 1 });
  });

  it('needs the amount charged to complete a job, and a reason to cancel one', async () => {
    const job = await book();
    const noAmount = await refusal(lawn, 'jobs.setStatus', {
      appointment_id: job.appointment_id,
      version: job.version,
      change: { status: 'completed' },
    });
    expect(noAmount).toMatchObject({ kind: 'validation' });
    for (const change of [{ status: 'canceled' }, { status: 'canceled', reason: '   ' }]) {
      const noReason = await refusal(lawn, 'jobs.setStatus', {
        appointment_id: job.appointment_id,
        version: job.version,
        change,
      });
      expect(noReason).toMatchObject({ kind: 'validation' });
    }
    expect(await get(job)).toMatchObject({ status: 'scheduled', version: 1 });
  });

  it('cancels a scheduled job or a started one, keeping the reason', async () => {
    const scheduled = await setStatus(await book(), {
      status: 'canceled',
      reason: 'Client traveling',
    });
    expect(scheduled).toMatchObject({
      status: 'canceled',
      cancellation_reason: 'Client traveling',
    });
    expect(scheduled.audit_log.at(-1)).toMatchObject({ action: 'canceled' });
    const started = await setStatus(await book(), { status: 'in_progress' });
    const stopped = await setStatus(started, { status: 'canceled', reason: 'Thunderstorm' });
    expect(stopped).toMatchObject({ status: 'canceled', cancellation_reason: 'Thunderstorm' });
  });

  it('refuses every other transition and leaves the job as it was', async () => {
    const completed = await setStatus(await book(), {
      status: 'completed',
      actual_start_time: new Date('2026-04-15T13:00:00Z'),
      amount_charged: 55,
    });
    const canceled = await setStatus(await book(), { status: 'canceled', reason: 'Duplicate' });
    const started = await setStatus(await book(), { status: 'in_progress' });
    const old = await book();
    const { original: rescheduled } = await lawn.value<{ original: Job }>('jobs.reschedule', {
      appointment_id: old.appointment_id,
      version: old.version,
      scheduled_date: '2026-04-20',
      start: '09:00',
    });
    const cases: [Job, object, string][] = [
      [completed, { status: 'canceled', reason: 'Oops' }, 'A completed job cannot be canceled.'],
      [completed, { status: 'in_progress' }, 'A completed job cannot be started.'],
      [canceled, { status: 'in_progress' }, 'A canceled job cannot be started.'],
      [canceled, { status: 'completed', amount_charged: 1 }, 'A canceled job cannot be completed.'],
      [started, { status: 'in_progress' }, 'This job is already in progress.'],
      [
        rescheduled,
        { status: 'completed', amount_charged: 1 },
        'A rescheduled job cannot be completed.',
      ],
    ];
    for (const [job, change, message] of cases) {
      const error = await refusal(lawn, 'jobs.setStatus', {
        appointment_id: job.appointment_id,
        version: job.version,
        change,
      });
      expect(error).toMatchObject({ kind: 'conflict', message });
      expect(await get(job)).toMatchObject({ status: job.status, version: job.version });
    }
  });

  it('refuses a status change on an old version', async () => {
    const job = await book();
    await setStatus(job, { status: 'in_progress' });
    const error = await refusal(lawn, 'jobs.setStatus', {
      appointment_id: job.appointment_id,
      version: job.version,
      change: { status: 'canceled', reason: 'Rain' },
    });
    expect(error).toMatchObject({ kind: 'conflict', details: { current_version: 2 } });
    expect(error.message).toContain('changed by someone else');
    expect(await get(job)).toMatchObject({ status: 'in_progress' });
  });
});
