// business.update as Settings uses it: profile and configuration checked field by field, the
// configuration merged, a stale edit refused, and a change the board's rules follow on the very next
// call (nothing is cached between calls).
import { beforeAll, describe, expect, it } from 'vitest';
import { demoWorld, type DemoWorld } from '../../support/demo';

const world = demoWorld('business_settings');
type Tab = Awaited<ReturnType<DemoWorld['signedIn']>>;
let owner: Tab;
let office: Tab;

/** A Monday and Tuesday with nothing booked for the people made here. */
const MONDAY = '2026-05-04';

interface Business {
  version: number;
  name: string;
  config: Record<string, unknown> & { business_hours: Record<string, unknown> };
}

const business = () => owner.value<Business>('business.get');
async function configure(config: Record<string, unknown>): Promise<Business> {
  return owner.value<Business>('business.update', {
    version: (await business()).version,
    changes: { config },
  });
}

let service: { service_id: string; default_price: number };
let clientId: string;

async function person(role: 'crew_lead' | 'crew_member', last: string): Promise<string> {
  const hours = { start: '06:00', end: '20:00' };
  const week = Object.fromEntries(
    ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((d) => [
      d,
      hours,
    ]),
  );
  const made = await office.value<{ staff_id: string }>('staff.create', {
    data: { first_name: 'Settings', last_name: last, role, availability_schedule: week },
  });
  return made.staff_id;
}

/** A job in the unassigned queue; returns its id and version. */
async function queued(): Promise<{ appointment_id: string; version: number }> {
  return office.value('appointments.create', {
    data: {
      client_id: clientId,
      service_id: service.service_id,
      scheduled_date: new Date(`${MONDAY}T00:00:00Z`),
      scheduled_start_time: '09:00',
      scheduled_end_time: '10:00',
      estimated_duration_minutes: 60,
      service_price: service.default_price,
      currency: 'USD',
    },
  });
}

const move = (
  job: { appointment_id: string; version: number },
  start: string,
  end: string,
  staff: string[],
  extra: Record<string, unknown> = {},
) =>
  office.call('board.move', {
    appointment_id: job.appointment_id,
    version: job.version,
    scheduled_date: MONDAY,
    start,
    end,
    staff_ids: staff,
    equipment_ids: [],
    ...extra,
  });

beforeAll(async () => {
  owner = await world.signedIn('owner@southern-lawn.example');
  office = await world.signedIn('dispatch@southern-lawn.example');
  // A one-person service that allows several crews, needing no equipment.
  service = await office.value('services.create', {
    data: {
      vertical: 'lawn_care',
      name: 'Settings test visit',
      category: 'maintenance',
      default_duration_minutes: 60,
      default_price: 50,
      can_have_multiple_crews: true,
    },
  });
  const clients = await office.value<{ items: { client_id: string }[] }>('clients.list', {
    limit: 1,
  });
  clientId = clients.items[0]?.client_id ?? '';
});

describe('business.update from Settings', () => {
  it('merges a configuration change into the stored settings and refuses a stale version', async () => {
    const before = await business();
    const after = await configure({ default_service_duration_minutes: 90 });
    expect(after.version).toBe(before.version + 1);
    expect(after.config).toEqual({ ...before.config, default_service_duration_minutes: 90 });

    const stale = await owner.call('business.update', {
      version: before.version,
      changes: { name: 'Not Saved Lawn Co' },
    });
    expect(stale).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    expect((await business()).name).toBe(before.name);
  });

  it('names each refused field: a gap over 240 minutes, a closing time before opening, an email and a time zone', async () => {
    const { version } = await business();
    const result = await owner.call('business.update', {
      version,
      changes: {
        email: 'office at example',
        timezone: 'America/Nowhere',
        config: {
          min_gap_between_jobs_minutes: 999,
          business_hours: {
            monday: { start: '17:00', end: '08:00' },
            tuesday: null,
            wednesday: null,
            thursday: null,
            friday: null,
            saturday: null,
            sunday: null,
          },
        },
      },
    });
    expect(result).toMatchObject({ ok: false, error: { kind: 'validation' } });
    const paths = result.ok ? [] : (result.error.details as { path: string }[]).map((d) => d.path);
    expect(paths.sort()).toEqual(
      [
        'changes.config.business_hours.monday.end',
        'changes.config.min_gap_between_jobs_minutes',
        'changes.email',
        'changes.timezone',
      ].sort(),
    );
    expect((await business()).version).toBe(version);
  });

  it('refuses a dispatcher (staff): settings are for owners and admins', async () => {
    const { version } = await business();
    const result = await office.call('business.update', {
      version,
      changes: { config: { min_gap_between_jobs_minutes: 0 } },
    });
    expect(result).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  });

  it('uses a new travel gap on the next board move', async () => {
    await configure({ min_gap_between_jobs_minutes: 30 });
    const lead = await person('crew_lead', 'Gap');
    const first = await queued();
    expect(await move(first, '09:00', '10:00', [lead])).toMatchObject({ ok: true });
    const second = await queued();
    // 45 minutes after the first job: fine with a 30-minute gap.
    const placed = await move(second, '10:45', '11:45', [lead]);
    expect(placed).toMatchObject({ ok: true });
    const version = placed.ok
      ? (placed.value as { appointment: { version: number } }).appointment.version
      : 0;

    await configure({ min_gap_between_jobs_minutes: 60 });
    const refused = await move({ ...second, version }, '10:50', '11:50', [lead]);
    expect(refused).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    if (!refused.ok) {
      expect(refused.error.message).toContain(
        'only 50 minutes from this job; jobs need 60 minutes between them',
      );
    }

    await configure({ min_gap_between_jobs_minutes: 30 });
    expect(await move({ ...second, version }, '10:50', '11:50', [lead])).toMatchObject({
      ok: true,
    });
  });

  it('follows crew stacking and business hours as soon as they are saved', async () => {
    const leads = [await person('crew_lead', 'Stack A'), await person('crew_lead', 'Stack B')];
    let job = await queued();

    await configure({ allow_crew_stacking: false });
    const stacked = await move(job, '13:00', '14:00', leads);
    expect(stacked).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    if (!stacked.ok) expect(stacked.error.message).toContain('does not allow crew stacking');

    await configure({ allow_crew_stacking: true });
    const allowed = await move(job, '13:00', '14:00', leads);
    expect(allowed).toMatchObject({ ok: true });
    job = { ...job, version: job.version + 1 };

    // Mondays now close at 12:00: a 13:00 job is outside business hours (a warning to confirm).
    const hours = (await business()).config.business_hours;
    await configure({ business_hours: { ...hours, monday: { start: '08:00', end: '12:00' } } });
    const late = await move(job, '13:00', '14:00', [leads[0] ?? '']);
    expect(late).toMatchObject({
      ok: false,
      error: { kind: 'conflict', details: { overridable: true } },
    });
    await configure({ business_hours: hours });
    expect(await move(job, '13:00', '14:00', [leads[0] ?? ''])).toMatchObject({ ok: true });
  });
});
