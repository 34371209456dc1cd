// One business's weather sweep: check every scheduled job in the next `reschedule_window_hours`
// against the forecast over its own hours, record what was found on the job, and keep one
// proposal per job at risk (a new slot, or why none fits) for the dispatcher's weather plan.
import type { AnyBulkWriteOperation, Db } from 'mongodb';
import type {
  Appointment,
  Availability,
  Business,
  Client,
  Equipment,
  Service,
  Staff,
} from '../../../../shared/schemas';
import type { WeatherData } from '../../../../shared/schemas/weather-cache';
import { newId } from '../../../../shared/schemas/ids';
import {
  addDays,
  dateKeyOf,
  scheduledDateValue,
  toUtcInstant,
  type DateKey,
} from '../../../../shared/time';
import type { ThresholdDetails } from '../../../../shared/weather/risk';
import { proposeSlot, DEFAULT_SEARCH_DAYS, type Proposal } from '../../weather/proposals';
import { checkJobWeather, isWeatherExempt, type JobWeatherCheck } from '../../weather/rules';
import {
  cellOf,
  datesBetween,
  type Cell,
  type ChosenProvider,
  type ForecastSource,
  type SweepMemo,
} from './forecasts';

export const PROPOSALS = 'weather_proposals';

export type ConditionKind = 'rain' | 'wind' | 'heat' | 'cold';

export interface SlotDoc {
  date: DateKey;
  start: string;
  end: string;
  staff_ids: string[];
}

/** A job at risk and what to do about it, as the weather plan shows it. */
export interface ProposalDoc {
  proposal_id: string;
  business_id: string;
  appointment_id: string;
  /** The job's version when proposed: approving after the job changed is refused. */
  version: number;
  /** 'cleared' when the forecast improved or the job moved, was canceled or passed. */
  status: 'open' | 'approved' | 'dismissed' | 'cleared';
  before: SlotDoc;
  after: SlotDoc | null;
  same_crew: boolean;
  note: string;
  /** The board's warnings the move still carries, shown with it; approval accepts these only. */
  warnings: string[];
  risks: string[];
  conditions: ConditionKind[];
  weather: WeatherData;
  details: ThresholdDetails;
  after_weather: WeatherData | null;
  basis: 'hourly' | 'daily';
  stale: boolean;
  forecast_at: Date;
  /** Conditions the dispatcher has been alerted about for this job (never twice). */
  alerted_conditions: ConditionKind[];
  new_appointment_id: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface SweepDeps {
  db: Db;
  now: () => Date;
  source: ForecastSource;
}

/** A job newly at risk of something the dispatcher has not been told about yet. */
export interface NewRisk {
  appointment_id: string;
  date: DateKey;
  conditions: ConditionKind[];
}

export interface BusinessSweep {
  checked: number;
  at_risk: number;
  proposals: number;
  provider_calls: number;
  stale_cells: number;
  /** The cells and days asked about (for the benchmark's distinct_cells_days). */
  cell_days: Set<string>;
  error: string | null;
  newRisks: NewRisk[];
}

export function conditionsOf(details: ThresholdDetails): ConditionKind[] {
  const found: ConditionKind[] = [];
  if (details.rain_check.exceeded) found.push('rain');
  if (details.wind_check.exceeded) found.push('wind');
  if (details.temp_max_check.exceeded) found.push('heat');
  if (details.temp_min_check?.exceeded) found.push('cold');
  return found;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export async function sweepBusiness(
  deps: SweepDeps,
  business: Business,
  chosen: ChosenProvider,
  memo: SweepMemo,
): Promise<BusinessSweep> {
  const { db } = deps;
  const now = deps.now();
  const config = business.config;
  const tz = business.timezone;
  const windowEnd = new Date(now.getTime() + config.reschedule_window_hours * 3_600_000);
  const dates = datesBetween(now, windowEnd, tz);
  const sweep: BusinessSweep = {
    checked: 0,
    at_risk: 0,
    proposals: 0,
    provider_calls: 0,
    stale_cells: 0,
    cell_days: new Set(),
    error: null,
    newRisks: [],
  };

  const upcoming = (
    (await db
      .collection('appointments')
      .find({
        business_id: business.business_id,
        deleted_at: null,
        status: 'scheduled',
        scheduled_date: {
          $gte: scheduledDateValue(dates[0] as DateKey),
          $lte: scheduledDateValue(dates.at(-1) as DateKey),
        },
      })
      .toArray()) as unknown as Appointment[]
  ).filter((job) => {
    const start = toUtcInstant(dateKeyOf(job.scheduled_date), job.scheduled_start_time, tz);
    return start >= now && start <= windowEnd && !isWeatherExempt(job.service_id, config);
  });

  const clients = new Map(
    (
      (await db
        .collection('clients')
        .find(
          {
            business_id: business.business_id,
            client_id: { $in: upcoming.map((j) => j.client_id) },
          },
          { projection: { client_id: 1, first_name: 1, last_name: 1, latitude: 1, longitude: 1 } },
        )
        .toArray()) as unknown as Client[]
    ).map((c) => [c.client_id, c]),
  );
  const [businessLng, businessLat] = business.location?.coordinates ?? [];
  const cellOfJob = (job: Appointment): Cell | null => {
    const client = clients.get(job.client_id);
    if (typeof client?.latitude === 'number' && typeof client.longitude === 'number') {
      return cellOf(client.latitude, client.longitude);
    }
    return businessLat !== undefined && businessLng !== undefined
      ? cellOf(businessLat, businessLng)
      : null;
  };

  // One forecast per cell, asked with every date a job of that cell needs.
  const byCell = new Map<string, { cell: Cell; jobs: Appointment[] }>();
  for (const job of upcoming) {
    const cell = cellOfJob(job);
    if (!cell) continue;
    const entry = byCell.get(cell.key) ?? { cell, jobs: [] };
    entry.jobs.push(job);
    byCell.set(cell.key, entry);
  }

  const checks = new Map<
    string,
    { job: Appointment; check: JobWeatherCheck; stale: boolean; forecastAt: Date }
  >();
  const forecasts = new Map<string, Awaited<ReturnType<ForecastSource['forCell']>>>();
  const errors: string[] = [];
  for (const { cell, jobs } of byCell.values()) {
    const jobDates = [...new Set(jobs.map((j) => dateKeyOf(j.scheduled_date)))].sort();
    for (const d of jobDates) sweep.cell_days.add(`${cell.key}|${d}`);
    const result = await deps.source.forCell(business, chosen, cell, jobDates, memo);
    forecasts.set(cell.key, result);
    if (result.called) sweep.provider_calls++;
    if (result.error) errors.push(result.error);
    if (!result.forecast) continue;
    if (result.forecast.stale) sweep.stale_cells++;
    for (const job of jobs) {
      const check = checkJobWeather(
        result.forecast.forecast,
        {
          date: dateKeyOf(job.scheduled_date),
          start: job.scheduled_start_time,
          end: job.scheduled_end_time,
        },
        tz,
        config.weather_thresholds,
      );
      if (!check) continue;
      checks.set(job.appointment_id, {
        job,
        check,
        stale: result.forecast.stale,
        forecastAt: result.forecast.forecast.fetched_at,
      });
    }
  }
  sweep.checked = checks.size;
  if (errors.length) sweep.error = errors[0] ?? null;

  // The job's own record: what the board's badge shows. Written only when it changed.
  const writes = [...checks.values()]
    .filter(
      ({ job, check }) =>
        !job.weather_checked ||
        !sameJson(job.weather_data_at_time, check.data) ||
        !sameJson(job.weather_threshold_details, check.details),
    )
    .map(({ job, check }) => ({
      updateOne: {
        filter: { business_id: business.business_id, appointment_id: job.appointment_id },
        update: {
          $set: {
            weather_checked: true,
            weather_data_at_time: check.data,
            weather_threshold_details: check.details,
            weather_checked_at: now,
          },
        },
      },
    }));
  if (writes.length) await db.collection('appointments').bulkWrite(writes, { ordered: false });

  const atRisk = [...checks.values()].filter(({ check }) => check.exceeded);
  sweep.at_risk = atRisk.length;
  const proposals = db.collection<ProposalDoc>(PROPOSALS);
  if (atRisk.length) {
    const facts = await loadFacts(
      db,
      business,
      atRisk.map((r) => r.job),
      clients,
    );
    const existing = new Map(
      (
        await proposals
          .find({
            business_id: business.business_id,
            appointment_id: { $in: atRisk.map((r) => r.job.appointment_id) },
            status: { $in: ['open', 'dismissed'] },
          })
          .toArray()
      ).map((p) => [p.appointment_id, p]),
    );
    // Earliest first; each proposed slot is held for the jobs after it, so two proposals never
    // offer the same crew the same hours.
    atRisk.sort((a, b) =>
      `${dateKeyOf(a.job.scheduled_date)} ${a.job.scheduled_start_time}`.localeCompare(
        `${dateKeyOf(b.job.scheduled_date)} ${b.job.scheduled_start_time}`,
      ),
    );
    // Written together once every proposal is worked out: one round trip, not one per job.
    const writes: AnyBulkWriteOperation<ProposalDoc>[] = [];
    for (const { job, check, stale, forecastAt } of atRisk) {
      const conditions = conditionsOf(check.details);
      const before = existing.get(job.appointment_id);
      // A dismissed job stays dismissed until it changes or something new threatens it.
      if (
        before?.status === 'dismissed' &&
        before.version === job.version &&
        conditions.every((c) => before.conditions.includes(c))
      ) {
        continue;
      }
      const cell = cellOfJob(job);
      const forecast = cell ? forecasts.get(cell.key)?.forecast?.forecast : undefined;
      const service = facts.services.get(job.service_id);
      const proposal: Proposal =
        forecast && service
          ? proposeSlot({
              business,
              job,
              service,
              staff: facts.staff,
              equipment: facts.equipment.filter((e) =>
                job.assigned_equipment_ids.includes(e.equipment_id),
              ),
              appointments: facts.appointments,
              availability: facts.availability,
              forecast,
              now,
              names: facts.names,
            })
          : {
              kind: 'none',
              reason: 'The job’s service could not be read, so no slot was looked for.',
            };
      if (proposal.kind === 'move') {
        facts.appointments.push({
          ...job,
          appointment_id: `${job.appointment_id}_proposed`,
          scheduled_date: scheduledDateValue(proposal.date),
          scheduled_start_time: proposal.start,
          scheduled_end_time: proposal.end,
          assigned_staff_ids: proposal.staff_ids,
        });
      }
      const alerted = before?.alerted_conditions ?? [];
      const fresh = conditions.filter((c) => !alerted.includes(c));
      if (fresh.length) {
        sweep.newRisks.push({
          appointment_id: job.appointment_id,
          date: dateKeyOf(job.scheduled_date),
          conditions: fresh,
        });
      }
      const doc: Omit<ProposalDoc, 'proposal_id' | 'created_at'> = {
        business_id: business.business_id,
        appointment_id: job.appointment_id,
        version: job.version,
        status: 'open',
        before: {
          date: dateKeyOf(job.scheduled_date),
          start: job.scheduled_start_time,
          end: job.scheduled_end_time,
          staff_ids: job.assigned_staff_ids,
        },
        after:
          proposal.kind === 'move'
            ? {
                date: proposal.date,
                start: proposal.start,
                end: proposal.end,
                staff_ids: proposal.staff_ids,
              }
            : null,
        same_crew: proposal.kind === 'move' ? proposal.same_crew : false,
        note:
          proposal.kind === 'move'
            ? [proposal.summary, ...proposal.warnings.map((w) => `Note: ${w}`)].join(' ')
            : proposal.reason,
        warnings: proposal.kind === 'move' ? proposal.warnings : [],
        risks: check.risks,
        conditions,
        weather: check.data,
        details: check.details,
        after_weather: proposal.kind === 'move' ? proposal.check.data : null,
        basis: check.basis,
        stale,
        forecast_at: forecastAt,
        alerted_conditions: [...new Set([...alerted, ...conditions])],
        new_appointment_id: null,
        decided_by: null,
        decided_at: null,
        updated_at: now,
      };
      writes.push(
        before
          ? { updateOne: { filter: { proposal_id: before.proposal_id }, update: { $set: doc } } }
          : {
              insertOne: {
                document: { ...doc, proposal_id: newId('wpr'), created_at: now } as ProposalDoc,
              },
            },
      );
    }
    if (writes.length) await proposals.bulkWrite(writes, { ordered: true });
  }

  // Proposals of jobs no longer at risk (the forecast improved, the job moved, was canceled or
  // went by) leave the plan; those whose forecast could not be read this time stay as they were.
  const riskIds = atRisk.map((r) => r.job.appointment_id);
  const upcomingIds = new Set(upcoming.map((j) => j.appointment_id));
  const open = await proposals
    .find(
      { business_id: business.business_id, status: 'open' },
      { projection: { appointment_id: 1 } },
    )
    .toArray();
  const gone = open
    .map((p) => p.appointment_id)
    .filter((id) => !riskIds.includes(id) && (checks.has(id) || !upcomingIds.has(id)));
  if (gone.length) {
    await proposals.updateMany(
      { business_id: business.business_id, status: 'open', appointment_id: { $in: gone } },
      { $set: { status: 'cleared', updated_at: now } },
    );
  }
  sweep.proposals = await proposals.countDocuments({
    business_id: business.business_id,
    status: 'open',
  });
  return sweep;
}

interface Facts {
  staff: Staff[];
  equipment: Equipment[];
  appointments: Appointment[];
  availability: Availability[];
  services: Map<string, Service>;
  names: { clients: Record<string, string>; services: Record<string, string> };
}

/** What the proposals need, read once for all of a business's jobs at risk. */
async function loadFacts(
  db: Db,
  business: Business,
  jobs: Appointment[],
  clients: Map<string, Client>,
): Promise<Facts> {
  const business_id = business.business_id;
  const jobDates = jobs.map((j) => dateKeyOf(j.scheduled_date)).sort();
  const from = addDays(jobDates[0] as DateKey, -1);
  const to = addDays(jobDates.at(-1) as DateKey, DEFAULT_SEARCH_DAYS + 1);
  const live = { business_id, deleted_at: null };
  const [staff, equipment, appointments, availability, services] = await Promise.all([
    db
      .collection('staff')
      .find({ ...live, is_active: true })
      .toArray(),
    db.collection('equipment').find(live).toArray(),
    db
      .collection('appointments')
      .find({
        ...live,
        scheduled_date: { $gte: scheduledDateValue(from), $lte: scheduledDateValue(to) },
      })
      .toArray(),
    db.collection('availability').find(live).toArray(),
    db.collection('services').find({ business_id }).toArray(),
  ]);
  const serviceDocs = services as unknown as Service[];
  const names = {
    clients: Object.fromEntries(
      [...clients.values()].map((c) => [c.client_id, `${c.first_name} ${c.last_name}`]),
    ),
    services: Object.fromEntries(serviceDocs.map((s) => [s.service_id, s.name])),
  };
  return {
    staff: staff as unknown as Staff[],
    equipment: equipment as unknown as Equipment[],
    appointments: appointments as unknown as Appointment[],
    availability: availability as unknown as Availability[],
    services: new Map(serviceDocs.map((s) => [s.service_id, s])),
    names,
  };
}
