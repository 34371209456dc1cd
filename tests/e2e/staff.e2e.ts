// Staff and availability screens in Chromium: a staff member created (a refused email shown on its
// field, then fixed) and found by searching the list, weekly hours edited, recurring time off added
// (an RRULE in the database) that the board then refuses to book over, soft delete and restore from
// "Show deleted", and a business closure added on the Availability page, deleted and restored —
// each checked in the database afterwards.
import type { Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { localDateOf } from '../../shared/time';
import { demoHost } from './support/demo-host';
import { screenshotPath } from './support/browser';

const world = demoHost('staff');
let page: Page;
let business: string;
const tag = Date.now()
  .toString(36)
  .replace(/\d/g, (d) => 'abcdefghij'[Number(d)] ?? 'x');

const field = (name: string) => page.locator(`#field-${name}`);
const helper = (name: string) => page.locator(`#field-${name}-helper-text`);
const gridRow = (id: string) => page.locator(`.record-row[data-id="${id}"]`);
const resultCount = () => page.getByTestId('result-count').textContent();

/** Types into the list's search box as a person would, a key at a time. */
async function search(text: string) {
  const box = page.getByRole('textbox', { name: 'Search' });
  await box.fill('');
  await box.pressSequentially(text, { delay: 20 });
}

type Stored = Record<string, unknown> & { deleted_at: Date | null; version: number };
const stored = async (collection: string, filter: Record<string, unknown>) =>
  (await world.db
    .collection(collection)
    .findOne({ business_id: business, ...filter })) as Stored | null;

/** 'YYYY-MM-DD' `days` after `key`. */
const plusDays = (key: string, days: number) =>
  new Date(Date.parse(`${key}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const today = localDateOf(new Date(), 'America/Chicago');
/** A Wednesday at least a week away. */
const wednesday = (() => {
  let day = plusDays(today, 7);
  while (new Date(`${day}T00:00:00Z`).getUTCDay() !== 3) day = plusDays(day, 1);
  return day;
})();

beforeAll(async () => {
  business = await world.lawnId();
  page = await world.signedInPage('dispatch@southern-lawn.example');
});

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') {
    await page.screenshot({ path: screenshotPath(`staff-failed-${task.name.slice(0, 40)}`) });
  }
});

describe('staff', () => {
  const last = `Pruitt${tag}`;
  let id = '';

  it('creates a staff member, showing the refused email on its field until it is fixed', async () => {
    await page.goto(world.url('/staff'));
    await page.getByRole('link', { name: 'New staff member' }).click();
    await page.getByRole('heading', { name: 'New staff member' }).waitFor();
    await field('first_name').fill('Wes');
    await field('last_name').fill(last);
    await field('phone').fill('+1-205-555-0199');
    await field('email').fill('wes-at-example');
    await field('hire_date').fill('2024-03-18');
    await page.getByRole('button', { name: 'Create staff member' }).click();
    await expect.poll(() => helper('email').textContent()).toBe('Expected an email address');
    await expect(field('email').getAttribute('aria-invalid')).resolves.toBe('true');
    expect(await stored('staff', { last_name: last })).toBeNull();

    await field('email').fill(`wes.${tag}@example.com`);
    await page.getByRole('button', { name: 'Create staff member' }).click();
    await page.getByRole('heading', { name: `Wes ${last}` }).waitFor();
    const doc = await stored('staff', { last_name: last });
    expect(doc).toMatchObject({ role: 'crew_member', email: `wes.${tag}@example.com` });
    expect((doc?.hire_date as Date).toISOString()).toBe('2024-03-18T00:00:00.000Z');
    id = String(doc?.staff_id);
    expect(page.url()).toContain(`/staff/${id}`);

    // The list finds the new person by the role filter.
    await page.goto(world.url('/staff?f.role=crew_member'));
    await page.locator(`.record-row[data-id="${id}"]`).waitFor();
  });

  it('finds the staff member by searching as you type, by name or email', async () => {
    await page.goto(world.url('/staff'));
    await page.getByRole('heading', { level: 1, name: 'Staff', exact: true }).waitFor();
    await search(last.toLowerCase());
    await expect.poll(resultCount).toBe('1 staff member');
    await gridRow(id).waitFor();
    // The search is in the address, so the list comes back the same after a reload.
    await expect.poll(() => page.url()).toContain(`q=${last.toLowerCase()}`);

    await search(`wes.${tag}@`);
    await expect.poll(resultCount).toBe('1 staff member');
    await gridRow(id).waitFor();

    await search('nobody-by-this-name');
    await expect.poll(resultCount).toBe('0 staff members');
    await page.getByText('No staff members match').waitFor();
  });

  it('filters the list to one crew: its lead and the people working under them', async () => {
    const staff = world.db.collection('staff');
    const leadIds = await staff.distinct('crew_lead_id', {
      business_id: business,
      deleted_at: null,
    });
    const lead = await staff.findOne({
      business_id: business,
      deleted_at: null,
      role: 'crew_lead',
      staff_id: { $in: leadIds },
    });
    if (!lead) throw new Error('the demo has no crew with members');
    const members = await staff.countDocuments({
      business_id: business,
      deleted_at: null,
      crew_lead_id: lead.staff_id,
    });
    await page.goto(world.url('/staff'));
    // The list keeps the text typed in the test before (the same page, only the address changed).
    await page.getByRole('textbox', { name: 'Search' }).fill('');
    await page.getByRole('combobox', { name: 'Crew' }).click();
    await page
      .getByRole('option', {
        name: `${String(lead.first_name)} ${String(lead.last_name)}`,
        exact: true,
      })
      .click();
    await expect.poll(() => page.url()).toContain(`f.crew=${String(lead.staff_id)}`);
    await expect.poll(resultCount).toBe(`${members + 1} staff members`);
    await gridRow(String(lead.staff_id)).waitFor();
  });

  it('edits the weekly hours, refusing an end before the start', async () => {
    await page.goto(world.url(`/staff/${id}?tab=availability`));
    await page.getByLabel('Works on Saturday').check();
    await page.locator('#hours-saturday-start').fill('09:00');
    await page.locator('#hours-saturday-end').fill('08:30');
    await expect
      .poll(() => page.locator('#hours-saturday-end-helper-text').textContent())
      .toBe('End must be after start');
    await expect(page.getByRole('button', { name: 'Save hours' }).isDisabled()).resolves.toBe(true);

    await page.locator('#hours-saturday-end').fill('13:00');
    await page.getByLabel('Works on Monday').uncheck();
    await page.getByRole('button', { name: 'Save hours' }).click();
    await expect
      .poll(async () => (await stored('staff', { staff_id: id }))?.availability_schedule)
      .toMatchObject({
        monday: null,
        tuesday: { start: '08:00', end: '17:00' },
        saturday: { start: '09:00', end: '13:00' },
        sunday: null,
      });
  });

  it('adds recurring time off as an RRULE, and the board refuses a job on such a day', async () => {
    await page.goto(world.url(`/staff/${id}?tab=timeoff`));
    await page.getByRole('button', { name: 'Add time off' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Recurring' }).click();
    await page.locator('#entry-date_from').fill(today);
    await page.locator('#entry-date_to').fill(plusDays(today, 60));
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await expect
      .poll(() => page.locator('#entry-recurrence_rule-helper-text').textContent())
      .toBe('Pick at least one weekday');
    await dialog.getByLabel('Wed').check();
    await dialog.getByLabel('Fri').check();
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('cell', { name: 'Every Wed, Fri' }).waitFor();
    const entry = await stored('availability', { staff_id: id });
    expect(entry).toMatchObject({
      type: 'time_off',
      is_recurring: true,
      recurrence_rule: 'FREQ=WEEKLY;BYDAY=WE,FR',
      reason: 'vacation',
      start_time: null,
      end_time: null,
    });
    expect((entry?.date_from as Date).toISOString().slice(0, 10)).toBe(today);
    expect((entry?.date_to as Date).toISOString().slice(0, 10)).toBe(plusDays(today, 60));

    // The scheduling rules read the same document: a job for this person on a Wednesday is refused.
    const office = await world.office();
    const { items: services } = await office.value<{
      items: { service_id: string; minimum_staff_count: number; default_price: number }[];
    }>('services.list', { limit: 50 });
    const service = services.find((s) => s.minimum_staff_count === 1);
    const { items: clients } = await office.value<{ items: { client_id: string }[] }>(
      'clients.list',
      { limit: 1 },
    );
    const job = await office.value<{ appointment_id: string; version: number }>(
      'appointments.create',
      {
        data: {
          client_id: clients[0]?.client_id,
          service_id: service?.service_id,
          scheduled_date: new Date(`${wednesday}T00:00:00Z`),
          scheduled_start_time: '10:00',
          scheduled_end_time: '11:00',
          estimated_duration_minutes: 60,
          service_price: service?.default_price,
          currency: 'USD',
        },
      },
    );
    const move = (day: string) =>
      office.call('board.move', {
        appointment_id: job.appointment_id,
        version: job.version,
        scheduled_date: day,
        start: '10:00',
        end: '11:00',
        staff_ids: [id],
        equipment_ids: [],
        override_warnings: true,
      });
    const refused = await move(wednesday);
    expect(refused.ok).toBe(false);
    expect(JSON.stringify(refused)).toContain(`Wes ${last} is off on`);
    // The day before (a Tuesday, a working day) is fine.
    const accepted = await move(plusDays(wednesday, -1));
    expect(accepted.ok).toBe(true);
  });

  it('deletes the staff member after a confirm, then restores them from "Show deleted"', async () => {
    await page.goto(world.url(`/staff/${id}`));
    await page.getByRole('heading', { name: `Wes ${last}` }).waitFor();
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    // Back on the list once the delete is saved (exact: the dialog's own title mentions staff).
    await page.getByRole('heading', { level: 1, name: 'Staff', exact: true }).waitFor();
    await expect
      .poll(async () => (await stored('staff', { staff_id: id }))?.deleted_at)
      .toBeInstanceOf(Date);

    await search(last);
    await expect.poll(resultCount).toBe('0 staff members');
    const toggle = page.getByLabel('Show deleted');
    await toggle.click();
    await expect.poll(() => toggle.isChecked()).toBe(true);
    await expect.poll(resultCount).toBe('1 staff member');
    await expect.poll(() => gridRow(id).textContent()).toContain('Deleted');
    await gridRow(id).click();
    await page.getByRole('heading', { name: `Wes ${last}` }).waitFor();
    await page.getByRole('button', { name: 'Restore' }).click();
    await expect.poll(async () => (await stored('staff', { staff_id: id }))?.deleted_at).toBeNull();
    await page.getByRole('button', { name: 'Delete' }).waitFor();
    await expect.poll(() => field('first_name').isDisabled()).toBe(false);
  });
});

describe('availability', () => {
  it('adds a business closure and lists it beside staff time off', async () => {
    const day = plusDays(today, 20);
    await page.goto(world.url('/availability'));
    await page.getByRole('button', { name: 'Add closure or special hours' }).click();
    const dialog = page.getByRole('dialog');
    await page.locator('#entry-date_from').fill(day);
    await page.locator('#entry-notes').fill(`Staff picnic ${tag}`);
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.getByRole('row').filter({ hasText: `Staff picnic ${tag}` });
    await row.getByRole('cell', { name: 'Whole business' }).waitFor();
    const closure = await stored('availability', { notes: `Staff picnic ${tag}` });
    expect(closure).toMatchObject({
      staff_id: null,
      type: 'time_off',
      reason: 'holiday',
      is_recurring: false,
    });
    expect((closure?.date_from as Date).toISOString().slice(0, 10)).toBe(day);
    expect((closure?.date_to as Date).toISOString().slice(0, 10)).toBe(day);
    // The person's recurring time off shows in the same table.
    await page.getByRole('cell', { name: 'Every Wed, Fri' }).waitFor();

    await row.getByRole('button', { name: /^Delete/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    const deletedAt = async () =>
      (await stored('availability', { notes: `Staff picnic ${tag}` }))?.deleted_at;
    await expect.poll(deletedAt).toBeInstanceOf(Date);
    await row.waitFor({ state: 'detached' });
  });

  it('lists the deleted closure with "Show deleted" and restores it', async () => {
    const row = page.getByRole('row').filter({ hasText: `Staff picnic ${tag}` });
    const deletedAt = async () =>
      (await stored('availability', { notes: `Staff picnic ${tag}` }))?.deleted_at;
    await expect(row.count()).resolves.toBe(0);
    const toggle = page.getByLabel('Show deleted');
    await toggle.click();
    await expect.poll(() => toggle.isChecked()).toBe(true);
    await row.getByText('Deleted', { exact: true }).waitFor();
    // A deleted entry is restored, not edited or deleted again.
    await expect(row.getByRole('button', { name: /^(Edit|Delete)/ }).count()).resolves.toBe(0);

    await row.getByRole('button', { name: /^Restore/ }).click();
    await expect.poll(deletedAt).toBeNull();
    await row.getByRole('button', { name: /^Delete/ }).waitFor();
    await expect(row.getByText('Deleted', { exact: true }).count()).resolves.toBe(0);

    // Back among the live entries once "Show deleted" is off again.
    await toggle.click();
    await expect.poll(() => toggle.isChecked()).toBe(false);
    await row.getByRole('cell', { name: 'Whole business' }).waitFor();
  });
});
