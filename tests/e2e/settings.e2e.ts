// Settings → Map and routes in Chromium: an owner points the maps at another tile server and sets
// the driving speed (a bad URL is refused on its field), the values survive a reload and reach the
// map; a stale edit is refused; a dispatcher (staff) sees the settings but cannot change them.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { TILES_UNAVAILABLE } from '../../renderer/src/features/map/tiles';
import { AppShell } from './pages/AppShell';
import { demoHost } from './support/demo-host';

const world = demoHost('settings');
let owner: Page;

const TILES = 'https://tiles.example.test/base/{z}/{x}/{y}.png';

const field = (page: Page, label: string) =>
  page.getByTestId('settings-map').getByLabel(label, { exact: true });
const business = async () =>
  (await world.db.collection('businesses').findOne({ business_id: await world.lawnId() })) as {
    config: Record<string, unknown>;
  } | null;

async function openSettings(page: Page) {
  await page.goto('about:blank');
  await page.goto(world.url('/settings?section=map'));
  await page.getByTestId('settings-map').waitFor({ timeout: 20_000 });
}

beforeAll(async () => {
  owner = await world.signedInPage('owner@southern-lawn.example');
});

describe('Settings: map and routes', () => {
  it('lets an owner change the tile URL and speed, refusing a URL without {z}/{x}/{y}, and keeps them after a reload', async () => {
    await openSettings(owner);
    const url = field(owner, 'Tile URL');
    expect(await url.inputValue()).toBe('https://tile.openstreetmap.org/{z}/{x}/{y}.png');
    expect(await field(owner, 'Average speed').inputValue()).toBe('40');

    await url.fill('https://tiles.example.test/base/tile.png');
    await url.blur();
    const error = owner.getByText(
      'The tile URL must contain {z}, {x} and {y} (missing {z}, {x}, {y}).',
    );
    await error.waitFor();
    expect(await url.getAttribute('aria-invalid')).toBe('true');
    await owner.getByRole('button', { name: 'Save' }).click();
    // Refused before it is sent: nothing stored.
    expect((await business())?.config.map_tile_url).toBe(
      'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
    );

    await url.fill(TILES);
    await expect.poll(() => error.count()).toBe(0);
    await field(owner, 'Attribution').fill('© Example Tiles <b>bold</b>');
    await field(owner, 'Average speed').fill('55');
    await owner.getByRole('button', { name: 'Save' }).click();
    await owner.getByText('Saved. Maps and new route proposals use these settings.').waitFor();
    await expect
      .poll(async () => (await business())?.config)
      .toMatchObject({
        map_tile_url: TILES,
        map_tile_attribution: '© Example Tiles <b>bold</b>',
        route_average_speed_kmh: 55,
        route_road_factor: 1.3,
      });

    await owner.reload();
    await field(owner, 'Tile URL').waitFor({ timeout: 20_000 });
    expect(await field(owner, 'Tile URL').inputValue()).toBe(TILES);
    expect(await field(owner, 'Average speed').inputValue()).toBe('55');
    expect(await field(owner, 'Road factor').inputValue()).toBe('1.3');
  });

  it("shows the business's tile credit on the map (as text), which still says tiles are unavailable offline", async () => {
    await owner.goto('about:blank');
    await owner.goto(world.url(`/map?date=${await world.busyDay()}`));
    const credit = owner.locator('.leaflet-control-attribution');
    await credit.waitFor({ timeout: 20_000 });
    expect(await credit.textContent()).toContain('© Example Tiles <b>bold</b>');
    expect(await credit.locator('b').count()).toBe(0);
    await expect
      .poll(() => owner.getByTestId('map-tiles-notice').textContent(), { timeout: 15_000 })
      .toBe(TILES_UNAVAILABLE);
  });

  it('resets to the defaults, and refuses a save on a version someone else changed meanwhile', async () => {
    await openSettings(owner);
    await owner.getByRole('button', { name: 'Reset to defaults' }).click();
    expect(await field(owner, 'Tile URL').inputValue()).toBe(
      'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
    );
    expect(await field(owner, 'Average speed').inputValue()).toBe('40');

    // Another owner saves first.
    const other = await world.office('owner@southern-lawn.example');
    const latest = await other.value<{ version: number }>('business.get');
    await other.value('business.update', {
      version: latest.version,
      changes: { config: { route_road_factor: 1.5 } },
    });

    await owner.getByRole('button', { name: 'Save' }).click();
    const conflict = owner.getByTestId('settings-map').getByTestId('conflict');
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('changed by someone else');
    // The latest version is shown, and nothing of the refused save was stored.
    await expect.poll(() => field(owner, 'Road factor').inputValue()).toBe('1.5');
    expect(await field(owner, 'Tile URL').inputValue()).toBe(TILES);
    expect((await business())?.config).toMatchObject({
      map_tile_url: TILES,
      route_road_factor: 1.5,
    });

    await owner.getByRole('button', { name: 'Reset to defaults' }).click();
    await owner.getByRole('button', { name: 'Save' }).click();
    await owner.getByText('Saved. Maps and new route proposals use these settings.').waitFor();
    await expect
      .poll(async () => (await business())?.config)
      .toMatchObject({
        map_tile_url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
        map_tile_attribution: '© OpenStreetMap contributors',
        route_road_factor: 1.3,
        route_average_speed_kmh: 40,
      });
  });

  it('shows a dispatcher (staff) the settings read-only', async () => {
    const staff = await world.signedInPage('dispatch@southern-lawn.example');
    expect(await new AppShell(staff).navLink('Settings').count()).toBe(0);
    await openSettings(staff);
    await staff.getByTestId('settings-read-only').waitFor();
    expect(await staff.getByTestId('settings-read-only').textContent()).toContain(
      'Only owners and admins can change settings',
    );
    for (const label of ['Tile URL', 'Attribution', 'Road factor', 'Average speed']) {
      expect(await field(staff, label).isDisabled()).toBe(true);
    }
    expect(await staff.getByRole('button', { name: 'Save' }).count()).toBe(0);
    expect(await staff.getByRole('button', { name: 'Reset to defaults' }).count()).toBe(0);
    await staff.context().close();
  });
});
