// voice_sessions: calls answered by the AI receptionist, with transcript, outcome and escalation.
import { z } from 'zod';
import { documentFields, phoneSchema, whenFieldsValid } from './common';
import { idOf } from './ids';

export const voiceSessionStatusSchema = z.enum(['initiated', 'in_progress', 'completed', 'failed']);
export type VoiceSessionStatus = z.infer<typeof voiceSessionStatusSchema>;

export const voiceOutcomeSchema = z.enum([
  'appointment_booked',
  'reschedule_confirmed',
  'info_provided',
  'escalated',
  'no_action',
]);
export type VoiceOutcome = z.infer<typeof voiceOutcomeSchema>;

export const voiceSessionObject = z.strictObject({
  ...documentFields,
  voice_session_id: idOf('vcs'),
  business_id: idOf('bus'),
  caller_phone: phoneSchema,
  /** Set once the caller is recognised as a client. */
  client_id: idOf('cli').nullable().default(null),
  twilio_call_id: z.string().min(1).nullable().default(null),
  start_time: z.date(),
  end_time: z.date().nullable().default(null),
  duration_seconds: z.int().nonnegative().nullable().default(null),
  status: voiceSessionStatusSchema.default('initiated'),
  transcript: z.string().nullable().default(null),
  intents_detected: z.array(z.string().min(1)).default([]),
  /** Null while the call is under way. */
  outcome: voiceOutcomeSchema.nullable().default(null),
  appointment_id_created: idOf('apt').nullable().default(null),
  escalated_to_human: z.boolean().default(false),
  escalation_reason: z.string().nullable().default(null),
  recording_url: z.url().nullable().default(null),
  /** Confidence/quality of the AI's handling, 0–1. */
  ai_performance_rating: z.number().min(0).max(1).nullable().default(null),
});

export const voiceSessionSchema = voiceSessionObject.superRefine((call, ctx) => {
  if (call.end_time !== null && call.end_time.getTime() < call.start_time.getTime()) {
    ctx.addIssue({
      code: 'custom',
      path: ['end_time'],
      message: 'end_time must not be before start_time',
    });
  }
  if (call.outcome === 'appointment_booked' && call.appointment_id_created === null) {
    ctx.addIssue({
      code: 'custom',
      path: ['appointment_id_created'],
      message: 'appointment_id_created is required when outcome is appointment_booked',
    });
  }
}, whenFieldsValid);
export type VoiceSession = z.infer<typeof voiceSessionSchema>;
export type VoiceSessionInput = z.input<typeof voiceSessionSchema>;
