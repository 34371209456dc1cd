// The client's map pin in Chromium: a plain map that says its tiles are unavailable (they always
// are here: no internet), an address found through a local Nominatim and shown with its precision,
// and a pin dragged with the mouse where the address could not be found — saved in the database.
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TILES_UNAVAILABLE } from '../../renderer/src/features/map/tiles';
import {
  place,
  startFakeNominatim,
  type FakeNominatim,
} from '../integration/geocoding/fake-nominatim';
import { screenshotPath } from './support/browser';
import { demoHost, mouseDrag } from './support/demo-host';

// The core reads SERVICEPRO_GEOCODER_URL when it is composed, so the fake server starts first
// (this beforeAll is registered before demoHost's).
let geocoder: FakeNominatim;
const previousUrl = process.env.SERVICEPRO_GEOCODER_URL;
beforeAll(async () => {
  geocoder = await startFakeNominatim();
  process.env.SERVICEPRO_GEOCODER_URL = geocoder.url;
});
afterAll(async () => {
  if (previousUrl === undefined) delete process.env.SERVICEPRO_GEOCODER_URL;
  else process.env.SERVICEPRO_GEOCODER_URL = previousUrl;
  await geocoder.close();
});

const world = demoHost('client_map');
let page: Page;
let office: Awaited<ReturnType<typeof world.office>>;

type StoredClient = {
  client_id: string;
  latitude: number | null;
  longitude: number | null;
  location?: { type: string; coordinates: [number, number] };
};
const stored = async (id: string) =>
  (await world.db.collection('clients').findOne({ client_id: id })) as StoredClient | null;

const card = () => page.getByTestId('client-map-pin');
const pin = () => card().locator('.servicepro-map-pin');

async function newClient(last: string, address: string): Promise<string> {
  const client = await office.value<{ client_id: string }>('clients.create', {
    data: {
      first_name: 'Pin',
      last_name: last,
      phone: '205-555-7601',
      address,
      city: 'Birmingham',
      state: 'AL',
      zip_code: '35205',
    },
  });
  return client.client_id;
}

async function openClient(id: string, name: string) {
  await page.goto(world.url(`/clients/${id}`));
  await page.getByRole('heading', { name }).waitFor();
  await card().waitFor();
}

async function centreOf(locator: Locator) {
  const box = await locator.boundingBox();
  if (!box) throw new Error('not on screen');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

beforeAll(async () => {
  office = await world.office();
  page = await world.signedInPage('dispatch@southern-lawn.example');
});

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') {
    await page.screenshot({ path: screenshotPath(`client-map-failed-${task.name.slice(0, 40)}`) });
  }
});

describe('client map pin', () => {
  it("shows a client's saved location on a plain map, saying the tiles are unavailable", async () => {
    const client = await world.db
      .collection('clients')
      .findOne({ business_id: await world.lawnId(), latitude: { $ne: null }, deleted_at: null });
    await openClient(String(client?.client_id), `${client?.first_name} ${client?.last_name}`);
    await pin().waitFor();
    const notice = card().getByRole('status');
    await expect.poll(() => notice.textContent()).toBe(TILES_UNAVAILABLE);
    expect(await notice.isVisible()).toBe(true);
    expect(await card().locator('.leaflet-control-attribution').textContent()).toContain(
      'OpenStreetMap contributors',
    );
    expect(
      await card()
        .getByRole('region', { name: /^Map of .+'s location$/ })
        .count(),
    ).toBe(1);
    await page.screenshot({ path: screenshotPath('client-map-offline') });
  });

  it('finds the address from the keyboard and shows the pin with how exact the match is', async () => {
    const id = await newClient('Found', '2100 Highland Ave');
    geocoder.replies.set('2100 Highland Ave, Birmingham, AL 35205', {
      places: [place(33.5008, -86.7907, 'Highland Avenue, Birmingham, Alabama, 35205', 26)],
    });
    await openClient(id, 'Pin Found');
    expect(await pin().count()).toBe(0);
    await card().getByRole('button', { name: 'Find on map' }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => card().getByTestId('geocode-match').textContent())
      .toContain('Street only — the house number was not found: Highland Avenue, Birmingham');
    await pin().waitFor();
    expect(await stored(id)).toMatchObject({
      latitude: 33.5008,
      longitude: -86.7907,
      location: { type: 'Point', coordinates: [-86.7907, 33.5008] },
    });
  });

  it('drags the pin with the mouse when the address cannot be found, and saves where it is dropped', async () => {
    const id = await newClient('Lost', '1 Nowhere Rd');
    const business = await world.db
      .collection('businesses')
      .findOne({ name: 'Southern Lawn Care Co' });
    const [startLng, startLat] = business?.location.coordinates as [number, number];
    await openClient(id, 'Pin Lost');
    await card().getByRole('button', { name: 'Find on map' }).click();
    await expect
      .poll(() => card().getByRole('alert').textContent())
      .toContain('We could not find this address on the map');
    expect(await card().textContent()).toContain('Drag the pin to the right place');

    // The pin waits at the business's own location, in the middle of the map (zoom 12).
    await pin().waitFor();
    const from = await centreOf(pin());
    const to = { x: from.x + 60, y: from.y + 30 };
    await mouseDrag(page, from, to, { steps: 12 });
    await expect.poll(() => card().getByRole('alert').textContent()).toBe('Location saved');

    // At zoom 12 one pixel is 360° / 2^20 of longitude, and cos(latitude) times that of latitude.
    const degreesPerPixel = 360 / (256 * 2 ** 12);
    const saved = await stored(id);
    const pixelsOff = (got: unknown, want: number, perPixel: number) =>
      Math.abs(Number(got) - want) / perPixel;
    expect(
      pixelsOff(saved?.longitude, startLng + 60 * degreesPerPixel, degreesPerPixel),
    ).toBeLessThan(2);
    const latPerPixel = degreesPerPixel * Math.cos((startLat * Math.PI) / 180);
    expect(pixelsOff(saved?.latitude, startLat - 30 * latPerPixel, latPerPixel)).toBeLessThan(2);
    expect(saved?.location).toEqual({
      type: 'Point',
      coordinates: [saved?.longitude, saved?.latitude],
    });
    await page.screenshot({ path: screenshotPath('client-map-dragged') });
  });

  it('moves the pin from the keyboard: arrow keys, then Enter saves', async () => {
    const id = await newClient('Keys', '2 Nowhere Rd');
    await office.value('clients.setLocation', {
      id,
      version: 1,
      latitude: 33.5,
      longitude: -86.8,
    });
    await openClient(id, 'Pin Keys');
    await card().getByRole('button', { name: 'Move pin' }).press('Enter');
    const keyPin = card().getByRole('button', { name: /^Pin Keys's pin: drag it/ });
    await keyPin.focus();
    // Three steps of 10 px east at zoom 15.
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await expect.poll(() => card().getByRole('alert').textContent()).toBe('Location saved');
    const saved = await stored(id);
    const degreesPerPixel = 360 / (256 * 2 ** 15);
    expect((Number(saved?.longitude) - -86.8) / degreesPerPixel).toBeCloseTo(30, 0);
    expect(saved?.latitude).toBeCloseTo(33.5, 5);
  });
});
