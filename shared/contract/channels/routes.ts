// routes.*: "Optimize route" (one crew) and "Optimize day" (every crew) as a proposal, then applying it under the board's rules.
import { z } from 'zod';
import { appointmentSchema } from '../../schemas/appointments';
import { dateKeySchema, timeOfDaySchema } from '../../schemas/common';
import { idOf } from '../../schemas/ids';
import { channel } from '../define';
import { violationSchema } from './board';

/** Most changes routes.apply takes at once: a busy day of every crew. */
export const MAX_ROUTE_CHANGES = 200;

/** Distance and driving time of a route or a day: start → jobs → back to the start. */
export const routeTravelSchema = z.object({
  /** Road km, estimated (0.1 km). */
  km: z.number(),
  /** Driving minutes, estimated (whole minutes). */
  travel_minutes: z.number(),
});
export type RouteTravel = z.infer<typeof routeTravelSchema>;

const slot = z.object({ crew_id: z.string(), start: timeOfDaySchema, end: timeOfDaySchema });

/** One job as a stop of the proposal: where it is now and where it would be. */
export const routeStopSchema = z.object({
  appointment_id: z.string(),
  client_name: z.string(),
  address: z.string(),
  before: slot,
  after: slot,
  /** The crew or the times change. */
  changed: z.boolean(),
  /** Confirmed with the client, or already started or done: keeps its crew and time. */
  locked: z.boolean(),
});
export type ProposedRouteStop = z.infer<typeof routeStopSchema>;

/** Why a crew's day is proposed as it is. */
export const routeCrewStatusSchema = z.enum([
  /** Some stop changes. */
  'optimized',
  /** The current day is the best found. */
  'unchanged',
  /** No order fits the crew's hours and locked jobs; its day is shown as it is. */
  'infeasible',
  /** Not planned (a job without a map position, or no working hours): kept as it is. */
  'skipped',
]);

export const routeCrewSchema = z.object({
  /** The crew lead's staff id (the board lane), or the first person on a crew without a lead. */
  crew_id: z.string(),
  name: z.string(),
  /** Everyone on the crew's jobs that day; a job that moves to this crew gets them all. */
  staff_ids: z.array(z.string()),
  status: routeCrewStatusSchema,
  reason: z.string().optional(),
  /** Where the crew's day starts and ends. */
  start: z.object({
    lng: z.number(),
    lat: z.number(),
    /** The lead's home base, the business address, or the middle of the day's clients. */
    source: z.enum(['crew', 'business', 'clients']),
  }),
  hours: z.object({ start: timeOfDaySchema, end: timeOfDaySchema }),
  /** The crew's jobs now, in their current order. */
  stops_before: z.array(routeStopSchema),
  /** The proposed jobs of the crew, in driving order. */
  stops_after: z.array(routeStopSchema),
  /** Null for a skipped crew (its route cannot be measured); the totals leave it out. */
  travel_before: routeTravelSchema.nullable(),
  travel_after: routeTravelSchema.nullable(),
});
export type RouteCrewProposal = z.infer<typeof routeCrewSchema>;

/** One job's new time and crew, as the proposal gives it and routes.apply takes it. */
export const routeChangeSchema = z.strictObject({
  appointment_id: idOf('apt'),
  /** The version the proposal was made from; a job changed since then refuses the apply. */
  version: z.int().min(1),
  start: timeOfDaySchema,
  end: timeOfDaySchema,
  staff_ids: z.array(idOf('stf')).min(1).max(20),
});
export type RouteChange = z.infer<typeof routeChangeSchema>;

export const routeLeftInPlaceSchema = z.object({
  appointment_id: z.string(),
  client_name: z.string(),
  /**
   * no_location: the client is not on the map, so the job is not planned; locked: confirmed with
   * the client; not_scheduled: in progress or done; unassigned: no crew yet. Locked and
   * not_scheduled jobs are still planned around (fixed stops), never moved.
   */
  reason: z.enum(['no_location', 'locked', 'not_scheduled', 'unassigned']),
  message: z.string(),
});

export const routesChannels = {
  'routes.propose': channel({
    summary:
      "Proposes the order, times and crews of a day's jobs that drive the least (one crew, or every crew with jobs allowed to change crew); nothing is saved.",
    access: 'session',
    permission: 'dispatch',
    input: z.strictObject({
      date: dateKeySchema,
      /** A crew lead or crew member: optimize that crew's route only. Absent: the whole day. */
      crew_id: idOf('stf').optional(),
      /** Whole day only: unlocked jobs may move to another crew with the equipment they need. */
      allow_crew_changes: z.boolean().default(true),
    }),
    output: z.object({
      date: dateKeySchema,
      crews: z.array(routeCrewSchema),
      /** Totals over the planned crews. */
      before: routeTravelSchema,
      after: routeTravelSchema,
      saved: routeTravelSchema,
      /** What routes.apply takes to make the proposal real (empty when nothing changes). */
      changes: z.array(routeChangeSchema),
      left_in_place: z.array(routeLeftInPlaceSchema),
      /**
       * The board's rules on the changes, as routes.apply will check them: 'refused' (a hard rule,
       * the message says which), 'warnings' (applying needs override_warnings) or 'ok'.
       */
      rule_check: z.object({
        status: z.enum(['ok', 'warnings', 'refused']),
        message: z.string().nullable(),
        violations: z.array(violationSchema),
      }),
      /** How the proposal was made, for the dialog's footnote (e.g. the travel estimate). */
      notes: z.array(z.string()),
    }),
  }),
  'routes.apply': channel({
    summary:
      "Applies a route proposal: every change is checked with the others against the board's rules and each job's version before any is saved; audit note 'Route optimization'.",
    access: 'session',
    permission: 'dispatch',
    input: z.strictObject({
      date: dateKeySchema,
      changes: z
        .array(routeChangeSchema)
        .min(1)
        .max(MAX_ROUTE_CHANGES, { error: `Apply at most ${MAX_ROUTE_CHANGES} changes at once.` })
        .refine((list) => new Set(list.map((c) => c.appointment_id)).size === list.length, {
          error: 'Each job may appear only once in the changes.',
        }),
      /** The dispatcher saw the warnings and goes ahead; recorded in the audit log. */
      override_warnings: z.boolean().default(false),
    }),
    output: z.object({
      appointments: z.array(appointmentSchema),
      /** Soft rule warnings that were overridden. */
      warnings: z.array(violationSchema),
    }),
  }),
};
