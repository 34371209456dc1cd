// Small, valid documents for the scheduling-rule tests, built through the collection schemas.
import {
  appointmentSchema,
  availabilitySchema,
  businessSchema,
  equipmentSchema,
  serviceSchema,
  staffSchema,
  type Appointment,
  type AppointmentInput,
  type Availability,
  type AvailabilityInput,
  type Business,
  type BusinessConfig,
  type Equipment,
  type EquipmentInput,
  type Service,
  type ServiceInput,
  type Staff,
  type StaffInput,
  type WeeklyHours,
} from '../../../shared/schemas';
import { scheduledDateValue } from '../../../shared/time';
import type { Placement, ScheduleContext } from '../../../electron/core/services/scheduling/rules';

export const BUSINESS_ID = 'bus_test01';
export const CHICAGO = 'America/Chicago';
const CREATED = new Date('2026-01-05T15:00:00Z');
const stamps = { created_at: CREATED, updated_at: CREATED };

/** Mon–Fri 08:00–17:00; Saturday and Sunday off. */
export const WEEKDAYS_8_TO_5: WeeklyHours = {
  monday: { start: '08:00', end: '17:00' },
  tuesday: { start: '08:00', end: '17:00' },
  wednesday: { start: '08:00', end: '17:00' },
  thursday: { start: '08:00', end: '17:00' },
  friday: { start: '08:00', end: '17:00' },
  saturday: null,
  sunday: null,
};

/** Every day, the whole day: for tests that must not trip over hours. */
export const ROUND_THE_CLOCK: WeeklyHours = {
  monday: { start: '00:00', end: '23:59' },
  tuesday: { start: '00:00', end: '23:59' },
  wednesday: { start: '00:00', end: '23:59' },
  thursday: { start: '00:00', end: '23:59' },
  friday: { start: '00:00', end: '23:59' },
  saturday: { start: '00:00', end: '23:59' },
  sunday: { start: '00:00', end: '23:59' },
};

export function business(config: Partial<BusinessConfig> = {}): Business {
  return businessSchema.parse({
    ...stamps,
    business_id: BUSINESS_ID,
    name: 'Southern Lawn Care Co',
    vertical: 'lawn_care',
    phone: '+1-205-555-1234',
    email: 'contact@southernlawncare.app',
    address: '123 Main St, Birmingham, AL 35203',
    timezone: CHICAGO,
    owner_id: 'usr_owner1',
    config: { min_gap_between_jobs_minutes: 30, business_hours: WEEKDAYS_8_TO_5, ...config },
  });
}

export const SERVICE_ID = 'svc_lawn01';
export const OTHER_SERVICE_ID = 'svc_aerate1';

export function service(overrides: Partial<ServiceInput> = {}): Service {
  return serviceSchema.parse({
    ...stamps,
    service_id: SERVICE_ID,
    business_id: BUSINESS_ID,
    vertical: 'lawn_care',
    name: 'Full Lawn Maintenance',
    category: 'maintenance',
    default_duration_minutes: 60,
    default_price: 85,
    ...overrides,
  });
}

export const MARCUS = 'stf_marcus01';
export const DANA = 'stf_dana02';
export const JO = 'stf_jo03';
export const LEE = 'stf_lee04';

const PEOPLE: Record<string, [string, string, Staff['role']]> = {
  [MARCUS]: ['Marcus', 'Johnson', 'crew_lead'],
  [DANA]: ['Dana', 'Reyes', 'crew_lead'],
  [JO]: ['Jo', 'Park', 'crew_member'],
  [LEE]: ['Lee', 'Carter', 'crew_member'],
};

export function staff(staffId: string, overrides: Partial<StaffInput> = {}): Staff {
  const [first_name, last_name, role] = PEOPLE[staffId] ?? ['Sam', 'Doe', 'crew_member'];
  return staffSchema.parse({
    ...stamps,
    staff_id: staffId,
    business_id: BUSINESS_ID,
    first_name,
    last_name,
    role,
    availability_schedule: WEEKDAYS_8_TO_5,
    ...overrides,
  });
}

export const MOWER = 'eq_mower01';
export const TRAILER = 'eq_trailer1';

export function equipment(equipmentId: string, overrides: Partial<EquipmentInput> = {}): Equipment {
  return equipmentSchema.parse({
    ...stamps,
    equipment_id: equipmentId,
    business_id: BUSINESS_ID,
    name: equipmentId === MOWER ? 'Zero-Turn Mower' : 'Utility Trailer',
    category: equipmentId === MOWER ? 'mower' : 'trailer',
    ...overrides,
  });
}

export const ANN = 'cli_annlee1';
export const BO = 'cli_bokim02';

let appointmentCount = 0;

/** A booked job for Ann Lee (Full Lawn Maintenance) unless told otherwise. */
export function appointment(
  fields: {
    id?: string;
    date: string;
    start: string;
    end: string;
    staff?: string[];
    equipment?: string[];
  } & Partial<AppointmentInput>,
): Appointment {
  const { id, date, start, end, staff: staffIds, equipment: equipmentIds, ...rest } = fields;
  appointmentCount += 1;
  return appointmentSchema.parse({
    ...stamps,
    appointment_id: id ?? `apt_test${String(appointmentCount).padStart(4, '0')}`,
    business_id: BUSINESS_ID,
    client_id: ANN,
    service_id: SERVICE_ID,
    scheduled_date: scheduledDateValue(date),
    scheduled_start_time: start,
    scheduled_end_time: end,
    estimated_duration_minutes: 60,
    assigned_staff_ids: staffIds ?? [MARCUS],
    assigned_equipment_ids: equipmentIds ?? [],
    service_price: 85,
    total_price: 85,
    ...rest,
  });
}

let availabilityCount = 0;

/** An availability entry; `from`/`to` are 'YYYY-MM-DD' (to defaults to from). */
export function availability(
  fields: { from: string; to?: string } & Omit<Partial<AvailabilityInput>, 'date_from' | 'date_to'>,
): Availability {
  const { from, to, ...rest } = fields;
  availabilityCount += 1;
  return availabilitySchema.parse({
    ...stamps,
    availability_id: `ava_test${String(availabilityCount).padStart(4, '0')}`,
    business_id: BUSINESS_ID,
    type: 'time_off',
    date_from: scheduledDateValue(from),
    date_to: scheduledDateValue(to ?? from),
    created_by_user_id: 'usr_owner1',
    ...rest,
  });
}

/** A context with Marcus, Dana, Jo and Lee, the mower and the trailer, and no other jobs. */
export function context(overrides: Partial<ScheduleContext> = {}): ScheduleContext {
  return {
    business: business(),
    service: service(),
    staff: [staff(MARCUS), staff(DANA), staff(JO), staff(LEE)],
    equipment: [equipment(MOWER), equipment(TRAILER)],
    nearbyAppointments: [],
    availability: [],
    names: {
      clients: { [ANN]: 'Ann Lee', [BO]: 'Bo Kim' },
      services: { [SERVICE_ID]: 'Full Lawn Maintenance', [OTHER_SERVICE_ID]: 'Core Aeration' },
    },
    ...overrides,
  };
}

/** Monday 2026-03-16, 10:00–11:00, Marcus alone, Full Lawn Maintenance. */
export function placement(overrides: Partial<Placement> = {}): Placement {
  return {
    scheduled_date: '2026-03-16',
    start: '10:00',
    end: '11:00',
    staff_ids: [MARCUS],
    equipment_ids: [],
    service_id: SERVICE_ID,
    ...overrides,
  };
}
