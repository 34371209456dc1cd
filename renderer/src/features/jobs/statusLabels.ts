// What a job's status is called on every screen — the board and its filter, the calendar, the map,
// the job dialog, a client's jobs — so it reads the same wherever the dispatcher meets it.
import type { AppointmentStatus } from '../../../../shared/schemas/appointments';

export const STATUS_LABELS: Record<AppointmentStatus, string> = {
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  completed: 'Completed',
  canceled: 'Canceled',
  rescheduled: 'Rescheduled',
};
