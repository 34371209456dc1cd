// Texting clients in Chromium, against a local stand-in for Twilio: the lawn business connects its
// Twilio account, books a job starting within the next hours for a client with a phone, and "Check
// now" on the Messages page sends its confirmation and reminder (the log shows them sent, the board
// card "notified"); the client answers "C", and the Replies tab and the board show the job confirmed;
// "On my way" from the job's dialog reaches Twilio once; an "R" flags the open board's card.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SecretStore } from '../../electron/core/ports';
import { addDays, hhmm, localDateOf, localTimeOf, minutesOf } from '../../shared/time';
import { startFakeTwilio, type FakeTwilio } from '../support/fake-twilio';
import { screenshotPath } from './support/browser';
import { demoHost, everyDay } from './support/demo-host';

const ZONE = 'America/Chicago';
const ACCOUNT_SID = `AC${'0123456789abcdef'.repeat(2)}`;
const AUTH_TOKEN = 'e2eAuthToken0123456789abcdef';
/** The business's Twilio number, and the client's phone (outside the demo's 555-01xx numbers). */
const OUR_NUMBER = '+12055550300';
const CLIENT_PHONE = '+12565550342';
const CLIENT = { first: 'Rosa', last: 'Replies' };

/** The keychain the web host lacks in tests: the auth token is kept here for the run. */
function memorySecretStore(): SecretStore {
  const values = new Map<string, string>();
  return {
    backend: 'memory (e2e)',
    available: true,
    get: async (key) => values.get(key) ?? null,
    set: async (key, value) => {
      values.set(key, value);
    },
    delete: async (key) => {
      values.delete(key);
    },
  };
}

let fake: FakeTwilio;
const twilioUrlBefore = process.env.SERVICEPRO_TWILIO_URL;
const world = demoHost('messaging', {
  core: async () => {
    fake = await startFakeTwilio({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      numbers: [OUR_NUMBER],
    });
    // The core reaches Twilio where this says (read when the core is made).
    process.env.SERVICEPRO_TWILIO_URL = fake.url;
    return { secrets: memorySecretStore() };
  },
});
afterAll(async () => {
  if (twilioUrlBefore === undefined) delete process.env.SERVICEPRO_TWILIO_URL;
  else process.env.SERVICEPRO_TWILIO_URL = twilioUrlBefore;
  await fake?.close();
});

/**
 * Two hours from a whole hour at least half an hour away on the business's clock: well inside the
 * reminder's 24-hour lead whatever time the test runs, never running past midnight, and a card wide
 * enough for the "Wants another time" flag's words.
 */
function soonSlot(now: Date): { day: string; start: string; end: string } {
  const later = new Date(now.getTime() + 90 * 60_000);
  let day = localDateOf(later, ZONE);
  let hour = Math.floor(minutesOf(localTimeOf(later, ZONE)) / 60);
  if (hour >= 22) {
    day = addDays(day, 1);
    hour = 1;
  }
  return { day, start: hhmm(hour * 60), end: hhmm((hour + 2) * 60) };
}

const slot = soonSlot(new Date());
let appointmentId = '';
let page: Page;

const sentRow = (type: string) =>
  page
    .locator(`[data-testid="sent-message"][data-type="${type}"]`)
    .filter({ hasText: `${CLIENT.first} ${CLIENT.last}` });
const card = () => page.locator(`[data-testid="job-card"][data-appointment-id="${appointmentId}"]`);

beforeAll(async () => {
  const owner = await world.office('owner@southern-lawn.example');
  // Texts may go out at any hour (no quiet hours), so the test does not depend on when it runs;
  // the business is open around the clock with no closures, so the job books without a question.
  const business = await owner.value<{ version: number }>('business.update', {
    version: (await owner.value<{ version: number }>('business.get')).version,
    changes: {
      config: {
        sms_send_from: '00:00',
        sms_send_until: '00:00',
        business_hours: everyDay({ start: '00:00', end: '23:59' }),
      },
    },
  });
  expect(business.version).toBeGreaterThan(1);
  const closures = await world.db
    .collection('availability')
    .find({ business_id: await world.lawnId(), staff_id: null, deleted_at: null })
    .toArray();
  for (const entry of closures) {
    await owner.value('availability.remove', { id: entry.availability_id, version: entry.version });
  }
  await owner.value('messaging.setCredentials', {
    account_sid: ACCOUNT_SID,
    secret: AUTH_TOKEN,
    from_number: OUR_NUMBER,
  });

  const office = await world.office();
  const crew = await office.value<{ staff_id: string }>('staff.create', {
    data: {
      first_name: 'Tex',
      last_name: 'Messenger',
      role: 'crew_lead',
      availability_schedule: everyDay({ start: '00:00', end: '23:59' }),
    },
  });
  const client = await office.value<{ client_id: string }>('clients.create', {
    data: {
      first_name: CLIENT.first,
      last_name: CLIENT.last,
      phone: CLIENT_PHONE,
      address: '300 Clinton Ave',
      city: 'Huntsville',
      state: 'AL',
      zip_code: '35801',
    },
  });
  // Booked as the job dialog books it (jobs.create), which queues the client's confirmation.
  const { items: services } = await office.value<{
    items: { service_id: string; minimum_staff_count: number }[];
  }>('services.list', { limit: 50 });
  const booked = await office.value<{ appointments: { appointment_id: string }[] }>('jobs.create', {
    client_id: client.client_id,
    service_id: services.find((s) => s.minimum_staff_count === 1)?.service_id,
    scheduled_date: slot.day,
    start: slot.start,
    end: slot.end,
    staff_ids: [crew.staff_id],
    override_warnings: true,
  });
  appointmentId = booked.appointments[0]?.appointment_id ?? '';
  page = await world.signedInPage('dispatch@southern-lawn.example');
}, 120_000);

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') {
    await page?.screenshot({ path: screenshotPath(`messaging-failed-${task.name.slice(0, 40)}`) });
  }
});

describe('texting clients in Chromium', () => {
  it('sends the job its reminder on "Check now", and the Messages log shows it sent', async () => {
    await page.goto(world.url('/notifications'));
    await page.getByRole('heading', { name: 'Messages', level: 1 }).waitFor();
    await page.getByTestId('messaging-status').waitFor();
    await expect(page.getByTestId('messaging-not-configured').count()).resolves.toBe(0);

    await page.getByRole('button', { name: 'Check now' }).click();
    await page.getByTestId('messaging-check-result').waitFor();

    const reminder = sentRow('appointment_reminder');
    await expect.poll(() => reminder.getAttribute('data-status')).toBe('sent');
    await expect(reminder.getByTestId('message-status').textContent()).resolves.toBe('Sent');
    await expect(reminder.locator('td').nth(2).textContent()).resolves.toBe('Reminder');
    await expect(
      reminder.getByRole('link', { name: `${CLIENT.first} ${CLIENT.last}` }).getAttribute('href'),
    ).resolves.toMatch(/#\/clients\/cli_/);
    // What the log shows is what reached Twilio for the client's phone.
    const text = (await reminder.locator('td').nth(3).textContent()) ?? '';
    const toClient = fake.messages.filter(
      (m) => m.direction === 'outbound-api' && m.to === CLIENT_PHONE,
    );
    expect(toClient.map((m) => m.body)).toContain(text);
    await expect(sentRow('appointment_confirmation').getAttribute('data-status')).resolves.toBe(
      'sent',
    );

    // The filter narrows the log to what was sent.
    await page.getByRole('button', { name: 'Sent', exact: true }).click();
    await expect.poll(() => page.url()).toContain('status=sent');
    await expect(reminder.count()).resolves.toBe(1);
    await page.screenshot({ path: screenshotPath('messaging-sent') });
  });

  it('shows the job on the board as notified, not confirmed yet', async () => {
    await page.goto(world.url(`/board?date=${slot.day}`));
    await card().waitFor();
    await expect.poll(() => card().getAttribute('data-confirmation')).toBe('notified');
    await expect(card().getAttribute('aria-label')).resolves.toContain(
      'Client notified, not confirmed yet.',
    );
    await expect(card().getByTestId('confirmed').count()).resolves.toBe(0);
  });

  it('reads the client\'s "C" as a confirmation: the Replies tab says so, the board card shows Confirmed', async () => {
    fake.receive({ from: CLIENT_PHONE, to: OUR_NUMBER, body: 'C' });
    await page.goto(world.url('/notifications'));
    await page.getByRole('heading', { name: 'Messages', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Check now' }).click();
    await page.getByTestId('messaging-check-result').waitFor();

    await page.getByRole('tab', { name: /^Replies/ }).click();
    const reply = page.locator('[data-testid="reply"]').filter({ hasText: CLIENT.last });
    await expect.poll(() => reply.getAttribute('data-handled-as')).toBe('confirmed');
    await expect(reply.getByTestId('reply-handled').textContent()).resolves.toBe('Confirmed');
    await expect(reply.getByTestId('reply-note').textContent()).resolves.toMatch(
      /^Confirmed the job on /,
    );
    await expect(reply.locator('td').nth(1).textContent()).resolves.toBe('C');
    await page.screenshot({ path: screenshotPath('messaging-replies') });

    await page.goto(world.url(`/board?date=${slot.day}`));
    await card().waitFor();
    await expect.poll(() => card().getAttribute('data-confirmation')).toBe('confirmed');
    await card().getByTestId('confirmed').waitFor();
    await expect(card().getAttribute('aria-label')).resolves.toContain('Client confirmed.');
    await expect(card().getAttribute('title')).resolves.toContain('Client confirmed.');
    await expect(
      world.db.collection('appointments').findOne({ appointment_id: appointmentId }),
    ).resolves.toMatchObject({
      client_confirmed_at: expect.any(Date),
      reschedule_requested_at: null,
    });

    await card().screenshot({ path: screenshotPath('messaging-card-confirmed') });

    // The job's dialog says the same.
    await card().click();
    await expect(
      page
        .getByTestId('job-confirmation')
        .locator('[data-confirmation]')
        .getAttribute('data-confirmation'),
    ).resolves.toBe('confirmed');
    await page.screenshot({ path: screenshotPath('messaging-board-confirmed') });
  });

  it('texts the client "on my way" from the job\'s dialog, and Twilio gets it', async () => {
    const dialog = page.getByTestId('job-dialog');
    await dialog.getByRole('button', { name: 'On my way' }).click();
    await expect(dialog.getByTestId('on-my-way-result').textContent()).resolves.toBe(
      '"On my way" is on its way to +1 256-555-0342: it goes out in a moment.',
    );
    // The tests' core runs no rounds on its own: this one sends it.
    await (await world.office()).value('messaging.checkNow');
    await expect
      .poll(() =>
        world.db
          .collection('notifications')
          .findOne({ appointment_id: appointmentId, type: 'on_my_way' })
          .then((n) => n?.status),
      )
      .toBe('sent');
    expect(
      fake.messages.filter((m) => m.to === CLIENT_PHONE && /on (the|its|their) way/i.test(m.body)),
    ).toHaveLength(1);

    // A second one is refused, with the reason.
    const onMyWay = dialog.getByRole('button', { name: 'On my way' });
    await onMyWay.click();
    await expect
      .poll(() => dialog.getByTestId('on-my-way-result').textContent())
      .toMatch(/^"On my way" was already sent for this job/);
    // The button kept the keyboard focus while it was busy, so Escape closes the dialog.
    await expect(
      onMyWay.evaluate(
        (el) =>
          el ===
          (el as unknown as { ownerDocument: { activeElement: unknown } }).ownerDocument
            .activeElement,
      ),
    ).resolves.toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('flags the card "Wants another time" as soon as the client answers R, with the board open', async () => {
    await card().waitFor();
    fake.receive({ from: CLIENT_PHONE, to: OUR_NUMBER, body: 'R' });
    // Another desktop's round (or the next one here) reads the reply; the board follows live.
    await (await world.office()).value('messaging.checkNow');
    await card().getByTestId('wants-another-time').waitFor();
    await expect(card().getByTestId('wants-another-time').textContent()).resolves.toBe(
      'Wants another time',
    );
    await expect(card().getAttribute('data-confirmation')).resolves.toBe('notified');
    await expect(card().getAttribute('aria-label')).resolves.toContain(
      'Client notified, not confirmed yet. Client wants another time.',
    );
    await card().screenshot({ path: screenshotPath('messaging-card-another-time') });

    await card().click();
    await page.getByTestId('job-reschedule-requested').waitFor();
    await expect(page.getByTestId('job-reschedule-requested').textContent()).resolves.toMatch(
      /^Client asked for another time/,
    );
    await page.keyboard.press('Escape');
  });
});
