// board.move: checks a job's new day, time and crew against the scheduling rules, then saves it.
import type {
  Appointment,
  Availability,
  Business,
  Equipment,
  Service,
  Staff,
} from '../../../../shared/schemas';
import { addDays, minutesOf, scheduledDateValue } from '../../../../shared/time';
import type { HandlerContext } from '../../context';
import { recomputeClients, recomputeStaff } from '../../db/derived';
import type { DatabaseHolder } from '../../db/holder';
import type { CollectionSpec } from '../../db/repository';
import { tenantRepository } from '../tenant';
import type { Handlers } from '../../dispatch';
import { AppError, ConflictError } from '../../errors';
import type { Clock } from '../../ports';
import { businessSpec } from '../business/handlers';
import { specFor } from '../records/handlers';
import { checkPlacement, type Violation } from '../scheduling/rules';

export interface MoveDeps {
  database: DatabaseHolder;
  clock: Clock;
}

/** The first problem in full, then how many more there are. */
function joinMessages(violations: Violation[]): string {
  const first = violations[0]?.message ?? '';
  if (violations.length === 1) return first;
  const more = violations.length - 1;
  return `${first.replace(/\.$/, '')} — and ${more} more ${more === 1 ? 'problem' : 'problems'}.`;
}

export function createMoveHandler(deps: MoveDeps): Pick<Handlers, 'board.move'> {
  return {
    'board.move': async (ctx: HandlerContext, input) => {
      if (!ctx.session) throw new AppError('unauthenticated', 'Please sign in first.');
      const { db } = deps.database.get();
      const scope = { business_id: ctx.session.business_id, user_id: ctx.session.user_id };
      const repo = (spec: CollectionSpec) => tenantRepository(deps, ctx, spec);
      const appointments = repo(specFor('appointments'));

      const job = (await appointments.get(input.appointment_id)) as unknown as Appointment;
      if (job.status !== 'scheduled') {
        throw new ConflictError(
          `Only scheduled jobs can be moved; this one is ${job.status.replace('_', ' ')}.`,
        );
      }
      const equipmentIds = input.equipment_ids ?? job.assigned_equipment_ids;
      const day = input.scheduled_date;
      const window = [addDays(day, -1), day, addDays(day, 1)].map(scheduledDateValue);

      const [business, service, staff, equipment, nearby, availability] = await Promise.all([
        repo(businessSpec).get(scope.business_id),
        repo(specFor('services')).get(job.service_id, { includeDeleted: true }),
        repo(specFor('staff')).find({ staff_id: { $in: input.staff_ids } }),
        repo(specFor('equipment')).find({ equipment_id: { $in: equipmentIds } }),
        appointments.find({
          scheduled_date: { $in: window },
          $or: [
            { assigned_staff_ids: { $in: input.staff_ids } },
            { assigned_equipment_ids: { $in: equipmentIds } },
          ],
        }),
        repo(specFor('availability')).find({
          date_from: { $lte: window[2] },
          $or: [{ date_to: { $gte: window[0] } }, { is_recurring: true }],
        }),
      ]);
      const [clients, services] = await Promise.all([
        repo(specFor('clients')).find(
          { client_id: { $in: [...new Set(nearby.map((a) => a.client_id))] } },
          { includeDeleted: true },
        ),
        repo(specFor('services')).find(
          { service_id: { $in: [...new Set(nearby.map((a) => a.service_id))] } },
          { includeDeleted: true },
        ),
      ]);

      const { hard, soft } = checkPlacement(
        {
          appointment_id: job.appointment_id,
          scheduled_date: day,
          start: input.start,
          end: input.end,
          staff_ids: input.staff_ids,
          equipment_ids: equipmentIds,
          service_id: job.service_id,
        },
        {
          business: business as unknown as Business,
          service: service as unknown as Service,
          staff: staff as unknown as Staff[],
          equipment: equipment as unknown as Equipment[],
          nearbyAppointments: nearby as unknown as Appointment[],
          availability: availability as unknown as Availability[],
          names: {
            clients: Object.fromEntries(
              clients.map((c) => [c.client_id, `${c.first_name} ${c.last_name}`]),
            ),
            services: Object.fromEntries(services.map((s) => [s.service_id, String(s.name)])),
          },
        },
      );
      if (hard.length) {
        throw new ConflictError(joinMessages(hard), {
          violations: [...hard, ...soft],
          overridable: false,
        });
      }
      if (soft.length && !input.override_warnings) {
        throw new ConflictError(`${joinMessages(soft)} Move it anyway?`, {
          violations: soft,
          overridable: true,
        });
      }

      const updated = (await appointments.update(
        job.appointment_id,
        input.version,
        {
          scheduled_date: scheduledDateValue(day),
          scheduled_start_time: input.start,
          scheduled_end_time: input.end,
          estimated_duration_minutes: minutesOf(input.end) - minutesOf(input.start),
          assigned_staff_ids: input.staff_ids,
          assigned_equipment_ids: equipmentIds,
        },
        {
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

      const timezone = String(business.timezone);
      await recomputeClients(db, scope.business_id, [job.client_id]);
      await recomputeStaff(
        db,
        scope.business_id,
        [...new Set([...job.assigned_staff_ids, ...input.staff_ids])],
        deps.clock.now(),
        timezone,
      );
      return { appointment: updated, warnings: soft } as never;
    },
  };
}
