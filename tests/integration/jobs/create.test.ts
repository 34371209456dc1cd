import { beforeAll, describe, expect, it } from 'vitest';
import { toUtcInstant } from '../../../shared/time';
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
  type ServiceRow,
  type Tab,
} from './support';

const world = demoWorld('jobs_create');
let lawn: Tab;
let mow: ServiceRow;
let customer: ClientRow;

beforeAll(async () => {
  lawn = await world.signedIn('dispatch@southern-lawn.example');
  mow = await serviceNamed(lawn, 'Mow & Blow');
  customer = await client(lawn, 0);
});

/** A Mow & Blow job; without the service's own mower and blower (due for maintenance in the demo). */
const job = (fields: Record<string, unknown>) => ({
  client_id: customer.client_id,
  service_id: mow.service_id,
  equipment_ids: [],
  ...fields,
});

describe('jobs.create', () => {
  it('fills the end, price, currency and equipment from the service, and waits in the queue without a crew', async () => {
    const { items } = await lawn.value<{ items: { equipment_id: string }[] }>('equipment.list', {
      filter: { status: 'active' },
      limit: 1,
    });
    const mower = items[0]?.equipment_id;
    const aeration = await lawn.value<{ service_id: string }>('services.create', {
      data: {
        vertical: 'lawn_care',
        name: 'Test Aeration',
        category: 'specialty',
        default_duration_minutes: 50,
        default_price: 70.5,
        currency: 'USD',
        requires_equipment_ids: [mower],
      },
    });
    const { appointments, warnings } = await lawn.value<Created>('jobs.create', {
      client_id: customer.client_id,
      service_id: aeration.service_id,
      scheduled_date: '2026-05-05',
      start: '09:15',
      notes: 'Side gate',
    });
    expect(warnings).toEqual([]);
    expect(appointments).toHaveLength(1);
    expect(appointments[0]).toMatchObject({
      appointment_id: expect.stringMatching(/^apt_/),
      scheduled_date: new Date('2026-05-05T00:00:00Z'),
      scheduled_start_time: '09:15',
      scheduled_end_time: '10:05',
      estimated_duration_minutes: 50,
      assigned_staff_ids: [],
      assigned_equipment_ids: [mower],
      status: 'scheduled',
      service_price: 70.5,
      custom_price: null,
      discount: 0,
      total_price: 70.5,
      currency: 'USD',
      notes: 'Side gate',
      series_id: null,
      series_frequency: null,
      version: 1,
    });
    expect(appointments[0]?.audit_log[0]).toMatchObject({ action: 'created' });
  });

  it('prices a job from its custom price less the discount, never below zero', async () => {
    const custom = await lawn.value<Created>(
      'jobs.create',
      job({ scheduled_date: '2026-05-05', start: '11:00', custom_price: 100, discount: 15.5 }),
    );
    expect(custom.appointments[0]).toMatchObject({
      service_price: mow.default_price,
      custom_price: 100,
      discount: 15.5,
      total_price: 84.5,
    });
    const free = await lawn.value<Created>(
      'jobs.create',
      job({ scheduled_date: '2026-05-05', start: '12:00', discount: 500 }),
    );
    expect(free.appointments[0]).toMatchObject({ discount: 500, total_price: 0 });
  });

  it("refuses a job on top of the crew's other job, naming that job, and writes nothing", async () => {
    const [lead] = await newCrew(lawn);
    const first = await lawn.value<Created>(
      'jobs.create',
      job({ scheduled_date: '2026-05-05', start: '10:00', staff_ids: [lead] }),
    );
    const error = await refusal(
      lawn,
      'jobs.create',
      job({ scheduled_date: '2026-05-05', start: '10:30', staff_ids: [lead] }),
    );
    expect(error).toMatchObject({ kind: 'conflict', details: { overridable: false } });
    expect(error.message).toContain(`Mow & Blow for ${customer.first_name} ${customer.last_name}`);
    expect(error.details?.violations).toContainEqual(
      expect.objectContaining({
        rule: 'staff_overlap',
        appointment_id: first.appointments[0]?.appointment_id,
      }),
    );
    expect(await crewJobs(lawn, lead ?? '')).toHaveLength(1);
  });

  it('asks before a job outside business hours, and records the override', async () => {
    const crew = await newCrew(lawn, 1, { start: '06:00', end: '20:00' });
    const input = job({ scheduled_date: '2026-05-06', start: '17:30', staff_ids: crew });
    const warned = await refusal(lawn, 'jobs.create', input);
    expect(warned).toMatchObject({ kind: 'conflict', details: { overridable: true } });
    expect(warned.message).toMatch(/outside business hours.*Save it anyway\?$/);
    expect(await crewJobs(lawn, crew[0] ?? '')).toHaveLength(0);

    const saved = await lawn.value<Created>('jobs.create', { ...input, override_warnings: true });
    expect(saved.warnings.map((w) => w.rule)).toEqual(['business_hours']);
    expect(saved.appointments[0]?.audit_log[0]?.note).toMatch(/^Warnings overridden: /);
  });

  it('refuses a job for an inactive client or a service no longer offered', async () => {
    const other = await client(lawn, 1);
    await lawn.value('clients.update', {
      id: other.client_id,
      version: other.version,
      changes: { is_active: false },
    });
    const inactive = await refusal(
      lawn,
      'jobs.create',
      job({ client_id: other.client_id, scheduled_date: '2026-05-05', start: '13:00' }),
    );
    expect(inactive).toMatchObject({ kind: 'validation' });
    expect(inactive.message).toBe(
      `${other.first_name} ${other.last_name} is an inactive client; make them active first.`,
    );

    const hedge = await serviceNamed(lawn, 'Hedge & Shrub Trimming');
    const { version } = await lawn.value<{ version: number }>('services.get', {
      id: hedge.service_id,
    });
    await lawn.value('services.remove', { id: hedge.service_id, version });
    const gone = await refusal(
      lawn,
      'jobs.create',
      job({ service_id: hedge.service_id, scheduled_date: '2026-05-05', start: '13:00' }),
    );
    expect(gone).toMatchObject({ kind: 'validation' });
    expect(gone.message).toContain('Hedge & Shrub Trimming is no longer offered');
  });
});

describe('jobs.create with repeat', () => {
  it('books a weekly series on the same weekday, all in one series', async () => {
    const crew = await newCrew(lawn);
    const { appointments } = await lawn.value<Created>(
      'jobs.create',
      job({
        scheduled_date: '2026-05-07',
        start: '09:00',
        staff_ids: crew,
        repeat: { frequency: 'weekly', count: 4 },
      }),
    );
    expect(appointments.map(dayOf)).toEqual([
      '2026-05-07',
      '2026-05-14',
      '2026-05-21',
      '2026-05-28',
    ]);
    const seriesId = appointments[0]?.series_id;
    expect(seriesId).toMatch(/^ser_/);
    expect(appointments.every((a) => a.series_id === seriesId)).toBe(true);
    expect(appointments.every((a) => a.series_frequency === 'weekly')).toBe(true);
    expect(new Set(appointments.map((a) => a.appointment_id)).size).toBe(4);
    expect(appointments[2]?.audit_log[0]?.note).toBe('Visit 3 of 4 of a weekly series.');
    expect(await crewJobs(lawn, crew[0] ?? '')).toHaveLength(4);
  });

  it('books every other week up to the last date, inclusive', async () => {
    const { appointments } = await lawn.value<Created>(
      'jobs.create',
      job({
        scheduled_date: '2026-06-01',
        start: '09:00',
        repeat: { frequency: 'biweekly', until: '2026-06-29' },
      }),
    );
    expect(appointments.map(dayOf)).toEqual(['2026-06-01', '2026-06-15', '2026-06-29']);
    expect(appointments[0]?.series_frequency).toBe('biweekly');
  });

  it('books monthly on the same day, or the last day of a shorter month', async () => {
    const { appointments } = await lawn.value<Created>(
      'jobs.create',
      job({
        scheduled_date: '2027-01-31',
        start: '09:00',
        repeat: { frequency: 'monthly', count: 4 },
      }),
    );
    expect(appointments.map(dayOf)).toEqual([
      '2027-01-31',
      '2027-02-28',
      '2027-03-31',
      '2027-04-30',
    ]);
  });

  it('keeps the local start time across the fall-back change in Chicago', async () => {
    const crew = await newCrew(lawn);
    const { appointments } = await lawn.value<Created>(
      'jobs.create',
      job({
        scheduled_date: '2026-10-29',
        start: '09:00',
        staff_ids: crew,
        repeat: { frequency: 'weekly', count: 2 },
      }),
    );
    expect(
      appointments.map((a) => [dayOf(a), a.scheduled_start_time, a.scheduled_end_time]),
    ).toEqual([
      ['2026-10-29', '09:00', '09:45'],
      ['2026-11-05', '09:00', '09:45'],
    ]);
    // 09:00 is 14:00Z before the change and 15:00Z after it: a week is not 7 × 24 hours here.
    expect(toUtcInstant('2026-10-29', '09:00', 'America/Chicago').toISOString()).toBe(
      '2026-10-29T14:00:00.000Z',
    );
    // The rules compare on the local clock too: the crew's 09:30 job on Nov 5 clashes, not 08:30.
    const clash = await refusal(
      lawn,
      'jobs.create',
      job({ scheduled_date: '2026-11-05', start: '09:30', staff_ids: crew }),
    );
    expect(clash.message).toContain('already has Mow & Blow');
    await lawn.value<Created>(
      'jobs.create',
      job({ scheduled_date: '2026-11-05', start: '10:15', staff_ids: crew }),
    );
  });

  it('refuses the whole series when one visit clashes, naming its date, and books none', async () => {
    const crew = await newCrew(lawn);
    await lawn.value<Created>(
      'jobs.create',
      job({ scheduled_date: '2026-05-21', start: '10:00', staff_ids: crew }),
    );
    const error = await refusal(
      lawn,
      'jobs.create',
      job({
        scheduled_date: '2026-05-07',
        start: '10:15',
        staff_ids: crew,
        repeat: { frequency: 'weekly', count: 4 },
      }),
    );
    expect(error).toMatchObject({ kind: 'conflict', details: { overridable: false } });
    expect(error.message).toMatch(/^On Thu, May 21: Crew\d+ Lead already has Mow & Blow/);
    expect(await crewJobs(lawn, crew[0] ?? '')).toHaveLength(1);

    // A holiday closes the business: the Monday series over Memorial Day is refused as well.
    const holiday = await refusal(
      lawn,
      'jobs.create',
      job({
        scheduled_date: '2026-05-18',
        start: '09:00',
        staff_ids: crew,
        repeat: { frequency: 'weekly', count: 3 },
      }),
    );
    expect(holiday.message).toMatch(/^On Mon, May 25: Southern Lawn Care Co is closed/);
    expect(await crewJobs(lawn, crew[0] ?? '')).toHaveLength(1);
  });

  it('asks once for the warnings of every visit, then books them all', async () => {
    const crew = await newCrew(lawn, 1, { start: '06:00', end: '20:00' });
    const input = job({
      scheduled_date: '2026-06-02',
      start: '17:15',
      staff_ids: crew,
      repeat: { frequency: 'weekly', count: 3 },
    });
    const warned = await refusal(lawn, 'jobs.create', input);
    expect(warned).toMatchObject({ kind: 'conflict', details: { overridable: true } });
    expect(warned.details?.violations).toHaveLength(3);
    expect(warned.message).toMatch(/^On Tue, Jun 2: .* — and 2 more problems\. Save it anyway\?$/);
    const saved = await lawn.value<Created>('jobs.create', { ...input, override_warnings: true });
    expect(saved.appointments).toHaveLength(3);
    expect(saved.warnings.map((w) => w.message.slice(0, 14))).toEqual([
      'On Tue, Jun 2:',
      'On Tue, Jun 9:',
      'On Tue, Jun 16',
    ]);
  });

  it('refuses a series longer than a year of weekly visits', async () => {
    const error = await refusal(
      lawn,
      'jobs.create',
      job({
        scheduled_date: '2026-05-04',
        start: '09:00',
        repeat: { frequency: 'weekly', until: '2027-06-30' },
      }),
    );
    expect(error).toMatchObject({ kind: 'validation' });
    expect(error.message).toMatch(
      /^A series can have at most 52 dates; the last one would be Mon, Apr 26, 2027\./,
    );
  });
});
