// notifications: the log of every SMS, push, email or voice message sent (or not) to a client.
import { z } from 'zod';
import { documentFields, emailSchema, phoneSchema, whenFieldsValid } from './common';
import { idOf } from './ids';

export const notificationTypeSchema = z.enum([
  'appointment_confirmation',
  'appointment_reminder',
  'reschedule_notification',
  'urgent_alert',
  'cancellation_notice',
  'on_my_way',
  'test_message',
]);
export type NotificationType = z.infer<typeof notificationTypeSchema>;

export const notificationChannelSchema = z.enum(['sms', 'push', 'email', 'voice']);
export type NotificationChannel = z.infer<typeof notificationChannelSchema>;

/**
 * The outbox: `pending` waits (for its time, quiet hours, a retry or the pace); `sending` is
 * claimed by one desktop; `sent` was accepted by the provider; `failed` will not be tried again;
 * `opted_out` was never sent because the client opted out; `canceled` no longer applies (the job
 * was canceled or moved first).
 */
export const notificationStatusSchema = z.enum([
  'pending',
  'sending',
  'sent',
  'failed',
  'bounced',
  'opted_out',
  'canceled',
]);
export type NotificationStatus = z.infer<typeof notificationStatusSchema>;

/** What the carrier reported: `sent` (handed on, no receipt yet), then delivered or not. */
export const deliveryStatusSchema = z.enum([
  'sent',
  'delivered',
  'undelivered',
  'bounced',
  'failed',
]);
export type DeliveryStatus = z.infer<typeof deliveryStatusSchema>;

export const notificationObject = z.strictObject({
  ...documentFields,
  notification_id: idOf('ntf'),
  business_id: idOf('bus'),
  client_id: idOf('cli').nullable().default(null),
  appointment_id: idOf('apt').nullable().default(null),
  type: notificationTypeSchema,
  channel: notificationChannelSchema,
  recipient_phone: phoneSchema.nullable().default(null),
  recipient_email: emailSchema.nullable().default(null),
  message: z.string().min(1),
  status: notificationStatusSchema.default('pending'),
  sent_at: z.date().nullable().default(null),
  /** What the provider reported afterwards; null until it has. */
  delivery_status: deliveryStatusSchema.nullable().default(null),
  failure_reason: z.string().nullable().default(null),
  retry_count: z.int().nonnegative().default(0),

  // The outbox's bookkeeping (absent on notifications logged before the outbox existed).
  /** Not sent before this instant (a reminder's time, the end of quiet hours, a retry's back-off). */
  send_after: z.date().optional(),
  /** One message per key and business ("reminder:apt_…"): a second enqueue is a no-op. */
  dedupe_key: z.string().optional(),
  /** Which desktop claimed it and until when; an expired claim is checked with the provider. */
  claimed_by: z.string().nullable().optional(),
  claim_expires_at: z.date().nullable().optional(),
  /** A send whose outcome is unknown (the connection dropped): checked before any resend. */
  uncertain_since: z.date().nullable().optional(),
  provider_message_sid: z.string().nullable().optional(),
  /** The provider's own status word ("queued", "delivered", "undelivered"). */
  provider_status: z.string().nullable().optional(),
  /** The provider's error code (21610, 30003, …) of the last failure. */
  error_code: z.int().nullable().optional(),
  /** When the delivery status is next asked for; null once it is final. */
  delivery_check_at: z.date().nullable().optional(),
  segments: z.int().positive().optional(),
  /** Who queued it by hand ("on my way", a test); absent for automatic messages. */
  queued_by: idOf('usr').nullable().optional(),
});

export const notificationSchema = notificationObject.superRefine((n, ctx) => {
  const byPhone = n.channel === 'sms' || n.channel === 'voice';
  if (byPhone && n.recipient_phone === null) {
    ctx.addIssue({
      code: 'custom',
      path: ['recipient_phone'],
      message: `recipient_phone is required for ${n.channel}`,
    });
  }
  if (n.channel === 'email' && n.recipient_email === null) {
    ctx.addIssue({
      code: 'custom',
      path: ['recipient_email'],
      message: 'recipient_email is required for email',
    });
  }
  if (n.status === 'sent' && n.sent_at === null) {
    ctx.addIssue({
      code: 'custom',
      path: ['sent_at'],
      message: 'sent_at is required when status is sent',
    });
  }
  if ((n.status === 'failed' || n.status === 'bounced') && n.failure_reason === null) {
    ctx.addIssue({
      code: 'custom',
      path: ['failure_reason'],
      message: `failure_reason is required when status is ${n.status}`,
    });
  }
}, whenFieldsValid);
export type Notification = z.infer<typeof notificationSchema>;
export type NotificationInput = z.input<typeof notificationSchema>;
