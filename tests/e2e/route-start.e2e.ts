// A crew lead's route start in Chromium: with the map service unreachable (as offline), finding a
// typed address says so and offers the pin; the pin moved with the arrow keys and dropped with Enter
// is saved as the lead's start, the Map page then starts the crew's route there, and "Use the
// business address" takes it back — each checked in the database.
import { createServer } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MapCrew, MapJob } from '../../shared/contract';
import { screenshotPath } from './support/browser';
import { demoHost } from './support/demo-host';

/** A local port nothing listens on: the map service cannot be reached, as without internet. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

// The core reads SERVICEPRO_GEOCODER_URL when it is composed, so it is set first (this beforeAll
// is registered before demoHost's).
const previousUrl = process.env.SERVICEPRO_GEOCODER_URL;
beforeAll(async () => {
  process.env.SERVICEPRO_GEOCODER_URL = await closedPortUrl();
});
afterAll(() => {
  if (previousUrl === undefined) delete process.env.SERVICEPRO_GEOCODER_URL;
  else process.env.SERVICEPRO_GEOCODER_URL = previousUrl;
});

const world = demoHost('route_start');
let page: Page;
let day: string;
let lead: MapCrew;

const card = () => page.getByTestId('route-start');
const pin = () => card().locator('.servicepro-map-pin--primary');
const storedLocation = async () =>
  (await world.db.collection('staff').findOne({ staff_id: lead.lead_id }))?.location as
    { coordinates: [number, number] } | undefined;

beforeAll(async () => {
  page = await world.signedInPage('dispatch@southern-lawn.example');
  day = await world.busyDay();
  const office = await world.office();
  const map = await office.value<{ crews: MapCrew[]; jobs: MapJob[] }>('map.day', { date: day });
  const found = map.crews.find(
    (c) => c.start?.source === 'business' && map.jobs.some((j) => j.crew_id === c.lead_id),
  );
  if (!found) throw new Error(`no crew with jobs on ${day} starts at the business`);
  lead = found;
});

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') {
    await page.screenshot({ path: screenshotPath(`route-start-failed-${task.name.slice(0, 40)}`) });
  }
});

describe("a crew lead's route start", () => {
  it('is placed with the keyboard when the map service cannot be reached, and the Map page starts the crew there', async () => {
    const business = await world.db
      .collection('businesses')
      .findOne({ business_id: await world.lawnId() });
    const [startLng, startLat] = business?.location.coordinates as [number, number];
    await page.goto(world.url(`/staff/${lead.lead_id}?tab=route-start`));
    await card().waitFor();
    expect(await card().getByTestId('route-start-source').textContent()).toContain(
      'Routes start from the business address',
    );

    await card().getByRole('textbox', { name: 'Start address' }).fill('1 Depot Rd, Homewood, AL');
    await card().getByRole('button', { name: 'Find' }).click();
    await expect
      .poll(() => card().getByRole('alert').textContent(), { timeout: 15_000 })
      .toContain('cannot be reached');
    expect(await storedLocation()).toBeUndefined();

    // The pin waits at the business's location, in the middle of the map (zoom 12): three steps of
    // 50 px east with Shift+→, then Enter saves it.
    await pin().waitFor();
    await pin().focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Enter');
    await expect.poll(() => card().getByRole('alert').textContent()).toBe('Route start saved');
    expect(await card().getByTestId('route-start-source').textContent()).toContain(
      `Routes start from ${lead.name}'s own start point`,
    );

    await page.screenshot({ path: screenshotPath('route-start-saved') });

    const degreesPerPixel = 360 / (256 * 2 ** 12);
    const saved = await storedLocation();
    const [lng, lat] = saved?.coordinates ?? [NaN, NaN];
    expect(Math.abs(lng - (startLng + 150 * degreesPerPixel)) / degreesPerPixel).toBeLessThan(2);
    expect(Math.abs(lat - startLat) / degreesPerPixel).toBeLessThan(2);
    const history = await world.db
      .collection('audit_entries')
      .find({ document_id: lead.lead_id })
      .sort({ timestamp: -1 })
      .limit(1)
      .toArray();
    expect(history[0]?.note).toBe('Route start: 1 Depot Rd, Homewood, AL');

    // The Map page draws the crew's start at the new point.
    await page.goto('about:blank');
    await page.goto(world.url(`/map?date=${day}`));
    const start = page.locator(`.servicepro-map-start[title^="Start: ${lead.name}'s start"]`);
    await start.waitFor({ timeout: 20_000 });
    expect(await start.getAttribute('title')).toBe(`Start: ${lead.name}'s start (${lead.name})`);
    await page.screenshot({ path: screenshotPath('route-start-map') });
  });

  it('goes back to the business address', async () => {
    await page.goto('about:blank');
    await page.goto(world.url(`/staff/${lead.lead_id}?tab=route-start`));
    await card().waitFor();
    await card().getByRole('button', { name: 'Use the business address' }).click();
    await expect
      .poll(() => card().getByRole('alert').textContent())
      .toBe('Routes start from the business address again');
    expect(await storedLocation()).toBeUndefined();
    expect(await card().getByTestId('route-start-source').textContent()).toContain(
      'Routes start from the business address',
    );
  });
});
