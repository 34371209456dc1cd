// Editing records in Chromium, two people at once: a stale client edit refused with the app's
// message and the first person's change shown (and kept in the database); a time-off entry, a
// recurring one and a business closure changed in their dialog, a stale one refused; maintenance
// log entries corrected and removed, the total cost following — each checked in the database.
import type { Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoHost } from './support/demo-host';
import { screenshotPath } from './support/browser';

const world = demoHost('records_edit');
let business: string;
/** The dispatcher's window, and the owner's in another browser context. */
let dispatcher: Page;
let owner: Page;
let office: Awaited<ReturnType<typeof world.office>>;

type Stored = Record<string, unknown> & { version: number };
const stored = async (collection: string, filter: Record<string, unknown>) =>
  (await world.db
    .collection(collection)
    .findOne({ business_id: business, ...filter })) as Stored | null;
const day = (key: string) => new Date(`${key}T00:00:00Z`);
const STALE = 'was changed by someone else since you opened it';

/** Opens `hash` freshly loaded, so data set up through the core since the last visit is shown. */
async function open(page: Page, hash: string) {
  await page.goto(world.url(hash));
  await page.reload();
}

beforeAll(async () => {
  business = await world.lawnId();
  [dispatcher, owner] = await Promise.all([
    world.signedInPage('dispatch@southern-lawn.example'),
    world.signedInPage('owner@southern-lawn.example'),
  ]);
  office = await world.office('owner@southern-lawn.example');
});

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') {
    const name = task.name.slice(0, 40);
    await dispatcher.screenshot({ path: screenshotPath(`records-edit-failed-${name}`) });
    await owner.screenshot({ path: screenshotPath(`records-edit-failed-owner-${name}`) });
  }
});

describe('a record edited in two windows at once', () => {
  it("refuses the second save, shows the first person's change and keeps it", async () => {
    const client = (await stored('clients', { deleted_at: null })) as Stored;
    const id = String(client.client_id);
    const heading = `${String(client.first_name)} ${String(client.last_name)}`;
    const phone = (page: Page) => page.locator('#field-phone');
    for (const page of [dispatcher, owner]) {
      await page.goto(world.url(`/clients/${id}`));
      await page.getByRole('heading', { name: heading }).waitFor();
      await expect.poll(() => phone(page).inputValue()).toBe(client.phone);
    }

    await owner.locator('#field-phone').fill('+1-205-555-0111');
    await owner.getByRole('button', { name: 'Save changes' }).click();
    await expect
      .poll(async () => (await stored('clients', { client_id: id }))?.phone)
      .toBe('+1-205-555-0111');

    await dispatcher.locator('#field-phone').fill('+1-205-555-0222');
    await dispatcher.getByRole('button', { name: 'Save changes' }).click();
    await expect
      .poll(() => dispatcher.getByTestId('conflict').textContent())
      .toContain(`This client ${STALE}`);
    // The latest version is on the form straight away, and after a reload.
    await expect.poll(() => phone(dispatcher).inputValue()).toBe('+1-205-555-0111');
    await dispatcher.screenshot({ path: screenshotPath('records-edit-conflict') });
    await dispatcher.reload();
    await dispatcher.getByRole('heading', { name: heading }).waitFor();
    await expect.poll(() => phone(dispatcher).inputValue()).toBe('+1-205-555-0111');

    const saved = await stored('clients', { client_id: id });
    expect(saved).toMatchObject({ phone: '+1-205-555-0111', version: client.version + 1 });
    expect(
      await world.db.collection('audit_entries').countDocuments({
        collection: 'clients',
        document_id: id,
        'changes.phone.after': '+1-205-555-0222',
      }),
    ).toBe(0);
  });
});

describe('time off and closures', () => {
  let staffId = '';
  const timeOff = async (data: Record<string, unknown>) =>
    office.value<Stored>('availability.create', {
      data: { staff_id: staffId, type: 'time_off', reason: 'vacation', ...data },
    });
  const row = (page: Page, id: string) => page.getByTestId(`entry-${id}`);

  beforeAll(async () => {
    staffId = String((await stored('staff', { deleted_at: null, is_active: true }))?.staff_id);
  });

  it('turns a single day off into a range from the staff page', async () => {
    const entry = await timeOff({ date_from: day('2027-03-08'), date_to: day('2027-03-08') });
    const id = String(entry.availability_id);
    await open(dispatcher, `/staff/${staffId}?tab=timeoff`);
    await row(dispatcher, id)
      .getByRole('button', { name: /^Edit time off/ })
      .click();
    const dialog = dispatcher.getByRole('dialog');
    await expect.poll(() => dispatcher.locator('#entry-date_from').inputValue()).toBe('2027-03-08');
    await dialog.getByRole('button', { name: 'Date range' }).click();
    await dispatcher.locator('#entry-date_to').fill('2027-03-12');
    await dispatcher.locator('#entry-notes').fill('Spring break');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => row(dispatcher, id).textContent()).toContain('Spring break');
    expect(await stored('availability', { availability_id: id })).toMatchObject({
      version: 2,
      date_from: day('2027-03-08'),
      date_to: day('2027-03-12'),
      notes: 'Spring break',
      reason: 'vacation',
      is_recurring: false,
    });
  });

  it('shows a wrong change on its field, then changes the weekdays of recurring time off', async () => {
    const entry = await timeOff({
      date_from: day('2027-01-04'),
      date_to: day('2027-06-30'),
      is_recurring: true,
      recurrence_rule: 'FREQ=WEEKLY;BYDAY=FR',
    });
    const id = String(entry.availability_id);
    await open(dispatcher, `/staff/${staffId}?tab=timeoff`);
    await row(dispatcher, id)
      .getByRole('button', { name: /^Edit time off/ })
      .click();
    const dialog = dispatcher.getByRole('dialog');
    await expect.poll(() => dialog.getByLabel('Fri').isChecked()).toBe(true);
    await dispatcher.locator('#entry-date_to').fill('2026-12-01');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await expect
      .poll(() => dispatcher.locator('#entry-date_to-helper-text').textContent())
      .toBe('Must not be before the start');
    await dispatcher.locator('#entry-date_to').fill('2027-06-30');
    await dialog.getByLabel('Mon').check();
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => row(dispatcher, id).textContent()).toContain('Every Mon, Fri');
    expect(await stored('availability', { availability_id: id })).toMatchObject({
      version: 2,
      is_recurring: true,
      recurrence_rule: 'FREQ=WEEKLY;BYDAY=MO,FR',
      date_to: day('2027-06-30'),
    });
  });

  it('turns a business closure into special hours on the Availability page', async () => {
    const notes = `Inventory day ${Date.now()}`;
    const closure = await office.value<Stored>('availability.create', {
      data: {
        staff_id: null,
        type: 'time_off',
        reason: 'other',
        notes,
        date_from: day('2027-02-15'),
        date_to: day('2027-02-15'),
      },
    });
    const id = String(closure.availability_id);
    await open(dispatcher, '/availability');
    // The demo's "every other Friday off" reads as words, not as its RRULE.
    await dispatcher.getByRole('cell', { name: 'Every 2 weeks on Friday', exact: true }).waitFor();
    await expect(dispatcher.getByText('FREQ=', { exact: false }).count()).resolves.toBe(0);
    await row(dispatcher, id)
      .getByRole('button', { name: /^Edit closure/ })
      .click();
    const dialog = dispatcher.getByRole('dialog');
    await expect.poll(() => dispatcher.locator('#entry-notes').inputValue()).toBe(notes);
    await dispatcher.locator('#entry-type').click();
    await dispatcher.getByRole('option', { name: 'Special hours' }).click();
    await dispatcher.locator('#entry-start_time').fill('10:00');
    await dispatcher.locator('#entry-end_time').fill('14:00');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    // Times as the office reads them, as on the board.
    await expect.poll(() => row(dispatcher, id).textContent()).toContain('10:00 AM–2:00 PM');
    expect(await stored('availability', { availability_id: id })).toMatchObject({
      staff_id: null,
      type: 'special_hours',
      start_time: '10:00',
      end_time: '14:00',
      version: 2,
    });
  });

  it('refuses a stale change to time off, shows the latest and keeps it', async () => {
    const entry = await timeOff({ date_from: day('2027-04-19'), date_to: day('2027-04-19') });
    const id = String(entry.availability_id);
    await open(dispatcher, `/staff/${staffId}?tab=timeoff`);
    await row(dispatcher, id)
      .getByRole('button', { name: /^Edit time off/ })
      .click();
    const dialog = dispatcher.getByRole('dialog');
    await dispatcher.locator('#entry-notes').fill('Dentist');

    await office.value('availability.update', {
      id,
      version: entry.version,
      changes: { notes: 'Family visit', date_to: day('2027-04-20') },
    });
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await expect
      .poll(() => dialog.getByRole('alert').textContent())
      .toContain(`This availability entry ${STALE}`);
    // The list was reloaded: the form and the table show the other person's change.
    await expect.poll(() => dispatcher.locator('#entry-notes').inputValue()).toBe('Family visit');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => row(dispatcher, id).textContent()).toContain('Family visit');
    expect(await stored('availability', { availability_id: id })).toMatchObject({
      version: 2,
      notes: 'Family visit',
      date_to: day('2027-04-20'),
    });
  });
});

describe('maintenance log', () => {
  let id = '';
  const log = () => dispatcher.getByTestId('maintenance-log');
  const item = async () => (await stored('equipment', { equipment_id: id })) as Stored;

  beforeAll(async () => {
    const created = await office.value<Stored>('equipment.create', {
      data: { name: `Log mower ${Date.now()}`, category: 'mower' },
    });
    id = String(created.equipment_id);
    let version = created.version;
    for (const entry of [
      { date: day('2026-03-02'), type: 'oil_change', notes: 'Synthetic', cost: 45.5, hours: null },
      { date: day('2026-04-10'), type: 'blade_sharpening', notes: '', cost: 20, hours: 88 },
    ]) {
      version = (await office.value<Stored>('equipment.addMaintenance', { id, version, entry }))
        .version;
    }
  });

  it('corrects an entry; the log, the total and the last service date follow', async () => {
    await open(dispatcher, `/equipment/${id}`);
    await dispatcher.getByRole('tab', { name: 'Maintenance' }).click();
    await dispatcher.getByRole('button', { name: 'Correct Oil change on Mar 2, 2026' }).click();
    const dialog = dispatcher.getByRole('dialog', { name: 'Correct maintenance entry' });
    await expect.poll(() => dispatcher.locator('#edit-entry-cost').inputValue()).toBe('45.5');
    await dispatcher.locator('#edit-entry-cost').fill('-3');
    await dialog.getByRole('button', { name: 'Save entry' }).click();
    await expect
      .poll(() => dispatcher.locator('#edit-entry-cost-helper-text').textContent())
      .toBe('The cost must be 0 or more.');
    await dispatcher.locator('#edit-entry-date').fill('2026-05-01');
    await dispatcher.locator('#edit-entry-cost').fill('60');
    await dispatcher.locator('#edit-entry-hours').fill('130');
    await dispatcher.locator('#edit-entry-notes').fill('Synthetic, new filter');
    await dialog.getByRole('button', { name: 'Save entry' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect
      .poll(() => dispatcher.getByTestId('maintenance-total').textContent())
      .toBe('Total maintenance cost: $80.00');
    await expect
      .poll(() => log().locator('tbody tr').first().textContent())
      .toContain('May 1, 2026');
    const saved = await item();
    expect(saved.maintenance_notes).toEqual([
      {
        date: day('2026-05-01'),
        type: 'oil_change',
        notes: 'Synthetic, new filter',
        cost: 60,
        hours: 130,
      },
      { date: day('2026-04-10'), type: 'blade_sharpening', notes: '', cost: 20, hours: 88 },
    ]);
    expect(saved).toMatchObject({
      total_maintenance_cost: 80,
      last_maintenance_date: day('2026-05-01'),
    });
  });

  it('refuses a stale correction and shows the latest log', async () => {
    const before = await item();
    await dispatcher
      .getByRole('button', { name: 'Correct Blade sharpening on Apr 10, 2026' })
      .click();
    const dialog = dispatcher.getByRole('dialog', { name: 'Correct maintenance entry' });
    await dispatcher.locator('#edit-entry-cost').fill('25');
    await office.value('equipment.updateMaintenance', {
      id,
      version: before.version,
      index: 1,
      entry: { date: day('2026-04-10'), type: 'blade_sharpening', notes: 'Both', cost: 22 },
    });
    await dialog.getByRole('button', { name: 'Save entry' }).click();
    await expect
      .poll(() => dialog.getByRole('alert').textContent())
      .toContain(`This piece of equipment ${STALE}`);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect
      .poll(() => dispatcher.getByTestId('maintenance-total').textContent())
      .toBe('Total maintenance cost: $82.00');
    expect(((await item()).maintenance_notes as { cost: number }[])[1]?.cost).toBe(22);
  });

  it('removes an entry after a confirm; the total and last service date follow', async () => {
    await dispatcher.getByRole('button', { name: 'Remove Oil change on May 1, 2026' }).click();
    const confirm = dispatcher.getByRole('dialog', { name: 'Remove this maintenance entry?' });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'hidden' });
    expect((await item()).maintenance_notes).toHaveLength(2);

    await dispatcher.getByRole('button', { name: 'Remove Oil change on May 1, 2026' }).click();
    await confirm.getByRole('button', { name: 'Remove' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await expect
      .poll(() => dispatcher.getByTestId('maintenance-total').textContent())
      .toBe('Total maintenance cost: $22.00');
    await expect.poll(() => log().locator('tbody tr').count()).toBe(1);
    const saved = await item();
    expect(saved).toMatchObject({
      maintenance_notes: [
        { date: day('2026-04-10'), type: 'blade_sharpening', notes: 'Both', cost: 22 },
      ],
      total_maintenance_cost: 22,
      last_maintenance_date: day('2026-04-10'),
    });
    await dispatcher.getByRole('tab', { name: 'History' }).click();
    await expect
      .poll(() => dispatcher.getByText(/maintenance entry removed/).count())
      .toBeGreaterThan(0);
  });
});
