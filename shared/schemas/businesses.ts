// businesses: tenant accounts, each with its time zone and fully typed per-business configuration.
import { z } from 'zod';
import {
  documentFields,
  emailSchema,
  geoPointSchema,
  phoneSchema,
  timeOfDaySchema,
  timeZoneSchema,
  weeklyHoursSchema,
  whenFieldsValid,
} from './common';
import { idOf } from './ids';
import {
  DEFAULT_TEMPLATES,
  PLACEHOLDERS,
  TEMPLATE_KINDS,
  unknownPlaceholders,
  type TemplateKind,
} from '../messaging/templates';

/** The longest travel buffer between two jobs of one person a business may set. */
export const MAX_GAP_BETWEEN_JOBS_MINUTES = 240;

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
/**
 * Where forecasts come from. The seed names OpenWeatherMap and WeatherAPI (both need a key, kept in
 * the OS keychain); Open-Meteo needs none, so it is the default and what a keyed provider without
 * its key falls back to.
 */
export const weatherProviderSchema = z.enum(['open_meteo', 'openweathermap', 'weatherapi']);
export const smsProviderSchema = z.enum(['twilio']);

/** A message template: placeholders from the known list only, at most four segments long. */
export const smsTemplateSchema = z
  .string()
  .trim()
  .min(1, 'A message cannot be empty')
  .max(600, 'Keep a message under 600 characters (it would be sent as five or more texts)')
  .superRefine((template, ctx) => {
    const unknown = unknownPlaceholders(template);
    if (unknown.length) {
      ctx.addIssue({
        code: 'custom',
        message: `${unknown.join(', ')} ${unknown.length === 1 ? 'is not a placeholder' : 'are not placeholders'}; use ${Object.keys(
          PLACEHOLDERS,
        )
          .map((p) => `{${p}}`)
          .join(', ')}`,
      });
    }
  });

export const smsTemplatesSchema = z
  .strictObject(
    Object.fromEntries(
      TEMPLATE_KINDS.map((kind) => [kind, smsTemplateSchema.default(DEFAULT_TEMPLATES[kind])]),
    ) as Record<TemplateKind, z.ZodDefault<typeof smsTemplateSchema>>,
  )
  .prefault({});

/** Twilio's ids: an account (AC…), an API key (SK…) and a Messaging Service (MG…). */
const twilioSid = (prefix: string, what: string) =>
  z
    .string()
    .trim()
    .regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`), {
      error: `${what} starts with ${prefix} followed by 32 letters and digits (0-9, a-f)`,
    });
export const twilioAccountSidSchema = twilioSid('AC', 'An Account SID');
export const twilioApiKeySidSchema = twilioSid('SK', 'An API key SID');
export const twilioMessagingServiceSidSchema = twilioSid('MG', 'A Messaging Service SID');
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

/** OpenStreetMap's standard tiles: the map's tile server until the business names another. */
export const DEFAULT_MAP_TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
/** The credit OpenStreetMap's tile usage policy asks for, as plain text (the map adds the link). */
export const DEFAULT_MAP_TILE_ATTRIBUTION = '© OpenStreetMap contributors';
/** Road distance per straight-line distance; 1.3 is a common figure for suburban street grids. */
export const DEFAULT_ROUTE_ROAD_FACTOR = 1.3;
/** Average driving speed including lights and turns. */
export const DEFAULT_ROUTE_AVERAGE_SPEED_KMH = 40;

const TILE_PLACEHOLDERS = ['{z}', '{x}', '{y}'] as const;

/**
 * A Leaflet tile URL template: https (the app's content security policy loads images only over
 * https), with the zoom and tile column and row in it.
 */
export const mapTileUrlSchema = z
  .string()
  .trim()
  .min(1, { error: "Enter the tile server's URL, e.g. " + DEFAULT_MAP_TILE_URL, abort: true })
  .max(500, { error: 'The tile URL is too long (500 characters at most).', abort: true })
  .refine(
    (url) => {
      try {
        // Placeholders ({s}, {z}, {r}…) are not valid in a host name; any letter stands in for them.
        const parsed = new URL(url.replace(/\{[a-z]+\}/gi, 'a'));
        return parsed.protocol === 'https:';
      } catch {
        return false;
      }
    },
    {
      error:
        'The tile URL must be a web address starting with https:// (maps load tiles only over https).',
      abort: true,
    },
  )
  .superRefine((url, ctx) => {
    const missing = TILE_PLACEHOLDERS.filter((p) => !url.includes(p));
    if (missing.length) {
      ctx.addIssue({
        code: 'custom',
        message: `The tile URL must contain {z}, {x} and {y} (missing ${missing.join(', ')}).`,
      });
    }
  });

export const mapTileAttributionSchema = z
  .string()
  .trim()
  .max(300, { error: 'The attribution is too long (300 characters at most).' });

export const routeRoadFactorSchema = z
  .number({ error: 'Enter the road factor as a number, e.g. 1.3.' })
  .min(1, { error: 'The road factor must be between 1.0 and 3.0.' })
  .max(3, { error: 'The road factor must be between 1.0 and 3.0.' });

export const routeAverageSpeedSchema = z
  .number({ error: 'Enter the average speed in km/h as a number, e.g. 40.' })
  .min(5, { error: 'The average speed must be between 5 and 130 km/h.' })
  .max(130, { error: 'The average speed must be between 5 and 130 km/h.' });

/** The map's tile server and the route optimizer's travel estimate, each with its default. */
const mapSettingsFields = {
  /** Leaflet tile URL template ({z}/{x}/{y}); OpenStreetMap's by default. */
  map_tile_url: mapTileUrlSchema.default(DEFAULT_MAP_TILE_URL),
  /** The tile server's credit, plain text, shown on every map. */
  map_tile_attribution: mapTileAttributionSchema.default(DEFAULT_MAP_TILE_ATTRIBUTION),
  /** Road km per straight-line km, for route travel estimates. */
  route_road_factor: routeRoadFactorSchema.default(DEFAULT_ROUTE_ROAD_FACTOR),
  /** Average driving speed for route travel estimates. */
  route_average_speed_kmh: routeAverageSpeedSchema.default(DEFAULT_ROUTE_AVERAGE_SPEED_KMH),
};

export const mapSettingsSchema = z.strictObject(mapSettingsFields);
export type MapSettings = z.infer<typeof mapSettingsSchema>;
export const MAP_SETTINGS_DEFAULTS: MapSettings = mapSettingsSchema.parse({});

/** Reads the map settings of any stored config: a missing or unusable value gives its default. */
const mapSettingsReader = z.object({
  map_tile_url: mapSettingsFields.map_tile_url.catch(DEFAULT_MAP_TILE_URL),
  map_tile_attribution: mapSettingsFields.map_tile_attribution.catch(DEFAULT_MAP_TILE_ATTRIBUTION),
  route_road_factor: mapSettingsFields.route_road_factor.catch(DEFAULT_ROUTE_ROAD_FACTOR),
  route_average_speed_kmh: mapSettingsFields.route_average_speed_kmh.catch(
    DEFAULT_ROUTE_AVERAGE_SPEED_KMH,
  ),
});

/** The business's map and route settings, with defaults for what an older document lacks. */
export function mapSettingsOf(config: unknown): MapSettings {
  return mapSettingsReader.parse(typeof config === 'object' && config !== null ? config : {});
}

/** Per-business settings; `businessConfigSchema.parse({})` gives the seed's defaults. */
export const businessConfigSchema = z
  .strictObject({
    weather_enabled: z.boolean().default(true),
    weather_api_provider: weatherProviderSchema.default('open_meteo'),
    /** How far ahead the weather is checked. */
    reschedule_window_hours: z.int().min(1).max(336).default(48),
    weather_thresholds: weatherThresholdsSchema,
    /** Services the weather never stops (indoor work: HVAC, plumbing, cleaning). */
    weather_exempt_service_ids: z.array(idOf('svc')).default([]),

    min_gap_between_jobs_minutes: z.int().min(0).max(MAX_GAP_BETWEEN_JOBS_MINUTES).default(30),
    default_service_duration_minutes: z.int().min(5).max(1440).default(60),
    /** Several crews may be assigned to one job. */
    allow_crew_stacking: z.boolean().default(true),
    allow_same_day_reschedule: z.boolean().default(true),
    business_hours: weeklyHoursSchema,

    ai_receptionist_enabled: z.boolean().default(false),
    ai_voice_id: z.string().default('none'),
    sms_enabled: z.boolean().default(true),
    sms_provider: smsProviderSchema.default('twilio'),
    /** Twilio account; the auth token or API key secret is in the OS keychain, never here. */
    twilio_account_sid: twilioAccountSidSchema.nullable().default(null),
    /** null: the account's auth token signs requests; else this API key (with its secret). */
    twilio_api_key_sid: twilioApiKeySidSchema.nullable().default(null),
    /** Messages go out through this Messaging Service, or else from `twilio_from_number`. */
    twilio_messaging_service_sid: twilioMessagingServiceSidSchema.nullable().default(null),
    twilio_from_number: phoneSchema.nullable().default(null),
    sms_templates: smsTemplatesSchema,
    /** Texts wait outside these hours of the client's day (the business's time zone). */
    sms_send_from: timeOfDaySchema.default('08:00'),
    sms_send_until: timeOfDaySchema.default('21:00'),
    /** The sender's pace: 1 a second for a long code, more for toll-free numbers and short codes. */
    sms_messages_per_second: z.number().min(0.1).max(100).default(1),

    payments_enabled: z.boolean().default(false),
    payment_processor: paymentProcessorSchema.default('stripe'),
    default_payment_method: paymentMethodTypeSchema.nullable().default(null),

    notifications_enabled: z.boolean().default(true),
    sms_before_appointment_hours: z.int().min(0).max(168).default(24),
    push_enabled: z.boolean().default(true),
    email_enabled: z.boolean().default(false),

    ...mapSettingsFields,
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
