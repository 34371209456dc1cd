// jobs.*: create, edit, repeat, duplicate, reschedule and close out jobs under the scheduling rules.
import type { JobChanges } from '../../../../shared/contract';
import type { Appointment, AppointmentInput, Service } from '../../../../shared/schemas';
import { newId } from '../../../../shared/schemas/ids';
import {
  addDays,
  dateKeyOf,
  daysBetween,
  minutesOf,
  scheduledDateValue,
  toUtcInstant,
  type DateKey,
  type TimeOfDay,
} from '../../../../shared/time';
import type { HandlerContext } from '../../context';
import type { Doc, TenantRepository } from '../../db/repository';
import type { Handlers } from '../../dispatch';
import { clockTime, shortDate } from '../scheduling/format';
import { checkJobPlacement, checkJobPlacements, overriddenNote } from '../scheduling/placement';
import type { Placement, Violation } from '../scheduling/rules';
import {
  activeClient,
  activeService,
  byDate,
  currentJob,
  durationOf,
  endAfter,
  hasCrew,
  notesValue,
  placementChanged,
  placementOf,
  recount,
  repositories,
  requireScheduled,
  requireSpan,
  sessionOf,
  undo,
  uniqueIds,
  type JobsDeps,
} from './common';
import { addPhoto, photo } from './photos';
import { seriesDates } from './series';
import { setStatus } from './status';

export type { JobsDeps };

type JobsChannel =
  | 'jobs.create'
  | 'jobs.update'
  | 'jobs.setStatus'
  | 'jobs.reschedule'
  | 'jobs.duplicate'
  | 'jobs.addPhoto'
  | 'jobs.photo';

/** The fields of a job's schedule, as stored, from a placement. */
function scheduleFields(p: Placement) {
  return {
    scheduled_date: scheduledDateValue(p.scheduled_date),
    scheduled_start_time: p.start,
    scheduled_end_time: p.end,
    estimated_duration_minutes: minutesOf(p.end) - minutesOf(p.start),
    assigned_staff_ids: p.staff_ids,
    assigned_equipment_ids: p.equipment_ids,
  };
}

const joinNotes = (...notes: (string | undefined)[]) =>
  notes.filter(Boolean).join(' ') || undefined;

/** What a job's copy keeps: who it is for, what is done, at what price, with what, and why. */
function copiedFields(job: Appointment): Partial<AppointmentInput> {
  return {
    client_id: job.client_id,
    service_id: job.service_id,
    service_price: job.service_price,
    custom_price: job.custom_price,
    discount: job.discount,
    currency: job.currency,
    notes: job.notes,
  };
}

/** Creates documents one by one; when one fails, the ones already written are (soft-)deleted again. */
async function createAll(
  ctx: HandlerContext,
  appointments: TenantRepository,
  docs: readonly { doc: Doc; note?: string }[],
): Promise<Appointment[]> {
  const written: Appointment[] = [];
  try {
    for (const { doc, note } of docs) {
      written.push((await appointments.create(doc, { note })) as unknown as Appointment);
    }
  } catch (err) {
    for (const job of written) {
      await undo(ctx, `the new job ${job.appointment_id}`, () =>
        appointments.remove(job.appointment_id, job.version),
      );
    }
    throw err;
  }
  return written;
}

async function create(
  deps: JobsDeps,
  ctx: HandlerContext,
  input: Parameters<Handlers['jobs.create']>[1],
) {
  const session = sessionOf(ctx);
  const repos = repositories(deps, ctx);
  const [business, service] = await Promise.all([
    repos.business(),
    activeService(repos.services, input.service_id),
    activeClient(repos.clients, input.client_id),
  ]);
  const end = input.end ?? endAfter(input.start, service.default_duration_minutes);
  requireSpan(input.start, end);
  const dates = input.repeat
    ? seriesDates(input.scheduled_date, input.repeat)
    : [input.scheduled_date];
  const placements: Placement[] = dates.map((date) => ({
    scheduled_date: date,
    start: input.start,
    end,
    staff_ids: uniqueIds(input.staff_ids),
    equipment_ids: uniqueIds(input.equipment_ids ?? service.requires_equipment_ids),
    service_id: service.service_id,
  }));
  const warnings = await checkJobPlacements(deps, ctx, placements.filter(hasCrew), {
    override_warnings: input.override_warnings,
  });

  const series = input.repeat
    ? { series_id: newId('ser'), series_frequency: input.repeat.frequency }
    : { series_id: null, series_frequency: null };
  const created = await createAll(
    ctx,
    repos.appointments,
    placements.map((p, i) => ({
      doc: {
        client_id: input.client_id,
        service_id: service.service_id,
        ...scheduleFields(p),
        status: 'scheduled',
        notes: notesValue(input.notes),
        service_price: service.default_price,
        custom_price: input.custom_price ?? null,
        discount: input.discount ?? 0,
        currency: service.currency,
        ...series,
      },
      note: joinNotes(
        input.repeat
          ? `Visit ${i + 1} of ${placements.length} of a ${input.repeat.frequency} series.`
          : undefined,
        overriddenNote(warnings),
      ),
    })),
  );
  await recount(deps, session, business, created);
  await deps.messages?.booked(business, created as Appointment[]);
  return { appointments: created.sort(byDate), warnings };
}

/** A job's new schedule and fields after `changes` (moved by `shiftDays` when the date changes). */
function applyChanges(
  job: Appointment,
  changes: JobChanges,
  shiftDays: number,
  service: Service | null,
): { placement: Placement; patch: Doc } {
  const before = placementOf(job);
  const start = changes.start ?? before.start;
  const end =
    changes.end ??
    (service
      ? endAfter(start, service.default_duration_minutes)
      : changes.start !== undefined
        ? endAfter(start, durationOf(job))
        : before.end);
  requireSpan(start, end);
  const placement: Placement = {
    appointment_id: job.appointment_id,
    scheduled_date:
      changes.scheduled_date === undefined
        ? before.scheduled_date
        : addDays(before.scheduled_date, shiftDays),
    start,
    end,
    staff_ids: uniqueIds(changes.staff_ids ?? before.staff_ids),
    equipment_ids: uniqueIds(changes.equipment_ids ?? before.equipment_ids),
    service_id: service?.service_id ?? before.service_id,
  };
  const patch: Doc = { ...scheduleFields(placement) };
  if (service) {
    patch.service_id = service.service_id;
    patch.service_price = service.default_price;
    patch.currency = service.currency;
  }
  if (changes.client_id !== undefined) patch.client_id = changes.client_id;
  if (changes.notes !== undefined) patch.notes = notesValue(changes.notes);
  if (changes.custom_price !== undefined) patch.custom_price = changes.custom_price;
  if (changes.discount !== undefined) patch.discount = changes.discount;
  return { placement, patch };
}

async function update(
  deps: JobsDeps,
  ctx: HandlerContext,
  input: Parameters<Handlers['jobs.update']>[1],
) {
  const session = sessionOf(ctx);
  const repos = repositories(deps, ctx);
  const job = await currentJob(repos.appointments, input.appointment_id, input.version);
  requireScheduled(job, 'changed');
  const { changes } = input;
  const [business, service] = await Promise.all([
    repos.business(),
    changes.service_id !== undefined && changes.service_id !== job.service_id
      ? activeService(repos.services, changes.service_id)
      : null,
    changes.client_id !== undefined && changes.client_id !== job.client_id
      ? activeClient(repos.clients, changes.client_id)
      : null,
  ]);

  // This occurrence first (its version is the one the dispatcher saw), then the later ones.
  const following =
    input.scope === 'following' && job.series_id !== null
      ? (
          (await repos.appointments.find({
            series_id: job.series_id,
            status: 'scheduled',
            scheduled_date: { $gte: job.scheduled_date },
            appointment_id: { $ne: job.appointment_id },
          })) as unknown as Appointment[]
        ).sort(byDate)
      : [];
  const jobs = [job, ...following];
  const shiftDays =
    changes.scheduled_date === undefined
      ? 0
      : daysBetween(dateKeyOf(job.scheduled_date), changes.scheduled_date);
  const planned = jobs.map((j) => ({ job: j, ...applyChanges(j, changes, shiftDays, service) }));

  const moved = planned.filter((p) => placementChanged(placementOf(p.job), p.placement));
  const warnings = await checkJobPlacements(
    deps,
    ctx,
    moved.map((p) => p.placement).filter(hasCrew),
    { override_warnings: input.override_warnings, ignore: jobs.map((j) => j.appointment_id) },
  );

  const seriesNote = following.length
    ? `Changed for this and the following visits of its series from ${shortDate(dateKeyOf(job.scheduled_date))} (${jobs.length} visits).`
    : undefined;
  const note = joinNotes(seriesNote, overriddenNote(warnings));
  const written: { before: Appointment; after: Appointment; fields: string[] }[] = [];
  try {
    for (const { job: j, patch } of planned) {
      const after = (await repos.appointments.update(
        j.appointment_id,
        j === job ? input.version : j.version,
        patch,
        { action: 'updated', note },
      )) as unknown as Appointment;
      written.push({ before: j, after, fields: Object.keys(patch) });
    }
  } catch (err) {
    // Someone changed a later visit meanwhile: put back the ones already saved, so all or none change.
    for (const { before, after, fields } of written.reverse()) {
      const old = Object.fromEntries(fields.map((f) => [f, before[f as keyof Appointment]]));
      await undo(ctx, `the change of ${after.appointment_id}`, () =>
        repos.appointments.update(after.appointment_id, after.version, old, {
          action: 'updated',
          note: 'Undone: another visit of the series was changed by someone else meanwhile.',
        }),
      );
    }
    throw err;
  }
  await recount(deps, session, business, [...jobs, ...written.map((w) => w.after)]);
  return { appointments: written.map((w) => w.after).sort(byDate), warnings };
}

export async function reschedule(
  deps: JobsDeps,
  ctx: HandlerContext,
  input: Parameters<Handlers['jobs.reschedule']>[1],
) {
  const session = sessionOf(ctx);
  const repos = repositories(deps, ctx);
  const job = await currentJob(repos.appointments, input.appointment_id, input.version);
  requireScheduled(job, 'rescheduled');
  const business = await repos.business();
  const end = input.end ?? endAfter(input.start, durationOf(job));
  requireSpan(input.start, end);
  const placement: Placement = {
    scheduled_date: input.scheduled_date,
    start: input.start,
    end,
    staff_ids: uniqueIds(input.staff_ids ?? job.assigned_staff_ids),
    equipment_ids: uniqueIds(input.equipment_ids ?? job.assigned_equipment_ids),
    service_id: job.service_id,
  };
  // The old visit's slot is freed by this very change, so it never clashes with the new one.
  const warnings = hasCrew(placement)
    ? await checkJobPlacement(deps, ctx, placement, {
        override_warnings: input.override_warnings,
        ignore: [job.appointment_id],
      })
    : [];

  const oldDate = dateKeyOf(job.scheduled_date);
  const [replacement] = await createAll(ctx, repos.appointments, [
    {
      doc: {
        ...copiedFields(job),
        ...scheduleFields(placement),
        status: 'scheduled',
        series_id: job.series_id,
        series_frequency: job.series_frequency,
        rescheduled_from_appointment_id: job.appointment_id,
        rescheduled_from_datetime: toUtcInstant(
          oldDate,
          job.scheduled_start_time,
          business.timezone,
        ),
        was_rescheduled_due_to_weather: input.due_to_weather,
      },
      note: joinNotes(
        `Rescheduled from ${shortDate(oldDate)} ${clockTime(job.scheduled_start_time)}${input.due_to_weather ? ' because of the weather' : ''}.`,
        overriddenNote(warnings),
      ),
    },
  ]);
  const appointment = replacement as Appointment;
  let original: Appointment;
  try {
    original = (await repos.appointments.update(
      job.appointment_id,
      input.version,
      { status: 'rescheduled' },
      {
        action: 'rescheduled',
        note: `Replaced by ${appointment.appointment_id} on ${shortDate(input.scheduled_date)} ${clockTime(input.start)}${input.due_to_weather ? ' because of the weather' : ''}.`,
      },
    )) as unknown as Appointment;
  } catch (err) {
    // The old job changed meanwhile: take the new one back, so the job is not booked twice.
    await undo(ctx, `the replacement ${appointment.appointment_id}`, () =>
      repos.appointments.remove(appointment.appointment_id, appointment.version),
    );
    throw err;
  }
  await recount(deps, session, business, [original, appointment]);
  await deps.messages?.rescheduled(business, original, appointment);
  return { original, appointment, warnings };
}

async function duplicate(
  deps: JobsDeps,
  ctx: HandlerContext,
  input: Parameters<Handlers['jobs.duplicate']>[1],
) {
  const session = sessionOf(ctx);
  const repos = repositories(deps, ctx);
  const job = (await repos.appointments.get(input.appointment_id)) as unknown as Appointment;
  const [business] = await Promise.all([
    repos.business(),
    activeService(repos.services, job.service_id),
    activeClient(repos.clients, job.client_id),
  ]);
  const start: TimeOfDay = input.start ?? job.scheduled_start_time;
  const date: DateKey = input.scheduled_date ?? dateKeyOf(job.scheduled_date);
  const placement: Placement = {
    scheduled_date: date,
    start,
    end: endAfter(start, durationOf(job)),
    staff_ids: uniqueIds(input.staff_ids),
    equipment_ids: job.assigned_equipment_ids,
    service_id: job.service_id,
  };
  const warnings: Violation[] = hasCrew(placement)
    ? await checkJobPlacement(deps, ctx, placement, { override_warnings: input.override_warnings })
    : [];
  const [copy] = await createAll(ctx, repos.appointments, [
    {
      doc: { ...copiedFields(job), ...scheduleFields(placement), status: 'scheduled' },
      note: joinNotes(`Copied from ${job.appointment_id}.`, overriddenNote(warnings)),
    },
  ]);
  const appointment = copy as Appointment;
  await recount(deps, session, business, [appointment]);
  return { appointment, warnings };
}

export function createJobsHandlers(deps: JobsDeps): Pick<Handlers, JobsChannel> {
  return {
    'jobs.create': (ctx, input) => create(deps, ctx, input) as never,
    'jobs.update': (ctx, input) => update(deps, ctx, input) as never,
    'jobs.setStatus': (ctx, input) => setStatus(deps, ctx, input) as never,
    'jobs.reschedule': (ctx, input) => reschedule(deps, ctx, input) as never,
    'jobs.duplicate': (ctx, input) => duplicate(deps, ctx, input) as never,
    'jobs.addPhoto': (ctx, input) => addPhoto(deps, ctx, input) as never,
    'jobs.photo': (ctx, input) => photo(deps, ctx, input),
  };
}
