// weather.*: the weather watch — the plan of jobs at risk with proposed new slots, approving or
// dismissing them, checking now, and the keyed providers' API keys (kept in the OS keychain).
import { z } from 'zod';
import { dateKeySchema, timeOfDaySchema } from '../../schemas/common';
import { weatherProviderSchema } from '../../schemas/businesses';
import { thresholdDetailsSchema, weatherDataSchema } from '../../schemas/weather-cache';
import { channel } from '../define';
import { noInput } from './app';

/** Where a job is, or would be: its day, hours and crew. */
export const weatherSlotSchema = z.object({
  date: dateKeySchema,
  start: timeOfDaySchema,
  end: timeOfDaySchema,
  staff_ids: z.array(z.string()),
  /** The crew's names, in the order of `staff_ids` ("Unassigned" when there is no crew). */
  staff_names: z.array(z.string()),
});
export type WeatherSlot = z.infer<typeof weatherSlotSchema>;

export const weatherProposalStatusSchema = z.enum(['open', 'approved', 'dismissed']);

/** One job at risk: before and after, and the numbers behind both. */
export const weatherPlanItemSchema = z.object({
  proposal_id: z.string(),
  appointment_id: z.string(),
  /** The job's version when the proposal was made: approving a job changed since is refused. */
  version: z.int(),
  client_name: z.string(),
  service_name: z.string(),
  before: weatherSlotSchema,
  /** The proposed slot; null when no slot fits (`note` says why). */
  after: weatherSlotSchema.nullable(),
  same_crew: z.boolean(),
  /** What the dispatcher reads: why the job moves there, or why nothing fits. */
  note: z.string(),
  /** What crosses the thresholds over the job's own hours ("Rain 80%", "Wind 40 mph"). */
  risks: z.array(z.string()),
  /** The forecast over the job's hours and each threshold against it. */
  weather: weatherDataSchema,
  details: thresholdDetailsSchema,
  /** The forecast over the proposed hours. */
  after_weather: weatherDataSchema.nullable(),
  /** 'hourly' when hourly points covered the job's hours, 'daily' when only the day's figures did. */
  basis: z.enum(['hourly', 'daily']),
  /** The forecast it rests on could not be refreshed and is older than it should be. */
  stale: z.boolean(),
  forecast_at: z.date(),
  status: weatherProposalStatusSchema,
});
export type WeatherPlanItem = z.infer<typeof weatherPlanItemSchema>;

/** How the watch stands for the business. */
export const weatherWatchStatusSchema = z.object({
  enabled: z.boolean(),
  /** The provider forecasts come from (a keyed provider without its key falls back to Open-Meteo). */
  provider: weatherProviderSchema,
  provider_name: z.string(),
  /** The chosen provider, when it is not the one in use, and why. */
  fallback_reason: z.string().nullable(),
  last_sweep_at: z.date().nullable(),
  next_sweep_at: z.date().nullable(),
  /** The last sweep's problem for this business, in words; null when it went well. */
  last_error: z.string().nullable(),
  window_hours: z.int(),
});
export type WeatherWatchStatus = z.infer<typeof weatherWatchStatusSchema>;

export const weatherSweepResultSchema = z.object({
  /** Upcoming jobs within the window whose weather was checked. */
  checked: z.int().nonnegative(),
  at_risk: z.int().nonnegative(),
  /** Open proposals after the sweep (a slot or "nothing fits"). */
  proposals: z.int().nonnegative(),
  provider_calls: z.int().nonnegative(),
  /** Places whose forecast could not be refreshed (the last good one was used, labelled stale). */
  stale_cells: z.int().nonnegative(),
  error: z.string().nullable(),
});
export type WeatherSweepResult = z.infer<typeof weatherSweepResultSchema>;

const keyedProviderSchema = z.enum(['openweathermap', 'weatherapi']);

export const weatherKeysSchema = z.object({
  /** Whether a key is stored for each keyed provider (keys are never sent back). */
  openweathermap: z.boolean(),
  weatherapi: z.boolean(),
  /** False when the OS keychain is unavailable: keys cannot be saved. */
  keychain_available: z.boolean(),
});

const proposalIds = z
  .array(z.string().regex(/^wpr_[A-Za-z0-9_-]{3,64}$/, 'Expected a proposal id (wpr_…)'))
  .min(1, 'Choose at least one job')
  .max(500);

export const weatherChannels = {
  'weather.plan': channel({
    summary:
      'The weather plan: upcoming jobs at risk with their proposed new slots (before and after, with the forecast numbers), and how the watch stands.',
    access: 'session',
    permission: 'records.view',
    input: noInput,
    output: z.object({
      items: z.array(weatherPlanItemSchema),
      status: weatherWatchStatusSchema,
    }),
  }),
  'weather.approve': channel({
    summary:
      'Approves proposals: each job is rescheduled to its proposed slot through the board rules (marked due to weather, linked to the old one) and the client is queued a reschedule notice.',
    access: 'session',
    permission: 'dispatch',
    input: z.strictObject({ proposal_ids: proposalIds }),
    output: z.object({
      moved: z.array(z.object({ proposal_id: z.string(), appointment_id: z.string() })),
      failed: z.array(z.object({ proposal_id: z.string(), message: z.string() })),
    }),
  }),
  'weather.dismiss': channel({
    summary:
      'Leaves jobs where they are: their proposals are dismissed until the forecast changes.',
    access: 'session',
    permission: 'dispatch',
    input: z.strictObject({ proposal_ids: proposalIds }),
    output: z.object({ dismissed: z.int().nonnegative() }),
  }),
  'weather.checkNow': channel({
    summary: "Checks the business's upcoming jobs against the forecast now, instead of waiting.",
    access: 'session',
    permission: 'dispatch',
    input: noInput,
    output: weatherSweepResultSchema,
  }),
  'weather.keys': channel({
    summary: 'Which weather providers have an API key stored in the OS keychain.',
    access: 'session',
    permission: 'settings.manage',
    input: noInput,
    output: weatherKeysSchema,
  }),
  'weather.setKey': channel({
    summary:
      "Stores (or, with null, removes) a weather provider's API key in the OS keychain; it is never stored in the database or sent back.",
    access: 'session',
    permission: 'settings.manage',
    input: z.strictObject({
      provider: keyedProviderSchema,
      key: z
        .string()
        .trim()
        .min(8, 'That is too short for an API key')
        .max(200, 'That is too long for an API key')
        .regex(/^[A-Za-z0-9_-]+$/, 'An API key has only letters, digits, _ and -')
        .nullable(),
    }),
    output: weatherKeysSchema,
  }),
};
