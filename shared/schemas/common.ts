// Building blocks shared by the collection schemas: document fields, audit entries, money, times, contact data, geo.
import type { ObjectId } from 'bson';
import { z } from 'zod';
import {
  DATE_KEY_PATTERN,
  isDateKey,
  isValidTimeZone,
  minutesOf,
  TIME_OF_DAY_PATTERN,
  WEEKDAYS,
  type Weekday,
} from '../time';

/** MongoDB's `_id`; checked by shape so shared/ needs no runtime copy of bson. */
export const objectIdSchema = z.custom<ObjectId>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    (value as { _bsontype?: unknown })._bsontype === 'ObjectId',
  { error: 'Expected a MongoDB ObjectId' },
);

/**
 * Params for cross-field refinements: run them only once every field is valid on its own, so
 * they never see malformed values and their messages never bury the field's own.
 */
export const whenFieldsValid = {
  when: (payload: { issues: readonly unknown[] }) => payload.issues.length === 0,
};

export const fieldChangeSchema = z.strictObject({ before: z.unknown(), after: z.unknown() });

export const auditEntrySchema = z.strictObject({
  action: z.string().min(1),
  user_id: z.string().min(1),
  timestamp: z.date(),
  changes: z.record(z.string(), fieldChangeSchema).optional(),
  note: z.string().optional(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/**
 * Fields every document has: `version` (starts at 1, +1 on every update; updates are conditional on
 * it), timestamps, soft-delete marker and audit trail. Spread into each collection's shape.
 */
export const documentFields = {
  _id: objectIdSchema.optional(),
  version: z.int().min(1).default(1),
  created_at: z.date(),
  updated_at: z.date(),
  deleted_at: z.date().nullable().default(null),
  audit_log: z.array(auditEntrySchema).default([]),
};

/**
 * A calendar date stored as a Date at 00:00 UTC of that date (see shared/time
 * `scheduledDateValue`): the day in the business's time zone, not an instant.
 */
export const calendarDateSchema = z.date().refine((d) => d.getTime() % 86_400_000 === 0, {
  error: 'Expected a calendar date stored at 00:00 UTC (see scheduledDateValue)',
});

/** 'YYYY-MM-DD' text, e.g. inside provider weather data. */
export const dateKeySchema = z
  .string()
  .regex(DATE_KEY_PATTERN, { error: "Expected a date 'YYYY-MM-DD'" })
  .refine(isDateKey, { error: 'Expected a date that exists' });

export const timeOfDaySchema = z
  .string()
  .regex(TIME_OF_DAY_PATTERN, { error: "Expected a time 'HH:mm' between 00:00 and 23:59" });

/** Opening hours of one day; `end` must be after `start` (no shifts across midnight). */
export const timeRangeSchema = z
  .strictObject({ start: timeOfDaySchema, end: timeOfDaySchema })
  .refine((range) => minutesOf(range.end) > minutesOf(range.start), {
    error: 'end must be after start',
    path: ['end'],
    ...whenFieldsValid,
  });
export type TimeRange = z.infer<typeof timeRangeSchema>;

const weekdayShape = Object.fromEntries(
  WEEKDAYS.map((day) => [day, timeRangeSchema.nullable()]),
) as Record<Weekday, z.ZodNullable<typeof timeRangeSchema>>;

/** Mon–Fri 08:00–17:00, closed at weekends: the seed's hours for businesses and staff. */
export function defaultWeeklyHours(): Record<Weekday, TimeRange | null> {
  const day = (): TimeRange => ({ start: '08:00', end: '17:00' });
  return {
    monday: day(),
    tuesday: day(),
    wednesday: day(),
    thursday: day(),
    friday: day(),
    saturday: null,
    sunday: null,
  };
}

/** Hours per weekday: `{start, end}`, or null for a day off. */
export const weeklyHoursSchema = z.strictObject(weekdayShape).default(defaultWeeklyHours);
export type WeeklyHours = z.infer<typeof weeklyHoursSchema>;

function hasAtMostTwoDecimals(value: number): boolean {
  const cents = value * 100;
  return Math.abs(cents - Math.round(cents)) < 1e-6;
}

/** An amount of money: ≥ 0, at most 2 decimals (cents). */
export const moneySchema = z
  .number()
  .nonnegative({ error: 'Amount must not be negative' })
  .refine(hasAtMostTwoDecimals, { error: 'Amount must have at most 2 decimals' });

export const currencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/, { error: "Expected an ISO 4217 currency code such as 'USD'" })
  .default('USD');

export const emailSchema = z.email({ error: 'Expected an email address' });

/**
 * Loose phone check: '+1-205-555-1234', '+12055551234' (E.164), '(205) 555-1234'. Only digits,
 * spaces and '().-', an optional leading '+', 7 to 15 digits.
 */
export const phoneSchema = z
  .string()
  .regex(/^\+?[0-9 ().-]+$/, { error: 'Expected a phone number such as +1-205-555-0123' })
  .refine(
    (phone) => {
      const digits = phone.replace(/\D/g, '').length;
      return digits >= 7 && digits <= 15;
    },
    { error: 'A phone number has 7 to 15 digits' },
  );

export const timeZoneSchema = z
  .string()
  .refine(isValidTimeZone, { error: "Expected an IANA time zone such as 'America/Chicago'" });

export const ratingSchema = z.number().min(1).max(5);

export const geoPointSchema = z.strictObject({
  type: z.literal('Point'),
  /** GeoJSON order: longitude first. */
  coordinates: z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]),
});
export type GeoPoint = z.infer<typeof geoPointSchema>;

interface Located {
  latitude?: number | null;
  longitude?: number | null;
  location?: GeoPoint | undefined;
}

/**
 * A copy of `doc` whose GeoJSON `location` matches its latitude/longitude: set when both are
 * numbers, removed when they are not. MongoDB's 2dsphere index needs `location`; people and
 * providers speak latitude/longitude, so both are kept and this keeps them in step.
 */
export function withLocation<T extends Located>(doc: T): T & { location?: GeoPoint } {
  const { location: _old, ...rest } = doc;
  if (typeof doc.latitude === 'number' && typeof doc.longitude === 'number') {
    return {
      ...rest,
      location: { type: 'Point', coordinates: [doc.longitude, doc.latitude] },
    } as T;
  }
  return rest as T;
}

/** Refinement: latitude and longitude come together, and `location` agrees with them. */
export function checkLocation(doc: Located, ctx: z.RefinementCtx): void {
  const hasLat = typeof doc.latitude === 'number';
  const hasLng = typeof doc.longitude === 'number';
  if (hasLat !== hasLng) {
    ctx.addIssue({
      code: 'custom',
      path: [hasLat ? 'longitude' : 'latitude'],
      message: 'latitude and longitude must be set together',
    });
    return;
  }
  if (!hasLat) {
    if (doc.location) {
      ctx.addIssue({
        code: 'custom',
        path: ['location'],
        message: 'location is set but latitude/longitude are not (use withLocation)',
      });
    }
    return;
  }
  const [lng, lat] = doc.location?.coordinates ?? [];
  if (!doc.location) {
    ctx.addIssue({
      code: 'custom',
      path: ['location'],
      message: 'location is required when latitude/longitude are set (use withLocation)',
    });
  } else if (lng !== doc.longitude || lat !== doc.latitude) {
    ctx.addIssue({
      code: 'custom',
      path: ['location'],
      message: 'location must equal [longitude, latitude] (use withLocation)',
    });
  }
}
