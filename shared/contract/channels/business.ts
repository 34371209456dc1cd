// business.*, notifications.list, calls.list: the signed-in business itself, and its logs.
import { z } from 'zod';
import { businessConfigSchema, businessObject, businessSchema } from '../../schemas/businesses';
import { idOf } from '../../schemas/ids';
import {
  notificationSchema,
  notificationStatusSchema,
  notificationTypeSchema,
} from '../../schemas/notifications';
import { voiceOutcomeSchema, voiceSessionSchema } from '../../schemas/voice-sessions';
import { channel } from '../define';
import { noInput } from './app';
import { changesSchema } from './records';

const page = { limit: z.int().min(1).max(500).default(100), offset: z.int().min(0).default(0) };

export const businessChannels = {
  'business.get': channel({
    summary: 'The signed-in business: profile, hours and configuration.',
    access: 'session',
    permission: 'records.view',
    input: noInput,
    output: businessSchema,
  }),
  'business.update': channel({
    summary:
      "Changes the business's profile, hours or configuration, if unchanged since `version`.",
    access: 'session',
    permission: 'settings.manage',
    input: z.strictObject({
      version: z.int().min(1),
      changes: changesSchema(
        businessObject.pick({
          name: true,
          vertical: true,
          phone: true,
          email: true,
          address: true,
          timezone: true,
        }),
      ).extend({
        // Only the settings that change; the rest of the configuration is kept (merged in the core).
        // Nested groups (weather_thresholds, business_hours) are given whole.
        config: changesSchema(businessConfigSchema.unwrap()).optional(),
      }),
    }),
    output: businessSchema,
  }),
  'notifications.list': channel({
    summary: 'Messages sent (or waiting) to clients, newest first.',
    access: 'session',
    permission: 'records.view',
    input: z.strictObject({
      client_id: idOf('cli').optional(),
      appointment_id: idOf('apt').optional(),
      status: notificationStatusSchema.optional(),
      type: notificationTypeSchema.optional(),
      ...page,
    }),
    output: z.object({ items: z.array(notificationSchema), total: z.int().nonnegative() }),
  }),
  'calls.list': channel({
    summary: 'Voice sessions with callers, newest first.',
    access: 'session',
    permission: 'records.view',
    input: z.strictObject({
      outcome: voiceOutcomeSchema.optional(),
      client_id: idOf('cli').optional(),
      ...page,
    }),
    output: z.object({ items: z.array(voiceSessionSchema), total: z.int().nonnegative() }),
  }),
};
