// The report's period: the presets (this week, last month…) worked out on the business's calendar,
// and how a period is written in the address (?preset= or ?from=&to=) and in words.
import { addDays, isDateKey, weekdayName, type DateKey } from '../../../../shared/time';
import { MAX_REPORT_DAYS, type ReportBucket } from '../../../../shared/contract/channels/reports';

export const presets = [
  { id: 'this-week', label: 'This week' },
  { id: 'last-week', label: 'Last week' },
  { id: 'this-month', label: 'This month' },
  { id: 'last-month', label: 'Last month' },
  { id: 'this-quarter', label: 'This quarter' },
  { id: 'this-year', label: 'This year' },
  { id: 'custom', label: 'Custom' },
] as const;
export type PresetId = (typeof presets)[number]['id'];

export const DEFAULT_PRESET: PresetId = 'this-month';

export interface Period {
  from: DateKey;
  to: DateKey;
}

const pad = (n: number) => String(n).padStart(2, '0');
const monthStart = (year: number, month: number): DateKey => {
  // month may run past 12 or below 1: roll the year.
  const y = year + Math.floor((month - 1) / 12);
  const m = ((((month - 1) % 12) + 12) % 12) + 1;
  return `${y}-${pad(m)}-01`;
};
const parts = (date: DateKey) => ({
  year: Number(date.slice(0, 4)),
  month: Number(date.slice(5, 7)),
});

/** Weeks run Monday to Sunday. */
function weekStart(date: DateKey): DateKey {
  const order = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
  return addDays(date, -order.indexOf(weekdayName(date)));
}

/** The preset's days around `today` (the business's today), whole weeks, months, quarters or years. */
export function presetPeriod(preset: Exclude<PresetId, 'custom'>, today: DateKey): Period {
  const { year, month } = parts(today);
  switch (preset) {
    case 'this-week': {
      const from = weekStart(today);
      return { from, to: addDays(from, 6) };
    }
    case 'last-week': {
      const from = addDays(weekStart(today), -7);
      return { from, to: addDays(from, 6) };
    }
    case 'this-month':
      return { from: monthStart(year, month), to: addDays(monthStart(year, month + 1), -1) };
    case 'last-month':
      return { from: monthStart(year, month - 1), to: addDays(monthStart(year, month), -1) };
    case 'this-quarter': {
      const first = month - ((month - 1) % 3);
      return { from: monthStart(year, first), to: addDays(monthStart(year, first + 3), -1) };
    }
    case 'this-year':
      return { from: `${year}-01-01`, to: `${year}-12-31` };
  }
}

export interface PeriodChoice {
  preset: PresetId;
  period: Period;
  bucket: ReportBucket | undefined;
  /** Why the address's dates were not used, when they were not. */
  problem: string | null;
}

const buckets: readonly string[] = ['day', 'week', 'month'];

/** Reads ?preset=, ?from=&to= and ?bucket= (the address keeps the period across reloads and links). */
export function readChoice(params: URLSearchParams, today: DateKey): PeriodChoice {
  const bucketParam = params.get('bucket');
  const bucket =
    bucketParam && buckets.includes(bucketParam) ? (bucketParam as ReportBucket) : undefined;
  const from = params.get('from');
  const to = params.get('to');
  if (from !== null || to !== null) {
    const period = { from: from ?? '', to: to ?? '' };
    return { preset: 'custom', period, bucket, problem: periodProblem(period) };
  }
  const asked = params.get('preset');
  const preset = presets.find((p) => p.id === asked && p.id !== 'custom')?.id ?? DEFAULT_PRESET;
  return {
    preset,
    period: presetPeriod(preset as Exclude<PresetId, 'custom'>, today),
    bucket,
    problem: null,
  };
}

/** What is wrong with a custom period, in the owner's words; null when it can be reported. */
export function periodProblem({ from, to }: Period): string | null {
  if (!isDateKey(from) || !isDateKey(to)) return 'Choose a start and an end date.';
  if (from > to) return 'The end date is before the start date.';
  if (daysIn({ from, to }) > MAX_REPORT_DAYS) {
    return `A report covers at most ${MAX_REPORT_DAYS} days: choose a shorter period.`;
  }
  return null;
}

export const daysIn = ({ from, to }: Period) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

const dayFormat = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "Jan 1, 2026 – Mar 31, 2026". */
export const periodText = ({ from, to }: Period) =>
  from === to
    ? dayFormat.format(new Date(`${from}T12:00:00Z`))
    : `${dayFormat.format(new Date(`${from}T12:00:00Z`))} – ${dayFormat.format(new Date(`${to}T12:00:00Z`))}`;
