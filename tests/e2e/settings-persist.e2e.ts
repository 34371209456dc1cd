// Settings end to end in Chromium: an owner changes the business profile, its hours, the travel gap,
// when texts go out and this computer's look (dark, compact); a bad value is refused on its field and
// the rest of the form is kept; leaving unsaved changes asks first; the board's rules follow the new
// gap at once; and after the web host is restarted on the same database and data folder, a fresh
// page shows every saved value, dark.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREFERENCES_FILE } from '../../electron/core/services/preferences/store';
import { startTestHost } from '../support/host';
import { SettingsPage } from './pages/SettingsPage';
import { builtRendererDir } from './support/browser';
import { addStaff, bookJob, demoHost } from './support/demo-host';

let dataDir = '';
const world = demoHost('settings-persist', {
  core: async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'sp-settings-e2e-'));
    return { dataDir };
  },
});
afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

let owner: Page;
let settings: SettingsPage;
let lawnId = '';

async function business() {
  return (await world.db.collection('businesses').findOne({ business_id: lawnId })) as unknown as {
    name: string;
    phone: string;
    email: string;
    timezone: string;
    config: Record<string, unknown>;
  };
}

const NAME = 'Southern Lawn Care & Gardens';
const PROFILE_SAVED = 'Saved. The app and new texts to clients use these details.';
const HOURS_SAVED = 'Saved. The board shows these hours and new jobs are checked against them.';
const SCHEDULING_SAVED = 'Saved. The next move on the board is checked with these settings.';
const SENDING_SAVED = 'Saved. Texts waiting to go out follow these settings.';

/** The next Wednesday after today: a weekday the business opens, with nothing of ours booked. */
function nextWednesday(): string {
  const day = new Date();
  day.setUTCDate(day.getUTCDate() + ((3 - day.getUTCDay() + 7) % 7 || 7) + 7);
  return day.toISOString().slice(0, 10);
}

beforeAll(async () => {
  lawnId = await world.lawnId();
  owner = await world.signedInPage('owner@southern-lawn.example');
  settings = new SettingsPage(owner, (route) => world.url(route));
});

describe('Settings: changes are checked, take effect at once and survive a restart', () => {
  it('saves the business profile, refusing a bad email on its field', async () => {
    await settings.open('profile');
    await settings.field('profile', 'Business name').fill(NAME);
    await settings.field('profile', 'Phone').fill('(205) 555-0199');
    const email = settings.field('profile', 'Email');
    await email.fill('office at example');
    await email.blur();
    await settings
      .section('profile')
      .getByText('Enter an email address such as office@example.com.')
      .waitFor();
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    await settings.button('profile', 'Save').click();
    // Refused before it was sent, and what was typed elsewhere is still there.
    expect(await settings.field('profile', 'Business name').inputValue()).toBe(NAME);
    expect((await business()).name).not.toBe(NAME);

    await email.fill('office@southern-lawn.example');
    const zone = settings.field('profile', /^Time zone/);
    await zone.fill('America/New_Y');
    await owner.getByRole('option', { name: 'America/New_York' }).click();
    const warning = settings.section('profile').getByTestId('timezone-warning');
    expect(await warning.textContent()).toContain('Existing jobs keep their local dates and times');
    await settings.save('profile', PROFILE_SAVED);
    await expect.poll(async () => (await business()).name).toBe(NAME);
    expect(await business()).toMatchObject({
      phone: '(205) 555-0199',
      email: 'office@southern-lawn.example',
      timezone: 'America/New_York',
    });
  });

  it('keeps the hours typed when a closing time is before the opening, warns before leaving them unsaved, then saves', async () => {
    await settings.choose('hours');
    const closes = settings.field('hours', 'Monday: Closes');
    await settings.field('hours', 'Open on Saturday').check();
    await settings.field('hours', 'Saturday: Opens').fill('09:00');
    await settings.field('hours', 'Saturday: Closes').fill('13:00');
    await closes.fill('07:00');
    await closes.blur();
    const error = settings
      .section('hours')
      .getByText('The closing time must be after the opening time (08:00).');
    await error.waitFor();
    expect(await closes.getAttribute('aria-invalid')).toBe('true');
    await settings.button('hours', 'Save').click();
    expect(await settings.field('hours', 'Saturday: Closes').inputValue()).toBe('13:00');

    // Leaving with the changes unsaved asks first.
    await settings.navLink('scheduling').click();
    await settings.unsavedDialog.waitFor();
    await settings.unsavedDialog.getByRole('button', { name: 'Stay' }).click();
    await settings.unsavedDialog.waitFor({ state: 'hidden' });
    expect(await closes.inputValue()).toBe('07:00');

    await closes.fill('15:00');
    await expect.poll(() => error.count()).toBe(0);
    await settings.button('hours', 'Copy Monday to Tuesday–Friday').click();
    expect(await settings.field('hours', 'Thursday: Closes').inputValue()).toBe('15:00');
    await settings.save('hours', HOURS_SAVED);
    await expect
      .poll(async () => (await business()).config.business_hours)
      .toMatchObject({
        monday: { start: '08:00', end: '15:00' },
        friday: { start: '08:00', end: '15:00' },
        saturday: { start: '09:00', end: '13:00' },
        sunday: null,
      });
  });

  it('refuses a travel gap of 999 minutes on its field, keeping the rest, and the next board move follows the saved gap', async () => {
    await settings.choose('scheduling');
    await settings.field('scheduling', 'Allow several crews on one job').uncheck();
    const gap = settings.field('scheduling', 'Travel time between jobs');
    await gap.fill('999');
    await settings.button('scheduling', 'Save').click();
    await settings
      .section('scheduling')
      .getByText('Enter a whole number of minutes from 0 to 240 (four hours).')
      .waitFor();
    expect(await gap.getAttribute('aria-invalid')).toBe('true');
    expect(await settings.field('scheduling', 'Allow several crews on one job').isChecked()).toBe(
      false,
    );

    await gap.fill('90');
    await settings.save('scheduling', SCHEDULING_SAVED);
    await expect
      .poll(async () => (await business()).config)
      .toMatchObject({
        min_gap_between_jobs_minutes: 90,
        allow_crew_stacking: false,
      });

    // The office's next move is checked with 90 minutes, without a restart.
    const office = await world.office();
    const lead = await addStaff(office, { first: 'Gap', last: 'Check' });
    const day = nextWednesday();
    await bookJob(office, { day, start: '09:00', end: '10:00', staff: [lead] });
    // A second job an hour after the first: 30 minutes used to be enough, 90 are needed now.
    const { items: clients } = await office.value<{ items: { client_id: string }[] }>(
      'clients.list',
      { limit: 1 },
    );
    const { items: services } = await office.value<{
      items: { service_id: string; minimum_staff_count: number }[];
    }>('services.list', { limit: 50 });
    const second = await office.value<{ appointment_id: string; version: number }>(
      'appointments.create',
      {
        data: {
          client_id: clients[0]?.client_id,
          service_id: services.find((s) => s.minimum_staff_count === 1)?.service_id,
          scheduled_date: new Date(`${day}T00:00:00Z`),
          scheduled_start_time: '11:00',
          scheduled_end_time: '12:00',
          estimated_duration_minutes: 60,
          service_price: 40,
          currency: 'USD',
        },
      },
    );
    const refused = await office.call('board.move', {
      appointment_id: second.appointment_id,
      version: second.version,
      scheduled_date: day,
      start: '11:00',
      end: '12:00',
      staff_ids: [lead],
      equipment_ids: [],
    });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    if (!refused.ok) expect(refused.error.message).toContain('jobs need 90 minutes between them');
  });

  it('saves the reminder lead time and quiet hours', async () => {
    await settings.choose('messaging');
    const sending = settings.section('messaging').getByTestId('messaging-sending');
    await sending.getByLabel('Send the reminder', { exact: true }).fill('48');
    await sending.getByLabel('From', { exact: true }).fill('07:30');
    await sending.getByLabel('Until', { exact: true }).fill('20:00');
    await settings.save('messaging', SENDING_SAVED, 'Apply sending settings');
    await expect
      .poll(async () => (await business()).config)
      .toMatchObject({
        sms_before_appointment_hours: 48,
        sms_send_from: '07:30',
        sms_send_until: '20:00',
      });
  });

  it('turns this computer dark and compact at once, kept in the data folder', async () => {
    await settings.choose('appearance');
    expect(await settings.luminance()).toBeGreaterThan(0.8);
    await settings.section('appearance').getByRole('radio', { name: /^Dark/ }).check();
    await expect.poll(() => settings.luminance()).toBeLessThan(0.2);
    await settings
      .section('appearance')
      .getByRole('radio', { name: /^Compact/ })
      .check();
    await settings
      .section('appearance')
      .getByText(/^Saved on this computer/)
      .waitFor();
    await expect
      .poll(async () =>
        JSON.parse(await readFile(join(dataDir, PREFERENCES_FILE), 'utf8').catch(() => '{}')),
      )
      .toEqual({ theme: 'dark', density: 'compact' });
  });

  it('shows every saved value, dark, on a fresh page after the web host restarts', async () => {
    await owner.context().close();
    await world.running.close();
    world.running = await startTestHost(builtRendererDir(), {
      dataDir,
      databaseName: world.db.databaseName,
    });

    // A new browser profile: nothing remembered in the page; the look comes from the data folder.
    const page = await world.signedInPage('owner@southern-lawn.example');
    const again = new SettingsPage(page, (route) => world.url(route));
    await again.open('profile');
    await expect.poll(() => again.luminance()).toBeLessThan(0.2);
    expect(await again.field('profile', 'Business name').inputValue()).toBe(NAME);
    expect(await again.field('profile', 'Phone').inputValue()).toBe('(205) 555-0199');
    expect(await again.field('profile', 'Email').inputValue()).toBe('office@southern-lawn.example');
    expect(await again.field('profile', /^Time zone/).inputValue()).toBe('America/New_York');

    await again.choose('hours');
    expect(await again.field('hours', 'Monday: Closes').inputValue()).toBe('15:00');
    expect(await again.field('hours', 'Friday: Closes').inputValue()).toBe('15:00');
    expect(await again.field('hours', 'Open on Saturday').isChecked()).toBe(true);
    expect(await again.field('hours', 'Saturday: Opens').inputValue()).toBe('09:00');
    expect(await again.field('hours', 'Open on Sunday').isChecked()).toBe(false);

    await again.choose('scheduling');
    expect(await again.field('scheduling', 'Travel time between jobs').inputValue()).toBe('90');
    expect(await again.field('scheduling', 'Allow several crews on one job').isChecked()).toBe(
      false,
    );

    await again.choose('messaging');
    const sending = again.section('messaging').getByTestId('messaging-sending');
    expect(await sending.getByLabel('Send the reminder', { exact: true }).inputValue()).toBe('48');
    expect(await sending.getByLabel('From', { exact: true }).inputValue()).toBe('07:30');
    expect(await sending.getByLabel('Until', { exact: true }).inputValue()).toBe('20:00');

    await again.choose('appearance');
    expect(
      await again.section('appearance').getByRole('radio', { name: /^Dark/ }).isChecked(),
    ).toBe(true);
    expect(
      await again
        .section('appearance')
        .getByRole('radio', { name: /^Compact/ })
        .isChecked(),
    ).toBe(true);
  });
});
