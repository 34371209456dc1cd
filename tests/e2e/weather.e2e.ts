// The weather plan in Chromium: rain forecast over tomorrow afternoon where three of the lawn
// business's jobs are; "Check now" lists them with a dry slot that morning (before → after, "Rain
// 90%"); approving two moves them (the board shows them at the new time, the clients' notices are
// queued) and dismissing the third leaves it where it is.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDateOf } from '../../shared/time';
import { startFakeWeather, type FakeWeather } from '../support/fake-weather';
import { screenshotPath } from './support/browser';
import { addStaff, bookJob, demoHost } from './support/demo-host';

const ZONE = 'America/Chicago';
/** Tomorrow on the business's clock: always inside the watch's 48-hour window. */
const DAY = addDays(localDateOf(new Date(), ZONE), 1);
/** One forecast cell north of the demo's Birmingham clients, so only these jobs are rained on. */
const CELL = { latitude: 34.7, longitude: -86.6 };

let fake: FakeWeather;
const world = demoHost('weather', {
  core: async () => {
    fake = await startFakeWeather({
      timeZone: ZONE,
      spells: [
        { date: DAY, from: '12:00', to: '18:00', near: CELL, rain_percent: 90, condition: 'rain' },
      ],
    });
    return { weather: { baseUrls: { open_meteo: fake.baseUrl }, timer: false } };
  },
});
afterAll(() => fake?.close());

/** The three jobs in the rain, each its own crew's only job that day. */
const jobs: {
  first: string;
  last: string;
  start: string;
  end: string;
  staffName: string;
  staffId?: string;
  clientId?: string;
  id?: string;
}[] = [
  { first: 'Rhoda', last: 'Rainey', start: '13:00', end: '14:00', staffName: 'Wes Aabel' },
  { first: 'Stormy', last: 'Gale', start: '14:00', end: '15:00', staffName: 'Wes Aaberg' },
  { first: 'Misty', last: 'Showers', start: '15:00', end: '16:00', staffName: 'Wes Aacker' },
];
const [moved, alsoMoved, dismissed] = jobs as [
  (typeof jobs)[0],
  (typeof jobs)[0],
  (typeof jobs)[0],
];

let page: Page;

/** "Tue, Jun 3", as the weather plan writes a day. */
const shortDay = (date: string) =>
  new Date(`${date}T12:00:00Z`).toLocaleDateString('en-US', {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });
const row = (appointmentId: string | undefined) =>
  page.locator(`[data-testid="weather-item"][data-appointment-id="${appointmentId}"]`);
const appointment = async (id: string | undefined) =>
  world.db.collection('appointments').findOne({ appointment_id: id });

beforeAll(async () => {
  // Open 8–5 every day, no closures: the proposal for tomorrow is then the same morning whatever
  // weekday or holiday tomorrow is.
  const owner = await world.office('owner@southern-lawn.example');
  const business = await owner.value<{ version: number }>('business.get');
  const hours = { start: '08:00', end: '17:00' };
  await owner.value('business.update', {
    version: business.version,
    changes: {
      config: {
        business_hours: Object.fromEntries(
          ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map(
            (d) => [d, hours],
          ),
        ),
      },
    },
  });
  const businessWide = await world.db
    .collection('availability')
    .find({ business_id: await world.lawnId(), staff_id: null, deleted_at: null })
    .toArray();
  for (const entry of businessWide) {
    await owner.value('availability.remove', { id: entry.availability_id, version: entry.version });
  }

  const office = await world.office();
  for (const [i, job] of jobs.entries()) {
    const [first = '', last = ''] = job.staffName.split(' ');
    job.staffId = await addStaff(office, { first, last });
    const client = await office.value<{ client_id: string }>('clients.create', {
      data: {
        first_name: job.first,
        last_name: job.last,
        phone: `256-555-01${String(i).padStart(2, '0')}`,
        address: `${100 + i} Monroe St`,
        city: 'Huntsville',
        state: 'AL',
        zip_code: '35801',
        latitude: CELL.latitude + 0.01,
        longitude: CELL.longitude + 0.01 * i,
      },
    });
    job.clientId = client.client_id;
    job.id = await bookJob(office, {
      day: DAY,
      start: job.start,
      end: job.end,
      staff: [job.staffId],
      clientId: client.client_id,
    });
  }
  page = await world.signedInPage('dispatch@southern-lawn.example');
}, 120_000);

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') {
    await page?.screenshot({ path: screenshotPath(`weather-failed-${task.name.slice(0, 40)}`) });
  }
});

describe('weather plan in Chromium', () => {
  it('checks now and lists the jobs in the afternoon rain, each with a dry slot that morning', async () => {
    await page.goto(world.url('/weather'));
    await page.getByRole('heading', { name: 'Weather plan', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Check now' }).click();

    const summary = page.getByTestId('weather-check-result');
    await summary.waitFor();
    await expect(summary.textContent()).resolves.toMatch(
      /: 3 at risk\. 3 jobs wait for your decision below\./,
    );
    expect(fake.callsAt(CELL, { provider: 'open_meteo' })).toBeGreaterThan(0);
    await expect(page.getByTestId('weather-status').textContent()).resolves.toMatch(
      /^Forecasts from Open-Meteo · checked just now/,
    );
    await expect.poll(() => page.getByTestId('weather-item').count()).toBe(3);

    // The dispatcher reads each job's before → after: where it is now, where it would go, who.
    for (const job of jobs) {
      const item = row(job.id);
      await expect(item.getAttribute('data-status')).resolves.toBe('open');
      await expect(item.getByTestId('weather-risk-chip').allTextContents()).resolves.toEqual([
        'Rain 90%',
      ]);
    }
    const first = row(moved.id);
    const text = (await first.textContent()) ?? '';
    expect(text).toContain(`${moved.first} ${moved.last}`);
    expect(text).toContain(`Now${shortDay(DAY)} · 1:00–2:00 PM${moved.staffName}`);
    expect(text).toContain('Forecast: Rain · rain 90%');
    expect(text).toContain(
      `Proposed${shortDay(DAY)} · 8:00–9:00 AM${moved.staffName} (same crew)Forecast: Clear · rain 0%`,
    );
    await expect(first.getByTestId('weather-note').textContent()).resolves.toContain(
      `Move to ${shortDay(DAY)}, 8:00`,
    );
    await page.screenshot({ path: screenshotPath('weather-plan') });
  });

  it('moves the two approved jobs: the plan says so and their rows leave it', async () => {
    const approve = page.getByRole('button', { name: /^Approve selected/ });
    await expect(approve.textContent()).resolves.toBe('Approve selected (0)');
    await row(moved.id).getByRole('checkbox').check();
    await row(alsoMoved.id).getByRole('checkbox').check();
    await expect(approve.textContent()).resolves.toBe('Approve selected (2)');
    await approve.click();

    const result = page.getByTestId('weather-result');
    await result.waitFor();
    await expect(result.textContent()).resolves.toBe('2 jobs moved to their new slots.');
    await expect.poll(() => page.getByTestId('weather-item').count()).toBe(1);
    await expect(row(dismissed.id).count()).resolves.toBe(1);
    await expect(approve.textContent()).resolves.toBe('Approve selected (0)');
    for (const job of [moved, alsoMoved]) {
      await expect(appointment(job.id)).resolves.toMatchObject({ status: 'rescheduled' });
    }
    await expect(
      world.db.collection('weather_proposals').countDocuments({
        appointment_id: { $in: [moved.id, alsoMoved.id] },
        status: 'approved',
      }),
    ).resolves.toBe(2);
  });

  it('leaves the dismissed job where it is, and says so once the plan is empty', async () => {
    await row(dismissed.id).getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Dismiss selected' }).click();
    await expect.poll(() => page.getByTestId('weather-item').count()).toBe(0);
    await page.getByRole('status').filter({ hasText: 'No jobs at risk in the next' }).waitFor();
    await expect(appointment(dismissed.id)).resolves.toMatchObject({
      status: 'scheduled',
      scheduled_start_time: dismissed.start,
    });
    await expect(
      world.db.collection('weather_proposals').findOne({ appointment_id: dismissed.id }),
    ).resolves.toMatchObject({ status: 'dismissed' });
    // The dismissal emptied the plan; what came of it is still said above the empty plan.
    const result = page.getByTestId('weather-result');
    await expect.poll(() => result.count()).toBe(1);
    await expect(result.textContent()).resolves.toBe(
      '1 job is left where it is; the weather watch raises it again if the forecast changes.',
    );
  });

  it("shows the moved job at 8:00 AM in its crew's lane, the old one no longer scheduled, and queues the client's notice", async () => {
    const replacement = await world.db
      .collection('appointments')
      .findOne({ rescheduled_from_appointment_id: moved.id });
    expect(replacement).toMatchObject({
      status: 'scheduled',
      scheduled_start_time: '08:00',
      scheduled_end_time: '09:00',
      assigned_staff_ids: [moved.staffId],
      was_rescheduled_due_to_weather: true,
    });
    const newId = String(replacement?.appointment_id);

    await page.goto(world.url(`/board?date=${DAY}`));
    const lane = page.locator(`[data-testid="lane"][data-staff-id="${moved.staffId}"]`);
    await lane.waitFor();
    await lane.scrollIntoViewIfNeeded();
    const card = lane.locator(`[data-testid="job-card"][data-appointment-id="${newId}"]`);
    await card.waitFor();
    await expect(card.getAttribute('data-status')).resolves.toBe('scheduled');
    await expect(card.getAttribute('aria-label')).resolves.toContain('8:00 AM to 9:00 AM');
    // The old visit is not scheduled there any more: only the new one is, and the lane counts
    // every card it draws.
    const cards = await lane.locator('[data-testid="job-card"]').evaluateAll((els) =>
      els.map((el) => ({
        id: el.getAttribute('data-appointment-id'),
        status: el.getAttribute('data-status'),
      })),
    );
    expect(cards.filter((c) => c.status === 'scheduled').map((c) => c.id)).toEqual([newId]);
    expect(cards.filter((c) => c.id === moved.id).map((c) => c.status)).not.toContain('scheduled');
    await expect(lane.getAttribute('data-job-count')).resolves.toBe(String(cards.length));
    // The dismissed job keeps its afternoon slot on its lane.
    const kept = page.locator(
      `[data-testid="lane"][data-staff-id="${dismissed.staffId}"] [data-appointment-id="${dismissed.id}"]`,
    );
    await kept.scrollIntoViewIfNeeded();
    await expect.poll(() => kept.getAttribute('aria-label')).toContain('3:00 PM to 4:00 PM');
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('weather-board-moved') });

    const office = await world.office();
    const { items } = await office.value<{
      items: { type: string; status: string; channel: string; message: string }[];
    }>('notifications.list', { appointment_id: newId });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      type: 'reschedule_notification',
      status: 'pending',
      channel: 'sms',
    });
    // The business's reschedule template, filled in with the new slot.
    expect(items[0]?.message).toMatch(
      new RegExp(`^Hi ${moved.first}, .* moved your .* to ${shortDay(DAY)}, 8:00 AM to `),
    );
  });
});
