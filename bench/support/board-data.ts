// The board benchmark's day: 50 crew lanes with 12 jobs each, written straight into the database in
// the collections' exact shapes (every document is parsed by its zod schema first, as the core's
// output validation would).
import type { Db } from 'mongodb';
import {
  appointmentSchema,
  businessSchema,
  clientSchema,
  newId,
  serviceSchema,
  staffSchema,
  type WeeklyHours,
} from '../../shared/schemas';
import {
  addDays,
  hhmm,
  localDateOf,
  scheduledDateValue,
  weekdayName,
  WEEKDAYS,
  type DateKey,
} from '../../shared/time';

export const LANES = 50;
export const CREW_LEADS = 10;
export const JOBS_PER_LANE = 12;
export const JOB_MINUTES = 45;
/** Jobs start on the hour from 07:00 to 18:00, so 06:00–06:45 and 19:00–19:45 stay free. */
export const FIRST_JOB_MINUTES = 7 * 60;
export const DAY_START_MINUTES = 6 * 60;
export const DAY_END_MINUTES = 20 * 60;
/** The business's travel gap: 12 jobs of 45 min an hour apart leave exactly this between them. */
export const MIN_GAP_MINUTES = 15;

/** Fixed-date US holidays: a Wednesday can be one of these, the Monday/Thursday ones never. */
const FIXED_HOLIDAYS = new Set(['01-01', '06-19', '07-04', '11-11', '12-24', '12-25', '12-31']);

/** A Wednesday one to two weeks ahead in the business's time zone that is not a holiday. */
export function benchDay(timezone: string, now = new Date()): DateKey {
  let day = addDays(localDateOf(now, timezone), 7);
  while (weekdayName(day) !== 'wednesday' || FIXED_HOLIDAYS.has(day.slice(5))) {
    day = addDays(day, 1);
  }
  return day;
}

const FIRST_NAMES = [
  'Ava', 'Ben', 'Carla', 'Dev', 'Elena', 'Femi', 'Grace', 'Hugo', 'Iris', 'Jamal',
  'Kira', 'Luis', 'Maya', 'Nate', 'Olga', 'Pedro', 'Quinn', 'Rosa', 'Sam', 'Tara',
]; // prettier-ignore
const LAST_NAMES = [
  'Abbott', 'Baker', 'Castillo', 'Dunn', 'Ellis', 'Fischer', 'Garcia', 'Hughes', 'Ito', 'Jensen',
  'Kowalski', 'Lopez', 'Morgan', 'Nguyen', 'Okafor', 'Patel', 'Quintero', 'Reyes', 'Schmidt',
  'Turner', 'Underwood', 'Vargas', 'Walsh', 'Xu', 'Young', 'Zimmer', 'Alvarez', 'Brooks',
  'Chen', 'Diaz', 'Evans', 'Foster', 'Gomez', 'Hayes', 'Iverson', 'Jordan', 'Kim', 'Larsen',
  'Moreno', 'Novak', 'Ortiz', 'Price', 'Ramos', 'Silva', 'Tran', 'Vance', 'Ward', 'Yates',
  'Zamora', 'Bishop',
]; // prettier-ignore
const STREETS = ['Oak St', 'Highland Ave', 'Magnolia Dr', 'Cahaba Rd', 'Linden Ave', 'Pine Ct'];
const SERVICES = [
  { name: 'Weekly mow', price: 55 },
  { name: 'Edging and trim', price: 40 },
  { name: 'Hedge trimming', price: 85 },
  { name: 'Leaf cleanup', price: 120 },
  { name: 'Fertilizer treatment', price: 70 },
];

export interface SeededJob {
  appointment_id: string;
  staff_id: string;
  /** Minutes since midnight. */
  start: number;
}

export interface SeededDay {
  date: DateKey;
  /** Staff ids in the board's lane order (crew leads first, then by last name). */
  lanes: string[];
  jobs: SeededJob[];
}

/**
 * Opens the business's day 06:00–20:00 with a 15-minute travel gap, and adds 50 active staff,
 * 5 services, 600 clients and 600 scheduled jobs on `date` (one person each).
 */
export async function seedBoardDay(db: Db, date: DateKey): Promise<SeededDay> {
  const business = await db.collection('businesses').findOne({});
  if (!business) throw new Error('no business: create the owner first');
  const business_id = String(business.business_id);
  const owner_id = String(business.owner_id);
  const now = new Date();
  const system = (action = 'created') => ({
    created_at: now,
    updated_at: now,
    audit_log: [{ action, user_id: owner_id, timestamp: now }],
  });

  const hours = { start: hhmm(DAY_START_MINUTES), end: hhmm(DAY_END_MINUTES) };
  const week = Object.fromEntries(WEEKDAYS.map((d) => [d, { ...hours }])) as WeeklyHours;
  const config = {
    ...(business.config as object),
    business_hours: week,
    min_gap_between_jobs_minutes: MIN_GAP_MINUTES,
  };
  businessSchema.parse({ ...business, config });
  await db.collection('businesses').updateOne({ business_id }, { $set: { config } });

  const services = SERVICES.map((s, i) =>
    serviceSchema.parse({
      ...system(),
      service_id: newId('svc'),
      business_id,
      vertical: 'lawn_care',
      name: s.name,
      category: 'maintenance',
      default_duration_minutes: JOB_MINUTES,
      default_price: s.price,
      currency: 'USD',
      minimum_staff_count: 1,
      sort_order: i,
    }),
  );

  const staff = Array.from({ length: LANES }, (_, i) => {
    const first = FIRST_NAMES[i % FIRST_NAMES.length] ?? 'Pat';
    const last = LAST_NAMES[i] ?? `Crew${i}`;
    return staffSchema.parse({
      ...system(),
      staff_id: newId('stf'),
      business_id,
      first_name: first,
      last_name: last,
      email: `${first}.${last}.${i}@bench.example`.toLowerCase(),
      phone: `+1-205-555-${String(1000 + i)}`,
      role: i < CREW_LEADS ? 'crew_lead' : 'crew_member',
      availability_schedule: week,
      hire_date: scheduledDateValue('2024-03-01'),
    });
  });
  // The board's own order: crew leads first, then by last name.
  const lanes = [...staff]
    .sort(
      (a, b) =>
        Number(a.role !== 'crew_lead') - Number(b.role !== 'crew_lead') ||
        a.last_name.localeCompare(b.last_name) ||
        a.first_name.localeCompare(b.first_name),
    )
    .map((s) => s.staff_id);

  const clients = [];
  const appointments = [];
  const jobs: SeededJob[] = [];
  for (const [lane, staffId] of lanes.entries()) {
    for (let j = 0; j < JOBS_PER_LANE; j++) {
      const n = lane * JOBS_PER_LANE + j;
      const client = clientSchema.parse({
        ...system(),
        client_id: newId('cli'),
        business_id,
        first_name: FIRST_NAMES[(n * 7) % FIRST_NAMES.length],
        last_name: `${LAST_NAMES[n % LAST_NAMES.length]}-${n}`,
        phone: `+1-205-556-${String(1000 + n)}`,
        address: `${100 + n} ${STREETS[n % STREETS.length]}`,
        city: 'Birmingham',
        state: 'AL',
        zip_code: '35209',
      });
      clients.push(client);
      const service = services[n % services.length] ?? services[0];
      if (!service) throw new Error('no services');
      const start = FIRST_JOB_MINUTES + j * 60;
      appointments.push(
        appointmentSchema.parse({
          ...system(),
          appointment_id: newId('apt'),
          business_id,
          client_id: client.client_id,
          service_id: service.service_id,
          scheduled_date: scheduledDateValue(date),
          scheduled_start_time: hhmm(start),
          scheduled_end_time: hhmm(start + JOB_MINUTES),
          estimated_duration_minutes: JOB_MINUTES,
          assigned_staff_ids: [staffId],
          service_price: service.default_price,
          total_price: service.default_price,
          currency: 'USD',
          client_notified_at: n % 3 === 0 ? now : null,
          client_notification_method: n % 3 === 0 ? 'sms' : null,
        }),
      );
      jobs.push({
        appointment_id: appointments.at(-1)?.appointment_id ?? '',
        staff_id: staffId,
        start,
      });
    }
  }

  await db.collection('services').insertMany(services);
  await db.collection('staff').insertMany(staff);
  await db.collection('clients').insertMany(clients);
  await db.collection('appointments').insertMany(appointments);
  return { date, lanes, jobs };
}
