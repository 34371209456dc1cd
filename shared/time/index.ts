// The project's one time-math module: calendar dates, 'HH:mm' times and business time zones, DST-safe.
import { Temporal } from 'temporal-polyfill';
import { DATE_KEY_PATTERN } from './day-key';

export { clockRange, clockTime } from './clock';
export { DATE_KEY_PATTERN, isDateKey } from './day-key';

/** A calendar date as 'YYYY-MM-DD' (no time zone). */
export type DateKey = string;
/** A wall-clock time as 'HH:mm', 00:00–23:59. */
export type TimeOfDay = string;

export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const TIME_OF_DAY_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

const MINUTES_PER_DAY = 24 * 60;

/**
 * Small memo for pure functions of strings: the scheduling rules ask the same few dates, times and
 * zones thousands of times for one board day, and Temporal's parsing and zone arithmetic are slow.
 * Emptied when full, which bounds it without bookkeeping.
 */
function memo<T>(size: number): (key: string, compute: () => T) => T {
  const cache = new Map<string, T>();
  return (key, compute) => {
    const hit = cache.get(key);
    if (hit !== undefined || cache.has(key)) return hit as T;
    const value = compute();
    if (cache.size >= size) cache.clear();
    cache.set(key, value);
    return value;
  };
}

const plainDates = memo<Temporal.PlainDate>(10_000);

/** Parses 'YYYY-MM-DD' strictly: the pattern must match and the date must exist (no 2026-02-30). */
function plainDate(date: DateKey): Temporal.PlainDate {
  if (!DATE_KEY_PATTERN.test(date)) throw new RangeError(`Not a 'YYYY-MM-DD' date: ${date}`);
  // Only valid dates are kept: a rejected one throws before it is cached.
  return plainDates(date, () => Temporal.PlainDate.from(date, { overflow: 'reject' }));
}

const zoneValidity = memo<boolean>(1_000);

/** True when `timeZone` is an IANA zone name this runtime knows, e.g. 'America/Chicago' or 'UTC'. */
export function isValidTimeZone(timeZone: string): boolean {
  // Offsets such as '+05:00' are accepted by Intl but are not zones: they have no DST rules.
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(timeZone)) return false;
  return zoneValidity(timeZone, () => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone });
      Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(timeZone);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * The UTC instant of a local calendar date and wall-clock time in `timeZone`.
 * A time that does not exist (skipped by a spring-forward change, e.g. 02:30 on 2026-03-08 in
 * America/Chicago) uses Temporal's 'compatible' rule: it moves forward by the gap (→ 03:30 CDT).
 * A time that occurs twice (fall back) resolves to the earlier of the two instants.
 */
export function toUtcInstant(date: DateKey, time: TimeOfDay, timeZone: string): Date {
  // The answer for (date, time, zone) never changes: worked out once (see memo).
  const epoch = instants(`${date}|${time}|${timeZone}`, () => {
    const minutes = minutesOf(time);
    return plainDate(date)
      .toPlainDateTime({ hour: Math.floor(minutes / 60), minute: minutes % 60 })
      .toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
  });
  return new Date(epoch);
}

const instants = memo<number>(50_000);

const wallClocks = memo<boolean>(50_000);

/**
 * True when the clocks in `timeZone` show `time` on `date`; false for a time a spring-forward
 * change skips (02:30 on 2026-03-08 in America/Chicago).
 */
export function wallClockExists(date: DateKey, time: TimeOfDay, timeZone: string): boolean {
  return wallClocks(
    `${date}|${time}|${timeZone}`,
    () => localTimeOf(toUtcInstant(date, time, timeZone), timeZone) === time,
  );
}

function zonedOf(instant: Date, timeZone: string): Temporal.ZonedDateTime {
  return Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(timeZone);
}

/** The calendar date in `timeZone` at `instant`. */
export function localDateOf(instant: Date, timeZone: string): DateKey {
  return zonedOf(instant, timeZone).toPlainDate().toString();
}

/** The wall-clock time 'HH:mm' in `timeZone` at `instant` (seconds are dropped). */
export function localTimeOf(instant: Date, timeZone: string): TimeOfDay {
  // Free time and hours turn the same few instants back into wall-clock times over and over.
  return localTimes(`${timeZone}|${instant.getTime()}`, () => {
    const zoned = zonedOf(instant, timeZone);
    return hhmm(zoned.hour * 60 + zoned.minute);
  });
}

const localTimes = memo<TimeOfDay>(20_000);

/**
 * How a calendar date is stored in a document (appointments.scheduled_date, availability
 * date_from/date_to, …): a Date at 00:00 UTC of that calendar date. It names a day in the
 * business's time zone; it is not the instant the day starts there.
 */
export function scheduledDateValue(date: DateKey): Date {
  plainDate(date);
  return new Date(`${date}T00:00:00.000Z`);
}

/** The calendar date a stored date value (00:00 UTC, see `scheduledDateValue`) names. */
export function dateKeyOf(scheduledDate: Date): DateKey {
  if (Number.isNaN(scheduledDate.getTime()) || scheduledDate.getTime() % 86_400_000 !== 0) {
    throw new RangeError(`A stored calendar date must be at 00:00 UTC: ${String(scheduledDate)}`);
  }
  return scheduledDate.toISOString().slice(0, 10);
}

/** Minutes since midnight of an 'HH:mm' time. */
export function minutesOf(time: TimeOfDay): number {
  if (!TIME_OF_DAY_PATTERN.test(time)) throw new RangeError(`Not an 'HH:mm' time: ${time}`);
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** The 'HH:mm' time `minutes` after midnight (0–1439). */
export function hhmm(minutes: number): TimeOfDay {
  if (!Number.isInteger(minutes) || minutes < 0 || minutes >= MINUTES_PER_DAY) {
    throw new RangeError(`Minutes since midnight must be an integer in 0–1439: ${minutes}`);
  }
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** The calendar date `days` after `date` (negative for before). */
export function addDays(date: DateKey, days: number): DateKey {
  return plainDate(date).add({ days }).toString();
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: DateKey, to: DateKey): number {
  return plainDate(from).until(plainDate(to), { largestUnit: 'days' }).days;
}

/** The weekday of a calendar date, lower case as used by business_hours keys. */
export function weekdayName(date: DateKey): Weekday {
  const weekday = WEEKDAYS[plainDate(date).dayOfWeek - 1];
  if (weekday === undefined) throw new RangeError(`No weekday for ${date}`);
  return weekday;
}
