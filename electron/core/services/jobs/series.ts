// The dates of a repeating job: weekly, every two weeks, or monthly on the same day of the month.
import { MAX_SERIES_OCCURRENCES, type RepeatFrequency } from '../../../../shared/contract';
import { addDays, type DateKey } from '../../../../shared/time';
import { AppError } from '../../errors';
import { shortDate } from '../scheduling/format';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The `n`th monthly date after `first`, on the same day of the month. A month too short for that
 * day gets its last day instead (a series from Jan 31 runs Feb 28, Mar 31, Apr 30, …): counting
 * always from the first date, so one short month never pulls the later ones earlier.
 */
export function monthlyDate(first: DateKey, n: number): DateKey {
  const months = Number(first.slice(0, 4)) * 12 + Number(first.slice(5, 7)) - 1 + n;
  const year = Math.floor(months / 12);
  const month = (months % 12) + 1;
  const nextMonth = month === 12 ? `${year + 1}-01-01` : `${year}-${pad(month + 1)}-01`;
  const lastDay = Number(addDays(nextMonth, -1).slice(8, 10));
  const day = Math.min(Number(first.slice(8, 10)), lastDay);
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** The `n`th date of a series starting on `first` (n = 0 is `first`). */
export function occurrenceDate(first: DateKey, frequency: RepeatFrequency, n: number): DateKey {
  if (frequency === 'weekly') return addDays(first, 7 * n);
  if (frequency === 'biweekly') return addDays(first, 14 * n);
  return monthlyDate(first, n);
}

/**
 * Every date of a series: `count` dates, or each date up to `until` (inclusive). Refused when that
 * is fewer than two dates or more than MAX_SERIES_OCCURRENCES.
 */
export function seriesDates(
  first: DateKey,
  repeat: { frequency: RepeatFrequency; count?: number; until?: DateKey },
): DateKey[] {
  if (repeat.count !== undefined) {
    return Array.from({ length: repeat.count }, (_, n) =>
      occurrenceDate(first, repeat.frequency, n),
    );
  }
  const until = repeat.until ?? first;
  const dates: DateKey[] = [];
  for (let n = 0; ; n++) {
    const date = occurrenceDate(first, repeat.frequency, n);
    if (date > until) break;
    if (dates.length === MAX_SERIES_OCCURRENCES) {
      throw new AppError(
        'validation',
        `A series can have at most ${MAX_SERIES_OCCURRENCES} dates; the last one would be ${shortDate(dates[dates.length - 1] ?? first)}, ${(dates[dates.length - 1] ?? first).slice(0, 4)}. Choose that or an earlier last date.`,
        { field: 'repeat.until' },
      );
    }
    dates.push(date);
  }
  if (dates.length < 2) {
    throw new AppError(
      'validation',
      `The last date (${shortDate(until)}) leaves only ${dates.length === 1 ? 'the first visit' : 'no visit'}; a repeating job needs at least two.`,
      { field: 'repeat.until' },
    );
  }
  return dates;
}
