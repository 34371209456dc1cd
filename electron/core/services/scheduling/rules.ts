// The dispatch board's scheduling rules as one pure function: may this job go at this time, with these people and this equipment?
//
// Severity — hard violations refuse the placement; soft ones warn and a dispatcher may override;
// info ones are notices to show with the job that never stop a placement:
//
// | rule                           | severity | why                                                          |
// | ------------------------------ | -------- | ------------------------------------------------------------ |
// | invalid_time                   | hard     | the job has no real time span to check                       |
// | staff_overlap                  | hard     | one person cannot be at two jobs, or drive between too fast  |
// | staff_inactive                 | hard     | the person no longer works here                              |
// | staff_hours                    | hard     | outside the person's own working hours (or a day off)        |
// | staff_time_off                 | hard     | vacation, sick days, training, recurring days off            |
// | business_closed                | hard     | holiday/closure, or a weekday the business never opens       |
// | equipment_double_booked        | hard     | one machine cannot be at two jobs                            |
// | equipment_unavailable          | hard     | in the shop, retired, or no longer in use                    |
// | minimum_staff                  | hard     | the service cannot be done with fewer people                 |
// | crew_stacking                  | hard     | a second crew on a job that takes one                        |
// | business_hours                 | soft     | open that day, but the job runs early or late: often agreed  |
// | equipment_maintenance_due      | soft     | the machine still runs; the office is reminded to service it |
// | equipment_maintenance_due_soon | info     | due within 7 days after the job: plan the service around it  |
//
// Definitions:
// - Time: a job's span is [start, end) between UTC instants of its local date and times in the
//   business time zone (shared/time toUtcInstant), so overlaps and gaps are real elapsed minutes
//   across DST changes and midnight; hours and weekdays are compared on the local wall clock.
//   A time the clock skips (02:30 on a spring-forward night) is invalid_time.
// - Other jobs: appointments of the business that are not deleted, canceled or rescheduled, and
//   are not the job being moved (`appointment_id`).
// - staff_overlap: another job of the same person overlaps, or the gap between the two is less
//   than config.min_gap_between_jobs_minutes (a gap exactly equal to it is fine). Equipment has
//   no gap: equipment_double_booked is a real overlap only, as machines travel with the crew.
// - Hours: special_hours entries covering the date replace the weekly hours — business-wide ones
//   (staff_id null) the business hours, a person's own their availability_schedule. A job must
//   fit inside one range. recurring_schedule entries are not used: weekly hours live in
//   availability_schedule and business_hours.
// - Time off: time_off entries covering the date (date_from..date_to inclusive, or occurrences of
//   their RRULE anchored at date_from and not after date_to); with start_time/end_time they block
//   only that part of the day. Business-wide ones (staff_id null) are business_closed.
// - minimum_staff: an assignment of fewer distinct people than service.minimum_staff_count. A
//   placement with nobody assigned is a job waiting in the unassigned queue and is not refused.
// - crew_stacking: each crew lead heads a crew. When !service.can_have_multiple_crews or
//   !business.config.allow_crew_stacking, a job may not have more than one crew lead unless all
//   its people are needed to reach minimum_staff_count (then the leads work as one crew).
//   Crew members and managers join the crew and never make a second one.
// - Maintenance: equipment_maintenance_due when the machine's maintenance_due_date is on or before
//   the job's date; equipment_maintenance_due_soon when it falls in the
//   MAINTENANCE_DUE_SOON_DAYS after it (a later date is not mentioned).
import type {
  Appointment,
  Availability,
  Business,
  Equipment,
  Service,
  Staff,
} from '../../../../shared/schemas';
import {
  dateKeyOf,
  isDateKey,
  localTimeOf,
  minutesOf,
  TIME_OF_DAY_PATTERN,
  toUtcInstant,
  wallClockExists,
  type DateKey,
  type TimeOfDay,
} from '../../../../shared/time';
import { businessHoursOn, entriesOn, staffHoursOn, type DayHours } from './calendar';
import {
  clockRange,
  clockTime,
  listText,
  minutesText,
  shortDate,
  staffName,
  weekdayPlural,
} from './format';

export type RuleId =
  | 'invalid_time'
  | 'staff_overlap'
  | 'staff_inactive'
  | 'staff_hours'
  | 'staff_time_off'
  | 'business_closed'
  | 'business_hours'
  | 'equipment_double_booked'
  | 'equipment_unavailable'
  | 'equipment_maintenance_due'
  | 'equipment_maintenance_due_soon'
  | 'minimum_staff'
  | 'crew_stacking';

export type Severity = 'hard' | 'soft' | 'info';

export const RULE_SEVERITY: Readonly<Record<RuleId, Severity>> = {
  invalid_time: 'hard',
  staff_overlap: 'hard',
  staff_inactive: 'hard',
  staff_hours: 'hard',
  staff_time_off: 'hard',
  business_closed: 'hard',
  business_hours: 'soft',
  equipment_double_booked: 'hard',
  equipment_unavailable: 'hard',
  equipment_maintenance_due: 'soft',
  equipment_maintenance_due_soon: 'info',
  minimum_staff: 'hard',
  crew_stacking: 'hard',
};

/** What a rule found about a placement. */
export interface Finding {
  rule: RuleId;
  severity: Severity;
  /** One sentence a dispatcher understands, naming the rule and the clash. */
  message: string;
  appointment_id?: string;
  staff_id?: string;
  equipment_id?: string;
}

/** A finding that refuses (hard) or warns until overridden (soft). */
export interface Violation extends Finding {
  severity: 'hard' | 'soft';
}

/** A finding shown with the job that never stops a placement. */
export interface Notice extends Finding {
  severity: 'info';
}

export interface Placement {
  /** Set when moving an existing job (it never clashes with itself). */
  appointment_id?: string;
  /** 'YYYY-MM-DD', local to the business time zone. */
  scheduled_date: string;
  /** 'HH:mm' local. */
  start: string;
  end: string;
  staff_ids: string[];
  equipment_ids: string[];
  service_id: string;
}

export interface ScheduleContext {
  business: Business;
  service: Service;
  /** The staff in placement.staff_ids; one that is missing is treated as inactive. */
  staff: Staff[];
  /** The equipment in placement.equipment_ids; one that is missing is unavailable. */
  equipment: Equipment[];
  /**
   * Other jobs on that date and the days before and after involving any of the staff or
   * equipment; canceled, rescheduled and deleted ones are ignored.
   */
  nearbyAppointments: readonly Appointment[];
  /** Availability entries of the business that may touch that date (business-wide and per staff). */
  availability: Availability[];
  /** Display names for messages: client names by client_id, service names by service_id. */
  names: { clients: Record<string, string>; services: Record<string, string> };
}

export type FreeIntervalContext = Omit<ScheduleContext, 'service' | 'equipment' | 'names'>;

/** [start, end) in epoch milliseconds. */
interface Span {
  start: number;
  end: number;
}

/**
 * Another job the rules compare against, with its real span and the words that name it in
 * messages. A class, not an object literal with a getter: a board day builds thousands (each job
 * against its crew's others), and a literal with an accessor is built the slow way; the label is
 * written only for a clash.
 */
class OtherJob {
  constructor(
    readonly appointment: Appointment,
    readonly span: Span,
    /** The other job's date… */
    private readonly jobDate: DateKey,
    /** …and the date of the placement being checked: the label names the day only if they differ. */
    private readonly placementDate: DateKey,
    private readonly names: ScheduleContext['names'] | undefined,
  ) {}

  get label(): string {
    const apt = this.appointment;
    const service = this.names?.services[apt.service_id] ?? 'a job';
    const client = this.names?.clients[apt.client_id] ?? 'another client';
    const when = clockRange(apt.scheduled_start_time, apt.scheduled_end_time);
    const day = this.jobDate === this.placementDate ? '' : ` on ${shortDate(this.jobDate)}`;
    return `${service} for ${client}${day} ${when}`;
  }
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** Days after a job's date within which a machine's maintenance due date is mentioned on the job. */
export const MAINTENANCE_DUE_SOON_DAYS = 7;

const IGNORED_STATUSES: ReadonlySet<Appointment['status']> = new Set(['canceled', 'rescheduled']);

function spanOf(date: DateKey, start: TimeOfDay, end: TimeOfDay, timeZone: string): Span {
  return {
    start: toUtcInstant(date, start, timeZone).getTime(),
    end: toUtcInstant(date, end, timeZone).getTime(),
  };
}

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

function violation(
  rule: RuleId,
  message: string,
  ids: Pick<Finding, 'appointment_id' | 'staff_id' | 'equipment_id'> = {},
): Finding {
  return { rule, severity: RULE_SEVERITY[rule], message, ...ids };
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

function checkTimes(p: Placement, timeZone: string): Finding[] {
  if (!isDateKey(p.scheduled_date)) {
    return [violation('invalid_time', `The date ${p.scheduled_date} is not a calendar date.`)];
  }
  const bad = (
    [
      ['start', p.start],
      ['end', p.end],
    ] as const
  ).filter(([, time]) => !TIME_OF_DAY_PATTERN.test(time));
  if (bad.length > 0) {
    return bad.map(([which, time]) =>
      violation(
        'invalid_time',
        `The ${which} time "${time}" is not a time of day between 12:00 AM and 11:59 PM.`,
      ),
    );
  }
  if (minutesOf(p.end) <= minutesOf(p.start)) {
    return [
      violation(
        'invalid_time',
        `The job ends at ${clockTime(p.end)}, which is not after its start at ${clockTime(p.start)}.`,
      ),
    ];
  }
  return [p.start, p.end]
    .filter((time) => !wallClockExists(p.scheduled_date, time, timeZone))
    .map((time) =>
      violation(
        'invalid_time',
        `${clockTime(time)} does not exist on ${shortDate(p.scheduled_date)}: the clocks spring forward that night.`,
      ),
    );
}

/** Where a stored job was when its span was worked out, and that span. */
interface Placed {
  time: number;
  start: string;
  end: string;
  timeZone: string;
  date: DateKey;
  span: Span;
}
const placedSpans = new WeakMap<Appointment, Placed>();
/**
 * A stored job's date and real span, worked out once per job object (and again only if its
 * placement changed): checking a board day compares each of its jobs with every other job of the
 * same people.
 */
function placedSpan(apt: Appointment, timeZone: string): { date: DateKey; span: Span } {
  const time = apt.scheduled_date.getTime();
  const start = apt.scheduled_start_time;
  const end = apt.scheduled_end_time;
  const known = placedSpans.get(apt);
  if (
    known !== undefined &&
    known.time === time &&
    known.start === start &&
    known.end === end &&
    known.timeZone === timeZone
  ) {
    return known;
  }
  const date = dateKeyOf(apt.scheduled_date);
  const placed = { time, start, end, timeZone, date, span: spanOf(date, start, end, timeZone) };
  placedSpans.set(apt, placed);
  return placed;
}

/** The jobs the rules compare against (all but `movingId`), with their real spans. */
function otherJobs(
  date: DateKey,
  movingId: string | undefined,
  ctx: FreeIntervalContext,
  names?: ScheduleContext['names'],
): OtherJob[] {
  const timeZone = ctx.business.timezone;
  return ctx.nearbyAppointments
    .filter(
      (apt) =>
        apt.business_id === ctx.business.business_id &&
        apt.deleted_at === null &&
        !IGNORED_STATUSES.has(apt.status) &&
        apt.appointment_id !== movingId,
    )
    .map((apt) => {
      const { date: aptDate, span } = placedSpan(apt, timeZone);
      return new OtherJob(apt, span, aptDate, date, names);
    });
}

function reasonText(entry: Availability): string {
  const reason = entry.reason?.replace(/_/g, ' ');
  const parts = [reason, entry.notes].filter((part): part is string => Boolean(part));
  return parts.length > 0 ? ` (${parts.join(': ')})` : '';
}

function hoursText(hours: DayHours, date: DateKey): string {
  const ranges = listText(hours.ranges.map((r) => clockRange(r.start, r.end)));
  return hours.special
    ? `${ranges} on ${shortDate(date)} (special hours)`
    : `${ranges} on ${weekdayPlural(date)}`;
}

function fitsHours(hours: DayHours, p: Placement): boolean {
  const start = minutesOf(p.start);
  const end = minutesOf(p.end);
  return hours.ranges.some((r) => minutesOf(r.start) <= start && end <= minutesOf(r.end));
}

/** The time_off entries covering the date for one staff member, or business-wide for null. */
function timeOffOn(ctx: FreeIntervalContext, staffId: string | null, date: DateKey) {
  return entriesOn(ctx.availability, ctx.business.business_id, 'time_off', date).filter(
    (entry) => entry.staff_id === staffId,
  );
}

/** The blocked span of a time_off entry on `date`: the whole day when it has no times. */
function blockedSpan(entry: Availability, date: DateKey, timeZone: string): Span | 'all-day' {
  if (entry.start_time === null || entry.end_time === null) return 'all-day';
  return spanOf(date, entry.start_time, entry.end_time, timeZone);
}

function isActiveStaff(member: Staff | undefined): member is Staff {
  return member !== undefined && member.is_active && member.deleted_at === null;
}

function checkStaff(
  p: Placement,
  ctx: ScheduleContext,
  span: Span,
  others: readonly OtherJob[],
): Finding[] {
  const { business } = ctx;
  const date = p.scheduled_date;
  const minGap = business.config.min_gap_between_jobs_minutes;
  const found: Finding[] = [];
  for (const staffId of unique(p.staff_ids)) {
    const member = ctx.staff.find((s) => s.staff_id === staffId);
    const ids = { staff_id: staffId };
    if (!isActiveStaff(member)) {
      found.push(
        violation(
          'staff_inactive',
          member
            ? `${staffName(member)} is no longer an active staff member.`
            : `Staff member ${staffId} is not on the team (deleted or unknown).`,
          ids,
        ),
      );
      continue;
    }
    const name = staffName(member);

    const hours = staffHoursOn(member, ctx.availability, date);
    if (hours.ranges.length === 0) {
      found.push(violation('staff_hours', `${name} does not work on ${weekdayPlural(date)}.`, ids));
    } else if (!fitsHours(hours, p)) {
      found.push(
        violation(
          'staff_hours',
          `${name} works ${hoursText(hours, date)}; this job runs ${clockRange(p.start, p.end)}.`,
          ids,
        ),
      );
    }

    for (const entry of timeOffOn(ctx, staffId, date)) {
      const blocked = blockedSpan(entry, date, business.timezone);
      if (blocked === 'all-day') {
        found.push(
          violation(
            'staff_time_off',
            `${name} is off on ${shortDate(date)}${reasonText(entry)}.`,
            ids,
          ),
        );
      } else if (overlaps(blocked, span)) {
        const window = clockRange(entry.start_time ?? '', entry.end_time ?? '');
        found.push(
          violation(
            'staff_time_off',
            `${name} is off ${window} on ${shortDate(date)}${reasonText(entry)}; this job runs ${clockRange(p.start, p.end)}.`,
            ids,
          ),
        );
      }
    }

    for (const other of others) {
      if (!other.appointment.assigned_staff_ids.includes(staffId)) continue;
      const gap = Math.max(other.span.start - span.end, span.start - other.span.end) / MINUTE_MS;
      if (gap >= minGap) continue;
      const clash = { ...ids, appointment_id: other.appointment.appointment_id };
      if (gap < 0) {
        found.push(
          violation('staff_overlap', `${name} already has ${other.label} at that time.`, clash),
        );
      } else if (gap < minGap) {
        found.push(
          violation(
            'staff_overlap',
            `${name} has ${other.label}, only ${minutesText(gap)} from this job; jobs need ${minutesText(minGap)} between them.`,
            clash,
          ),
        );
      }
    }
  }
  return found;
}

function checkBusiness(p: Placement, ctx: ScheduleContext, span: Span): Finding[] {
  const { business } = ctx;
  const date = p.scheduled_date;
  const found: Finding[] = [];
  let closedAllDay = false;
  for (const entry of timeOffOn(ctx, null, date)) {
    const blocked = blockedSpan(entry, date, business.timezone);
    if (blocked === 'all-day') {
      closedAllDay = true;
      found.push(
        violation(
          'business_closed',
          `${business.name} is closed on ${shortDate(date)}${reasonText(entry)}.`,
        ),
      );
    } else if (overlaps(blocked, span)) {
      const window = clockRange(entry.start_time ?? '', entry.end_time ?? '');
      found.push(
        violation(
          'business_closed',
          `${business.name} is closed ${window} on ${shortDate(date)}${reasonText(entry)}; this job runs ${clockRange(p.start, p.end)}.`,
        ),
      );
    }
  }
  if (closedAllDay) return found;

  const hours = businessHoursOn(business, ctx.availability, date);
  if (hours.ranges.length === 0) {
    found.push(
      violation('business_closed', `${business.name} is closed on ${weekdayPlural(date)}.`),
    );
  } else if (!fitsHours(hours, p)) {
    found.push(
      violation(
        'business_hours',
        `This job runs ${clockRange(p.start, p.end)}, outside business hours (${hoursText(hours, date)}).`,
      ),
    );
  }
  return found;
}

function unavailableText(piece: Equipment): string | null {
  if (piece.status === 'maintenance') return `${piece.name} is in maintenance.`;
  if (piece.status === 'retired') return `${piece.name} is retired.`;
  if (!piece.is_active || piece.deleted_at !== null) return `${piece.name} is no longer in use.`;
  return null;
}

function checkEquipment(
  p: Placement,
  ctx: ScheduleContext,
  span: Span,
  others: readonly OtherJob[],
): Finding[] {
  const date = p.scheduled_date;
  const found: Finding[] = [];
  for (const equipmentId of unique(p.equipment_ids)) {
    const piece = ctx.equipment.find((e) => e.equipment_id === equipmentId);
    const ids = { equipment_id: equipmentId };
    const unavailable = piece
      ? unavailableText(piece)
      : `Equipment ${equipmentId} is not in the equipment list (deleted or unknown).`;
    if (unavailable !== null) found.push(violation('equipment_unavailable', unavailable, ids));
    if (!piece || unavailable !== null) continue;
    for (const other of others) {
      if (!other.appointment.assigned_equipment_ids.includes(equipmentId)) continue;
      if (!overlaps(other.span, span)) continue;
      found.push(
        violation('equipment_double_booked', `${piece.name} is already on ${other.label}.`, {
          ...ids,
          appointment_id: other.appointment.appointment_id,
        }),
      );
    }
    if (!piece.maintenance_due_date) continue;
    const due = dateKeyOf(piece.maintenance_due_date);
    // Both are calendar dates at 00:00 UTC, so they are whole days apart; the job's date was
    // checked by checkTimes, and the board checks every job of a day, so no Temporal here.
    const days = (piece.maintenance_due_date.getTime() - Date.parse(`${date}T00:00:00Z`)) / DAY_MS;
    if (days <= 0) {
      found.push(
        violation(
          'equipment_maintenance_due',
          days === 0
            ? `${piece.name} is due for maintenance on ${shortDate(due)}.`
            : `${piece.name} has been due for maintenance since ${shortDate(due)}.`,
          ids,
        ),
      );
    } else if (days <= MAINTENANCE_DUE_SOON_DAYS) {
      found.push(
        violation(
          'equipment_maintenance_due_soon',
          `${piece.name} is due for maintenance ${days === 1 ? 'the day after this job' : `${days} days after this job`}, on ${shortDate(due)}.`,
          ids,
        ),
      );
    }
  }
  return found;
}

function checkCrew(p: Placement, ctx: ScheduleContext): Finding[] {
  const { service, business } = ctx;
  const staffIds = unique(p.staff_ids);
  const found: Finding[] = [];
  const minimum = service.minimum_staff_count;
  if (staffIds.length > 0 && staffIds.length < minimum) {
    found.push(
      violation(
        'minimum_staff',
        `${service.name} needs at least ${minimum} staff; ${staffIds.length} ${staffIds.length === 1 ? 'is' : 'are'} assigned.`,
      ),
    );
  }
  const why = !service.can_have_multiple_crews
    ? `${service.name} takes one crew per job`
    : !business.config.allow_crew_stacking
      ? `${business.name} does not allow crew stacking`
      : null;
  const leads = ctx.staff.filter((s) => staffIds.includes(s.staff_id) && s.role === 'crew_lead');
  if (why !== null && leads.length > 1 && staffIds.length > minimum) {
    found.push(
      violation(
        'crew_stacking',
        `${why}, but ${listText(leads.map(staffName))} would each lead a crew on it.`,
      ),
    );
  }
  return found;
}

/** A placement's findings by severity. */
export interface RuleCheck {
  hard: Violation[];
  soft: Violation[];
  info: Notice[];
}

/**
 * Checks a job's placement against the board's rules. Hard violations mean the placement is
 * refused; soft ones are warnings a dispatcher may override; info ones are notices to show with
 * the job, never a reason to stop.
 */
export function checkPlacement(p: Placement, ctx: ScheduleContext): RuleCheck {
  const timeZone = ctx.business.timezone;
  let found = checkTimes(p, timeZone);
  if (found.length === 0) {
    const span = spanOf(p.scheduled_date, p.start, p.end, timeZone);
    const others = otherJobs(p.scheduled_date, p.appointment_id, ctx, ctx.names);
    found = [
      ...checkStaff(p, ctx, span, others),
      ...checkBusiness(p, ctx, span),
      ...checkEquipment(p, ctx, span, others),
      ...checkCrew(p, ctx),
    ];
  }
  return {
    hard: found.filter((v): v is Violation => v.severity === 'hard'),
    soft: found.filter((v): v is Violation => v.severity === 'soft'),
    info: found.filter((v): v is Notice => v.severity === 'info'),
  };
}

/** `spans` minus `cut`, keeping the pieces that are not empty. */
function subtract(spans: readonly Span[], cut: Span): Span[] {
  return spans.flatMap((s) => {
    if (!overlaps(s, cut)) return [s];
    return [
      { start: s.start, end: Math.min(s.end, cut.start) },
      { start: Math.max(s.start, cut.end), end: s.end },
    ].filter((piece) => piece.end > piece.start);
  });
}

/**
 * The times on `date` when a staff member could take a job without a hard conflict of their own:
 * their working hours that day, minus their time off and business closures, minus their jobs
 * widened by the minimum gap on each side (measured in real minutes, across midnight too).
 * Empty for an inactive or unknown staff member. Business hours are not applied (they only warn).
 */
export function freeIntervals(
  staffId: string,
  date: string,
  ctx: FreeIntervalContext,
): Array<{ start: string; end: string }> {
  const member = ctx.staff.find((s) => s.staff_id === staffId);
  if (!isActiveStaff(member)) return [];
  const timeZone = ctx.business.timezone;
  if (businessHoursOn(ctx.business, ctx.availability, date).ranges.length === 0) return [];

  let free = staffHoursOn(member, ctx.availability, date).ranges.map((r) =>
    spanOf(date, r.start, r.end, timeZone),
  );
  for (const entry of [...timeOffOn(ctx, staffId, date), ...timeOffOn(ctx, null, date)]) {
    const blocked = blockedSpan(entry, date, timeZone);
    if (blocked === 'all-day') return [];
    free = subtract(free, blocked);
  }
  const gapMs = ctx.business.config.min_gap_between_jobs_minutes * MINUTE_MS;
  for (const other of otherJobs(date, undefined, ctx)) {
    if (!other.appointment.assigned_staff_ids.includes(staffId)) continue;
    free = subtract(free, { start: other.span.start - gapMs, end: other.span.end + gapMs });
  }
  return free
    .sort((a, b) => a.start - b.start)
    .map((s) => ({
      start: localTimeOf(new Date(s.start), timeZone),
      end: localTimeOf(new Date(s.end), timeZone),
    }));
}
