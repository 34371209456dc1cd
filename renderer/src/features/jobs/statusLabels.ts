// What a job's status is called, and its colour, on every screen — the board and its filter, the
// calendar, the map, the job dialog, a client's jobs — so it reads and looks the same wherever the
// dispatcher meets it.
import type { AppointmentStatus } from '../../../../shared/schemas/appointments';

export const STATUS_LABELS: Record<AppointmentStatus, string> = {
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  completed: 'Completed',
  canceled: 'Canceled',
  rescheduled: 'Rescheduled',
};

/**
 * The theme colour of each status: a chip's `color`, a card's status stripe. Scheduled is blue, not
 * the theme's primary green, which sits too close to completed's; the two that are off the schedule
 * (canceled, rescheduled) are grey, as the calendar draws them.
 */
export const STATUS_COLORS: Record<AppointmentStatus, 'info' | 'warning' | 'success' | 'default'> =
  {
    scheduled: 'info',
    in_progress: 'warning',
    completed: 'success',
    canceled: 'default',
    rescheduled: 'default',
  };
