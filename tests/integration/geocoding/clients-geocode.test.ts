import { beforeAll, describe, expect, it } from 'vitest';
import { demoWorld, type DemoWorld } from '../../support/demo';
import { fakeNominatimForCore, place } from './fake-nominatim';

const nominatim = fakeNominatimForCore();

const world = demoWorld('geocoding_clients');
let lawn: Awaited<ReturnType<DemoWorld['signedIn']>>;
let hvac: Awaited<ReturnType<DemoWorld['signedIn']>>;

type Client = {
  client_id: string;
  version: number;
  latitude: number | null;
  longitude: number | null;
  location?: { type: string; coordinates: [number, number] };
  audit_log: { action: string; changes?: Record<string, unknown> }[];
};

beforeAll(async () => {
  lawn = await world.signedIn('dispatch@southern-lawn.example');
  hvac = await world.signedIn('owner@front-range-hvac.example');
});

async function newClient(street: string): Promise<Client> {
  return lawn.value<Client>('clients.create', {
    data: {
      first_name: 'Pin',
      last_name: 'Geocode',
      phone: '205-555-7601',
      address: street,
      city: 'Birmingham',
      state: 'AL',
      zip_code: '35205',
    },
  });
}
const queryOf = (street: string) => `${street}, Birmingham, AL 35205`;

describe('clients.geocode', () => {
  it("saves the position found for the client's address, with location derived from it", async () => {
    nominatim().replies.set(queryOf('2100 Highland Ave'), {
      places: [place(33.5008, -86.7907, '2100, Highland Avenue, Birmingham, Alabama, 35205')],
    });
    const client = await newClient('2100 Highland Ave');
    const before = nominatim().requests.length;
    const result = await lawn.value<{ client: Client; match: Record<string, unknown> }>(
      'clients.geocode',
      { id: client.client_id, version: client.version },
    );
    expect(nominatim().requests.length).toBe(before + 1);
    expect(nominatim().requests.at(-1)?.params).toMatchObject({
      format: 'jsonv2',
      countrycodes: 'us',
    });
    expect(result.match).toEqual({
      latitude: 33.5008,
      longitude: -86.7907,
      display_name: '2100, Highland Avenue, Birmingham, Alabama, 35205',
      precision: 'address',
    });
    expect(result.client).toMatchObject({
      latitude: 33.5008,
      longitude: -86.7907,
      location: { type: 'Point', coordinates: [-86.7907, 33.5008] },
      version: client.version + 1,
    });
    expect(result.client.audit_log.at(-1)).toMatchObject({
      action: 'updated',
      changes: { latitude: { before: null, after: 33.5008 } },
    });

    // The same address again: answered from the cache, the server is not asked.
    const again = await lawn.value<{ client: Client }>('clients.geocode', {
      id: client.client_id,
      version: result.client.version,
    });
    expect(nominatim().requests.length).toBe(before + 1);
    expect(again.client.version).toBe(result.client.version);
  });

  it('says the address cannot be found and asks for the pin to be dragged', async () => {
    const client = await newClient('99999 Nowhere Rd');
    const result = await lawn.call('clients.geocode', {
      id: client.client_id,
      version: client.version,
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        kind: 'not_found',
        message: 'We could not find this address on the map; drag the pin to the right place.',
      },
    });
    const stored = await lawn.value<Client>('clients.get', { id: client.client_id });
    expect(stored).toMatchObject({ latitude: null, longitude: null, version: client.version });
    expect(stored.location).toBeUndefined();
  });

  it('reports a failing map service as unavailable and changes nothing', async () => {
    nominatim().replies.set(queryOf('1 Broken Way'), { status: 502 });
    const client = await newClient('1 Broken Way');
    const result = await lawn.call('clients.geocode', {
      id: client.client_id,
      version: client.version,
    });
    expect(result).toMatchObject({ ok: false, error: { kind: 'unavailable' } });
    if (!result.ok) expect(result.error.message).toMatch(/HTTP 502.*drag the pin/);
    const stored = await lawn.value<Client>('clients.get', { id: client.client_id });
    expect(stored.version).toBe(client.version);
  });

  it("cannot geocode another business's client", async () => {
    const client = await newClient('3 Private Ln');
    const result = await hvac.call('clients.geocode', {
      id: client.client_id,
      version: client.version,
    });
    expect(result).toMatchObject({ ok: false, error: { kind: 'not_found' } });
  });
});

describe('clients.setLocation', () => {
  it('saves the dragged pin through the normal update, refusing a stale version', async () => {
    const client = await newClient('4 Dragged Pin Ct');
    const moved = await lawn.value<Client>('clients.setLocation', {
      id: client.client_id,
      version: client.version,
      latitude: 33.4901,
      longitude: -86.8012,
    });
    expect(moved).toMatchObject({
      latitude: 33.4901,
      longitude: -86.8012,
      location: { type: 'Point', coordinates: [-86.8012, 33.4901] },
      version: client.version + 1,
    });
    const stale = await lawn.call('clients.setLocation', {
      id: client.client_id,
      version: client.version,
      latitude: 33.1,
      longitude: -86.1,
    });
    expect(stale).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    const outOfRange = await lawn.call('clients.setLocation', {
      id: client.client_id,
      version: moved.version,
      latitude: 91,
      longitude: 0,
    });
    expect(outOfRange).toMatchObject({ ok: false, error: { kind: 'validation' } });
  });
});
