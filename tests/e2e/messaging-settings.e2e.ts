// Settings → Text messages in Chromium: an owner rewords the reminder (placeholders inserted at the
// cursor, the preview and its segment count following the typing, a curly dash and an unknown
// placeholder caught on the field) and it is kept after a reload; connects a Twilio account (a fake
// Twilio server, the secret in a stand-in keychain), texts a test message and disconnects; a
// dispatcher (staff) reads the same settings with nothing to change.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from '../../shared/messaging/templates';
import { memorySecretStore } from '../support/core';
import { startFakeTwilio, type FakeTwilio } from '../support/fake-twilio';
import { demoHost, LAWN } from './support/demo-host';

const ACCOUNT_SID = `AC${'0123456789abcdef'.repeat(2)}`;
const AUTH_TOKEN = 'fakeAuthToken0123456789abcdef012';
const SENDER = '+12055550100';

let fake: FakeTwilio;
const keychain = memorySecretStore();
const world = demoHost('messaging-settings', {
  core: async () => {
    fake = await startFakeTwilio({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      numbers: [SENDER],
    });
    return { secrets: keychain, messaging: { baseUrl: fake.url, timer: false } };
  },
});
afterAll(() => fake?.close());

let owner: Page;

const section = (page: Page) => page.getByTestId('settings-messaging');
const field = (page: Page, label: string) => section(page).getByLabel(label, { exact: true });
/** The secret's label ends with the required field's asterisk until a secret is stored. */
const authToken = (page: Page) => section(page).getByLabel(/^Auth token/);
const business = async () =>
  (await world.db.collection('businesses').findOne({ business_id: await world.lawnId() })) as {
    config: Record<string, unknown> & { sms_templates: Record<string, string> };
  } | null;

async function openSettings(page: Page) {
  await page.goto('about:blank');
  await page.goto(world.url('/settings?section=messaging'));
  await section(page).getByTestId('template-reminder').waitFor({ timeout: 20_000 });
}

/** A longer reminder: two segments with the sample values. */
const REWORDED =
  'Hi , reminder from {business_name}: your {service} is on {date}, {time_window}, with {crew}. Please leave the side gate unlocked and keep pets inside while the crew works. Reply C to confirm or R to reschedule.';
const SAVED = REWORDED.replace('Hi ,', 'Hi {first_name},');

beforeAll(async () => {
  owner = await world.signedInPage('owner@southern-lawn.example');
});

describe('Settings: text messages', () => {
  it('lets an owner reword the reminder with a live preview, catching a Unicode dash and an unknown placeholder, and keeps it after a reload', async () => {
    await openSettings(owner);
    const reminder = section(owner).getByTestId('template-reminder');
    const text = field(owner, 'Reminder before the visit');
    const preview = reminder.getByTestId('template-preview');
    const segments = reminder.getByTestId('template-segments');
    expect(await text.inputValue()).toBe(DEFAULT_TEMPLATES.reminder);
    // The preview has the business's own name and the sample values.
    expect(await preview.textContent()).toContain(
      `Reminder from ${LAWN}: Lawn Mowing on Tue, Dec 8`,
    );
    expect(await segments.getAttribute('data-segments')).toBe('1');

    await text.fill(REWORDED);
    await expect.poll(() => segments.getAttribute('data-segments')).toBe('2');
    expect(await segments.textContent()).toContain('2 segments · GSM-7');

    // A placeholder goes where the cursor is, not at the end.
    await text.evaluate((el) =>
      (el as unknown as { setSelectionRange(a: number, b: number): void }).setSelectionRange(3, 3),
    );
    await reminder.getByRole('button', { name: '{first_name}', exact: true }).click();
    expect(await text.inputValue()).toBe(SAVED);
    await expect
      .poll(() => preview.textContent())
      .toContain(`Hi Ana, reminder from ${LAWN}: your Lawn Mowing is on Tue, Dec 8`);

    // A curly dash makes the text Unicode; the warning names it and offers the plain one.
    await text.press('Control+End');
    await text.pressSequentially(' – thanks');
    const unicode = reminder.getByTestId('template-unicode');
    await unicode.waitFor();
    expect(await unicode.textContent()).toContain('“–” en dash');
    expect(await segments.getAttribute('data-encoding')).toBe('UCS-2');
    await unicode.getByRole('button', { name: 'Use plain characters' }).click();
    expect(await text.inputValue()).toBe(`${SAVED} - thanks`);
    await expect.poll(() => segments.getAttribute('data-encoding')).toBe('GSM-7');

    // An unknown placeholder is refused on the field as it is typed.
    await text.pressSequentially(' {firstname}');
    const unknown = reminder.getByText(
      '{firstname} is not a placeholder: did you mean {first_name}?',
    );
    await unknown.waitFor();
    expect(await text.getAttribute('aria-invalid')).toBe('true');
    const save = section(owner).getByRole('button', { name: 'Apply templates' });
    expect(await save.isDisabled()).toBe(true);

    await text.fill(SAVED);
    await expect.poll(() => unknown.count()).toBe(0);
    await save.click();
    await section(owner).getByText('Saved. Texts from now on use this wording.').waitFor();
    await expect.poll(async () => (await business())?.config.sms_templates.reminder).toBe(SAVED);
    // The other templates keep their wording.
    expect((await business())?.config.sms_templates.confirmation).toBe(
      DEFAULT_TEMPLATES.confirmation,
    );

    await owner.reload();
    await field(owner, 'Reminder before the visit').waitFor({ timeout: 20_000 });
    expect(await field(owner, 'Reminder before the visit').inputValue()).toBe(SAVED);
    expect(await segments.getAttribute('data-segments')).toBe('2');

    await reminder.getByRole('button', { name: 'Reset to default' }).click();
    expect(await text.inputValue()).toBe(DEFAULT_TEMPLATES.reminder);
    await section(owner).getByText('Unsaved changes in one message.').waitFor();
    // Not saved: the reworded reminder is what the business keeps.
    await owner.reload();
    await field(owner, 'Reminder before the visit').waitFor({ timeout: 20_000 });
    expect(await field(owner, 'Reminder before the visit').inputValue()).toBe(SAVED);
  });

  it('connects a Twilio account with its secret kept in the keychain, texts a test message and disconnects', async () => {
    await openSettings(owner);
    const status = section(owner).getByTestId('messaging-status');
    await status.waitFor();
    expect(await status.getAttribute('data-connected')).toBe('false');
    expect(await status.textContent()).toContain('No Twilio account is connected');
    expect(await field(owner, 'Mobile number to text').isDisabled()).toBe(true);

    // Refused on the fields before anything is sent.
    await field(owner, 'Account SID').fill('AC123');
    await section(owner).getByRole('button', { name: 'Connect Twilio' }).click();
    await section(owner)
      .getByText('An Account SID starts with AC followed by 32 letters and digits (0-9, a-f)')
      .waitFor();
    expect(await field(owner, 'Account SID').getAttribute('aria-invalid')).toBe('true');
    expect(await authToken(owner).getAttribute('aria-invalid')).toBe('true');
    expect(keychain.values.size).toBe(0);

    await field(owner, 'Account SID').fill(ACCOUNT_SID);
    await authToken(owner).fill(AUTH_TOKEN);
    await field(owner, 'Sender phone number').fill('(205) 555-0100');
    await section(owner).getByRole('button', { name: 'Connect Twilio' }).click();
    await section(owner)
      .getByText('Saved. Send a test message to check that texts reach a phone.')
      .waitFor();
    await expect.poll(() => status.getAttribute('data-connected')).toBe('true');
    expect(await status.textContent()).toContain('Texts go out from +1 205-555-0100');
    expect([...keychain.values.values()]).toEqual([AUTH_TOKEN]);
    expect(await business()).toMatchObject({
      config: { twilio_account_sid: ACCOUNT_SID, twilio_from_number: SENDER },
    });
    // The secret is never shown again; the field says where it is.
    expect(await authToken(owner).inputValue()).toBe('');
    expect(await section(owner).getByTestId('messaging-secret').textContent()).toContain(
      "Stored in this computer's keychain",
    );

    // Saving with the secret left empty keeps the stored one.
    await section(owner).getByRole('button', { name: 'Update Twilio account' }).click();
    await section(owner)
      .getByText('Saved. Send a test message to check that texts reach a phone.')
      .waitFor();
    expect([...keychain.values.values()]).toEqual([AUTH_TOKEN]);

    const test = section(owner).getByTestId('messaging-test');
    await field(owner, 'Mobile number to text').fill('(205) 555-0123');
    await test.getByRole('button', { name: 'Send test message' }).click();
    const result = test.getByTestId('messaging-test-result');
    await result.waitFor();
    expect(await result.textContent()).toContain(
      'Twilio took the message to +1 205-555-0123: its status is “queued”, sent as 1 segment.',
    );
    expect(fake.messages.map((m) => [m.to, m.from])).toEqual([['+12055550123', SENDER]]);

    fake.failNext(1, {
      status: 400,
      code: 21610,
      message: 'Attempt to send to unsubscribed recipient',
    });
    await test.getByRole('button', { name: 'Send test message' }).click();
    const error = test.getByTestId('messaging-test-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('Twilio did not send the test message');

    await section(owner).getByRole('button', { name: 'Disconnect' }).click();
    const dialog = owner.getByRole('dialog', { name: 'Disconnect Twilio?' });
    await dialog.getByRole('button', { name: 'Disconnect' }).click();
    await expect.poll(() => status.getAttribute('data-connected')).toBe('false');
    await dialog.waitFor({ state: 'hidden' });
    expect(keychain.values.size).toBe(0);
    expect((await business())?.config.twilio_account_sid).toBeNull();
  });

  it('shows a dispatcher (staff) the texting settings with no input to change them', async () => {
    const staff = await world.signedInPage('dispatch@southern-lawn.example');
    await openSettings(staff);
    await section(staff).getByTestId('messaging-status').waitFor();
    // The saved wording, read-only.
    expect(await field(staff, 'Reminder before the visit').inputValue()).toBe(SAVED);
    const inputs = section(staff).locator('input, textarea');
    expect(await inputs.count()).toBeGreaterThan(0);
    for (const input of await inputs.all()) expect(await input.isEditable()).toBe(false);
    for (const name of [
      'Apply templates',
      'Apply sending settings',
      'Connect Twilio',
      'Send test message',
      'Reset to default',
      '{first_name}',
    ]) {
      expect(await section(staff).getByRole('button', { name }).count()).toBe(0);
    }
    await staff.context().close();
  });
});
