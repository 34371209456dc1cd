// What the client screens share: the page's words, sortable fields and the form's fields.
import { contactMethodSchema } from '../../../../shared/schemas/clients';
import { pages } from '../../app/pages';
import type { FieldSpec } from '../records/fields';

export const clientPage = pages.find((p) => p.path === '/clients') ?? {
  path: '/clients',
  title: 'Clients',
  purpose: '',
  nextStep: '',
};

/** The fields `clients.list` sorts by (shared/contract/channels/record-areas.ts). */
export const clientSortable = [
  'last_name',
  'first_name',
  'city',
  'total_spent',
  'last_job_date',
  'created_at',
] as const;

const CONTACT_LABELS: Record<string, string> = {
  sms: 'Text message',
  email: 'Email',
  phone: 'Phone call',
  push: 'App notification',
};

export function clientFields(
  services: { value: string; label: string }[],
  staff: { value: string; label: string }[],
): FieldSpec[] {
  return [
    { name: 'first_name', label: 'First name', kind: 'text', required: true },
    { name: 'last_name', label: 'Last name', kind: 'text', required: true },
    { name: 'phone', label: 'Phone', kind: 'optionalText', helperText: 'Phone or email needed' },
    { name: 'email', label: 'Email', kind: 'optionalText' },
    { name: 'address', label: 'Address', kind: 'text', required: true, wide: true },
    { name: 'city', label: 'City', kind: 'text', required: true },
    { name: 'state', label: 'State', kind: 'text', required: true, helperText: 'e.g. AL' },
    { name: 'zip_code', label: 'ZIP code', kind: 'text', required: true },
    {
      name: 'preferred_contact_method',
      label: 'Preferred contact',
      kind: 'select',
      options: contactMethodSchema.options.map((value) => ({
        value,
        label: CONTACT_LABELS[value] ?? value,
      })),
    },
    { name: 'service_type_ids', label: 'Services', kind: 'multi', options: services, wide: true },
    {
      name: 'preferred_staff_ids',
      label: 'Preferred crew members',
      kind: 'multi',
      options: staff,
      wide: true,
    },
    { name: 'notes', label: 'Notes', kind: 'optionalText', multiline: true, wide: true },
    { name: 'is_active', label: 'Active client', kind: 'boolean' },
  ];
}

export const clientDefaults = {
  state: '',
  preferred_contact_method: 'sms',
  service_type_ids: [],
  preferred_staff_ids: [],
  is_active: true,
};
