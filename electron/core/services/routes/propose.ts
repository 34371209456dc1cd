// routes.propose: loads one day, runs the route optimizer on it and turns its answer into the dialog's proposal.
import type {
  Output,
  ParsedInput,
  ProposedRouteStop,
  RouteChange,
  RouteCrewProposal,
  RouteTravel,
} from '../../../../shared/contract';
import {
  mapSettingsOf,
  type Appointment,
  type Availability,
  type Business,
  type Equipment,
  type Service,
  type Staff,
} from '../../../../shared/schemas';
import { hhmm, scheduledDateValue, type DateKey } from '../../../../shared/time';
import type { HandlerContext } from '../../context';
import type { CollectionSpec } from '../../db/repository';
import { AppError, ConflictError, NotFoundError } from '../../errors';
import {
  optimizeCrew,
  optimizeDay,
  straightLineTravel,
  type RouteProposal,
  type Travel,
} from '../../routing';
import { businessSpec } from '../business/handlers';
import { specFor } from '../records/handlers';
import { checkJobPlacements, type PlacementDeps } from '../scheduling/placement';
import type { Violation } from '../scheduling/rules';
import { tenantRepository } from '../tenant';
import { buildRouteDay, type DayCrew, type DayRecords, type RouteDay } from './day';

type Proposal = Output<'routes.propose'>;

/** The date's jobs and everything the day's routes depend on, read once. */
export async function loadDayRecords(
  deps: PlacementDeps,
  ctx: Pick<HandlerContext, 'session'>,
  date: DateKey,
): Promise<DayRecords> {
  if (!ctx.session) throw new AppError('unauthenticated', 'Please sign in first.');
  const repo = (spec: CollectionSpec) => tenantRepository(deps, ctx, spec);
  const day = scheduledDateValue(date);
  const [business, appointments, staff, equipment, services, availability] = await Promise.all([
    repo(businessSpec).get(ctx.session.business_id),
    repo(specFor('appointments')).find({ scheduled_date: day }, { omit: ['audit_log'] }),
    repo(specFor('staff')).find({}, { omit: ['audit_log'] }),
    repo(specFor('equipment')).find(
      {},
      { fields: ['equipment_id', 'assigned_staff_ids', 'business_id'] },
    ),
    repo(specFor('services')).find(
      {},
      { includeDeleted: true, fields: ['service_id', 'minimum_staff_count'] },
    ),
    repo(specFor('availability')).find({
      date_from: { $lte: day },
      $or: [{ date_to: { $gte: day } }, { is_recurring: true }],
    }),
  ]);
  const clients = await repo(specFor('clients')).find(
    { client_id: { $in: [...new Set(appointments.map((a) => String(a.client_id)))] } },
    {
      includeDeleted: true,
      fields: ['client_id', 'first_name', 'last_name', 'address', 'location'],
    },
  );
  return {
    business: business as unknown as Business,
    appointments: appointments as unknown as Appointment[],
    staff: staff as unknown as Staff[],
    equipment: equipment as unknown as Equipment[],
    services: services as unknown as Service[],
    availability: availability as unknown as Availability[],
    clients: clients as unknown as DayRecords['clients'],
  };
}

const round = (travel: Travel): RouteTravel => ({
  km: Math.round(travel.km * 10) / 10,
  travel_minutes: Math.round(travel.travel_minutes),
});

/** What the board's rules say about the changes, without throwing: the dialog shows it up front. */
async function ruleCheck(
  deps: PlacementDeps,
  ctx: Pick<HandlerContext, 'session'>,
  date: DateKey,
  changes: RouteChange[],
  day: RouteDay,
): Promise<Proposal['rule_check']> {
  try {
    const jobs = new Map([...day.jobs].map(([id, info]) => [id, info.job]));
    await checkJobPlacements(deps, ctx, placementsOf(date, changes, jobs), {
      override_warnings: false,
      ignore: changes.map((c) => c.appointment_id),
      confirm: 'Apply the routes anyway?',
    });
    return { status: 'ok', message: null, violations: [] };
  } catch (err) {
    if (!(err instanceof ConflictError)) throw err;
    const details = err.details as { violations: Violation[]; overridable: boolean };
    return {
      status: details.overridable ? 'warnings' : 'refused',
      message: err.message,
      violations: details.violations,
    };
  }
}

/** The changes as placements under the board's rules; each job keeps its service and equipment. */
export function placementsOf(
  date: DateKey,
  changes: readonly RouteChange[],
  jobs: ReadonlyMap<string, Pick<Appointment, 'assigned_equipment_ids' | 'service_id'>>,
) {
  return changes.map((change) => {
    const job = jobs.get(change.appointment_id) as Appointment;
    return {
      appointment_id: change.appointment_id,
      scheduled_date: date,
      start: change.start,
      end: change.end,
      staff_ids: change.staff_ids,
      equipment_ids: job.assigned_equipment_ids,
      service_id: job.service_id,
    };
  });
}

export async function proposeRoutes(
  deps: PlacementDeps,
  ctx: Pick<HandlerContext, 'session'>,
  input: ParsedInput<'routes.propose'>,
): Promise<Proposal> {
  const { date } = input;
  const records = await loadDayRecords(deps, ctx, date);
  const day = buildRouteDay(records, date);

  let crews: DayCrew[] = day.crews;
  if (input.crew_id !== undefined) {
    const person = records.staff.find((s) => s.staff_id === input.crew_id);
    if (!person) throw new NotFoundError(`No staff member ${input.crew_id} was found.`);
    const own = day.crews.find(
      (c) => c.route.crew_id === input.crew_id || c.staff_ids.includes(input.crew_id ?? ''),
    );
    if (!own) {
      throw new NotFoundError(
        `${person.first_name} ${person.last_name} has no jobs to route on ${date}.`,
      );
    }
    crews = [own];
  }
  const planned = crews.filter((c) => !c.skipped);
  const plannedIds = new Set(planned.map((c) => c.route.crew_id));
  const stops = day.stops.filter((s) => plannedIds.has(s.crew_id));
  const settings = mapSettingsOf(records.business.config);
  const options = {
    // The business's road factor and driving speed (Settings → Map and routes), as the notes say.
    travel: straightLineTravel({
      roadFactor: settings.route_road_factor,
      averageKmh: settings.route_average_speed_kmh,
    }),
    minGapMinutes: records.business.config.min_gap_between_jobs_minutes,
    snapMinutes: 5,
  };

  let result: RouteProposal | null = null;
  if (planned.length > 0) {
    const solved =
      input.crew_id !== undefined
        ? optimizeCrew({ crew: (planned[0] as DayCrew).route, stops }, options)
        : optimizeDay(
            { crews: planned.map((c) => c.route), stops },
            { ...options, allowCrewChanges: input.allow_crew_changes },
          );
    if (!solved.ok) {
      // The optimizer only refuses input it cannot plan (a job running past midnight, say).
      throw new AppError(
        'validation',
        `The routes could not be planned: ${solved.error.message}.`,
        solved.error.details,
      );
    }
    result = solved.value;
  }

  // Where each job would be: the optimizer's answer for planned crews, as it is for the rest.
  const after = new Map<string, { crew_id: string; start: string; end: string }>();
  for (const crew of result?.crews ?? []) {
    for (const stop of crew.stops) {
      after.set(stop.appointment_id, { crew_id: stop.crew_id, start: stop.start, end: stop.end });
    }
  }
  const stopOf = (appointmentId: string): ProposedRouteStop => {
    const info = day.jobs.get(appointmentId);
    if (!info) throw new Error(`Appointment ${appointmentId} is not on the day`);
    const before = {
      crew_id: info.crew_id,
      start: info.job.scheduled_start_time,
      end: info.job.scheduled_end_time,
    };
    const next = after.get(appointmentId) ?? before;
    return {
      appointment_id: appointmentId,
      client_name: info.client_name,
      address: info.address,
      before,
      after: next,
      changed:
        next.crew_id !== before.crew_id || next.start !== before.start || next.end !== before.end,
      locked: info.locked,
    };
  };

  const crewById = new Map(crews.map((c) => [c.route.crew_id, c]));
  const changes: RouteChange[] = [];
  const crewProposals = crews.map((crew): RouteCrewProposal => {
    const solved = result?.crews.find((c) => c.crew_id === crew.route.crew_id);
    const stopsBefore = crew.jobs.map((j) => stopOf(j.appointment_id));
    const stopsAfter = solved
      ? solved.stops.map((s) => stopOf(s.appointment_id))
      : stopsBefore.slice();
    if (solved?.status === 'optimized') {
      for (const stop of stopsAfter.filter((s) => s.changed)) {
        const info = day.jobs.get(stop.appointment_id);
        if (!info) continue;
        changes.push({
          appointment_id: stop.appointment_id,
          version: info.job.version,
          start: stop.after.start,
          end: stop.after.end,
          staff_ids:
            stop.after.crew_id === stop.before.crew_id
              ? info.job.assigned_staff_ids
              : (crewById.get(stop.after.crew_id)?.staff_ids ?? info.job.assigned_staff_ids),
        });
      }
    }
    return {
      crew_id: crew.route.crew_id,
      name: crew.name,
      staff_ids: crew.staff_ids,
      status: crew.skipped ? 'skipped' : (solved?.status ?? 'unchanged'),
      ...(crew.skipped
        ? { reason: crew.skipped }
        : solved?.reason
          ? { reason: `${solved.reason}.` }
          : {}),
      start: { lng: crew.route.start.lng, lat: crew.route.start.lat, source: crew.source },
      hours: { start: hhmm(crew.route.hours.start), end: hhmm(crew.route.hours.end) },
      stops_before: stopsBefore,
      stops_after: stopsAfter,
      travel_before: solved ? round(solved.before) : null,
      travel_after: solved ? round(solved.after) : null,
    };
  });

  const zero: Travel = { km: 0, travel_minutes: 0 };
  const totals = result ?? { before: zero, after: zero, saved: zero };
  const shown = new Set(crews.flatMap((c) => c.jobs.map((j) => j.appointment_id)));
  return {
    date,
    crews: crewProposals,
    before: round(totals.before),
    after: round(totals.after),
    saved: round(totals.saved),
    changes,
    left_in_place: day.leftInPlace.filter(
      (l) => input.crew_id === undefined || shown.has(l.appointment_id),
    ),
    rule_check: await ruleCheck(deps, ctx, date, changes, day),
    notes: day.notes,
  };
}
