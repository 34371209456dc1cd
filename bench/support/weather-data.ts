// The weather benchmark's world: 50 outdoor businesses over 8 US metros, each with 100 one-person
// crews, 1,500 clients up to 30 km from its metro's centre and 2,000 jobs in its next 48 hours,
// written straight into the database in the collections' exact shapes (every document is parsed
// by its zod schema first, as the core's output validation would), and a rain spell over part of
// one metro tomorrow afternoon.
import type { Db } from 'mongodb';
import { withSearchTerms } from '../../electron/core/services/records/search-terms';
import { cellOf, datesBetween, type Cell } from '../../electron/core/services/weather/forecasts';
import {
  appointmentSchema,
  businessConfigSchema,
  businessSchema,
  clientSchema,
  MAP_SETTINGS_DEFAULTS,
  newId,
  serviceSchema,
  staffSchema,
  userSchema,
  withLocation,
  type Appointment,
  type Client,
  type Vertical,
  type WeeklyHours,
} from '../../shared/schemas';
import {
  addDays,
  hhmm,
  localDateOf,
  scheduledDateValue,
  toUtcInstant,
  WEEKDAYS,
  type DateKey,
} from '../../shared/time';
import type { FakePlace, FakeSpell } from '../../tests/support/fake-weather';
import { FIRST_NAMES, LAST_NAMES } from './records-data';

export const BUSINESSES = 50;
/**
 * One-person crews per business. 2,000 jobs of up to 45 minutes, on the hour with the business's
 * 15-minute travel gap, need about 2,000 / 24 ≈ 84 crews: a 48-hour window holds 24 hourly starts
 * of a 07:00–19:00 day per crew. With 100, the window is about 83% booked.
 */
export const CREWS = 100;
export const CREW_LEADS = 20;
export const CLIENTS_PER_BUSINESS = 1_500;
export const JOBS_PER_BUSINESS = 2_000;
export const CLIENT_RADIUS_KM = 30;
/** Jobs start on the hour from 07:00 to 18:00 (the last ends by 18:45, inside 07:00–19:00). */
const FIRST_START_HOUR = 7;
const LAST_START_HOUR = 18;
const DAY_HOURS = { start: '07:00', end: '19:00' };
const MIN_GAP_MINUTES = 15;
/**
 * No job starts sooner than this after seeding: the sweep checks jobs that have not started yet,
 * and it runs once seeding is over.
 */
const FIRST_JOB_LEAD_MS = 30 * 60_000;
const WINDOW_HOURS = 48;
const BATCH = 2_000;

export interface Metro {
  city: string;
  state: string;
  timeZone: string;
  center: { lat: number; lng: number };
  areaCodes: readonly string[];
  /** The first three digits of its ZIP codes. */
  zip3: string;
  streets: readonly string[];
}

/**
 * Real metro centres in four time zones; several businesses share each, so they share its cells.
 * The first is where it rains.
 */
export const METROS: readonly Metro[] = [
  {
    city: 'Dallas',
    state: 'TX',
    timeZone: 'America/Chicago',
    center: { lat: 32.7767, lng: -96.797 },
    areaCodes: ['214', '469', '972'],
    zip3: '752',
    streets: ['Elm St', 'Commerce St', 'Gaston Ave', 'Lemmon Ave', 'Mockingbird Ln', 'Preston Rd'],
  },
  {
    city: 'Chicago',
    state: 'IL',
    timeZone: 'America/Chicago',
    center: { lat: 41.8781, lng: -87.6298 },
    areaCodes: ['312', '773', '872'],
    zip3: '606',
    streets: [
      'Halsted St',
      'Ashland Ave',
      'Damen Ave',
      'Belmont Ave',
      'Irving Park Rd',
      'Clark St',
    ],
  },
  {
    city: 'Atlanta',
    state: 'GA',
    timeZone: 'America/New_York',
    center: { lat: 33.749, lng: -84.388 },
    areaCodes: ['404', '470', '678'],
    zip3: '303',
    streets: [
      'Peachtree Rd',
      'Ponce de Leon Ave',
      'Piedmont Ave',
      'Moreland Ave',
      'Cheshire Bridge Rd',
    ],
  },
  {
    city: 'Charlotte',
    state: 'NC',
    timeZone: 'America/New_York',
    center: { lat: 35.2271, lng: -80.8431 },
    areaCodes: ['704', '980'],
    zip3: '282',
    streets: ['Providence Rd', 'Selwyn Ave', 'Park Rd', 'Sharon Amity Rd', 'Queens Rd', 'Tryon St'],
  },
  {
    city: 'Denver',
    state: 'CO',
    timeZone: 'America/Denver',
    center: { lat: 39.7392, lng: -104.9903 },
    areaCodes: ['303', '720'],
    zip3: '802',
    streets: ['Colfax Ave', 'Federal Blvd', 'Downing St', 'Evans Ave', 'Speer Blvd', 'Alameda Ave'],
  },
  {
    city: 'Salt Lake City',
    state: 'UT',
    timeZone: 'America/Denver',
    center: { lat: 40.7608, lng: -111.891 },
    areaCodes: ['801', '385'],
    zip3: '841',
    streets: ['State St', 'Highland Dr', 'Foothill Dr', 'Redwood Rd', 'Van Winkle Expy', '900 S'],
  },
  {
    city: 'Los Angeles',
    state: 'CA',
    timeZone: 'America/Los_Angeles',
    center: { lat: 34.0522, lng: -118.2437 },
    areaCodes: ['213', '310', '818'],
    zip3: '900',
    streets: [
      'Sunset Blvd',
      'Wilshire Blvd',
      'Olympic Blvd',
      'Pico Blvd',
      'Vermont Ave',
      'Hill St',
    ],
  },
  {
    city: 'Portland',
    state: 'OR',
    timeZone: 'America/Los_Angeles',
    center: { lat: 45.5152, lng: -122.6784 },
    areaCodes: ['503', '971'],
    zip3: '972',
    streets: [
      'Hawthorne Blvd',
      'Division St',
      'Burnside St',
      'Alberta St',
      'Sandy Blvd',
      'Foster Rd',
    ],
  },
];
export const RAIN_METRO = METROS[0] as Metro;
/** The rain falls on the cells whose centres are this close to a point north-west of downtown. */
const RAIN_RADIUS_KM = 12;
const RAIN_OFFSET_KM = { north: 8, east: -8 };
const RAIN_HOURS = { from: '12:00', to: '18:00' };
const RAIN_PERCENT = 85;

const BUSINESS_SUFFIXES = [
  'Lawn & Garden',
  'Green Crew',
  'Yard Pros',
  'Turf Care',
  'Landscapes',
  'Mow Masters',
  'Outdoor Services',
];
const SERVICES: Record<
  'lawn_care' | 'landscaping',
  { name: string; minutes: number; price: number }[]
> = {
  lawn_care: [
    { name: 'Weekly mow', minutes: 45, price: 55 },
    { name: 'Edging and trim', minutes: 30, price: 40 },
    { name: 'Fertilizer treatment', minutes: 30, price: 70 },
    { name: 'Aeration', minutes: 45, price: 95 },
    { name: 'Leaf cleanup', minutes: 45, price: 120 },
  ],
  landscaping: [
    { name: 'Hedge trimming', minutes: 45, price: 85 },
    { name: 'Mulch refresh', minutes: 45, price: 110 },
    { name: 'Bed weeding', minutes: 30, price: 60 },
    { name: 'Shrub planting', minutes: 45, price: 140 },
    { name: 'Irrigation check', minutes: 30, price: 65 },
  ],
};

/** A small seeded generator (mulberry32): the same world on every run, apart from ids and dates. */
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

function pick<T>(list: readonly T[], n: number): T {
  const value = list[((n % list.length) + list.length) % list.length];
  if (value === undefined) throw new Error('empty list');
  return value;
}

const KM_PER_DEGREE = 111.32;
const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/** The point `north` and `east` km from `from`. */
function offset(from: { lat: number; lng: number }, north: number, east: number) {
  return {
    lat: round6(from.lat + north / KM_PER_DEGREE),
    lng: round6(from.lng + east / (KM_PER_DEGREE * Math.cos((from.lat * Math.PI) / 180))),
  };
}

function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const north = (a.lat - b.lat) * KM_PER_DEGREE;
  const east = (a.lng - b.lng) * KM_PER_DEGREE * Math.cos((a.lat * Math.PI) / 180);
  return Math.hypot(north, east);
}

/** The metro a place belongs to (the nearest centre): the fake answers in its time zone. */
export function metroOf(place: FakePlace): Metro {
  let best = METROS[0] as Metro;
  for (const metro of METROS) {
    if (
      distanceKm({ lat: place.latitude, lng: place.longitude }, metro.center) <
      distanceKm({ lat: place.latitude, lng: place.longitude }, best.center)
    ) {
      best = metro;
    }
  }
  return best;
}

/** The cells it rains on: those whose centres lie within RAIN_RADIUS_KM of the rain's centre. */
export function rainCells(): Cell[] {
  const centre = offset(RAIN_METRO.center, RAIN_OFFSET_KM.north, RAIN_OFFSET_KM.east);
  const reach = RAIN_RADIUS_KM / KM_PER_DEGREE + 0.2;
  const cells = new Map<string, Cell>();
  for (let lat = centre.lat - reach; lat <= centre.lat + reach; lat += 0.05) {
    for (let lng = centre.lng - reach * 1.3; lng <= centre.lng + reach * 1.3; lng += 0.05) {
      const cell = cellOf(lat, lng);
      if (distanceKm({ lat: cell.latitude, lng: cell.longitude }, centre) <= RAIN_RADIUS_KM) {
        cells.set(cell.key, cell);
      }
    }
  }
  return [...cells.values()];
}

/** Rain over the rain cells tomorrow afternoon, in the rain metro's time zone. */
export function rainSpells(now: Date): FakeSpell[] {
  const tomorrow = addDays(localDateOf(now, RAIN_METRO.timeZone), 1);
  return rainCells().map((cell) => ({
    date: tomorrow,
    ...RAIN_HOURS,
    rain_percent: RAIN_PERCENT,
    condition: 'rain',
    near: { latitude: cell.latitude, longitude: cell.longitude },
  }));
}

export interface SeededWorld {
  businesses: number;
  staff: number;
  clients: number;
  jobs: number;
  /** The forecast cells of all jobs (what the sweep should ask a provider about, once each). */
  cells: number;
  /** Distinct cell and local date pairs of all jobs (the sweep's distinct_cells_days). */
  cellDays: number;
  /** Jobs whose hours overlap the rain (what the sweep should find at risk). */
  inRain: number;
  /** Businesses with a job in the rain (each should raise one alert). */
  businessesInRain: number;
  seedMs: number;
}

type Progress = (line: string) => void;

/**
 * Fills the app's database with the world (its first `businesses`, for a smaller run). The business
 * the bench server created with its owner becomes the first; the others get owners of their own
 * (with the same password hash).
 */
export async function seedWeatherWorld(
  db: Db,
  now: Date,
  progress: Progress = () => undefined,
  businesses = BUSINESSES,
): Promise<SeededWorld> {
  const started = performance.now();
  const first = await db.collection('businesses').findOne({});
  const firstOwner = first && (await db.collection('users').findOne({ user_id: first.owner_id }));
  if (!first || !firstOwner) throw new Error('no business: create the owner first');
  const passwordHash = String(firstOwner.password_hash);
  const rain = new Set(rainCells().map((c) => c.key));
  const rainTomorrow = addDays(localDateOf(now, RAIN_METRO.timeZone), 1);

  const world: SeededWorld = {
    businesses: 0,
    staff: 0,
    clients: 0,
    jobs: 0,
    cells: 0,
    cellDays: 0,
    inRain: 0,
    businessesInRain: 0,
    seedMs: 0,
  };
  const cells = new Set<string>();
  const cellDays = new Set<string>();
  const users = [];
  for (let b = 0; b < businesses; b++) {
    const metro = pick(METROS, b);
    const rng = random(1_000 + b);
    const reused = b === 0;
    const business_id = reused ? String(first.business_id) : newId('bus');
    const owner_id = reused ? String(first.owner_id) : newId('usr');
    const name = `${metro.city} ${pick(BUSINESS_SUFFIXES, Math.floor(b / METROS.length) + b)}`;
    const slug = `${name.toLowerCase().replace(/[^a-z]+/g, '-')}-${b}`;
    const domain = `${slug}.example.test`;
    const areaCode = pick(metro.areaCodes, b);
    const vertical: Vertical = b % 3 === 2 ? 'landscaping' : 'lawn_care';
    const system = (at = now) => ({
      version: 1,
      created_at: at,
      updated_at: at,
      deleted_at: null,
      audit_log: [{ action: 'created', user_id: owner_id, timestamp: at }],
    });
    // Peak season: every day, so whatever day the bench runs its 48 hours are working hours.
    const week = Object.fromEntries(WEEKDAYS.map((d) => [d, { ...DAY_HOURS }])) as WeeklyHours;
    const office = offset(metro.center, (rng() - 0.5) * 16, (rng() - 0.5) * 16);

    const business = businessSchema.parse({
      ...system(reused ? (first.created_at as Date) : now),
      business_id,
      name,
      vertical,
      plan: 'professional',
      phone: `+1-${areaCode}-555-01${String(b).padStart(2, '0')}`,
      email: `office@${domain}`,
      address: `${100 + Math.floor(rng() * 9800)} ${pick(metro.streets, b)}, ${metro.city}, ${metro.state} ${metro.zip3}${String(b % 100).padStart(2, '0')}`,
      location: { type: 'Point', coordinates: [office.lng, office.lat] },
      timezone: metro.timeZone,
      owner_id,
      staff_count: CREWS,
      client_count: CLIENTS_PER_BUSINESS,
      config: businessConfigSchema.parse({
        weather_enabled: true,
        weather_api_provider: 'open_meteo',
        reschedule_window_hours: WINDOW_HOURS,
        min_gap_between_jobs_minutes: MIN_GAP_MINUTES,
        default_service_duration_minutes: 45,
        allow_same_day_reschedule: true,
        business_hours: week,
        ...MAP_SETTINGS_DEFAULTS,
      }),
    });
    if (!reused) {
      users.push(
        userSchema.parse({
          ...system(),
          user_id: owner_id,
          email: `owner@${domain}`,
          password_hash: passwordHash,
          first_name: pick(FIRST_NAMES, b * 3),
          last_name: pick(LAST_NAMES, b * 7),
          phone: `+1-${areaCode}-555-02${String(b).padStart(2, '0')}`,
          role: 'owner',
          business_id,
        }),
      );
    }

    const services = SERVICES[vertical === 'landscaping' ? 'landscaping' : 'lawn_care'].map(
      (s, i) =>
        serviceSchema.parse({
          ...system(),
          service_id: newId('svc'),
          business_id,
          vertical,
          name: s.name,
          category: 'maintenance',
          default_duration_minutes: s.minutes,
          default_price: s.price,
          currency: 'USD',
          minimum_staff_count: 1,
          sort_order: i,
        }),
    );

    const staff = Array.from({ length: CREWS }, (_, i) => {
      const firstName = pick(FIRST_NAMES, i + b);
      const lastName = pick(LAST_NAMES, i * 7 + b);
      return staffSchema.parse({
        ...system(),
        staff_id: newId('stf'),
        business_id,
        first_name: firstName,
        last_name: lastName,
        email: `${firstName}.${lastName}.${i}@${domain}`.toLowerCase(),
        phone: `+1-${areaCode}-555-${String(3000 + i).padStart(4, '0')}`,
        role: i < CREW_LEADS ? 'crew_lead' : 'crew_member',
        availability_schedule: week,
        hire_date: scheduledDateValue('2024-03-01'),
      });
    });

    const clients: Client[] = Array.from({ length: CLIENTS_PER_BUSINESS }, (_, n) => {
      // Uniform over the disc: the radius goes as the square root.
      const r = CLIENT_RADIUS_KM * Math.sqrt(rng());
      const angle = rng() * 2 * Math.PI;
      const place = offset(metro.center, r * Math.sin(angle), r * Math.cos(angle));
      const firstName = pick(FIRST_NAMES, n);
      const lastName = pick(LAST_NAMES, Math.floor(n / FIRST_NAMES.length) * 7 + n + b);
      return clientSchema.parse(
        withLocation(
          withSearchTerms({
            ...system(),
            client_id: newId('cli'),
            business_id,
            first_name: firstName,
            last_name: lastName,
            // One in ten has no email (the phone is enough).
            email: n % 10 === 9 ? null : `${firstName}.${lastName}${n}@example.test`.toLowerCase(),
            phone: `+1-${pick(metro.areaCodes, n)}-555-${String(n).padStart(4, '0')}`,
            address: `${100 + Math.floor(rng() * 9800)} ${pick(metro.streets, n * 5)}`,
            latitude: place.lat,
            longitude: place.lng,
            city: metro.city,
            state: metro.state,
            zip_code: `${metro.zip3}${String(Math.floor(rng() * 40) + 1).padStart(2, '0')}`,
            job_count: n % 23,
            total_spent: (n % 23) * 55,
          }),
        ),
      );
    });

    // Every hourly start of the 48 hours (in the business's zone), then 2,000 jobs spread evenly
    // over them, each start's jobs on different crews.
    const windowEnd = new Date(now.getTime() + WINDOW_HOURS * 3_600_000);
    const starts: { date: DateKey; hour: number; at: Date }[] = [];
    for (const date of datesBetween(now, windowEnd, metro.timeZone)) {
      for (let hour = FIRST_START_HOUR; hour <= LAST_START_HOUR; hour++) {
        const at = toUtcInstant(date, hhmm(hour * 60), metro.timeZone);
        if (at.getTime() >= now.getTime() + FIRST_JOB_LEAD_MS && at <= windowEnd) {
          starts.push({ date, hour, at });
        }
      }
    }
    if (starts.length * CREWS < JOBS_PER_BUSINESS) {
      throw new Error(`${starts.length} starts × ${CREWS} crews cannot hold the jobs`);
    }
    const order = Array.from({ length: CLIENTS_PER_BUSINESS }, (_, n) => n);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    const appointments: Appointment[] = [];
    let inRain = 0;
    starts.forEach((start, s) => {
      const count =
        Math.floor(((s + 1) * JOBS_PER_BUSINESS) / starts.length) -
        Math.floor((s * JOBS_PER_BUSINESS) / starts.length);
      for (let k = 0; k < count; k++) {
        const n = appointments.length;
        const client = clients[order[n % order.length] as number] as Client;
        const crew = staff[(s * 37 + k) % CREWS];
        const service = pick(services, n * 7 + s);
        if (!crew) throw new Error('no crew');
        const startMinutes = start.hour * 60;
        const end = hhmm(startMinutes + service.default_duration_minutes);
        const notified = n % 3 === 0;
        appointments.push(
          appointmentSchema.parse({
            ...system(),
            appointment_id: newId('apt'),
            business_id,
            client_id: client.client_id,
            service_id: service.service_id,
            scheduled_date: scheduledDateValue(start.date),
            scheduled_start_time: hhmm(startMinutes),
            scheduled_end_time: end,
            estimated_duration_minutes: service.default_duration_minutes,
            assigned_staff_ids: [crew.staff_id],
            service_price: service.default_price,
            total_price: service.default_price,
            currency: 'USD',
            client_notified_at: notified ? now : null,
            client_notification_method: notified ? 'sms' : null,
          }),
        );
        const cell = cellOf(client.latitude as number, client.longitude as number);
        cells.add(`${metro.timeZone}|${cell.key}`);
        cellDays.add(`${cell.key}|${start.date}`);
        if (
          metro === RAIN_METRO &&
          rain.has(cell.key) &&
          start.date === rainTomorrow &&
          hhmm(startMinutes) < RAIN_HOURS.to &&
          end > RAIN_HOURS.from
        ) {
          inRain++;
        }
      }
    });

    if (reused) {
      await db.collection('businesses').replaceOne({ business_id }, business);
    } else {
      await db.collection('businesses').insertOne(business);
    }
    await db.collection('services').insertMany(services);
    await db.collection('staff').insertMany(staff);
    for (let i = 0; i < clients.length; i += BATCH) {
      await db.collection('clients').insertMany(clients.slice(i, i + BATCH), { ordered: false });
    }
    for (let i = 0; i < appointments.length; i += BATCH) {
      await db
        .collection('appointments')
        .insertMany(appointments.slice(i, i + BATCH), { ordered: false });
    }
    world.businesses++;
    world.staff += staff.length;
    world.clients += clients.length;
    world.jobs += appointments.length;
    world.inRain += inRain;
    if (inRain > 0) world.businessesInRain++;
    progress(
      `seeded ${name} (${metro.timeZone}): ${appointments.length} jobs over ${starts.length} starts, ${inRain} in the rain`,
    );
  }
  if (users.length) await db.collection('users').insertMany(users);
  world.cells = cells.size;
  world.cellDays = cellDays.size;
  world.seedMs = performance.now() - started;
  return world;
}
