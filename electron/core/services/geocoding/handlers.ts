// clients.geocode / clients.setLocation: a client's map position, found from the address or dropped
// by hand; both save through clients.update, so `location` stays derived and the edit is audited.
import type { HandlerContext } from '../../context';
import type { DatabaseHolder } from '../../db/holder';
import type { Handler, Handlers } from '../../dispatch';
import { NotFoundError } from '../../errors';
import type { Geocoder } from '../../geocoding';
import type { Clock } from '../../ports';
import { createRecordHandlers, specFor } from '../records/handlers';
import { tenantRepository } from '../tenant';

export interface GeocodingDeps {
  database: DatabaseHolder;
  clock: Clock;
  geocoder: Geocoder;
}

export const ADDRESS_NOT_FOUND =
  'We could not find this address on the map; drag the pin to the right place.';

export function createGeocodingHandlers(
  deps: GeocodingDeps,
): Pick<Handlers, 'clients.geocode' | 'clients.setLocation'> {
  const spec = specFor('clients');
  const update = createRecordHandlers('clients', deps)['clients.update'];
  const move = (ctx: HandlerContext, id: string, version: number, lat: number, lng: number) =>
    update(ctx, { id, version, changes: { latitude: lat, longitude: lng } as never });

  const geocode: Handler<'clients.geocode'> = async (ctx, input) => {
    const client = await tenantRepository(deps, ctx, spec).get(input.id);
    const match = await deps.geocoder.geocode(
      {
        address: String(client.address),
        city: String(client.city),
        state: String(client.state),
        zip_code: String(client.zip_code),
      },
      ctx.signal,
    );
    if (!match) throw new NotFoundError(ADDRESS_NOT_FOUND, { id: input.id, reason: 'address' });
    const updated = await move(ctx, input.id, input.version, match.latitude, match.longitude);
    return { client: updated, match } as never;
  };

  const setLocation: Handler<'clients.setLocation'> = (ctx, input) =>
    move(ctx, input.id, input.version, input.latitude, input.longitude) as never;

  return { 'clients.geocode': geocode, 'clients.setLocation': setLocation };
}
