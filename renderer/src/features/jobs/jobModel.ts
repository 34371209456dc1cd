// The job dialogs' arithmetic and wording, free of React: money, totals, times, repeat previews,
// the edit diff and how the core's refusals map onto the form.
import type {
  BoardViolation,
  JobChanges,
  Output,
  RepeatFrequency,
} from '../../../../shared/contract';
import { MAX_SERIES_OCCURRENCES } from '../../../../shared/contract/limits';
import { ApiError } from '../../../../shared/contract/result';
import {
  addDays,
  clockTime,
  dateKeyOf,
  hhmm,
  isDateKey,
  localDateOf,
  localTimeOf,
  minutesOf,
  TIME_OF_DAY_PATTERN,
  toUtcInstant,
  weekdayName,
  type DateKey,
} from '../../../../shared/time';

export type Job = Output<'appointments.get'>;
export type ClientRecord = Output<'clients.get'>;
export type ServiceRecord = Output<'services.list'>['items'][number];
export type StaffRecord = Output<'staff.list'>['items'][number];
export type EquipmentRecord = Output<'equipment.list'>['items'][number];

// ---------- money ----------

const cents = (amount: number) => Math.round(amount * 100);

/** One formatter per currency: building an Intl formatter costs far more than using one. */
const moneyFormats = new Map<string, Intl.NumberFormat>();

export function formatMoney(amount: number, currency = 'USD'): string {
  let format = moneyFormats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
    moneyFormats.set(currency, format);
  }
  return format.format(amount);
}

/** (custom ?? service) − discount, never below 0, computed in cents. */
export function totalOf(
  servicePrice: number,
  customPrice: number | null,
  discount: number,
): number {
  return Math.max(0, cents(customPrice ?? servicePrice) - cents(discount)) / 100;
}

/**
 * Reads an amount typed by a dispatcher ('85', '85.5', '$1,200.00'). '' is `null` (nothing typed);
 * anything else that is not an amount of dollars and cents is a message saying what is wrong.
 */
export function parseMoney(text: string): number | null | { error: string } {
  const cleaned = text.trim().replace(/^\$/, '').replace(/,/g, '');
  if (cleaned === '') return null;
  if (!/^\d+(\.\d{0,2})?$/.test(cleaned)) {
    return {
      error: /^-/.test(cleaned) ? 'Must not be negative.' : 'Enter dollars and cents, e.g. 85.00.',
    };
  }
  return Number(cleaned);
}

export const moneyText = (amount: number | null | undefined) =>
  amount === null || amount === undefined ? '' : amount.toFixed(2);

// ---------- dates and times ----------

export const isTime = (time: string) => TIME_OF_DAY_PATTERN.test(time);

/** `time` plus `minutes`, kept inside the day (a job never runs past 23:59). */
export function addMinutes(time: string, minutes: number): string {
  return hhmm(Math.min(23 * 60 + 59, Math.max(0, minutesOf(time) + minutes)));
}

const utcNoon = (date: DateKey) => new Date(`${date}T12:00:00Z`);

/** 'Thu, Apr 16, 2026' */
export function dateLabel(date: DateKey): string {
  return utcNoon(date).toLocaleDateString('en-US', {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** 'Apr 16' (with the year when `withYear`). */
function shortDate(date: DateKey, withYear: boolean): string {
  return utcNoon(date).toLocaleDateString('en-US', {
    month: 'short',
    day: 'numeric',
    ...(withYear ? { year: 'numeric' } : {}),
    timeZone: 'UTC',
  });
}

export const jobDateKey = (job: Pick<Job, 'scheduled_date'>) => dateKeyOf(job.scheduled_date);

/** An instant as a datetime-local value ('2026-04-16T09:00') on the business's clock. */
export function localInputValue(instant: Date, timeZone: string): string {
  return `${localDateOf(instant, timeZone)}T${localTimeOf(instant, timeZone)}`;
}

/** A datetime-local value read on the business's clock; null when it is not a full date and time. */
export function instantOfInput(value: string, timeZone: string): Date | null {
  const [date = '', time = ''] = value.split('T');
  if (!isDateKey(date) || !isTime(time.slice(0, 5))) return null;
  return toUtcInstant(date, time.slice(0, 5), timeZone);
}

/** 'Thu, Apr 16, 2026, 9:00 AM' on the business's clock. */
export function instantLabel(instant: Date, timeZone: string): string {
  return `${dateLabel(localDateOf(instant, timeZone))}, ${clockTime(localTimeOf(instant, timeZone))}`;
}

// ---------- repeating ----------

export type RepeatChoice = 'none' | RepeatFrequency;
export type RepeatEnd = 'count' | 'until';

export const REPEAT_LABELS: Record<RepeatChoice, string> = {
  none: 'Does not repeat',
  weekly: 'Weekly',
  biweekly: 'Every 2 weeks',
  monthly: 'Monthly',
};

function addMonths(date: DateKey, months: number): DateKey {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(
    Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0),
  ).getUTCDate();
  first.setUTCDate(Math.min(d, lastDay));
  return first.toISOString().slice(0, 10);
}

export function occurrenceDate(first: DateKey, frequency: RepeatFrequency, index: number): DateKey {
  if (frequency === 'monthly') return addMonths(first, index);
  return addDays(first, index * (frequency === 'weekly' ? 7 : 14));
}

export interface SeriesPlan {
  dates: DateKey[];
  /** Why the plan cannot be sent, said for the field at fault. */
  error?: { field: 'repeat_count' | 'repeat_until'; message: string };
}

/** The visits a repeat would create, as the preview shows them. */
export function seriesPlan(
  first: DateKey,
  frequency: RepeatFrequency,
  end: RepeatEnd,
  countText: string,
  until: string,
): SeriesPlan {
  if (end === 'count') {
    const count = Number(countText);
    if (!Number.isInteger(count) || count < 2 || count > MAX_SERIES_OCCURRENCES) {
      return {
        dates: [],
        error: {
          field: 'repeat_count',
          message: `Enter how many visits, 2 to ${MAX_SERIES_OCCURRENCES}.`,
        },
      };
    }
    return { dates: Array.from({ length: count }, (_, i) => occurrenceDate(first, frequency, i)) };
  }
  if (!isDateKey(until)) {
    return { dates: [], error: { field: 'repeat_until', message: 'Pick the last date.' } };
  }
  const dates: DateKey[] = [];
  for (let i = 0; i <= MAX_SERIES_OCCURRENCES; i++) {
    const date = occurrenceDate(first, frequency, i);
    if (date > until) break;
    dates.push(date);
  }
  if (dates.length > MAX_SERIES_OCCURRENCES) {
    return {
      dates: dates.slice(0, MAX_SERIES_OCCURRENCES),
      error: {
        field: 'repeat_until',
        message: `That is more than ${MAX_SERIES_OCCURRENCES} visits; pick an earlier last date.`,
      },
    };
  }
  if (dates.length < 2) {
    return {
      dates,
      error: {
        field: 'repeat_until',
        message: 'The last date must allow at least a second visit.',
      },
    };
  }
  return { dates };
}

const ordinal = (n: number) => {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
};

/** '8 visits, Thursdays, Apr 16 – Jun 4' */
export function seriesPreview(dates: DateKey[], frequency: RepeatFrequency): string {
  const first = dates[0];
  const last = dates[dates.length - 1];
  if (!first || !last) return '';
  const weekday = weekdayName(first);
  const day = weekday.charAt(0).toUpperCase() + weekday.slice(1);
  const pattern =
    frequency === 'weekly'
      ? `${day}s`
      : frequency === 'biweekly'
        ? `every other ${day}`
        : `monthly on the ${ordinal(Number(first.slice(8, 10)))}`;
  const withYear = first.slice(0, 4) !== last.slice(0, 4);
  return `${dates.length} visits, ${pattern}, ${shortDate(first, withYear)} – ${shortDate(last, withYear)}`;
}

// ---------- the form ----------

export interface ClientChoice {
  client_id: string;
  first_name: string;
  last_name: string;
  address: string;
  city?: string;
}

export const clientLabel = (c: Pick<ClientChoice, 'first_name' | 'last_name'>) =>
  `${c.first_name} ${c.last_name}`;

/** The address with its city, unless it names it already ('4850 Oak Ave, Hoover, AL 35226'). */
export const clientAddress = (c: ClientChoice) =>
  c.city && !c.address.includes(c.city) ? `${c.address}, ${c.city}` : c.address;

/** Does a client match every word typed (name, address, phone, email)? */
export function clientMatches(
  client: ClientChoice & { phone?: string | null; email?: string | null },
  text: string,
): boolean {
  const haystack = [
    client.first_name,
    client.last_name,
    client.address,
    client.city ?? '',
    client.phone ?? '',
    client.email ?? '',
  ]
    .join(' ')
    .toLowerCase();
  return text
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

export interface JobFormValues {
  client: ClientChoice | null;
  service_id: string;
  date: string;
  start: string;
  end: string;
  staff_ids: string[];
  equipment_ids: string[];
  notes: string;
  custom_price: string;
  discount: string;
  repeat: RepeatChoice;
  repeat_end: RepeatEnd;
  repeat_count: string;
  repeat_until: string;
}

export type FormField = keyof JobFormValues;
export type FieldErrors = Partial<Record<FormField, string>>;

/** What the dispatcher must fix before the form can be sent; empty when it can. */
export function checkForm(values: JobFormValues, repeating: boolean): FieldErrors {
  const errors: FieldErrors = {};
  if (!values.client) errors.client = 'Pick the client.';
  if (!values.service_id) errors.service_id = 'Pick the service.';
  if (!isDateKey(values.date)) errors.date = 'Pick the day.';
  if (!isTime(values.start)) errors.start = 'Enter the start time.';
  if (!isTime(values.end)) errors.end = 'Enter the end time.';
  else if (isTime(values.start) && minutesOf(values.end) <= minutesOf(values.start)) {
    errors.end = 'Must be after the start.';
  }
  for (const field of ['custom_price', 'discount'] as const) {
    const parsed = parseMoney(values[field]);
    if (parsed !== null && typeof parsed === 'object') errors[field] = parsed.error;
  }
  if (repeating && values.repeat !== 'none' && isDateKey(values.date)) {
    const plan = seriesPlan(
      values.date,
      values.repeat,
      values.repeat_end,
      values.repeat_count,
      values.repeat_until,
    );
    if (plan.error) errors[plan.error.field] = plan.error.message;
  }
  return errors;
}

const amount = (text: string): number | null => {
  const parsed = parseMoney(text);
  return typeof parsed === 'number' ? parsed : null;
};

export const customPriceOf = (values: Pick<JobFormValues, 'custom_price'>) =>
  amount(values.custom_price);
export const discountOf = (values: Pick<JobFormValues, 'discount'>) => amount(values.discount) ?? 0;

const sameIds = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** Only what the dispatcher changed, for jobs.update. */
export function changesOf(job: Job, values: JobFormValues): JobChanges {
  const changes: JobChanges = {};
  if (values.client && values.client.client_id !== job.client_id) {
    changes.client_id = values.client.client_id;
  }
  if (values.service_id !== job.service_id) changes.service_id = values.service_id;
  if (values.date !== jobDateKey(job)) changes.scheduled_date = values.date;
  if (values.start !== job.scheduled_start_time) changes.start = values.start;
  if (values.end !== job.scheduled_end_time) changes.end = values.end;
  if (!sameIds(values.staff_ids, job.assigned_staff_ids)) changes.staff_ids = values.staff_ids;
  if (!sameIds(values.equipment_ids, job.assigned_equipment_ids)) {
    changes.equipment_ids = values.equipment_ids;
  }
  const notes = values.notes.trim() || null;
  if (notes !== (job.notes ?? null)) changes.notes = notes;
  const custom = customPriceOf(values);
  if (custom !== job.custom_price) changes.custom_price = custom;
  const discount = discountOf(values);
  if (cents(discount) !== cents(job.discount)) changes.discount = discount;
  return changes;
}

/** The form filled from a job, for editing it. */
export function valuesOfJob(job: Job, client: ClientChoice): JobFormValues {
  return {
    client,
    service_id: job.service_id,
    date: jobDateKey(job),
    start: job.scheduled_start_time,
    end: job.scheduled_end_time,
    staff_ids: [...job.assigned_staff_ids],
    equipment_ids: [...job.assigned_equipment_ids],
    notes: job.notes ?? '',
    custom_price: moneyText(job.custom_price),
    discount: job.discount ? moneyText(job.discount) : '',
    repeat: 'none',
    repeat_end: 'count',
    repeat_count: '8',
    repeat_until: '',
  };
}

// ---------- refusals ----------

export interface Refusal {
  /** Warnings the dispatcher may override ("… anyway"), or a refusal that must be fixed. */
  overridable: boolean;
  message: string;
  violations: BoardViolation[];
}

/** Request field paths (create's and update's `changes.`) → the form field that shows them. */
const FIELD_OF_PATH: Record<string, FormField> = {
  client_id: 'client',
  service_id: 'service_id',
  scheduled_date: 'date',
  start: 'start',
  end: 'end',
  staff_ids: 'staff_ids',
  equipment_ids: 'equipment_ids',
  notes: 'notes',
  custom_price: 'custom_price',
  discount: 'discount',
  'repeat.count': 'repeat_count',
  'repeat.until': 'repeat_until',
  repeat: 'repeat_count',
};

export interface ReadError {
  fields: Record<string, string>;
  refusal: Refusal | null;
  /** A message for the top of the form when no field or rule explains it. */
  message: string | null;
}

/**
 * How a refused call reads on a form: validation issues by field (mapped with `fieldOf`), the
 * scheduling rules' violations as a refusal (overridable or not), anything else as one message.
 */
export function readError(
  error: unknown,
  fieldOf: (path: string) => string | undefined = (path) =>
    FIELD_OF_PATH[path.replace(/^changes\./, '')] ??
    FIELD_OF_PATH[path.replace(/^changes\./, '').split('.')[0] ?? ''],
): ReadError {
  if (error instanceof ApiError && error.kind === 'validation' && Array.isArray(error.details)) {
    const fields: Record<string, string> = {};
    const unplaced: string[] = [];
    for (const issue of error.details as { path: string; message: string }[]) {
      const field = fieldOf(issue.path);
      if (field) fields[field] ??= issue.message;
      else unplaced.push(issue.message);
    }
    return {
      fields,
      refusal: null,
      message: unplaced.length ? error.message : null,
    };
  }
  // A handler's own check names the one field it refused: {field: 'repeat.until'}.
  const named = (error as { details?: { field?: unknown } } | null)?.details?.field;
  if (error instanceof ApiError && error.kind === 'validation' && typeof named === 'string') {
    const field = fieldOf(named);
    if (field) return { fields: { [field]: error.message }, refusal: null, message: null };
  }
  if (error instanceof ApiError && error.kind === 'conflict') {
    const details = error.details as
      { violations?: BoardViolation[]; overridable?: boolean } | undefined;
    if (details?.violations) {
      return {
        fields: {},
        refusal: {
          overridable: Boolean(details.overridable),
          message: error.message,
          violations: details.violations,
        },
        message: null,
      };
    }
  }
  if (error instanceof ApiError && error.kind === 'internal') {
    return {
      fields: {},
      refusal: null,
      message: `Something went wrong on our side (error ${error.id ?? 'unknown'}). Nothing you typed is lost; please try again.`,
    };
  }
  return {
    fields: {},
    refusal: null,
    message: error instanceof Error ? error.message : String(error),
  };
}

// ---------- labels ----------

export const personLabel = (p: Pick<StaffRecord, 'first_name' | 'last_name'>) =>
  `${p.first_name} ${p.last_name}`;

const ROLE_ORDER: Record<StaffRecord['role'], number> = {
  crew_lead: 0,
  crew_member: 1,
  manager: 2,
};

/** Staff for pickers: crew leads first, then crew members, then managers (the pickers' groups), by last name. */
export function staffOrder(a: StaffRecord, b: StaffRecord): number {
  return (
    ROLE_ORDER[a.role] - ROLE_ORDER[b.role] ||
    a.last_name.localeCompare(b.last_name) ||
    a.first_name.localeCompare(b.first_name)
  );
}

export const ROLE_GROUPS: Record<StaffRecord['role'], string> = {
  crew_lead: 'Crew leads',
  crew_member: 'Crew members',
  manager: 'Managers',
};

/** "Next week, same time": the default for a duplicate. */
export const nextWeek = (date: DateKey) => addDays(date, 7);
