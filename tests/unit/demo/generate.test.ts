// The demo data: deterministic, valid against every schema, believable and internally consistent.
import { Temporal } from 'temporal-polyfill';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_OWNER_EMAIL,
  expandDates,
  generateDemoData,
  type DemoData,
} from '../../../electron/core/demo/generate';
import { distanceKm } from '../../../electron/core/demo/places';
import { COLLECTION_NAMES, collections, type Appointment } from '../../../shared/schemas';
import { addDays, dateKeyOf, minutesOf, toUtcInstant, weekdayName } from '../../../shared/time';

const HASH = '$2b$04$oboxix4eVQWu9lNajgORaeAVcfJ6f/AlgA9Jc9a.ne7tc2HOtafbu';
const TODAY = '2026-11-25';
const options = {
  today: Temporal.PlainDate.from(TODAY),
  now: new Date('2026-11-25T17:20:00Z'),
  passwordHash: HASH,
};

let data: DemoData;
let lawnId: string;
let hvacId: string;

beforeAll(() => {
  data = generateDemoData(options);
  const [lawn, hvac] = data.businesses;
  lawnId = lawn?.business_id ?? '';
  hvacId = hvac?.business_id ?? '';
});

const of = <T extends { business_id: string | null }>(docs: T[], businessId: string) =>
  docs.filter((d) => d.business_id === businessId);

const cents = (amount: number) => Math.round(amount * 100);

describe('determinism', () => {
  it('gives byte-identical output for the same seed and day', () => {
    const again = generateDemoData(options);
    expect(JSON.stringify(again)).toBe(JSON.stringify(data));
  });

  it('gives different data for another seed', () => {
    const other = generateDemoData({ ...options, seed: 7 });
    expect(other.clients[0]?.client_id).not.toBe(data.clients[0]?.client_id);
    expect(JSON.stringify(other.clients)).not.toBe(JSON.stringify(data.clients));
  });
});

describe('other days', () => {
  it.each(['2026-03-10', '2027-01-04', '2026-07-03'])(
    'generates valid data centred on %s',
    (day) => {
      const other = generateDemoData({
        today: Temporal.PlainDate.from(day),
        now: toUtcInstant(day, '11:20', 'America/Chicago'),
        passwordHash: HASH,
      });
      for (const name of COLLECTION_NAMES) {
        for (const doc of other[name] as unknown[]) {
          expect(collections[name].schema.safeParse(doc).error?.issues ?? [], name).toEqual([]);
        }
      }
      const dates = other.appointments.map((a) => dateKeyOf(a.scheduled_date)).sort();
      expect(dates[0]! >= addDays(day, -70)).toBe(true);
      expect(dates.at(-1)! <= addDays(day, 14)).toBe(true);
      expect(other.availability.some((e) => e.reason === 'holiday')).toBe(true);
    },
  );
});

describe('validity', () => {
  it('every document passes its schema unchanged (nothing left to defaults)', () => {
    for (const name of COLLECTION_NAMES) {
      const docs = data[name] as unknown[];
      expect(docs.length, name).toBeGreaterThan(0);
      for (const doc of docs) {
        const result = collections[name].schema.safeParse(doc);
        expect(result.error?.issues ?? [], `${name}`).toEqual([]);
        expect(result.data).toEqual(doc);
      }
    }
  });

  it('has unique ids, and a history everywhere that starts with its creation, one version a step', () => {
    for (const name of COLLECTION_NAMES) {
      const { idField } = collections[name];
      const docs = data[name] as unknown as Record<string, unknown>[];
      const ids = docs.map((d) => d[idField]);
      expect(new Set(ids).size, name).toBe(ids.length);
      for (const doc of docs) {
        const audit = doc.audit_log as { action: string; timestamp: Date }[];
        expect(doc.version).toBe(audit.length);
        expect(audit[0]?.action).toBe('created');
        expect(audit[0]?.timestamp).toEqual(doc.created_at);
        const times = audit.map((entry) => entry.timestamp.getTime());
        expect(times).toEqual([...times].sort((a, b) => a - b));
        expect((doc.updated_at as Date).getTime()).toBeGreaterThanOrEqual(times.at(-1) ?? 0);
        expect(times.at(-1) ?? 0).toBeLessThanOrEqual(options.now.getTime());
        expect((doc.created_at as Date).getTime()).toBeLessThanOrEqual(options.now.getTime());
        expect((doc.updated_at as Date).getTime()).toBeLessThanOrEqual(options.now.getTime());
      }
    }
  });
});

describe('the two businesses', () => {
  it('has a Birmingham lawn-care company and a Denver HVAC company', () => {
    expect(data.businesses.map((b) => [b.vertical, b.timezone])).toEqual([
      ['lawn_care', 'America/Chicago'],
      ['hvac', 'America/Denver'],
    ]);
  });

  it('has the required counts per business', () => {
    const leads = (id: string) => of(data.staff, id).filter((s) => s.role === 'crew_lead');
    expect(leads(lawnId)).toHaveLength(6);
    expect(of(data.clients, lawnId)).toHaveLength(150);
    expect(of(data.services, lawnId)).toHaveLength(8);
    expect(of(data.equipment, lawnId)).toHaveLength(20);
    expect(leads(hvacId)).toHaveLength(3);
    expect(of(data.staff, hvacId)).toHaveLength(3);
    expect(of(data.clients, hvacId)).toHaveLength(40);
    expect(of(data.services, hvacId)).toHaveLength(5);
    expect(of(data.equipment, hvacId)).toHaveLength(8);
    expect(of(data.appointments, hvacId).length).toBeGreaterThan(50);
  });

  it('organises the lawn staff as 6 crews of a lead with 1–2 members', () => {
    const lawnStaff = of(data.staff, lawnId);
    const leads = new Set(lawnStaff.filter((s) => s.role === 'crew_lead').map((s) => s.staff_id));
    const membersOf = new Map<string, Set<string>>();
    const leadOf = new Map<string, Set<string>>();
    for (const a of of(data.appointments, lawnId)) {
      const [lead, ...members] = a.assigned_staff_ids;
      expect(leads.has(lead ?? '')).toBe(true);
      for (const m of members) {
        membersOf.set(lead ?? '', (membersOf.get(lead ?? '') ?? new Set()).add(m));
        leadOf.set(m, (leadOf.get(m) ?? new Set()).add(lead ?? ''));
      }
    }
    expect(membersOf.size).toBe(6);
    for (const members of membersOf.values()) expect([1, 2]).toContain(members.size);
    for (const crewLeads of leadOf.values()) expect(crewLeads.size).toBe(1);
    expect(lawnStaff.filter((s) => s.role === 'crew_member')).toHaveLength(leadOf.size);
  });

  it('keeps every reference inside its own business', () => {
    for (const business of data.businesses) {
      const id = business.business_id;
      const clients = new Set(of(data.clients, id).map((c) => c.client_id));
      const services = new Set(of(data.services, id).map((s) => s.service_id));
      const staff = new Set(of(data.staff, id).map((s) => s.staff_id));
      const equipment = new Set(of(data.equipment, id).map((e) => e.equipment_id));
      for (const a of of(data.appointments, id)) {
        expect(clients.has(a.client_id)).toBe(true);
        expect(services.has(a.service_id)).toBe(true);
        for (const s of a.assigned_staff_ids) expect(staff.has(s)).toBe(true);
        for (const e of a.assigned_equipment_ids) expect(equipment.has(e)).toBe(true);
      }
      for (const s of of(data.services, id)) {
        for (const e of s.requires_equipment_ids) expect(equipment.has(e)).toBe(true);
      }
      for (const n of of(data.notifications, id)) expect(clients.has(n.client_id ?? '')).toBe(true);
      expect(of(data.users, id).some((u) => u.user_id === business.owner_id)).toBe(true);
    }
  });

  it('has an owner and a dispatcher with the given password hash', () => {
    const owner = data.users.find((u) => u.email === DEMO_OWNER_EMAIL);
    expect(owner?.role).toBe('owner');
    expect(owner?.business_id).toBe(lawnId);
    expect(of(data.users, lawnId).map((u) => u.role)).toEqual(['owner', 'staff']);
    expect(of(data.users, hvacId).map((u) => u.role)).toEqual(['owner']);
    for (const u of data.users) expect(u.password_hash).toBe(HASH);
  });
});

describe('places and contact data', () => {
  it('puts Birmingham clients within 25 km of downtown with Birmingham-area addresses', () => {
    for (const c of of(data.clients, lawnId)) {
      const km = distanceKm(
        { lat: 33.5186, lng: -86.8104 },
        { lat: c.latitude ?? 0, lng: c.longitude ?? 0 },
      );
      expect(km).toBeLessThan(25);
      expect(c.zip_code).toMatch(/^35\d{3}$/);
      expect(c.address).toMatch(/^\d+ .+, .+, AL 35\d{3}$/);
      expect(c.location?.coordinates).toEqual([c.longitude, c.latitude]);
    }
    const spread = of(data.clients, lawnId).map((c) =>
      distanceKm({ lat: 33.5186, lng: -86.8104 }, { lat: c.latitude ?? 0, lng: c.longitude ?? 0 }),
    );
    expect(Math.max(...spread)).toBeGreaterThan(12);
    expect(new Set(of(data.clients, lawnId).map((c) => c.zip_code)).size).toBeGreaterThan(10);
  });

  it('puts Denver clients in Colorado', () => {
    for (const c of of(data.clients, hvacId)) {
      expect(c.state).toBe('CO');
      expect(c.zip_code).toMatch(/^80\d{3}$/);
    }
  });

  it('uses only reserved email domains and 555-01xx phone numbers', () => {
    const emails: string[] = [];
    const phones: string[] = [];
    const walk = (value: unknown, key = ''): void => {
      if (typeof value === 'string') {
        if (/email/.test(key)) emails.push(value);
        if (/phone/.test(key)) phones.push(value);
      } else if (Array.isArray(value)) {
        for (const item of value) walk(item, key);
      } else if (value && typeof value === 'object' && !(value instanceof Date)) {
        for (const [k, v] of Object.entries(value)) walk(v, k);
      }
    };
    walk(data);
    expect(emails.length).toBeGreaterThan(150);
    expect(phones.length).toBeGreaterThan(190);
    for (const email of emails)
      expect(email).toMatch(/@(example\.com|[a-z0-9-]+\.example|[a-z0-9.-]+\.test)$/);
    for (const phone of phones) expect(phone).toMatch(/^\+1-\d{3}-555-01\d\d$/);
    const people = [...data.clients, ...data.staff, ...data.users].map((p) => p.phone);
    expect(new Set(people).size).toBe(people.length);
  });
});

describe('services and equipment', () => {
  it('prices and times services realistically', () => {
    for (const s of data.services) {
      expect(s.default_duration_minutes).toBeGreaterThanOrEqual(30);
      expect(s.default_duration_minutes).toBeLessThanOrEqual(180);
      expect(s.default_price).toBeLessThan(500);
    }
    const lawn = of(data.services, lawnId);
    expect(
      lawn.find((s) => s.name === 'Full Lawn Maintenance')?.requires_equipment_ids.length,
    ).toBe(3);
  });

  it('has mowers, edgers, blowers, trimmers, trucks and trailers in every state of repair', () => {
    const lawn = of(data.equipment, lawnId);
    const categories = new Set(lawn.map((e) => e.category));
    for (const c of ['mower', 'edger', 'blower', 'trimmer', 'truck', 'trailer'] as const) {
      expect(categories.has(c)).toBe(true);
    }
    expect(lawn.filter((e) => e.status === 'maintenance')).toHaveLength(1);
    const retired = lawn.filter((e) => e.status === 'retired');
    expect(retired).toHaveLength(1);
    expect(retired[0]?.is_active).toBe(false);
    const due = lawn.flatMap((e) =>
      e.maintenance_due_date ? [dateKeyOf(e.maintenance_due_date)] : [],
    );
    expect(due.filter((d) => d < TODAY).length).toBeGreaterThanOrEqual(1);
    expect(due.filter((d) => d >= TODAY && d <= addDays(TODAY, 14)).length).toBeGreaterThanOrEqual(
      1,
    );
    for (const e of data.equipment) {
      expect(e.total_maintenance_cost).toBeCloseTo(
        e.maintenance_notes.reduce((s, n) => s + n.cost, 0),
        2,
      );
    }
  });
});

describe('appointments', () => {
  const local = (a: Appointment) => dateKeyOf(a.scheduled_date);

  it("carries each job's history as the app writes it: booked, then started and completed, canceled or replaced", () => {
    const actions = (a: Appointment) => a.audit_log.map((entry) => entry.action);
    const byStatus = (status: Appointment['status']) =>
      data.appointments.filter((a) => a.status === status);
    for (const status of [
      'scheduled',
      'in_progress',
      'completed',
      'canceled',
      'rescheduled',
    ] as const) {
      expect(byStatus(status).length, status).toBeGreaterThan(0);
    }
    for (const a of byStatus('completed')) {
      expect(actions(a)).toEqual(['created', 'started', 'completed']);
      const done = a.audit_log[2]!;
      expect(done.timestamp).toEqual(a.completed_at);
      expect(done.changes?.status).toEqual({ before: 'in_progress', after: 'completed' });
      expect(done.changes?.amount_charged?.after).toBe(a.amount_charged);
      expect(a.audit_log[1]!.timestamp).toEqual(a.actual_start_time);
    }
    for (const a of byStatus('in_progress')) expect(actions(a)).toEqual(['created', 'started']);
    for (const a of byStatus('canceled')) {
      expect(actions(a)).toEqual(['created', 'canceled']);
      expect(a.audit_log[1]!.changes?.cancellation_reason?.after).toBe(a.cancellation_reason);
    }
    for (const a of byStatus('rescheduled')) {
      expect(actions(a)).toEqual(['created', 'rescheduled']);
      // Its replacement says where it came from, in the business's own time.
      const next = data.appointments.find(
        (b) => b.rescheduled_from_appointment_id === a.appointment_id,
      );
      expect(next?.audit_log[0]?.note).toMatch(
        /^Rescheduled from \w{3}, \w{3} \d+ \d+:\d{2} [AP]M/,
      );
    }
    // A job booked ahead has only been booked (or replaced an earlier one).
    for (const a of byStatus('scheduled')) expect(actions(a)).toEqual(['created']);
  });

  it('spans 10 weeks back and 2 weeks ahead, on weekdays within business hours', () => {
    const dates = data.appointments.map(local).sort();
    expect(dates[0]! >= addDays(TODAY, -70)).toBe(true);
    expect(dates[0]! <= addDays(TODAY, -63)).toBe(true);
    expect(dates.at(-1)! <= addDays(TODAY, 14)).toBe(true);
    expect(dates.at(-1)! >= addDays(TODAY, 8)).toBe(true);
    for (const business of data.businesses) {
      for (const a of of(data.appointments, business.business_id)) {
        const hours = business.config.business_hours[weekdayName(local(a))];
        expect(hours, local(a)).not.toBeNull();
        expect(a.scheduled_start_time >= hours!.start).toBe(true);
        expect(a.scheduled_end_time <= hours!.end).toBe(true);
        expect(minutesOf(a.scheduled_end_time) - minutesOf(a.scheduled_start_time)).toBe(
          a.estimated_duration_minutes,
        );
      }
    }
  });

  it('never double-books anyone and leaves at least 30 minutes between jobs', () => {
    const byStaffDay = new Map<string, Appointment[]>();
    for (const a of data.appointments) {
      for (const s of a.assigned_staff_ids) {
        const key = `${s} ${local(a)}`;
        byStaffDay.set(key, [...(byStaffDay.get(key) ?? []), a]);
      }
    }
    let pairs = 0;
    for (const jobs of byStaffDay.values()) {
      jobs.sort((x, y) => minutesOf(x.scheduled_start_time) - minutesOf(y.scheduled_start_time));
      for (let i = 1; i < jobs.length; i++) {
        const gap =
          minutesOf(jobs[i]!.scheduled_start_time) - minutesOf(jobs[i - 1]!.scheduled_end_time);
        expect(gap).toBeGreaterThanOrEqual(30);
        pairs++;
      }
    }
    expect(pairs).toBeGreaterThan(500);
  });

  it('has a believable mix of outcomes in the past and only open work ahead', () => {
    const past = data.appointments.filter((a) => local(a) < TODAY);
    const future = data.appointments.filter((a) => local(a) > TODAY);
    const count = (list: Appointment[], status: string) =>
      list.filter((a) => a.status === status).length;
    expect(count(past, 'completed') / past.length).toBeGreaterThan(0.8);
    expect(count(past, 'canceled')).toBeGreaterThan(5);
    expect(count(past, 'rescheduled')).toBeGreaterThan(5);
    expect(count(past, 'scheduled') + count(past, 'in_progress')).toBe(0);
    expect(future.length).toBeGreaterThan(100);
    expect(future.every((a) => a.status === 'scheduled')).toBe(true);
    for (const a of data.appointments.filter((x) => x.status === 'completed')) {
      expect(a.amount_charged).toBe(a.total_price);
      expect(a.actual_start_time).not.toBeNull();
      expect(a.completed_at).toEqual(a.actual_end_time);
      expect(a.completed_at!.getTime()).toBeLessThanOrEqual(options.now.getTime());
    }
    for (const a of data.appointments.filter((x) => x.status === 'canceled')) {
      expect(a.cancellation_reason).toBeTruthy();
    }
    expect(data.appointments.filter((a) => a.client_rating !== null).length).toBeGreaterThan(100);
  });

  it('links each weather reschedule to the rained-out original', () => {
    const byId = new Map(data.appointments.map((a) => [a.appointment_id, a]));
    const moved = data.appointments.filter((a) => a.was_rescheduled_due_to_weather);
    expect(moved.length).toBeGreaterThan(5);
    for (const a of moved) {
      const original = byId.get(a.rescheduled_from_appointment_id ?? '');
      expect(original?.status).toBe('rescheduled');
      expect(original?.weather_data_at_time?.rain_percent).toBeGreaterThanOrEqual(70);
      expect(local(a) > local(original!)).toBe(true);
      expect(original?.client_id).toBe(a.client_id);
      expect(a.rescheduled_from_datetime).toEqual(
        toUtcInstant(local(original!), original!.scheduled_start_time, 'America/Chicago'),
      );
    }
  });

  it('respects time off and holidays', () => {
    const offDays = new Map<string, Set<string>>();
    const closed = new Map<string, Set<string>>();
    for (const entry of data.availability.filter((e) => e.type === 'time_off')) {
      const dates = expandDates(entry);
      const map = entry.staff_id === null ? closed : offDays;
      const key = entry.staff_id ?? entry.business_id;
      map.set(key, new Set([...(map.get(key) ?? []), ...dates]));
    }
    for (const a of data.appointments) {
      expect(closed.get(a.business_id)?.has(local(a)) ?? false).toBe(false);
      for (const s of a.assigned_staff_ids)
        expect(offDays.get(s)?.has(local(a)) ?? false).toBe(false);
    }
    // Thanksgiving 2026 (Thu 26 and Fri 27 November) is closed.
    expect(closed.get(lawnId)?.has('2026-11-26')).toBe(true);
    expect(data.appointments.some((a) => local(a) === '2026-11-27')).toBe(false);
  });
});

describe('availability and notifications', () => {
  it('has vacations, a sick day, a biweekly RRULE and a business-wide holiday', () => {
    const lawn = of(data.availability, lawnId);
    expect(lawn.filter((e) => e.reason === 'vacation').length).toBeGreaterThanOrEqual(2);
    expect(lawn.some((e) => e.reason === 'sick_day')).toBe(true);
    const recurring = lawn.find((e) => e.is_recurring);
    expect(recurring?.recurrence_rule).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=FR');
    const fridays = expandDates(recurring!);
    expect(fridays.length).toBeGreaterThan(10);
    expect(fridays.every((d) => weekdayName(d) === 'friday')).toBe(true);
    expect(lawn.some((e) => e.reason === 'holiday' && e.staff_id === null)).toBe(true);
    expect(of(data.availability, hvacId).some((e) => e.reason === 'holiday')).toBe(true);
  });

  it('logs confirmations and reminders, one failure and an opted-out client', () => {
    const n = data.notifications;
    expect(
      n.filter((x) => x.type === 'appointment_confirmation' && x.status === 'sent').length,
    ).toBeGreaterThan(500);
    expect(
      n.filter((x) => x.type === 'appointment_reminder' && x.status === 'sent').length,
    ).toBeGreaterThan(500);
    expect(n.some((x) => x.type === 'reschedule_notification')).toBe(true);
    const failed = n.filter((x) => x.status === 'failed');
    expect(failed.length).toBeGreaterThanOrEqual(1);
    expect(failed[0]?.failure_reason).toBeTruthy();
    const optedOut = n.filter((x) => x.status === 'opted_out');
    expect(optedOut.length).toBeGreaterThanOrEqual(1);
    expect(optedOut.every((x) => x.sent_at === null)).toBe(true);
    for (const x of n) expect(x.created_at.getTime()).toBeLessThanOrEqual(options.now.getTime());
  });

  it('keeps appointments in step with their notifications', () => {
    const byAppointment = new Map<string, typeof data.notifications>();
    for (const x of data.notifications) {
      const key = x.appointment_id ?? '';
      byAppointment.set(key, [...(byAppointment.get(key) ?? []), x]);
    }
    for (const a of data.appointments) {
      const sent = (byAppointment.get(a.appointment_id) ?? []).filter((x) => x.status === 'sent');
      const reminder = sent.find((x) => x.type === 'appointment_reminder');
      expect(a.reminder_sent_at).toEqual(reminder?.sent_at ?? null);
      const first = sent.find((x) => x.type !== 'appointment_reminder');
      expect(a.client_notified_at).toEqual(first?.sent_at ?? null);
    }
  });

  it('caches the coming forecast with one day over the rain threshold', () => {
    const cache = of(data.weather_cache, lawnId);
    expect(cache).toHaveLength(5);
    expect(cache.filter((c) => c.threshold_exceeded)).toHaveLength(1);
    for (const c of cache) expect(c.expires_at.getTime()).toBeGreaterThan(options.now.getTime());
  });

  it('has AI receptionist calls with each kind of outcome', () => {
    const outcomes = new Set(data.voice_sessions.map((v) => v.outcome));
    for (const o of ['appointment_booked', 'reschedule_confirmed', 'info_provided', 'escalated']) {
      expect(outcomes.has(o as never)).toBe(true);
    }
    const booked = data.voice_sessions.find((v) => v.outcome === 'appointment_booked');
    expect(data.appointments.some((a) => a.appointment_id === booked?.appointment_id_created)).toBe(
      true,
    );
  });
});

describe('derived fields', () => {
  it('matches client metrics to their appointments', () => {
    for (const c of data.clients) {
      const done = data.appointments.filter(
        (a) => a.client_id === c.client_id && a.status === 'completed',
      );
      expect(c.job_count).toBe(done.length);
      expect(cents(c.total_spent)).toBe(done.reduce((s, a) => s + cents(a.amount_charged ?? 0), 0));
      const ratings = done.flatMap((a) => (a.client_rating === null ? [] : [a.client_rating]));
      if (ratings.length === 0) expect(c.avg_rating).toBeNull();
      else expect(c.avg_rating).toBeCloseTo(ratings.reduce((s, r) => s + r, 0) / ratings.length, 1);
      const last = Math.max(0, ...done.map((a) => a.completed_at!.getTime()));
      expect(c.last_job_date?.getTime() ?? 0).toBe(last);
    }
  });

  it('matches staff metrics to their appointments', () => {
    for (const s of data.staff) {
      const mine = data.appointments.filter((a) => a.assigned_staff_ids.includes(s.staff_id));
      const done = mine.filter((a) => a.status === 'completed');
      const canceled = mine.filter((a) => a.status === 'canceled');
      expect(s.total_jobs_completed).toBe(done.length);
      const mean = done.reduce((sum, a) => sum + (a.actual_duration_minutes ?? 0), 0) / done.length;
      expect(s.avg_completion_time_minutes).toBe(Math.round(mean));
      const rate = canceled.length / (done.length + canceled.length);
      expect(s.cancellation_rate).toBe(Math.round(rate * 1000) / 1000);
    }
  });

  it('counts staff and clients on each business', () => {
    for (const b of data.businesses) {
      expect(b.staff_count).toBe(of(data.staff, b.business_id).length);
      expect(b.client_count).toBe(of(data.clients, b.business_id).length);
    }
  });
});
