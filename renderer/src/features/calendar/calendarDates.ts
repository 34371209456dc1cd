// The calendar's views and the dates each one shows: what it asks board.range for, where prev/next go,
// and its title. Weeks start on Sunday (firstDay 0), as FullCalendar is told.
import { addDays, isDateKey, WEEKDAYS, weekdayName, type DateKey } from '../../../../shared/time';

/** The views in the URL (`?view=`), and the FullCalendar view each one is. */
export const CALENDAR_VIEWS = {
  week: 'timeGridWeek',
  month: 'dayGridMonth',
  day: 'timeGridDay',
  list: 'listWeek',
} as const;
export type CalendarView = keyof typeof CALENDAR_VIEWS;

export const VIEW_LABELS: Record<CalendarView, string> = {
  week: 'Week',
  month: 'Month',
  day: 'Day',
  list: 'List',
};

export function parseView(value: string | null): CalendarView {
  return value !== null && value in CALENDAR_VIEWS ? (value as CalendarView) : 'week';
}

export function parseDate(value: string | null, fallback: DateKey): DateKey {
  return value !== null && isDateKey(value) ? value : fallback;
}

/** 0 for Sunday … 6 for Saturday. */
function sundayIndex(date: DateKey): number {
  return (WEEKDAYS.indexOf(weekdayName(date)) + 1) % 7;
}

function startOfWeek(date: DateKey): DateKey {
  return addDays(date, -sundayIndex(date));
}

/** The first of the month `months` after (or before) `date`'s month. */
function monthStart(date: DateKey, months = 0): DateKey {
  const [year = 1970, month = 1] = date.split('-').map(Number);
  const index = year * 12 + (month - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

/** The days a view shows around `date`, inclusive; a month shows six whole weeks. */
export function rangeOf(view: CalendarView, date: DateKey): { from: DateKey; to: DateKey } {
  switch (view) {
    case 'day':
      return { from: date, to: date };
    case 'month': {
      const from = startOfWeek(monthStart(date));
      return { from, to: addDays(from, 41) };
    }
    default: {
      const from = startOfWeek(date);
      return { from, to: addDays(from, 6) };
    }
  }
}

/** The date the previous (-1) or next (+1) button goes to. */
export function stepDate(view: CalendarView, date: DateKey, direction: -1 | 1): DateKey {
  switch (view) {
    case 'day':
      return addDays(date, direction);
    case 'month':
      return monthStart(date, direction);
    default:
      return addDays(date, 7 * direction);
  }
}

const noon = (date: DateKey) => new Date(`${date}T12:00:00Z`);

/** "Mar 8 – 14, 2026", "March 2026" or "Tuesday, March 10, 2026". */
export function titleOf(view: CalendarView, date: DateKey): string {
  if (view === 'day') {
    return noon(date).toLocaleDateString('en-US', {
      weekday: 'long',
      month: 'long',
      day: 'numeric',
      year: 'numeric',
      timeZone: 'UTC',
    });
  }
  if (view === 'month') {
    return noon(date).toLocaleDateString('en-US', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
  }
  const { from, to } = rangeOf(view, date);
  return new Intl.DateTimeFormat('en-US', {
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    timeZone: 'UTC',
  }).formatRange(noon(from), noon(to));
}
