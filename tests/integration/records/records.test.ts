import type { Db } from 'mongodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/compose';
import { DEMO_PASSWORD } from '../../../electron/core/demo/seed';
import { channelNames, type RecordArea } from '../../../shared/contract';
import { collections } from '../../../shared/schemas';
import { connection } from '../../support/core';
import { WEEKDAY_HOURS } from '../../support/fixtures';
import { demoWorld, type DemoWorld } from '../../support/demo';

const world = demoWorld('records');
let db: Db;
let core: Core;
let lawn: Awaited<ReturnType<DemoWorld['signedIn']>>;
let hvac: Awaited<ReturnType<DemoWorld['signedIn']>>;
type Doc = Record<string, unknown>;
const AREAS: RecordArea[] = [
  'clients',
  'staff',
  'services',
  'equipment',
  'availability',
  'appointments',
];

/** A document of the other business, read straight from the database. */
async function foreign(area: RecordArea, business_id: string): Promise<Doc> {
  const doc = await db.collection(area).findOne({ business_id, deleted_at: null });
  if (!doc) throw new Error(`no ${area} in ${business_id}`);
  return doc;
}

beforeAll(async () => {
  db = world.db;
  core = world.core;
  lawn = await world.signedIn('dispatch@southern-lawn.example');
  hvac = await world.signedIn('owner@front-range-hvac.example');
});

describe('demo data', () => {
  it('seeds two businesses whose every document passes its schema', async () => {
    for (const [name, def] of Object.entries(collections)) {
      const docs = await db
        .collection(name)
        .find({}, { projection: { _id: 0 } })
        .toArray();
      for (const doc of docs) {
        const parsed = def.schema.safeParse(doc);
        expect(parsed.success, `${name} ${JSON.stringify(parsed.error?.issues[0])}`).toBe(true);
      }
    }
    expect(await db.collection('businesses').countDocuments()).toBe(2);
    expect(
      await db.collection('clients').countDocuments({ business_id: lawn.session?.business_id }),
    ).toBe(150);
  });
});

describe.each(AREAS)('%s channels', (area) => {
  it("never reach another business's documents, whatever id or filter is sent", async () => {
    const theirs = await foreign(area, hvac.session?.business_id ?? '');
    const idField = collections[area].idField;
    const id = String(theirs[idField]);
    const unknown = `${id.split('_')[0]}_doesNotExist000`;
    const notFound = await lawn.call(`${area}.get`, { id: unknown });
    for (const [verb, input] of [
      ['get', { id }],
      ['update', { id, version: theirs.version, changes: {} }],
      ['remove', { id, version: theirs.version }],
      ['restore', { id, version: theirs.version }],
      ['history', { id }],
    ] as const) {
      const result = await lawn.call(`${area}.${verb}`, input);
      expect(result, `${area}.${verb}`).toMatchObject({ ok: false, error: { kind: 'not_found' } });
      // Refused exactly as an id that exists nowhere: nothing tells that it exists elsewhere.
      if (!result.ok && !notFound.ok) {
        expect(result.error.message.replace(id, 'X')).toBe(
          notFound.error.message.replace(unknown, 'X'),
        );
      }
    }
    const listed = await lawn.value<{ items: Doc[] }>(`${area}.list`, {
      includeDeleted: true,
      limit: 500,
    });
    expect(listed.items.every((d) => d.business_id === lawn.session?.business_id)).toBe(true);
    expect(listed.items.some((d) => d[idField] === id)).toBe(false);
    expect(await db.collection(area).findOne({ [idField]: id })).toMatchObject({
      version: theirs.version,
    });
  });

  it('refuses malformed input with a validation error and changes nothing', async () => {
    const before = await db.collection(area).countDocuments();
    for (const [verb, input] of [
      ['list', { limit: 10_000 }],
      ['list', { filter: { business_id: 'bus_x' } }],
      ['get', { id: 'not-an-id' }],
      ['create', { data: { business_id: hvac.session?.business_id } }],
      ['update', { id: 'x', version: 0, changes: {} }],
      ['remove', {}],
      ['history', { id: 42 }],
    ] as const) {
      const result = await lawn.call(`${area}.${verb}`, input);
      expect(result, `${area}.${verb}`).toMatchObject({ ok: false, error: { kind: 'validation' } });
    }
    expect(await db.collection(area).countDocuments()).toBe(before);
  });

  it('asks for sign-in before any of its channels runs', async () => {
    const anonymous = connection(core);
    for (const name of channelNames.filter((c) => c.startsWith(`${area}.`))) {
      expect(await anonymous.call(name, {}), name).toMatchObject({
        ok: false,
        error: { kind: 'unauthenticated' },
      });
    }
  });
});

describe('editing records', () => {
  it('creates a client with its map location, searchable at once', async () => {
    const created = await lawn.value<Doc>('clients.create', {
      data: {
        first_name: 'Zelda',
        last_name: 'Quince',
        phone: '+1-205-555-0199',
        address: '1 Test Ln, Birmingham, AL 35203',
        city: 'Birmingham',
        state: 'AL',
        zip_code: '35203',
        latitude: 33.52,
        longitude: -86.81,
      },
    });
    expect(created).toMatchObject({
      business_id: lawn.session?.business_id,
      version: 1,
      location: { type: 'Point', coordinates: [-86.81, 33.52] },
      total_spent: 0,
    });
    const business = await db
      .collection('businesses')
      .findOne({ business_id: lawn.session?.business_id });
    expect(business?.client_count).toBe(151);
    const found = await lawn.value<{ items: Doc[]; total: number }>('clients.list', {
      search: 'quince',
    });
    expect(found.total).toBe(1);
    const moved = await lawn.value<Doc>('clients.update', {
      id: created.client_id,
      version: 1,
      changes: { latitude: 33.6, longitude: -86.7 },
    });
    expect(moved.location).toEqual({ type: 'Point', coordinates: [-86.7, 33.6] });
    // Fields left out of the change keep their values (no schema default stands in for them).
    expect(moved).toMatchObject({ phone: '+1-205-555-0199', first_name: 'Zelda' });
  });

  it('says which field is wrong when a client cannot be saved', async () => {
    const result = await lawn.call('clients.create', {
      data: {
        first_name: 'A',
        last_name: 'B',
        address: 'x',
        city: 'Y',
        state: 'Alabama',
        zip_code: '35203',
        phone: '+1-205-555-0101',
      },
    });
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'validation', details: [expect.objectContaining({ path: 'data.state' })] },
    });
  });

  it('refuses a stale edit and records who changed what', async () => {
    const { items } = await lawn.value<{ items: Doc[] }>('services.list', { limit: 1 });
    const service = items[0] as Doc;
    const changed = await lawn.value<Doc>('services.update', {
      id: service.service_id,
      version: service.version,
      changes: { default_price: 99.5 },
    });
    expect(changed.version).toBe((service.version as number) + 1);
    const stale = await lawn.call('services.update', {
      id: service.service_id,
      version: service.version,
      changes: { default_price: 10 },
    });
    expect(stale).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    const history = await lawn.value<Doc[]>('services.history', { id: service.service_id });
    expect(history[0]).toMatchObject({
      action: 'updated',
      user_id: lawn.session?.user_id,
      changes: { default_price: { before: service.default_price, after: 99.5 } },
    });
  });

  it('hides a deleted record from lists until it is restored', async () => {
    const { items } = await lawn.value<{ items: Doc[] }>('equipment.list', {
      limit: 1,
      sort: { field: 'name' },
    });
    const eq = items[0] as Doc;
    const removed = await lawn.value<Doc>('equipment.remove', {
      id: eq.equipment_id,
      version: eq.version,
    });
    const visible = await lawn.value<{ items: Doc[] }>('equipment.list', {
      search: String(eq.name),
    });
    expect(visible.items.some((d) => d.equipment_id === eq.equipment_id)).toBe(false);
    const all = await lawn.value<{ items: Doc[] }>('equipment.list', {
      search: String(eq.name),
      includeDeleted: true,
    });
    expect(all.items.some((d) => d.equipment_id === eq.equipment_id)).toBe(true);
    await lawn.value('equipment.restore', { id: eq.equipment_id, version: removed.version });
    const back = await lawn.value<{ items: Doc[] }>('equipment.list', { search: String(eq.name) });
    expect(back.items.some((d) => d.equipment_id === eq.equipment_id)).toBe(true);
  });

  it('lists a crew — its lead and the people under them — and refuses a crew lead who is not one', async () => {
    const list = (filter: Doc) =>
      lawn.value<{ items: Doc[]; total: number }>('staff.list', {
        filter,
        sort: { field: 'last_name', direction: 'asc' },
        limit: 100,
        offset: 0,
        includeDeleted: false,
      });
    const { items } = await list({});
    const lead = items.find(
      (s) => s.role === 'crew_lead' && items.some((m) => m.crew_lead_id === s.staff_id),
    );
    if (!lead) throw new Error('the demo has no crew with members');
    const members = items.filter((s) => s.crew_lead_id === lead.staff_id);
    const crew = await list({ crew: lead.staff_id });
    expect(crew.items.map((s) => s.staff_id).sort()).toEqual(
      [lead.staff_id, ...members.map((m) => m.staff_id)].sort(),
    );

    const newcomer = {
      first_name: 'Nia',
      last_name: 'Crewtest',
      role: 'crew_member',
      availability_schedule: WEEKDAY_HOURS,
    };
    const refused = await lawn.call('staff.create', {
      data: { ...newcomer, crew_lead_id: members[0]?.staff_id },
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { kind: 'validation', details: [{ path: 'crew_lead_id' }] },
    });
    expect((await list({ crew: lead.staff_id })).total).toBe(crew.total);
    await lawn.value('staff.create', { data: { ...newcomer, crew_lead_id: lead.staff_id } });
    const grown = await list({ crew: lead.staff_id });
    expect(grown.total).toBe(crew.total + 1);
    expect(grown.items.map((s) => s.last_name)).toContain('Crewtest');
  });

  it('keeps equipment maintenance cost equal to the sum of its log', async () => {
    const { items } = await lawn.value<{ items: Doc[] }>('equipment.list', { limit: 1 });
    const eq = items[0] as Doc;
    const notes = [
      { date: new Date('2026-04-01T00:00:00Z'), type: 'oil_change', notes: 'Oil', cost: 45 },
      {
        date: new Date('2026-04-10T00:00:00Z'),
        type: 'blade_sharpening',
        notes: 'Blades',
        cost: 30.25,
      },
    ];
    const saved = await lawn.value<Doc>('equipment.update', {
      id: eq.equipment_id,
      version: eq.version,
      changes: { maintenance_notes: notes },
    });
    expect(saved.total_maintenance_cost).toBe(75.25);
  });
});

describe('appointments', () => {
  it('changes day, time or crew only through the board, where the rules are checked', async () => {
    const { items } = await lawn.value<{ items: Doc[] }>('appointments.list', {
      filter: { status: 'scheduled' },
      limit: 1,
    });
    const job = items[0] as Doc;
    const moved = await lawn.call('appointments.update', {
      id: job.appointment_id,
      version: job.version,
      changes: { scheduled_start_time: '06:00' },
    });
    expect(moved).toMatchObject({
      ok: false,
      error: { kind: 'validation', details: { fields: ['scheduled_start_time'] } },
    });
  });

  it("keeps the client's and the crew's figures true when a job is completed", async () => {
    const { items } = await lawn.value<{ items: Doc[] }>('appointments.list', {
      filter: { status: 'scheduled' },
      sort: { field: 'scheduled_date' },
      limit: 1,
    });
    const job = items[0] as Doc & { assigned_staff_ids: string[] };
    const clientBefore = await lawn.value<Doc>('clients.get', { id: job.client_id });
    const staffBefore = await lawn.value<Doc>('staff.get', { id: job.assigned_staff_ids[0] });
    // The generic update may not close a job out: that is the job's status action.
    expect(
      await lawn.call('appointments.update', {
        id: job.appointment_id,
        version: job.version,
        changes: { status: 'completed' },
      }),
    ).toMatchObject({ ok: false, error: { kind: 'validation' } });
    const { appointment: done } = await lawn.value<{ appointment: Doc }>('jobs.setStatus', {
      appointment_id: job.appointment_id,
      version: job.version,
      change: {
        status: 'completed',
        actual_start_time: new Date('2026-04-15T14:00:00Z'),
        actual_end_time: new Date('2026-04-15T15:00:00Z'),
        amount_charged: 123.45,
      },
    });
    expect(done.status).toBe('completed');
    expect(done.actual_duration_minutes).toBe(60);
    const clientAfter = await lawn.value<Doc>('clients.get', { id: job.client_id });
    expect(clientAfter.job_count).toBe((clientBefore.job_count as number) + 1);
    expect(clientAfter.total_spent).toBeCloseTo((clientBefore.total_spent as number) + 123.45, 2);
    expect(clientAfter.last_job_date).toEqual(done.completed_at);
    const staffAfter = await lawn.value<Doc>('staff.get', { id: job.assigned_staff_ids[0] });
    expect(staffAfter.total_jobs_completed).toBe((staffBefore.total_jobs_completed as number) + 1);
  });

  it('computes the total price from price and discount', async () => {
    const { items } = await lawn.value<{ items: Doc[] }>('appointments.list', {
      filter: { status: 'scheduled' },
      limit: 1,
    });
    const job = items[0] as Doc;
    const priced = await lawn.value<Doc>('appointments.update', {
      id: job.appointment_id,
      version: job.version,
      changes: { custom_price: 100, discount: 15.5 },
    });
    expect(priced.total_price).toBe(84.5);
  });
});

describe('the business and its logs', () => {
  it('changes one setting and keeps the rest of the configuration', async () => {
    const owner = connection(core);
    await owner.value('auth.signIn', {
      email: 'owner@southern-lawn.example',
      password: DEMO_PASSWORD,
    });
    const before = await owner.value<Doc & { config: Doc }>('business.get');
    const after = await owner.value<Doc & { config: Doc }>('business.update', {
      version: before.version,
      changes: { config: { min_gap_between_jobs_minutes: 45 } },
    });
    expect(after.config).toEqual({ ...before.config, min_gap_between_jobs_minutes: 45 });
    expect(after.name).toBe(before.name);
    // Dispatchers run the board but do not change settings.
    expect(
      await lawn.call('business.update', { version: after.version, changes: { name: 'Mine now' } }),
    ).toMatchObject({
      ok: false,
      error: { kind: 'forbidden' },
    });
  });

  it("lists a business's own messages and calls only", async () => {
    const lawnMessages = await lawn.value<{ items: Doc[]; total: number }>('notifications.list', {
      limit: 500,
    });
    expect(lawnMessages.total).toBeGreaterThan(0);
    expect(lawnMessages.items.every((n) => n.business_id === lawn.session?.business_id)).toBe(true);
    const oneClient = String(lawnMessages.items[0]?.client_id);
    const forClient = await lawn.value<{ items: Doc[] }>('notifications.list', {
      client_id: oneClient,
    });
    expect(forClient.items.every((n) => n.client_id === oneClient)).toBe(true);
    const theirs = await hvac.value<{ items: Doc[] }>('notifications.list', {
      client_id: oneClient,
    });
    expect(theirs.items).toEqual([]);
    const calls = await lawn.value<{ items: Doc[] }>('calls.list', {});
    expect(calls.items.every((c) => c.business_id === lawn.session?.business_id)).toBe(true);
  });
});
