// The Map page in Chromium on the demo data: the clients as clustered markers, the busy day's jobs
// as numbered stops on each crew's route on a plain background (no tiles here: no internet), a
// filter that narrows the stops, and the picked job shared with the board both ways.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { longDate } from '../../renderer/src/features/board/layout';
import { TILES_UNAVAILABLE } from '../../renderer/src/features/map/tiles';
import { AppShell } from './pages/AppShell';
import { screenshotPath } from './support/browser';
import { demoHost } from './support/demo-host';

const world = demoHost('map');
let page: Page;
let day: string;

const pins = () => page.locator('[data-testid="map-job-pin"]');
const routes = () => page.locator('path.servicepro-map-route');

/** Ids of the stops on a crew's route that nothing covers, so a real mouse click reaches them. */
const clickablePins = () =>
  pins().evaluateAll((els) =>
    els
      .filter((pin) => {
        if (!pin.getAttribute('data-crew-id')) return false;
        const box = pin.getBoundingClientRect();
        const hit = pin.ownerDocument.elementFromPoint(
          box.x + box.width / 2,
          box.y + box.height / 2,
        );
        return hit?.closest('[data-testid="map-job-pin"]') === pin;
      })
      .map((pin) => String(pin.getAttribute('data-appointment-id'))),
  );

async function clickPin(id: string) {
  const box = await page
    .locator(`[data-testid="map-job-pin"][data-appointment-id="${id}"]`)
    .boundingBox();
  if (!box) throw new Error(`pin ${id} is not on screen`);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

const focusedJob = () =>
  page
    .locator('body')
    .evaluate(
      (body) => body.ownerDocument.activeElement?.getAttribute('data-appointment-id') ?? null,
    );

async function openMap(hash: string) {
  // Via about:blank: a new hash alone would keep the page (and the previous test's map) loaded.
  await page.goto('about:blank');
  await page.goto(world.url(hash));
  await page.locator('[data-client-markers]').waitFor({ timeout: 20_000 });
  await pins().first().waitFor();
}

beforeAll(async () => {
  page = await world.signedInPage('dispatch@southern-lawn.example');
  day = await world.busyDay();
});

describe('the Map page', () => {
  it('shows the clients, and the demo day’s stops and routes on a plain map that says its tiles are unavailable', async () => {
    await openMap(`/map?date=${day}`);
    const clients = await world.db.collection('clients').countDocuments({
      business_id: await world.lawnId(),
      deleted_at: null,
      location: { $exists: true },
    });
    expect(await page.locator('[data-client-markers]').getAttribute('data-client-markers')).toBe(
      String(clients),
    );
    expect(await page.locator('.marker-cluster, .servicepro-map-client').count()).toBeGreaterThan(
      0,
    );
    expect(await pins().count()).toBeGreaterThan(1);
    expect(await routes().count()).toBeGreaterThan(0);
    // Each crew's stops are numbered 1, 2, 3… in visiting order.
    const stops = await pins().evaluateAll((els) =>
      els.map((pin) => ({ crew: pin.getAttribute('data-crew-id'), label: pin.textContent })),
    );
    const byCrew = new Map<string, number[]>();
    for (const { crew, label } of stops) {
      if (crew) byCrew.set(crew, [...(byCrew.get(crew) ?? []), Number(label)]);
    }
    for (const labels of byCrew.values()) {
      expect(labels.sort((a, b) => a - b)).toEqual(labels.map((_, i) => i + 1));
    }
    await expect
      .poll(() => page.getByTestId('map-tiles-notice').textContent(), { timeout: 15_000 })
      .toBe(TILES_UNAVAILABLE);
    expect(await page.getByTestId('map-legend-crew').count()).toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath('map-day') });
  });

  it('narrows the stops to one crew with the crew filter, and its route alone', async () => {
    await openMap(`/map?date=${day}`);
    const before = await pins().count();
    const crews = [
      ...new Set(
        (await pins().evaluateAll((els) => els.map((p) => p.getAttribute('data-crew-id')))).filter(
          Boolean,
        ),
      ),
    ];
    expect(crews.length).toBeGreaterThan(1);
    const crewName = await page
      .locator(
        `[data-testid="map-legend-crew"][data-crew-id="${crews[0]}"] .MuiListItemText-primary`,
      )
      .textContent();
    await page.getByTestId('map-filter-crew').click();
    await page.getByRole('option', { name: String(crewName) }).click();
    await page.keyboard.press('Escape');
    await expect.poll(() => pins().count()).toBeLessThan(before);
    const shown = await pins().evaluateAll((els) => els.map((e) => e.getAttribute('data-crew-id')));
    expect(new Set(shown)).toEqual(new Set([crews[0]]));
    expect(await routes().count()).toBe(1);
    expect(page.url()).toContain(`crew=${crews[0]}`);
  });

  it('opens a stop’s card, and “Open on board” lands on the board with that job focused and outlined', async () => {
    await openMap(`/map?date=${day}`);
    await expect.poll(async () => (await clickablePins()).length).toBeGreaterThan(0);
    const [id] = await clickablePins();
    if (!id) throw new Error('no stop can be clicked');
    await clickPin(id);
    const card = page.getByTestId('map-job-card');
    await card.waitFor();
    expect(await card.getAttribute('data-appointment-id')).toBe(id);
    const job = await world.db.collection('appointments').findOne({ appointment_id: id });
    const client = await world.db.collection('clients').findOne({ client_id: job?.client_id });
    expect(await card.textContent()).toContain(`${client?.first_name} ${client?.last_name}`);
    expect(
      await page
        .locator(`[data-testid="map-job-pin"][data-appointment-id="${id}"]`)
        .getAttribute('data-selected'),
    ).toBe('true');
    await page.screenshot({ path: screenshotPath('map-job-card') });

    await card.getByRole('button', { name: 'Open on board' }).click();
    await page.getByTestId('board-date').waitFor();
    expect(page.url()).toContain(`date=${day}`);
    await expect.poll(focusedJob, { timeout: 10_000 }).toBe(id);
    const outline = await page
      .locator(`[data-testid="job-card"][data-appointment-id="${id}"]`)
      .first()
      .evaluate((el) => el.ownerDocument.defaultView?.getComputedStyle(el).outlineStyle);
    expect(outline).toBe('solid');
  });

  it('opens on the job last picked on the board, with its stop highlighted', async () => {
    await page.goto(world.url(`/board?date=${day}`));
    const other = page.locator('[data-testid="job-card"]').nth(2);
    await other.waitFor();
    const id = String(await other.getAttribute('data-appointment-id'));
    await other.focus();
    await new AppShell(page).goTo('Map');
    await page.getByTestId('map-job-card').waitFor();
    expect(await page.getByTestId('map-job-card').getAttribute('data-appointment-id')).toBe(id);
    expect(await page.getByTestId('map-date').textContent()).toBe(longDate(day));
    await expect
      .poll(() =>
        page
          .locator(`[data-testid="map-job-pin"][data-appointment-id="${id}"]`)
          .getAttribute('data-selected'),
      )
      .toBe('true');
  });
});
