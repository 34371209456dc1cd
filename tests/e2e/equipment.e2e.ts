// Equipment screens in Chromium: an item created (its refused name shown on the field, then fixed),
// maintenance entries added (the log and the derived total cost in the database), a past due date
// flagged "Overdue" on the item and in the list, its details edited (kept after a reload) and the
// list filtered by the person it is assigned to, and a soft delete then restore.
import type { Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoHost } from './support/demo-host';
import { screenshotPath } from './support/browser';

const world = demoHost('equipment');
let page: Page;
let business: string;
const tag = Date.now()
  .toString(36)
  .replace(/\d/g, (d) => 'abcdefghij'[Number(d)] ?? 'x');
const name = `Zero-turn ${tag}`;

const field = (n: string) => page.locator(`#field-${n}`);
const gridRow = (id: string) => page.locator(`.record-row[data-id="${id}"]`);
const resultCount = () => page.getByTestId('result-count').textContent();

type Stored = Record<string, unknown> & { deleted_at: Date | null; version: number };
const item = async (filter: Record<string, unknown>) =>
  (await world.db
    .collection('equipment')
    .findOne({ business_id: business, ...filter })) as Stored | null;

async function search(text: string) {
  const box = page.getByRole('textbox', { name: 'Search' });
  await box.fill('');
  await box.pressSequentially(text, { delay: 20 });
}

beforeAll(async () => {
  business = await world.lawnId();
  page = await world.signedInPage('dispatch@southern-lawn.example');
});

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') {
    await page.screenshot({ path: screenshotPath(`equipment-failed-${task.name.slice(0, 40)}`) });
  }
});

describe('equipment', () => {
  let id = '';

  it('creates an item, showing the refused empty name on its field until it is given', async () => {
    await page.goto(world.url('/equipment'));
    await page.getByRole('link', { name: 'New equipment item' }).click();
    await page.getByRole('heading', { name: 'New equipment item' }).waitFor();
    await field('serial_number').fill(`SN-${tag}`);
    await field('hours_used').fill('12.5');
    await page.getByRole('button', { name: 'Create equipment item' }).click();
    await expect.poll(() => field('name').getAttribute('aria-invalid')).toBe('true');
    expect(await item({ serial_number: `SN-${tag}` })).toBeNull();

    await field('name').fill(name);
    await page.getByRole('button', { name: 'Create equipment item' }).click();
    await page.getByRole('heading', { name }).waitFor();
    const saved = await item({ name });
    expect(saved).toMatchObject({
      category: 'mower',
      status: 'active',
      serial_number: `SN-${tag}`,
      hours_used: 12.5,
      maintenance_notes: [],
      total_maintenance_cost: 0,
    });
    id = String(saved?.equipment_id);
    expect(page.url()).toContain(`#/equipment/${id}`);
  });

  it('adds maintenance entries; the log and the total cost are stored', async () => {
    await page.goto(world.url(`/equipment/${id}`));
    await page.getByRole('tab', { name: 'Maintenance' }).click();
    await page.locator('#entry-date').fill('2026-03-02');
    await page.locator('#entry-type').fill('Oil change');
    await page.locator('#entry-notes').fill('Synthetic 10W-30');
    await page.locator('#entry-cost').fill('45.50');
    await page.getByRole('button', { name: 'Add entry' }).click();
    await expect
      .poll(async () => (await item({ equipment_id: id }))?.total_maintenance_cost)
      .toBe(45.5);
    // The saved item is back on the page (the log shows it, the form is cleared) before the next.
    await expect
      .poll(() => page.getByTestId('maintenance-log').locator('tbody tr').count())
      .toBe(1);
    await expect.poll(() => page.locator('#entry-type').inputValue()).toBe('');

    await page.locator('#entry-date').fill('2026-04-10');
    await page.locator('#entry-type').fill('Blade sharpening');
    await page.locator('#entry-cost').fill('20');
    await page.getByRole('button', { name: 'Add entry' }).click();
    await expect
      .poll(async () => (await item({ equipment_id: id }))?.total_maintenance_cost)
      .toBe(65.5);
    const saved = await item({ equipment_id: id });
    expect(saved?.maintenance_notes).toEqual([
      {
        date: new Date('2026-03-02T00:00:00Z'),
        type: 'oil_change',
        notes: 'Synthetic 10W-30',
        cost: 45.5,
      },
      { date: new Date('2026-04-10T00:00:00Z'), type: 'blade_sharpening', notes: '', cost: 20 },
    ]);
    expect(saved?.last_maintenance_date).toEqual(new Date('2026-04-10T00:00:00Z'));
    await expect
      .poll(() => page.getByTestId('maintenance-total').textContent())
      .toBe('Total maintenance cost: $65.50');
    await expect
      .poll(() => page.getByTestId('maintenance-log').locator('tbody tr').count())
      .toBe(2);
  });

  it('flags a past maintenance due date as overdue, on the item and in the list', async () => {
    await page.locator('#date-maintenance_due_date').fill('2020-01-15');
    await page.getByRole('button', { name: 'Save due date' }).click();
    await expect
      .poll(async () => (await item({ equipment_id: id }))?.maintenance_due_date)
      .toEqual(new Date('2020-01-15T00:00:00Z'));
    await expect.poll(() => page.getByTestId('due-flag').textContent()).toBe('Overdue');
    await page.screenshot({ path: screenshotPath('equipment-maintenance') });

    await page.goto(world.url('/equipment'));
    await search(tag);
    await expect.poll(resultCount).toBe('1 equipment item');
    await expect.poll(() => gridRow(id).getByTestId('due-flag').textContent()).toBe('Overdue');
    await expect.poll(() => gridRow(id).textContent()).toContain('$65.50');
  });

  it('edits the details — hours, notes and who has it — kept after a reload, and the list filters by that person', async () => {
    const lead = (await world.db.collection('staff').findOne({
      business_id: business,
      role: 'crew_lead',
      is_active: true,
      deleted_at: null,
    })) as unknown as Stored;
    const leadId = String(lead.staff_id);
    const person = `${String(lead.first_name)} ${String(lead.last_name)}`;
    const notes = `Left rear tire patched ${tag}`;
    await page.goto(world.url(`/equipment/${id}`));
    await page.getByRole('heading', { name }).waitFor();
    await expect.poll(() => field('hours_used').inputValue()).toBe('12.5');
    await field('hours_used').fill('40');
    await field('notes').fill(notes);
    const assigned = page.getByRole('combobox', { name: 'Assigned to' });
    await assigned.click();
    await assigned.fill(String(lead.first_name));
    await page.getByRole('option', { name: person, exact: true }).click();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(async () => (await item({ equipment_id: id }))?.hours_used).toBe(40);
    expect(await item({ equipment_id: id })).toMatchObject({
      notes,
      assigned_staff_ids: [leadId],
      serial_number: `SN-${tag}`,
    });

    await page.reload();
    await page.getByRole('heading', { name }).waitFor();
    await expect.poll(() => field('hours_used').inputValue()).toBe('40');
    await expect.poll(() => field('notes').inputValue()).toBe(notes);
    await expect
      .poll(() => page.locator('.MuiAutocomplete-tag').filter({ hasText: person }).count())
      .toBe(1);

    await page.goto(world.url('/equipment'));
    await page.getByRole('combobox', { name: 'Assigned to' }).click();
    await page.getByRole('option', { name: person, exact: true }).click();
    await expect.poll(() => page.url()).toContain(`f.assigned_staff_ids=${leadId}`);
    await gridRow(id).waitFor();
    const theirs = await world.db.collection('equipment').countDocuments({
      business_id: business,
      deleted_at: null,
      assigned_staff_ids: leadId,
    });
    await expect.poll(resultCount).toBe(`${theirs} equipment item${theirs === 1 ? '' : 's'}`);
    await expect
      .poll(() => page.locator('.record-row').filter({ hasNotText: person }).count())
      .toBe(0);
  });

  it('deletes the item after a confirm, then restores it from "Show deleted"', async () => {
    await page.goto(world.url(`/equipment/${id}`));
    await page.getByRole('button', { name: 'Delete' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete this equipment item?' });
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('heading', { name: 'Equipment', level: 1, exact: true }).waitFor();
    await expect
      .poll(async () => (await item({ equipment_id: id }))?.deleted_at)
      .toBeInstanceOf(Date);

    await search(tag);
    await expect.poll(resultCount).toBe('0 equipment items');
    const toggle = page.getByLabel('Show deleted');
    await toggle.click();
    await expect.poll(() => toggle.isChecked()).toBe(true);
    await expect.poll(resultCount).toBe('1 equipment item');
    await gridRow(id).click();
    await page.getByRole('button', { name: 'Restore' }).click();
    await expect.poll(async () => (await item({ equipment_id: id }))?.deleted_at).toBeNull();
    await expect.poll(() => field('name').isDisabled()).toBe(false);
  });
});
