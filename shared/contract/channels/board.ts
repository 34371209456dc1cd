// board.*: the dispatcher's day — crews as lanes, their jobs, the unassigned queue.
import { z } from 'zod';
import { appointmentSchema } from '../../schemas/appointments';
import { availabilitySchema } from '../../schemas/availability';
import { dateKeySchema, timeRangeSchema } from '../../schemas/common';
import { staffSchema } from '../../schemas/staff';
import { channel } from '../define';

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
      staff: z.array(staffSchema),
      appointments: z.array(appointmentSchema),
      /** Scheduled jobs with nobody assigned yet, any day, soonest first. */
      unassigned: z.array(appointmentSchema),
      availability: z.array(availabilitySchema),
      /** Names and addresses for the job cards, of every client and service the jobs above mention. */
      clients: z.array(
        z.object({
          client_id: z.string(),
          first_name: z.string(),
          last_name: z.string(),
          address: z.string(),
        }),
      ),
      services: z.array(z.object({ service_id: z.string(), name: z.string() })),
    }),
  }),
};
