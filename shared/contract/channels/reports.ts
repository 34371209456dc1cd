// reports.*: how the business is doing over a period, for owners and admins — computed in the main
// process with MongoDB aggregation pipelines (the same on Atlas and the embedded server), in the
// business's time zone, each figure next to the same-length period just before.
import { z } from 'zod';
import { dateKeySchema } from '../../schemas/common';
import { channel } from '../define';

/** Longest period one report covers. */
export const MAX_REPORT_DAYS = 400;

export const reportBucketSchema = z.enum(['day', 'week', 'month']);
export type ReportBucket = z.infer<typeof reportBucketSchema>;

const money = z.number();
const count = z.int().nonnegative();
/** A share 0–1, or null when there is nothing to divide by. */
const share = z.number().min(0).max(1).nullable();

const period = z.object({
  from: dateKeySchema,
  /** Inclusive. */
  to: dateKeySchema,
});

export const reportSchema = z.object({
  period: period.extend({
    timezone: z.string(),
    bucket: reportBucketSchema,
  }),
  /** The same number of days just before `period`; null when no comparison was asked. */
  previous: period.nullable(),

  /** Revenue is `amount_charged` of completed jobs, on the day they were scheduled. */
  revenue: z.object({
    total: money,
    previous_total: money.nullable(),
    /** Every bucket of the period in order, empty ones included (`start`: its first day). */
    by_bucket: z.array(z.object({ start: dateKeySchema, label: z.string(), amount: money })),
    by_service: z.array(
      z.object({ service_id: z.string(), name: z.string(), amount: money, jobs: count }),
    ),
    /** A job done by two people counts fully for each (`jobs` too). */
    by_staff: z.array(
      z.object({ staff_id: z.string(), name: z.string(), amount: money, jobs: count }),
    ),
  }),

  jobs: z.object({
    completed: count,
    canceled: count,
    /** Jobs moved to another day (status `rescheduled`), split by why. */
    rescheduled: count,
    rescheduled_weather: count,
    rescheduled_other: count,
    /** Canceled with a reason that says the client was not there ("no-show", "no show"). */
    no_shows: count,
    /** Still scheduled or in progress (future jobs of the period, or ones not closed). */
    open: count,
    canceled_by_reason: z.array(z.object({ reason: z.string(), count })),
    previous: z
      .object({ completed: count, canceled: count, rescheduled: count, no_shows: count })
      .nullable(),
  }),

  punctuality: z.object({
    /** Completed jobs with an actual start: started at most 15 minutes after the scheduled one. */
    on_time_rate: share,
    /** Mean minutes late (early starts count as 0). */
    average_delay_minutes: z.number().nullable(),
    measured: count,
    previous: z
      .object({
        on_time_rate: share,
        average_delay_minutes: z.number().nullable(),
        measured: count,
      })
      .nullable(),
    by_service: z.array(
      z.object({
        service_id: z.string(),
        name: z.string(),
        jobs: count,
        average_actual_minutes: z.number().nullable(),
        average_estimated_minutes: z.number().nullable(),
      }),
    ),
  }),

  /** Active staff, busiest first. */
  staff: z.array(
    z.object({
      staff_id: z.string(),
      name: z.string(),
      role: z.string(),
      jobs_completed: count,
      revenue: money,
      /** Hours of their jobs in the period (not canceled or rescheduled away). */
      booked_hours: z.number().nonnegative(),
      /** Their weekly hours over the period's days, less time off and business closures. */
      available_hours: z.number().nonnegative(),
      /** booked ÷ available; null without available hours. May pass 1 (overtime). */
      utilization: z.number().nonnegative().nullable(),
      average_rating: z.number().nullable(),
      ratings: count,
    }),
  ),

  clients: z.object({
    /** Created in the period. */
    new: count,
    /** With at least one completed job in the period. */
    active: count,
    /** Of the active ones, the share with two or more completed jobs in the period. */
    repeat_rate: share,
    top: z.array(
      z.object({ client_id: z.string(), name: z.string(), revenue: money, jobs: count }),
    ),
    /** Now, whatever the period: what clients owe. */
    balance_due_total: money,
    clients_with_balance: count,
    previous: z.object({ new: count, active: count }).nullable(),
  }),

  weather: z.object({
    /** Jobs of the period moved because of the weather. */
    jobs_moved: count,
    /** Their value (`total_price`), moved to other days. */
    revenue_shifted: money,
    /** Days of the period on which the weather moved at least one job. */
    days_lost: count,
    previous: z.object({ jobs_moved: count, revenue_shifted: money, days_lost: count }).nullable(),
  }),

  messaging: z.object({
    sent: count,
    delivered: count,
    failed: count,
    /** Clients who opted out of texts during the period. */
    opt_outs: count,
    /** Of the period's jobs whose client was texted about them, the share the client confirmed. */
    confirmation_rate: share,
    previous: z
      .object({
        sent: count,
        delivered: count,
        failed: count,
        opt_outs: count,
        confirmation_rate: share,
      })
      .nullable(),
  }),

  equipment: z.object({
    /** Maintenance log entries dated in the period. */
    maintenance_cost: money,
    previous_maintenance_cost: money.nullable(),
    by_item: z.array(z.object({ equipment_id: z.string(), name: z.string(), cost: money })),
    /** Now: maintenance due before today. */
    overdue: z.array(
      z.object({ equipment_id: z.string(), name: z.string(), due_date: dateKeySchema }),
    ),
  }),

  generated_at: z.date(),
});
export type Report = z.infer<typeof reportSchema>;

export const reportsChannels = {
  'reports.get': channel({
    summary:
      "The owner's report for a period (revenue, jobs, punctuality, staff utilization, clients, weather, texts, equipment), in the business's time zone, with the previous period beside it.",
    access: 'session',
    permission: 'reports.view',
    input: z
      .strictObject({
        from: dateKeySchema,
        to: dateKeySchema,
        /** Revenue buckets; by default days up to 31 days, weeks up to 26 weeks, else months. */
        bucket: reportBucketSchema.optional(),
        compare: z.boolean().default(true),
      })
      .refine((p) => p.from <= p.to, {
        path: ['to'],
        message: 'The end date is before the start date',
      })
      .refine(
        (p) =>
          (Date.parse(`${p.to}T00:00:00Z`) - Date.parse(`${p.from}T00:00:00Z`)) / 86_400_000 <
          MAX_REPORT_DAYS,
        { path: ['to'], message: `A report covers at most ${MAX_REPORT_DAYS} days` },
      ),
    output: reportSchema,
  }),
};
