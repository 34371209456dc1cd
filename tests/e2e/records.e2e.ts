// Record screens in Chromium: clients and services created (a refused field shown on it, then
// fixed), searched as you type, edited (with the History tab's sentence), deleted with a confirm,
// restored from "Show deleted", and services reordered — each checked in the database afterwards.
import type { Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoHost } from './support/demo-host';
import { screenshotPath } from './support/browser';

const world = demoHost('records');
let page: Page;
let business: string;
const tag = Date.now()
  .toString(36)
  .replace(/\d/g, (d) => 'abcdefghij'[Number(d)] ?? 'x');

const field = (name: string) => page.locator(`#field-${name}`);
const helper = (name: string) => page.locator(`#field-${name}-helper-text`);
const resultCount = () => page.getByTestId('result-count').textContent();
const gridRow = (id: string) => page.locator(`.record-row[data-id="${id}"]`);

type Stored = Record<string, unknown> & { deleted_at: Date | null; version: number };
const client = async (filter: Record<string, unknown>) =>
  (await world.db
    .collection('clients')
    .findOne({ business_id: business, ...filter })) as Stored | null;
const service = async (filter: Record<string, unknown>) =>
  (await world.db
    .collection('services')
    .findOne({ business_id: business, ...filter })) as Stored | null;

/** The switch follows the address (a router navigation), so it flips a moment after the click. */
async function showDeleted(on: boolean) {
  const toggle = page.getByLabel('Show deleted');
  if ((await toggle.isChecked()) !== on) await toggle.click();
  await expect.poll(() => toggle.isChecked()).toBe(on);
}

async function search(text: string) {
  const box = page.getByRole('textbox', { name: 'Search' });
  await box.fill('');
  // Typed key by key, as a person would: the list follows once the typing pauses.
  await box.pressSequentially(text, { delay: 20 });
}

beforeAll(async () => {
  business = await world.lawnId();
  page = await world.signedInPage('dispatch@southern-lawn.example');
});

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') {
    await page.screenshot({ path: screenshotPath(`records-failed-${task.name.slice(0, 40)}`) });
  }
});

describe('clients', () => {
  const last = `Quill${tag}`;
  let id = '';

  it('creates a client, showing the refused ZIP code on its field until it is fixed', async () => {
    await page.goto(world.url('/clients'));
    await page.getByRole('link', { name: 'New client' }).click();
    await page.getByRole('heading', { name: 'New client' }).waitFor();
    await field('first_name').fill('Nora');
    await field('last_name').fill(last);
    await field('phone').fill('+1-205-555-0147');
    await field('address').fill('1200 Linden Ave');
    await field('city').fill('Homewood');
    await field('state').fill('AL');
    await field('zip_code').fill('352');
    await page.getByRole('button', { name: 'Create client' }).click();
    await expect
      .poll(() => helper('zip_code').textContent())
      .toBe('Expected a ZIP code such as 35209');
    await expect(field('zip_code').getAttribute('aria-invalid')).resolves.toBe('true');
    expect(await client({ last_name: last })).toBeNull();

    await field('zip_code').fill('35209');
    await page.getByRole('button', { name: 'Create client' }).click();
    await page.getByRole('heading', { name: `Nora ${last}` }).waitFor();
    const saved = await client({ last_name: last });
    expect(saved).toMatchObject({
      first_name: 'Nora',
      zip_code: '35209',
      city: 'Homewood',
      is_active: true,
    });
    id = String(saved?.client_id);
    expect(page.url()).toContain(`#/clients/${id}`);
    await page.screenshot({ path: screenshotPath('records-client-details') });
  });

  it('finds the client as you type, among the demo clients', async () => {
    await page.goto(world.url('/clients'));
    const all = await world.db
      .collection('clients')
      .countDocuments({ business_id: business, deleted_at: null });
    await expect.poll(resultCount).toBe(`${all.toLocaleString('en-US')} clients`);
    // Names and phone numbers: no spelling squiggles, no browser suggestions over the list.
    const box = page.getByRole('textbox', { name: 'Search' });
    await expect(box.getAttribute('spellcheck')).resolves.toBe('false');
    await expect(box.getAttribute('autocomplete')).resolves.toBe('off');
    const text = last.slice(0, 8).toLowerCase();
    await search(text);
    await expect.poll(resultCount).toBe('1 client');
    await gridRow(id).waitFor();
    // Its phone, typed as +1-205-555-0147, reads as every screen shows a number.
    await gridRow(id).getByText('+1 205-555-0147', { exact: true }).waitFor();
    // Once the typing pauses the address holds the search, so Back from the client finds it again.
    await expect.poll(() => page.url()).toContain(`q=${text}`);
    await gridRow(id).click();
    await page.getByRole('tab', { name: 'History' }).waitFor();
    await page.goBack();
    await expect.poll(resultCount).toBe('1 client');
    await expect(page.getByRole('textbox', { name: 'Search' }).inputValue()).resolves.toBe(text);
    await search('nobody-by-this-name');
    await expect.poll(resultCount).toBe('0 clients');
  });

  it('keeps the rows, with the loading bar, while a search is slow to answer', async () => {
    const slow = await world.signedInPage('dispatch@southern-lawn.example');
    try {
      // Answers to client searches are held back while `holding`, until released.
      let holding = true;
      const heldIds = new Set<number>();
      const held: Array<() => void> = [];
      const text = last.slice(0, 6).toLowerCase();
      await slow.context().routeWebSocket(/.*/, (socket) => {
        const server = socket.connectToServer();
        socket.onMessage((message) => {
          const request = /^\{"id":(\d+),"channel":"clients\.list"/.exec(String(message));
          if (holding && request && String(message).includes('"search":')) {
            heldIds.add(Number(request[1]));
          }
          server.send(message);
        });
        server.onMessage((message) => {
          const answer = /^\{"type":"result","id":(\d+)/.exec(String(message));
          if (answer && heldIds.has(Number(answer[1]))) held.push(() => socket.send(message));
          else socket.send(message);
        });
      });
      // A new connection, through the route (the session is resumed).
      await slow.reload();
      await slow.getByTestId('signed-in-as').waitFor();
      await slow.goto(world.url('/clients'));
      const count = slow.getByTestId('result-count');
      await expect.poll(() => count.textContent()).toMatch(/^[\d,]+ clients$/);
      const before = await count.textContent();
      await slow.getByRole('textbox', { name: 'Search' }).pressSequentially(text, { delay: 20 });
      await expect.poll(() => held.length).toBeGreaterThan(0);
      // The loading bar over the rows still shown, and the count still theirs.
      await slow.getByRole('progressbar', { name: 'Loading clients' }).waitFor();
      expect(await count.textContent()).toBe(before);
      expect(await slow.locator('.record-row').count()).toBeGreaterThan(1);
      holding = false;
      for (const release of held.splice(0)) release();
      await expect.poll(() => count.textContent()).toBe('1 client');
      await slow.locator(`.record-row[data-id="${id}"]`).waitFor();
      await expect(
        slow.getByRole('progressbar', { name: 'Loading clients' }).count(),
      ).resolves.toBe(0);
    } finally {
      await slow.context().close();
    }
  });

  it('edits the phone, sending only that change, and the History tab says so', async () => {
    await page.goto(world.url('/clients'));
    await search(last);
    await gridRow(id).click();
    await page.getByRole('heading', { name: `Nora ${last}` }).waitFor();
    const before = await client({ client_id: id });
    await field('phone').fill('+1-205-555-0199');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(async () => (await client({ client_id: id }))?.phone).toBe('+1-205-555-0199');
    const after = await client({ client_id: id });
    expect(after?.version).toBe((before?.version ?? 0) + 1);
    expect((after?.audit_log as { changes?: object }[]).at(-1)?.changes).toEqual({
      phone: { before: '+1-205-555-0147', after: '+1-205-555-0199' },
    });

    await page.getByRole('tab', { name: 'History' }).click();
    await page
      .getByTestId('history')
      .getByText('You changed the phone from +1 205-555-0147 to +1 205-555-0199.')
      .waitFor();
    await page.getByTestId('history').getByText('You created the client.').waitFor();
    await page.screenshot({ path: screenshotPath('records-client-history') });
  });

  it('deletes the client after a confirm, then restores it from "Show deleted"', async () => {
    await page.goto(world.url(`/clients/${id}`));
    await page.getByRole('button', { name: 'Delete' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete this client?' });
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('heading', { name: 'Clients', level: 1, exact: true }).waitFor();
    await expect
      .poll(async () => (await client({ client_id: id }))?.deleted_at)
      .toBeInstanceOf(Date);

    await search(last);
    await expect.poll(resultCount).toBe('0 clients');
    await showDeleted(true);
    await expect.poll(resultCount).toBe('1 client');
    await gridRow(id).getByText('Deleted').waitFor();
    await gridRow(id).click();
    await page.getByRole('button', { name: 'Restore' }).click();
    await expect.poll(async () => (await client({ client_id: id }))?.deleted_at).toBeNull();
    await expect.poll(() => field('phone').isDisabled()).toBe(false);

    await page.getByRole('link', { name: 'Back to clients' }).click();
    await showDeleted(false);
    await search(last);
    await expect.poll(resultCount).toBe('1 client');
    await gridRow(id).waitFor();
    await expect(gridRow(id).getByText('Deleted').count()).resolves.toBe(0);
  });

  it("shows a client's job history with its totals", async () => {
    const regular = await client({ job_count: { $gt: 1 }, deleted_at: null });
    if (!regular) throw new Error('the demo data has no client with jobs');
    const jobs = await world.db
      .collection('appointments')
      .countDocuments({ business_id: business, client_id: regular.client_id });
    await page.goto(world.url(`/clients/${String(regular.client_id)}`));
    await page.getByRole('tab', { name: 'Jobs' }).click();
    await expect
      .poll(() => page.getByTestId('job-totals').textContent())
      .toContain(`${jobs} jobs in all · ${String(regular.job_count)} completed`);
    // Each job's status reads as it does on the board and in the job dialog.
    const chip = (text: RegExp) =>
      page.getByRole('cell').locator('.MuiChip-label', { hasText: text });
    await chip(/^Completed$/)
      .first()
      .waitFor();
    await expect(chip(/^(completed|scheduled|canceled|in progress)$/).count()).resolves.toBe(0);
  });
});

describe('services', () => {
  const name = `Hedge sculpting ${tag}`;
  let id = '';

  it('creates a service, asking for the missing price on its field', async () => {
    await page.goto(world.url('/services/new'));
    await field('name').fill(name);
    await field('default_duration_minutes').fill('90');
    await page.getByRole('button', { name: 'Create service' }).click();
    await expect.poll(() => helper('default_price').textContent()).toBe('Required');
    await field('default_price').fill('120');
    await page.getByRole('button', { name: 'Create service' }).click();
    await page.getByRole('heading', { name }).waitFor();
    const saved = await service({ name });
    expect(saved).toMatchObject({
      default_price: 120,
      default_duration_minutes: 90,
      category: 'maintenance',
      minimum_staff_count: 1,
      vertical: 'lawn_care',
    });
    id = String(saved?.service_id);
  });

  it('finds it as you type and edits its price; History reads the change', async () => {
    await page.goto(world.url('/services'));
    await search(`sculpting ${tag}`);
    await expect.poll(resultCount).toBe('1 service');
    await gridRow(id).click();
    await field('default_price').fill('135.5');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(async () => (await service({ service_id: id }))?.default_price).toBe(135.5);
    await page.getByRole('tab', { name: 'History' }).click();
    await page
      .getByTestId('history')
      .getByText('You changed the price from $120.00 to $135.50.')
      .waitFor();
  });

  it('deletes it after a confirm and restores it from "Show deleted"', async () => {
    await page.goto(world.url(`/services/${id}`));
    await page.getByRole('button', { name: 'Delete' }).click();
    await page
      .getByRole('dialog', { name: 'Delete this service?' })
      .getByRole('button', { name: 'Delete' })
      .click();
    await expect
      .poll(async () => (await service({ service_id: id }))?.deleted_at)
      .toBeInstanceOf(Date);
    await search(`sculpting ${tag}`);
    await expect.poll(resultCount).toBe('0 services');
    await showDeleted(true);
    await gridRow(id).click();
    await page.getByRole('button', { name: 'Restore' }).click();
    await expect.poll(async () => (await service({ service_id: id }))?.deleted_at).toBeNull();
    await page.getByRole('tab', { name: 'History' }).click();
    await page.getByTestId('history').getByText('You restored the service.').waitFor();
    await page.getByTestId('history').getByText('You deleted the service.').waitFor();
  });

  it('reorders services, saving sort_order for those that moved', async () => {
    const order = async () =>
      (
        await world.db
          .collection('services')
          .find({ business_id: business, deleted_at: null })
          .sort({ sort_order: 1, service_id: 1 })
          .toArray()
      ).map((s) => String(s.service_id));
    const before = await order();
    expect(before.at(-1)).toBe(id);
    await page.goto(world.url('/services'));
    await page.getByRole('button', { name: 'Reorder' }).click();
    const dialog = page.getByRole('dialog', { name: 'Order of services' });
    await dialog.getByRole('button', { name: `Move ${name} up` }).click();
    await dialog.getByRole('button', { name: `Move ${name} up` }).click();
    await dialog.getByRole('button', { name: 'Save order' }).click();
    await dialog.waitFor({ state: 'detached' });
    const expected = [...before.slice(0, -3), id, ...before.slice(-3, -1)];
    await expect.poll(order).toEqual(expected);
    // The list, sorted by its order, shows the moved service two rows higher.
    await expect
      .poll(() =>
        page
          .locator('.record-row')
          .evaluateAll((rows) =>
            rows.map((r) =>
              (r as unknown as { getAttribute(n: string): string | null }).getAttribute('data-id'),
            ),
          ),
      )
      .toEqual(expected.slice(0, 25));
    await page.screenshot({ path: screenshotPath('records-services-list') });
  });
});
