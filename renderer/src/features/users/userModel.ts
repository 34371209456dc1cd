// The Users page's rules in plain functions: what each role may do, the password rules, which
// actions the core would refuse for a row, and where a refused call's message belongs in a form.
import { rolePermissions, type Permission } from '../../../../shared/auth/permissions';
import { ApiError, newPasswordSchema, type Output } from '../../../../shared/contract';
import { fieldErrors } from '../auth/fieldErrors';

export type User = Output<'users.list'>[number];
export type OfficeRole = 'owner' | 'admin' | 'staff';

export const OFFICE_ROLES: OfficeRole[] = ['owner', 'admin', 'staff'];

export const ROLE_LABELS: Record<User['role'], string> = {
  owner: 'Owner',
  admin: 'Administrator',
  staff: 'Staff (dispatcher)',
  customer: 'Client',
};

/** How each permission reads in a sentence about a role. */
const PERMISSION_WORDS: Record<Permission, string> = {
  'records.view': 'the board and records',
  dispatch: 'dispatching jobs',
  'records.edit': 'editing records',
  'settings.manage': 'business settings',
  'reports.view': 'reports',
  'users.manage': 'managing users',
  'business.switch': 'working in other businesses',
};

const listOf = (words: string[], last = 'and') =>
  words.length < 2 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} ${last} ${words.at(-1)}`;

/** One line on what `role` may do, read off the permission table so it cannot drift from it. */
export function roleExplanation(role: OfficeRole): string {
  const granted = rolePermissions[role];
  const may = listOf(granted.map((p) => PERMISSION_WORDS[p]));
  const missing = (['settings.manage', 'reports.view', 'users.manage'] as Permission[]).filter(
    (p) => !granted.includes(p),
  );
  const sentence = `${may.charAt(0).toUpperCase()}${may.slice(1)}`;
  return missing.length
    ? `${sentence} — no ${listOf(
        missing.map((p) => PERMISSION_WORDS[p]),
        'or',
      )}.`
    : `${sentence}.`;
}

/** The core refuses to make anyone an administrator unless a system administrator asks. */
export function roleUnavailable(role: OfficeRole, myRole: string | undefined): string | null {
  return role === 'admin' && myRole !== 'admin'
    ? 'Only a system administrator can make someone an administrator.'
    : null;
}

/** The core's password rules (newPasswordSchema), as a checklist shown while typing. */
export const PASSWORD_RULES = [
  { label: 'At least 10 characters', message: 'Use at least 10 characters.' },
  { label: 'Letters mixed with digits or symbols', message: 'Mix letters with digits or symbols.' },
] as const;

/** The first rule `password` breaks, in the core's words; null when the core would take it. */
export function passwordProblem(password: string): string | null {
  const parsed = newPasswordSchema.safeParse(password);
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'Choose another password.');
}

export function brokenPasswordRules(password: string): Set<string> {
  const parsed = newPasswordSchema.safeParse(password);
  return new Set(parsed.success ? [] : parsed.error.issues.map((i) => i.message));
}

const LETTERS = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const SYMBOLS = '-_.!#%+';

/**
 * A random 16-character password (about 94 bits) from characters that cannot be mistaken for one
 * another when read aloud or copied by hand, always with letters, digits and a symbol.
 */
export function generatePassword(random: (n: number) => Uint32Array = randomWords): string {
  const all = LETTERS + DIGITS + SYMBOLS;
  const pick = (set: string, r: number) => set[r % set.length] ?? '';
  for (;;) {
    const words = random(16);
    const password = Array.from(words, (r) => pick(all, r)).join('');
    if (/[A-Za-z]/.test(password) && /\d/.test(password) && /[^A-Za-z0-9]/.test(password)) {
      return password;
    }
  }
}

function randomWords(n: number): Uint32Array {
  return crypto.getRandomValues(new Uint32Array(n));
}

export const fullName = (u: { first_name: string; last_name: string }) =>
  `${u.first_name} ${u.last_name}`;

/** Why the role of `user` cannot be changed or the user deactivated from here, if so. */
export function lockedReason(user: User, me: string | undefined, users: User[]): string | null {
  if (user.user_id === me) {
    return 'You cannot change your own role or deactivate yourself. Ask another owner.';
  }
  const activeOwners = users.filter((u) => u.role === 'owner' && u.is_active).length;
  if (user.role === 'owner' && user.is_active && activeOwners <= 1) {
    return 'A business needs at least one active owner. Make someone else owner first.';
  }
  return null;
}

/**
 * A refused call's messages by form field: validation details by their path (without the
 * `data.` the create channel wraps its fields in), and a unique value taken (the core's conflict
 * naming the field, e.g. an email another user has) on that field.
 */
export function errorsByField(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(fieldErrors(error))) {
    out[path.replace(/^(data|changes)\./, '')] ??= message;
  }
  if (error instanceof ApiError && error.kind === 'conflict') {
    const field = (error.details as { field?: unknown } | undefined)?.field;
    if (typeof field === 'string') out[field] = error.message;
  }
  return out;
}

/** The message to show above a form when no field of `fields` is at fault. */
export function formMessage(error: Error | null, fields: readonly string[]): string | null {
  if (!error) return null;
  const byField = errorsByField(error);
  if (fields.some((f) => byField[f])) return null;
  if (error instanceof ApiError && error.kind === 'internal') {
    return `Something went wrong on our side and it was not saved (error ${error.id ?? 'unknown'}).`;
  }
  return error.message;
}
