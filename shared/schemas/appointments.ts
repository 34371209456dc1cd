// appointments: scheduled jobs (local date + HH:mm in the business time zone), their outcome and history.
import { z } from 'zod';
import { minutesOf } from '../time';
import {
  calendarDateSchema,
  currencySchema,
  documentFields,
  moneySchema,
  timeOfDaySchema,
  whenFieldsValid,
} from './common';
import { contactMethodSchema } from './clients';
import { idOf } from './ids';
import { thresholdDetailsSchema, weatherDataSchema } from './weather-cache';

export const appointmentStatusSchema = z.enum([
  'scheduled',
  'in_progress',
  'completed',
  'canceled',
  'rescheduled',
]);
export type AppointmentStatus = z.infer<typeof appointmentStatusSchema>;

export const appointmentObject = z.strictObject({
  ...documentFields,
  appointment_id: idOf('apt'),
  business_id: idOf('bus'),
  client_id: idOf('cli'),
  service_id: idOf('svc'),
  /**
   * The job's calendar date in the business's time zone, stored as a Date at 00:00 UTC of that
   * date (2026-03-08 → 2026-03-08T00:00:00Z) — a day, not an instant. Use shared/time
   * `scheduledDateValue` / `dateKeyOf`, and `toUtcInstant(date, start, timezone)` for the instant.
   */
  scheduled_date: calendarDateSchema,
  /** Local wall-clock 'HH:mm' in the business's time zone. */
  scheduled_start_time: timeOfDaySchema,
  scheduled_end_time: timeOfDaySchema,
  estimated_duration_minutes: z.int().min(1).max(1440),
  /** Empty while the job waits in the unassigned queue. */
  assigned_staff_ids: z.array(idOf('stf')).default([]),
  assigned_equipment_ids: z.array(idOf('eq')).default([]),
  status: appointmentStatusSchema.default('scheduled'),
  cancellation_reason: z.string().min(1).nullable().default(null),
  notes: z.string().nullable().default(null),

  service_price: moneySchema,
  /** Replaces service_price for this job when set. */
  custom_price: moneySchema.nullable().default(null),
  /** An amount off, in the appointment's currency. */
  discount: moneySchema.default(0),
  /** (custom_price ?? service_price) − discount, never below 0. */
  total_price: moneySchema,
  currency: currencySchema,

  /** Instants (UTC) the crew actually started and finished. */
  actual_start_time: z.date().nullable().default(null),
  actual_end_time: z.date().nullable().default(null),
  actual_duration_minutes: z.int().nonnegative().nullable().default(null),
  amount_charged: moneySchema.nullable().default(null),
  completed_at: z.date().nullable().default(null),
  completion_notes: z.string().nullable().default(null),
  completion_photos: z.array(z.string().min(1)).default([]),

  weather_checked: z.boolean().default(false),
  /** The forecast over the job's own hours when it was last checked. */
  weather_data_at_time: weatherDataSchema.nullable().default(null),
  /** Each threshold against that forecast: what the board's risk badge shows. */
  weather_threshold_details: thresholdDetailsSchema.nullable().default(null),
  /** When the weather watch last checked this job. */
  weather_checked_at: z.date().nullable().default(null),
  was_rescheduled_due_to_weather: z.boolean().default(false),
  /** The recurring series this job belongs to (jobs.create with `repeat`); null for a one-off. */
  series_id: idOf('ser').nullable().default(null),
  /** How the series repeats, kept on every occurrence so that "all following" edits know it. */
  series_frequency: z.enum(['weekly', 'biweekly', 'monthly']).nullable().default(null),
  /** The appointment this one replaces (that one has status 'rescheduled'). */
  rescheduled_from_appointment_id: idOf('apt').nullable().default(null),
  /** The replaced appointment's start, as an instant. */
  rescheduled_from_datetime: z.date().nullable().default(null),

  client_notified_at: z.date().nullable().default(null),
  client_notification_method: contactMethodSchema.nullable().default(null),
  reminder_sent_at: z.date().nullable().default(null),
  reschedule_notification_sent: z.boolean().default(false),
  /** The client answered a text with "C" / "YES" / "1": they expect the visit. */
  client_confirmed_at: z.date().nullable().default(null),
  /** The client answered "R" / "2": they want another time (flagged on the board). */
  reschedule_requested_at: z.date().nullable().default(null),

  client_rating: z.int().min(1).max(5).nullable().default(null),
  client_review: z.string().nullable().default(null),
  rated_at: z.date().nullable().default(null),
});

function cents(amount: number): number {
  return Math.round(amount * 100);
}

export const appointmentSchema = appointmentObject.superRefine((apt, ctx) => {
  if (minutesOf(apt.scheduled_end_time) <= minutesOf(apt.scheduled_start_time)) {
    ctx.addIssue({
      code: 'custom',
      path: ['scheduled_end_time'],
      message: 'scheduled_end_time must be after scheduled_start_time',
    });
  }
  const expected = Math.max(0, cents(apt.custom_price ?? apt.service_price) - cents(apt.discount));
  if (cents(apt.total_price) !== expected) {
    ctx.addIssue({
      code: 'custom',
      path: ['total_price'],
      message: `total_price must be (custom_price ?? service_price) − discount = ${expected / 100}`,
    });
  }
  if (apt.status === 'canceled' && apt.cancellation_reason === null) {
    ctx.addIssue({
      code: 'custom',
      path: ['cancellation_reason'],
      message: 'cancellation_reason is required when status is canceled',
    });
  }
  if (apt.status === 'completed' && apt.completed_at === null) {
    ctx.addIssue({
      code: 'custom',
      path: ['completed_at'],
      message: 'completed_at is required when status is completed',
    });
  }
  if (
    apt.actual_start_time !== null &&
    apt.actual_end_time !== null &&
    apt.actual_end_time.getTime() < apt.actual_start_time.getTime()
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['actual_end_time'],
      message: 'actual_end_time must not be before actual_start_time',
    });
  }
  if (apt.rescheduled_from_appointment_id === apt.appointment_id) {
    ctx.addIssue({
      code: 'custom',
      path: ['rescheduled_from_appointment_id'],
      message: 'An appointment cannot be rescheduled from itself',
    });
  }
}, whenFieldsValid);
export type Appointment = z.infer<typeof appointmentSchema>;
export type AppointmentInput = z.input<typeof appointmentSchema>;
