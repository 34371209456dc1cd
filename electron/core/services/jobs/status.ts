// jobs.setStatus: a job's way from scheduled to in progress to completed, or to canceled.
//
// | from        | to          | when                                                       |
// | ----------- | ----------- | ---------------------------------------------------------- |
// | scheduled   | in_progress | the crew starts the job                                    |
// | scheduled   | completed   | the office closes a job out after the fact                 |
// | scheduled   | canceled    | the client or the office calls it off                      |
// | in_progress | completed   | the crew finishes                                          |
// | in_progress | canceled    | the crew cannot finish (weather, locked gate)              |
//
// Everything else is refused: completed, canceled and rescheduled jobs are history, and a job
// is rescheduled with jobs.reschedule (which makes its replacement), never by a status change.
import type { StatusChange } from '../../../../shared/contract';
import type { Appointment, AppointmentStatus } from '../../../../shared/schemas';
import { dateKeyOf, localDateOf, localTimeOf, toUtcInstant } from '../../../../shared/time';
import type { HandlerContext } from '../../context';
import { AppError, ConflictError } from '../../errors';
import { clockTime, shortDate } from '../scheduling/format';
import { currentJob, recount, repositories, sessionOf, statusWord, type JobsDeps } from './common';

type Target = StatusChange['status'];

const TRANSITIONS: Readonly<Record<AppointmentStatus, readonly Target[]>> = {
  scheduled: ['in_progress', 'completed', 'canceled'],
  in_progress: ['completed', 'canceled'],
  completed: [],
  canceled: [],
  rescheduled: [],
};

const VERBS: Record<Target, string> = {
  in_progress: 'started',
  completed: 'completed',
  canceled: 'canceled',
};

function refusal(from: AppointmentStatus, to: Target): ConflictError {
  if (from === to) return new ConflictError(`This job is already ${statusWord(from)}.`);
  const word = statusWord(from);
  const article = /^[aeiou]/.test(word) ? 'An' : 'A';
  const adjective = from === 'in_progress' ? 'in-progress' : word;
  return new ConflictError(`${article} ${adjective} job cannot be ${VERBS[to]}.`, {
    status: from,
    requested: to,
  });
}

const MINUTE_MS = 60_000;

export async function setStatus(
  deps: JobsDeps,
  ctx: HandlerContext,
  input: { appointment_id: string; version: number; change: StatusChange },
): Promise<{ appointment: Appointment }> {
  const session = sessionOf(ctx);
  const repos = repositories(deps, ctx);
  const job = await currentJob(repos.appointments, input.appointment_id, input.version);
  const { change } = input;
  if (!TRANSITIONS[job.status].includes(change.status)) throw refusal(job.status, change.status);

  const business = await repos.business();
  const now = deps.clock.now();
  let patch: Partial<Appointment>;
  if (change.status === 'in_progress') {
    patch = { status: 'in_progress', actual_start_time: change.actual_start_time ?? now };
  } else if (change.status === 'completed') {
    const start =
      change.actual_start_time ??
      job.actual_start_time ??
      toUtcInstant(dateKeyOf(job.scheduled_date), job.scheduled_start_time, business.timezone);
    const end = change.actual_end_time ?? now;
    if (end.getTime() < start.getTime()) {
      const at = (d: Date) =>
        `${shortDate(localDateOf(d, business.timezone))} ${clockTime(localTimeOf(d, business.timezone))}`;
      throw new AppError(
        'validation',
        `The job cannot finish (${at(end)}) before it started (${at(start)}); give the times the crew actually worked.`,
        { field: 'actual_end_time' },
      );
    }
    patch = {
      status: 'completed',
      actual_start_time: start,
      actual_end_time: end,
      actual_duration_minutes: Math.round((end.getTime() - start.getTime()) / MINUTE_MS),
      amount_charged: change.amount_charged,
      completion_notes: change.completion_notes || job.completion_notes,
      completed_at: now,
    };
  } else {
    patch = { status: 'canceled', cancellation_reason: change.reason };
  }

  const appointment = (await repos.appointments.update(job.appointment_id, input.version, patch, {
    action: VERBS[change.status],
  })) as unknown as Appointment;
  await recount(deps, session, business, [appointment]);
  if (appointment.status === 'canceled') await deps.messages?.canceled(business, appointment);
  return { appointment };
}
