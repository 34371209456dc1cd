// What the service screens share: the page's words, sortable fields, form fields and ordering.
import { serviceCategorySchema } from '../../../../shared/schemas/services';
import { pages } from '../../app/pages';
import type { FieldSpec } from '../records/fields';

export const servicePage = pages.find((p) => p.path === '/services') ?? {
  path: '/services',
  title: 'Services',
  purpose: '',
  nextStep: '',
};

/** The fields `services.list` sorts by (shared/contract/channels/record-areas.ts). */
export const serviceSortable = [
  'sort_order',
  'name',
  'default_price',
  'default_duration_minutes',
] as const;

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export const categoryOptions = serviceCategorySchema.options.map((value) => ({
  value,
  label: capital(value),
}));

export function serviceFields(equipment: { value: string; label: string }[]): FieldSpec[] {
  return [
    { name: 'name', label: 'Name', kind: 'text', required: true },
    { name: 'category', label: 'Category', kind: 'select', options: categoryOptions },
    {
      name: 'default_duration_minutes',
      label: 'Duration',
      kind: 'number',
      unit: 'min',
      required: true,
    },
    { name: 'default_price', label: 'Price', kind: 'number', unit: '$', required: true },
    {
      name: 'minimum_staff_count',
      label: 'Minimum crew size',
      kind: 'number',
      helperText: 'People a job of this service needs',
    },
    {
      name: 'requires_equipment_ids',
      label: 'Required equipment',
      kind: 'multi',
      options: equipment,
    },
    {
      name: 'description',
      label: 'Description',
      kind: 'optionalText',
      multiline: true,
      wide: true,
    },
    { name: 'can_have_multiple_crews', label: 'Several crews may share a job', kind: 'boolean' },
    { name: 'is_active', label: 'Offered (active)', kind: 'boolean' },
  ];
}

export const serviceDefaults = {
  category: 'maintenance',
  minimum_staff_count: 1,
  requires_equipment_ids: [],
  can_have_multiple_crews: true,
  is_active: true,
};

export interface Ordered {
  service_id: string;
  sort_order: number;
  version: number;
}

/**
 * The `sort_order` each service gets for the order shown, only for those whose position changed, so
 * a reorder writes as few services as it can: the positions keep the values already in use when
 * they are distinct (10, 20, 30 stay 10, 20, 30), and become 1, 2, 3, … when some are equal.
 */
export function orderChanges<T extends Ordered>(
  order: readonly T[],
): { service: T; sort_order: number }[] {
  const used = order.map((s) => s.sort_order).sort((a, b) => a - b);
  const distinct = new Set(used).size === used.length;
  return order
    .map((service, i) => ({ service, sort_order: distinct ? (used[i] as number) : i + 1 }))
    .filter(({ service, sort_order }) => service.sort_order !== sort_order);
}

/** `order` with the item at `from` moved to `to`. */
export function moveItem<T>(order: readonly T[], from: number, to: number): T[] {
  const next = [...order];
  const [item] = next.splice(from, 1);
  if (item === undefined) return next;
  next.splice(Math.max(0, Math.min(to, next.length)), 0, item);
  return next;
}
