// reports.get through the real core on constructed data with known answers: every section, a DST
// week in Chicago, a business in Auckland whose days are not UTC days, and what is refused.
import { MongoClient, type Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Core } from '../../../electron/core/compose';
import type { Output } from '../../../shared/contract';
import { OWNER_FORM, WEEKDAY_HOURS, createOwner } from '../../support/fixtures';
import { connection, createTestCore, signedInStaff } from '../../support/core';

type Report = Output<'reports.get'>;

// Friday 2026-03-20, 10:00 AM in Birmingham (America/Chicago, CDT).
const now = new Date('2026-03-20T15:00:00Z');
const day = (key: string) => new Date(`${key}T00:00:00.000Z`);

let core: Core;
let client: MongoClient;
let db: Db;
let tab: ReturnType<typeof connection>;
let businessId = '';
const ids: Record<string, string> = {};

const report = (input: Record<string, unknown>) => tab.value<Report>('reports.get', input);
const MAIN = { from: '2026-03-02', to: '2026-03-15' };

beforeAll(async () => {
  const dbName = `reports_${Date.now().toString(36)}`;
  client = new MongoClient(inject('mongoUri'));
  db = client.db(dbName);
  core = createTestCore({
    databaseUri: inject('mongoUri'),
    databaseName: dbName,
    clock: { now: () => now },
  });
  await core.start();
  await createOwner(core);
  tab = connection(core);
  await tab.value('auth.signIn', {
    email: OWNER_FORM.owner.email,
    password: OWNER_FORM.owner.password,
  });
  businessId = (await tab.value<{ business_id: string }>('business.get')).business_id;

  const service = async (name: string, price: number) =>
    (
      await tab.value<{ service_id: string }>('services.create', {
        data: {
          vertical: 'lawn_care',
          name,
          category: 'maintenance',
          default_duration_minutes: 60,
          default_price: price,
          currency: 'USD',
        },
      })
    ).service_id;
  ids.mowing = await service('Mowing', 60);
  ids.cleanup = await service('Cleanup', 150);
  const person = async (first: string, role: string) =>
    (
      await tab.value<{ staff_id: string }>('staff.create', {
        data: { first_name: first, last_name: 'Crew', role, availability_schedule: WEEKDAY_HOURS },
      })
    ).staff_id;
  ids.ada = await person('Ada', 'crew_lead');
  ids.ben = await person('Ben', 'crew_member');
  const customer = async (first: string, fields: Record<string, unknown>) => {
    const created = await tab.value<{ client_id: string }>('clients.create', {
      data: {
        first_name: first,
        last_name: 'Client',
        phone: '+1-205-555-0142',
        address: '1 Test Way',
        city: 'Birmingham',
        state: 'AL',
        zip_code: '35203',
      },
    });
    await db.collection('clients').updateOne({ client_id: created.client_id }, { $set: fields });
    return created.client_id;
  };
  // Xavier: 23:30 on Saturday Mar 7 in Chicago (05:30 UTC on Mar 8), owes 25.50.
  ids.x = await customer('Xavier', {
    created_at: new Date('2026-03-08T05:30:00Z'),
    balance_due: 25.5,
  });
  // Yara: 23:30 on Sunday Mar 15 (CDT), opted out of texts during the period.
  ids.y = await customer('Yara', {
    created_at: new Date('2026-03-16T04:30:00Z'),
    sms_opted_out_at: new Date('2026-03-10T12:00:00Z'),
  });
  // Zed: an old client who opted out before the period and owes 10.
  ids.z = await customer('Zed', {
    created_at: new Date('2026-02-01T12:00:00Z'),
    sms_opted_out_at: new Date('2026-02-20T12:00:00Z'),
    balance_due: 10,
  });
  // Wren: 06:00 on Mar 2 in Chicago, which is already Mar 3 (01:00) in Auckland.
  ids.w = await customer('Wren', { created_at: new Date('2026-03-02T12:00:00Z') });
  // A deleted client never counts.
  await customer('Gone', {
    created_at: new Date('2026-03-05T12:00:00Z'),
    balance_due: 99,
    deleted_at: now,
  });

  const job = async (
    key: string,
    booking: { client: string; service: string; date: string; start: string; end: string },
    staff: string[],
    fields: Record<string, unknown> = {},
  ) => {
    const { appointments } = await tab.value<{
      appointments: { appointment_id: string; version: number }[];
    }>('jobs.create', {
      client_id: booking.client,
      service_id: booking.service,
      scheduled_date: booking.date,
      start: booking.start,
      end: booking.end,
      staff_ids: staff,
      override_warnings: true,
    });
    const created = appointments[0] as { appointment_id: string; version: number };
    ids[key] = created.appointment_id;
    if (Object.keys(fields).length) {
      await db
        .collection('appointments')
        .updateOne({ appointment_id: created.appointment_id }, { $set: fields });
    }
    return created;
  };
  const done = (amount: number, actualStart: string, minutes: number, rating: number | null) => ({
    status: 'completed',
    amount_charged: amount,
    actual_start_time: new Date(actualStart),
    actual_duration_minutes: minutes,
    completed_at: new Date(actualStart),
    client_rating: rating,
  });
  const id = (key: string): string => {
    const value = ids[key];
    if (value === undefined) throw new Error(`No ${key} was created`);
    return value;
  };
  const [ada, ben, x, y, z, mowing, cleanup] = [
    id('ada'),
    id('ben'),
    id('x'),
    id('y'),
    id('z'),
    id('mowing'),
    id('cleanup'),
  ] as const;
  // Mon Mar 2, 9:00 CST: started 5 minutes late.
  await job(
    'j1',
    { client: x, service: mowing, date: '2026-03-02', start: '09:00', end: '10:00' },
    [ada],
    {
      ...done(100, '2026-03-02T15:05:00Z', 55, 5),
      client_notified_at: new Date('2026-03-01T12:00:00Z'),
      client_notification_method: 'sms',
      client_confirmed_at: new Date('2026-03-01T13:00:00Z'),
    },
  );
  // Tue Mar 3, two people, 30 minutes late.
  await job(
    'j2',
    { client: x, service: cleanup, date: '2026-03-03', start: '09:00', end: '11:00' },
    [ada, ben],
    {
      ...done(200, '2026-03-03T15:30:00Z', 130, 4),
      client_notified_at: new Date('2026-03-02T12:00:00Z'),
      client_notification_method: 'sms',
    },
  );
  // Mon Mar 9, 10:00 CDT: started 10 minutes early.
  await job(
    'j3',
    { client: y, service: mowing, date: '2026-03-09', start: '10:00', end: '11:00' },
    [ben],
    done(80, '2026-03-09T14:50:00Z', 60, null),
  );
  // Booked for 3 hours, then moved to 1:00–4:00 on Sunday Mar 8, the night the clocks spring
  // forward: 2 real hours; started 1:10 CST, 10 minutes late.
  await job(
    'j4',
    { client: z, service: cleanup, date: '2026-03-09', start: '08:00', end: '11:00' },
    [ada],
    {
      ...done(50, '2026-03-08T07:10:00Z', 120, null),
      scheduled_date: day('2026-03-08'),
      scheduled_start_time: '01:00',
      scheduled_end_time: '04:00',
    },
  );
  await job(
    'j5',
    { client: z, service: mowing, date: '2026-03-10', start: '09:00', end: '10:00' },
    [ben],
    {
      status: 'canceled',
      cancellation_reason: 'No-show',
    },
  );
  await job(
    'j6',
    { client: y, service: mowing, date: '2026-03-11', start: '09:00', end: '10:00' },
    [ben],
    {
      status: 'canceled',
      cancellation_reason: 'Client moved',
    },
  );
  const rainy = await job(
    'j7',
    { client: x, service: mowing, date: '2026-03-05', start: '09:00', end: '10:00' },
    [ada],
  );
  await tab.value('jobs.reschedule', {
    appointment_id: rainy.appointment_id,
    version: rainy.version,
    scheduled_date: '2026-03-16',
    start: '09:00',
    due_to_weather: true,
    override_warnings: true,
  });
  const moved = await job(
    'j8',
    { client: y, service: mowing, date: '2026-03-12', start: '09:00', end: '10:00' },
    [ada],
  );
  await tab.value('jobs.reschedule', {
    appointment_id: moved.appointment_id,
    version: moved.version,
    scheduled_date: '2026-03-17',
    start: '09:00',
    override_warnings: true,
  });
  // Still open: 3 hours for Ben on Thu Mar 12.
  await job(
    'j9',
    { client: y, service: cleanup, date: '2026-03-12', start: '12:00', end: '15:00' },
    [ben],
  );
  // Deleted work never counts.
  await job(
    'gone',
    { client: x, service: mowing, date: '2026-03-04', start: '13:00', end: '14:00' },
    [ben],
    {
      ...done(999, '2026-03-04T19:00:00Z', 60, 1),
      deleted_at: now,
    },
  );
  // The previous period (Feb 16 – Mar 1).
  await job(
    'p1',
    { client: x, service: mowing, date: '2026-02-20', start: '09:00', end: '10:00' },
    [ada],
    done(70, '2026-02-20T15:00:00Z', 60, null),
  );
  await job(
    'p2',
    { client: z, service: mowing, date: '2026-02-24', start: '09:00', end: '10:00' },
    [ben],
    {
      status: 'canceled',
      cancellation_reason: 'no show',
    },
  );

  const entry = (id: string, fields: Record<string, unknown>) => ({
    availability_id: id,
    business_id: businessId,
    type: 'time_off',
    reason: 'vacation',
    notes: null,
    is_recurring: false,
    recurrence_rule: null,
    start_time: null,
    end_time: null,
    created_by_user_id: null,
    version: 1,
    created_at: now,
    updated_at: now,
    deleted_at: null,
    audit_log: [],
    ...fields,
  });
  await db.collection('availability').insertMany([
    // Ada is off on Wednesday Mar 4.
    entry('ava_ada_off', {
      staff_id: ada,
      date_from: day('2026-03-04'),
      date_to: day('2026-03-04'),
    }),
    // Ben is off every Tuesday in March.
    entry('ava_ben_tuesdays', {
      staff_id: ben,
      date_from: day('2026-03-03'),
      date_to: day('2026-03-31'),
      is_recurring: true,
      recurrence_rule: 'FREQ=WEEKLY;BYDAY=TU',
    }),
    // Everybody is off on Friday Mar 13.
    entry('ava_closed', {
      staff_id: null,
      reason: 'holiday',
      date_from: day('2026-03-13'),
      date_to: day('2026-03-13'),
    }),
    // A deleted entry changes nothing.
    entry('ava_deleted', {
      staff_id: ada,
      date_from: day('2026-03-02'),
      date_to: day('2026-03-15'),
      deleted_at: now,
    }),
  ]);

  const text = (id: string, fields: Record<string, unknown>) => ({
    notification_id: id,
    business_id: businessId,
    client_id: x,
    appointment_id: null,
    type: 'appointment_reminder',
    channel: 'sms',
    message: 'Reminder',
    retry_count: 0,
    created_at: new Date('2026-03-01T12:00:00Z'),
    updated_at: new Date('2026-03-01T12:00:00Z'),
    deleted_at: null,
    audit_log: [],
    ...fields,
  });
  await db.collection('notifications').insertMany([
    text('ntf_delivered', {
      status: 'sent',
      sent_at: new Date('2026-03-03T15:00:00Z'),
      delivery_status: 'delivered',
    }),
    text('ntf_undelivered', {
      status: 'sent',
      sent_at: new Date('2026-03-04T15:00:00Z'),
      delivery_status: 'undelivered',
    }),
    text('ntf_failed', {
      status: 'failed',
      sent_at: null,
      updated_at: new Date('2026-03-05T15:00:00Z'),
    }),
    text('ntf_before', {
      status: 'sent',
      sent_at: new Date('2026-02-25T15:00:00Z'),
      delivery_status: 'delivered',
    }),
    // 00:30 CDT on Mar 16: after the period.
    text('ntf_after', {
      status: 'sent',
      sent_at: new Date('2026-03-16T05:30:00Z'),
      delivery_status: 'delivered',
    }),
  ]);

  const machine = (id: string, fields: Record<string, unknown>) => ({
    equipment_id: id,
    business_id: businessId,
    category: 'mower',
    status: 'active',
    is_active: true,
    maintenance_notes: [],
    maintenance_due_date: null,
    version: 1,
    created_at: now,
    updated_at: now,
    deleted_at: null,
    audit_log: [],
    ...fields,
  });
  const note = (date: string, cost: number) => ({
    date: day(date),
    type: 'service',
    notes: '',
    cost,
  });
  await db.collection('equipment').insertMany([
    machine('eq_mower', {
      name: 'Zero-turn mower',
      maintenance_notes: [note('2026-02-10', 100), note('2026-03-05', 45), note('2026-03-15', 5)],
      maintenance_due_date: day('2026-03-19'),
    }),
    machine('eq_truck', {
      name: 'Truck',
      maintenance_notes: [note('2026-03-10', 120)],
      maintenance_due_date: day('2026-04-01'),
    }),
    machine('eq_old', {
      name: 'Old edger',
      status: 'retired',
      maintenance_due_date: day('2026-01-01'),
    }),
    machine('eq_gone', {
      name: 'Sold blower',
      maintenance_notes: [note('2026-03-06', 300)],
      maintenance_due_date: day('2026-01-01'),
      deleted_at: now,
    }),
  ]);
});

afterAll(async () => {
  await core?.stop();
  await db?.dropDatabase();
  await client?.close();
});

describe('the owner report', () => {
  let main: Report;
  beforeAll(async () => {
    main = await report(MAIN);
  });

  it('names the period, the previous one and the business time zone', () => {
    expect(main.period).toEqual({ ...MAIN, timezone: 'America/Chicago', bucket: 'day' });
    expect(main.previous).toEqual({ from: '2026-02-16', to: '2026-03-01' });
    expect(main.generated_at).toEqual(now);
  });

  it('sums revenue of completed jobs by day, service and staff', () => {
    expect(main.revenue.total).toBe(430);
    expect(main.revenue.previous_total).toBe(70);
    expect(main.revenue.by_bucket).toHaveLength(14);
    expect(main.revenue.by_bucket.filter((b) => b.amount > 0)).toEqual([
      { start: '2026-03-02', label: 'Mar 2', amount: 100 },
      { start: '2026-03-03', label: 'Mar 3', amount: 200 },
      { start: '2026-03-08', label: 'Mar 8', amount: 50 },
      { start: '2026-03-09', label: 'Mar 9', amount: 80 },
    ]);
    expect(main.revenue.by_service).toEqual([
      { service_id: ids.cleanup, name: 'Cleanup', amount: 250, jobs: 2 },
      { service_id: ids.mowing, name: 'Mowing', amount: 180, jobs: 2 },
    ]);
    // The two-person job counts fully for each.
    expect(main.revenue.by_staff).toEqual([
      { staff_id: ids.ada, name: 'Ada Crew', amount: 350, jobs: 3 },
      { staff_id: ids.ben, name: 'Ben Crew', amount: 280, jobs: 2 },
    ]);
  });

  it('buckets revenue by ISO week (from Monday) and by month', async () => {
    const weeks = await report({ ...MAIN, bucket: 'week' });
    expect(weeks.revenue.by_bucket).toEqual([
      { start: '2026-03-02', label: 'Week of Mar 2', amount: 350 },
      { start: '2026-03-09', label: 'Week of Mar 9', amount: 80 },
    ]);
    const months = await report({ from: '2026-02-16', to: '2026-03-15', bucket: 'month' });
    expect(months.revenue.by_bucket).toEqual([
      { start: '2026-02-01', label: 'Feb 2026', amount: 70 },
      { start: '2026-03-01', label: 'Mar 2026', amount: 430 },
    ]);
  });

  it('counts jobs by outcome, no-shows and weather against other reschedules', () => {
    expect(main.jobs).toEqual({
      completed: 4,
      canceled: 2,
      rescheduled: 2,
      rescheduled_weather: 1,
      rescheduled_other: 1,
      no_shows: 1,
      open: 1,
      canceled_by_reason: [
        { reason: 'Client moved', count: 1 },
        { reason: 'No-show', count: 1 },
      ],
      previous: { completed: 1, canceled: 1, rescheduled: 0, no_shows: 1 },
    });
  });

  it('measures punctuality in real minutes, the spring-forward night included', () => {
    // Delays 5, 30, 0 (early) and 10: three within 15 minutes.
    expect(main.punctuality.measured).toBe(4);
    expect(main.punctuality.on_time_rate).toBe(0.75);
    // Feb 16 – Mar 1: Xavier's job of Feb 20 began at 9:00 CST sharp.
    expect(main.punctuality.previous).toEqual({
      on_time_rate: 1,
      average_delay_minutes: 0,
      measured: 1,
    });
    expect(main.punctuality.average_delay_minutes).toBe(11.3);
    expect(main.punctuality.by_service).toEqual([
      {
        service_id: ids.cleanup,
        name: 'Cleanup',
        jobs: 2,
        average_actual_minutes: 125,
        average_estimated_minutes: 150,
      },
      {
        service_id: ids.mowing,
        name: 'Mowing',
        jobs: 2,
        average_actual_minutes: 57.5,
        average_estimated_minutes: 60,
      },
    ]);
  });

  it('sets booked hours against working hours less time off and the closure', () => {
    // Ada: 9 h × 10 weekdays, less Mar 4 off and the Mar 13 closure = 72 h; booked 1 + 2 + 2 h
    // (1:00–4:00 on the spring-forward night is 2 real hours). Ben: less two Tuesdays and the
    // closure = 63 h; booked 2 + 1 + 3 h.
    expect(main.staff).toEqual([
      {
        staff_id: ids.ben,
        name: 'Ben Crew',
        role: 'crew_member',
        jobs_completed: 2,
        revenue: 280,
        booked_hours: 6,
        available_hours: 63,
        utilization: 0.095,
        average_rating: 4,
        ratings: 1,
      },
      {
        staff_id: ids.ada,
        name: 'Ada Crew',
        role: 'crew_lead',
        jobs_completed: 3,
        revenue: 350,
        booked_hours: 5,
        available_hours: 72,
        utilization: 0.069,
        average_rating: 4.5,
        ratings: 2,
      },
    ]);
  });

  it('counts new, active and repeat clients, the top ones and what is owed now', () => {
    expect(main.clients).toEqual({
      new: 3,
      active: 3,
      repeat_rate: 1 / 3,
      top: [
        { client_id: ids.x, name: 'Xavier Client', revenue: 300, jobs: 2 },
        { client_id: ids.y, name: 'Yara Client', revenue: 80, jobs: 1 },
        { client_id: ids.z, name: 'Zed Client', revenue: 50, jobs: 1 },
      ],
      balance_due_total: 35.5,
      clients_with_balance: 2,
      // Feb 16 – Mar 1: nobody new (Zed joined on Feb 1); Xavier's job on Feb 20 was done.
      previous: { new: 0, active: 1 },
    });
  });

  it('reports the weather, texts and equipment of the period', () => {
    expect(main.weather).toEqual({
      jobs_moved: 1,
      revenue_shifted: 60,
      days_lost: 1,
      previous: { jobs_moved: 0, revenue_shifted: 0, days_lost: 0 },
    });
    expect(main.messaging).toEqual({
      sent: 2,
      delivered: 1,
      failed: 2,
      opt_outs: 1,
      confirmation_rate: 0.5,
      // Feb 16 – Mar 1: the text of Feb 25, delivered; Zed opted out on Feb 20.
      previous: { sent: 1, delivered: 1, failed: 0, opt_outs: 1, confirmation_rate: null },
    });
    expect(main.equipment).toEqual({
      maintenance_cost: 170,
      // The mower's service on Feb 10 is before the previous period too.
      previous_maintenance_cost: 0,
      by_item: [
        { equipment_id: 'eq_truck', name: 'Truck', cost: 120 },
        { equipment_id: 'eq_mower', name: 'Zero-turn mower', cost: 50 },
      ],
      overdue: [{ equipment_id: 'eq_mower', name: 'Zero-turn mower', due_date: '2026-03-19' }],
    });
  });

  it('puts a client created at 23:30 on the night before spring forward on that local day', async () => {
    expect((await report({ from: '2026-03-07', to: '2026-03-07' })).clients.new).toBe(1);
    const sunday = await report({ from: '2026-03-08', to: '2026-03-08', compare: false });
    expect(sunday.clients.new).toBe(0);
    expect(sunday.revenue.total).toBe(50);
    expect(sunday.staff.find((s) => s.staff_id === ids.ada)?.booked_hours).toBe(2);
  });

  it('leaves out the previous period when no comparison is asked', async () => {
    const alone = await report({ ...MAIN, compare: false });
    expect(alone.previous).toBeNull();
    expect(alone.revenue.previous_total).toBeNull();
    expect(alone.jobs.previous).toBeNull();
    expect(alone.clients.previous).toBeNull();
    expect(alone.weather.previous).toBeNull();
    expect(alone.messaging.previous).toBeNull();
    expect(alone.equipment.previous_maintenance_cost).toBeNull();
    expect(alone.revenue.total).toBe(430);
  });

  it('refuses an end date before the start, naming the field', async () => {
    const result = await tab.call('reports.get', { from: '2026-03-15', to: '2026-03-02' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('validation');
    expect(JSON.stringify(result.error.details)).toContain('to');
  });

  it('refuses a staff-role user', async () => {
    const crew = await signedInStaff(core, tab, {
      first_name: 'Sam',
      last_name: 'Staff',
      email: 'sam@magiccity.example',
    });
    const result = await crew.call('reports.get', MAIN);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.kind).toBe('forbidden');
  });

  it('bounds the days in the business time zone (Auckland, not UTC)', async () => {
    const business = await tab.value<{ version: number }>('business.get');
    await tab.value('business.update', {
      version: business.version,
      changes: { timezone: 'Pacific/Auckland' },
    });
    // Wren (12:00 UTC Mar 2) is Mar 3 in Auckland; Yara (04:30 UTC Mar 16) is after Mar 15.
    const nz = await report(MAIN);
    expect(nz.period.timezone).toBe('Pacific/Auckland');
    expect(nz.clients.new).toBe(2);
    expect((await report({ from: '2026-03-03', to: '2026-03-03' })).clients.new).toBe(1);
    expect((await report({ from: '2026-03-02', to: '2026-03-02' })).clients.new).toBe(0);
    // Calendar figures stay on their stored days.
    expect(nz.revenue.total).toBe(430);
  });
});
