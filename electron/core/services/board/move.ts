// board.move: checks a job's new day, time and crew against the scheduling rules, then saves it.
import type { Appointment } from '../../../../shared/schemas';
import { dateKeyOf, localDateOf, minutesOf, scheduledDateValue } from '../../../../shared/time';
import type { HandlerContext } from '../../context';
import { recomputeStaff } from '../../db/derived';
import type { DatabaseHolder } from '../../db/holder';
import { tenantRepository } from '../tenant';
import type { Handlers } from '../../dispatch';
import { AppError, ConflictError } from '../../errors';
import type { Clock } from '../../ports';
import { businessSpec } from '../business/handlers';
import { specFor } from '../records/handlers';
import { checkJobPlacement, checkJobPlacementsAhead } from '../scheduling/placement';
import type { Placement } from '../scheduling/rules';

export interface MoveDeps {
  database: DatabaseHolder;
  clock: Clock;
}

export function createMoveHandler(deps: MoveDeps): Pick<Handlers, 'board.move'> {
  /** Each business's staff recount in progress, the next one chained on it. */
  const recounts = new Map<string, Promise<void>>();
  return {
    'board.move': async (ctx: HandlerContext, input) => {
      if (!ctx.session) throw new AppError('unauthenticated', 'Please sign in first.');
      const { db } = deps.database.get();
      const businessId = ctx.session.business_id;
      const appointments = tenantRepository(deps, ctx, specFor('appointments'));

      const reading = appointments.get(input.appointment_id);
      const placementOf = (job: Appointment): Placement => ({
        appointment_id: job.appointment_id,
        scheduled_date: input.scheduled_date,
        start: input.start,
        end: input.end,
        staff_ids: input.staff_ids,
        equipment_ids: input.equipment_ids ?? job.assigned_equipment_ids,
        service_id: job.service_id,
      });
      const rules = { override_warnings: input.override_warnings, confirm: 'Move it anyway?' };
      // A move that names its equipment (the board's do) has its day, crew and machines in the
      // input: what the rules read about them loads alongside the job, not after it.
      const equipment = input.equipment_ids;
      const readingBusiness = tenantRepository(deps, ctx, businessSpec).get(businessId);
      const checkingAhead = equipment
        ? checkJobPlacementsAhead(
            deps,
            ctx,
            reading.then((job) => [placementOf(job as unknown as Appointment)]),
            {
              dates: [input.scheduled_date],
              staff_ids: input.staff_ids,
              equipment_ids: equipment,
            },
            rules,
            readingBusiness,
          )
        : undefined;
      // A job that cannot move says so first, whatever the rules would have said.
      checkingAhead?.catch(() => undefined);
      const [stored, business] = await Promise.all([reading, readingBusiness]);
      const job = stored as unknown as Appointment;
      if (job.status !== 'scheduled') {
        throw new ConflictError(
          `Only scheduled jobs can be moved; this one is ${job.status.replace('_', ' ')}.`,
        );
      }
      const equipmentIds = input.equipment_ids ?? job.assigned_equipment_ids;
      const soft = await (checkingAhead ?? checkJobPlacement(deps, ctx, placementOf(job), rules));

      const updated = (await appointments.update(
        job.appointment_id,
        input.version,
        {
          scheduled_date: scheduledDateValue(input.scheduled_date),
          scheduled_start_time: input.start,
          scheduled_end_time: input.end,
          estimated_duration_minutes: minutesOf(input.end) - minutesOf(input.start),
          assigned_staff_ids: input.staff_ids,
          assigned_equipment_ids: equipmentIds,
          // The client asked for another time by text; a new day or time answers that.
          ...(job.reschedule_requested_at &&
          (input.scheduled_date !== dateKeyOf(job.scheduled_date) ||
            input.start !== job.scheduled_start_time)
            ? { reschedule_requested_at: null }
            : {}),
        },
        {
          current: stored,
          action: 'moved',
          note:
            [
              input.history === 'undo' ? 'Undo of the previous move.' : '',
              input.history === 'redo' ? 'Redo of an undone move.' : '',
              soft.length ? `Warnings overridden: ${soft.map((v) => v.message).join(' ')}` : '',
            ]
              .filter(Boolean)
              .join(' ') || undefined,
        },
      )) as unknown as Appointment;

      // Only scheduled jobs move, and the client's and staff's figures count completed and
      // canceled jobs, except "jobs today": recomputed when the job leaves or reaches today — after
      // the answer (the dispatcher waits on the move, not on a count), one business at a time so
      // an older count never lands last.
      const now = deps.clock.now();
      const today = localDateOf(now, String(business.timezone));
      if (dateKeyOf(job.scheduled_date) === today || input.scheduled_date === today) {
        const staffIds = [...new Set([...job.assigned_staff_ids, ...input.staff_ids])];
        const previous = recounts.get(businessId) ?? Promise.resolve();
        const next = previous
          .then(() => recomputeStaff(db, businessId, staffIds, now, String(business.timezone)))
          .catch((error: unknown) =>
            ctx.logger.log('error', 'Recounting staff jobs after a move failed', {
              business_id: businessId,
              error: error instanceof Error ? error.message : String(error),
            }),
          )
          .finally(() => {
            if (recounts.get(businessId) === next) recounts.delete(businessId);
          });
        recounts.set(businessId, next);
      }
      return { appointment: updated, warnings: soft } as never;
    },
  };
}
