// notifications: the log of every SMS, push, email or voice message sent (or not) to a client.
import { z } from 'zod';
import { documentFields, emailSchema, phoneSchema, whenFieldsValid } from './common';
import { idOf } from './ids';

export const notificationTypeSchema = z.enum([
  'appointment_confirmation',
  'appointment_reminder',
  'reschedule_notification',
  'urgent_alert',
]);
export type NotificationType = z.infer<typeof notificationTypeSchema>;

export const notificationChannelSchema = z.enum(['sms', 'push', 'email', 'voice']);
export type NotificationChannel = z.infer<typeof notificationChannelSchema>;

export const notificationStatusSchema = z.enum([
  'pending',
  'sent',
  'failed',
  'bounced',
  'opted_out',
]);
export type NotificationStatus = z.infer<typeof notificationStatusSchema>;

export const deliveryStatusSchema = z.enum(['delivered', 'bounced', 'failed']);
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
