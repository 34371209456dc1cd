// What the equipment screens share: the page's words, choices, form fields and the maintenance-due
// flag (overdue, or due within two weeks).
import {
  equipmentCategorySchema,
  equipmentStatusSchema,
} from '../../../../shared/schemas/equipment';
import { pages } from '../../app/pages';
import type { FieldSpec } from '../records/fields';

export const equipmentPage = pages.find((p) => p.path === '/equipment') ?? {
  path: '/equipment',
  title: 'Equipment',
  purpose: '',
  nextStep: '',
};

/** The fields `equipment.list` sorts by (shared/contract/channels/record-areas.ts). */
export const equipmentSortable = ['name', 'category', 'status', 'maintenance_due_date'] as const;

/** 'hvac_tool' → 'Hvac tool'. */
export const labelOf = (value: string) =>
  (value.charAt(0).toUpperCase() + value.slice(1)).replace(/_/g, ' ');

export const categoryOptions = equipmentCategorySchema.options.map((value) => ({
  value,
  label: value === 'hvac_tool' ? 'HVAC tool' : labelOf(value),
}));
export const statusOptions = equipmentStatusSchema.options.map((value) => ({
  value,
  label: value === 'maintenance' ? 'In maintenance' : labelOf(value),
}));

export function equipmentFields(staff: { value: string; label: string }[]): FieldSpec[] {
  return [
    { name: 'name', label: 'Name', kind: 'text', required: true },
    { name: 'category', label: 'Category', kind: 'select', options: categoryOptions },
    { name: 'status', label: 'Status', kind: 'select', options: statusOptions },
    { name: 'subcategory', label: 'Subcategory', kind: 'optionalText' },
    { name: 'serial_number', label: 'Serial number', kind: 'optionalText' },
    { name: 'purchase_price', label: 'Purchase price', kind: 'number', unit: '$' },
    { name: 'hours_used', label: 'Hours used', kind: 'number', unit: 'h' },
    { name: 'assigned_staff_ids', label: 'Assigned to', kind: 'multi', options: staff },
    { name: 'notes', label: 'Notes', kind: 'optionalText', multiline: true, wide: true },
  ];
}

export const equipmentDefaults = {
  category: 'mower',
  status: 'active',
  assigned_staff_ids: [],
  hours_used: 0,
};

/** Days ahead within which maintenance counts as due soon. */
export const DUE_SOON_DAYS = 14;

export type DueFlag = 'overdue' | 'due_soon' | null;

/** `due` (a calendar date at 00:00 UTC) against today's date key 'YYYY-MM-DD'. */
export function dueFlag(due: unknown, today: string): DueFlag {
  if (!(due instanceof Date)) return null;
  const days = Math.round((due.getTime() - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  if (days < 0) return 'overdue';
  if (days <= DUE_SOON_DAYS) return 'due_soon';
  return null;
}

/** A calendar date (00:00 UTC) as 'YYYY-MM-DD' for a date input, '' for none. */
export const dateKeyOf = (value: unknown) =>
  value instanceof Date ? value.toISOString().slice(0, 10) : '';

/** A calendar date shown in words, read in UTC so it never shifts a day. */
export const dateText = (value: unknown) =>
  value instanceof Date
    ? value.toLocaleDateString('en-US', {
        month: 'short',
        day: 'numeric',
        year: 'numeric',
        timeZone: 'UTC',
      })
    : '—';

/** 'Blade sharpening' → 'blade_sharpening', the snake_case the log stores. */
export const typeKeyOf = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
