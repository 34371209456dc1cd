// How the scheduling rules write dates, times and people in their messages: fixed US English, any machine locale.
import type { Staff } from '../../../../shared/schemas';
import { weekdayName, type DateKey } from '../../../../shared/time';

export { clockRange, clockTime } from '../../../../shared/time';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 'Sun, Mar 8'. */
export function shortDate(date: DateKey): string {
  const day = weekdayName(date);
  const month = MONTHS[Number(date.slice(5, 7)) - 1] ?? date.slice(5, 7);
  return `${day[0]?.toUpperCase()}${day.slice(1, 3)}, ${month} ${Number(date.slice(8, 10))}`;
}

/** 'Saturdays', for "doesn't work on Saturdays". */
export function weekdayPlural(date: DateKey): string {
  const day = weekdayName(date);
  return `${day[0]?.toUpperCase()}${day.slice(1)}s`;
}

export function staffName(staff: Pick<Staff, 'first_name' | 'last_name'>): string {
  return `${staff.first_name} ${staff.last_name}`;
}

/** '15 minutes', '1 minute'. */
export function minutesText(minutes: number): string {
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** 'Ann', 'Ann and Bo', 'Ann, Bo and Cy'. */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
