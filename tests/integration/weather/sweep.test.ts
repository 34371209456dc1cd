// A full weather sweep through the real core, with a fake clock, against the local provider server:
// forecasts asked once per place and then served from the cache, jobs at risk get the right
// proposals, the dispatcher is alerted once, a provider failure falls back to the last forecast
// (labelled stale) and backs off, and approving a proposal reschedules the job and queues a notice.
import { MongoClient, type Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Core } from '../../../electron/core/compose';
import type { Output } from '../../../shared/contract';
import { OWNER_FORM, WEEKDAY_HOURS, createOwner } from '../../support/fixtures';
import { connection, createTestCore } from '../../support/core';
import { startFakeWeather, type FakeWeather } from '../../support/fake-weather';

type Plan = Output<'weather.plan'>;
type Sweep = Output<'weather.checkNow'>;

// Thursday 2037-06-11, 9:00 AM in Birmingham (America/Chicago, UTC−5). Years ahead on purpose: the
// cached forecast days expire (TTL index on expires_at) by the database's own, real clock, which
// removed a cache dated in the past between two sweeps whenever its minute's sweep fell there.
let now = new Date('2037-06-11T14:00:00Z');
const FRIDAY = '2037-06-12';
// Two clients in one 0.1° cell (33.5, -86.8), one in another (33.4, -86.7).
const PLACES = {
  north1: { latitude: 33.52, longitude: -86.81 },
  north2: { latitude: 33.49, longitude: -86.78 },
  south: { latitude: 33.41, longitude: -86.69 },
};

let fake: FakeWeather;
let core: Core;
let client: MongoClient;
let db: Db;
let tab: ReturnType<typeof connection>;
const alerts: { title: string; body: string; route?: string }[] = [];
const events: unknown[] = [];
const jobs: Record<string, { appointment_id: string; version: number }> = {};
let crewA = '';
let crewB = '';
let indoor = '';

const sweep = () => tab.value<Sweep>('weather.checkNow');
const plan = () => tab.value<Plan>('weather.plan');
const later = (minutes: number) => {
  now = new Date(now.getTime() + minutes * 60_000);
};

beforeAll(async () => {
  fake = await startFakeWeather({
    now,
    timeZone: 'America/Chicago',
    // Rain everywhere on Friday afternoon; dry otherwise.
    spells: [{ date: FRIDAY, from: '13:00', to: '17:00', rain_percent: 90, condition: 'rain' }],
  });
  const dbName = `weather_sweep_${Date.now().toString(36)}`;
  client = new MongoClient(inject('mongoUri'));
  db = client.db(dbName);
  core = createTestCore({
    databaseUri: inject('mongoUri'),
    databaseName: dbName,
    clock: { now: () => now },
    notifier: { notify: (note) => void alerts.push(note) },
    weather: { baseUrls: { open_meteo: fake.baseUrl }, timer: false },
  });
  core.events.subscribe((name, payload) => {
    if (name === 'weather.alert') events.push(payload);
  });
  await core.start();
  await createOwner(core);
  tab = connection(core);
  await tab.value('auth.signIn', {
    email: OWNER_FORM.owner.email,
    password: OWNER_FORM.owner.password,
  });

  const service = async (name: string) =>
    (
      await tab.value<{ service_id: string }>('services.create', {
        data: {
          vertical: 'lawn_care',
          name,
          category: 'maintenance',
          default_duration_minutes: 60,
          default_price: 60,
          currency: 'USD',
        },
      })
    ).service_id;
  const mowing = await service('Mowing');
  indoor = await service('Irrigation controller repair');
  const business = await tab.value<{ version: number }>('business.get');
  await tab.value('business.update', {
    version: business.version,
    changes: { config: { weather_exempt_service_ids: [indoor] } },
  });
  const lead = async (first: string) =>
    (
      await tab.value<{ staff_id: string }>('staff.create', {
        data: {
          first_name: first,
          last_name: 'Weather',
          role: 'crew_lead',
          availability_schedule: WEEKDAY_HOURS,
        },
      })
    ).staff_id;
  crewA = await lead('Ada');
  crewB = await lead('Ben');
  const customer = async (first: string, place: { latitude: number; longitude: number }) => {
    const created = await tab.value<{ client_id: string }>('clients.create', {
      data: {
        first_name: first,
        last_name: 'Rainford',
        phone: '+1-205-555-0142',
        address: '1 Test Way',
        city: 'Birmingham',
        state: 'AL',
        zip_code: '35203',
      },
    });
    await db.collection('clients').updateOne({ client_id: created.client_id }, { $set: place });
    return created.client_id;
  };
  const north1 = await customer('Nora', PLACES.north1);
  const north2 = await customer('Ned', PLACES.north2);
  const south = await customer('Sol', PLACES.south);
  const book = async (
    key: string,
    clientId: string,
    serviceId: string,
    start: string,
    end: string,
    staff: string,
  ) => {
    const { appointments } = await tab.value<{
      appointments: { appointment_id: string; version: number }[];
    }>('jobs.create', {
      client_id: clientId,
      service_id: serviceId,
      scheduled_date: FRIDAY,
      start,
      end,
      staff_ids: [staff],
      override_warnings: true,
    });
    jobs[key] = appointments[0] as { appointment_id: string; version: number };
  };
  // In the rain, crew A free in the morning: moves to Friday 8:00 with the same crew.
  await book('rainyA', north1, mowing, '14:00', '15:00', crewA);
  // Indoor work in the same rain: never at risk.
  await book('indoor', north2, indoor, '16:00', '17:00', crewA);
  // Crew B is busy all Friday morning (dry) and Friday afternoon is wet: crew A stands in.
  await book('morningB', north2, mowing, '08:00', '12:30', crewB);
  await book('rainyB', south, mowing, '15:00', '16:00', crewB);
});

afterAll(async () => {
  await core?.stop();
  await db?.dropDatabase();
  await client?.close();
  await fake?.close();
});

const job = (key: string) =>
  db.collection('appointments').findOne({ appointment_id: jobs[key]?.appointment_id });

describe('the weather sweep', () => {
  it('asks the provider once per place, records the forecast on each job and proposes new slots', async () => {
    const result = await sweep();
    expect(result).toMatchObject({
      checked: 3,
      at_risk: 2,
      proposals: 2,
      provider_calls: 2,
      stale_cells: 0,
      error: null,
    });
    expect(fake.calls).toHaveLength(2);

    const rainy = await job('rainyA');
    expect(rainy?.weather_checked).toBe(true);
    expect(rainy?.weather_data_at_time).toMatchObject({ rain_percent: 90, condition: 'rain' });
    expect(rainy?.weather_threshold_details?.rain_check).toEqual({
      threshold: 70,
      value: 90,
      exceeded: true,
    });
    const morning = await job('morningB');
    expect(morning?.weather_data_at_time?.rain_percent).toBe(0);
    expect(morning?.weather_threshold_details?.rain_check.exceeded).toBe(false);
    // Indoor work is not checked at all.
    expect((await job('indoor'))?.weather_checked).toBe(false);

    const { items, status } = await plan();
    expect(status).toMatchObject({
      provider: 'open_meteo',
      fallback_reason: null,
      last_error: null,
    });
    const byJob = Object.fromEntries(items.map((i) => [i.appointment_id, i]));
    expect(byJob[jobs.rainyA!.appointment_id]).toMatchObject({
      before: { date: FRIDAY, start: '14:00', staff_names: ['Ada Weather'] },
      after: { date: FRIDAY, start: '08:00', end: '09:00', staff_ids: [crewA] },
      same_crew: true,
      risks: ['Rain 90%'],
      basis: 'hourly',
      stale: false,
    });
    // Crew B has no dry hour on Friday; crew A does, after the 8:00 slot it is offered for its own
    // job (and the 30-minute gap): proposals never offer the same hours twice.
    expect(byJob[jobs.rainyB!.appointment_id]).toMatchObject({
      before: { date: FRIDAY, start: '15:00', staff_ids: [crewB] },
      after: { date: FRIDAY, start: '09:30', end: '10:30', staff_ids: [crewA] },
      same_crew: false,
    });
    expect(items).toHaveLength(2);
  });

  it('alerts once for the new risks, in words a dispatcher reads', async () => {
    expect(alerts).toEqual([
      {
        title: 'Weather risk',
        body: '2 jobs tomorrow at risk of rain — review',
        route: '/weather',
      },
    ]);
    expect(events).toHaveLength(1);
  });

  it('serves the next sweep from the cache and does not alert again', async () => {
    later(20);
    const result = await sweep();
    expect(result).toMatchObject({ at_risk: 2, proposals: 2, provider_calls: 0 });
    expect(fake.calls).toHaveLength(2);
    expect(alerts).toHaveLength(1);
  });

  it('uses the last forecast, labelled stale, when the provider fails, and backs off', async () => {
    later(3 * 60);
    fake.failNext({ kind: 'server_error', status: 503 }, { times: 2 });
    const failed = await sweep();
    expect(failed).toMatchObject({ at_risk: 2, proposals: 2, provider_calls: 2, stale_cells: 2 });
    expect(failed.error).toMatch(/\S/);
    const { items, status } = await plan();
    expect(items.map((i) => i.stale)).toEqual([true, true]);
    expect(status.last_error).toBe(failed.error);

    // Backing off: the next sweep does not ask again so soon, and still has the old forecast.
    later(1);
    const waiting = await sweep();
    expect(waiting).toMatchObject({ at_risk: 2, provider_calls: 0, stale_cells: 2 });

    // After the back-off the provider is asked again, and the forecast is fresh.
    later(10);
    const recovered = await sweep();
    expect(recovered).toMatchObject({ provider_calls: 2, stale_cells: 0, error: null });
    expect((await plan()).items.map((i) => i.stale)).toEqual([false, false]);
    expect(alerts).toHaveLength(1);
  });

  it('keeps a dismissed job out of the plan', async () => {
    const { items } = await plan();
    const b = items.find((i) => i.appointment_id === jobs.rainyB!.appointment_id);
    expect(await tab.value('weather.dismiss', { proposal_ids: [b!.proposal_id] })).toEqual({
      dismissed: 1,
    });
    later(5);
    await sweep();
    expect((await plan()).items.map((i) => i.appointment_id)).toEqual([
      jobs.rainyA!.appointment_id,
    ]);
  });

  it('reschedules an approved job through the board rules and queues the client a notice', async () => {
    const [item] = (await plan()).items;
    const result = await tab.value<Output<'weather.approve'>>('weather.approve', {
      proposal_ids: [item!.proposal_id],
    });
    expect(result.failed).toEqual([]);
    expect(result.moved).toHaveLength(1);
    const moved = await db
      .collection('appointments')
      .findOne({ appointment_id: result.moved[0]!.appointment_id });
    expect(moved).toMatchObject({
      scheduled_start_time: '08:00',
      scheduled_end_time: '09:00',
      assigned_staff_ids: [crewA],
      status: 'scheduled',
      was_rescheduled_due_to_weather: true,
      rescheduled_from_appointment_id: jobs.rainyA!.appointment_id,
    });
    expect((await job('rainyA'))?.status).toBe('rescheduled');
    const notice = await db
      .collection('notifications')
      .findOne({ appointment_id: moved?.appointment_id });
    expect(notice).toMatchObject({
      type: 'reschedule_notification',
      channel: 'sms',
      status: 'pending',
      recipient_phone: '+12055550142',
    });
    // The business's reschedule template, filled in with the new slot.
    expect(notice?.message).toContain('to Fri, Jun 12, 8:00 AM to 9:00 AM.');
    expect((await plan()).items).toEqual([]);

    // Approving the same proposal again changes nothing.
    const again = await tab.value<Output<'weather.approve'>>('weather.approve', {
      proposal_ids: [item!.proposal_id],
    });
    expect(again.moved).toEqual([]);
    expect(again.failed[0]?.message).toMatch(/no longer open/);
  });

  it('goes on with the other businesses when one business cannot be swept', async () => {
    const owner = await db.collection('businesses').findOne({});
    const { _id: _ignored, ...copy } = owner!;
    await db
      .collection('businesses')
      .insertOne({ ...copy, business_id: 'bus_broken_one', name: 'Broken' });
    await db.collection('appointments').insertOne({
      ...(await job('morningB')),
      _id: undefined,
      appointment_id: 'apt_broken_one',
      business_id: 'bus_broken_one',
      scheduled_start_time: 'not a time',
    });
    later(5);
    const totals = await core.sweepWeather();
    expect(totals.businesses).toBe(1);
    expect((await plan()).status.last_sweep_at).toEqual(now);
  });
});
