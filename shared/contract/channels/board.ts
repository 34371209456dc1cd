// board.*: the dispatcher's day — crews as lanes, their jobs, the unassigned queue.
import { z } from 'zod';
import { appointmentObject, appointmentSchema } from '../../schemas/appointments';
import { availabilitySchema } from '../../schemas/availability';
import { dateKeySchema, timeOfDaySchema, timeRangeSchema } from '../../schemas/common';
import { idOf } from '../../schemas/ids';
import { staffObject, staffSchema } from '../../schemas/staff';
import { channel } from '../define';

export const violationSchema = z.object({
  rule: z.string(),
  /** hard: refused; soft: needs "anyway"; info: shown only (e.g. maintenance due soon). */
  severity: z.enum(['hard', 'soft', 'info']),
  message: z.string(),
  appointment_id: z.string().optional(),
  staff_id: z.string().optional(),
  equipment_id: z.string().optional(),
});
export type BoardViolation = z.infer<typeof violationSchema>;

/** Longest span board.range returns at once (a month view with its leading and trailing weeks). */
export const MAX_RANGE_DAYS = 62;

const cardNames = {
  /** Names and addresses for the job cards, of every client and service the jobs mention. */
  clients: z.array(
    z.object({
      client_id: z.string(),
      first_name: z.string(),
      last_name: z.string(),
      address: z.string(),
    }),
  ),
  /** By name. */
  services: z.array(z.object({ service_id: z.string(), name: z.string() })),
};

/**
 * What the board's cards, rules and moves need of an appointment: a third of the whole document,
 * which on a 600-job day is most of what the board waits for at start. The job dialogs read the
 * whole appointment (appointments.get).
 */
export const boardJobSchema = appointmentObject.pick({
  appointment_id: true,
  version: true,
  updated_at: true,
  deleted_at: true,
  business_id: true,
  client_id: true,
  service_id: true,
  scheduled_date: true,
  scheduled_start_time: true,
  scheduled_end_time: true,
  estimated_duration_minutes: true,
  assigned_staff_ids: true,
  assigned_equipment_ids: true,
  status: true,
  total_price: true,
  series_id: true,
  client_notified_at: true,
  client_confirmed_at: true,
  reschedule_requested_at: true,
  weather_checked: true,
  weather_data_at_time: true,
  was_rescheduled_due_to_weather: true,
});
export type BoardJob = z.infer<typeof boardJobSchema>;

/**
 * What the board needs of a staff member: the lane's name, role and crew, the weekly hours it
 * shades and the equipment the keyboard move keeps. Not the audit log, contact details or figures
 * (the staff pages read those).
 */
export const boardStaffSchema = staffObject.pick({
  staff_id: true,
  version: true,
  first_name: true,
  last_name: true,
  role: true,
  crew_lead_id: true,
  availability_schedule: true,
  assigned_equipment_ids: true,
  is_active: true,
});
export type BoardStaff = z.infer<typeof boardStaffSchema>;
/** The fields of a board staff member, as a database projection. */
export const BOARD_STAFF_FIELDS: readonly string[] = Object.keys(boardStaffSchema.shape);
/** The fields of a board job, as a database projection. */
export const BOARD_JOB_FIELDS: readonly string[] = Object.keys(boardJobSchema.shape);

export const boardChannels = {
  'board.day': channel({
    summary:
      "One day's board: active staff (crew leads first), their jobs, time off, and the unassigned queue.",
    access: 'session',
    permission: 'records.view',
    input: z.strictObject({ date: dateKeySchema }),
    output: z.object({
      date: dateKeySchema,
      timezone: z.string(),
      /** The business's hours that weekday; null when closed. */
      hours: timeRangeSchema.nullable(),
      staff: z.array(boardStaffSchema),
      appointments: z.array(boardJobSchema),
      /** Scheduled jobs with nobody assigned yet, any day, soonest first. */
      unassigned: z.array(boardJobSchema),
      availability: z.array(availabilitySchema),
      ...cardNames,
      /** What the scheduling rules find wrong with each job already on the day (clashes, hours). */
      warnings: z.record(z.string(), z.array(violationSchema)),
      /** Forecast problems of each job whose forecast crosses the business's thresholds. */
      weather_risks: z.record(z.string(), z.array(z.string())),
    }),
  }),
  'board.range': channel({
    summary:
      "The appointments from one day to another (inclusive, at most 62 days) for the calendar's week, month and list views.",
    access: 'session',
    permission: 'records.view',
    input: z
      .strictObject({ from: dateKeySchema, to: dateKeySchema })
      .refine((r) => r.from <= r.to, { message: "'to' must not be before 'from'." })
      .refine(
        (r) =>
          (Date.parse(`${r.to}T00:00:00Z`) - Date.parse(`${r.from}T00:00:00Z`)) / 86_400_000 <
          MAX_RANGE_DAYS,
        { message: `Ask for at most ${MAX_RANGE_DAYS} days at once.` },
      ),
    output: z.object({
      from: dateKeySchema,
      to: dateKeySchema,
      timezone: z.string(),
      staff: z.array(staffSchema),
      appointments: z.array(appointmentSchema),
      ...cardNames,
    }),
  }),
  'board.presence': channel({
    summary:
      'Tells the other dispatchers which job this one is dragging (null when the drag ends), so theirs shows "being moved by <name>".',
    access: 'session',
    permission: 'dispatch',
    input: z.strictObject({ appointment_id: idOf('apt').nullable() }),
    output: z.object({ ok: z.literal(true) }),
  }),
  'board.move': channel({
    summary:
      'Moves a job to a day, time and crew, after the scheduling rules: hard clashes are refused, warnings need an override.',
    access: 'session',
    permission: 'dispatch',
    input: z.strictObject({
      appointment_id: idOf('apt'),
      version: z.int().min(1),
      scheduled_date: dateKeySchema,
      start: timeOfDaySchema,
      end: timeOfDaySchema,
      staff_ids: z.array(idOf('stf')).max(20),
      /** Omitted: the job keeps its equipment. */
      equipment_ids: z.array(idOf('eq')).max(20).optional(),
      /** The dispatcher saw the warnings and goes ahead; recorded in the audit log. */
      override_warnings: z.boolean().default(false),
      /** Set when the move is the board's undo or redo of an earlier one; noted in the audit log. */
      history: z.enum(['undo', 'redo']).optional(),
    }),
    output: z.object({ appointment: appointmentSchema, warnings: z.array(violationSchema) }),
  }),
};
