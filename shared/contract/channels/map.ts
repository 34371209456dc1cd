// map.*: what the Map page draws — every located client, and one day's jobs with each crew's start.
import { z } from 'zod';
import { appointmentStatusSchema } from '../../schemas/appointments';
import { dateKeySchema, timeOfDaySchema } from '../../schemas/common';
import { channel } from '../define';

const lng = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);

/** A client as a marker: only what its popup shows, so thousands of them stay a small payload. */
export const mapClientSchema = z.object({
  client_id: z.string(),
  name: z.string(),
  address: z.string(),
  lng,
  lat,
});
export type MapClient = z.infer<typeof mapClientSchema>;

/** One job as a stop: where, what, when and whose route it is on. */
export const mapJobSchema = z.object({
  appointment_id: z.string(),
  version: z.int(),
  client_id: z.string(),
  client_name: z.string(),
  address: z.string(),
  /** Null while the client has no map position ("Find on map" on the client's page). */
  lng: lng.nullable(),
  lat: lat.nullable(),
  /** The crew lead whose route the job is on; null when no crew lead works it that day. */
  crew_id: z.string().nullable(),
  staff_ids: z.array(z.string()),
  status: appointmentStatusSchema,
  service_id: z.string(),
  service_name: z.string(),
  start: timeOfDaySchema,
  end: timeOfDaySchema,
});
export type MapJob = z.infer<typeof mapJobSchema>;

/** A crew of the day (its lead, as on the board) and where its route begins. */
export const mapCrewSchema = z.object({
  lead_id: z.string(),
  name: z.string(),
  /** Null when neither the crew lead nor the business has a map position. */
  start: z
    .object({
      lng,
      lat,
      /** The lead's own `location` (home base) when set, else the business's address. */
      source: z.enum(['crew', 'business']),
      label: z.string(),
    })
    .nullable(),
});
export type MapCrew = z.infer<typeof mapCrewSchema>;

export const mapChannels = {
  'map.clients': channel({
    summary:
      'Every client of the business that has a map position, as markers (id, name, address, position).',
    access: 'session',
    permission: 'records.view',
    input: z.strictObject({}).optional(),
    output: z.object({
      clients: z.array(mapClientSchema),
      /** Clients not yet on the map (no position found or set). */
      without_location: z.int().nonnegative(),
    }),
  }),
  'map.day': channel({
    summary:
      "One day's jobs as map stops (client position, crew, service, times) and each crew's starting point.",
    access: 'session',
    permission: 'records.view',
    input: z.strictObject({ date: dateKeySchema }),
    output: z.object({
      date: dateKeySchema,
      timezone: z.string(),
      /** The active crew leads, in the board's order (by last name). */
      crews: z.array(mapCrewSchema),
      /** The day's jobs in visiting order: by start time, then id. */
      jobs: z.array(mapJobSchema),
      /** Names of the people on the day's jobs, for the job card. */
      staff: z.array(z.object({ staff_id: z.string(), name: z.string() })),
      /** Every service (for the filter), by name. */
      services: z.array(z.object({ service_id: z.string(), name: z.string() })),
    }),
  }),
};
