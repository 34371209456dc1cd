// What the staff screens share: the page's words, sortable fields, roles and the form's fields.
import { staffRoleSchema } from '../../../../shared/schemas/staff';
import { pages } from '../../app/pages';
import type { FieldSpec } from '../records/fields';
import type { RecordDoc } from '../records/recordApi';

export const staffPage = pages.find((p) => p.path === '/staff') ?? {
  path: '/staff',
  title: 'Staff',
  purpose: '',
  nextStep: '',
};

/** The fields `staff.list` sorts by (shared/contract/channels/record-areas.ts). */
export const staffSortable = [
  'last_name',
  'first_name',
  'role',
  'total_jobs_completed',
  'hire_date',
] as const;

const ROLE_LABELS: Record<string, string> = {
  crew_lead: 'Crew lead',
  crew_member: 'Crew member',
  manager: 'Manager',
};

export const roleLabel = (role: unknown) => ROLE_LABELS[String(role)] ?? String(role);

export const roleOptions = staffRoleSchema.options.map((value) => ({
  value,
  label: roleLabel(value),
}));

export const staffName = (staff: RecordDoc) =>
  `${String(staff.first_name)} ${String(staff.last_name)}`;

export function staffFields(
  equipment: { value: string; label: string }[],
  crewLeads: { value: string; label: string }[] = [],
): FieldSpec[] {
  return [
    { name: 'first_name', label: 'First name', kind: 'text', required: true },
    { name: 'last_name', label: 'Last name', kind: 'text', required: true },
    { name: 'phone', label: 'Phone', kind: 'optionalText' },
    { name: 'email', label: 'Email', kind: 'optionalText' },
    { name: 'role', label: 'Role', kind: 'select', options: roleOptions, required: true },
    {
      name: 'crew_lead_id',
      label: 'Crew (works under)',
      kind: 'optionalSelect',
      options: crewLeads,
      helperText:
        "The crew lead whose crew this person is in; the Staff list's Crew filter shows it.",
    },
    { name: 'hire_date', label: 'Hire date', kind: 'date' },
    {
      name: 'assigned_equipment_ids',
      label: 'Assigned equipment',
      kind: 'multi',
      options: equipment,
      wide: true,
    },
    { name: 'is_active', label: 'Active (a lane on the board)', kind: 'boolean' },
  ];
}

export const staffDefaults = {
  role: 'crew_member',
  crew_lead_id: null,
  assigned_equipment_ids: [],
  is_active: true,
};

/** The business's active crew leads, by name: the crews a person can be in, and the Crew filter. */
export function crewLeadOptions(
  staff: readonly {
    staff_id: string;
    first_name: string;
    last_name: string;
    role: string;
    is_active: boolean;
    deleted_at?: unknown;
  }[],
): { value: string; label: string }[] {
  return staff
    .filter((s) => s.role === 'crew_lead' && s.is_active && !s.deleted_at)
    .sort(
      (a, b) => a.last_name.localeCompare(b.last_name) || a.first_name.localeCompare(b.first_name),
    )
    .map((s) => ({ value: s.staff_id, label: `${s.first_name} ${s.last_name}` }));
}
