// What the jobs.* tests share: a signed-in tab's helpers to make crews and read results.
import { expect } from 'vitest';
import type { DemoWorld } from '../../support/demo';

export type Tab = Awaited<ReturnType<DemoWorld['signedIn']>>;

export interface Job {
  appointment_id: string;
  version: number;
  client_id: string;
  service_id: string;
  scheduled_date: Date;
  scheduled_start_time: string;
  scheduled_end_time: string;
  estimated_duration_minutes: number;
  assigned_staff_ids: string[];
  assigned_equipment_ids: string[];
  status: string;
  notes: string | null;
  service_price: number;
  custom_price: number | null;
  discount: number;
  total_price: number;
  currency: string;
  cancellation_reason: string | null;
  actual_start_time: Date | null;
  actual_end_time: Date | null;
  actual_duration_minutes: number | null;
  amount_charged: number | null;
  completed_at: Date | null;
  completion_notes: string | null;
  completion_photos: string[];
  series_id: string | null;
  series_frequency: string | null;
  rescheduled_from_appointment_id: string | null;
  rescheduled_from_datetime: Date | null;
  was_rescheduled_due_to_weather: boolean;
  audit_log: { action: string; note?: string }[];
}

export interface Created {
  appointments: Job[];
  warnings: { rule: string; severity: string; message: string }[];
}

export const dayOf = (job: Pick<Job, 'scheduled_date'>) =>
  job.scheduled_date.toISOString().slice(0, 10);

let crews = 0;

/** New staff with nothing booked, working weekdays in `hours`: a crew no demo job gets in the way of. */
export async function newCrew(
  tab: Tab,
  size = 1,
  hours = { start: '08:00', end: '17:00' },
): Promise<string[]> {
  const week = {
    monday: hours,
    tuesday: hours,
    wednesday: hours,
    thursday: hours,
    friday: hours,
    saturday: null,
    sunday: null,
  };
  crews += 1;
  const ids: string[] = [];
  for (let i = 0; i < size; i++) {
    const person = await tab.value<{ staff_id: string }>('staff.create', {
      data: {
        first_name: `Crew${crews}`,
        last_name: i === 0 ? 'Lead' : `Member${i}`,
        role: i === 0 ? 'crew_lead' : 'crew_member',
        availability_schedule: week,
      },
    });
    ids.push(person.staff_id);
  }
  return ids;
}

export interface ServiceRow {
  service_id: string;
  name: string;
  default_price: number;
  default_duration_minutes: number;
  minimum_staff_count: number;
  currency: string;
}

export async function serviceNamed(tab: Tab, name: string): Promise<ServiceRow> {
  const { items } = await tab.value<{ items: ServiceRow[] }>('services.list', { search: name });
  const service = items.find((s) => s.name === name);
  if (!service) throw new Error(`no service ${name}`);
  return service;
}

export interface ClientRow {
  client_id: string;
  first_name: string;
  last_name: string;
  version: number;
  job_count: number;
  total_spent: number;
}

/** The `n`th active client of the business, by id. */
export async function client(tab: Tab, n = 0): Promise<ClientRow> {
  const { items } = await tab.value<{ items: ClientRow[] }>('clients.list', {
    filter: { is_active: true },
    limit: n + 1,
  });
  const found = items[n];
  if (!found) throw new Error(`no client ${n}`);
  return found;
}

/** The error of a call that must be refused. */
export async function refusal(
  tab: Tab,
  channel: string,
  input: unknown,
): Promise<{ kind: string; message: string; details?: Record<string, unknown> }> {
  const result = await tab.call(channel, input);
  expect(result.ok, `${channel} should be refused`).toBe(false);
  if (result.ok) throw new Error('unreachable');
  return result.error as never;
}

/** Every job of a staff member, soonest first, not counting canceled or rescheduled ones. */
export async function crewJobs(tab: Tab, staffId: string): Promise<Job[]> {
  const { items } = await tab.value<{ items: Job[] }>('appointments.list', {
    filter: { assigned_staff_ids: staffId },
    sort: { field: 'scheduled_date' },
    limit: 500,
  });
  return items.filter((j) => j.status !== 'canceled' && j.status !== 'rescheduled');
}
