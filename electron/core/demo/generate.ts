// Deterministic demo data: a Birmingham lawn-care company and a Denver HVAC company, with 12 weeks of jobs around `today`;
// and smaller sample data (clients, staff, services, jobs) for a business created at first run.
import { Faker, base, en, en_US } from '@faker-js/faker';
import * as rrule from 'rrule';
import type { Temporal } from 'temporal-polyfill';
import {
  createIdGenerator,
  defaultWeeklyHours,
  newId as randomId,
  MAP_SETTINGS_DEFAULTS,
  withLocation,
  type Appointment,
  type AppointmentStatus,
  type AuditEntry,
  type Availability,
  type Business,
  type BusinessConfig,
  type Client,
  type ContactMethod,
  type Equipment,
  type IdPrefix,
  type MaintenanceNote,
  type Notification,
  type PaymentMethod,
  type Service,
  type Staff,
  type User,
  type Vertical,
  type VoiceSession,
  type WeatherCache,
  type WeatherData,
  type WeeklyHours,
} from '../../../shared/schemas';
import {
  addDays,
  clockTime,
  dateKeyOf,
  daysBetween,
  hhmm,
  localDateOf,
  localTimeOf,
  minutesOf,
  scheduledDateValue,
  toUtcInstant,
  weekdayName,
  type DateKey,
} from '../../../shared/time';
import {
  HVAC_EQUIPMENT,
  HVAC_SERVICES,
  LAWN_EQUIPMENT,
  LAWN_SERVICES,
  type EquipmentDef,
  type ServiceDef,
} from './catalog';
import { BIRMINGHAM, DENVER, type Metro } from './places';
import { shortDate } from '../services/scheduling/format';
import { withSearchTerms } from '../services/records/search-terms';
import { anyExceeded, thresholdDetailsOf } from '../../../shared/weather/risk';
import { DEFAULT_TEMPLATES } from '../../../shared/messaging/templates';

// rrule ships ESM for bundlers but CommonJS for Node, whose ESM loader then exposes only `default`.
/** Whether the demo client of job `id` confirmed by text: 60% of ids, the same every run. */
function confirmsByText(id: string): boolean {
  let hash = 0;
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) >>> 0;
  return hash % 10 < 6;
}

const { RRule } = (rrule as unknown as { default?: typeof rrule }).default ?? rrule;

export const DEMO_SEED = 20261125;
export const DEMO_OWNER_EMAIL = 'owner@southern-lawn.example';
/** Days of past appointments before `today`, and days of future ones after it. */
export const DEMO_PAST_DAYS = 70;
export const DEMO_FUTURE_DAYS = 14;

export interface DemoOptions {
  seed?: number;
  /** The business-local calendar day the data is centred on. */
  today: Temporal.PlainDate;
  /** The current instant; nothing in the data happens after it except scheduled work. */
  now: Date;
  /** A precomputed bcrypt hash used as every demo user's password_hash (hashing is slow). */
  passwordHash: string;
}

export interface DemoData {
  businesses: Business[];
  users: User[];
  clients: Client[];
  services: Service[];
  staff: Staff[];
  equipment: Equipment[];
  appointments: Appointment[];
  availability: Availability[];
  notifications: Notification[];
  weather_cache: WeatherCache[];
  voice_sessions: VoiceSession[];
  payment_methods: PaymentMethod[];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** All randomness goes through one seeded Faker, so equal inputs give equal output. */
class Rng {
  constructor(readonly faker: Faker) {}

  int(min: number, max: number): number {
    return this.faker.number.int({ min, max });
  }

  chance(probability: number): boolean {
    return this.faker.number.float({ min: 0, max: 1 }) < probability;
  }

  pick<T>(items: readonly T[]): T {
    return this.faker.helpers.arrayElement(items);
  }

  weighted<T>(items: readonly (readonly [T, number])[]): T {
    return this.faker.helpers.weightedArrayElement(
      items.map(([value, weight]) => ({ value, weight })),
    );
  }

  offset(spread: number): number {
    return this.faker.number.float({ min: -spread, max: spread });
  }
}

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`Demo data: missing ${what}`);
  return value;
}

const round = (value: number, decimals: number): number => {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
};

const dollars = (cents: number): number => cents / 100;

const latest = (...dates: (Date | null)[]): Date =>
  new Date(Math.max(...dates.map((d) => (d ? d.getTime() : 0))));

const created = (userId: string, at: Date): AuditEntry[] => [
  { action: 'created', user_id: userId, timestamp: at },
];

/** A field's change in an audit entry, from nothing (a field the step sets). */
const set = (after: unknown) => ({ before: null, after });

/**
 * A demo job's audit trail as the app writes one: booked (a replacement says what it replaced),
 * then started and completed, or canceled, or replaced by a new booking — so a job's History reads
 * like a real one's rather than "created" alone. By the office user, who marks the crews' calls.
 */
function jobHistory(j: {
  office: string;
  bookedAt: Date;
  bookedNote: string | null;
  status: AppointmentStatus;
  actualStart: Date | null;
  actualEnd: Date | null;
  durationMinutes: number | null;
  amountCharged: number | null;
  canceled: { at: Date; reason: string } | null;
  replaced: { at: Date; note: string } | null;
}): AuditEntry[] {
  const entries: AuditEntry[] = [
    {
      action: 'created',
      user_id: j.office,
      timestamp: j.bookedAt,
      ...(j.bookedNote ? { note: j.bookedNote } : {}),
    },
  ];
  const step = (action: string, timestamp: Date, changes: AuditEntry['changes'], note?: string) =>
    entries.push({ action, user_id: j.office, timestamp, changes, ...(note ? { note } : {}) });
  if (j.actualStart) {
    step('started', j.actualStart, {
      status: { before: 'scheduled', after: 'in_progress' },
      actual_start_time: set(j.actualStart),
    });
  }
  if (j.status === 'completed' && j.actualEnd) {
    step('completed', j.actualEnd, {
      status: { before: 'in_progress', after: 'completed' },
      actual_end_time: set(j.actualEnd),
      actual_duration_minutes: set(j.durationMinutes),
      amount_charged: set(j.amountCharged),
      completed_at: set(j.actualEnd),
    });
  }
  if (j.canceled) {
    step('canceled', j.canceled.at, {
      status: { before: 'scheduled', after: 'canceled' },
      cancellation_reason: set(j.canceled.reason),
    });
  }
  if (j.replaced) {
    step(
      'rescheduled',
      j.replaced.at,
      { status: { before: 'scheduled', after: 'rescheduled' } },
      j.replaced.note,
    );
  }
  return entries;
}

const slug = (text: string): string => text.toLowerCase().replace(/[^a-z]/g, '');

interface BusinessPlan {
  name: string;
  vertical: Vertical;
  domain: string;
  timezone: string;
  metro: Metro;
  address: string;
  hours: { start: string; end: string };
  /** Opening hours per weekday; `hours` Monday to Friday when not given. */
  weeklyHours?: WeeklyHours;
  /** Days of jobs before and after `today`. */
  pastDays: number;
  futureDays: number;
  /** Card payment methods, AI receptionist calls and a forecast cache (outdoor demo work only). */
  extras: boolean;
  /** Crew members per crew (0 = the lead works alone). */
  crewSizes: readonly number[];
  clientCount: number;
  services: readonly ServiceDef[];
  equipment: readonly EquipmentDef[];
  /** 'route': recurring weekly/biweekly visits by area; 'calls': one-off jobs booked as people call. */
  mode: 'route' | 'calls';
  outdoor: boolean;
  owner: { first: string; last: string };
  dispatcher: { first: string; last: string } | null;
  foundedDaysAgo: number;
}

const LAWN_PLAN: BusinessPlan = {
  name: 'Southern Lawn Care Co',
  vertical: 'lawn_care',
  domain: 'southern-lawn.example',
  timezone: 'America/Chicago',
  metro: BIRMINGHAM,
  address: '2100 1st Ave N, Birmingham, AL 35203',
  hours: { start: '08:00', end: '17:00' },
  crewSizes: [2, 1, 2, 1, 2, 1],
  clientCount: 150,
  services: LAWN_SERVICES,
  equipment: LAWN_EQUIPMENT,
  mode: 'route',
  outdoor: true,
  owner: { first: 'Dale', last: 'Whitfield' },
  dispatcher: { first: 'Tammy', last: 'Reeves' },
  foundedDaysAgo: 640,
  pastDays: DEMO_PAST_DAYS,
  futureDays: DEMO_FUTURE_DAYS,
  extras: true,
};

const HVAC_PLAN: BusinessPlan = {
  name: 'Front Range Heating & Air',
  vertical: 'hvac',
  domain: 'front-range-hvac.example',
  timezone: 'America/Denver',
  metro: DENVER,
  address: '1550 Wazee St, Denver, CO 80202',
  hours: { start: '07:00', end: '17:00' },
  crewSizes: [0, 0, 0],
  clientCount: 40,
  services: HVAC_SERVICES,
  equipment: HVAC_EQUIPMENT,
  mode: 'calls',
  outdoor: false,
  owner: { first: 'Rosa', last: 'Delgado' },
  dispatcher: null,
  foundedDaysAgo: 300,
  pastDays: DEMO_PAST_DAYS,
  futureDays: DEMO_FUTURE_DAYS,
  extras: true,
};

const CLIENT_NOTES = [
  'Prefer morning appointments, no chemicals',
  'Gate code 4417; dog in back yard is friendly',
  'Please close the side gate, dog gets out',
  'Do not edge along the flower beds',
  'Park on the street, driveway is being resealed',
  'Text on the way; works night shift',
  'Corner lot; both sides of the sidewalk',
  'Backyard has a steep slope, use the walk-behind',
  'Elderly owner, knock loudly',
];

const CANCEL_REASONS = [
  'Client canceled: traveling that week',
  'Client canceled: lawn recently overseeded',
  'Gate locked and no answer at the door',
  'Client canceled: hosting an event in the yard',
  'Duplicate booking',
];

const COMPLETION_NOTES = [
  'Bagged clippings at client request',
  'Noticed brown patch near the driveway; recommend fungicide',
  'Sprinkler head by mailbox is broken; told client',
  'Extra leaf volume in back yard',
  'Client paid on site',
  'Replaced furnace filter (customer supplied)',
];

const REVIEWS = [
  'Great job as always!',
  'Crew was on time and very polite.',
  'Yard looks fantastic, thank you.',
  'Missed a spot by the fence.',
  'Fast and tidy work.',
];

interface Crew {
  lead: Staff;
  members: Staff[];
  equipment: Equipment[];
}

interface ClientPlan {
  client: Client;
  lat: number;
  lng: number;
  crew: number;
  weekday: number;
  everyOtherWeek: boolean;
  parity: number;
  main: ServiceDef;
  customPriceCents: number | null;
  discountCents: number;
  activeUntil: DateKey | null;
  optedOut: boolean;
}

interface Job {
  plan: ClientPlan;
  service: ServiceDef;
  carried: { appointmentId: string; start: Date; weather: boolean; decidedAt: Date } | null;
}

/** One business's share of the demo data. */
type Built = Omit<DemoData, 'businesses'> & { business: Business };

/** Builds one business and everything in it. */
class BusinessBuilder {
  private readonly instants = new Map<string, Date>();
  private readonly phones: string[];
  private readonly emails = new Set<string>();
  private readonly weather = new Map<DateKey, WeatherData>();
  readonly businessId: string;
  readonly ownerId: string;
  readonly dispatcherId: string | null;
  readonly windowStart: DateKey;
  readonly windowEnd: DateKey;
  private readonly serviceIds = new Map<string, string>();

  constructor(
    private readonly plan: BusinessPlan,
    private readonly rng: Rng,
    private readonly newId: (prefix: IdPrefix) => string,
    private readonly today: DateKey,
    private readonly now: Date,
    private readonly passwordHash: string,
    /** An existing business and its owner to fill (sample data): no business or users are made. */
    private readonly existing?: { businessId: string; ownerId: string },
  ) {
    this.businessId = existing ? existing.businessId : newId('bus');
    this.ownerId = existing ? existing.ownerId : newId('usr');
    this.dispatcherId = plan.dispatcher && !existing ? newId('usr') : null;
    this.windowStart = addDays(today, -plan.pastDays);
    this.windowEnd = addDays(today, plan.futureDays);
    this.phones = this.rng.faker.helpers.shuffle(
      plan.metro.areaCodes.flatMap((code) =>
        Array.from({ length: 100 }, (_, i) => `+1-${code}-555-01${String(i).padStart(2, '0')}`),
      ),
    );
  }

  /** The instant of a local date and time in this business's zone (memoised: Temporal is slow). */
  at(date: DateKey, time: string): Date {
    const key = `${date} ${time}`;
    let instant = this.instants.get(key);
    if (!instant) {
      instant = toUtcInstant(date, time, this.plan.timezone);
      this.instants.set(key, instant);
    }
    return new Date(instant.getTime());
  }

  /** No demo record is dated after `now`. */
  /** "Tue, Nov 24 9:00 AM" in the business's time zone. */
  private spokenInstant(instant: Date): string {
    const zone = this.plan.timezone;
    return `${shortDate(localDateOf(instant, zone))} ${clockTime(localTimeOf(instant, zone))}`;
  }

  private notAfterNow(instant: Date): Date {
    return instant.getTime() > this.now.getTime() ? new Date(this.now.getTime()) : instant;
  }

  private serviceDef(key: string): ServiceDef {
    return must(
      this.plan.services.find((s) => s.key === key),
      `service '${key}'`,
    );
  }

  private phone(): string {
    return must(this.phones.pop(), 'a free 555-01xx phone number');
  }

  private email(first: string, last: string, domain: string): string {
    const stem = `${slug(first)}.${slug(last)}`;
    let candidate = `${stem}@${domain}`;
    for (let n = 2; this.emails.has(candidate); n++) candidate = `${stem}${n}@${domain}`;
    this.emails.add(candidate);
    return candidate;
  }

  private weeklyHours(): WeeklyHours {
    if (this.plan.weeklyHours) return structuredClone(this.plan.weeklyHours);
    const hours = defaultWeeklyHours();
    for (const day of ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const) {
      hours[day] = { ...this.plan.hours };
    }
    return hours;
  }

  build(): Built {
    const founded = this.at(addDays(this.today, -this.plan.foundedDaysAgo), '09:30');
    const users = this.existing ? [] : this.buildUsers(founded);
    const services = this.buildServices(founded);
    const { crews, staff } = this.buildStaff(founded);
    const equipment = this.buildEquipment(crews);
    for (const service of services) {
      const def = must(
        this.plan.services.find((s) => s.name === service.name),
        service.name,
      );
      service.requires_equipment_ids = def.needs.flatMap((category) => {
        const piece = equipment.find((e) => e.category === category && e.status === 'active');
        return piece ? [piece.equipment_id] : [];
      });
    }
    const plans = this.buildClients(crews.length);
    const { availability, off, closed } = this.buildAvailability(crews);
    const { appointments, notifications } = this.schedule(crews, plans, off, closed, services);
    const clients = plans.map((p) => p.client);
    this.deriveClientMetrics(clients, appointments);
    this.deriveStaffMetrics(staff, appointments, off);
    const extras = this.plan.extras && this.plan.outdoor;
    const paymentMethods = extras ? this.buildPaymentMethods(clients) : [];
    const voiceSessions = extras ? this.buildVoiceSessions(plans, appointments) : [];
    const weatherCache = extras ? this.buildWeatherCache() : [];
    const business = this.buildBusiness(founded, staff.length, clients.length);
    return {
      business,
      users,
      clients,
      services,
      staff,
      equipment,
      appointments,
      availability,
      notifications,
      weather_cache: weatherCache,
      voice_sessions: voiceSessions,
      payment_methods: paymentMethods,
    };
  }

  /** The seed's thresholds: rain 70 %, below 32 °F, above 105 °F, wind 35 mph. */
  private readonly thresholds = {
    rain_percent: 70,
    temp_min_fahrenheit: 32,
    temp_max_fahrenheit: 105,
    wind_speed_mph: 35,
  };

  private buildBusiness(founded: Date, staffCount: number, clientCount: number): Business {
    const { plan } = this;
    const config: BusinessConfig = {
      // Texts need the business's own Twilio account (Settings → Messaging): none in the demo.
      twilio_account_sid: null,
      twilio_api_key_sid: null,
      twilio_messaging_service_sid: null,
      twilio_from_number: null,
      sms_templates: { ...DEFAULT_TEMPLATES },
      sms_send_from: '08:00',
      sms_send_until: '21:00',
      sms_messages_per_second: 1,
      weather_enabled: plan.outdoor,
      weather_api_provider: 'open_meteo',
      reschedule_window_hours: 48,
      weather_thresholds: this.thresholds,
      weather_exempt_service_ids: [],
      min_gap_between_jobs_minutes: 30,
      default_service_duration_minutes: 60,
      allow_crew_stacking: plan.outdoor,
      allow_same_day_reschedule: true,
      business_hours: this.weeklyHours(),
      ai_receptionist_enabled: plan.outdoor,
      ai_voice_id: plan.outdoor ? 'voice_southern_female_1' : 'none',
      sms_enabled: true,
      sms_provider: 'twilio',
      payments_enabled: plan.outdoor,
      payment_processor: 'stripe',
      default_payment_method: plan.outdoor ? 'credit_card' : null,
      notifications_enabled: true,
      sms_before_appointment_hours: 24,
      push_enabled: true,
      email_enabled: false,
      ...MAP_SETTINGS_DEFAULTS,
    };
    return {
      business_id: this.businessId,
      name: plan.name,
      vertical: plan.vertical,
      plan: plan.outdoor ? 'professional' : 'free',
      phone: this.phone(),
      email: `contact@${plan.domain}`,
      address: plan.address,
      location: {
        type: 'Point',
        coordinates: [plan.metro.center.lng, plan.metro.center.lat],
      },
      timezone: plan.timezone,
      owner_id: this.ownerId,
      staff_count: staffCount,
      client_count: clientCount,
      subscription_status: 'active',
      subscription_renewal_date: scheduledDateValue(addDays(this.today, this.rng.int(5, 28))),
      config,
      version: 1,
      created_at: founded,
      updated_at: this.now,
      deleted_at: null,
      audit_log: created(this.ownerId, founded),
    };
  }

  private buildUsers(founded: Date): User[] {
    const { plan } = this;
    const user = (
      id: string,
      person: { first: string; last: string },
      email: string,
      role: User['role'],
      lastLoginHoursAgo: number,
      createdAt: Date,
    ): User => ({
      user_id: id,
      email,
      password_hash: this.passwordHash,
      first_name: person.first,
      last_name: person.last,
      phone: this.phone(),
      role,
      business_id: this.businessId,
      is_active: true,
      last_login_at: new Date(this.now.getTime() - lastLoginHoursAgo * HOUR),
      version: 1,
      created_at: createdAt,
      updated_at: createdAt,
      deleted_at: null,
      audit_log: created(this.ownerId, createdAt),
    });
    const users = [user(this.ownerId, plan.owner, `owner@${plan.domain}`, 'owner', 3, founded)];
    if (plan.dispatcher && this.dispatcherId) {
      const hired = new Date(founded.getTime() + 14 * DAY);
      users.push(
        user(this.dispatcherId, plan.dispatcher, `dispatch@${plan.domain}`, 'staff', 0.5, hired),
      );
    }
    return users;
  }

  private buildServices(founded: Date): Service[] {
    return this.plan.services.map((def, index) => {
      const id = this.newId('svc');
      this.serviceIds.set(def.key, id);
      return {
        service_id: id,
        business_id: this.businessId,
        vertical: this.plan.vertical,
        name: def.name,
        description: def.description,
        category: def.category,
        default_duration_minutes: def.minutes,
        default_price: dollars(def.priceCents),
        currency: 'USD',
        requires_equipment_ids: [],
        minimum_staff_count: def.minimumStaff,
        can_have_multiple_crews: def.minimumStaff > 1,
        is_active: true,
        sort_order: index + 1,
        version: 1,
        created_at: founded,
        updated_at: founded,
        deleted_at: null,
        audit_log: created(this.ownerId, founded),
      };
    });
  }

  private buildStaff(founded: Date): { crews: Crew[]; staff: Staff[] } {
    const person = (role: Staff['role']): Staff => {
      const first = this.rng.faker.person.firstName();
      const last = this.rng.faker.person.lastName();
      const hireDate = addDays(this.today, -this.rng.int(120, 2400));
      const createdAt = latest(founded, this.at(hireDate, '08:00'));
      return {
        staff_id: this.newId('stf'),
        business_id: this.businessId,
        first_name: first,
        last_name: last,
        email: this.email(first, last, this.plan.domain),
        phone: this.phone(),
        role,
        crew_lead_id: null,
        assigned_equipment_ids: [],
        service_certifications:
          this.plan.vertical === 'hvac'
            ? ['epa_608_universal', 'nate_certified']
            : role === 'crew_lead'
              ? ['al_pesticide_applicator']
              : [],
        availability_schedule: this.weeklyHours(),
        current_availability_status: 'off_duty',
        jobs_assigned_today: 0,
        hours_worked_this_week: 0,
        total_jobs_completed: 0,
        avg_completion_time_minutes: null,
        avg_customer_rating: null,
        cancellation_rate: 0,
        location_tracking_enabled: false,
        current_location: null,
        is_active: true,
        hire_date: scheduledDateValue(hireDate),
        version: 1,
        created_at: createdAt,
        updated_at: createdAt,
        deleted_at: null,
        audit_log: created(this.ownerId, createdAt),
      };
    };
    const crews = this.plan.crewSizes.map((size) => {
      const lead = person('crew_lead');
      const members = Array.from({ length: size }, () => ({
        ...person('crew_member'),
        crew_lead_id: lead.staff_id,
      }));
      return { lead, members, equipment: [] };
    });
    return { crews, staff: crews.flatMap((c) => [c.lead, ...c.members]) };
  }

  private buildEquipment(crews: Crew[]): Equipment[] {
    const { plan } = this;
    const lawn = plan.outdoor;
    const equipment = plan.equipment.map((def, index): Equipment => {
      const id = this.newId('eq');
      const purchase = addDays(this.today, -this.rng.int(200, 1400));
      // Lawn #5 is at the dealer, #6 is retired; a few others are due soon or overdue.
      const status =
        lawn && index === 4 ? 'maintenance' : lawn && index === 5 ? 'retired' : 'active';
      const history: MaintenanceNote[] = [];
      let last = purchase;
      const visits = this.rng.int(1, 3);
      for (let v = 0; v < visits; v++) {
        const next = addDays(last, this.rng.int(40, def.serviceIntervalDays + 30));
        if (daysBetween(next, this.today) < 3) break;
        const work = this.rng.pick(def.maintenance);
        history.push({
          date: scheduledDateValue(next),
          type: work.type,
          notes: work.notes,
          cost: dollars(work.costCents),
        });
        last = next;
      }
      const lastService = history.at(-1);
      const dueOffset =
        index % 7 === 1 ? -this.rng.int(3, 20) : index % 7 === 3 ? this.rng.int(1, 10) : null;
      const due =
        status === 'retired'
          ? null
          : dueOffset !== null
            ? addDays(this.today, dueOffset)
            : addDays(this.today, this.rng.int(15, def.serviceIntervalDays));
      const purchasedAt = this.at(purchase, '12:00');
      const retiredNote = 'Retired after engine failure; kept for parts';
      const repairNote = 'At the dealer for a hydraulic pump replacement, back in about a week';
      return {
        equipment_id: id,
        business_id: this.businessId,
        name: def.name,
        category: def.category,
        subcategory: def.subcategory,
        serial_number: `${def.serialPrefix}-${purchase.slice(0, 4)}-${String(index + 1).padStart(3, '0')}`,
        purchase_date: scheduledDateValue(purchase),
        purchase_price: dollars(def.priceCents),
        status,
        assigned_staff_ids: [],
        maintenance_due_date: due ? scheduledDateValue(due) : null,
        last_maintenance_date: lastService ? lastService.date : null,
        maintenance_notes: history,
        total_maintenance_cost: dollars(
          history.reduce((sum, note) => sum + Math.round(note.cost * 100), 0),
        ),
        hours_used:
          def.category === 'truck' || def.category === 'van'
            ? this.rng.int(900, 4200)
            : this.rng.int(60, 950),
        notes:
          status === 'retired'
            ? retiredNote
            : status === 'maintenance'
              ? repairNote
              : index === 0
                ? 'Primary production mower, well maintained'
                : null,
        is_active: status !== 'retired',
        version: 1,
        created_at: purchasedAt,
        updated_at: latest(
          purchasedAt,
          lastService ? this.at(dateKeyOf(lastService.date), '16:00') : null,
        ),
        deleted_at: null,
        audit_log: created(this.ownerId, purchasedAt),
      };
    });
    // Each crew gets its own piece of every category while they last — never one shared between
    // crews, which would double-book it — preferring pieces that are running and not overdue for
    // service; the rest stay in the yard as spares. A crew without one goes without that kit.
    const categories = [...new Set(equipment.map((e) => e.category))];
    const today = scheduledDateValue(this.today).getTime();
    const fitness = (e: Equipment) =>
      (e.status === 'active' ? 0 : 2) +
      (e.maintenance_due_date !== null && e.maintenance_due_date.getTime() < today ? 1 : 0);
    for (const category of categories) {
      const pieces = equipment
        .filter((e) => e.category === category && e.status !== 'retired')
        .sort((a, b) => fitness(a) - fitness(b));
      crews.forEach((crew, i) => {
        const piece = pieces[i];
        if (!piece) return;
        crew.equipment.push(piece);
        for (const person of [crew.lead, ...crew.members]) {
          piece.assigned_staff_ids.push(person.staff_id);
          person.assigned_equipment_ids.push(piece.equipment_id);
        }
      });
    }
    return equipment;
  }

  private buildClients(crewCount: number): ClientPlan[] {
    const { plan, rng } = this;
    const metro = plan.metro;
    const plans: ClientPlan[] = [];
    const weighted = metro.areas.map((area) => [area, area.weight] as const);
    for (let i = 0; i < plan.clientCount; i++) {
      const area = rng.weighted(weighted);
      const first = rng.faker.person.firstName();
      const last = rng.faker.person.lastName();
      const hasEmail = rng.chance(0.85);
      const email = hasEmail ? this.email(first, last, 'example.com') : null;
      const contact: ContactMethod = hasEmail
        ? rng.weighted<ContactMethod>([
            ['sms', 75],
            ['email', 15],
            ['phone', 10],
          ])
        : rng.weighted<ContactMethod>([
            ['sms', 85],
            ['phone', 15],
          ]);
      const lat = round(area.lat + rng.offset(0.018), 6);
      const lng = round(area.lng + rng.offset(0.022), 6);
      const since = addDays(this.windowStart, -rng.int(20, 900));
      const createdAt = this.at(since, hhmm(rng.int(8 * 60, 16 * 60)));
      const client: Client = withSearchTerms(
        withLocation({
          client_id: this.newId('cli'),
          business_id: this.businessId,
          first_name: first,
          last_name: last,
          email,
          phone: this.phone(),
          address: `${rng.int(100, 4999)} ${rng.pick(metro.streets)}, ${area.city}, ${metro.state} ${area.zip}`,
          latitude: lat,
          longitude: lng,
          city: area.city,
          state: metro.state,
          zip_code: area.zip,
          service_type_ids: [],
          preferred_staff_ids: [],
          notes: rng.chance(0.3) ? rng.pick(CLIENT_NOTES) : null,
          total_spent: 0,
          job_count: 0,
          avg_rating: null,
          last_job_date: null,
          preferred_contact_method: contact,
          sms_opted_out_at: null,
          sms_problem: null,
          payment_method_id: null,
          balance_due: 0,
          is_active: true,
          version: 1,
          created_at: createdAt,
          updated_at: createdAt,
          deleted_at: null,
          audit_log: created(this.dispatcherId ?? this.ownerId, createdAt),
        }),
      );
      const main =
        this.plan.mode === 'route'
          ? this.serviceDef(
              rng.weighted([
                ['full', 55],
                ['mow', 35],
                ['hedge', 10],
              ] as const),
            )
          : rng.pick(this.plan.services);
      const customPriceCents = rng.chance(0.1) ? main.priceCents + rng.pick([1000, 2500]) : null;
      plans.push({
        client,
        lat,
        lng,
        crew: 0,
        weekday: 0,
        everyOtherWeek: rng.chance(0.4),
        parity: rng.int(0, 1),
        main,
        customPriceCents,
        discountCents: rng.chance(0.05) ? 1000 : 0,
        activeUntil: null,
        optedOut: false,
      });
    }
    // Crews work sectors around the centre; each crew's clients spread over the weekdays.
    const center = metro.center;
    const angle = (p: ClientPlan) => Math.atan2(p.lat - center.lat, p.lng - center.lng);
    const byAngle = [...plans].sort((a, b) => angle(a) - angle(b));
    byAngle.forEach((p, rank) => {
      p.crew = Math.floor((rank * crewCount) / byAngle.length);
    });
    for (let crew = 0; crew < crewCount; crew++) {
      byAngle
        .filter((p) => p.crew === crew)
        .forEach((p, i) => {
          p.weekday = i % 5;
        });
    }
    // A few clients left (no work after three weeks ago); one replied STOP to texts.
    for (const p of rng.faker.helpers.arrayElements(plans, 3)) {
      p.activeUntil = addDays(this.today, -21);
      p.client.is_active = false;
    }
    const stop = must(
      plans.find((p) => p.client.is_active && p.client.email !== null),
      'client who opts out',
    );
    stop.optedOut = true;
    stop.client.preferred_contact_method = 'phone';
    stop.client.notes = 'Replied STOP to text messages; call instead';
    return plans;
  }

  private buildAvailability(crews: Crew[]): {
    availability: Availability[];
    off: Map<string, Set<DateKey>>;
    closed: Set<DateKey>;
  } {
    const entries: Availability[] = [];
    const creator = this.dispatcherId ?? this.ownerId;
    const weekdayOnOrAfter = (date: DateKey, weekday: number): DateKey => {
      let d = date;
      while (WEEKDAY_INDEX[weekdayName(d)] !== weekday) d = addDays(d, 1);
      return d;
    };
    const add = (
      fields: Pick<Availability, 'type' | 'staff_id' | 'reason' | 'notes'> & {
        from: DateKey;
        to: DateKey;
        rule?: string;
        start?: string;
        end?: string;
      },
    ): void => {
      const createdAt = this.notAfterNow(
        this.at(addDays(fields.from, -this.rng.int(5, 30)), '10:00'),
      );
      entries.push({
        availability_id: this.newId('ava'),
        business_id: this.businessId,
        staff_id: fields.staff_id,
        type: fields.type,
        date_from: scheduledDateValue(fields.from),
        date_to: scheduledDateValue(fields.to),
        start_time: fields.start ?? null,
        end_time: fields.end ?? null,
        reason: fields.reason,
        notes: fields.notes,
        is_recurring: fields.rule !== undefined,
        recurrence_rule: fields.rule ?? null,
        created_by_user_id: creator,
        version: 1,
        created_at: createdAt,
        updated_at: createdAt,
        deleted_at: null,
        audit_log: created(creator, createdAt),
      });
    };
    const crew = (i: number): Crew => must(crews[i % crews.length], `crew ${i}`);
    const memberOf = (i: number): Staff => crew(i).members[0] ?? crew(i).lead;

    const pastMonday = weekdayOnOrAfter(addDays(this.windowStart, 21), 0);
    add({
      type: 'time_off',
      staff_id: memberOf(1).staff_id,
      reason: 'vacation',
      notes: this.plan.outdoor ? 'Family trip to Gulf Shores' : 'Ski trip',
      from: pastMonday,
      to: addDays(pastMonday, 4),
    });
    const futureMonday = weekdayOnOrAfter(addDays(this.today, 5), 0);
    add({
      type: 'time_off',
      staff_id: crew(2).lead.staff_id,
      reason: 'vacation',
      notes: 'Long weekend with family',
      from: futureMonday,
      to: addDays(futureMonday, 1),
    });
    const sick = weekdayOnOrAfter(addDays(this.today, -12), 2);
    add({
      type: 'time_off',
      staff_id: memberOf(this.plan.outdoor ? 4 : 0).staff_id,
      reason: 'sick_day',
      notes: null,
      from: sick,
      to: sick,
    });
    if (this.plan.outdoor) {
      const training = weekdayOnOrAfter(addDays(this.windowStart, 40), 3);
      add({
        type: 'time_off',
        staff_id: crew(3).members[0]?.staff_id ?? null,
        reason: 'training',
        notes: 'Alabama pesticide applicator recertification class',
        from: training,
        to: training,
      });
      const firstFriday = weekdayOnOrAfter(this.windowStart, 4);
      add({
        type: 'time_off',
        staff_id: memberOf(0).staff_id,
        reason: 'personal',
        notes: 'Every other Friday off (custody schedule)',
        from: firstFriday,
        to: addDays(firstFriday, 182),
        rule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=FR',
      });
      // Sample data keeps to the hours the new business chose.
      if (this.plan.extras) {
        const saturday = weekdayOnOrAfter(addDays(this.today, 1), 5);
        add({
          type: 'special_hours',
          staff_id: null,
          reason: null,
          notes: 'Leaf season: Saturday morning crews by request',
          from: saturday,
          to: saturday,
          start: '08:00',
          end: '12:00',
        });
      }
    }
    for (const holiday of holidaysAround(this.windowStart, this.windowEnd, this.today)) {
      add({
        type: 'time_off',
        staff_id: null,
        reason: 'holiday',
        notes: holiday.name,
        from: holiday.from,
        to: holiday.to,
      });
    }

    const off = new Map<string, Set<DateKey>>();
    const closed = new Set<DateKey>();
    for (const entry of entries) {
      if (entry.type !== 'time_off') continue;
      const dates = expandDates(entry);
      if (entry.staff_id === null) {
        for (const d of dates) closed.add(d);
      } else {
        const set = off.get(entry.staff_id) ?? new Set<DateKey>();
        for (const d of dates) set.add(d);
        off.set(entry.staff_id, set);
      }
    }
    return { availability: entries, off, closed };
  }

  /** One day's forecast, the same every time it is asked for. */
  private weatherOn(date: DateKey, stormy: boolean): WeatherData {
    const known = this.weather.get(date);
    if (known) return known;
    const high = this.rng.int(52, 74);
    const data: WeatherData = stormy
      ? {
          date,
          condition: this.rng.pick(['thunderstorm', 'heavy_rain'] as const),
          rain_percent: this.rng.int(80, 95),
          temp_high_fahrenheit: high - 6,
          temp_low_fahrenheit: high - 16,
          wind_speed_mph: this.rng.int(14, 28),
          uv_index: 1,
          humidity_percent: this.rng.int(85, 98),
        }
      : {
          date,
          condition: this.rng.pick(['clear', 'partly_cloudy', 'cloudy'] as const),
          rain_percent: this.rng.int(0, 40),
          temp_high_fahrenheit: high,
          temp_low_fahrenheit: high - this.rng.int(12, 22),
          wind_speed_mph: this.rng.int(3, 15),
          uv_index: this.rng.int(2, 5),
          humidity_percent: this.rng.int(40, 75),
        };
    this.weather.set(date, data);
    return data;
  }

  /** Weekdays in the past that rained out (outdoor work only), and the coming stormy day. */
  private stormDays(): { past: Set<DateKey>; forecast: DateKey | null } {
    if (!this.plan.outdoor) return { past: new Set(), forecast: null };
    const past = new Set<DateKey>();
    while (past.size < 2) {
      const d = addDays(this.today, -this.rng.int(4, this.plan.pastDays - 7));
      if (WEEKDAY_INDEX[weekdayName(d)] < 4) past.add(d);
    }
    return { past, forecast: addDays(this.today, 2) };
  }

  private schedule(
    crews: Crew[],
    plans: ClientPlan[],
    off: Map<string, Set<DateKey>>,
    closed: Set<DateKey>,
    services: Service[],
  ): { appointments: Appointment[]; notifications: Notification[] } {
    const { rng } = this;
    const appointments: Appointment[] = [];
    const notifications: Notification[] = [];
    const storms = this.stormDays();
    const carry: Job[][] = crews.map(() => []);
    const serviceDoc = (def: ServiceDef): Service =>
      must(
        services.find((s) => s.service_id === this.serviceIds.get(def.key)),
        def.name,
      );
    const isOff = (staff: Staff, date: DateKey) => off.get(staff.staff_id)?.has(date) === true;
    const oneOffs =
      this.plan.mode === 'route'
        ? ([
            ['leaves', 4],
            ['fert', 2],
            ['aeration', 1],
            ['mulch', 1],
            ['consult', 1],
          ] as const)
        : ([
            ['furnace', 35],
            ['diag', 30],
            ['thermostat', 15],
            ['ducts', 12],
            ['ac', 5],
          ] as const);
    for (let date = this.windowStart; date <= this.windowEnd; date = addDays(date, 1)) {
      const hours = this.weeklyHours()[weekdayName(date)];
      if (!hours || closed.has(date)) continue;
      const open = minutesOf(hours.start);
      const close = minutesOf(hours.end);
      const weekIndex = Math.floor(daysBetween(this.windowStart, date) / 7);
      const weekday = WEEKDAY_INDEX[weekdayName(date)];

      crews.forEach((crew, crewIndex) => {
        if (isOff(crew.lead, date)) return;
        const team = [crew.lead, ...crew.members.filter((m) => !isOff(m, date))];
        const queued = must(carry[crewIndex], 'carry queue');
        const fresh: Job[] = [];
        const active = plans.filter(
          (p) => p.crew === crewIndex && (p.activeUntil === null || date <= p.activeUntil),
        );
        if (this.plan.mode === 'route') {
          for (const p of active) {
            const due = p.weekday === weekday && (!p.everyOtherWeek || weekIndex % 2 === p.parity);
            if (due) fresh.push({ plan: p, service: p.main, carried: null });
          }
          if (rng.chance(0.5) && active.length > 0) {
            fresh.push({
              plan: rng.pick(active),
              service: this.serviceDef(rng.weighted(oneOffs)),
              carried: null,
            });
          }
        } else {
          const count = rng.weighted([
            [1, 25],
            [2, 45],
            [3, 30],
          ] as const);
          for (const p of rng.faker.helpers.arrayElements(active, count)) {
            fresh.push({ plan: p, service: this.serviceDef(rng.weighted(oneOffs)), carried: null });
          }
        }

        const stillQueued: Job[] = [];
        let cursor = open + rng.pick([0, 0, 15, 30]);
        for (const job of [...queued, ...fresh]) {
          const end = cursor + job.service.minutes;
          if (end > close) {
            if (job.carried) stillQueued.push(job);
            continue;
          }
          const result = this.appointment(
            job,
            date,
            cursor,
            end,
            team,
            crew,
            serviceDoc(job.service),
            storms,
          );
          appointments.push(result.appointment);
          notifications.push(...result.notifications);
          if (result.carry) stillQueued.push(result.carry);
          cursor = end + rng.pick([30, 30, 45, 45, 60]);
        }
        carry[crewIndex] = stillQueued;
      });
    }
    this.failOneReminder(appointments, notifications);
    return { appointments, notifications };
  }

  private appointment(
    job: Job,
    date: DateKey,
    startMinutes: number,
    endMinutes: number,
    team: Staff[],
    crew: Crew,
    service: Service,
    storms: { past: Set<DateKey>; forecast: DateKey | null },
  ): { appointment: Appointment; notifications: Notification[]; carry: Job | null } {
    const { rng, now } = this;
    const id = this.newId('apt');
    const start = hhmm(startMinutes);
    const end = hhmm(endMinutes);
    const startAt = this.at(date, start);
    const client = job.plan.client;
    const isMain = job.service === job.plan.main;
    const customPriceCents = isMain ? job.plan.customPriceCents : null;
    const discountCents = isMain ? job.plan.discountCents : 0;
    const totalCents = Math.max(0, (customPriceCents ?? job.service.priceCents) - discountCents);

    const bookedAt = job.carried
      ? job.carried.decidedAt
      : this.notAfterNow(
          new Date(
            Math.min(
              startAt.getTime() - rng.int(3, 21) * DAY + rng.int(-3, 3) * HOUR,
              now.getTime() - rng.int(30, 600) * MINUTE,
            ),
          ),
        );

    // Outdoor work is checked against the forecast once it is within the 48-hour window.
    const checked = this.plan.outdoor && startAt.getTime() - 48 * HOUR <= now.getTime();
    const stormy = storms.past.has(date) || storms.forecast === date;
    const weather = checked ? this.weatherOn(date, stormy) : null;
    const past = date < this.today;

    let status: AppointmentStatus = 'scheduled';
    let cancellation: string | null = null;
    let carry: Job | null = null;
    let actualStart: Date | null = null;
    let actualEnd: Date | null = null;
    if (past && storms.past.has(date)) {
      status = 'rescheduled';
      carry = {
        ...job,
        carried: {
          appointmentId: id,
          start: startAt,
          weather: true,
          decidedAt: this.at(date, '06:30'),
        },
      };
    } else if (past && rng.chance(0.035)) {
      status = 'canceled';
      cancellation = rng.pick(CANCEL_REASONS);
    } else if (past && rng.chance(0.025)) {
      status = 'rescheduled';
      carry = {
        ...job,
        carried: {
          appointmentId: id,
          start: startAt,
          weather: false,
          decidedAt: this.notAfterNow(new Date(startAt.getTime() - rng.int(4, 30) * HOUR)),
        },
      };
    } else {
      const begin = new Date(startAt.getTime() + rng.int(0, 10) * MINUTE);
      const finish = new Date(begin.getTime() + (job.service.minutes + rng.int(-10, 15)) * MINUTE);
      if (finish.getTime() <= now.getTime()) {
        status = 'completed';
        actualStart = begin;
        actualEnd = finish;
      } else if (begin.getTime() <= now.getTime()) {
        status = 'in_progress';
        actualStart = begin;
      }
    }
    const completed = status === 'completed' && actualEnd !== null;
    let rating: number | null = null;
    let ratedAt: Date | null = null;
    if (actualEnd !== null && completed && rng.chance(0.35)) {
      const at = new Date(actualEnd.getTime() + rng.int(2, 30) * HOUR);
      if (at.getTime() <= now.getTime()) {
        rating = rng.weighted([
          [5, 60],
          [4, 28],
          [3, 9],
          [2, 3],
        ] as const);
        ratedAt = at;
      }
    }

    const equipmentIds = job.service.needs.flatMap((category) => {
      const own = crew.equipment.find(
        (e) => e.category === category && (e.status === 'active' || date < addDays(this.today, -4)),
      );
      return own ? [own.equipment_id] : [];
    });

    const { notifications, notifiedAt, reminderAt } = this.notificationsFor({
      appointmentId: id,
      plan: job.plan,
      serviceName: job.service.name,
      date,
      start,
      startAt,
      bookedAt,
      status,
      lead: crew.lead,
      rescheduled: job.carried?.weather === true,
    });

    const durationMinutes =
      actualStart && actualEnd
        ? Math.round((actualEnd.getTime() - actualStart.getTime()) / MINUTE)
        : null;
    const because = (weather: boolean) => (weather ? ' because of the weather' : '');
    const history = jobHistory({
      office: this.dispatcherId ?? this.ownerId,
      bookedAt,
      bookedNote: job.carried
        ? `Rescheduled from ${this.spokenInstant(job.carried.start)}${because(job.carried.weather)}.`
        : null,
      status,
      actualStart,
      actualEnd,
      durationMinutes,
      amountCharged: completed ? dollars(totalCents) : null,
      // Called off the morning of the job, or when it was booked if that was later.
      canceled:
        status === 'canceled' && cancellation
          ? { at: latest(bookedAt, new Date(startAt.getTime() - 3 * HOUR)), reason: cancellation }
          : null,
      replaced: carry?.carried
        ? {
            at: carry.carried.decidedAt,
            note: `Replaced by a new booking${because(carry.carried.weather)}.`,
          }
        : null,
    });
    const historyTimes = history.map((entry) => entry.timestamp);

    const appointment: Appointment = {
      appointment_id: id,
      business_id: this.businessId,
      client_id: client.client_id,
      service_id: service.service_id,
      scheduled_date: scheduledDateValue(date),
      scheduled_start_time: start,
      scheduled_end_time: end,
      estimated_duration_minutes: job.service.minutes,
      assigned_staff_ids: team.map((s) => s.staff_id),
      assigned_equipment_ids: equipmentIds,
      status,
      cancellation_reason: cancellation,
      notes: isMain && client.notes && rng.chance(0.5) ? client.notes : null,
      service_price: dollars(job.service.priceCents),
      custom_price: customPriceCents === null ? null : dollars(customPriceCents),
      discount: dollars(discountCents),
      total_price: dollars(totalCents),
      currency: 'USD',
      actual_start_time: actualStart,
      actual_end_time: actualEnd,
      actual_duration_minutes: durationMinutes,
      amount_charged: completed ? dollars(totalCents) : null,
      completed_at: completed ? actualEnd : null,
      completion_notes: completed && rng.chance(0.2) ? rng.pick(COMPLETION_NOTES) : null,
      completion_photos: [],
      weather_checked: checked,
      weather_data_at_time: weather,
      weather_threshold_details: weather ? thresholdDetailsOf(weather, this.thresholds) : null,
      weather_checked_at: weather ? latest(bookedAt, new Date(now.getTime() - 40 * MINUTE)) : null,
      was_rescheduled_due_to_weather: job.carried?.weather === true,
      series_id: null,
      series_frequency: null,
      rescheduled_from_appointment_id: job.carried?.appointmentId ?? null,
      rescheduled_from_datetime: job.carried?.start ?? null,
      client_notified_at: notifiedAt,
      client_notification_method: notifiedAt ? 'sms' : null,
      reminder_sent_at: reminderAt,
      reschedule_notification_sent: job.carried?.weather === true && notifiedAt !== null,
      // About three in five texted clients answer "C" a few hours later. Chosen from the id, not
      // the generator's random stream, so every other demo figure stays as it was.
      client_confirmed_at:
        notifiedAt && confirmsByText(id)
          ? this.notAfterNow(new Date(notifiedAt.getTime() + 3 * HOUR))
          : null,
      reschedule_requested_at: null,
      client_rating: rating,
      client_review: rating !== null && rng.chance(0.5) ? rng.pick(REVIEWS) : null,
      rated_at: ratedAt,
      version: history.length,
      created_at: bookedAt,
      updated_at: latest(bookedAt, actualStart, actualEnd, ratedAt, reminderAt, ...historyTimes),
      deleted_at: null,
      audit_log: history,
    };
    return { appointment, notifications, carry };
  }

  private notificationsFor(a: {
    appointmentId: string;
    plan: ClientPlan;
    serviceName: string;
    date: DateKey;
    start: string;
    startAt: Date;
    bookedAt: Date;
    status: AppointmentStatus;
    lead: Staff;
    rescheduled: boolean;
  }): { notifications: Notification[]; notifiedAt: Date | null; reminderAt: Date | null } {
    const client = a.plan.client;
    const when = `${shortDate(a.date)} at ${clockTime(a.start)}`;
    const crewName = `${a.lead.first_name} ${a.lead.last_name}`;
    const out: Notification[] = [];
    const note = (type: Notification['type'], at: Date, message: string): Notification | null => {
      if (at.getTime() > this.now.getTime()) return null;
      const optedOut = a.plan.optedOut;
      const n: Notification = {
        notification_id: this.newId('ntf'),
        business_id: this.businessId,
        client_id: client.client_id,
        appointment_id: a.appointmentId,
        type,
        channel: 'sms',
        recipient_phone: client.phone,
        recipient_email: client.email,
        message: `${this.plan.name}: ${message} Reply STOP to opt out.`,
        status: optedOut ? 'opted_out' : 'sent',
        sent_at: optedOut ? null : at,
        delivery_status: optedOut ? null : 'delivered',
        failure_reason: null,
        retry_count: 0,
        version: 1,
        created_at: at,
        updated_at: at,
        deleted_at: null,
        audit_log: created('system', at),
      };
      out.push(n);
      return optedOut ? null : n;
    };
    const confirmAt = new Date(a.bookedAt.getTime() + MINUTE);
    const confirmed = a.rescheduled
      ? note(
          'reschedule_notification',
          confirmAt,
          `rain in the forecast, so your ${a.serviceName} moved to ${when}. Crew: ${crewName}.`,
        )
      : note(
          'appointment_confirmation',
          confirmAt,
          `your ${a.serviceName} on ${when} is confirmed. Crew: ${crewName}.`,
        );
    let reminded: Notification | null = null;
    const reminderAt = new Date(a.startAt.getTime() - 24 * HOUR);
    const goesAhead =
      a.status === 'scheduled' || a.status === 'in_progress' || a.status === 'completed';
    if (goesAhead && reminderAt.getTime() > confirmAt.getTime() + HOUR) {
      reminded = note(
        'appointment_reminder',
        reminderAt,
        `reminder: ${crewName}'s crew comes for your ${a.serviceName} tomorrow, ${when}.`,
      );
    }
    return {
      notifications: out,
      notifiedAt: confirmed?.sent_at ?? null,
      reminderAt: reminded?.sent_at ?? null,
    };
  }

  /** One recent reminder did not reach the client's phone. */
  private failOneReminder(appointments: Appointment[], notifications: Notification[]): void {
    const weekAgo = this.now.getTime() - 7 * DAY;
    const failed = notifications.find(
      (n) =>
        n.type === 'appointment_reminder' &&
        n.status === 'sent' &&
        n.created_at.getTime() > weekAgo,
    );
    if (!failed) return;
    failed.status = 'failed';
    failed.delivery_status = 'failed';
    failed.failure_reason = 'Carrier rejected the message: unreachable handset (Twilio 30003)';
    failed.retry_count = 2;
    const appointment = appointments.find((a) => a.appointment_id === failed.appointment_id);
    if (appointment) {
      appointment.reminder_sent_at = null;
      appointment.updated_at = latest(
        appointment.created_at,
        appointment.actual_start_time,
        appointment.actual_end_time,
        appointment.rated_at,
      );
    }
  }

  private deriveClientMetrics(clients: Client[], appointments: Appointment[]): void {
    const byClient = new Map<string, Appointment[]>();
    for (const a of appointments) {
      const list = byClient.get(a.client_id) ?? [];
      list.push(a);
      byClient.set(a.client_id, list);
    }
    for (const client of clients) {
      const mine = byClient.get(client.client_id) ?? [];
      const done = mine.filter((a) => a.status === 'completed');
      const ratings = done.flatMap((a) => (a.client_rating === null ? [] : [a.client_rating]));
      const lastDone = done.reduce<Date | null>(
        (last, a) => (a.completed_at && (!last || a.completed_at > last) ? a.completed_at : last),
        null,
      );
      client.service_type_ids = [...new Set(mine.map((a) => a.service_id))];
      client.job_count = done.length;
      client.total_spent = dollars(
        done.reduce((sum, a) => sum + Math.round((a.amount_charged ?? 0) * 100), 0),
      );
      client.avg_rating =
        ratings.length === 0 ? null : round(ratings.reduce((s, r) => s + r, 0) / ratings.length, 1);
      client.last_job_date = lastDone;
      client.updated_at = latest(client.created_at, lastDone);
    }
  }

  private deriveStaffMetrics(
    staff: Staff[],
    appointments: Appointment[],
    off: Map<string, Set<DateKey>>,
  ): void {
    const tz = this.plan.timezone;
    const weekStart = addDays(this.today, -WEEKDAY_INDEX[weekdayName(this.today)]);
    const nowTime = localTimeOf(this.now, tz);
    const hours = this.weeklyHours()[weekdayName(this.today)];
    const workingNow =
      hours !== null &&
      localDateOf(this.now, tz) === this.today &&
      nowTime >= hours.start &&
      nowTime < hours.end;
    for (const person of staff) {
      const mine = appointments.filter((a) => a.assigned_staff_ids.includes(person.staff_id));
      const done = mine.filter((a) => a.status === 'completed');
      const canceled = mine.filter((a) => a.status === 'canceled');
      const durations = done.flatMap((a) =>
        a.actual_duration_minutes === null ? [] : [a.actual_duration_minutes],
      );
      const ratings = done.flatMap((a) => (a.client_rating === null ? [] : [a.client_rating]));
      const todays = mine.filter(
        (a) =>
          dateKeyOf(a.scheduled_date) === this.today &&
          a.status !== 'canceled' &&
          a.status !== 'rescheduled',
      );
      const thisWeek = done.filter((a) => {
        const d = dateKeyOf(a.scheduled_date);
        return d >= weekStart && d <= this.today;
      });
      person.total_jobs_completed = done.length;
      person.avg_completion_time_minutes =
        durations.length === 0
          ? null
          : Math.round(durations.reduce((s, d) => s + d, 0) / durations.length);
      person.avg_customer_rating =
        ratings.length === 0 ? null : round(ratings.reduce((s, r) => s + r, 0) / ratings.length, 1);
      person.cancellation_rate =
        done.length + canceled.length === 0
          ? 0
          : round(canceled.length / (done.length + canceled.length), 3);
      person.jobs_assigned_today = todays.length;
      person.hours_worked_this_week = round(
        thisWeek.reduce((s, a) => s + (a.actual_duration_minutes ?? 0), 0) / 60,
        1,
      );
      const offToday = off.get(person.staff_id)?.has(this.today) === true;
      person.current_availability_status = todays.some((a) => a.status === 'in_progress')
        ? 'busy'
        : workingNow && !offToday
          ? 'available'
          : 'off_duty';
      person.updated_at = latest(person.created_at, this.now);
    }
  }

  private buildPaymentMethods(clients: Client[]): PaymentMethod[] {
    const cards = [
      ['visa', '4242'],
      ['mastercard', '4444'],
      ['amex', '8431'],
      ['discover', '1117'],
    ] as const;
    const holders = this.rng.faker.helpers.arrayElements(
      clients.filter((c) => c.is_active),
      9,
    );
    return holders.map((client, i) => {
      const bank = i === holders.length - 1;
      const [brand, lastFour] = this.rng.pick(cards);
      const createdAt = latest(
        client.created_at,
        new Date(this.now.getTime() - this.rng.int(10, 200) * DAY),
      );
      const method: PaymentMethod = {
        payment_method_id: this.newId('pm'),
        business_id: this.businessId,
        client_id: client.client_id,
        type: bank ? 'bank_account' : 'credit_card',
        processor: 'stripe',
        processor_id: `pm_${this.rng.faker.string.alphanumeric(24)}`,
        last_four: bank ? '6789' : lastFour,
        brand: bank ? null : brand,
        expiry_month: bank ? null : this.rng.int(1, 12),
        expiry_year: bank ? null : Number(this.today.slice(0, 4)) + this.rng.int(1, 4),
        is_default: true,
        is_active: true,
        version: 1,
        created_at: createdAt,
        updated_at: createdAt,
        deleted_at: null,
        audit_log: created(this.dispatcherId ?? this.ownerId, createdAt),
      };
      client.payment_method_id = method.payment_method_id;
      client.updated_at = latest(client.updated_at, createdAt);
      return method;
    });
  }

  private buildVoiceSessions(plans: ClientPlan[], appointments: Appointment[]): VoiceSession[] {
    const { rng, now } = this;
    const booked = appointments.find(
      (a) =>
        a.status === 'scheduled' &&
        a.rescheduled_from_appointment_id === null &&
        now.getTime() - a.created_at.getTime() < 5 * DAY,
    );
    const known = rng.faker.helpers.arrayElements(
      plans.filter((p) => p.client.is_active && !p.optedOut),
      4,
    );
    const session = (
      caller: ClientPlan | null,
      startsAgoMinutes: number,
      seconds: number,
      fields: Partial<VoiceSession>,
    ): VoiceSession => {
      const start = new Date(now.getTime() - startsAgoMinutes * MINUTE);
      const id = this.newId('vcs');
      return {
        voice_session_id: id,
        business_id: this.businessId,
        caller_phone: caller?.client.phone ?? this.phone(),
        client_id: caller?.client.client_id ?? null,
        twilio_call_id: `CA${rng.faker.string.hexadecimal({ length: 32, casing: 'lower', prefix: '' })}`,
        start_time: start,
        end_time: new Date(start.getTime() + seconds * 1000),
        duration_seconds: seconds,
        status: 'completed',
        transcript: null,
        intents_detected: [],
        outcome: 'no_action',
        appointment_id_created: null,
        escalated_to_human: false,
        escalation_reason: null,
        recording_url: `https://recordings.example/calls/${id}.mp3`,
        ai_performance_rating: round(rng.faker.number.float({ min: 0.7, max: 0.97 }), 2),
        ...fields,
        version: 1,
        created_at: start,
        updated_at: new Date(start.getTime() + seconds * 1000),
        deleted_at: null,
        audit_log: created('system', start),
      };
    };
    const sessions: VoiceSession[] = [];
    const bookedPlan = booked
      ? plans.find((p) => p.client.client_id === booked.client_id)
      : undefined;
    if (booked && bookedPlan) {
      const minutesAgo = Math.round((now.getTime() - booked.created_at.getTime()) / MINUTE) + 6;
      sessions.push(
        session(bookedPlan, minutesAgo, 312, {
          transcript:
            'Customer: Hi, I need to get my yard done next week. AI: Thanks for calling Southern Lawn Care! I have an opening — does that work? Customer: Yes, perfect.',
          intents_detected: ['book_appointment'],
          outcome: 'appointment_booked',
          appointment_id_created: booked.appointment_id,
        }),
      );
    }
    const [first, second, third, fourth] = known;
    if (first) {
      sessions.push(
        session(first, 60 * 26, 188, {
          transcript:
            'Customer: Can you come Thursday instead of Wednesday? AI: I can move you to Thursday morning. Customer: Great.',
          intents_detected: ['reschedule_appointment'],
          outcome: 'reschedule_confirmed',
        }),
      );
    }
    sessions.push(
      session(null, 60 * 50, 145, {
        transcript:
          'Caller: How much do you charge for leaf cleanup? AI: Leaf cleanup starts at $175 for a typical yard.',
        intents_detected: ['pricing_question'],
        outcome: 'info_provided',
      }),
    );
    if (second) {
      sessions.push(
        session(second, 60 * 75, 402, {
          transcript:
            'Customer: I was charged twice last month. AI: I am sorry about that; let me get someone from the office.',
          intents_detected: ['billing_question', 'complaint'],
          outcome: 'escalated',
          escalated_to_human: true,
          escalation_reason: 'Caller disputes a double charge; asked for the owner',
          ai_performance_rating: 0.62,
        }),
      );
    }
    if (third) {
      sessions.push(
        session(third, 60 * 100, 14, { transcript: 'Customer: Oh, sorry, wrong number.' }),
      );
    }
    if (fourth) {
      sessions.push(
        session(fourth, 60 * 130, 3, {
          status: 'failed',
          outcome: null,
          transcript: null,
          recording_url: null,
          ai_performance_rating: null,
        }),
      );
    }
    return sessions;
  }

  private buildWeatherCache(): WeatherCache[] {
    const { lat, lng } = this.plan.metro.center;
    const cachedAt = new Date(this.now.getTime() - 40 * MINUTE);
    const entries: WeatherCache[] = [];
    for (let i = 0; i < 5; i++) {
      const date = addDays(this.today, i);
      const data = this.weatherOn(date, i === 2);
      const details = thresholdDetailsOf(data, this.thresholds);
      entries.push({
        weather_cache_id: this.newId('wch'),
        business_id: this.businessId,
        latitude: lat,
        longitude: lng,
        check_date: scheduledDateValue(date),
        weather_data: data,
        hourly: [],
        threshold_exceeded: anyExceeded(details),
        threshold_details: details,
        cached_at: cachedAt,
        expires_at: new Date(cachedAt.getTime() + 6 * HOUR),
        version: 1,
        created_at: cachedAt,
        updated_at: cachedAt,
        deleted_at: null,
        audit_log: created('system', cachedAt),
      });
    }
    return entries;
  }
}

const WEEKDAY_INDEX = {
  monday: 0,
  tuesday: 1,
  wednesday: 2,
  thursday: 3,
  friday: 4,
  saturday: 5,
  sunday: 6,
} as const;

/** Every calendar date an availability entry covers: its range, or its RRULE's occurrences. */
export function expandDates(
  entry: Pick<Availability, 'date_from' | 'date_to' | 'recurrence_rule'>,
): DateKey[] {
  const from = dateKeyOf(entry.date_from);
  const to = dateKeyOf(entry.date_to);
  if (entry.recurrence_rule !== null) {
    // rrule works in "floating" UTC dates: occurrences come back at 00:00Z, like stored dates.
    const rule = new RRule({
      ...RRule.parseString(entry.recurrence_rule.replace(/^RRULE:/, '')),
      dtstart: entry.date_from,
      until: entry.date_to,
    });
    return rule.all().map((d) => dateKeyOf(d));
  }
  const dates: DateKey[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) dates.push(d);
  return dates;
}

function nthWeekdayOfMonth(year: number, month: number, weekday: number, n: number): DateKey {
  let d = `${year}-${String(month).padStart(2, '0')}-01`;
  while (WEEKDAY_INDEX[weekdayName(d)] !== weekday) d = addDays(d, 1);
  return addDays(d, 7 * (n - 1));
}

function lastWeekdayOfMonth(year: number, month: number, weekday: number): DateKey {
  let d = addDays(`${year}-${String(month + 1).padStart(2, '0')}-01`, -1);
  while (WEEKDAY_INDEX[weekdayName(d)] !== weekday) d = addDays(d, -1);
  return d;
}

/**
 * US holidays the businesses close for that touch the demo window; at least one is returned
 * (the next one after `today`) so a business-wide closure always exists.
 */
function holidaysAround(
  windowStart: DateKey,
  windowEnd: DateKey,
  today: DateKey,
): { name: string; from: DateKey; to: DateKey }[] {
  const year = Number(today.slice(0, 4));
  const all = [year - 1, year, year + 1].flatMap((y) => {
    const thanksgiving = nthWeekdayOfMonth(y, 11, 3, 4);
    return [
      { name: "New Year's Day", from: `${y}-01-01`, to: `${y}-01-01` },
      { name: 'Memorial Day', from: lastWeekdayOfMonth(y, 5, 0), to: lastWeekdayOfMonth(y, 5, 0) },
      { name: 'Independence Day', from: `${y}-07-04`, to: `${y}-07-04` },
      { name: 'Labor Day', from: nthWeekdayOfMonth(y, 9, 0, 1), to: nthWeekdayOfMonth(y, 9, 0, 1) },
      { name: 'Thanksgiving', from: thanksgiving, to: addDays(thanksgiving, 1) },
      { name: 'Christmas', from: `${y}-12-24`, to: `${y}-12-25` },
    ];
  });
  const inWindow = all.filter((h) => h.to >= windowStart && h.from <= windowEnd);
  if (inWindow.length > 0) return inWindow;
  return all.filter((h) => h.from > today).slice(0, 1);
}

/**
 * Demo data for a first run or a sales demo: pure and deterministic — the same options give
 * byte-identical output. Every document passes its schema in shared/schemas.
 */
export function generateDemoData(options: DemoOptions): DemoData {
  const faker = new Faker({ locale: [en_US, en, base] });
  faker.seed(options.seed ?? DEMO_SEED);
  const rng = new Rng(faker);
  const newId = createIdGenerator((bytes) => {
    for (let i = 0; i < bytes.length; i += 4) {
      let word = faker.number.int({ min: 0, max: 0xffffffff });
      for (let j = i; j < Math.min(i + 4, bytes.length); j++) {
        bytes[j] = word & 0xff;
        word >>>= 8;
      }
    }
  });
  const today = options.today.toString();
  const parts = [LAWN_PLAN, HVAC_PLAN].map((plan) =>
    new BusinessBuilder(plan, rng, newId, today, options.now, options.passwordHash).build(),
  );
  return {
    businesses: parts.map((p) => p.business),
    users: parts.flatMap((p) => p.users),
    clients: parts.flatMap((p) => p.clients),
    services: parts.flatMap((p) => p.services),
    staff: parts.flatMap((p) => p.staff),
    equipment: parts.flatMap((p) => p.equipment),
    appointments: parts.flatMap((p) => p.appointments),
    availability: parts.flatMap((p) => p.availability),
    notifications: parts.flatMap((p) => p.notifications),
    weather_cache: parts.flatMap((p) => p.weather_cache),
    voice_sessions: parts.flatMap((p) => p.voice_sessions),
    payment_methods: parts.flatMap((p) => p.payment_methods),
  };
}

/** Sample data: everything of a business except the business itself and its users. */
export type SampleData = Omit<DemoData, 'businesses' | 'users'>;

export interface SampleOptions {
  /** The business created at first run, and the hours it chose. */
  business: Pick<Business, 'business_id' | 'name' | 'vertical' | 'timezone' | 'owner_id'> & {
    business_hours: WeeklyHours;
  };
  /** The business-local calendar day the jobs are centred on. */
  today: Temporal.PlainDate;
  now: Date;
  seed?: number;
}

/** Trades whose work is call-outs indoors, like the HVAC demo; the rest get lawn-care routes. */
const CALL_OUT_VERTICALS: readonly Vertical[] = ['hvac', 'plumbing', 'electrical'];

/**
 * "Add sample clients, staff and jobs" at first run: a small version of a demo business (lawn-care
 * routes, or HVAC call-outs for indoor trades) inside the new business — its id, name, time zone,
 * opening hours and owner — with four weeks of history and two weeks ahead. Ids are random, so the
 * data never collides with the demo businesses or another sample.
 */
export function generateSampleData(options: SampleOptions): SampleData {
  const { business } = options;
  const faker = new Faker({ locale: [en_US, en, base] });
  faker.seed(options.seed ?? DEMO_SEED);
  const template = CALL_OUT_VERTICALS.includes(business.vertical) ? HVAC_PLAN : LAWN_PLAN;
  const plan: BusinessPlan = {
    ...template,
    name: business.name,
    vertical: business.vertical,
    domain: 'sample-crew.example',
    timezone: business.timezone,
    weeklyHours: business.business_hours,
    crewSizes: template.mode === 'route' ? [2, 1, 1] : [0, 0, 0],
    clientCount: template.mode === 'route' ? 45 : 25,
    pastDays: 28,
    futureDays: 14,
    extras: false,
    foundedDaysAgo: 120,
  };
  const {
    business: _unused,
    users: _none,
    ...data
  } = new BusinessBuilder(
    plan,
    new Rng(faker),
    randomId,
    options.today.toString(),
    options.now,
    '',
    { businessId: business.business_id, ownerId: business.owner_id },
  ).build();
  return data;
}
