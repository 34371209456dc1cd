// What booking, rescheduling and canceling a job text the client: a confirmation when it is booked
// (the first visit of a series), a notice when it moves to another day or time, a notice when it is
// canceled — each queued once per job (its dedupe key), never holding up the dispatcher's change.
import type { Appointment, Business } from '../../../../shared/schemas';
import { businessSchema } from '../../../../shared/schemas';
import type { Logger } from '../../ports';
import type { Outbox } from './outbox';
import type { MessagingWorker } from './worker';

export interface JobMessages {
  booked(business: unknown, appointments: readonly Appointment[]): Promise<void>;
  rescheduled(business: unknown, original: Appointment, replacement: Appointment): Promise<void>;
  canceled(business: unknown, appointment: Appointment): Promise<void>;
}

export function jobMessages(outbox: Outbox, worker: MessagingWorker, logger: Logger): JobMessages {
  const queue = async (
    raw: unknown,
    work: (business: Business) => Promise<unknown>,
  ): Promise<void> => {
    try {
      await work(businessSchema.parse(raw));
      worker.poke();
    } catch (err) {
      // The job is saved either way; the log says why its text was not queued.
      logger.log('error', 'Queuing a client text failed', {
        reason: err instanceof Error ? err.message : String(err),
      });
    }
  };
  return {
    booked: (raw, appointments) =>
      queue(raw, async (business) => {
        const first = [...appointments].sort(
          (a, b) =>
            a.scheduled_date.getTime() - b.scheduled_date.getTime() ||
            a.scheduled_start_time.localeCompare(b.scheduled_start_time),
        )[0];
        if (!first || first.status !== 'scheduled') return;
        await outbox.enqueueForJob('appointment_confirmation', business, first, {
          dedupe_key: `confirmation:${first.appointment_id}`,
        });
      }),
    rescheduled: (raw, original, replacement) =>
      queue(raw, async (business) => {
        await outbox.withdrawForJob(
          business.business_id,
          original.appointment_id,
          'The job was rescheduled before this went out.',
        );
        await outbox.enqueueForJob('reschedule_notification', business, replacement, {
          dedupe_key: `reschedule:${replacement.appointment_id}`,
        });
      }),
    canceled: (raw, appointment) =>
      queue(raw, async (business) => {
        await outbox.withdrawForJob(
          business.business_id,
          appointment.appointment_id,
          'The job was canceled before this went out.',
        );
        await outbox.enqueueForJob('cancellation_notice', business, appointment, {
          dedupe_key: `cancellation:${appointment.appointment_id}`,
        });
      }),
  };
}
