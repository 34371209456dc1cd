// board.day: everything the dispatch board shows for one day, read through the tenant repositories.
import { scheduledDateValue, weekdayName } from '../../../../shared/time';
import type { HandlerContext } from '../../context';
import type { DatabaseHolder } from '../../db/holder';
import type { CollectionSpec } from '../../db/repository';
import { tenantRepository } from '../tenant';
import type { Handlers } from '../../dispatch';
import type { Clock } from '../../ports';
import { businessSpec } from '../business/handlers';
import { specFor } from '../records/handlers';

export interface BoardDeps {
  database: DatabaseHolder;
  clock: Clock;
}

/** Queue length shown at once; a business with more unassigned jobs pages through the records list. */
const UNASSIGNED_LIMIT = 200;
const ROLE_ORDER = { crew_lead: 0, crew_member: 1, manager: 2 } as Record<string, number>;

export function createBoardHandlers(deps: BoardDeps): Pick<Handlers, 'board.day'> {
  const repo = (ctx: HandlerContext, spec: CollectionSpec) => tenantRepository(deps, ctx, spec);

  return {
    'board.day': async (ctx, { date }) => {
      const day = scheduledDateValue(date);
      const business = await repo(ctx, businessSpec).get(ctx.session?.business_id ?? '');
      const [staff, appointments, unassigned, availability] = await Promise.all([
        repo(ctx, specFor('staff')).find({ is_active: true }),
        repo(ctx, specFor('appointments')).find(
          { scheduled_date: day },
          { sort: { scheduled_start_time: 1, appointment_id: 1 } },
        ),
        repo(ctx, specFor('appointments')).find(
          { status: 'scheduled', assigned_staff_ids: { $size: 0 } },
          { sort: { scheduled_date: 1, scheduled_start_time: 1 }, limit: UNASSIGNED_LIMIT },
        ),
        repo(ctx, specFor('availability')).find({
          date_from: { $lte: day },
          $or: [{ date_to: { $gte: day } }, { is_recurring: true }],
        }),
      ]);
      staff.sort(
        (a, b) =>
          (ROLE_ORDER[String(a.role)] ?? 9) - (ROLE_ORDER[String(b.role)] ?? 9) ||
          String(a.last_name).localeCompare(String(b.last_name)) ||
          String(a.first_name).localeCompare(String(b.first_name)),
      );
      const jobs = [...appointments, ...unassigned];
      const [clients, services] = await Promise.all([
        repo(ctx, specFor('clients')).find(
          { client_id: { $in: [...new Set(jobs.map((a) => a.client_id))] } },
          { includeDeleted: true },
        ),
        repo(ctx, specFor('services')).find(
          { service_id: { $in: [...new Set(jobs.map((a) => a.service_id))] } },
          { includeDeleted: true },
        ),
      ]);
      const config = business.config as {
        business_hours: Record<string, { start: string; end: string } | null>;
      };
      return {
        date,
        timezone: String(business.timezone),
        hours: config.business_hours[weekdayName(date)] ?? null,
        staff,
        appointments,
        unassigned,
        availability,
        clients: clients.map(({ client_id, first_name, last_name, address }) => ({
          client_id,
          first_name,
          last_name,
          address,
        })),
        services: services.map(({ service_id, name }) => ({ service_id, name })),
      } as never;
    },
  };
}
