import { beforeAll, describe, expect, it } from 'vitest';
import type { Output } from '../../../shared/contract';
import { demoWorld, type DemoWorld } from '../../support/demo';
import { seedRouteDay, type Job, type RouteDayFixture } from './day-fixture';

const world = demoWorld('routes_apply');
let lawn: Awaited<ReturnType<DemoWorld['signedIn']>>;
let day: RouteDayFixture;
type Proposal = Output<'routes.propose'>;
// A Wednesday after the demo's jobs end: only the constructed day is on it.
const DATE = '2026-05-13';

beforeAll(async () => {
  lawn = await world.signedIn('dispatch@southern-lawn.example');
  day = await seedRouteDay(lawn, world.db, DATE);
});

const id = (key: string) => day.jobs[key]?.appointment_id as string;
const stored = async (key: string) =>
  (await world.db
    .collection('appointments')
    .findOne({ appointment_id: id(key) })) as unknown as Job;

describe('routes.apply', () => {
  let applied: Proposal['changes'];

  it("saves a crew's proposal, notes it in the audit log and tells every board", async () => {
    const proposal = await lawn.value<Proposal>('routes.propose', {
      date: DATE,
      crew_id: day.leadA,
    });
    applied = proposal.changes;
    expect(applied.map((c) => c.appointment_id).sort()).toEqual(['A2', 'A4', 'A8'].map(id).sort());
    const heard: { name: string; payload: { appointment_ids: string[]; dates: string[] } }[] = [];
    const stop = world.core.events.subscribe((name, payload) =>
      heard.push({ name, payload: payload as never }),
    );

    const result = await lawn.value<{ appointments: Job[]; warnings: unknown[] }>('routes.apply', {
      date: DATE,
      changes: applied,
    });
    expect(result.warnings).toEqual([]);
    expect(result.appointments.map((a) => a.appointment_id)).toEqual(
      applied.map((c) => c.appointment_id),
    );
    for (const change of applied) {
      const key = Object.keys(day.jobs).find((k) => id(k) === change.appointment_id) as string;
      const doc = await stored(key);
      expect(doc).toMatchObject({
        version: change.version + 1,
        scheduled_start_time: change.start,
        scheduled_end_time: change.end,
        assigned_staff_ids: [day.leadA],
      });
      expect(doc.audit_log.at(-1)).toMatchObject({ action: 'moved', note: 'Route optimization' });
    }
    expect(
      await world.db.collection('audit_entries').countDocuments({
        document_id: { $in: applied.map((c) => c.appointment_id) },
        action: 'moved',
        note: 'Route optimization',
      }),
    ).toBe(applied.length);
    // The confirmed job kept its time.
    expect(await stored('A6')).toMatchObject({
      version: day.jobs.A6?.version,
      scheduled_start_time: '11:30',
    });

    await expect
      .poll(
        () =>
          applied.every((c) =>
            heard.some(
              (e) =>
                e.name === 'board.changed' &&
                e.payload.dates.includes(DATE) &&
                e.payload.appointment_ids.includes(c.appointment_id),
            ),
          ),
        { timeout: 3_000, interval: 50 },
      )
      .toBe(true);
    stop();
  });

  it('refuses the same proposal again: its versions are stale, and nothing is written', async () => {
    const before = await Promise.all(['A2', 'A4', 'A8'].map(stored));
    const result = await lawn.call('routes.apply', { date: DATE, changes: applied });
    expect(result).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    if (!result.ok) {
      expect(result.error.message).toContain('nothing was saved');
      expect((result.error.details as { stale: unknown[] }).stale).toHaveLength(3);
    }
    expect(await Promise.all(['A2', 'A4', 'A8'].map(stored))).toEqual(before);
  });

  it('refuses the whole apply when one job changed since the proposal, before any write', async () => {
    const [b4w, b5e] = [await stored('B4w'), await stored('B5e')];
    // Someone edits the east job after the proposal was made.
    await lawn.value('appointments.update', {
      id: id('B5e'),
      version: b5e.version,
      changes: { notes: 'Gate code 4411' },
    });
    const result = await lawn.call('routes.apply', {
      date: DATE,
      changes: [
        // First in the list: a write-as-you-go apply would already have saved it.
        {
          appointment_id: id('B4w'),
          version: b4w.version,
          start: '10:00',
          end: '11:00',
          staff_ids: [day.leadB],
        },
        {
          appointment_id: id('B5e'),
          version: b5e.version,
          start: '13:00',
          end: '14:00',
          staff_ids: [day.leadB],
        },
      ],
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        kind: 'conflict',
        details: {
          stale: [
            {
              appointment_id: id('B5e'),
              expected_version: b5e.version,
              current_version: b5e.version + 1,
            },
          ],
        },
      },
    });
    expect(await stored('B4w')).toEqual(b4w);
  });

  it("refuses a change that breaks a rule with the rule's message, and writes nothing", async () => {
    const b4w = await stored('B4w');
    const b5e = await stored('B5e');
    // Onto the crew's own east job, which is not part of the changes.
    const result = await lawn.call('routes.apply', {
      date: DATE,
      changes: [
        {
          appointment_id: id('B4w'),
          version: b4w.version,
          start: b5e.scheduled_start_time,
          end: b5e.scheduled_end_time,
          staff_ids: [day.leadB],
        },
      ],
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        kind: 'conflict',
        details: {
          overridable: false,
          violations: [expect.objectContaining({ rule: 'staff_overlap' })],
        },
      },
    });
    if (!result.ok) expect(result.error.message).toContain(day.names.B5e);
    expect(await stored('B4w')).toEqual(b4w);
  });

  it('lets jobs swap places: each is checked against the others, not its own old slot', async () => {
    const [b4w, b5e] = [await stored('B4w'), await stored('B5e')];
    const result = await lawn.value<{ appointments: Job[] }>('routes.apply', {
      date: DATE,
      changes: [
        {
          appointment_id: id('B4w'),
          version: b4w.version,
          start: b5e.scheduled_start_time,
          end: b5e.scheduled_end_time,
          staff_ids: [day.leadB],
        },
        {
          appointment_id: id('B5e'),
          version: b5e.version,
          start: b4w.scheduled_start_time,
          end: b4w.scheduled_end_time,
          staff_ids: [day.leadB],
        },
      ],
    });
    expect(result.appointments.map((a) => a.scheduled_start_time)).toEqual([
      b5e.scheduled_start_time,
      b4w.scheduled_start_time,
    ]);
  });

  it('never moves a job confirmed with the client', async () => {
    const a6 = await stored('A6');
    const result = await lawn.call('routes.apply', {
      date: DATE,
      changes: [
        {
          appointment_id: id('A6'),
          version: a6.version,
          start: '15:00',
          end: '16:00',
          staff_ids: [day.leadA],
        },
      ],
    });
    expect(result).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    expect(await stored('A6')).toEqual(a6);
  });

  it("applies a day's proposal that hands a job to another crew, with that crew's people", async () => {
    const proposal = await lawn.value<Proposal>('routes.propose', { date: DATE });
    expect(proposal.rule_check.status).toBe('ok');
    const handed = proposal.changes.find((c) => c.appointment_id === id('B5e'));
    expect(handed?.staff_ids).toEqual([day.leadA]);
    await lawn.value('routes.apply', { date: DATE, changes: proposal.changes });
    expect(await stored('B5e')).toMatchObject({
      assigned_staff_ids: [day.leadA],
      scheduled_start_time: handed?.start,
    });
  });

  it('refuses bad input: a date not YYYY-MM-DD, too many changes, a job listed twice', async () => {
    const change = {
      appointment_id: id('A2'),
      version: 1,
      start: '08:00',
      end: '09:00',
      staff_ids: [day.leadA],
    };
    for (const input of [
      { date: '13/05/2026', changes: [change] },
      { date: DATE, changes: Array.from({ length: 201 }, () => change) },
      { date: DATE, changes: [change, change] },
      { date: DATE, changes: [] },
      { date: DATE, changes: [{ ...change, start: '8am' }] },
    ]) {
      expect(await lawn.call('routes.apply', input)).toMatchObject({
        ok: false,
        error: { kind: 'validation' },
      });
    }
    const tooMany = await lawn.call('routes.apply', {
      date: DATE,
      changes: Array.from({ length: 201 }, (_, i) => ({ ...change, version: i + 1 })),
    });
    expect(JSON.stringify(tooMany)).toContain('at most 200');
  });
});
