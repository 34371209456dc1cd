// Audit entries: what changed, by whom, when; the field-level diff between two versions of a document.
import { isDeepStrictEqual } from 'node:util';

export interface FieldChange {
  before: unknown;
  after: unknown;
}

export interface AuditEntry {
  action: string;
  user_id: string;
  timestamp: Date;
  changes?: Record<string, FieldChange>;
  note?: string;
}

/** Fields kept by the repository itself; never part of a diff a user made. */
export const SYSTEM_FIELDS = new Set([
  '_id',
  'version',
  'created_at',
  'updated_at',
  'audit_log',
  'business_id',
]);

/** Top-level fields whose value differs, with their before/after values. */
export function diffFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (SYSTEM_FIELDS.has(key)) continue;
    const a = before[key] ?? null;
    const b = after[key] ?? null;
    if (!isDeepStrictEqual(a, b)) changes[key] = { before: a, after: b };
  }
  return changes;
}
