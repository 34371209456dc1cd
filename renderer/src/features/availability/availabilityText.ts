// The availability screens' words, apart from their calls (availabilityModel.ts) so they can be
// read and tested alone: types and reasons, calendar days as the core stores them (00:00 UTC),
// weekly RRULEs (and any other rule in words), dates and times as the office reads them.
import { RRule } from 'rrule';
import type { Availability } from '../../../../shared/schemas/availability';
import { availabilityReasonSchema } from '../../../../shared/schemas/availability';
import { clockRange, WEEKDAYS, type Weekday } from '../../../../shared/time';

export type AvailabilityEntry = Availability;

/** A closure is business-wide time off; for a person, time off. */
export function typeLabel(entry: Pick<Availability, 'type' | 'staff_id'>): string {
  if (entry.type === 'special_hours') return 'Special hours';
  if (entry.type === 'recurring_schedule') return 'Recurring schedule';
  return entry.staff_id === null ? 'Closure' : 'Time off';
}

const REASON_LABELS: Record<string, string> = {
  vacation: 'Vacation',
  sick_day: 'Sick day',
  training: 'Training',
  holiday: 'Holiday',
  personal: 'Personal',
  weather: 'Weather',
  other: 'Other',
};
export const reasonLabel = (reason: string | null) =>
  reason === null ? '—' : (REASON_LABELS[reason] ?? reason);
export const reasonOptions = availabilityReasonSchema.options.map((value) => ({
  value,
  label: reasonLabel(value),
}));

export const WEEKDAY_SHORT: Record<Weekday, string> = {
  monday: 'Mon',
  tuesday: 'Tue',
  wednesday: 'Wed',
  thursday: 'Thu',
  friday: 'Fri',
  saturday: 'Sat',
  sunday: 'Sun',
};
const RRULE_DAYS: Record<Weekday, string> = {
  monday: 'MO',
  tuesday: 'TU',
  wednesday: 'WE',
  thursday: 'TH',
  friday: 'FR',
  saturday: 'SA',
  sunday: 'SU',
};

/** 'FREQ=WEEKLY;BYDAY=MO,WE' for the chosen weekdays, in week order. */
export function weeklyRule(days: Weekday[]): string {
  const byDay = WEEKDAYS.filter((d) => days.includes(d)).map((d) => RRULE_DAYS[d]);
  return `FREQ=WEEKLY;BYDAY=${byDay.join(',')}`;
}

/** The weekdays of a rule's BYDAY part ('FREQ=WEEKLY;BYDAY=MO,2WE' → monday, wednesday). */
export function ruleDays(rule: string | null): Weekday[] {
  const byDay = /(?:^|;)BYDAY=([^;]+)/.exec(rule ?? '')?.[1] ?? '';
  const codes = byDay.split(',').map((part) => part.replace(/^[+-]?\d+/, ''));
  return WEEKDAYS.filter((d) => codes.includes(RRULE_DAYS[d]));
}

/**
 * The rule in words: "Every Mon, Wed" for the weekly rules this screen writes; any other rule (an
 * import, the demo's "every other Friday") as rrule reads it out — "Every 2 weeks on Friday" —
 * never the RRULE text itself, which the office does not read.
 */
export function describeRule(rule: string | null): string {
  if (!rule) return '';
  const match = /^(?:RRULE:)?FREQ=WEEKLY;BYDAY=([A-Z,]+)$/.exec(rule);
  if (!match) {
    try {
      const text = RRule.fromString(rule).toText();
      return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
    } catch {
      // The core validates rules on the way in; one it could not have written stays as it is.
      return rule;
    }
  }
  const names = (match[1] ?? '').split(',').map((code) => {
    const day = WEEKDAYS.find((d) => RRULE_DAYS[d] === code);
    return day ? WEEKDAY_SHORT[day] : code;
  });
  return `Every ${names.join(', ')}`;
}

/** The stored calendar day (00:00 UTC) for an input's 'YYYY-MM-DD'. */
export const calendarDay = (key: string) => new Date(`${key}T00:00:00Z`);
export const dayKey = (date: Date) => date.toISOString().slice(0, 10);
export const dayText = (date: Date) =>
  date.toLocaleDateString('en-US', {
    timeZone: 'UTC',
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    year: 'numeric',
  });

export function datesText(entry: Pick<Availability, 'date_from' | 'date_to'>): string {
  const from = dayText(entry.date_from);
  return dayKey(entry.date_from) === dayKey(entry.date_to)
    ? from
    : `${from} – ${dayText(entry.date_to)}`;
}

export const timesText = (entry: Pick<Availability, 'start_time' | 'end_time'>) =>
  entry.start_time && entry.end_time ? clockRange(entry.start_time, entry.end_time) : 'All day';
