// The reports benchmark's year: one lawn-care business with 20 crews, 10 services, 3,000 clients and
// about 50,000 appointments over the 365 days the report covers (completed, canceled, moved for the
// weather or at the client's request, and the last two weeks still booked ahead), with the staff's
// time off, the equipment's upkeep and the texts sent about the jobs — written straight into the
// database in the collections' exact shapes (every document is parsed by its zod schema first, as
// the core's output validation would). The same world on every run, apart from the dates, which
// follow today.
import type { Db } from 'mongodb';
import { withSearchTerms } from '../../electron/core/services/records/search-terms';
import {
  appointmentSchema,
  availabilitySchema,
  businessSchema,
  clientSchema,
  createIdGenerator,
  equipmentSchema,
  notificationSchema,
  serviceSchema,
  staffSchema,
  type Appointment,
  type Availability,
  type Client,
  type Equipment,
  type EquipmentCategory,
  type IdPrefix,
  type MaintenanceNote,
  type Notification,
  type Staff,
  type WeeklyHours,
} from '../../shared/schemas';
import {
  addDays,
  dateKeyOf,
  daysBetween,
  hhmm,
  localDateOf,
  minutesOf,
  scheduledDateValue,
  toUtcInstant,
  weekdayName,
  type DateKey,
} from '../../shared/time';
import { FIRST_NAMES, LAST_NAMES } from './records-data';

export const CREWS = 20;
export const CLIENTS = 3_000;
export const EQUIPMENT = 30;
/** The report covers this many days, ending on its `to` day (inclusive). */
export const REPORT_DAYS = 365;
/** The report's last day is this far after today, so its last two weeks are still booked ahead. */
const DAYS_BOOKED_AHEAD = 14;
/** Clients who became clients during the year; the rest were clients before it. */
const NEW_CLIENTS = 600;
/** The first clients are the regulars (weekly mows): they get most of the jobs. */
const REGULARS = 800;
const BATCH = 1_000;
const MIN_GAP_MINUTES = 15;
const WEEKDAY_HOURS = { start: '07:30', end: '17:30' };
const SATURDAY_HOURS = { start: '08:00', end: '13:00' };
/** Past days on which rain moved most of the day's work to each crew's next working day. */
const RAIN_DAYS = 14;
const RAIN_MOVES = 0.6;
const CANCELED = 0.05;
/** Moved at the client's request (not the weather). */
const RESCHEDULED = 0.015;
const REMINDED = 0.7;
const RATED = 0.3;

const SERVICES = [
  { name: 'Weekly mow', minutes: 40, price: 55, weight: 30, months: null },
  { name: 'Biweekly mow', minutes: 45, price: 65, weight: 14, months: null },
  { name: 'Edging and trim', minutes: 30, price: 40, weight: 10, months: null },
  { name: 'Hedge trimming', minutes: 75, price: 95, weight: 6, months: null },
  { name: 'Leaf cleanup', minutes: 120, price: 180, weight: 14, months: [10, 11, 12, 1] },
  { name: 'Fertilizer treatment', minutes: 35, price: 75, weight: 8, months: [3, 4, 5, 9, 10] },
  { name: 'Weed control', minutes: 35, price: 65, weight: 8, months: [4, 5, 6, 7, 8] },
  { name: 'Core aeration', minutes: 60, price: 140, weight: 8, months: [3, 4, 9, 10] },
  { name: 'Mulch installation', minutes: 120, price: 260, weight: 4, months: [2, 3, 4, 5] },
  { name: 'Irrigation check', minutes: 45, price: 85, weight: 5, months: [4, 5, 6, 7, 8, 9] },
] as const;

const CANCEL_REASONS: readonly [string, number][] = [
  ['Client canceled', 30],
  ['No-show', 22],
  ['Client no show', 6],
  ['Gate locked', 10],
  ['Too expensive', 8],
  ['Moved away', 6],
  ['Booked twice', 4],
  ['Hired another company', 6],
  ['Illness', 8],
];
const OTHER_MOVE_NOTES = ['Client asked for another day', 'Client away', 'Crew ran late'];
const REVIEWS = [
  'Great job as always.',
  'On time and tidy.',
  'Missed a spot by the fence.',
  'Friendly crew, lawn looks great.',
  'Left clippings on the driveway.',
];
const EQUIPMENT_KINDS: readonly [EquipmentCategory, string, number][] = [
  ['mower', 'Zero-turn mower', 20],
  ['truck', 'Crew truck', 6],
  ['trailer', 'Utility trailer', 4],
];
const MAINTENANCE = [
  { type: 'oil_change', notes: 'Oil and filter changed', cost: [45, 90] },
  { type: 'blade_sharpening', notes: 'Blades sharpened and balanced', cost: [25, 60] },
  { type: 'tire_replacement', notes: 'Two tires replaced', cost: [180, 420] },
  { type: 'belt_replacement', notes: 'Drive belt replaced', cost: [60, 140] },
  { type: 'inspection', notes: 'Yearly safety inspection', cost: [75, 150] },
] as const;
const STREETS = ['Oak St', 'Highland Ave', 'Magnolia Dr', 'Cahaba Rd', 'Linden Ave', 'Pine Ct'];
const CITIES = [
  { city: 'Birmingham', zip: '35209' },
  { city: 'Hoover', zip: '35244' },
  { city: 'Vestavia Hills', zip: '35216' },
  { city: 'Mountain Brook', zip: '35213' },
];

export interface ReportPeriod {
  from: DateKey;
  /** Inclusive. */
  to: DateKey;
}

/** The year the report covers: REPORT_DAYS days ending two weeks after today in `timezone`. */
export function reportPeriod(timezone: string, now: Date): ReportPeriod {
  const to = addDays(localDateOf(now, timezone), DAYS_BOOKED_AHEAD);
  return { from: addDays(to, 1 - REPORT_DAYS), to };
}

export interface ReportsWorld extends ReportPeriod {
  business_id: string;
  staff: number;
  services: number;
  clients: number;
  appointments: number;
  /** Seeded with status 'completed' in the period: what the report's completed count must say. */
  completed: number;
  canceled: number;
  rescheduled: number;
  rescheduledWeather: number;
  /** Sum of amount_charged of the completed jobs. */
  revenue: number;
  availability: number;
  equipment: number;
  notifications: number;
  optOuts: number;
  seedMs: number;
}

/** A small seeded generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const at = <T>(list: readonly T[], index: number): T => {
  const value = list[index];
  if (value === undefined) throw new Error(`no item ${index} in a list of ${list.length}`);
  return value;
};

/** The n-th (1-based; -1 for the last) given weekday (0 = Sunday) of a month, as a date key. */
function nthWeekday(year: number, month: number, weekday: number, n: number): DateKey {
  if (n > 0) {
    const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
    const day = 1 + ((weekday - first + 7) % 7) + (n - 1) * 7;
    return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
  }
  const lastDay = new Date(Date.UTC(year, month, 0));
  const back = (lastDay.getUTCDay() - weekday + 7) % 7;
  return new Date(Date.UTC(year, month - 1, lastDay.getUTCDate() - back))
    .toISOString()
    .slice(0, 10);
}

/** The business's closed days in the period: the usual US holidays of the years it touches. */
function holidaysIn(period: ReportPeriod): { date: DateKey; name: string }[] {
  const days = [];
  for (let year = Number(period.from.slice(0, 4)); year <= Number(period.to.slice(0, 4)); year++) {
    days.push(
      { date: `${year}-01-01`, name: "New Year's Day" },
      { date: nthWeekday(year, 5, 1, -1), name: 'Memorial Day' },
      { date: `${year}-07-04`, name: 'Independence Day' },
      { date: nthWeekday(year, 9, 1, 1), name: 'Labor Day' },
      { date: nthWeekday(year, 11, 4, 4), name: 'Thanksgiving' },
      { date: `${year}-12-25`, name: 'Christmas Day' },
    );
  }
  return days.filter((d) => d.date >= period.from && d.date <= period.to);
}

interface Carried {
  service: number;
  client: number;
  from: Appointment;
  weather: boolean;
}

/**
 * Seeds the database's one business (created by auth.createOwner) with a year of work ending on
 * `period.to`, `now` being the moment that splits what happened from what is booked.
 */
export async function seedReportsYear(
  db: Db,
  period: ReportPeriod,
  now: Date,
  progress: (line: string) => void = () => undefined,
): Promise<ReportsWorld> {
  const started = performance.now();
  const business = await db.collection('businesses').findOne({});
  if (!business) throw new Error('no business: create the owner first');
  const business_id = String(business.business_id);
  const owner_id = String(business.owner_id);
  const timezone = String(business.timezone);
  const today = localDateOf(now, timezone);
  const rng = random(2026);
  const idRng = random(10);
  const newId: (prefix: IdPrefix) => string = createIdGenerator((bytes) => {
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(idRng() * 256);
  });
  const between = (min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
  const cents = (amount: number) => Math.round(amount * 100) / 100;
  const dayStart = (date: DateKey) => new Date(`${date}T00:00:00.000Z`);
  const periodStart = toUtcInstant(period.from, '00:00', timezone);
  // Every time seeded is after 06:00, past any clock change, so one offset per date will do
  // (toUtcInstant for each of the ~100,000 instants would take seconds).
  const offsets = new Map<DateKey, number>();
  const instant = (date: DateKey, time: string): Date => {
    let offset = offsets.get(date);
    if (offset === undefined) {
      offset = toUtcInstant(date, '12:00', timezone).getTime() - Date.parse(`${date}T12:00:00Z`);
      offsets.set(date, offset);
    }
    return new Date(Date.parse(`${date}T00:00:00Z`) + minutesOf(time) * 60_000 + offset);
  };
  const created = (when: Date, action = 'created') => ({
    created_at: when,
    updated_at: when,
    audit_log: [{ action, user_id: owner_id, timestamp: when }],
  });

  // The business's week: weekdays 07:30–17:30 and Saturday mornings (half the crews work them).
  const week: WeeklyHours = {
    monday: { ...WEEKDAY_HOURS },
    tuesday: { ...WEEKDAY_HOURS },
    wednesday: { ...WEEKDAY_HOURS },
    thursday: { ...WEEKDAY_HOURS },
    friday: { ...WEEKDAY_HOURS },
    saturday: { ...SATURDAY_HOURS },
    sunday: null,
  };
  const config = {
    ...(business.config as object),
    business_hours: week,
    min_gap_between_jobs_minutes: MIN_GAP_MINUTES,
    sms_before_appointment_hours: 24,
  };

  const services = SERVICES.map((s, i) =>
    serviceSchema.parse({
      ...created(new Date(periodStart.getTime() - 400 * 86_400_000)),
      service_id: newId('svc'),
      business_id,
      vertical: 'lawn_care',
      name: s.name,
      category: s.months ? 'specialty' : 'maintenance',
      default_duration_minutes: s.minutes,
      default_price: s.price,
      currency: 'USD',
      minimum_staff_count: 1,
      sort_order: i,
    }),
  );

  // Crews: a lead and two members (the first ten crews) or one; Saturday mornings for even crews.
  const staff: Staff[] = [];
  const crews: { lead: Staff; members: Staff[]; saturdays: boolean }[] = [];
  for (let c = 0; c < CREWS; c++) {
    const saturdays = c % 2 === 0;
    const schedule: WeeklyHours = { ...week, saturday: saturdays ? { ...SATURDAY_HOURS } : null };
    const person = (role: Staff['role'], crew_lead_id: string | null) => {
      const n = staff.length;
      const first = at(FIRST_NAMES, (n * 7) % FIRST_NAMES.length);
      const last = at(LAST_NAMES, n % LAST_NAMES.length);
      const member = staffSchema.parse({
        ...created(new Date(periodStart.getTime() - between(30, 900) * 86_400_000)),
        staff_id: newId('stf'),
        business_id,
        first_name: first,
        last_name: last,
        email: `${first}.${last}.${n}@bench-lawn.example`.toLowerCase(),
        phone: `+1-205-555-${String(2000 + n)}`,
        role,
        crew_lead_id,
        availability_schedule: schedule,
        hire_date: scheduledDateValue(addDays(period.from, -between(30, 900))),
      });
      staff.push(member);
      return member;
    };
    const lead = person('crew_lead', null);
    const members = Array.from({ length: c < 10 ? 2 : 1 }, () =>
      person('crew_member', lead.staff_id),
    );
    crews.push({ lead, members, saturdays });
  }

  // Clients: most were clients before the year; NEW_CLIENTS joined during it, evenly.
  const newClientEvery = REPORT_DAYS / NEW_CLIENTS;
  const clientSince = (n: number): DateKey =>
    n < CLIENTS - NEW_CLIENTS
      ? addDays(period.from, -1 - (n % 700))
      : addDays(period.from, Math.floor((n - (CLIENTS - NEW_CLIENTS)) * newClientEvery));
  const optOutAt = new Map<number, Date>();
  for (let n = 5; n < CLIENTS; n += 40) {
    const day = n % 200 === 5 ? addDays(period.from, -between(1, 90)) : null;
    const when = day
      ? toUtcInstant(day, '19:12', timezone)
      : new Date(
          Math.max(
            toUtcInstant(clientSince(n), '12:00', timezone).getTime(),
            periodStart.getTime() + rng() * (now.getTime() - periodStart.getTime()),
          ),
        );
    optOutAt.set(n, when);
  }
  const clientIds = Array.from({ length: CLIENTS }, () => newId('cli'));
  const clientDocs = Array.from({ length: CLIENTS }, (_, n) => {
    const first = at(FIRST_NAMES, n % FIRST_NAMES.length);
    const last = at(LAST_NAMES, (Math.floor(n / FIRST_NAMES.length) * 7 + n) % LAST_NAMES.length);
    const place = at(CITIES, (n * 13) % CITIES.length);
    return {
      since: clientSince(n),
      first,
      last,
      phone: `+1-${205 + (n % 3)}-555-${String(n).padStart(4, '0')}`,
      address: `${100 + ((n * 37) % 9800)} ${at(STREETS, (n * 5) % STREETS.length)}`,
      place,
      email: n % 10 === 9 ? null : `${first}.${last}${n}@example.test`.toLowerCase(),
    };
  });
  /** How many clients there are on the period's day `d` (0-based). */
  const clientsBy = (d: number) =>
    Math.min(CLIENTS, CLIENTS - NEW_CLIENTS + 1 + Math.floor(d / newClientEvery));
  const pickClient = (d: number) =>
    rng() < 0.6 ? Math.floor(rng() * REGULARS) : Math.floor(rng() * clientsBy(d));

  // Time off: the business's holidays, each person's vacations and sick days (whole days, nobody
  // is booked on them) and, for some, every other Friday afternoon.
  const availability: Availability[] = [];
  const offDays = new Map<string, Set<DateKey>>(staff.map((s) => [s.staff_id, new Set()]));
  const holidays = holidaysIn(period);
  const closed = new Set(holidays.map((h) => h.date));
  const timeOff = (entry: Record<string, unknown>, date_from: DateKey, date_to: DateKey) =>
    availability.push(
      availabilitySchema.parse({
        ...created(new Date(dayStart(date_from).getTime() - between(3, 40) * 86_400_000)),
        availability_id: newId('ava'),
        business_id,
        type: 'time_off',
        date_from: scheduledDateValue(date_from),
        date_to: scheduledDateValue(date_to),
        created_by_user_id: owner_id,
        ...entry,
      }),
    );
  for (const holiday of holidays) {
    timeOff({ reason: 'holiday', notes: holiday.name }, holiday.date, holiday.date);
  }
  for (const [i, person] of staff.entries()) {
    const off = offDays.get(person.staff_id) ?? new Set();
    const away = (first: DateKey, days: number, reason: string, notes: string | null) => {
      const last = addDays(first, days - 1);
      timeOff({ staff_id: person.staff_id, reason, notes }, first, last);
      for (let d = 0; d < days; d++) off.add(addDays(first, d));
    };
    for (let v = 0; v < 2; v++) {
      away(addDays(period.from, between(10, REPORT_DAYS - 10)), between(3, 5), 'vacation', null);
    }
    for (let s = between(0, 3); s > 0; s--) {
      away(addDays(period.from, between(0, REPORT_DAYS - 1)), 1, 'sick_day', null);
    }
    if (i % 5 === 2) {
      timeOff(
        {
          staff_id: person.staff_id,
          reason: 'personal',
          notes: 'Every other Friday afternoon',
          start_time: '13:00',
          end_time: '17:30',
          is_recurring: true,
          recurrence_rule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=FR',
        },
        period.from,
        period.to,
      );
    }
    if (i % 7 === 3) {
      timeOff(
        {
          staff_id: person.staff_id,
          reason: 'training',
          notes: 'Monthly safety training',
          start_time: '07:30',
          end_time: '09:30',
          is_recurring: true,
          recurrence_rule: 'FREQ=MONTHLY;BYDAY=1MO',
        },
        period.from,
        period.to,
      );
    }
  }

  const workingDays: { date: DateKey; d: number; saturday: boolean }[] = [];
  for (let d = 0; d < REPORT_DAYS; d++) {
    const date = addDays(period.from, d);
    const weekday = weekdayName(date);
    if (weekday !== 'sunday' && !closed.has(date)) {
      workingDays.push({ date, d, saturday: weekday === 'saturday' });
    }
  }
  const pastWorkdays = workingDays.filter((w) => w.date < today && !w.saturday).map((w) => w.date);
  const rainDays = new Set<DateKey>();
  while (rainDays.size < Math.min(RAIN_DAYS, pastWorkdays.length)) {
    rainDays.add(at(pastWorkdays, Math.floor(rng() * pastWorkdays.length)));
  }

  const serviceWeights = (date: DateKey) => {
    const month = Number(date.slice(5, 7));
    return SERVICES.map((s) =>
      !s.months || (s.months as readonly number[]).includes(month) ? s.weight : 0,
    );
  };
  const pickService = (weights: number[]) => {
    const total = weights.reduce((a, b) => a + b, 0);
    let r = rng() * total;
    for (const [i, w] of weights.entries()) {
      r -= w;
      if (r < 0) return i;
    }
    return 0;
  };
  const pickReason = () => {
    let r = rng() * CANCEL_REASONS.reduce((a, [, w]) => a + w, 0);
    for (const [reason, w] of CANCEL_REASONS) {
      r -= w;
      if (r < 0) return reason;
    }
    return 'Client canceled';
  };

  /** Sends every batch at once: the server works through them while the next crew is built. */
  const insertAll = async (name: string, docs: readonly object[]) => {
    const batches = [];
    for (let i = 0; i < docs.length; i += BATCH) {
      batches.push(db.collection(name).insertMany(docs.slice(i, i + BATCH), { ordered: false }));
    }
    await Promise.all(batches);
  };

  // Appointments, crew by crew and day by day: jobs moved off a day open the crew's next one. Each
  // crew's year is inserted while the next one's is built, so few documents are held at once.
  let appointments: Appointment[] = [];
  let notifications: Notification[] = [];
  let inserting: Promise<void> = Promise.resolve();
  const stats = {
    appointments: 0,
    notifications: 0,
    completed: 0,
    canceled: 0,
    rescheduled: 0,
    rescheduledWeather: 0,
    revenue: 0,
  };
  /** The clients' running totals, from their completed jobs. */
  const spent = new Map<number, { total: number; jobs: number; ratings: number[]; last: Date }>();
  const sms = (
    n: number,
    appointment_id: string,
    type: Notification['type'],
    when: Date,
    message: string,
  ): boolean => {
    const client = at(clientDocs, n);
    const optedOut = optOutAt.get(n);
    const blocked = optedOut !== undefined && optedOut.getTime() <= when.getTime();
    const failed = !blocked && rng() < 0.03;
    const delivery = rng();
    notifications.push(
      notificationSchema.parse({
        ...created(when, 'queued'),
        notification_id: newId('ntf'),
        business_id,
        client_id: at(clientIds, n),
        appointment_id,
        type,
        channel: 'sms',
        recipient_phone: client.phone,
        message,
        status: blocked ? 'opted_out' : failed ? 'failed' : 'sent',
        sent_at: blocked ? null : when,
        delivery_status: blocked
          ? null
          : failed
            ? 'failed'
            : delivery < 0.93
              ? 'delivered'
              : delivery < 0.97
                ? 'sent'
                : 'undelivered',
        failure_reason: failed ? 'Unreachable destination handset (Twilio 30003)' : null,
        error_code: failed ? 30003 : null,
        dedupe_key: `${type}:${appointment_id}`,
        provider_message_sid: blocked ? null : `SM${newId('ntf').slice(4, 24)}`,
        provider_status: blocked ? null : failed ? 'failed' : 'delivered',
        delivery_check_at: null,
        segments: 1,
      }),
    );
    return !blocked && !failed;
  };

  for (const [c, crew] of crews.entries()) {
    let carried: Carried[] = [];
    for (const { date, d, saturday } of workingDays) {
      if (saturday && !crew.saturdays) continue;
      const people = [crew.lead, ...crew.members].filter(
        (p) => !offDays.get(p.staff_id)?.has(date),
      );
      if (people.length === 0) continue;
      const hours = saturday ? SATURDAY_HOURS : WEEKDAY_HOURS;
      const weights = serviceWeights(date);
      const wanted = saturday ? between(4, 5) : between(8, 11);
      const queue = carried;
      carried = [];
      let start = minutesOf(hours.start);
      for (let j = 0; j < wanted || queue.length > 0; j++) {
        const moved = queue.shift();
        const s = moved?.service ?? pickService(weights);
        const service = at(services, s);
        const minutes = service.default_duration_minutes;
        if (start + minutes > minutesOf(hours.end)) {
          // A day too full for what was moved onto it: the rest waits one more day.
          if (moved) carried.push(moved, ...queue.splice(0));
          break;
        }
        const n = moved?.client ?? pickClient(d);
        const price = service.default_price;
        const custom = rng() < 0.08 ? cents(price * (1.1 + rng() * 0.4)) : null;
        const discount = rng() < 0.05 ? 10 : 0;
        const total = Math.max(0, cents((custom ?? price) - discount));
        const begins = instant(date, hhmm(start));
        const movedAt = moved && instant(dateKeyOf(moved.from.scheduled_date), '06:30');
        const booked =
          movedAt ??
          new Date(Math.min(begins.getTime(), now.getTime()) - between(1, 30) * 86_400_000);
        const past = date < today;
        const rained = past && rainDays.has(date) && rng() < RAIN_MOVES;
        const r = rng();
        const status: Appointment['status'] = !past
          ? 'scheduled'
          : rained || r < RESCHEDULED
            ? 'rescheduled'
            : r < RESCHEDULED + CANCELED
              ? 'canceled'
              : 'completed';
        const late = Math.max(-10, Math.round((rng() - 0.25) * 40));
        const actualStart = new Date(begins.getTime() + late * 60_000);
        const actualMinutes = Math.max(10, Math.round(minutes * (0.8 + rng() * 0.5)));
        const actualEnd = new Date(actualStart.getTime() + actualMinutes * 60_000);
        const appointment_id = newId('apt');
        // Texts: the reminder a day ahead (when that moment has passed), then what followed.
        const remindAt = new Date(begins.getTime() - 24 * 3_600_000);
        const reminded = remindAt.getTime() < now.getTime() && rng() < REMINDED;
        const delivered =
          reminded &&
          sms(
            n,
            appointment_id,
            'appointment_reminder',
            remindAt,
            `Reminder: ${service.name} tomorrow at ${hhmm(start)}. Reply C to confirm, R to reschedule.`,
          );
        const confirmed = delivered && rng() < 0.6;
        const rated = status === 'completed' && rng() < RATED;
        const rating = rated ? at([5, 5, 5, 4, 4, 3, 2], between(0, 6)) : null;
        const apt = appointmentSchema.parse({
          ...created(booked),
          ...(status === 'completed' ? { updated_at: actualEnd } : {}),
          appointment_id,
          business_id,
          client_id: at(clientIds, n),
          service_id: service.service_id,
          scheduled_date: scheduledDateValue(date),
          scheduled_start_time: hhmm(start),
          scheduled_end_time: hhmm(start + minutes),
          estimated_duration_minutes: minutes,
          assigned_staff_ids: people.map((p) => p.staff_id),
          status,
          cancellation_reason: status === 'canceled' ? pickReason() : null,
          notes: status === 'rescheduled' && !rained ? at(OTHER_MOVE_NOTES, between(0, 2)) : null,
          service_price: price,
          custom_price: custom,
          discount,
          total_price: total,
          currency: 'USD',
          actual_start_time: status === 'completed' ? actualStart : null,
          actual_end_time: status === 'completed' ? actualEnd : null,
          actual_duration_minutes: status === 'completed' ? actualMinutes : null,
          amount_charged: status === 'completed' ? total : null,
          completed_at: status === 'completed' ? actualEnd : null,
          // As jobs.reschedule does: the flag sits on the replacement.
          was_rescheduled_due_to_weather: moved?.weather ?? false,
          rescheduled_from_appointment_id: moved?.from.appointment_id ?? null,
          rescheduled_from_datetime: moved
            ? instant(dateKeyOf(moved.from.scheduled_date), moved.from.scheduled_start_time)
            : null,
          client_notified_at: reminded ? remindAt : null,
          client_notification_method: reminded ? 'sms' : null,
          reminder_sent_at: reminded ? remindAt : null,
          reschedule_notification_sent: status === 'rescheduled',
          client_confirmed_at: confirmed
            ? new Date(remindAt.getTime() + between(2, 600) * 60_000)
            : null,
          client_rating: rating,
          client_review: rated && rng() < 0.3 ? at(REVIEWS, between(0, REVIEWS.length - 1)) : null,
          rated_at: rated ? new Date(actualEnd.getTime() + between(1, 48) * 3_600_000) : null,
        });
        appointments.push(apt);
        if (status === 'completed') {
          stats.completed++;
          stats.revenue += total;
          const sum = spent.get(n) ?? { total: 0, jobs: 0, ratings: [], last: actualEnd };
          sum.total = cents(sum.total + total);
          sum.jobs++;
          if (rating !== null) sum.ratings.push(rating);
          if (actualEnd > sum.last) sum.last = actualEnd;
          spent.set(n, sum);
        } else if (status === 'canceled') {
          stats.canceled++;
        } else if (status === 'rescheduled') {
          stats.rescheduled++;
          if (rained) stats.rescheduledWeather++;
          if (date < period.to) carried.push({ service: s, client: n, from: apt, weather: rained });
        }

        if (moved && booked.getTime() < now.getTime()) {
          sms(
            n,
            appointment_id,
            'reschedule_notification',
            booked,
            `Your ${service.name} moved to ${date} at ${hhmm(start)}${moved.weather ? ' because of the weather' : ''}.`,
          );
        }
        if (status === 'canceled' && rng() < 0.5) {
          sms(
            n,
            appointment_id,
            'cancellation_notice',
            begins,
            `Your ${service.name} was canceled.`,
          );
        }
        if (status === 'completed' && rng() < 0.12) {
          sms(
            n,
            appointment_id,
            'on_my_way',
            new Date(actualStart.getTime() - 20 * 60_000),
            'Your crew is on the way.',
          );
        }
        start += minutes + MIN_GAP_MINUTES;
      }
    }
    stats.appointments += appointments.length;
    stats.notifications += notifications.length;
    await inserting;
    const [crewAppointments, crewNotifications] = [appointments, notifications];
    inserting = Promise.all([
      insertAll('appointments', crewAppointments),
      insertAll('notifications', crewNotifications),
    ]).then(() => undefined);
    // Awaited with the next crew; until then a failure must not count as unhandled.
    inserting.catch(() => undefined);
    appointments = [];
    notifications = [];
    progress(
      `crew ${c + 1}/${CREWS}: ${stats.appointments} appointments, ${stats.notifications} texts ` +
        `(${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
  }
  await inserting;
  const clients: Client[] = clientDocs.map((c, n) => {
    const s = spent.get(n);
    const since = instant(c.since, '10:00');
    return clientSchema.parse(
      withSearchTerms({
        ...created(since),
        client_id: at(clientIds, n),
        business_id,
        first_name: c.first,
        last_name: c.last,
        email: c.email,
        phone: c.phone,
        address: c.address,
        city: c.place.city,
        state: 'AL',
        zip_code: c.place.zip,
        total_spent: s?.total ?? 0,
        job_count: s?.jobs ?? 0,
        avg_rating: s?.ratings.length
          ? s.ratings.reduce((a, b) => a + b, 0) / s.ratings.length
          : null,
        last_job_date: s?.last ?? null,
        sms_opted_out_at: optOutAt.get(n) ?? null,
        balance_due: n % 12 === 7 ? cents(40 + (n % 9) * 17.5) : 0,
      }),
    );
  });

  // Equipment: a mower per crew, trucks and trailers, each serviced a few times a year.
  const equipment: Equipment[] = [];
  for (const [category, label, howMany] of EQUIPMENT_KINDS) {
    for (let k = 0; k < howMany; k++) {
      const e = equipment.length;
      const notes: MaintenanceNote[] = [];
      for (let m = between(2, 6); m >= 0; m--) {
        const kind = at(MAINTENANCE, between(0, MAINTENANCE.length - 1));
        const day = m === 0 ? between(-120, -1) : between(0, daysBetween(period.from, today));
        notes.push({
          date: scheduledDateValue(addDays(period.from, day)),
          type: kind.type,
          notes: kind.notes,
          cost: between(kind.cost[0], kind.cost[1]),
          hours: 200 + e * 10 + day,
        });
      }
      notes.sort((a, b) => a.date.getTime() - b.date.getTime());
      const last = notes.at(-1)?.date ?? dayStart(period.from);
      // About one in five is overdue: its next service was due before today.
      const due = addDays(last.toISOString().slice(0, 10), e % 5 === 4 ? 20 : 120);
      equipment.push(
        equipmentSchema.parse({
          ...created(new Date(periodStart.getTime() - 500 * 86_400_000)),
          equipment_id: newId('eq'),
          business_id,
          name: `${label} ${k + 1}`,
          category,
          serial_number: `BENCH-${category.toUpperCase()}-${String(k + 1).padStart(3, '0')}`,
          purchase_date: scheduledDateValue(addDays(period.from, -between(200, 1500))),
          purchase_price: category === 'truck' ? 38_000 : category === 'mower' ? 9_500 : 3_200,
          status: e === 7 ? 'maintenance' : e === 25 ? 'retired' : 'active',
          assigned_staff_ids: [at(crews, e % CREWS).lead.staff_id],
          maintenance_due_date: scheduledDateValue(due),
          last_maintenance_date: last,
          maintenance_notes: notes,
          total_maintenance_cost: notes.reduce((a, n) => a + n.cost, 0),
          hours_used: 200 + e * 10 + daysBetween(period.from, today),
          is_active: e !== 25,
        }),
      );
    }
  }
  businessSchema.parse({ ...business, config });
  await db
    .collection('businesses')
    .updateOne(
      { business_id },
      { $set: { config, staff_count: staff.length, client_count: clients.length } },
    );
  await db.collection('services').insertMany(services);
  await db.collection('staff').insertMany(staff);
  await db.collection('availability').insertMany(availability);
  await db.collection('equipment').insertMany(equipment);
  await insertAll('clients', clients);

  return {
    ...period,
    business_id,
    staff: staff.length,
    services: services.length,
    clients: clients.length,
    ...stats,
    revenue: cents(stats.revenue),
    availability: availability.length,
    equipment: equipment.length,
    optOuts: optOutAt.size,
    seedMs: performance.now() - started,
  };
}
