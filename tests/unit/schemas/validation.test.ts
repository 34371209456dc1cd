// Bad input is refused with a message that names the field.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  appointmentSchema,
  availabilitySchema,
  businessSchema,
  clientSchema,
  equipmentSchema,
  notificationSchema,
  publicUserSchema,
  serviceSchema,
  staffSchema,
  userSchema,
  voiceSessionSchema,
  weatherCacheSchema,
} from '../../../shared/schemas';
import {
  seedAppointment,
  seedAvailability,
  seedBusiness,
  seedClient,
  seedEquipment,
  seedNotification,
  seedService,
  seedStaff,
  seedUser,
  seedVoiceSession,
  seedWeatherCache,
} from './fixtures';

/** The issues of a refused parse, as "path: message" lines. */
function refusal(schema: z.ZodType, input: unknown): string[] {
  const result = schema.safeParse(input);
  expect(result.success).toBe(false);
  return (result.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('enums', () => {
  it('refuses an unknown appointment status, naming status and the allowed values', () => {
    const [issue] = refusal(appointmentSchema, { ...seedAppointment(), status: 'done' });
    expect(issue).toMatch(/^status: /);
    expect(issue).toContain('"scheduled"');
    expect(issue).toContain('"rescheduled"');
  });

  it('refuses unknown roles, verticals and notification channels', () => {
    expect(refusal(userSchema, { ...seedUser(), role: 'manager' })[0]).toMatch(/^role: /);
    expect(refusal(businessSchema, { ...seedBusiness(), vertical: 'roofing' })[0]).toMatch(
      /^vertical: /,
    );
    expect(refusal(notificationSchema, { ...seedNotification(), channel: 'fax' })[0]).toMatch(
      /^channel: /,
    );
    expect(
      refusal(notificationSchema, { ...seedNotification(), delivery_status: 'lost' })[0],
    ).toMatch(/^delivery_status: /);
  });
});

describe('contact data', () => {
  it('refuses a bad email', () => {
    expect(refusal(clientSchema, { ...seedClient(), email: 'john at example' })).toEqual([
      'email: Expected an email address',
    ]);
  });

  it('accepts seed-style and E.164 phones, refuses words and too few digits', () => {
    expect(clientSchema.safeParse({ ...seedClient(), phone: '+12055550123' }).success).toBe(true);
    expect(clientSchema.safeParse({ ...seedClient(), phone: '(205) 555-0123' }).success).toBe(true);
    expect(refusal(clientSchema, { ...seedClient(), phone: 'call me' })[0]).toMatch(/^phone: /);
    expect(refusal(clientSchema, { ...seedClient(), phone: '555-12' })).toEqual([
      'phone: A phone number has 7 to 15 digits',
    ]);
  });

  it('needs a phone or an email for a client', () => {
    expect(refusal(clientSchema, { ...seedClient(), phone: null, email: null })).toEqual([
      'phone: A client needs a phone number or an email address',
    ]);
  });

  it('stores user emails lower-case', () => {
    expect(userSchema.parse({ ...seedUser(), email: 'Owner@ServicePro.App' }).email).toBe(
      'owner@servicepro.app',
    );
  });
});

describe('times', () => {
  it('refuses an appointment that ends before it starts', () => {
    expect(
      refusal(appointmentSchema, {
        ...seedAppointment(),
        scheduled_start_time: '10:00',
        scheduled_end_time: '09:00',
      }),
    ).toEqual(['scheduled_end_time: scheduled_end_time must be after scheduled_start_time']);
  });

  it('refuses times outside 00:00–23:59', () => {
    expect(
      refusal(appointmentSchema, { ...seedAppointment(), scheduled_start_time: '24:00' })[0],
    ).toMatch(/^scheduled_start_time: Expected a time 'HH:mm'/);
    expect(
      refusal(appointmentSchema, { ...seedAppointment(), scheduled_end_time: '9:30' })[0],
    ).toMatch(/^scheduled_end_time: /);
  });

  it('refuses business hours that end before they start', () => {
    const business = seedBusiness();
    business.config.business_hours.monday = { start: '17:00', end: '08:00' };
    expect(refusal(businessSchema, business)).toEqual([
      'config.business_hours.monday.end: end must be after start',
    ]);
  });

  it('refuses a scheduled_date that is not 00:00 UTC', () => {
    expect(
      refusal(appointmentSchema, {
        ...seedAppointment(),
        scheduled_date: new Date('2025-01-20T06:00:00Z'),
      })[0],
    ).toMatch(/^scheduled_date: Expected a calendar date stored at 00:00 UTC/);
  });

  it('refuses an unknown time zone', () => {
    expect(refusal(businessSchema, { ...seedBusiness(), timezone: 'America/Chicagoo' })).toEqual([
      "timezone: Expected an IANA time zone such as 'America/Chicago'",
    ]);
    expect(refusal(businessSchema, { ...seedBusiness(), timezone: 'CST' })[0]).toMatch(/^timezone/);
  });

  it('refuses availability that ends before it starts or has a bad RRULE', () => {
    expect(
      refusal(availabilitySchema, {
        ...seedAvailability(),
        date_to: new Date('2025-02-01T00:00:00Z'),
      }),
    ).toEqual(['date_to: date_to must not be before date_from']);
    expect(
      refusal(availabilitySchema, {
        ...seedAvailability(),
        is_recurring: true,
        recurrence_rule: 'FREQ=SOMETIMES',
      })[0],
    ).toMatch(/^recurrence_rule: /);
    expect(
      availabilitySchema.safeParse({
        ...seedAvailability(),
        is_recurring: true,
        recurrence_rule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=FR',
      }).success,
    ).toBe(true);
    expect(
      refusal(availabilitySchema, { ...seedAvailability(), type: 'special_hours' })[0],
    ).toMatch(/^start_time: special_hours needs/);
  });
});

describe('ids', () => {
  it('refuses an id with the wrong prefix, naming the expected one', () => {
    expect(refusal(appointmentSchema, { ...seedAppointment(), client_id: 'usr_abc123' })).toEqual([
      "client_id: Expected an id starting with 'cli_' (e.g. 'cli_abc123')",
    ]);
    expect(
      refusal(serviceSchema, { ...seedService(), requires_equipment_ids: ['mower_01'] })[0],
    ).toMatch(/^requires_equipment_ids\.0: Expected an id starting with 'eq_'/);
  });

  it('needs business_id for everyone but admins', () => {
    expect(refusal(userSchema, { ...seedUser(), business_id: null })).toEqual([
      'business_id: business_id is required unless role is admin',
    ]);
    expect(userSchema.safeParse({ ...seedUser(), role: 'admin', business_id: null }).success).toBe(
      true,
    );
  });
});

describe('location', () => {
  it('refuses a location that disagrees with latitude/longitude', () => {
    const client = seedClient();
    expect(
      refusal(clientSchema, {
        ...client,
        location: { type: 'Point', coordinates: [33.5185, -86.8104] },
      }),
    ).toEqual(['location: location must equal [longitude, latitude] (use withLocation)']);
  });

  it('needs location when latitude/longitude are set, and both of them together', () => {
    const { location: _location, ...client } = seedClient();
    expect(refusal(clientSchema, client)).toEqual([
      'location: location is required when latitude/longitude are set (use withLocation)',
    ]);
    expect(refusal(clientSchema, { ...seedClient(), longitude: null })[0]).toBe(
      'longitude: latitude and longitude must be set together',
    );
  });

  it('refuses out-of-range coordinates', () => {
    expect(refusal(clientSchema, { ...seedClient(), latitude: 133.5 })[0]).toMatch(/^latitude: /);
  });
});

describe('money and consistency', () => {
  it('refuses negative amounts and fractions of a cent', () => {
    expect(refusal(serviceSchema, { ...seedService(), default_price: 85.001 })).toEqual([
      'default_price: Amount must have at most 2 decimals',
    ]);
    expect(refusal(serviceSchema, { ...seedService(), default_price: -5 })).toEqual([
      'default_price: Amount must not be negative',
    ]);
    expect(serviceSchema.safeParse({ ...seedService(), default_price: 0.1 + 0.2 }).success).toBe(
      true,
    );
  });

  it('checks total_price against price and discount', () => {
    expect(refusal(appointmentSchema, { ...seedAppointment(), discount: 10 })).toEqual([
      'total_price: total_price must be (custom_price ?? service_price) − discount = 75',
    ]);
    const discounted = { ...seedAppointment(), custom_price: 95, discount: 10, total_price: 85 };
    expect(appointmentSchema.safeParse(discounted).success).toBe(true);
  });

  it('needs a reason to cancel and a completion time to complete', () => {
    expect(refusal(appointmentSchema, { ...seedAppointment(), status: 'canceled' })).toEqual([
      'cancellation_reason: cancellation_reason is required when status is canceled',
    ]);
    expect(refusal(appointmentSchema, { ...seedAppointment(), status: 'completed' })).toEqual([
      'completed_at: completed_at is required when status is completed',
    ]);
  });

  it('checks notifications, calls, forecasts and staff tracking for consistency', () => {
    expect(refusal(notificationSchema, { ...seedNotification(), recipient_phone: null })[0]).toBe(
      'recipient_phone: recipient_phone is required for sms',
    );
    expect(
      refusal(voiceSessionSchema, { ...seedVoiceSession(), appointment_id_created: null })[0],
    ).toMatch(/^appointment_id_created: /);
    expect(
      refusal(weatherCacheSchema, { ...seedWeatherCache(), threshold_exceeded: true })[0],
    ).toMatch(/^threshold_exceeded: /);
    expect(
      refusal(staffSchema, {
        ...seedStaff(),
        current_location: { type: 'Point', coordinates: [-86.8, 33.5] },
      })[0],
    ).toMatch(/^current_location: /);
    expect(refusal(equipmentSchema, { ...seedEquipment(), status: 'broken' })[0]).toMatch(
      /^status: /,
    );
  });
});

describe('shape', () => {
  it('refuses unknown fields, so a misspelt field is caught', () => {
    const issues = refusal(appointmentSchema, { ...seedAppointment(), scheduled_start: '09:00' });
    expect(issues[0]).toMatch(/scheduled_start/);
  });

  it('refuses a password_hash that is not a bcrypt hash', () => {
    expect(refusal(userSchema, { ...seedUser(), password_hash: 'hunter2' })).toEqual([
      'password_hash: Expected a bcrypt hash',
    ]);
  });

  it('never lets the password hash or audit trail into a public user', () => {
    const user = publicUserSchema.parse(userSchema.parse(seedUser()));
    expect(user).not.toHaveProperty('password_hash');
    expect(user).not.toHaveProperty('audit_log');
    expect(user.email).toBe('owner@servicepro.app');
  });

  it('refuses a version below 1 or not whole', () => {
    expect(refusal(userSchema, { ...seedUser(), version: 0 })[0]).toMatch(/^version: /);
    expect(refusal(userSchema, { ...seedUser(), version: 1.5 })[0]).toMatch(/^version: /);
  });
});
