// clients.geocode / clients.setLocation: a client's map position, found from the address or dropped
// by hand; both save through clients.update, so `location` stays derived and the edit is audited.
// staff.findRouteStart / staff.setRouteStart: a person's route start (staff.location), the same two
// ways, or none (the business address); written with the record's version and audited.
import type { HandlerContext } from '../../context';
import type { DatabaseHolder } from '../../db/holder';
import type { Handler, Handlers } from '../../dispatch';
import { NotFoundError } from '../../errors';
import type { Geocoder } from '../../geocoding';
import type { Clock } from '../../ports';
import type { GeoPoint } from '../../../../shared/schemas/common';
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
): Pick<
  Handlers,
  'clients.geocode' | 'clients.setLocation' | 'staff.findRouteStart' | 'staff.setRouteStart'
> {
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

  const routeStarts = createRouteStartHandlers(deps);
  return { 'clients.geocode': geocode, 'clients.setLocation': setLocation, ...routeStarts };
}

/** The audit note of a route-start change: the address it stands for, when there is one. */
const startNote = (address: string | undefined) =>
  address ? `Route start: ${address}` : 'Route start: pin placed on the map';

function createRouteStartHandlers(
  deps: GeocodingDeps,
): Pick<Handlers, 'staff.findRouteStart' | 'staff.setRouteStart'> {
  const spec = specFor('staff');
  const repo = (ctx: HandlerContext) => tenantRepository(deps, ctx, spec);

  const place = (
    ctx: HandlerContext,
    input: { id: string; version: number },
    at: { latitude: number; longitude: number },
    address: string | undefined,
  ) => {
    const location: GeoPoint = { type: 'Point', coordinates: [at.longitude, at.latitude] };
    return repo(ctx).update(input.id, input.version, { location }, { note: startNote(address) });
  };

  /** Back to the business address: `location` removed (the repository unsets it). */
  const reset = (ctx: HandlerContext, input: { id: string; version: number }) =>
    repo(ctx).update(
      input.id,
      input.version,
      { location: undefined },
      { note: 'Route start: the business address' },
    );

  const findRouteStart: Handler<'staff.findRouteStart'> = async (ctx, input) => {
    const match = await deps.geocoder.geocode(
      { address: input.address, city: '', state: '', zip_code: '' },
      ctx.signal,
    );
    if (!match) throw new NotFoundError(ADDRESS_NOT_FOUND, { id: input.id, reason: 'address' });
    const staff = await place(ctx, input, match, input.address);
    return { staff, match } as never;
  };

  const setRouteStart: Handler<'staff.setRouteStart'> = async (ctx, input) =>
    (input.start === null
      ? await reset(ctx, input)
      : await place(ctx, input, input.start, input.start.address)) as never;

  return { 'staff.findRouteStart': findRouteStart, 'staff.setRouteStart': setRouteStart };
}
