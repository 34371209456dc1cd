// availability: time off, special hours and recurring schedules, for one staff member or the whole business.
import { z } from 'zod';
import { minutesOf } from '../time';
import { calendarDateSchema, documentFields, timeOfDaySchema, whenFieldsValid } from './common';
import { idOf } from './ids';

export const availabilityTypeSchema = z.enum(['recurring_schedule', 'time_off', 'special_hours']);
export type AvailabilityType = z.infer<typeof availabilityTypeSchema>;

export const availabilityReasonSchema = z.enum([
  'vacation',
  'sick_day',
  'training',
  'holiday',
  'personal',
  'weather',
  'other',
]);
export type AvailabilityReason = z.infer<typeof availabilityReasonSchema>;

const RRULE_DAY = '(MO|TU|WE|TH|FR|SA|SU)';
const listOf = (item: string) => new RegExp(`^${item}(,${item})*$`);
const intIn = (min: number, max: number) => (v: string) =>
  /^[+-]?\d{1,3}$/.test(v) && Number(v) >= min && Number(v) <= max && Number(v) !== 0;
const eachIn = (min: number, max: number) => (v: string) => v.split(',').every(intIn(min, max));

/** The RRULE parts that make sense for whole-day entries, with a check of each value. */
const RRULE_PARTS: Record<string, (value: string) => boolean> = {
  FREQ: (v) => /^(DAILY|WEEKLY|MONTHLY|YEARLY)$/.test(v),
  INTERVAL: (v) => /^\d{1,3}$/.test(v) && Number(v) >= 1,
  COUNT: (v) => /^\d{1,4}$/.test(v) && Number(v) >= 1,
  UNTIL: (v) => /^\d{8}(T\d{6}Z?)?$/.test(v),
  BYDAY: (v) => listOf(`([+-]?\\d{1,2})?${RRULE_DAY}`).test(v),
  BYMONTHDAY: eachIn(-31, 31),
  BYMONTH: eachIn(1, 12),
  BYSETPOS: eachIn(-366, 366),
  WKST: (v) => new RegExp(`^${RRULE_DAY}$`).test(v),
};

/**
 * True when `rule` is an RFC 5545 RRULE (optionally prefixed 'RRULE:') that works on whole days,
 * e.g. 'FREQ=WEEKLY;INTERVAL=2;BYDAY=FR'. Checked here rather than with the rrule package so
 * shared/ stays dependency-light; expanding a rule into dates is the core's job.
 */
export function isRecurrenceRule(rule: string): boolean {
  const parts = rule.replace(/^RRULE:/, '').split(';');
  const seen = new Set<string>();
  for (const part of parts) {
    const match = /^([A-Z]+)=(.+)$/.exec(part);
    const check = match ? RRULE_PARTS[match[1] ?? ''] : undefined;
    if (!match || !check || seen.has(match[1] ?? '') || !check(match[2] ?? '')) return false;
    seen.add(match[1] ?? '');
  }
  return seen.has('FREQ') && !(seen.has('COUNT') && seen.has('UNTIL'));
}

export const availabilityObject = z.strictObject({
  ...documentFields,
  availability_id: idOf('ava'),
  business_id: idOf('bus'),
  /** Null for an entry that applies to the whole business (e.g. a holiday). */
  staff_id: idOf('stf').nullable().default(null),
  type: availabilityTypeSchema,
  /** First and last calendar day covered (inclusive), each at 00:00 UTC of the local date. */
  date_from: calendarDateSchema,
  date_to: calendarDateSchema,
  /**
   * Part of the day covered ('HH:mm', local); both null means whole days. For special_hours these
   * are the hours worked instead of the usual ones.
   */
  start_time: timeOfDaySchema.nullable().default(null),
  end_time: timeOfDaySchema.nullable().default(null),
  reason: availabilityReasonSchema.nullable().default(null),
  notes: z.string().nullable().default(null),
  is_recurring: z.boolean().default(false),
  /**
   * RRULE without DTSTART (e.g. 'FREQ=WEEKLY;INTERVAL=2;BYDAY=FR'): the series starts on date_from
   * and no occurrence falls after date_to.
   */
  recurrence_rule: z.string().nullable().default(null),
  created_by_user_id: idOf('usr'),
});

export const availabilitySchema = availabilityObject.superRefine((entry, ctx) => {
  if (entry.date_to.getTime() < entry.date_from.getTime()) {
    ctx.addIssue({
      code: 'custom',
      path: ['date_to'],
      message: 'date_to must not be before date_from',
    });
  }
  if ((entry.start_time === null) !== (entry.end_time === null)) {
    ctx.addIssue({
      code: 'custom',
      path: ['end_time'],
      message: 'start_time and end_time must be set together',
    });
  } else if (
    entry.start_time !== null &&
    entry.end_time !== null &&
    minutesOf(entry.end_time) <= minutesOf(entry.start_time)
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['end_time'],
      message: 'end_time must be after start_time',
    });
  }
  if (entry.type === 'special_hours' && entry.start_time === null) {
    ctx.addIssue({
      code: 'custom',
      path: ['start_time'],
      message: 'special_hours needs start_time and end_time',
    });
  }
  if (entry.is_recurring) {
    if (entry.recurrence_rule === null || !isRecurrenceRule(entry.recurrence_rule)) {
      ctx.addIssue({
        code: 'custom',
        path: ['recurrence_rule'],
        message: "recurrence_rule must be an RRULE such as 'FREQ=WEEKLY;INTERVAL=2;BYDAY=FR'",
      });
    }
  } else if (entry.recurrence_rule !== null) {
    ctx.addIssue({
      code: 'custom',
      path: ['recurrence_rule'],
      message: 'recurrence_rule must be null unless is_recurring',
    });
  }
}, whenFieldsValid);
export type Availability = z.infer<typeof availabilitySchema>;
export type AvailabilityInput = z.input<typeof availabilitySchema>;
