// Editing what was already recorded: an availability entry through availability.update, and one
// maintenance log entry at a time through equipment.add/update/removeMaintenance — each checked,
// audited and refused when stale.
import type { Db } from 'mongodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { connection } from '../../support/core';
import { demoWorld, type DemoWorld } from '../../support/demo';

const world = demoWorld('record_edits');
let db: Db;
let dispatch: Awaited<ReturnType<DemoWorld['signedIn']>>;
let owner: Awaited<ReturnType<DemoWorld['signedIn']>>;
let business: string;
type Doc = Record<string, unknown> & { version: number };

const day = (key: string) => new Date(`${key}T00:00:00Z`);
const stored = async (collection: string, filter: Doc | Record<string, unknown>) =>
  (await db.collection(collection).findOne(filter, { projection: { _id: 0 } })) as unknown as Doc;
const auditOf = (collection: string, document_id: string) =>
  db.collection('audit_entries').find({ collection, document_id }).sort({ _id: -1 }).toArray();

beforeAll(async () => {
  db = world.db;
  dispatch = await world.signedIn('dispatch@southern-lawn.example');
  owner = await world.signedIn('owner@southern-lawn.example');
  business = dispatch.session?.business_id ?? '';
});

describe('availability.update', () => {
  let staffId = '';
  const entryFor = (data: Record<string, unknown>) =>
    owner.value<Doc>('availability.create', {
      data: { staff_id: staffId, type: 'time_off', reason: 'vacation', ...data },
    });

  beforeAll(async () => {
    staffId = String((await stored('staff', { business_id: business })).staff_id);
  });

  it('turns a single day off into a range, recording who changed what', async () => {
    const entry = await entryFor({ date_from: day('2026-06-01'), date_to: day('2026-06-01') });
    const saved = await dispatch.value<Doc>('availability.update', {
      id: entry.availability_id,
      version: entry.version,
      changes: { date_to: day('2026-06-05'), notes: 'Beach week' },
    });
    expect(saved).toMatchObject({ version: 2, date_to: day('2026-06-05'), notes: 'Beach week' });
    const inDb = await stored('availability', { availability_id: entry.availability_id });
    expect(inDb).toMatchObject({ version: 2, date_to: day('2026-06-05') });
    const [last] = await auditOf('availability', String(entry.availability_id));
    expect(last).toMatchObject({
      action: 'updated',
      user_id: dispatch.session?.user_id,
      changes: {
        date_to: { before: day('2026-06-01'), after: day('2026-06-05') },
        notes: { before: null, after: 'Beach week' },
      },
    });
  });

  it("changes a recurring entry's weekdays and a business closure into special hours", async () => {
    const weekly = await entryFor({
      date_from: day('2026-05-01'),
      date_to: day('2026-08-31'),
      is_recurring: true,
      recurrence_rule: 'FREQ=WEEKLY;BYDAY=FR',
    });
    const saved = await dispatch.value<Doc>('availability.update', {
      id: weekly.availability_id,
      version: weekly.version,
      changes: { recurrence_rule: 'FREQ=WEEKLY;BYDAY=MO,FR' },
    });
    expect(saved.recurrence_rule).toBe('FREQ=WEEKLY;BYDAY=MO,FR');

    const closure = await owner.value<Doc>('availability.create', {
      data: {
        staff_id: null,
        type: 'time_off',
        reason: 'holiday',
        date_from: day('2026-07-03'),
        date_to: day('2026-07-03'),
      },
    });
    const special = await dispatch.value<Doc>('availability.update', {
      id: closure.availability_id,
      version: closure.version,
      changes: { type: 'special_hours', start_time: '08:00', end_time: '12:00' },
    });
    expect(special).toMatchObject({ type: 'special_hours', start_time: '08:00', staff_id: null });
  });

  it('refuses a change that breaks the entry, naming the field at fault', async () => {
    const entry = await entryFor({ date_from: day('2026-09-10'), date_to: day('2026-09-11') });
    const cases = [
      [{ date_to: day('2026-09-01') }, 'date_to'],
      [{ start_time: '10:00' }, 'end_time'],
      [{ is_recurring: true, recurrence_rule: 'EVERY FRIDAY' }, 'recurrence_rule'],
    ] as const;
    for (const [changes, field] of cases) {
      const result = await dispatch.call('availability.update', {
        id: entry.availability_id,
        version: entry.version,
        changes,
      });
      expect(result, field).toMatchObject({ ok: false, error: { kind: 'validation' } });
      if (!result.ok) {
        expect((result.error.details as { path: string }[]).map((d) => d.path)).toContain(field);
      }
    }
    expect((await stored('availability', { availability_id: entry.availability_id })).version).toBe(
      1,
    );
  });

  it('refuses a stale change and keeps the first one', async () => {
    const entry = await entryFor({ date_from: day('2026-10-05'), date_to: day('2026-10-05') });
    await owner.value('availability.update', {
      id: entry.availability_id,
      version: entry.version,
      changes: { reason: 'training' },
    });
    const stale = await dispatch.call('availability.update', {
      id: entry.availability_id,
      version: entry.version,
      changes: { reason: 'sick_day' },
    });
    expect(stale).toMatchObject({
      ok: false,
      error: {
        kind: 'conflict',
        message: expect.stringContaining('was changed by someone else') as unknown,
        details: { current_version: 2, changed_by: owner.session?.user_id },
      },
    });
    expect(await stored('availability', { availability_id: entry.availability_id })).toMatchObject({
      version: 2,
      reason: 'training',
    });
  });

  it('is refused without a sign-in', async () => {
    const anonymous = connection(world.core);
    const entry = await stored('availability', { business_id: business });
    expect(
      await anonymous.call('availability.update', {
        id: entry.availability_id,
        version: entry.version,
        changes: { notes: 'x' },
      }),
    ).toMatchObject({ ok: false, error: { kind: 'unauthenticated' } });
  });
});

describe('equipment maintenance log', () => {
  let id = '';
  let version = 0;
  const oil = {
    date: day('2026-03-02'),
    type: 'oil_change',
    notes: 'Synthetic 10W-30',
    cost: 45.5,
    hours: 120,
  };
  const blades = { date: day('2026-04-10'), type: 'blade_sharpening', notes: '', cost: 20 };

  beforeAll(async () => {
    const item = await owner.value<Doc>('equipment.create', {
      data: { name: 'Log test mower', category: 'mower' },
    });
    id = String(item.equipment_id);
    version = item.version;
  });

  const item = () => stored('equipment', { equipment_id: id });

  it('adds entries; total cost and last service date follow the log', async () => {
    let saved = await dispatch.value<Doc>('equipment.addMaintenance', { id, version, entry: oil });
    saved = await dispatch.value<Doc>('equipment.addMaintenance', {
      id,
      version: saved.version,
      entry: blades,
    });
    version = saved.version;
    const inDb = await item();
    expect(inDb.maintenance_notes).toEqual([oil, blades]);
    expect(inDb).toMatchObject({
      total_maintenance_cost: 65.5,
      last_maintenance_date: day('2026-04-10'),
    });
  });

  it('corrects an entry, recording the change in the audit log', async () => {
    const saved = await dispatch.value<Doc>('equipment.updateMaintenance', {
      id,
      version,
      index: 1,
      entry: { ...blades, date: day('2026-02-20'), notes: 'Both blades', cost: 32.25, hours: 90 },
    });
    version = saved.version;
    const inDb = await item();
    expect(inDb.maintenance_notes).toEqual([
      oil,
      { ...blades, date: day('2026-02-20'), notes: 'Both blades', cost: 32.25, hours: 90 },
    ]);
    expect(inDb).toMatchObject({
      total_maintenance_cost: 77.75,
      last_maintenance_date: day('2026-03-02'),
    });
    const [last] = await auditOf('equipment', id);
    expect(last).toMatchObject({
      action: 'updated',
      user_id: dispatch.session?.user_id,
      note: 'maintenance entry corrected: blade sharpening on 2026-02-20',
      changes: {
        total_maintenance_cost: { before: 65.5, after: 77.75 },
        last_maintenance_date: { before: day('2026-04-10'), after: day('2026-03-02') },
      },
    });
  });

  it('refuses bad input on the field at fault, and an entry that is not in the log', async () => {
    for (const [entry, path] of [
      [{ ...oil, cost: -5 }, 'entry.cost'],
      [{ ...oil, cost: 1.234 }, 'entry.cost'],
      [{ ...oil, hours: -1 }, 'entry.hours'],
      [{ ...oil, type: 'Oil change!' }, 'entry.type'],
      [{ ...oil, date: new Date('2026-03-02T10:00:00Z') }, 'entry.date'],
    ] as const) {
      const result = await dispatch.call('equipment.updateMaintenance', {
        id,
        version,
        index: 0,
        entry,
      });
      expect(result, path).toMatchObject({ ok: false, error: { kind: 'validation' } });
      if (!result.ok) expect((result.error.details as { path: string }[])[0]?.path).toBe(path);
    }
    expect(
      await dispatch.call('equipment.removeMaintenance', { id, version, index: 5 }),
    ).toMatchObject({ ok: false, error: { kind: 'validation', details: [{ path: 'index' }] } });
    expect((await item()).version).toBe(version);
  });

  it('refuses a stale edit, even when its position still exists, and keeps the first', async () => {
    const first = await owner.value<Doc>('equipment.updateMaintenance', {
      id,
      version,
      index: 0,
      entry: { ...oil, cost: 50 },
    });
    const stale = await dispatch.call('equipment.removeMaintenance', { id, version, index: 0 });
    expect(stale).toMatchObject({
      ok: false,
      error: {
        kind: 'conflict',
        message: expect.stringContaining('was changed by someone else') as unknown,
        details: { current_version: first.version, changed_by: owner.session?.user_id },
      },
    });
    expect((await item()).maintenance_notes).toHaveLength(2);
    version = first.version;
  });

  it('removes an entry; total cost and last service date follow, down to an empty log', async () => {
    const saved = await dispatch.value<Doc>('equipment.removeMaintenance', {
      id,
      version,
      index: 0,
    });
    expect(await item()).toMatchObject({
      total_maintenance_cost: 32.25,
      last_maintenance_date: day('2026-02-20'),
    });
    await dispatch.value('equipment.removeMaintenance', { id, version: saved.version, index: 0 });
    expect(await item()).toMatchObject({
      maintenance_notes: [],
      total_maintenance_cost: 0,
      last_maintenance_date: null,
    });
    const [last] = await auditOf('equipment', id);
    expect(last?.note).toBe('maintenance entry removed: blade sharpening on 2026-02-20');
  });

  it("never reaches another business's equipment, and needs a sign-in", async () => {
    const theirs = (await db
      .collection('equipment')
      .findOne({ business_id: { $ne: business } })) as unknown as Doc;
    const input = { id: theirs.equipment_id, version: theirs.version, entry: oil };
    expect(await dispatch.call('equipment.addMaintenance', input)).toMatchObject({
      ok: false,
      error: { kind: 'not_found' },
    });
    expect(await connection(world.core).call('equipment.addMaintenance', input)).toMatchObject({
      ok: false,
      error: { kind: 'unauthenticated' },
    });
  });
});
