// The setup wizard's form: what each step holds, its defaults, and its checks — the contract's own
// zod schemas, so a step shows the same message the core would give for the same value.
import type { z } from 'zod';
import {
  setupBusinessSchema,
  setupOwnerSchema,
  type CreateOwnerInput,
} from '../../../../shared/contract/channels/auth';
import { mongoUriSchema } from '../../../../shared/contract/channels/database';
import {
  defaultWeeklyHours,
  weeklyHoursSchema,
  type Vertical,
  type WeeklyHours,
} from '../../../../shared/schemas';
import { WEEKDAYS, type Weekday } from '../../../../shared/time';
import { DAY_NAMES, storedWeek, weekOf, type WeekHours } from '../settings/hours/WeeklyHoursEditor';

export const VERTICALS: [Vertical, string][] = [
  ['lawn_care', 'Lawn care'],
  ['landscaping', 'Landscaping'],
  ['construction', 'Construction'],
  ['hvac', 'HVAC'],
  ['plumbing', 'Plumbing'],
  ['electrical', 'Electrical'],
  ['cleaning', 'Cleaning'],
  ['pest_control', 'Pest control'],
  ['pool_service', 'Pool service'],
  ['other', 'Other'],
];

export const verticalLabel = (v: string) => VERTICALS.find(([value]) => value === v)?.[1] ?? v;

/** The week as the hours step edits it (the Settings editor's own). */
export type HoursForm = WeekHours;

export interface BusinessForm {
  name: string;
  vertical: Vertical;
  phone: string;
  email: string;
  address: string;
  timezone: string;
}

export interface OwnerForm {
  first_name: string;
  last_name: string;
  email: string;
  phone: string;
  password: string;
  confirm: string;
}

export interface DatabaseForm {
  choice: 'embedded' | 'uri';
  uri: string;
}

export interface WizardForm {
  database: DatabaseForm;
  owner: OwnerForm;
  business: BusinessForm;
  hours: HoursForm;
  sampleData: boolean;
}

/** Messages by field path: 'owner.email', 'business.timezone', 'hours.monday.end', 'database.uri'. */
export type FieldErrors = Record<string, string>;

/** The computer's own time zone, as the browser or Electron reports it. */
export const detectedTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

export const hoursFormOf = (hours: WeeklyHours | undefined): HoursForm =>
  weekOf(hours ?? defaultWeeklyHours());

export const weeklyHoursOf = (hours: HoursForm): WeeklyHours => storedWeek(hours);

export function emptyWizardForm(): WizardForm {
  return {
    database: { choice: 'embedded', uri: '' },
    owner: { first_name: '', last_name: '', email: '', phone: '', password: '', confirm: '' },
    business: {
      name: '',
      vertical: 'lawn_care',
      phone: '',
      email: '',
      address: '',
      timezone: detectedTimeZone(),
    },
    hours: hoursFormOf(undefined),
    sampleData: false,
  };
}

/** "end must be after start" → "End must be after start." */
const sentence = (message: string) => {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
};

/** The first message per field of a failed parse, under `prefix`. */
function issuesOf(error: z.ZodError, prefix: string): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const path = [prefix, ...issue.path.map(String)].join('.');
    out[path] ??= sentence(issue.message);
  }
  return out;
}

export const ownerInput = (owner: OwnerForm): CreateOwnerInput['owner'] => ({
  first_name: owner.first_name,
  last_name: owner.last_name,
  email: owner.email.trim(),
  phone: owner.phone.trim() || null,
  password: owner.password,
});

export const businessInput = (business: BusinessForm): CreateOwnerInput['business'] => ({
  ...business,
  email: business.email.trim(),
  phone: business.phone.trim(),
});

export function checkOwner(owner: OwnerForm): FieldErrors {
  const parsed = setupOwnerSchema.safeParse(ownerInput(owner));
  const errors = parsed.success ? {} : issuesOf(parsed.error, 'owner');
  if (!errors['owner.password'] && owner.confirm !== owner.password) {
    errors['owner.confirm'] = 'The two passwords differ. Type the same password twice.';
  }
  return errors;
}

export function checkBusiness(business: BusinessForm): FieldErrors {
  const parsed = setupBusinessSchema.safeParse(businessInput(business));
  return parsed.success ? {} : issuesOf(parsed.error, 'business');
}

export function checkHours(hours: HoursForm): FieldErrors {
  const parsed = weeklyHoursSchema.safeParse(weeklyHoursOf(hours));
  return parsed.success ? {} : issuesOf(parsed.error, 'hours');
}

export function checkUri(uri: string): FieldErrors {
  const parsed = mongoUriSchema.safeParse(uri);
  return parsed.success ? {} : { 'database.uri': sentence(parsed.error.issues[0]?.message ?? '') };
}

/**
 * The core's validation paths for auth.createOwner as the wizard's own ('business.config.
 * business_hours.monday.end' → 'hours.monday.end'), so a refused field shows on its step.
 */
export function wizardPath(corePath: string): string {
  return corePath.replace(/^business\.config\.business_hours\./, 'hours.');
}

/** Does this field belong to a step (by the start of its path)? */
export const errorsFor = (errors: FieldErrors, prefix: string): FieldErrors =>
  Object.fromEntries(Object.entries(errors).filter(([path]) => path.startsWith(`${prefix}.`)));

/** The open hours in a few words: "Mon–Fri 08:00–17:00 · Sat 08:00–12:00". */
export function hoursSummary(hours: HoursForm): string {
  const parts: string[] = [];
  let i = 0;
  while (i < WEEKDAYS.length) {
    const day = WEEKDAYS[i] as Weekday;
    const h = hours[day];
    let j = i;
    while (
      j + 1 < WEEKDAYS.length &&
      h.open &&
      hours[WEEKDAYS[j + 1] as Weekday].open &&
      hours[WEEKDAYS[j + 1] as Weekday].start === h.start &&
      hours[WEEKDAYS[j + 1] as Weekday].end === h.end
    ) {
      j++;
    }
    if (h.open) {
      const first = DAY_NAMES[day].slice(0, 3);
      const last = DAY_NAMES[WEEKDAYS[j] as Weekday].slice(0, 3);
      parts.push(`${i === j ? first : `${first}–${last}`} ${h.start}–${h.end}`);
    }
    i = j + 1;
  }
  return parts.length ? parts.join(' · ') : 'Closed every day';
}
