// "Optimize route" on the board: a crew booked in a zig-zag gets a shorter order as a proposal;
// applying it moves the jobs (saved in the database, shown on the board).
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath } from './support/browser';
import { addStaff, bookJob, demoHost } from './support/demo-host';

const world = demoHost('routes');
let page: Page;
let day: string;
let lead: string;
/** East, far west, east again: the booked order drives across town twice. */
const stops: { start: string; end: string; lng: number; lat: number; id?: string }[] = [
  { start: '08:00', end: '09:00', lng: -86.6, lat: 33.6 },
  { start: '09:30', end: '10:30', lng: -87.0, lat: 33.45 },
  { start: '11:00', end: '12:00', lng: -86.58, lat: 33.62 },
];

const startOf = async (id: string) =>
  String(
    (await world.db.collection('appointments').findOne({ appointment_id: id }))
      ?.scheduled_start_time,
  );

beforeAll(async () => {
  const office = await world.office();
  day = await world.busyDay();
  lead = await addStaff(office, { first: 'Route', last: 'Tester' });
  for (const [i, stop] of stops.entries()) {
    stop.id = await bookJob(office, {
      day,
      start: stop.start,
      end: stop.end,
      staff: [lead],
      client: i,
    });
    const job = await world.db.collection('appointments').findOne({ appointment_id: stop.id });
    await world.db.collection('clients').updateOne(
      { client_id: job?.client_id },
      {
        $set: {
          latitude: stop.lat,
          longitude: stop.lng,
          location: { type: 'Point', coordinates: [stop.lng, stop.lat] },
        },
      },
    );
  }
  page = await world.signedInPage('dispatch@southern-lawn.example');
  await page.goto(world.url(`/board?date=${day}`));
  await page.getByTestId('lane').first().waitFor();
}, 120_000);

describe('route optimization from the board', () => {
  it("proposes a shorter order for one crew, and applying it moves the crew's jobs", async () => {
    await page.getByRole('button', { name: "Optimize route: Route Tester's crew" }).click();
    const dialog = page.getByRole('dialog', { name: "Optimize route: Route Tester's crew" });
    await dialog.getByTestId('route-totals').waitFor();
    // The proposal saves distance: the two eastern jobs follow each other, the far-west one comes
    // first or last (either way round is as short).
    await expect(dialog.getByTestId('route-saved').textContent()).resolves.not.toMatch(/^0\.0 km/);
    const order = await dialog
      .getByTestId('route-stop')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-appointment-id')));
    const west = String(stops[1]?.id);
    expect(order).toHaveLength(3);
    expect([order[0], order[2]]).toContain(west);
    await page.screenshot({ path: screenshotPath('route-proposal') });

    const before = await Promise.all(stops.map((s) => startOf(String(s.id))));
    await dialog.getByRole('button', { name: 'Apply the new route' }).click();
    await page.getByRole('status').filter({ hasText: 'Route applied' }).waitFor();
    // Saved: by start time, the far-west job is now first or last of the three.
    const savedOrder = async () => {
      const starts = await Promise.all(
        stops.map(async (s) => `${await startOf(String(s.id))} ${String(s.id)}`),
      );
      const ids = starts.sort().map((entry) => entry.split(' ')[1]);
      return [ids[0], ids[2]];
    };
    await expect.poll(savedOrder).toContain(west);
    const after = await Promise.all(stops.map((s) => startOf(String(s.id))));
    expect(after).not.toEqual(before);
    const audit = await world.db
      .collection('appointments')
      .findOne({ appointment_id: stops[1]?.id });
    expect(JSON.stringify(audit?.audit_log)).toContain('Route optimization');
    // And shown: the card's time on the board follows the database.
    const card = page.locator(
      `[data-testid="lane"][data-staff-id="${lead}"] [data-appointment-id="${stops[1]?.id}"]`,
    );
    const [h = '0', m = '00'] = (after[1] ?? '').split(':');
    const shown = `${((Number(h) + 11) % 12) + 1}:${m}`;
    await expect.poll(async () => card.textContent()).toContain(shown);
  });
});
