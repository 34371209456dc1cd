// Optimistic board moves: the card lands where it was dropped at once; the core's answer confirms
// it (or the snapshot is put back and the refusal shown).
import type { QueryClient } from '@tanstack/react-query';
import { scheduledDateValue } from '../../../../shared/time';
import type { Day, Job } from './layout';
import type { MoveInput } from './useMoveJob';

type Snapshot = [readonly unknown[], Day | undefined][];

/**
 * `list` with `job` in it (replaced where it was, so the cards keep their order: moving a focused
 * element in the page would take the keyboard focus away) or without it.
 */
function withJob(list: Job[], job: Job, keep: boolean): Job[] {
  const at = list.findIndex((a) => a.appointment_id === job.appointment_id);
  if (!keep) return at < 0 ? list : list.filter((_, i) => i !== at);
  return at < 0 ? [...list, job] : list.map((a, i) => (i === at ? job : a));
}

function place(day: Day, job: Job): Day {
  const onThisDay = job.scheduled_date.getTime() === scheduledDateValue(day.date).getTime();
  const queued = job.status === 'scheduled' && job.assigned_staff_ids.length === 0;
  return {
    ...day,
    appointments: withJob(day.appointments, job, onThisDay),
    unassigned: withJob(day.unassigned, job, queued),
  };
}

/** The job as the move will leave it, for the screen until the core answers. */
export function movedJob(job: Job, input: MoveInput): Job {
  return {
    ...job,
    scheduled_date: scheduledDateValue(input.scheduled_date),
    scheduled_start_time: input.start,
    scheduled_end_time: input.end,
    assigned_staff_ids: input.staff_ids,
    assigned_equipment_ids: input.equipment_ids ?? job.assigned_equipment_ids,
  };
}

const sameIds = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((id, i) => id === b[i]);

/** Whether `shown` stands where `saved` is: same day, times, people, equipment and status. */
export function sameSpot(shown: Job | undefined, saved: Job): boolean {
  return (
    shown !== undefined &&
    shown.scheduled_date.getTime() === saved.scheduled_date.getTime() &&
    shown.scheduled_start_time === saved.scheduled_start_time &&
    shown.scheduled_end_time === saved.scheduled_end_time &&
    shown.status === saved.status &&
    sameIds(shown.assigned_staff_ids, saved.assigned_staff_ids) &&
    sameIds(shown.assigned_equipment_ids, saved.assigned_equipment_ids)
  );
}

/** Puts `job` into every cached board day; returns how to put them back. */
export function showOnBoards(queryClient: QueryClient, job: Job): () => void {
  const snapshot: Snapshot = queryClient.getQueriesData<Day>({ queryKey: ['board.day'] });
  for (const [key, day] of snapshot) {
    if (day) queryClient.setQueryData<Day>(key, place(day, job));
  }
  return () => {
    for (const [key, day] of snapshot) queryClient.setQueryData(key, day);
  };
}

/** The job as it was before, for finding it in a cached day. */
export function findJob(queryClient: QueryClient, appointmentId: string): Job | undefined {
  for (const [, day] of queryClient.getQueriesData<Day>({ queryKey: ['board.day'] })) {
    const job = [...(day?.appointments ?? []), ...(day?.unassigned ?? [])].find(
      (a) => a.appointment_id === appointmentId,
    );
    if (job) return job;
  }
  return undefined;
}
