// Main → renderer push events: a typed name → payload map, validated before they are sent.
import { z } from 'zod';
import { healthStatus } from './channels/app';
import { dataProgressSchema } from './channels/data';

export const events = {
  /** Appointments on a business's board changed; the renderer refetches what it shows. */
  'board.changed': z.object({
    business_id: z.string(),
    dates: z.array(z.iso.date()),
    appointment_ids: z.array(z.string()),
  }),
  /** A dispatcher started (appointment_id) or stopped (null) dragging a job; expires on its own. */
  'board.presence': z.object({
    business_id: z.string(),
    user_id: z.string(),
    user_name: z.string(),
    appointment_id: z.string().nullable(),
    expires_at: z.iso.datetime(),
  }),
  /** New jobs at weather risk; the tray (desktop) or an in-app alert (browser) shows it. */
  'weather.alert': z.object({
    business_id: z.string(),
    title: z.string(),
    body: z.string(),
    appointment_ids: z.array(z.string()),
  }),
  /**
   * The business's texts changed: a message was sent, failed or was delivered, or a client replied
   * (`replies`: how many new ones). The messages pages and the inbox count refetch.
   */
  'messaging.changed': z.object({
    business_id: z.string(),
    replies: z.int().nonnegative(),
  }),
  /** Data being copied to a server, exported or imported: phase, collection, done of total. */
  'data.progress': dataProgressSchema,
  /**
   * The database was closed and opened again while the app ran (a backup restored, the data moved
   * to a server or back): everything a window shows may have changed, so it refetches all of it.
   */
  'database.reopened': z.object({ kind: z.enum(['embedded', 'uri']) }),
  /** Overall health changed (e.g. the database connection was lost or came back). */
  'app.healthChanged': z.object({ status: healthStatus }),
};

export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;
export const eventNames = Object.keys(events) as EventName[];
