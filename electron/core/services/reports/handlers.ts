// reports.get: the owner's report, computed by aggregation pipelines in the database, in parallel.
import type { Document } from 'mongodb';
import type { Report } from '../../../../shared/contract/channels/reports';
import {
  notificationSchema,
  type Availability,
  type Business,
  type Staff,
} from '../../../../shared/schemas';
import { newId } from '../../../../shared/schemas/ids';
import {
  dateKeyOf,
  localDateOf,
  scheduledDateValue,
  toUtcInstant,
  type DateKey,
} from '../../../../shared/time';
import type { HandlerContext } from '../../context';
import type { DatabaseHolder } from '../../db/holder';
import type { CollectionSpec, Doc, TenantRepository } from '../../db/repository';
import type { Handlers } from '../../dispatch';
import { AppError } from '../../errors';
import type { Clock } from '../../ports';
import { businessSpec } from '../business/handlers';
import { specFor } from '../records/handlers';
import { coversDate } from '../scheduling/calendar';
import { freeIntervals } from '../scheduling/rules';
import { tenantRepository } from '../tenant';
import {
  bucketsOf,
  daysOf,
  defaultBucket,
  periodOf,
  previousOf,
  roundMoney,
  zoneCalendar,
  type Period,
} from './period';
import {
  appointmentsPipeline,
  clientsPipeline,
  equipmentPipeline,
  messagesPipeline,
  weatherMovesPipeline,
} from './pipelines';

export interface ReportsDeps {
  database: DatabaseHolder;
  clock: Clock;
}

/** The message log, read only here (it is never soft-deleted). */
const notificationsSpec: CollectionSpec = {
  name: 'notifications',
  idField: 'notification_id',
  label: 'message',
  schema: notificationSchema as unknown as CollectionSpec['schema'],
  softDelete: false,
  newId: () => newId('ntf'),
};

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
/** A crew that starts this many minutes after the scheduled time or less is on time. */
const ON_TIME_MINUTES = 15;
const NO_SHOW = /\bno[\s_-]?show/i;
const NO_REASON = 'No reason given';

/** The business and deletion scope every pipeline starts with: no input can widen it. */
const scopeOf = (repo: TenantRepository): Document => ({
  business_id: repo.scope.business_id,
  deleted_at: null,
});

const aggregate = (repo: TenantRepository, pipeline: Document[]) =>
  repo.collection.aggregate<Document>(pipeline).toArray();

const fullName = (doc: Doc | undefined) =>
  doc ? `${String(doc.first_name)} ${String(doc.last_name)}`.trim() : 'Unknown';
const round1 = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;
const round3 = (n: number) => Math.round(n * 1000) / 1000;
const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);
const num = (value: unknown) => (typeof value === 'number' ? value : 0);

/** Real hours between two wall-clock times of one local date (shorter or longer on DST days). */
function realHours(date: DateKey, start: string, end: string, timeZone: string): number {
  return (
    (toUtcInstant(date, end, timeZone).getTime() - toUtcInstant(date, start, timeZone).getTime()) /
    HOUR_MS
  );
}

/**
 * Each active staff member's working hours over the days — their weekly hours (or special hours),
 * less their time off and business closures — as the scheduling rules count free time, with no
 * jobs taken away.
 */
function availableHours(
  business: Business,
  staff: readonly Staff[],
  availability: readonly Availability[],
  days: readonly DateKey[],
): Map<string, number> {
  const hours = new Map<string, number>(staff.map((s) => [s.staff_id, 0]));
  // Most people work the same few hours: each day's span is converted to real hours once.
  const spans = new Map<string, number>();
  const spanHours = (day: DateKey, start: string, end: string) => {
    const key = `${day}|${start}|${end}`;
    let value = spans.get(key);
    if (value === undefined) {
      value = realHours(day, start, end, business.timezone);
      spans.set(key, value);
    }
    return value;
  };
  for (const day of days) {
    // Only the entries covering the day reach the rules (RRULEs are expanded once per day here).
    const onDay = availability.filter((entry) => coversDate(entry, day));
    const ctx = { business, staff: [...staff], nearbyAppointments: [], availability: onDay };
    for (const member of staff) {
      let sum = 0;
      for (const free of freeIntervals(member.staff_id, day, ctx)) {
        sum += spanHours(day, free.start, free.end);
      }
      hours.set(member.staff_id, (hours.get(member.staff_id) ?? 0) + sum);
    }
  }
  return hours;
}

export function createReportsHandlers(deps: ReportsDeps): Pick<Handlers, 'reports.get'> {
  const repo = (ctx: HandlerContext, area: Parameters<typeof specFor>[0]) =>
    tenantRepository(deps, ctx, specFor(area));

  return {
    'reports.get': async (ctx, input) => {
      if (!ctx.session) throw new AppError('unauthenticated', 'Please sign in first.');
      const business = (await tenantRepository(deps, ctx, businessSpec).get(
        ctx.session.business_id,
      )) as unknown as Business;
      const timeZone = business.timezone;
      const current = periodOf(input.from, input.to, timeZone);
      const previous: Period | null = input.compare ? previousOf(current, timeZone) : null;
      const bucket = input.bucket ?? defaultBucket(current.days);
      const days = daysOf(current.from, current.to);
      // Offsets and clock changes of both periods: punctuality is compared too.
      const zone = zoneCalendar(daysOf((previous ?? current).from, current.to), timeZone);
      const now = deps.clock.now();
      const today = scheduledDateValue(localDateOf(now, timeZone));

      const appointments = repo(ctx, 'appointments');
      const scope = scopeOf(appointments);
      const window = {
        firstDay: (previous ?? current).firstDay,
        afterLastDay: current.afterLastDay,
      };
      const [
        [jobFacets],
        weatherMoves,
        [clientFacets],
        messageGroups,
        [equipmentFacets],
        staffDocs,
        availabilityDocs,
        services,
        before,
      ] = await Promise.all([
        aggregate(appointments, appointmentsPipeline(scope, current, window, zone)),
        aggregate(appointments, weatherMovesPipeline(scope, current, previous)),
        aggregate(repo(ctx, 'clients'), clientsPipeline(scope, current)),
        aggregate(
          tenantRepository(deps, ctx, notificationsSpec),
          messagesPipeline(scope, current, previous),
        ),
        aggregate(repo(ctx, 'equipment'), equipmentPipeline(scope, current, today)),
        repo(ctx, 'staff').find(
          {},
          {
            includeDeleted: true,
            omit: ['audit_log'],
          },
        ),
        repo(ctx, 'availability').find(
          {
            type: { $in: ['time_off', 'special_hours'] },
            date_from: { $lt: current.afterLastDay },
            date_to: { $gte: current.firstDay },
          },
          { omit: ['audit_log'] },
        ),
        repo(ctx, 'services').find({}, { includeDeleted: true, fields: ['service_id', 'name'] }),
        // The same figures for the period before, where one is compared.
        previous
          ? Promise.all([
              aggregate(repo(ctx, 'clients'), clientsPipeline(scope, previous)),
              aggregate(repo(ctx, 'equipment'), equipmentPipeline(scope, previous, today)),
            ])
          : null,
      ]);
      const facets = (jobFacets ?? {}) as Record<string, Document[]>;
      const list = (name: string) => facets[name] ?? [];

      // Jobs by status, this period and the one before.
      const statusCount = (cur: boolean, status: string) =>
        list('statuses').find((s) => s._id.cur === cur && s._id.status === status);
      const jobsOf = (cur: boolean, status: string) => num(statusCount(cur, status)?.jobs);
      const canceled = (cur: boolean) =>
        list('canceled')
          .filter((c) => c._id.cur === cur)
          .map((c) => ({
            reason: (c._id.reason as string | null) ?? NO_REASON,
            count: num(c.jobs),
          }));
      const noShows = (cur: boolean) =>
        canceled(cur)
          .filter((c) => NO_SHOW.test(c.reason))
          .reduce((sum, c) => sum + c.count, 0);
      const byReason = new Map<string, number>();
      for (const c of canceled(true))
        byReason.set(c.reason, (byReason.get(c.reason) ?? 0) + c.count);

      // Weather moves: rescheduled jobs of the period whose replacement says it was the weather.
      const messages = messageGroups.find((m) => m._id === true);
      const movedForWeather = new Set(
        weatherMoves.map((m) => String(m.rescheduled_from_appointment_id)),
      );
      const moved = list('rescheduled').filter(
        (r) => r.cur === true && movedForWeather.has(String(r.appointment_id)),
      );
      const weatherImpact = (jobs: Document[]) => ({
        jobs_moved: jobs.length,
        revenue_shifted: roundMoney(jobs.reduce((sum, m) => sum + num(m.total_price), 0)),
        days_lost: new Set(jobs.map((m) => (m.scheduled_date as Date).getTime())).size,
      });

      // Booked hours and punctuality, with the jobs of clock-change days in real minutes.
      const bookedMinutes = new Map<string, number>(
        list('booked').map((b) => [String(b._id), num(b.minutes)]),
      );
      const punctualityOf = (
        l: { measured: number; onTime: number; delaySum: number } | undefined,
      ) => ({
        on_time_rate: share(l?.onTime ?? 0, l?.measured ?? 0),
        average_delay_minutes: l && l.measured > 0 ? round1(l.delaySum / l.measured) : null,
        measured: l?.measured ?? 0,
      });
      // Punctuality of each period: [this one, the one before].
      const lateness = [true, false].map((cur) => {
        const found = list('punctuality').find((p) => p._id === cur);
        return {
          measured: num(found?.measured),
          onTime: num(found?.on_time),
          delaySum: num(found?.delay_sum),
        };
      });
      for (const job of list('clockChangeJobs')) {
        const date = dateKeyOf(job.scheduled_date as Date);
        const start = String(job.scheduled_start_time);
        const of = lateness[job.cur === true ? 0 : 1] as (typeof lateness)[number];
        if (job.cur === true && job.status !== 'canceled' && job.status !== 'rescheduled') {
          const minutes = realHours(date, start, String(job.scheduled_end_time), timeZone) * 60;
          for (const id of job.assigned_staff_ids as string[]) {
            bookedMinutes.set(id, (bookedMinutes.get(id) ?? 0) + minutes);
          }
        }
        if (job.status === 'completed' && job.actual_start_time instanceof Date) {
          const delay =
            (job.actual_start_time.getTime() - toUtcInstant(date, start, timeZone).getTime()) /
            MINUTE_MS;
          of.measured += 1;
          if (delay <= ON_TIME_MINUTES) of.onTime += 1;
          of.delaySum += Math.max(0, delay);
        }
      }

      // Names by id, for the lists.
      const serviceName = new Map(services.map((s) => [String(s.service_id), String(s.name)]));
      const staffById = new Map(staffDocs.map((s) => [String(s.staff_id), s]));
      const topClients = list('topClients');
      const clientNames = topClients.length
        ? await repo(ctx, 'clients').find(
            { client_id: { $in: topClients.map((c) => String(c._id)) } },
            { includeDeleted: true, fields: ['client_id', 'first_name', 'last_name'] },
          )
        : [];
      const clientById = new Map(clientNames.map((c) => [String(c.client_id), c]));

      const activeStaff = staffDocs.filter(
        (s) => s.is_active === true && s.deleted_at === null,
      ) as unknown as Staff[];
      const available = availableHours(
        business,
        activeStaff,
        availabilityDocs as unknown as Availability[],
        days,
      );
      const staffRevenue = new Map(list('byStaff').map((s) => [String(s._id), s]));

      const total = roundMoney(num(statusCount(true, 'completed')?.amount));
      const rescheduled = jobsOf(true, 'rescheduled');
      const clientsActive = list('clients').find((c) => c._id === true);
      const texted = list('texted').find((t) => t._id === true);
      const maintenanceCost = (facets: Record<string, Document[]>) =>
        roundMoney((facets.costs ?? []).reduce((sum, c) => sum + num(c.cost), 0));
      const clientFigures = (clientFacets ?? {}) as Record<string, Document[]>;
      const [clientsBefore] = list('clientsBefore');
      const textedBefore = list('texted').find((t) => t._id === false);
      const beforeFigures = before
        ? (() => {
            const [[clientsFacets], [equipmentBefore]] = before;
            return {
              moved: list('rescheduled').filter(
                (r) => r.cur === false && movedForWeather.has(String(r.appointment_id)),
              ),
              clients: (clientsFacets ?? {}) as Record<string, Document[]>,
              messages: messageGroups.find((m) => m._id === false),
              equipment: (equipmentBefore ?? {}) as Record<string, Document[]>,
            };
          })()
        : null;
      const equipment = (equipmentFacets ?? {}) as Record<string, Document[]>;

      const report: Report = {
        period: { from: current.from, to: current.to, timezone: timeZone, bucket },
        previous: previous ? { from: previous.from, to: previous.to } : null,
        revenue: {
          total,
          previous_total: previous
            ? roundMoney(num(statusCount(false, 'completed')?.amount))
            : null,
          by_bucket: bucketsOf(
            days,
            bucket,
            new Map(list('revenueByDay').map((d) => [dateKeyOf(d._id as Date), num(d.amount)])),
          ),
          by_service: list('byService')
            .map((s) => ({
              service_id: String(s._id),
              name: serviceName.get(String(s._id)) ?? 'Unknown service',
              amount: roundMoney(num(s.amount)),
              jobs: num(s.jobs),
            }))
            .sort((a, b) => b.amount - a.amount || a.name.localeCompare(b.name)),
          by_staff: list('byStaff')
            .map((s) => ({
              staff_id: String(s._id),
              name: fullName(staffById.get(String(s._id))),
              amount: roundMoney(num(s.amount)),
              jobs: num(s.jobs),
            }))
            .sort((a, b) => b.amount - a.amount || a.name.localeCompare(b.name)),
        },
        jobs: {
          completed: jobsOf(true, 'completed'),
          canceled: jobsOf(true, 'canceled'),
          rescheduled,
          rescheduled_weather: moved.length,
          rescheduled_other: rescheduled - moved.length,
          no_shows: noShows(true),
          open: jobsOf(true, 'scheduled') + jobsOf(true, 'in_progress'),
          canceled_by_reason: [...byReason]
            .map(([reason, count]) => ({ reason, count }))
            .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
          previous: previous
            ? {
                completed: jobsOf(false, 'completed'),
                canceled: jobsOf(false, 'canceled'),
                rescheduled: jobsOf(false, 'rescheduled'),
                no_shows: noShows(false),
              }
            : null,
        },
        punctuality: {
          ...punctualityOf(lateness[0]),
          previous: previous ? punctualityOf(lateness[1]) : null,
          by_service: list('byService')
            .map((s) => ({
              service_id: String(s._id),
              name: serviceName.get(String(s._id)) ?? 'Unknown service',
              jobs: num(s.jobs),
              average_actual_minutes: typeof s.actual === 'number' ? round1(s.actual) : null,
              average_estimated_minutes:
                typeof s.estimated === 'number' ? round1(s.estimated) : null,
            }))
            .sort((a, b) => b.jobs - a.jobs || a.name.localeCompare(b.name)),
        },
        staff: activeStaff
          .map((member) => {
            const done = staffRevenue.get(member.staff_id);
            const booked = round2((bookedMinutes.get(member.staff_id) ?? 0) / 60);
            const availableHoursOf = round2(available.get(member.staff_id) ?? 0);
            const ratings = num(done?.ratings);
            return {
              staff_id: member.staff_id,
              name: fullName(member as unknown as Doc),
              role: member.role,
              jobs_completed: num(done?.jobs),
              revenue: roundMoney(num(done?.amount)),
              booked_hours: booked,
              available_hours: availableHoursOf,
              utilization: availableHoursOf > 0 ? round3(booked / availableHoursOf) : null,
              average_rating: ratings > 0 ? round2(num(done?.rating_sum) / ratings) : null,
              ratings,
            };
          })
          .sort((a, b) => b.booked_hours - a.booked_hours || a.name.localeCompare(b.name)),
        clients: {
          new: num(clientFigures.created?.[0]?.n),
          active: num(clientsActive?.active),
          repeat_rate: share(num(clientsActive?.repeat), num(clientsActive?.active)),
          top: topClients.map((c) => ({
            client_id: String(c._id),
            name: fullName(clientById.get(String(c._id))),
            revenue: roundMoney(num(c.revenue)),
            jobs: num(c.jobs),
          })),
          balance_due_total: roundMoney(num(clientFigures.balance?.[0]?.total)),
          clients_with_balance: num(clientFigures.balance?.[0]?.n),
          previous: beforeFigures
            ? {
                new: num(beforeFigures.clients.created?.[0]?.n),
                active: num(clientsBefore?.active),
              }
            : null,
        },
        weather: {
          ...weatherImpact(moved),
          previous: beforeFigures ? weatherImpact(beforeFigures.moved) : null,
        },
        messaging: {
          sent: num(messages?.sent),
          delivered: num(messages?.delivered),
          failed: num(messages?.failed),
          opt_outs: num(clientFigures.optedOut?.[0]?.n),
          confirmation_rate: share(num(texted?.confirmed), num(texted?.texted)),
          previous: beforeFigures
            ? {
                sent: num(beforeFigures.messages?.sent),
                delivered: num(beforeFigures.messages?.delivered),
                failed: num(beforeFigures.messages?.failed),
                opt_outs: num(beforeFigures.clients.optedOut?.[0]?.n),
                confirmation_rate: share(num(textedBefore?.confirmed), num(textedBefore?.texted)),
              }
            : null,
        },
        equipment: {
          maintenance_cost: maintenanceCost(equipment),
          previous_maintenance_cost: beforeFigures
            ? maintenanceCost(beforeFigures.equipment)
            : null,
          by_item: (equipment.costs ?? []).map((c) => ({
            equipment_id: String(c._id),
            name: String(c.name),
            cost: roundMoney(num(c.cost)),
          })),
          overdue: (equipment.overdue ?? []).map((e) => ({
            equipment_id: String(e.equipment_id),
            name: String(e.name),
            due_date: dateKeyOf(e.maintenance_due_date as Date),
          })),
        },
        generated_at: now,
      };
      return report;
    },
  };
}
