// clients.geocode/setLocation: putting a client on the map, by address lookup or by a dragged pin.
import { z } from 'zod';
import { clientSchema } from '../../schemas/clients';
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

export const geocodingChannels = {
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
