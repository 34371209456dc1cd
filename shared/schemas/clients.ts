// clients: the customers a business serves, with their address, map position and job metrics.
import { z } from 'zod';
import {
  checkLocation,
  documentFields,
  emailSchema,
  geoPointSchema,
  moneySchema,
  phoneSchema,
  ratingSchema,
  whenFieldsValid,
} from './common';
import { idOf } from './ids';

export const contactMethodSchema = z.enum(['sms', 'email', 'phone', 'push']);
export type ContactMethod = z.infer<typeof contactMethodSchema>;

export const clientObject = z.strictObject({
  ...documentFields,
  client_id: idOf('cli'),
  business_id: idOf('bus'),
  first_name: z.string().trim().min(1),
  last_name: z.string().trim().min(1),
  email: emailSchema.nullable().default(null),
  phone: phoneSchema.nullable().default(null),
  address: z.string().trim().min(1),
  /** Null until the address is geocoded; set together with longitude and `location`. */
  latitude: z.number().min(-90).max(90).nullable().default(null),
  longitude: z.number().min(-180).max(180).nullable().default(null),
  /** GeoJSON copy of latitude/longitude for the 2dsphere index; keep in step with withLocation. */
  location: geoPointSchema.optional(),
  city: z.string().trim().min(1),
  state: z.string().regex(/^[A-Z]{2}$/, { error: "Expected a two-letter state code such as 'AL'" }),
  zip_code: z.string().regex(/^\d{5}(-\d{4})?$/, { error: 'Expected a ZIP code such as 35209' }),
  service_type_ids: z.array(idOf('svc')).default([]),
  preferred_staff_ids: z.array(idOf('stf')).default([]),
  notes: z.string().nullable().default(null),

  /** Sum of amount_charged over completed appointments. */
  total_spent: moneySchema.default(0),
  /** Number of completed appointments. */
  job_count: z.int().nonnegative().default(0),
  /** Mean client_rating of rated appointments, null when none is rated. */
  avg_rating: ratingSchema.nullable().default(null),
  /** When the latest completed appointment was completed. */
  last_job_date: z.date().nullable().default(null),
  preferred_contact_method: contactMethodSchema.default('sms'),
  /** The client texted STOP (or another opt-out word): nothing is sent until they text START. */
  sms_opted_out_at: z.date().nullable().default(null),
  /**
   * Why texts to this client cannot be delivered, from the provider ("The number is not a valid
   * phone number (Twilio 21211)"); null when none is known. Cleared when the phone changes.
   */
  sms_problem: z.string().nullable().default(null),

  payment_method_id: idOf('pm').nullable().default(null),
  balance_due: moneySchema.default(0),

  is_active: z.boolean().default(true),

  /**
   * The words the clients list finds this client by (lower case, no accents; word starts of the
   * name, email, phone, address, city and ZIP, and the phone's digit runs), kept by the core on every
   * write; absent on documents from before the field existed.
   */
  search_terms: z.array(z.string()).optional(),
});

export const clientSchema = clientObject.superRefine((client, ctx) => {
  checkLocation(client, ctx);
  if (client.email === null && client.phone === null) {
    ctx.addIssue({
      code: 'custom',
      path: ['phone'],
      message: 'A client needs a phone number or an email address',
    });
  }
}, whenFieldsValid);
export type Client = z.infer<typeof clientSchema>;
export type ClientInput = z.input<typeof clientSchema>;
