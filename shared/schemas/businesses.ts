// businesses: tenant accounts, each with its time zone and fully typed per-business configuration.
import { z } from 'zod';
import {
  documentFields,
  emailSchema,
  geoPointSchema,
  phoneSchema,
  timeZoneSchema,
  weeklyHoursSchema,
  whenFieldsValid,
} from './common';
import { idOf } from './ids';

export const verticalSchema = z.enum([
  'lawn_care',
  'landscaping',
  'construction',
  'hvac',
  'plumbing',
  'electrical',
  'cleaning',
  'pest_control',
  'pool_service',
  'other',
]);
export type Vertical = z.infer<typeof verticalSchema>;

export const planSchema = z.enum(['free', 'professional', 'enterprise']);
export const subscriptionStatusSchema = z.enum(['active', 'paused', 'canceled']);
export const weatherProviderSchema = z.enum(['openweathermap', 'weatherapi']);
export const smsProviderSchema = z.enum(['twilio']);
export const paymentProcessorSchema = z.enum(['stripe', 'square']);
export const paymentMethodTypeSchema = z.enum(['credit_card', 'bank_account', 'ach']);

/** When a day's forecast is bad enough to reschedule outdoor work. */
export const weatherThresholdsSchema = z
  .strictObject({
    rain_percent: z.number().min(0).max(100).default(70),
    temp_min_fahrenheit: z.number().default(32),
    temp_max_fahrenheit: z.number().default(105),
    wind_speed_mph: z.number().nonnegative().default(35),
  })
  .refine((t) => t.temp_max_fahrenheit > t.temp_min_fahrenheit, {
    error: 'temp_max_fahrenheit must be above temp_min_fahrenheit',
    path: ['temp_max_fahrenheit'],
    ...whenFieldsValid,
  })
  .prefault({});

/** Per-business settings; `businessConfigSchema.parse({})` gives the seed's defaults. */
export const businessConfigSchema = z
  .strictObject({
    weather_enabled: z.boolean().default(true),
    weather_api_provider: weatherProviderSchema.default('openweathermap'),
    /** How far ahead the weather is checked. */
    reschedule_window_hours: z.int().min(1).max(336).default(48),
    weather_thresholds: weatherThresholdsSchema,

    min_gap_between_jobs_minutes: z.int().min(0).max(240).default(30),
    default_service_duration_minutes: z.int().min(5).max(1440).default(60),
    /** Several crews may be assigned to one job. */
    allow_crew_stacking: z.boolean().default(true),
    allow_same_day_reschedule: z.boolean().default(true),
    business_hours: weeklyHoursSchema,

    ai_receptionist_enabled: z.boolean().default(false),
    ai_voice_id: z.string().default('none'),
    sms_enabled: z.boolean().default(true),
    sms_provider: smsProviderSchema.default('twilio'),

    payments_enabled: z.boolean().default(false),
    payment_processor: paymentProcessorSchema.default('stripe'),
    default_payment_method: paymentMethodTypeSchema.nullable().default(null),

    notifications_enabled: z.boolean().default(true),
    sms_before_appointment_hours: z.int().min(0).max(168).default(24),
    push_enabled: z.boolean().default(true),
    email_enabled: z.boolean().default(false),
  })
  .prefault({});
export type BusinessConfig = z.infer<typeof businessConfigSchema>;

export const businessObject = z.strictObject({
  ...documentFields,
  business_id: idOf('bus'),
  name: z.string().trim().min(1),
  vertical: verticalSchema,
  plan: planSchema.default('free'),
  phone: phoneSchema,
  email: emailSchema,
  address: z.string().trim().min(1),
  /** Where crews start from (GeoJSON, longitude first); optional. */
  location: geoPointSchema.optional(),
  /** IANA zone; appointment dates and HH:mm times are local to it. */
  timezone: timeZoneSchema,
  owner_id: idOf('usr'),
  staff_count: z.int().nonnegative().default(0),
  client_count: z.int().nonnegative().default(0),
  subscription_status: subscriptionStatusSchema.default('active'),
  subscription_renewal_date: z.date().nullable().default(null),
  config: businessConfigSchema,
});

export const businessSchema = businessObject;
export type Business = z.infer<typeof businessSchema>;
export type BusinessInput = z.input<typeof businessSchema>;
