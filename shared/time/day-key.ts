// Calendar-date keys without Temporal: what the renderer's first script needs to know which day an
// address shows, before the app's code (and the Temporal polyfill) has loaded. shared/time builds on
// these; anything that does arithmetic on dates belongs there, not here.

/** 'YYYY-MM-DD' with a month 01–12 and a day 01–31 (whether the day exists is checked apart). */
export const DATE_KEY_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** True when `date` is a real calendar date written 'YYYY-MM-DD' (no 2026-02-30). */
export function isDateKey(date: string): boolean {
  if (!DATE_KEY_PATTERN.test(date)) return false;
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const utc = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC maps years 0–99 to 1900–1999; setting the year again undoes that.
  utc.setUTCFullYear(year);
  return utc.getUTCMonth() === month - 1 && utc.getUTCDate() === day;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date in `timeZone` (an IANA name) at `instant`, as 'YYYY-MM-DD'. */
export function dateKeyIn(instant: Date, timeZone: string): string {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'iso8601',
      numberingSystem: 'latn',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formats.set(timeZone, format);
  }
  const parts = format.formatToParts(instant);
  const value = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${value('year').padStart(4, '0')}-${value('month')}-${value('day')}`;
}
