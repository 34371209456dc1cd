// clients.geocode/setLocation: putting a client on the map, by address lookup or by a dragged pin;
// staff.findRouteStart/setRouteStart: where a crew lead's routes start, the same two ways.
import { z } from 'zod';
import { clientSchema } from '../../schemas/clients';
import { staffSchema } from '../../schemas/staff';
import { idOf } from '../../schemas/ids';
import { channel } from '../define';

export const geocodePrecisionSchema = z.enum(['address', 'street', 'postcode', 'city', 'region']);
export type GeocodePrecision = z.infer<typeof geocodePrecisionSchema>;

export const geocodeMatchSchema = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  /** The provider's name for the place found, to show beside the pin. */
  display_name: z.string(),
  /** How exact the match is: a house number, or only the street, postcode, town or region. */
  precision: geocodePrecisionSchema,
});
export type GeocodeMatch = z.infer<typeof geocodeMatchSchema>;

const versioned = { id: idOf('cli'), version: z.int().min(1) };

const clientLocationChannels = {
  'clients.geocode': channel({
    summary:
      "Looks the client's address up on the map and saves the position found; not_found when the address cannot be found (drag the pin instead).",
    access: 'session',
    permission: 'records.edit',
    input: z.strictObject(versioned),
    output: z.object({ client: clientSchema, match: geocodeMatchSchema }),
  }),
  'clients.setLocation': channel({
    summary: "Saves the client's position where the user dropped the map pin.",
    access: 'session',
    permission: 'records.edit',
    input: z.strictObject({
      ...versioned,
      latitude: z.number().min(-90).max(90),
      longitude: z.number().min(-180).max(180),
    }),
    output: clientSchema,
  }),
};

const latitude = z.number().min(-90).max(90);
const longitude = z.number().min(-180).max(180);
/** An address as the dispatcher typed it: looked up, or kept with a dropped pin for the history. */
const typedAddress = z.string().trim().min(1).max(300);
const versionedStaff = { id: idOf('stf'), version: z.int().min(1) };

export const routeStartChannels = {
  'staff.findRouteStart': channel({
    summary:
      "Looks a typed address up on the map and makes it this person's route start (home base); not_found when it cannot be found (drag the pin instead).",
    access: 'session',
    permission: 'records.edit',
    input: z.strictObject({ ...versionedStaff, address: typedAddress }),
    output: z.object({ staff: staffSchema, match: geocodeMatchSchema }),
  }),
  'staff.setRouteStart': channel({
    summary:
      "Sets where this person's routes start (a dropped pin, with the address it stands for if known), or null to start from the business address again.",
    access: 'session',
    permission: 'records.edit',
    input: z.strictObject({
      ...versionedStaff,
      start: z.strictObject({ latitude, longitude, address: typedAddress.optional() }).nullable(),
    }),
    output: staffSchema,
  }),
};

export const geocodingChannels = { ...clientLocationChannels, ...routeStartChannels };
