// What the jobs.* handlers share: their repositories, the active-client/service checks, times and recounts.
import type { Appointment, Business, Client, Service } from '../../../../shared/schemas';
import { dateKeyOf, hhmm, minutesOf, type TimeOfDay } from '../../../../shared/time';
import type { HandlerContext, Session } from '../../context';
import { recomputeClients, recomputeStaff } from '../../db/derived';
import type { DatabaseHolder } from '../../db/holder';
import type { TenantRepository } from '../../db/repository';
import { AppError, ConflictError } from '../../errors';
import type { Clock } from '../../ports';
import type { JobMessages } from '../messaging/jobs';
import { businessSpec } from '../business/handlers';
import { specFor } from '../records/handlers';
import { clockTime } from '../scheduling/format';
import type { Placement } from '../scheduling/rules';
import { tenantRepository } from '../tenant';

export interface JobsDeps {
  database: DatabaseHolder;
  clock: Clock;
  /** Texts the client about bookings, moves and cancellations (absent: nothing is texted). */
  messages?: JobMessages;
}

/** The caller's session, or the same refusal every handler gives without one. */
export function sessionOf(ctx: HandlerContext): Session {
  if (!ctx.session) throw new AppError('unauthenticated', 'Please sign in first.');
  return ctx.session;
}

export function repositories(deps: JobsDeps, ctx: HandlerContext) {
  return {
    appointments: tenantRepository(deps, ctx, specFor('appointments')),
    clients: tenantRepository(deps, ctx, specFor('clients')),
    services: tenantRepository(deps, ctx, specFor('services')),
    business: async () =>
      (await tenantRepository(deps, ctx, businessSpec).get(
        sessionOf(ctx).business_id,
      )) as unknown as Business,
  };
}
export type Repositories = ReturnType<typeof repositories>;

/** A client a new job may be booked for: not deleted, still active. */
export async function activeClient(repo: TenantRepository, id: string): Promise<Client> {
  const client = (await repo.get(id, { includeDeleted: true })) as unknown as Client;
  const name = `${client.first_name} ${client.last_name}`;
  if (client.deleted_at !== null) {
    throw new AppError('validation', `${name} has been deleted; restore the client first.`, {
      field: 'client_id',
    });
  }
  if (!client.is_active) {
    throw new AppError('validation', `${name} is an inactive client; make them active first.`, {
      field: 'client_id',
    });
  }
  return client;
}

/** A service a job may be booked as: not deleted, still offered. */
export async function activeService(repo: TenantRepository, id: string): Promise<Service> {
  const service = (await repo.get(id, { includeDeleted: true })) as unknown as Service;
  if (service.deleted_at !== null || !service.is_active) {
    throw new AppError(
      'validation',
      `${service.name} is no longer offered (${service.deleted_at !== null ? 'deleted' : 'inactive'}); choose another service.`,
      { field: 'service_id' },
    );
  }
  return service;
}

/** `start` plus `minutes`, refused when the job would run past midnight. */
export function endAfter(start: TimeOfDay, minutes: number): TimeOfDay {
  const end = minutesOf(start) + minutes;
  if (end >= 24 * 60) {
    throw new AppError(
      'validation',
      `A ${minutes}-minute job starting at ${clockTime(start)} would run past midnight; give an earlier start or an end time.`,
      { field: 'end' },
    );
  }
  return hhmm(end);
}

/** Refuses a job whose end is not after its start. */
export function requireSpan(start: TimeOfDay, end: TimeOfDay): void {
  if (minutesOf(end) <= minutesOf(start)) {
    throw new AppError(
      'validation',
      `The job ends at ${clockTime(end)}, which is not after its start at ${clockTime(start)}.`,
      { field: 'end' },
    );
  }
}

/** The job's length on the wall clock, as its scheduled times say. */
export function durationOf(job: Appointment): number {
  return minutesOf(job.scheduled_end_time) - minutesOf(job.scheduled_start_time);
}

/**
 * The job at `version`. A stale version is refused before anything is written, with the
 * repository's own conflict error: an update that cannot apply throws it and writes nothing.
 */
export async function currentJob(
  appointments: TenantRepository,
  id: string,
  version: number,
): Promise<Appointment> {
  const job = (await appointments.get(id)) as unknown as Appointment;
  if (job.version !== version) await appointments.update(id, version, {});
  return job;
}

const STATUS_WORDS: Record<Appointment['status'], string> = {
  scheduled: 'scheduled',
  in_progress: 'in progress',
  completed: 'completed',
  canceled: 'canceled',
  rescheduled: 'rescheduled',
};

export function statusWord(status: Appointment['status']): string {
  return STATUS_WORDS[status];
}

/** Only a scheduled job is planned work that may still be changed, moved or rescheduled. */
export function requireScheduled(job: Appointment, verb: string): void {
  if (job.status !== 'scheduled') {
    throw new ConflictError(
      `Only scheduled jobs can be ${verb}; this one is ${statusWord(job.status)}.`,
      { status: job.status },
    );
  }
}

export function placementOf(job: Appointment): Placement {
  return {
    appointment_id: job.appointment_id,
    scheduled_date: dateKeyOf(job.scheduled_date),
    start: job.scheduled_start_time,
    end: job.scheduled_end_time,
    staff_ids: job.assigned_staff_ids,
    equipment_ids: job.assigned_equipment_ids,
    service_id: job.service_id,
  };
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && new Set([...a, ...b]).size === new Set(a).size;

/** True when the rules could answer differently for `next` than for `before`. */
export function placementChanged(before: Placement, next: Placement): boolean {
  return (
    before.scheduled_date !== next.scheduled_date ||
    before.start !== next.start ||
    before.end !== next.end ||
    before.service_id !== next.service_id ||
    !sameSet(before.staff_ids, next.staff_ids) ||
    !sameSet(before.equipment_ids, next.equipment_ids)
  );
}

/**
 * Only a job with a crew is checked: one in the unassigned queue has no one to clash, and is
 * checked when a crew is given to it (board.move or jobs.update).
 */
export const hasCrew = (p: Placement) => p.staff_ids.length > 0;

export const uniqueIds = (ids: readonly string[]) => [...new Set(ids)];

/**
 * Takes back a write after a later step failed (the embedded server has no transactions). The
 * caller rethrows the step's error; a failed undo is logged so the leftover can be found.
 */
export async function undo(ctx: HandlerContext, what: string, step: () => Promise<unknown>) {
  try {
    await step();
  } catch (err) {
    ctx.logger.log('error', `Could not undo ${what}`, { error: String(err) });
  }
}

/** Notes as stored: blank is none. */
export const notesValue = (notes: string | null | undefined) => (notes ? notes : null);

/** The clients' and crews' derived figures after jobs of theirs changed. */
export async function recount(
  deps: JobsDeps,
  session: Session,
  business: Business,
  jobs: readonly Pick<Appointment, 'client_id' | 'assigned_staff_ids'>[],
): Promise<void> {
  const { db } = deps.database.get();
  await recomputeClients(db, session.business_id, uniqueIds(jobs.map((j) => j.client_id)));
  await recomputeStaff(
    db,
    session.business_id,
    uniqueIds(jobs.flatMap((j) => j.assigned_staff_ids)),
    deps.clock.now(),
    business.timezone,
  );
}

export const byDate = (a: Appointment, b: Appointment) =>
  a.scheduled_date.getTime() - b.scheduled_date.getTime() ||
  a.scheduled_start_time.localeCompare(b.scheduled_start_time);
