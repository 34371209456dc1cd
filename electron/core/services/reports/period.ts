// The calendar of a report: its days, their UTC bounds in the business's time zone, DST days and revenue buckets.
import type { ReportBucket } from '../../../../shared/contract/channels/reports';
import {
  addDays,
  daysBetween,
  scheduledDateValue,
  toUtcInstant,
  type DateKey,
} from '../../../../shared/time';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

export interface Period {
  from: DateKey;
  /** Inclusive. */
  to: DateKey;
  days: number;
  /** Stored calendar values (00:00 UTC) of `from` and of the day after `to`: appointments.scheduled_date. */
  firstDay: Date;
  afterLastDay: Date;
  /** The real instants the period starts and ends in the time zone: for created_at, sent_at… */
  start: Date;
  end: Date;
}

export function periodOf(from: DateKey, to: DateKey, timeZone: string): Period {
  const after = addDays(to, 1);
  return {
    from,
    to,
    days: daysBetween(from, to) + 1,
    firstDay: scheduledDateValue(from),
    afterLastDay: scheduledDateValue(after),
    start: toUtcInstant(from, '00:00', timeZone),
    end: toUtcInstant(after, '00:00', timeZone),
  };
}

/** The same number of days just before `period`. */
export function previousOf(period: Period, timeZone: string): Period {
  return periodOf(addDays(period.from, -period.days), addDays(period.from, -1), timeZone);
}

export function daysOf(from: DateKey, to: DateKey): DateKey[] {
  const days: DateKey[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

/** Minutes the zone is ahead of UTC at local noon of `date` (−300 for Chicago in summer). */
function offsetMinutesAtNoon(date: DateKey, timeZone: string): number {
  const local = Date.parse(`${date}T12:00:00Z`);
  return (local - toUtcInstant(date, '12:00', timeZone).getTime()) / MINUTE_MS;
}

/**
 * How the period's days map to UTC: the days whose clocks change (not 24 hours long), and the runs
 * of other days with one UTC offset all day. On the latter, a job's wall-clock times are real
 * minutes and its start instant is its date + time − offset, which a pipeline can compute; the
 * few jobs of the changing days are worked out with shared/time instead.
 */
export interface ZoneCalendar {
  clockChangeDays: DateKey[];
  /** In order; `until` is the stored value of the first day after the run. */
  offsets: { until: Date; minutes: number }[];
}

export function zoneCalendar(days: readonly DateKey[], timeZone: string): ZoneCalendar {
  const clockChangeDays: DateKey[] = [];
  const offsets: ZoneCalendar['offsets'] = [];
  for (const day of days) {
    const next = addDays(day, 1);
    const length =
      toUtcInstant(next, '00:00', timeZone).getTime() -
      toUtcInstant(day, '00:00', timeZone).getTime();
    if (length !== DAY_MS) clockChangeDays.push(day);
    const minutes = offsetMinutesAtNoon(day, timeZone);
    const last = offsets.at(-1);
    if (last?.minutes === minutes) last.until = scheduledDateValue(next);
    else offsets.push({ until: scheduledDateValue(next), minutes });
  }
  return { clockChangeDays, offsets };
}

/** By default days up to 31 days, weeks up to 26 weeks, else months. */
export function defaultBucket(days: number): ReportBucket {
  if (days <= 31) return 'day';
  if (days <= 26 * 7) return 'week';
  return 'month';
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const monthOf = (day: DateKey) => MONTHS[Number(day.slice(5, 7)) - 1] ?? '';
const dayLabel = (day: DateKey) => `${monthOf(day)} ${Number(day.slice(8, 10))}`;

/** The first day of the bucket holding `day`: itself, its ISO week's Monday, or its month's 1st. */
export function bucketStart(day: DateKey, bucket: ReportBucket): DateKey {
  if (bucket === 'day') return day;
  if (bucket === 'month') return `${day.slice(0, 8)}01`;
  const isoWeekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(day, -isoWeekday);
}

export function bucketLabel(start: DateKey, bucket: ReportBucket): string {
  if (bucket === 'day') return dayLabel(start);
  if (bucket === 'week') return `Week of ${dayLabel(start)}`;
  return `${monthOf(start)} ${start.slice(0, 4)}`;
}

/** Every bucket touching the period, in order, with the days' amounts summed into them. */
export function bucketsOf(
  days: readonly DateKey[],
  bucket: ReportBucket,
  amountByDay: ReadonlyMap<DateKey, number>,
): { start: DateKey; label: string; amount: number }[] {
  const buckets = new Map<DateKey, number>();
  for (const day of days) {
    const start = bucketStart(day, bucket);
    buckets.set(start, (buckets.get(start) ?? 0) + (amountByDay.get(day) ?? 0));
  }
  return [...buckets].map(([start, amount]) => ({
    start,
    label: bucketLabel(start, bucket),
    amount: roundMoney(amount),
  }));
}

export const roundMoney = (amount: number) => Math.round(amount * 100) / 100;
