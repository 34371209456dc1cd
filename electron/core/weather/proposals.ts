// Where a job at risk from the weather could go instead: the earliest slot with a workable forecast that the board's rules allow.
//
// The search, for a dispatcher to approve or not (nothing is saved here):
// - Days: the job's own date first when config.allow_same_day_reschedule, then each following day,
//   up to `searchDays` after the job's date and never past the forecast's last day.
// - Times: starts on a 15-minute grid (:00, :15, :30, :45) inside the business's hours that day, the
//   job keeping its length on the clock, and at least PROPOSAL_LEAD_MINUTES after `now`.
// - Rules: the board's own (checkPlacement) with the job's current place ignored: no hard violation.
//   Business hours, which only warn on the board, hold too: the grid keeps to them. Other warnings
//   (equipment due for maintenance) are passed on with the proposal.
// - Weather: the forecast over the new hours must be known and cross no threshold.
// - Crew: on each day, the job's own crew first; only when it has no slot that day, a stand-in of
//   the same size — crews already working together that day, then, for a one-person job, anyone
//   active (crew leads, then crew members, then managers). The earliest day wins; on that day,
//   the earliest time.
import type {
  Appointment,
  Availability,
  Business,
  Equipment,
  Service,
  Staff,
} from '../../../shared/schemas';
import {
  addDays,
  dateKeyOf,
  hhmm,
  minutesOf,
  toUtcInstant,
  type DateKey,
  type TimeOfDay,
} from '../../../shared/time';
import { businessHoursOn } from '../services/scheduling/calendar';
import { clockRange, listText, shortDate, staffName } from '../services/scheduling/format';
import {
  checkPlacement,
  type Placement,
  type ScheduleContext,
  type Violation,
} from '../services/scheduling/rules';
import { checkJobWeather, type JobWeatherCheck } from './rules';
import type { Forecast } from './types';

/** A proposal leaves the crew and the client at least this long before the new start. */
export const PROPOSAL_LEAD_MINUTES = 60;
/** Days after the job's date searched unless told otherwise. */
export const DEFAULT_SEARCH_DAYS = 7;
const GRID_MINUTES = 15;
const MINUTE_MS = 60_000;

/** Everything a proposal is worked out from, loaded by the caller beforehand. */
export interface ProposalFacts {
  business: Business;
  /** The job at risk. */
  job: Appointment;
  /** The job's service (minimum staff, crew stacking). */
  service: Service;
  /** All the business's active staff: the job's crew and whoever could stand in for it. */
  staff: Staff[];
  /** The job's equipment, which goes with the job whoever takes it. */
  equipment: Equipment[];
  /** The business's appointments from the day before the job's date to the day after the search's last day. */
  appointments: Appointment[];
  /** The business's availability entries over the same days (time off, closures, special hours). */
  availability: Availability[];
  /** The forecast for the job's place, its days cut in the business's time zone. */
  forecast: Forecast;
  now: Date;
  /** Days after the job's date to search; DEFAULT_SEARCH_DAYS unless told. */
  searchDays?: number;
  /** Client and service names, to name the other jobs in clash messages. */
  names?: ScheduleContext['names'];
}

export type Proposal =
  | {
      kind: 'move';
      date: DateKey;
      start: TimeOfDay;
      end: TimeOfDay;
      staff_ids: string[];
      /** The job's own crew (or, for an unassigned job, still unassigned). */
      same_crew: boolean;
      /** The forecast over the new hours. */
      check: JobWeatherCheck;
      /** The board's warnings the move still carries (e.g. equipment due for maintenance). */
      warnings: string[];
      /** One or two sentences for the weather plan: where to, with whom, the forecast there. */
      summary: string;
    }
  | { kind: 'none'; reason: string };

type Move = Extract<Proposal, { kind: 'move' }>;

/** A start that has a workable forecast, with that forecast. */
interface Slot {
  start: TimeOfDay;
  end: TimeOfDay;
  check: JobWeatherCheck;
}

/** The slot a day's search settled on, and with whom. */
interface Found extends Slot {
  kind: 'found';
  date: DateKey;
  staffIds: string[];
  warnings: string[];
}

/** What one searched day came to, when it had no slot: the parts of the reason. */
type DayOutcome =
  | { date: DateKey; kind: 'closed' | 'too_soon' | 'no_forecast' }
  | { date: DateKey; kind: 'weather'; risks: WeatherKind[] }
  | { date: DateKey; kind: 'taken'; clash: string | null };

type WeatherKind = 'rain' | 'strong wind' | 'cold' | 'heat';

/** What a check's crossed thresholds are, in a dispatcher's words. */
function weatherKinds(check: JobWeatherCheck): WeatherKind[] {
  const d = check.details;
  const kinds: WeatherKind[] = [];
  if (d.rain_check.exceeded) kinds.push('rain');
  if (d.wind_check.exceeded) kinds.push('strong wind');
  if (d.temp_min_check?.exceeded) kinds.push('cold');
  if (d.temp_max_check.exceeded) kinds.push('heat');
  return kinds;
}

const IGNORED_STATUSES: ReadonlySet<Appointment['status']> = new Set(['canceled', 'rescheduled']);
const ROLE_ORDER: Readonly<Record<Staff['role'], number>> = {
  crew_lead: 0,
  crew_member: 1,
  manager: 2,
};

const unique = <T>(items: Iterable<T>): T[] => [...new Set(items)];
const crewKey = (ids: readonly string[]) => [...ids].sort().join(',');

/** Every date from `first` to `last`, inclusive. */
function datesFrom(first: DateKey, last: DateKey): DateKey[] {
  const dates: DateKey[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) dates.push(d);
  return dates;
}

/** The grid starts on `date` at which a job of `duration` minutes fits inside the business's hours. */
function gridStarts(facts: ProposalFacts, date: DateKey, duration: number): TimeOfDay[] {
  const starts = businessHoursOn(facts.business, facts.availability, date).ranges.flatMap((r) => {
    const found: number[] = [];
    const first = Math.ceil(minutesOf(r.start) / GRID_MINUTES) * GRID_MINUTES;
    for (let m = first; m + duration <= minutesOf(r.end); m += GRID_MINUTES) found.push(m);
    return found;
  });
  return unique(starts)
    .sort((a, b) => a - b)
    .map(hhmm);
}

/** A crew's name in messages: one or two people by name, a bigger crew by its lead. */
function crewText(ids: readonly string[], staff: readonly Staff[]): string {
  const people = ids.flatMap((id) => staff.find((s) => s.staff_id === id) ?? []);
  const leadFirst = [...people].sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role]);
  const lead = leadFirst[0];
  if (!lead || people.length < ids.length) {
    return ids.length === 1 ? 'a former staff member' : `the crew of ${ids.length}`;
  }
  if (people.length <= 2) return listText(leadFirst.map(staffName));
  return `${staffName(lead)}'s crew of ${people.length}`;
}

function forecastText(check: JobWeatherCheck): string {
  const { data } = check;
  const low = Math.round(data.temp_low_fahrenheit);
  const high = Math.round(data.temp_high_fahrenheit);
  const temps = low === high ? `${high}°F` : `${low}–${high}°F`;
  const whole = check.basis === 'daily' ? ' (whole-day forecast)' : '';
  return `${data.rain_percent}% rain, ${temps}, wind ${Math.round(data.wind_speed_mph)} mph${whole}`;
}

/** 'rain', 'rain or heat', 'rain, strong wind or heat'. */
function orText(items: readonly string[]): string {
  return items.length <= 1
    ? items.join('')
    : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** Which clash says the most about why a crew has no slot: time off before a booked hour. */
const CLASH_ORDER: readonly Violation['rule'][] = [
  'staff_time_off',
  'business_closed',
  'staff_hours',
  'staff_overlap',
  'equipment_double_booked',
];
function mostTelling(violations: readonly Violation[]): Violation | undefined {
  const rank = (v: Violation) => {
    const i = CLASH_ORDER.indexOf(v.rule);
    return i < 0 ? CLASH_ORDER.length : i;
  };
  return [...violations].sort((a, b) => rank(a) - rank(b))[0];
}

/**
 * The appointments by business-local date, built once per array (a sweep asks for many proposals
 * over the same jobs, and adds each proposed slot to the array as it goes).
 */
const dateIndexes = new WeakMap<
  readonly Appointment[],
  { size: number; index: Map<DateKey, Appointment[]> }
>();

function appointmentsByDate(appointments: readonly Appointment[]): Map<DateKey, Appointment[]> {
  let entry = dateIndexes.get(appointments);
  if (!entry || entry.size > appointments.length) {
    entry = { size: 0, index: new Map() };
    dateIndexes.set(appointments, entry);
  }
  for (let i = entry.size; i < appointments.length; i++) {
    const a = appointments[i] as Appointment;
    const date = dateKeyOf(a.scheduled_date);
    const list = entry.index.get(date);
    if (list) list.push(a);
    else entry.index.set(date, [a]);
  }
  entry.size = appointments.length;
  return entry.index;
}

/**
 * The earliest slot with a workable forecast for a job at risk from the weather, or why there is
 * none (see the top of this file for the search).
 */
export function proposeSlot(facts: ProposalFacts): Proposal {
  const { business, job, forecast } = facts;
  const timeZone = business.timezone;
  const thresholds = business.config.weather_thresholds;
  const jobDate = dateKeyOf(job.scheduled_date);
  // The length on the clock, as the board shows it (the same as elapsed time but on a DST night).
  const duration = minutesOf(job.scheduled_end_time) - minutesOf(job.scheduled_start_time);
  const crew = unique(job.assigned_staff_ids);
  const earliest = facts.now.getTime() + PROPOSAL_LEAD_MINUTES * MINUTE_MS;

  const forecastEnd = forecast.days.at(-1)?.date;
  const searchEnd = addDays(jobDate, facts.searchDays ?? DEFAULT_SEARCH_DAYS);
  const lastDate = forecastEnd !== undefined && forecastEnd < searchEnd ? forecastEnd : searchEnd;
  const firstDate = business.config.allow_same_day_reschedule ? jobDate : addDays(jobDate, 1);
  const dates = forecastEnd === undefined ? [] : datesFrom(firstDate, lastDate);

  const byDate = appointmentsByDate(facts.appointments);
  const dated = (date: DateKey) =>
    (byDate.get(date) ?? []).map((appointment) => ({ appointment, date }));
  const names = facts.names ?? { clients: {}, services: {} };

  const searchDay = (date: DateKey): Found | DayOutcome => {
    const starts = gridStarts(facts, date, duration);
    if (starts.length === 0) return { date, kind: 'closed' };
    const future = starts.filter((s) => toUtcInstant(date, s, timeZone).getTime() >= earliest);
    if (future.length === 0) return { date, kind: 'too_soon' };

    const checked = future.map((start) => {
      const end = hhmm(minutesOf(start) + duration);
      return {
        start,
        end,
        check: checkJobWeather(forecast, { date, start, end }, timeZone, thresholds),
      };
    });
    const workable = checked.flatMap(({ start, end, check }): Slot[] =>
      check !== null && !check.exceeded ? [{ start, end, check }] : [],
    );
    if (workable.length === 0) {
      const known = checked.flatMap(({ check }) => (check ? [check] : []));
      if (known.length === 0) return { date, kind: 'no_forecast' };
      return { date, kind: 'weather', risks: unique(known.flatMap(weatherKinds)) };
    }

    // The rules compare a placement with the jobs of its staff and equipment around that day: those
    // alone are handed over, found through an index, not the whole business's jobs each time.
    const around = [addDays(date, -1), date, addDays(date, 1)].flatMap((d) => byDate.get(d) ?? []);
    const byStaff = new Map<string, Appointment[]>();
    const byEquipment = new Map<string, Appointment[]>();
    for (const a of around) {
      for (const id of a.assigned_staff_ids) byStaff.set(id, [...(byStaff.get(id) ?? []), a]);
      for (const id of a.assigned_equipment_ids) {
        byEquipment.set(id, [...(byEquipment.get(id) ?? []), a]);
      }
    }
    const equipmentJobs = job.assigned_equipment_ids.flatMap((id) => byEquipment.get(id) ?? []);
    const contextFor = (staffIds: readonly string[]): ScheduleContext => ({
      business,
      service: facts.service,
      staff: facts.staff,
      equipment: facts.equipment,
      nearbyAppointments: [
        ...new Set([...staffIds.flatMap((id) => byStaff.get(id) ?? []), ...equipmentJobs]),
      ],
      availability: facts.availability,
      names,
    });
    const tryCrew = (staffIds: string[], slot: Slot) => {
      const placement: Placement = {
        appointment_id: job.appointment_id,
        scheduled_date: date,
        start: slot.start,
        end: slot.end,
        staff_ids: staffIds,
        equipment_ids: job.assigned_equipment_ids,
        service_id: job.service_id,
      };
      return checkPlacement(placement, contextFor(staffIds));
    };
    const found = (staffIds: string[], slot: Slot, soft: Violation[]): Found => ({
      kind: 'found',
      date,
      ...slot,
      staffIds,
      warnings: soft.map((v) => v.message),
    });

    let clash: Violation | undefined;
    for (const slot of workable) {
      const result = tryCrew(crew, slot);
      if (result.hard.length === 0) return found(crew, slot, result.soft);
      clash ??= mostTelling(result.hard);
    }
    const standIns = crew.length === 0 ? [] : standInCrews(date, crew, facts, dated(date));
    for (const slot of workable) {
      for (const standIn of standIns) {
        const result = tryCrew(standIn, slot);
        if (result.hard.length === 0) return found(standIn, slot, result.soft);
      }
    }
    return { date, kind: 'taken', clash: clash?.message ?? null };
  };

  const outcomes: DayOutcome[] = [];
  for (const date of dates) {
    const outcome = searchDay(date);
    if (outcome.kind !== 'found') {
      outcomes.push(outcome);
      continue;
    }
    const { staffIds, warnings, check, start, end } = outcome;
    const move = {
      kind: 'move' as const,
      date,
      start,
      end,
      staff_ids: staffIds,
      same_crew: crewKey(staffIds) === crewKey(crew),
      check,
      warnings,
    };
    return { ...move, summary: moveSummary(move, facts) };
  }
  return { kind: 'none', reason: noSlotReason(outcomes, facts, forecastEnd, searchEnd) };
}

/**
 * Who could take the job on `date` instead of its crew, in the order they are tried: crews of the
 * same size already working together that day (by their first job), then, for a one-person job,
 * each active staff member (crew leads, crew members, managers; by name).
 */
function standInCrews(
  date: DateKey,
  crew: readonly string[],
  facts: ProposalFacts,
  dated: ReadonlyArray<{ appointment: Appointment; date: DateKey }>,
): string[][] {
  const active = new Set(
    facts.staff.filter((s) => s.is_active && s.deleted_at === null).map((s) => s.staff_id),
  );
  const seen = new Set([crewKey(crew)]);
  const crews: string[][] = [];
  const add = (ids: string[]) => {
    const key = crewKey(ids);
    if (ids.length !== crew.length || seen.has(key) || !ids.every((id) => active.has(id))) return;
    seen.add(key);
    crews.push(ids);
  };
  const dayJobs = dated
    .filter(
      ({ appointment: a, date: d }) =>
        d === date &&
        a.appointment_id !== facts.job.appointment_id &&
        a.deleted_at === null &&
        !IGNORED_STATUSES.has(a.status),
    )
    .map(({ appointment }) => appointment)
    .sort(
      (a, b) =>
        a.scheduled_start_time.localeCompare(b.scheduled_start_time) ||
        a.appointment_id.localeCompare(b.appointment_id),
    );
  for (const a of dayJobs) add(unique(a.assigned_staff_ids));
  if (crew.length === 1) {
    const everyone = [...facts.staff].sort(
      (a, b) =>
        ROLE_ORDER[a.role] - ROLE_ORDER[b.role] ||
        a.last_name.localeCompare(b.last_name) ||
        a.first_name.localeCompare(b.first_name),
    );
    for (const s of everyone) add([s.staff_id]);
  }
  return crews;
}

function moveSummary(move: Omit<Move, 'summary'>, facts: ProposalFacts): string {
  const { job, business, staff } = facts;
  const jobDate = dateKeyOf(job.scheduled_date);
  const where = `${shortDate(move.date)}, ${clockRange(move.start, move.end)}${move.date === jobDate ? ' (same day)' : ''}`;
  const crew = unique(job.assigned_staff_ids);
  const who =
    crew.length === 0
      ? ''
      : move.same_crew
        ? ` with the same crew (${crewText(crew, staff)})`
        : ` with ${crewText(move.staff_ids, staff)} instead of ${crewText(crew, staff)}`;
  const now = checkJobWeather(
    facts.forecast,
    { date: jobDate, start: job.scheduled_start_time, end: job.scheduled_end_time },
    business.timezone,
    business.config.weather_thresholds,
  );
  const was = `${shortDate(jobDate)}, ${clockRange(job.scheduled_start_time, job.scheduled_end_time)}`;
  const risks = now && now.risks.length > 0 ? `: ${now.risks.join(', ')}` : '';
  return `Move to ${where}${who}: ${forecastText(move.check)}. Was ${was}${risks}.`;
}

function noSlotReason(
  outcomes: readonly DayOutcome[],
  facts: ProposalFacts,
  forecastEnd: DateKey | undefined,
  searchEnd: DateKey,
): string {
  if (forecastEnd === undefined) return 'There is no forecast for this place yet.';
  const last = outcomes.at(-1)?.date;
  if (last === undefined) {
    return `The forecast ends ${shortDate(forecastEnd)}: there is no later day to offer yet.`;
  }
  const crew = unique(facts.job.assigned_staff_ids);
  const forWhom = crew.length === 0 ? 'this job' : crewText(crew, facts.staff);
  const through = `through ${shortDate(last)}${forecastEnd < searchEnd ? ' (where the forecast ends)' : ''}`;

  const taken = outcomes.filter((o) => o.kind === 'taken');
  const first = taken[0];
  if (first) {
    const days = listText(taken.map((o) => shortDate(o.date)));
    const forAnyone =
      crew.length === 0
        ? ''
        : crew.length === 1
          ? ` for ${forWhom} or anyone else`
          : ` for ${forWhom} or another crew of ${crew.length}`;
    const why = first.clash ? ` — ${first.clash}` : '.';
    return `No free slot with workable weather ${through}: ${days} ${taken.length === 1 ? 'looks' : 'look'} fine, but the board has no free time then${forAnyone}${why}`;
  }

  const weather = outcomes.flatMap((o) => (o.kind === 'weather' ? [o] : []));
  if (weather.length > 0) {
    const kinds = unique(weather.flatMap((o) => o.risks));
    const slot =
      kinds.length === 1 && kinds[0] === 'rain' ? 'dry slot' : 'slot with workable weather';
    const everyDay = weather.length === outcomes.length ? 'every day' : 'every day it is open';
    return `No ${slot} for ${forWhom} ${through} — the forecast shows ${orText(kinds)} ${everyDay}.`;
  }

  if (outcomes.every((o) => o.kind === 'closed')) {
    return `${facts.business.name} is closed every day ${through}.`;
  }
  return `No slot for ${forWhom} ${through}: the forecast does not cover the hours left to offer.`;
}
