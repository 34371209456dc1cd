// routes.apply: saves an accepted route proposal — all changes checked together, versions first, then one write per job.
import type { Output, ParsedInput } from '../../../../shared/contract';
import type { Appointment } from '../../../../shared/schemas';
import { dateKeyOf, localDateOf, minutesOf } from '../../../../shared/time';
import type { HandlerContext } from '../../context';
import { isConnectionError } from '../../db/connection';
import { recomputeStaff } from '../../db/derived';
import type { DatabaseHolder } from '../../db/holder';
import { AppError, ConflictError, NotFoundError, UnavailableError } from '../../errors';
import type { Clock } from '../../ports';
import { businessSpec } from '../business/handlers';
import { specFor } from '../records/handlers';
import { checkJobPlacements, overriddenNote } from '../scheduling/placement';
import { tenantRepository } from '../tenant';
import { placementsOf } from './propose';

export interface ApplyDeps {
  database: DatabaseHolder;
  clock: Clock;
}

export const ROUTE_NOTE = 'Route optimization';

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((id, i) => id === b[i]);

export async function applyRoutes(
  deps: ApplyDeps,
  ctx: HandlerContext,
  input: ParsedInput<'routes.apply'>,
): Promise<Output<'routes.apply'>> {
  if (!ctx.session) throw new AppError('unauthenticated', 'Please sign in first.');
  const { date, changes } = input;
  const appointments = tenantRepository(deps, ctx, specFor('appointments'));
  const ids = changes.map((c) => c.appointment_id);
  const found = (await appointments.find(
    { appointment_id: { $in: ids } },
    { omit: ['audit_log'] },
  )) as unknown as Appointment[];
  const jobs = new Map(found.map((a) => [a.appointment_id, a]));

  const missing = ids.filter((id) => !jobs.has(id));
  if (missing.length) {
    throw new NotFoundError(
      `${missing.length === 1 ? 'A job' : `${missing.length} jobs`} of the proposal no longer exist; optimize again.`,
      { appointment_ids: missing },
    );
  }

  // Every version before any rule or write: a proposal made from an older day is refused whole.
  const stale = changes.flatMap((c) => {
    const job = jobs.get(c.appointment_id) as Appointment;
    return job.version === c.version
      ? []
      : [
          {
            appointment_id: c.appointment_id,
            expected_version: c.version,
            current_version: job.version,
          },
        ];
  });
  if (stale.length) {
    throw new ConflictError(
      `${stale.length === 1 ? 'A job' : `${stale.length} jobs`} changed since the routes were proposed, so nothing was saved. Optimize again to plan with the latest day.`,
      { stale },
    );
  }

  for (const change of changes) {
    const job = jobs.get(change.appointment_id) as Appointment;
    if (dateKeyOf(job.scheduled_date) !== date) {
      throw new ConflictError(
        `A job of the proposal is now on ${dateKeyOf(job.scheduled_date)}, not ${date}; nothing was saved.`,
        { appointment_id: job.appointment_id },
      );
    }
    const moves =
      change.start !== job.scheduled_start_time ||
      change.end !== job.scheduled_end_time ||
      !sameList(change.staff_ids, job.assigned_staff_ids);
    if (moves && job.status !== 'scheduled') {
      throw new ConflictError(
        `Only scheduled jobs can be moved; one of these is ${job.status.replace('_', ' ')}. Nothing was saved.`,
        { appointment_id: job.appointment_id },
      );
    }
    if (moves && job.client_notified_at !== null) {
      throw new ConflictError(
        'A job confirmed with the client keeps its time and crew; nothing was saved.',
        { appointment_id: job.appointment_id },
      );
    }
  }

  const soft = await checkJobPlacements(deps, ctx, placementsOf(date, changes, jobs), {
    override_warnings: input.override_warnings,
    ignore: ids,
    confirm: 'Apply the routes anyway?',
  });

  const note = [ROUTE_NOTE, overriddenNote(soft)].filter(Boolean).join('. ');
  const updated: Appointment[] = [];
  for (const change of changes) {
    try {
      updated.push(
        (await appointments.update(
          change.appointment_id,
          change.version,
          {
            scheduled_start_time: change.start,
            scheduled_end_time: change.end,
            estimated_duration_minutes: minutesOf(change.end) - minutesOf(change.start),
            assigned_staff_ids: change.staff_ids,
          },
          { action: 'moved', note },
        )) as unknown as Appointment,
      );
    } catch (err) {
      throw partlyApplied(ctx, err, updated, change.appointment_id, ids);
    }
  }

  // "Jobs today" of everyone on a job that changed crew, as board.move keeps it.
  const business = await tenantRepository(deps, ctx, businessSpec).get(ctx.session.business_id);
  const now = deps.clock.now();
  if (localDateOf(now, String(business.timezone)) === date) {
    const people = changes.flatMap((c) => [
      ...c.staff_ids,
      ...(jobs.get(c.appointment_id)?.assigned_staff_ids ?? []),
    ]);
    await recomputeStaff(
      deps.database.get().db,
      ctx.session.business_id,
      [...new Set(people)],
      now,
      String(business.timezone),
    );
  }
  return { appointments: updated, warnings: soft } as never;
}

/**
 * A write failed after the checks (someone saved a job in between, or the database went away):
 * the error keeps its kind and says which jobs were saved, so the dialog can tell the dispatcher.
 */
function partlyApplied(
  ctx: HandlerContext,
  err: unknown,
  applied: readonly Appointment[],
  failed: string,
  ids: readonly string[],
): unknown {
  const done = applied.map((a) => a.appointment_id);
  const details = {
    applied: done,
    failed,
    not_applied: ids.filter((id) => !done.includes(id)),
  };
  const message =
    done.length === 0
      ? 'No change was saved'
      : `${done.length} of ${ids.length} changes were saved before one failed`;
  if (err instanceof AppError) {
    return new AppError(err.kind, `${message}: ${err.message}`, {
      ...details,
      cause: err.details,
    });
  }
  if (isConnectionError(err)) {
    return new UnavailableError(
      `${message}: the database could not be reached. Check the board and optimize again.`,
      details,
    );
  }
  ctx.logger.log('error', 'Route apply failed midway', details);
  return err;
}
