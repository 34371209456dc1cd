// board.day: everything the dispatch board shows for one day, read through the tenant repositories.
import type {
  Appointment,
  Availability,
  Business,
  Equipment,
  Service,
  Staff,
} from '../../../../shared/schemas';
import { BOARD_JOB_FIELDS, BOARD_STAFF_FIELDS } from '../../../../shared/contract/channels/board';
import { MAX_GAP_BETWEEN_JOBS_MINUTES } from '../../../../shared/schemas/businesses';
import { addDays, hhmm, scheduledDateValue, weekdayName } from '../../../../shared/time';
import type { WeatherThresholds } from '../../../../shared/weather/risk';
import { dayWarnings, dayWeatherRisks } from './warnings';
import type { HandlerContext } from '../../context';
import type { DatabaseHolder } from '../../db/holder';
import type { CollectionSpec } from '../../db/repository';
import { tenantRepository } from '../tenant';
import type { Handlers } from '../../dispatch';
import type { Clock } from '../../ports';
import { setPresence } from './presence';
import { businessSpec } from '../business/handlers';
import { specFor } from '../records/handlers';

export interface BoardDeps {
  database: DatabaseHolder;
  clock: Clock;
}

/** Queue length shown at once; a business with more unassigned jobs pages through the records list. */
const UNASSIGNED_LIMIT = 200;
const ROLE_ORDER = { crew_lead: 0, crew_member: 1, manager: 2 } as Record<string, number>;

/**
 * Which jobs of the day before and the day after can clash with the day's own: a job keeps to its
 * date (its times are HH:mm within it), so only one within the longest travel buffer of midnight,
 * plus two hours for a daylight-saving change in between (the rules count real minutes). The rest
 * of those days (most of the 1,800 jobs a busy three days hold) is not read at all.
 */
const NEIGHBOUR_REACH_MINUTES = MAX_GAP_BETWEEN_JOBS_MINUTES + 120;
const ENDS_LATE = hhmm(24 * 60 - NEIGHBOUR_REACH_MINUTES);
const STARTS_EARLY = hhmm(NEIGHBOUR_REACH_MINUTES);

type Doc = Record<string, unknown>;

/** First and last names and addresses of the clients, and names of the services, that jobs mention. */
async function cardNames(
  repo: (spec: CollectionSpec) => ReturnType<typeof tenantRepository>,
  jobs: Doc[],
): Promise<{ clients: Doc[]; services: Doc[] }> {
  const [clients, services] = await Promise.all([
    repo(specFor('clients')).find(
      { client_id: { $in: [...new Set(jobs.map((a) => a.client_id))] } },
      { includeDeleted: true, fields: ['client_id', 'first_name', 'last_name', 'address'] },
    ),
    repo(specFor('services')).find(
      { service_id: { $in: [...new Set(jobs.map((a) => a.service_id))] } },
      { includeDeleted: true, fields: ['service_id', 'name'] },
    ),
  ]);
  return {
    clients: clients.map(({ client_id, first_name, last_name, address }) => ({
      client_id,
      first_name,
      last_name,
      address,
    })),
    // By name, as the board's service filter lists them (sorted here: a page's first
    // localeCompare loads the locale's collation, ~10 ms of the board's first render).
    services: services
      .map(({ service_id, name }) => ({ service_id, name }))
      .sort((a, b) => String(a.name).localeCompare(String(b.name))),
  };
}

function sortStaff(staff: Doc[]): Doc[] {
  return staff.sort(
    (a, b) =>
      (ROLE_ORDER[String(a.role)] ?? 9) - (ROLE_ORDER[String(b.role)] ?? 9) ||
      String(a.last_name).localeCompare(String(b.last_name)) ||
      String(a.first_name).localeCompare(String(b.first_name)),
  );
}

export function createBoardHandlers(
  deps: BoardDeps,
): Pick<Handlers, 'board.day' | 'board.range' | 'board.presence'> {
  const repo = (ctx: HandlerContext, spec: CollectionSpec) => tenantRepository(deps, ctx, spec);

  return {
    'board.day': async (ctx, { date }) => {
      const day = scheduledDateValue(date);
      const around = [addDays(date, -1), date, addDays(date, 1)].map(scheduledDateValue);
      // One round trip to the database for all of these, the business included, then one for the
      // names the jobs mention.
      const [business, allStaff, nearby, unassigned, availability, services, equipment] =
        await Promise.all([
          repo(ctx, businessSpec).get(ctx.session?.business_id ?? ''),
          // Whole (the rules read their hours and time off), but without the audit log.
          repo(ctx, specFor('staff')).find({}, { omit: ['audit_log'] }),
          repo(ctx, specFor('appointments')).find(
            {
              scheduled_date: { $in: around },
              $or: [
                { scheduled_date: day },
                { scheduled_end_time: { $gte: ENDS_LATE } },
                { scheduled_start_time: { $lte: STARTS_EARLY } },
              ],
            },
            { sort: { scheduled_start_time: 1, appointment_id: 1 }, fields: BOARD_JOB_FIELDS },
          ),
          repo(ctx, specFor('appointments')).find(
            { status: 'scheduled', assigned_staff_ids: { $size: 0 } },
            {
              sort: { scheduled_date: 1, scheduled_start_time: 1 },
              limit: UNASSIGNED_LIMIT,
              fields: BOARD_JOB_FIELDS,
            },
          ),
          repo(ctx, specFor('availability')).find({
            date_from: { $lte: day },
            $or: [{ date_to: { $gte: day } }, { is_recurring: true }],
          }),
          repo(ctx, specFor('services')).find({}, { includeDeleted: true }),
          repo(ctx, specFor('equipment')).find({}, { includeDeleted: true }),
        ]);
      const appointments = nearby.filter(
        (a) => (a.scheduled_date as Date).getTime() === day.getTime(),
      );
      const staff = sortStaff(allStaff.filter((s) => s.is_active === true));
      const names = await cardNames((spec) => repo(ctx, spec), [...appointments, ...unassigned]);
      const config = business.config as {
        business_hours: Record<string, { start: string; end: string } | null>;
      };
      return {
        date,
        timezone: String(business.timezone),
        hours: config.business_hours[weekdayName(date)] ?? null,
        staff: staff.map((person) =>
          Object.fromEntries(BOARD_STAFF_FIELDS.map((field) => [field, person[field]])),
        ),
        appointments,
        unassigned,
        availability,
        ...names,
        warnings: dayWarnings({
          business: business as unknown as Business,
          appointments: appointments as unknown as Appointment[],
          nearby: nearby as unknown as Appointment[],
          services: services as unknown as Service[],
          staff: allStaff as unknown as Staff[],
          equipment: equipment as unknown as Equipment[],
          availability: availability as unknown as Availability[],
          names: {
            clients: Object.fromEntries(
              names.clients.map((c) => [
                c.client_id,
                `${String(c.first_name)} ${String(c.last_name)}`,
              ]),
            ),
            services: Object.fromEntries(services.map((s) => [s.service_id, String(s.name)])),
          },
        }),
        weather_risks: dayWeatherRisks(
          appointments as unknown as Appointment[],
          (business.config as { weather_thresholds: WeatherThresholds }).weather_thresholds,
        ),
      } as never;
    },

    'board.range': async (ctx, { from, to }) => {
      const business = await repo(ctx, businessSpec).get(ctx.session?.business_id ?? '');
      const [staff, appointments] = await Promise.all([
        repo(ctx, specFor('staff')).find({}, { includeDeleted: false }),
        repo(ctx, specFor('appointments')).find(
          { scheduled_date: { $gte: scheduledDateValue(from), $lte: scheduledDateValue(to) } },
          { sort: { scheduled_date: 1, scheduled_start_time: 1, appointment_id: 1 } },
        ),
      ]);
      sortStaff(staff);
      return {
        from,
        to,
        timezone: String(business.timezone),
        staff,
        appointments,
        ...(await cardNames((spec) => repo(ctx, spec), appointments)),
      } as never;
    },

    'board.presence': async (ctx, { appointment_id }) => {
      const session = ctx.session;
      if (!session) return { ok: true } as const;
      // Through the database, so that dispatchers on other desktops see it too (board/live.ts).
      await setPresence(
        deps.database.get().db,
        {
          business_id: session.business_id,
          user_id: session.user_id,
          user_name: session.name,
          appointment_id,
        },
        deps.clock.now(),
      );
      return { ok: true } as const;
    },
  };
}
