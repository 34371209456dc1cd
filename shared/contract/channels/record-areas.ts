// The record areas the dispatcher and owner keep: clients, staff, services, equipment, availability.
import { z } from 'zod';
import {
  availabilityObject,
  availabilitySchema,
  availabilityTypeSchema,
} from '../../schemas/availability';
import {
  appointmentObject,
  appointmentSchema,
  appointmentStatusSchema,
} from '../../schemas/appointments';
import { clientObject, clientSchema } from '../../schemas/clients';
import { calendarDateSchema } from '../../schemas/common';
import {
  equipmentCategorySchema,
  equipmentObject,
  equipmentSchema,
  equipmentStatusSchema,
} from '../../schemas/equipment';
import { idOf } from '../../schemas/ids';
import { serviceCategorySchema, serviceObject, serviceSchema } from '../../schemas/services';
import { staffObject, staffRoleSchema, staffSchema } from '../../schemas/staff';
import { recordChannels } from './records';

/** Per area: which fields the list searches (the core uses this; kept beside the channels). */
export const searchFields = {
  clients: ['first_name', 'last_name', 'email', 'phone', 'address', 'city', 'zip_code'],
  staff: ['first_name', 'last_name', 'email', 'phone'],
  services: ['name', 'description'],
  equipment: ['name', 'serial_number', 'notes'],
  availability: ['notes'],
  appointments: ['notes', 'completion_notes'],
} as const;
export type RecordArea = keyof typeof searchFields;

/** Per area: the fields a list may be sorted by (the core keeps an index for each). */
export const sortableFields = {
  clients: [
    'last_name',
    'first_name',
    'city',
    'total_spent',
    'job_count',
    'last_job_date',
    'created_at',
  ],
  staff: ['last_name', 'first_name', 'role', 'total_jobs_completed', 'hire_date'],
  services: ['sort_order', 'name', 'default_price', 'default_duration_minutes'],
  equipment: ['name', 'category', 'status', 'maintenance_due_date'],
  appointments: ['scheduled_date', 'scheduled_start_time', 'total_price', 'created_at'],
  availability: ['date_from', 'date_to'],
} as const;

export const recordAreaChannels = {
  ...recordChannels('clients', {
    object: clientObject,
    schema: clientSchema,
    idPrefix: 'cli',
    idField: 'client_id',
    // Opt-out and the SMS problem come from the client's own texts and the provider, never a form:
    // only the client can opt back in (by texting START).
    derived: [
      'total_spent',
      'job_count',
      'avg_rating',
      'last_job_date',
      'sms_opted_out_at',
      'sms_problem',
    ],
    filters: { is_active: z.boolean(), city: z.string(), zip_code: z.string() },
    sortable: sortableFields.clients,
    edit: 'records.edit',
  }),
  ...recordChannels('staff', {
    object: staffObject,
    schema: staffSchema,
    idPrefix: 'stf',
    idField: 'staff_id',
    derived: [
      'jobs_assigned_today',
      'hours_worked_this_week',
      'total_jobs_completed',
      'avg_completion_time_minutes',
      'avg_customer_rating',
      'cancellation_rate',
    ],
    /** `crew`: a crew lead's id — the lead and everyone working under them. */
    filters: { role: staffRoleSchema, is_active: z.boolean(), crew: idOf('stf') },
    sortable: sortableFields.staff,
    edit: 'records.edit',
  }),
  ...recordChannels('services', {
    object: serviceObject,
    schema: serviceSchema,
    idPrefix: 'svc',
    idField: 'service_id',
    derived: [],
    filters: { category: serviceCategorySchema, is_active: z.boolean() },
    sortable: sortableFields.services,
    edit: 'records.edit',
  }),
  ...recordChannels('equipment', {
    object: equipmentObject,
    schema: equipmentSchema,
    idPrefix: 'eq',
    idField: 'equipment_id',
    derived: ['total_maintenance_cost'],
    // assigned_staff_ids: items assigned to that person (an equality on the array matches any of it).
    filters: {
      status: equipmentStatusSchema,
      category: equipmentCategorySchema,
      assigned_staff_ids: idOf('stf'),
    },
    sortable: sortableFields.equipment,
    edit: 'records.edit',
  }),
  // Writes here check the schema only; the board's scheduling rules join these channels with the
  // dispatch board (overlaps, availability, equipment) so that every channel obeys them.
  ...recordChannels('appointments', {
    object: appointmentObject,
    schema: appointmentSchema,
    idPrefix: 'apt',
    idField: 'appointment_id',
    derived: ['total_price'],
    filters: {
      status: appointmentStatusSchema,
      client_id: idOf('cli'),
      service_id: idOf('svc'),
      assigned_staff_ids: idOf('stf'),
      scheduled_date: calendarDateSchema,
    },
    sortable: sortableFields.appointments,
    edit: 'dispatch',
  }),
  ...recordChannels('availability', {
    object: availabilityObject,
    schema: availabilitySchema,
    idPrefix: 'ava',
    idField: 'availability_id',
    derived: ['created_by_user_id'],
    filters: { type: availabilityTypeSchema, staff_id: idOf('stf') },
    sortable: sortableFields.availability,
    edit: 'records.edit',
  }),
};
