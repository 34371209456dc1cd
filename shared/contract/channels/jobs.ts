// jobs.*: creating, editing, repeating and closing out jobs — every write checked against the
// same scheduling rules as a drag on the board (electron/core/services/scheduling/rules.ts).
import { z } from 'zod';
import { appointmentSchema } from '../../schemas/appointments';
import { dateKeySchema, moneySchema, timeOfDaySchema } from '../../schemas/common';
import { idOf } from '../../schemas/ids';
import { channel } from '../define';
import { violationSchema } from './board';

export const repeatFrequencySchema = z.enum(['weekly', 'biweekly', 'monthly']);
export type RepeatFrequency = z.infer<typeof repeatFrequencySchema>;

import { MAX_SERIES_OCCURRENCES } from '../limits';

export { MAX_SERIES_OCCURRENCES };

const staffIds = z.array(idOf('stf')).max(20);
const equipmentIds = z.array(idOf('eq')).max(20);
const notes = z.string().trim().max(4000);

/** How a series repeats: a count of occurrences, or until a last date (inclusive). */
export const repeatSchema = z
  .strictObject({
    frequency: repeatFrequencySchema,
    count: z.int().min(2).max(MAX_SERIES_OCCURRENCES).optional(),
    until: dateKeySchema.optional(),
  })
  .refine((r) => (r.count === undefined) !== (r.until === undefined), {
    message: 'Give either how many times the job repeats (count) or the last date (until).',
  });

const overrideWarnings = z
  .boolean()
  .default(false)
  .describe('The dispatcher saw the warnings and goes ahead; recorded in the audit log.');

const jobsResult = z.object({
  /** Every appointment written, soonest first (one, or each occurrence of a series). */
  appointments: z.array(appointmentSchema),
  /** Soft rule warnings that were overridden. */
  warnings: z.array(violationSchema),
});

/** The fields jobs.update may change; left out = unchanged. */
export const jobChangesSchema = z.strictObject({
  client_id: idOf('cli').optional(),
  service_id: idOf('svc').optional(),
  scheduled_date: dateKeySchema.optional(),
  start: timeOfDaySchema.optional(),
  end: timeOfDaySchema.optional(),
  staff_ids: staffIds.optional(),
  equipment_ids: equipmentIds.optional(),
  notes: notes.nullable().optional(),
  custom_price: moneySchema.nullable().optional(),
  discount: moneySchema.optional(),
});
export type JobChanges = z.infer<typeof jobChangesSchema>;

/** What a status change needs, by the status it goes to. */
export const statusChangeSchema = z.discriminatedUnion('status', [
  z.strictObject({
    status: z.literal('in_progress'),
    /** Defaults to now. */
    actual_start_time: z.date().optional(),
  }),
  z.strictObject({
    status: z.literal('completed'),
    /** Default to the recorded start (or the scheduled start) and now. */
    actual_start_time: z.date().optional(),
    actual_end_time: z.date().optional(),
    amount_charged: moneySchema,
    completion_notes: notes.optional(),
  }),
  z.strictObject({
    status: z.literal('canceled'),
    reason: z.string().trim().min(1, 'Say why the job is canceled.').max(1000),
  }),
]);
export type StatusChange = z.infer<typeof statusChangeSchema>;

/** Photo uploads: images only, up to 8 MB each. */
export const PHOTO_MAX_BYTES = 8 * 1024 * 1024;
export const photoContentTypeSchema = z.enum([
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'image/heic',
]);

export const jobsChannels = {
  'jobs.create': channel({
    summary:
      'Creates a job (or a repeating series) from a client and a service; the service fills duration, price and equipment, and the rules check every occurrence that has a crew.',
    access: 'session',
    permission: 'dispatch',
    input: z.strictObject({
      client_id: idOf('cli'),
      service_id: idOf('svc'),
      scheduled_date: dateKeySchema,
      start: timeOfDaySchema,
      /** Defaults to start + the service's default duration. */
      end: timeOfDaySchema.optional(),
      /** Empty: the job waits in the unassigned queue. */
      staff_ids: staffIds.default([]),
      /** Defaults to the service's required equipment. */
      equipment_ids: equipmentIds.optional(),
      notes: notes.optional(),
      custom_price: moneySchema.nullable().optional(),
      discount: moneySchema.optional(),
      repeat: repeatSchema.optional(),
      override_warnings: overrideWarnings,
    }),
    output: jobsResult,
  }),
  'jobs.update': channel({
    summary:
      'Edits a scheduled job, or it and every later occurrence of its series, under the scheduling rules.',
    access: 'session',
    permission: 'dispatch',
    input: z.strictObject({
      appointment_id: idOf('apt'),
      version: z.int().min(1),
      /** 'following': this occurrence and every later scheduled one of its series. */
      scope: z.enum(['one', 'following']).default('one'),
      changes: jobChangesSchema,
      override_warnings: overrideWarnings,
    }),
    output: jobsResult,
  }),
  'jobs.setStatus': channel({
    summary:
      'Moves a job along scheduled → in progress → completed, or cancels it with a reason; other transitions are refused.',
    access: 'session',
    permission: 'dispatch',
    input: z.strictObject({
      appointment_id: idOf('apt'),
      version: z.int().min(1),
      change: statusChangeSchema,
    }),
    output: z.object({ appointment: appointmentSchema }),
  }),
  'jobs.reschedule': channel({
    summary:
      'Reschedules a job: a new appointment at the new day, time and crew (under the rules), linked to the old one, which is marked rescheduled.',
    access: 'session',
    permission: 'dispatch',
    input: z.strictObject({
      appointment_id: idOf('apt'),
      version: z.int().min(1),
      scheduled_date: dateKeySchema,
      start: timeOfDaySchema,
      end: timeOfDaySchema.optional(),
      /** Defaults to the same crew. */
      staff_ids: staffIds.optional(),
      equipment_ids: equipmentIds.optional(),
      due_to_weather: z.boolean().default(false),
      override_warnings: overrideWarnings,
    }),
    output: z.object({
      original: appointmentSchema,
      appointment: appointmentSchema,
      warnings: z.array(violationSchema),
    }),
  }),
  'jobs.duplicate': channel({
    summary:
      'Copies a job (client, service, price, equipment, notes) to a new day and time; without a crew it waits in the unassigned queue.',
    access: 'session',
    permission: 'dispatch',
    input: z.strictObject({
      appointment_id: idOf('apt'),
      /** Defaults to the original's day and time. */
      scheduled_date: dateKeySchema.optional(),
      start: timeOfDaySchema.optional(),
      staff_ids: staffIds.default([]),
      override_warnings: overrideWarnings,
    }),
    output: z.object({ appointment: appointmentSchema, warnings: z.array(violationSchema) }),
  }),
  'jobs.addPhoto': channel({
    summary:
      'Attaches a completion photo (an image file from disk, up to 8 MB) to a job; stored in the database so every dispatcher sees it.',
    access: 'session',
    permission: 'dispatch',
    input: z.strictObject({
      appointment_id: idOf('apt'),
      version: z.int().min(1),
      file_name: z.string().trim().min(1).max(255),
      content_type: photoContentTypeSchema,
      /** The file's bytes, base64. */
      data_base64: z
        .string()
        .min(1)
        .max(Math.ceil(PHOTO_MAX_BYTES / 3) * 4, 'A photo may be at most 8 MB.'),
    }),
    output: z.object({ appointment: appointmentSchema }),
  }),
  'jobs.photo': channel({
    summary: "One of a job's completion photos, to show it.",
    access: 'session',
    permission: 'records.view',
    input: z.strictObject({ appointment_id: idOf('apt'), photo_id: idOf('pho') }),
    output: z.object({
      photo_id: z.string(),
      file_name: z.string(),
      content_type: z.string(),
      data_base64: z.string(),
    }),
  }),
};
