// messaging.*: texting clients through the business's Twilio account — the account and sender
// (the secret kept in the OS keychain), a test message, the outbox's sends and retries, replies
// from clients (the inbox) and "on my way" from the board. The log of sent messages is
// notifications.list (channels/business.ts); templates, quiet hours and pace are business settings
// (business.update).
import { z } from 'zod';
import { phoneSchema } from '../../schemas/common';
import {
  twilioAccountSidSchema,
  twilioApiKeySidSchema,
  twilioMessagingServiceSidSchema,
} from '../../schemas/businesses';
import { idOf } from '../../schemas/ids';
import { notificationSchema } from '../../schemas/notifications';
import { channel } from '../define';
import { noInput } from './app';

/** How texting stands for the business. Secrets are never sent back, only whether one is stored. */
export const messagingStatusSchema = z.object({
  /** Account, secret and a sender are all there: messages go out. */
  configured: z.boolean(),
  /** Texts are switched on in the business's settings. */
  enabled: z.boolean(),
  account_sid: z.string().nullable(),
  api_key_sid: z.string().nullable(),
  messaging_service_sid: z.string().nullable(),
  from_number: z.string().nullable(),
  /** An auth token or API key secret is in this computer's keychain. */
  has_secret: z.boolean(),
  /** False when the OS keychain cannot be used: the secret cannot be saved here. */
  keychain_available: z.boolean(),
  /** The last problem sending for this business, in words (a refused key, Twilio unreachable). */
  last_error: z.string().nullable(),
  last_error_at: z.date().nullable(),
  /** Messages waiting (for their time, quiet hours, a retry or the pace). */
  pending: z.int().nonnegative(),
  /** Messages that failed for good in the last 7 days. */
  failed_recently: z.int().nonnegative(),
});
export type MessagingStatus = z.infer<typeof messagingStatusSchema>;

/** A reply from a client, and what the app did with it. */
export const inboundMessageSchema = z.object({
  inbound_id: z.string(),
  provider_message_sid: z.string(),
  from: z.string(),
  body: z.string(),
  received_at: z.date(),
  /** The client whose phone sent it; null when no client has that number. */
  client_id: z.string().nullable(),
  client_name: z.string().nullable(),
  /** The job a confirmation or reschedule request applied to. */
  appointment_id: z.string().nullable(),
  /**
   * confirmed / reschedule_requested: applied to the job; opted_out / opted_in: the client's texts
   * stopped or resumed; inbox: anything else, for a person to read.
   */
  handled_as: z.enum(['confirmed', 'reschedule_requested', 'opted_out', 'opted_in', 'inbox']),
  /** What the dispatcher reads about it ("Confirmed Tue, Dec 8 9:00 AM lawn mowing"). */
  note: z.string(),
  read_at: z.date().nullable(),
});
export type InboundMessage = z.infer<typeof inboundMessageSchema>;

const secretSchema = z
  .string()
  .trim()
  .min(16, 'That is too short for an auth token or API key secret')
  .max(128, 'That is too long for an auth token or API key secret')
  .regex(/^[A-Za-z0-9]+$/, 'An auth token or API key secret has only letters and digits');

export const messagingCredentialsSchema = z
  .strictObject({
    account_sid: twilioAccountSidSchema,
    /** Sign requests with this API key and its secret; null: with the account's auth token. */
    api_key_sid: twilioApiKeySidSchema.nullable().default(null),
    /** The auth token or API key secret; null keeps the one already stored. */
    secret: secretSchema.nullable(),
    messaging_service_sid: twilioMessagingServiceSidSchema.nullable().default(null),
    from_number: phoneSchema.nullable().default(null),
  })
  .superRefine((input, ctx) => {
    if ((input.messaging_service_sid === null) === (input.from_number === null)) {
      ctx.addIssue({
        code: 'custom',
        path: ['from_number'],
        message: 'Give either a Messaging Service SID or a sender phone number (one of the two)',
      });
    }
  });

const ids = <P extends 'ntf'>(prefix: P, what: string) =>
  z.array(idOf(prefix)).min(1, `Choose at least one ${what}`).max(500);

export const messagingChannels = {
  'messaging.status': channel({
    summary:
      "How texting stands: the Twilio account and sender (never the secret), whether it can send, the last problem, and the outbox's waiting and failed counts.",
    access: 'session',
    permission: 'records.view',
    input: noInput,
    output: messagingStatusSchema,
  }),
  'messaging.setCredentials': channel({
    summary:
      "Connects the business's Twilio account: Account SID, auth token or API key and secret (kept in the OS keychain, never in the database or logs), and the Messaging Service or number texts come from.",
    access: 'session',
    permission: 'settings.manage',
    input: messagingCredentialsSchema,
    output: messagingStatusSchema,
  }),
  'messaging.removeCredentials': channel({
    summary:
      'Disconnects Twilio: the secret is removed from the keychain and the account from the settings; waiting messages stay queued.',
    access: 'session',
    permission: 'settings.manage',
    input: noInput,
    output: messagingStatusSchema,
  }),
  'messaging.sendTest': channel({
    summary:
      'Sends a test text now (quiet hours do not apply) to check the account and sender; the answer says what Twilio said.',
    access: 'session',
    permission: 'settings.manage',
    input: z.strictObject({ to: phoneSchema }),
    output: z.object({
      notification_id: z.string(),
      provider_message_sid: z.string(),
      provider_status: z.string(),
      segments: z.int().positive(),
    }),
  }),
  'messaging.onMyWay': channel({
    summary:
      'Texts the client of a job that its crew is on the way (at once, unless quiet hours or an opt-out say otherwise).',
    access: 'session',
    permission: 'dispatch',
    input: z.strictObject({ appointment_id: idOf('apt') }),
    output: notificationSchema,
  }),
  'messaging.retry': channel({
    summary:
      'Sends failed messages again (a failure the provider calls final, such as an invalid number, needs the client fixed first).',
    access: 'session',
    permission: 'dispatch',
    input: z.strictObject({ notification_ids: ids('ntf', 'message') }),
    output: z.object({
      queued: z.int().nonnegative(),
      refused: z.array(z.object({ notification_id: z.string(), message: z.string() })),
    }),
  }),
  'messaging.inbox': channel({
    summary:
      'Replies from clients, newest first, with what each one did (confirmed a job, opted out…).',
    access: 'session',
    permission: 'records.view',
    input: z.strictObject({
      /** Only the ones nobody has read, or only one client's. */
      unread: z.boolean().default(false),
      client_id: idOf('cli').optional(),
      limit: z.int().min(1).max(500).default(100),
      offset: z.int().min(0).default(0),
    }),
    output: z.object({
      items: z.array(inboundMessageSchema),
      total: z.int().nonnegative(),
      unread: z.int().nonnegative(),
    }),
  }),
  'messaging.markRead': channel({
    summary: 'Marks replies as read.',
    access: 'session',
    permission: 'records.view',
    input: z.strictObject({
      inbound_ids: z
        .array(z.string().regex(/^inb_[A-Za-z0-9_-]{3,64}$/, 'Expected a reply id (inb_…)'))
        .min(1)
        .max(500),
    }),
    output: z.object({ updated: z.int().nonnegative() }),
  }),
  'messaging.checkNow': channel({
    summary:
      'Sends what is due, asks Twilio for delivery reports and new replies now, instead of waiting for the next round.',
    access: 'session',
    permission: 'dispatch',
    input: noInput,
    output: z.object({
      sent: z.int().nonnegative(),
      failed: z.int().nonnegative(),
      replies: z.int().nonnegative(),
      delivery_updates: z.int().nonnegative(),
      error: z.string().nullable(),
    }),
  }),
};
