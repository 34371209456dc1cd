// What a business's calendar says about one date: which availability entries apply, and the hours that hold there.
import * as rrule from 'rrule';
import type { Availability, Business, Staff, TimeRange } from '../../../../shared/schemas';
import { dateKeyOf, scheduledDateValue, weekdayName, type DateKey } from '../../../../shared/time';

// rrule ships ESM for bundlers but CommonJS for Node, whose ESM loader then exposes only `default`.
const { RRule } = (rrule as unknown as { default?: typeof rrule }).default ?? rrule;

/**
 * True when `entry` covers `date`: a day of its date_from..date_to range (inclusive), or, for a
 * recurring entry, an occurrence of its RRULE anchored at date_from that is not after date_to.
 */
export function coversDate(
  entry: Pick<Availability, 'date_from' | 'date_to' | 'is_recurring' | 'recurrence_rule'>,
  date: DateKey,
): boolean {
  const { from, to } = rangeOf(entry);
  if (date < from || date > to) return false;
  if (!entry.is_recurring || entry.recurrence_rule === null) return true;
  return occurrencesInYear(entry.recurrence_rule, entry.date_from, date.slice(0, 4)).has(date);
}

/** Each entry's first and last day as keys, worked out once per entry object. */
const ranges = new WeakMap<object, { from: DateKey; to: DateKey }>();

function rangeOf(entry: Pick<Availability, 'date_from' | 'date_to'>): {
  from: DateKey;
  to: DateKey;
} {
  let range = ranges.get(entry);
  if (!range) {
    range = { from: dateKeyOf(entry.date_from), to: dateKeyOf(entry.date_to) };
    ranges.set(entry, range);
  }
  return range;
}

/** Occurrence days by rule, start and year: a board day or a year's report asks the same ones often. */
const occurrences = new Map<string, Set<DateKey>>();
const MAX_KEPT = 5_000;

/**
 * The days of `year` on which the RRULE anchored at `start` occurs. Expanded once per rule, start
 * and year: checking one day at a time built the rule and walked it from its start every time,
 * which a year's report did for every staff member and day.
 */
function occurrencesInYear(recurrence: string, start: Date, year: string): Set<DateKey> {
  const key = `${recurrence}|${start.getTime()}|${year}`;
  let days = occurrences.get(key);
  if (!days) {
    // rrule works in "floating" UTC dates: occurrences are at 00:00Z, like stored calendar dates.
    const rule = new RRule({
      ...RRule.parseString(recurrence.replace(/^RRULE:/, '')),
      dtstart: start,
    });
    days = new Set(
      rule
        .between(scheduledDateValue(`${year}-01-01`), scheduledDateValue(`${year}-12-31`), true)
        .map((d) => dateKeyOf(d)),
    );
    if (occurrences.size >= MAX_KEPT) occurrences.clear();
    occurrences.set(key, days);
  }
  return days;
}

/** The live entries of `type` for one business that cover `date`, in a stable order. */
export function entriesOn(
  availability: readonly Availability[],
  businessId: string,
  type: Availability['type'],
  date: DateKey,
): Availability[] {
  return availability
    .filter(
      (entry) =>
        entry.business_id === businessId &&
        entry.deleted_at === null &&
        entry.type === type &&
        coversDate(entry, date),
    )
    .sort((a, b) => a.availability_id.localeCompare(b.availability_id));
}

/** Where a day's hours come from, for messages: the weekly schedule or a special_hours entry. */
export interface DayHours {
  /** Empty when nobody works that day. */
  ranges: TimeRange[];
  special: boolean;
}

/**
 * The hours of one day: special_hours entries covering the date replace the weekly hours (so a
 * special_hours Saturday opens a day that is normally closed); otherwise the weekday's range.
 */
function hoursOn(
  weekly: Business['config']['business_hours'],
  special: readonly Availability[],
  date: DateKey,
): DayHours {
  const ranges = special.flatMap((entry) =>
    entry.start_time !== null && entry.end_time !== null
      ? [{ start: entry.start_time, end: entry.end_time }]
      : [],
  );
  if (ranges.length > 0) return { ranges, special: true };
  const day = weekly[weekdayName(date)];
  return { ranges: day ? [day] : [], special: false };
}

/** The business's opening hours on `date` (business-wide special_hours replace the weekly ones). */
export function businessHoursOn(
  business: Business,
  availability: readonly Availability[],
  date: DateKey,
): DayHours {
  const special = entriesOn(availability, business.business_id, 'special_hours', date).filter(
    (entry) => entry.staff_id === null,
  );
  return hoursOn(business.config.business_hours, special, date);
}

/** A staff member's working hours on `date` (their special_hours replace their weekly schedule). */
export function staffHoursOn(
  staff: Staff,
  availability: readonly Availability[],
  date: DateKey,
): DayHours {
  const special = entriesOn(availability, staff.business_id, 'special_hours', date).filter(
    (entry) => entry.staff_id === staff.staff_id,
  );
  return hoursOn(staff.availability_schedule, special, date);
}
