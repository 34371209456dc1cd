// The audit log as sentences a dispatcher reads: "Tammy Reeves moved the job from 9:00 AM to 11:00 AM".
import { phoneText } from '../../../../shared/messaging/phone';
import { clockTime } from '../../../../shared/time/clock';
import type { RecordAreaName } from './recordApi';

export interface AuditChange {
  before: unknown;
  after: unknown;
}

export interface AuditEntryLike {
  action: string;
  user_id: string;
  timestamp: Date | string;
  changes?: Record<string, AuditChange> | undefined;
  note?: string | undefined;
}

export interface AuditNames {
  /** Display names of the business's users by user_id (empty when users.list is not allowed). */
  users: Readonly<Record<string, string>>;
  /** The signed-in user, who reads "You". */
  currentUserId?: string | undefined;
  /** Names of records that changes refer to by id (services, staff, equipment, clients). */
  refs?: Readonly<Record<string, string>>;
}

const NOUNS: Record<RecordAreaName, string> = {
  clients: 'client',
  staff: 'staff member',
  services: 'service',
  equipment: 'equipment',
  availability: 'entry',
  appointments: 'job',
};

/** Words for fields whose name does not read well once underscores become spaces. */
const FIELD_WORDS: Record<string, string> = {
  zip_code: 'ZIP code',
  email: 'email',
  service_type_ids: 'services',
  preferred_staff_ids: 'preferred staff',
  preferred_contact_method: 'preferred contact method',
  default_duration_minutes: 'duration',
  default_price: 'price',
  minimum_staff_count: 'minimum crew size',
  requires_equipment_ids: 'required equipment',
  can_have_multiple_crews: 'multiple crews setting',
  sort_order: 'position in the list',
  scheduled_date: 'day',
  scheduled_start_time: 'start time',
  scheduled_end_time: 'end time',
  assigned_staff_ids: 'crew',
  assigned_equipment_ids: 'equipment',
  estimated_duration_minutes: 'duration',
  service_id: 'service',
  client_id: 'client',
  staff_id: 'staff member',
  maintenance_due_date: 'maintenance due date',
  deleted_at: 'deletion',
};

const MONEY_FIELDS = new Set([
  'default_price',
  'service_price',
  'custom_price',
  'discount',
  'total_price',
  'amount_charged',
  'balance_due',
  'total_spent',
  'hourly_rate',
  'purchase_price',
  'total_maintenance_cost',
]);

/** Beyond this length a value is not quoted ("changed the notes"). */
const LONG_TEXT = 60;

export function fieldWord(field: string): string {
  return FIELD_WORDS[field] ?? field.replace(/_ids?$/, '').replace(/_/g, ' ');
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/;

function calendarDate(value: Date): string {
  // Calendar dates are stored at 00:00 UTC (see shared/time), so read them in UTC.
  const midnight = value.getUTCHours() === 0 && value.getUTCMinutes() === 0;
  return value.toLocaleDateString('en-US', {
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    ...(midnight ? { timeZone: 'UTC' } : {}),
  });
}

/** A value as it reads in a sentence, or null when it is too long to quote. */
export function formatValue(
  field: string,
  value: unknown,
  refs: AuditNames['refs'] = {},
): string | null {
  if (value === null || value === undefined || value === '') return 'nothing';
  if (Array.isArray(value)) {
    if (!value.length) return 'none';
    return value
      .map((item) => (typeof item === 'string' ? (refs[item] ?? item) : String(item)))
      .join(', ');
  }
  if (value instanceof Date) return calendarDate(value);
  if (typeof value === 'number') {
    if (MONEY_FIELDS.has(field)) return `$${value.toFixed(2)}`;
    if (field.endsWith('_minutes')) return `${value} min`;
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') {
    // A number as the lists and the job dialog show it, however it was typed.
    if (field === 'phone') return phoneText(value);
    if (/^([01]\d|2[0-3]):[0-5]\d$/.test(value)) return clockTime(value);
    if (ISO_DATE.test(value)) return calendarDate(new Date(value));
    if (refs[value]) return refs[value];
    if (value.length > LONG_TEXT) return null;
    return value.replace(/_/g, ' ');
  }
  return null;
}

/** "the phone from A to B", "the email to x", "cleared the notes" — one field's change, without the subject. */
function describeChange(
  area: RecordAreaName,
  field: string,
  change: AuditChange,
  refs: AuditNames['refs'],
): string {
  const noun = NOUNS[area];
  if (field === 'is_active' && typeof change.after === 'boolean') {
    return `marked the ${noun} ${change.after ? 'active' : 'inactive'}`;
  }
  const word = fieldWord(field);
  const before = formatValue(field, change.before, refs);
  const after = formatValue(field, change.after, refs);
  if (before === null || after === null) return `changed the ${word}`;
  if (after === 'nothing') return `cleared the ${word}`;
  if (before === 'nothing') return `set the ${word} to ${after}`;
  return `changed the ${word} from ${before} to ${after}`;
}

function joinPhrases(phrases: string[]): string {
  if (phrases.length <= 1) return phrases.join('');
  return `${phrases.slice(0, -1).join(', ')} and ${phrases.at(-1)}`;
}

/** How many changed fields are spelled out with their values; beyond that they are only named. */
const SPELLED_OUT = 3;

function describeChanges(
  area: RecordAreaName,
  changes: Record<string, AuditChange>,
  refs: AuditNames['refs'],
): string {
  const fields = Object.keys(changes).filter((f) => f !== 'deleted_at');
  if (!fields.length) return `changed the ${NOUNS[area]}`;
  if (fields.length > SPELLED_OUT) {
    const words = fields.map(fieldWord);
    return `changed the ${joinPhrases([...words.slice(0, SPELLED_OUT), `${words.length - SPELLED_OUT} more fields`])}`;
  }
  return joinPhrases(fields.map((f) => describeChange(area, f, changes[f] as AuditChange, refs)));
}

/** "from 9:00 AM to 11:00 AM", with the day when it changed too. */
function describeMove(changes: Record<string, AuditChange>, refs: AuditNames['refs']): string {
  const start = changes.scheduled_start_time;
  const day = changes.scheduled_date;
  const crew = changes.assigned_staff_ids;
  const parts: string[] = [];
  if (day || start) {
    const when = (side: 'before' | 'after') =>
      [
        day ? formatValue('scheduled_date', day[side], refs) : null,
        start ? formatValue('scheduled_start_time', start[side], refs) : null,
      ]
        .filter(Boolean)
        .join(' ');
    parts.push(`moved the job from ${when('before')} to ${when('after')}`);
  }
  if (crew) {
    const after = formatValue('assigned_staff_ids', crew.after, refs);
    parts.push(after === 'none' ? 'unassigned it' : `gave it to ${after}`);
  }
  const end = changes.scheduled_end_time;
  if (!parts.length && end) {
    parts.push(
      `changed the end time from ${formatValue('scheduled_end_time', end.before)} to ${formatValue('scheduled_end_time', end.after)}`,
    );
  }
  return parts.length ? joinPhrases(parts) : 'moved the job';
}

/** Who did it: a user's name, "You" for the signed-in user, "Someone" when the name is not known. */
export function actorName(userId: string, names: AuditNames): string {
  if (names.currentUserId && userId === names.currentUserId) return 'You';
  return names.users[userId] ?? 'Someone';
}

/** One audit entry as a sentence, e.g. "Dale Price changed the phone from 205-555-0100 to 205-555-0199." */
export function describeAuditEntry(
  area: RecordAreaName,
  entry: AuditEntryLike,
  names: AuditNames,
): string {
  const who = actorName(entry.user_id, names);
  const noun = NOUNS[area];
  const changes = entry.changes ?? {};
  let what: string;
  switch (entry.action) {
    case 'created':
      what = `created the ${noun}`;
      break;
    case 'deleted':
      what = `deleted the ${noun}`;
      break;
    case 'restored':
      what = `restored the ${noun}`;
      break;
    case 'updated':
      what = describeChanges(area, changes, names.refs);
      break;
    case 'moved':
      what = describeMove(changes, names.refs);
      break;
    case 'rescheduled':
      what = `rescheduled the ${noun}`;
      break;
    case 'started':
    case 'completed':
    case 'canceled':
      what = `marked the ${noun} ${entry.action === 'started' ? 'in progress' : entry.action}`;
      break;
    case 'photo_added':
      what = 'added a photo';
      break;
    case 'password_reset':
      what = 'reset the password';
      break;
    default:
      what = `${entry.action.replace(/_/g, ' ')} the ${noun}`;
  }
  const note = entry.note ? ` (${entry.note})` : '';
  return `${who} ${what}${note}.`;
}
