// The job dialogs in Chromium: creating a job and a weekly series from the New job dialog, a clash
// that keeps the form, editing "this and following", starting and completing with a photo from
// disk, canceling with a reason and rescheduling — each checked in the database afterwards.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDateOf, weekdayName } from '../../shared/time';
import { screenshotPath } from './support/browser';
import { addStaff, demoHost } from './support/demo-host';

const world = demoHost('jobs');
let page: Page;
let office: Awaited<ReturnType<typeof world.office>>;
/** A Tuesday five weeks out, past the demo's jobs and clear of holidays for four weeks. */
let day: string;
let lead: string;
let files: string;

/** A 1×1 PNG: a real image the core's type check and the browser's decoder both accept. */
const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

interface Apt {
  appointment_id: string;
  client_id: string;
  service_id: string;
  scheduled_date: Date;
  scheduled_start_time: string;
  scheduled_end_time: string;
  assigned_staff_ids: string[];
  assigned_equipment_ids: string[];
  status: string;
  service_price: number;
  custom_price: number | null;
  discount: number;
  total_price: number;
  notes: string | null;
  series_id: string | null;
  amount_charged: number | null;
  completion_photos: string[];
  cancellation_reason: string | null;
  rescheduled_from_appointment_id: string | null;
  was_rescheduled_due_to_weather: boolean;
}
interface Client {
  client_id: string;
  first_name: string;
  last_name: string;
  address: string;
}
interface Service {
  service_id: string;
  name: string;
  default_price: number;
  default_duration_minutes: number;
  requires_equipment_ids: string[];
}

const appointments = () => world.db.collection<Apt>('appointments');
const saved = async (id: string) =>
  (await appointments().findOne({ appointment_id: id })) as unknown as Apt;
const dayValue = (date: string) => new Date(`${date}T00:00:00Z`);

let clients: Client[];
let services: Service[];
const service = (name: string) => {
  const found = services.find((s) => s.name === name);
  if (!found) throw new Error(`no service ${name}`);
  return found;
};

beforeAll(async () => {
  office = await world.office();
  const business = await world.lawnId();
  // A crew lead of our own who works 6:00–20:00 every day and has no jobs yet.
  lead = await addStaff(office, { first: 'Jobs', last: 'Aardvark' });
  clients = (await world.db
    .collection('clients')
    .find({ business_id: business, is_active: true, deleted_at: null })
    .sort({ last_name: 1, first_name: 1 })
    .toArray()) as unknown as Client[];
  services = (await world.db
    .collection('services')
    .find({ business_id: business })
    .toArray()) as unknown as Service[];

  const closures = await world.db
    .collection('availability')
    .find({ business_id: business, staff_id: null })
    .toArray();
  const closed = (date: string) =>
    closures.some(
      (c) =>
        (c.date_from as Date).getTime() <= dayValue(date).getTime() &&
        dayValue(date).getTime() <= (c.date_to as Date).getTime(),
    );
  day = addDays(localDateOf(new Date(), 'America/Chicago'), 35);
  while (weekdayName(day) !== 'tuesday') day = addDays(day, 1);
  while ([0, 1, 2, 7, 14, 21].some((n) => closed(addDays(day, n)))) day = addDays(day, 7);

  files = mkdtempSync(join(tmpdir(), 'jobs-e2e-'));
  writeFileSync(join(files, 'front-yard.png'), TINY_PNG);
  // Over the 8 MB limit: refused in the dialog before anything is sent.
  writeFileSync(
    join(files, 'huge.png'),
    Buffer.concat([TINY_PNG, Buffer.alloc(9 * 1024 * 1024 - TINY_PNG.length)]),
  );

  page = await world.signedInPage('dispatch@southern-lawn.example');
  page.setDefaultTimeout(15_000);
});
afterAll(() => {
  if (files) rmSync(files, { recursive: true, force: true });
});

// ---------- the dialogs, as a dispatcher uses them ----------

const dialog = (name: string | RegExp) => page.getByRole('dialog', { name });
const snackbar = (text: string) => page.getByTestId('job-snackbar').filter({ hasText: text });

async function openBoard(date: string) {
  await page.goto(world.url(`/board?date=${date}`));
  await page.getByTestId('lane').first().waitFor();
}

async function chooseClient(form: Locator, client: Client) {
  const input = form.getByRole('combobox', { name: 'Client' });
  // Two words from different fields: the name and the house number of the address.
  await input.fill(`${client.last_name} ${client.address.split(' ')[0]}`);
  await page
    .getByTestId('client-option')
    .filter({ hasText: `${client.first_name} ${client.last_name}` })
    .filter({ hasText: client.address })
    .click();
}

async function chooseService(form: Locator, name: string) {
  await form.getByRole('combobox', { name: /^Service/ }).click();
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await page.getByRole('option', { name: new RegExp(`^${escaped} —`) }).click();
}

async function chooseCrew(form: Locator, name: string) {
  await form.getByRole('combobox', { name: 'Crew' }).fill(name.split(' ')[1] ?? name);
  await page.getByRole('option', { name }).click();
  await form.getByRole('button', { name }).waitFor();
}

/** A field by its label; required fields' labels end in an asterisk. */
const field = (form: Locator, label: string) => form.getByLabel(new RegExp(`^${label}(\\s*\\*)?$`));

async function newJob(): Promise<Locator> {
  await page.getByTestId('new-job').click();
  const form = dialog('New job').getByTestId('job-form');
  await form.waitFor();
  return form;
}

async function openJobCard(date: string, id: string): Promise<Locator> {
  await openBoard(date);
  await page.locator(`[data-testid="lane"] [data-appointment-id="${id}"]`).first().click();
  const job = page.getByTestId('job-dialog');
  await job.getByTestId('job-status-chip').waitFor();
  return job;
}

const statusChip = (job: Locator) => job.getByTestId('job-status-chip');
/** A job card's status stripe (its left border) as [r, g, b]. */
const stripe = (card: Locator): Promise<number[]> =>
  card.evaluate((el) =>
    (el.ownerDocument.defaultView?.getComputedStyle(el).borderLeftColor.match(/\d+/g) ?? []).map(
      Number,
    ),
  );

describe('job dialogs in Chromium', () => {
  let single: string;
  let series: Apt[];
  let moved: string;

  it('creates a job for the unassigned queue: client search, the service fills price and length, custom price and discount make the total', async () => {
    const client = clients[3] as Client;
    const hedge = service('Hedge & Shrub Trimming');
    await openBoard(day);
    let form = await newJob();
    // Focus is on the first field, and Esc closes the dialog.
    await expect
      .poll(() =>
        form
          .getByRole('combobox', { name: 'Client' })
          .evaluate((el) => el === el.ownerDocument.activeElement),
      )
      .toBe(true);
    await page.keyboard.press('Escape');
    await dialog('New job').waitFor({ state: 'detached' });

    form = await newJob();
    await chooseClient(form, client);
    await expect(form.getByRole('combobox', { name: 'Client' }).inputValue()).resolves.toBe(
      `${client.first_name} ${client.last_name}`,
    );
    await chooseService(form, hedge.name);
    await expect(form.getByTestId('service-price').textContent()).resolves.toBe('$120.00');
    await expect(field(form, 'Day').inputValue()).resolves.toBe(day);
    await expect(field(form, 'Start').inputValue()).resolves.toBe('09:00');
    await expect(field(form, 'End').inputValue()).resolves.toBe('10:30');
    await expect(form.getByTestId('job-total').textContent()).resolves.toBe('$120.00');
    await field(form, 'Custom price').fill('110');
    await field(form, 'Discount').fill('15.50');
    await expect(form.getByTestId('job-total').textContent()).resolves.toBe('$94.50');
    await form.getByText('Nobody yet: the job waits in the unassigned queue.').waitFor();
    await form.getByRole('button', { name: 'Create job' }).click();
    await snackbar('Job created in the unassigned queue.').waitFor();
    await dialog('New job').waitFor({ state: 'detached' });

    const [job] = await appointments()
      .find({ client_id: client.client_id, scheduled_date: dayValue(day) })
      .toArray();
    expect(job).toMatchObject({
      service_id: hedge.service_id,
      scheduled_start_time: '09:00',
      scheduled_end_time: '10:30',
      assigned_staff_ids: [],
      assigned_equipment_ids: hedge.requires_equipment_ids,
      status: 'scheduled',
      service_price: 120,
      custom_price: 110,
      discount: 15.5,
      total_price: 94.5,
      series_id: null,
    });
    single = String(job?.appointment_id);
    await page
      .getByTestId('unassigned-queue')
      .locator(`[data-testid="queue-item"][data-appointment-id="${single}"]`)
      .waitFor();
  });

  it('creates a weekly series of 4 with a crew on a free slot', async () => {
    const client = clients[5] as Client;
    const fert = service('Fertilization & Weed Control');
    await openBoard(day);
    const form = await newJob();
    await chooseClient(form, client);
    await chooseService(form, fert.name);
    await field(form, 'Start').fill('13:00');
    await expect(field(form, 'End').inputValue()).resolves.toBe('13:30');
    await chooseCrew(form, 'Jobs Aardvark');
    await form.getByRole('combobox', { name: /^Repeat/ }).click();
    await page.getByRole('option', { name: 'Weekly' }).click();
    await form.getByRole('spinbutton', { name: 'Visits' }).fill('4');
    const preview = await form.getByTestId('repeat-preview').textContent();
    expect(preview).toMatch(/^4 visits, Tuesdays, \w{3} \d{1,2}( – | – )\w{3} \d{1,2}/);
    await page.screenshot({ path: screenshotPath('job-new-series') });
    await form.getByRole('button', { name: 'Create job' }).click();
    await snackbar('4 visits created.').waitFor();

    series = (await appointments()
      .find({ client_id: client.client_id, scheduled_date: { $gte: dayValue(day) } })
      .sort({ scheduled_date: 1 })
      .toArray()) as unknown as Apt[];
    expect(series.map((a) => a.scheduled_date.toISOString().slice(0, 10))).toEqual([
      day,
      addDays(day, 7),
      addDays(day, 14),
      addDays(day, 21),
    ]);
    const seriesId = series[0]?.series_id;
    expect(seriesId).toMatch(/^ser_/);
    for (const visit of series) {
      expect(visit).toMatchObject({
        series_id: seriesId,
        assigned_staff_ids: [lead],
        scheduled_start_time: '13:00',
        scheduled_end_time: '13:30',
        total_price: fert.default_price,
      });
    }
    // The first visit is on the crew lead's lane.
    await page
      .locator(
        `[data-testid="lane"][data-staff-id="${lead}"] [data-appointment-id="${series[0]?.appointment_id}"]`,
      )
      .waitFor();
  });

  it('refuses a clash with the reason naming the other job and keeps every field as typed', async () => {
    const client = clients[7] as Client;
    const booked = clients[5] as Client;
    await openBoard(day);
    const form = await newJob();
    await chooseClient(form, client);
    await chooseService(form, 'Fertilization & Weed Control');
    await field(form, 'Start').fill('13:15');
    await chooseCrew(form, 'Jobs Aardvark');
    await form.getByLabel('Notes').fill('Gate code 4321');
    await form.getByRole('button', { name: 'Create job' }).click();

    const refusal = form.getByTestId('job-refusal');
    await refusal.waitFor();
    await expect(refusal.getAttribute('data-overridable')).resolves.toBe('false');
    await expect(refusal.textContent()).resolves.toContain(booked.last_name);
    await page.screenshot({ path: screenshotPath('job-clash') });
    // Nothing was written, and nothing typed is lost.
    await expect(
      appointments().countDocuments({ client_id: client.client_id, scheduled_date: dayValue(day) }),
    ).resolves.toBe(0);
    await expect(form.getByRole('combobox', { name: 'Client' }).inputValue()).resolves.toBe(
      `${client.first_name} ${client.last_name}`,
    );
    await expect(field(form, 'Start').inputValue()).resolves.toBe('13:15');
    await expect(form.getByLabel('Notes').inputValue()).resolves.toBe('Gate code 4321');
    await form.getByRole('button', { name: 'Jobs Aardvark' }).waitFor();

    // A free time then saves the same form.
    await field(form, 'Start').fill('15:00');
    await form.getByRole('button', { name: 'Create job' }).click();
    await dialog('New job').waitFor({ state: 'detached' });
    await snackbar('Job created.').waitFor();
    const [job] = await appointments()
      .find({ client_id: client.client_id, scheduled_date: dayValue(day) })
      .toArray();
    expect(job).toMatchObject({
      scheduled_start_time: '15:00',
      assigned_staff_ids: [lead],
      notes: 'Gate code 4321',
    });
    moved = String(job?.appointment_id);
  });

  it('asks before booking outside business hours, and "Create anyway" books it with the override noted', async () => {
    const client = clients[9] as Client;
    const late = addDays(day, 2);
    await openBoard(late);
    const form = await newJob();
    await chooseClient(form, client);
    await chooseService(form, 'Lawn Consultation & Estimate');
    await field(form, 'Start').fill('18:00');
    await chooseCrew(form, 'Jobs Aardvark');
    await form.getByRole('button', { name: 'Create job' }).click();
    const warning = form.getByTestId('job-refusal');
    await warning.waitFor();
    await expect(warning.getAttribute('data-overridable')).resolves.toBe('true');
    await expect(
      appointments().countDocuments({
        client_id: client.client_id,
        scheduled_date: dayValue(late),
      }),
    ).resolves.toBe(0);
    await warning.getByRole('button', { name: 'Create anyway' }).click();
    await dialog('New job').waitFor({ state: 'detached' });
    await snackbar('Job created.').waitFor();
    const [job] = await appointments()
      .find({ client_id: client.client_id, scheduled_date: dayValue(late) })
      .toArray();
    expect(job).toMatchObject({ scheduled_start_time: '18:00', assigned_staff_ids: [lead] });
    const trail = (job as unknown as { audit_log: { note?: string }[] }).audit_log;
    expect(trail.some((e) => /overrid/i.test(e.note ?? ''))).toBe(true);
  });

  it('edits "this and following" of a series: the later visits change, the earlier one does not', async () => {
    const [first, second, third, fourth] = series;
    const job = await openJobCard(addDays(day, 7), String(second?.appointment_id));
    await job.getByTestId('job-series').waitFor();
    await job.getByRole('button', { name: 'Edit' }).click();
    const form = dialog('Edit job').getByTestId('job-form');
    await form.waitFor();
    await expect(field(form, 'Start').inputValue()).resolves.toBe('13:00');
    await field(form, 'Start').fill('14:00');
    await expect(field(form, 'End').inputValue()).resolves.toBe('14:30');
    await form.getByRole('radio', { name: 'This and following jobs' }).check();
    await form.getByRole('button', { name: 'Save changes' }).click();
    await snackbar('3 jobs of the series changed.').waitFor();

    const after = await Promise.all(
      [first, second, third, fourth].map((a) => saved(String(a?.appointment_id))),
    );
    expect(after.map((a) => a.scheduled_start_time)).toEqual(['13:00', '14:00', '14:00', '14:00']);
    expect(after.map((a) => a.scheduled_end_time)).toEqual(['13:30', '14:30', '14:30', '14:30']);
    // Back on the job, which shows its new time.
    const reopened = page.getByTestId('job-dialog');
    await reopened.getByTestId('job-when').filter({ hasText: '2:00 PM' }).waitFor();
    await reopened.getByRole('button', { name: 'Close' }).click();
    await reopened.waitFor({ state: 'detached' });
  });

  it('duplicates a job to next week, into the unassigned queue, and opens the copy from the snackbar', async () => {
    const last = series[3] as Apt;
    const job = await openJobCard(addDays(day, 21), last.appointment_id);
    await job.getByRole('button', { name: 'Duplicate' }).click();
    const form = job.getByTestId('duplicate-form');
    await expect(field(form, 'Day').inputValue()).resolves.toBe(addDays(day, 28));
    await expect(field(form, 'Start').inputValue()).resolves.toBe('14:00');
    await form.getByRole('button', { name: 'Duplicate' }).click();
    const notice = snackbar('Copied to');
    await notice.waitFor();
    const [copy] = await appointments()
      .find({ client_id: last.client_id, scheduled_date: dayValue(addDays(day, 28)) })
      .toArray();
    expect(copy).toMatchObject({
      service_id: last.service_id,
      scheduled_start_time: '14:00',
      scheduled_end_time: '14:30',
      assigned_staff_ids: [],
      total_price: last.total_price,
      series_id: null,
    });
    await notice.getByRole('button', { name: 'Open' }).click();
    await job.getByTestId('job-when').filter({ hasText: '2:00 PM' }).waitFor();
    await job.getByTestId('job-crew').filter({ hasText: 'unassigned queue' }).waitFor();
    await job.getByRole('button', { name: 'Close' }).click();
    await job.waitFor({ state: 'detached' });
  });

  it('starts and completes a job with the amount charged and a photo from disk, shown as a thumbnail', async () => {
    const id = String(series[0]?.appointment_id);
    const job = await openJobCard(day, id);
    await job.getByRole('button', { name: 'Start job' }).click();
    await snackbar('Job started.').waitFor();
    await job.getByTestId('job-status-chip').filter({ hasText: 'In progress' }).waitFor();
    await expect.poll(async () => (await saved(id)).status).toBe('in_progress');
    // "Start job" is gone; the keyboard focus went to the next step, not out of the dialog.
    await expect
      .poll(() =>
        job
          .getByRole('button', { name: 'Complete' })
          .evaluate(
            (el) =>
              el ===
              (el as unknown as { ownerDocument: { activeElement: unknown } }).ownerDocument
                .activeElement,
          ),
      )
      .toBe(true);
    // A started job cannot be edited or moved any more, only completed or canceled.
    await expect(job.getByRole('button', { name: 'Edit' }).count()).resolves.toBe(0);

    await job.getByRole('button', { name: 'Complete' }).click();
    const form = job.getByTestId('complete-form');
    await expect(field(form, 'Amount charged').inputValue()).resolves.toBe('65.00');
    await field(form, 'Amount charged').fill('70');
    await field(form, 'Completion notes').fill('Front and back lawn treated.');
    await form
      .getByTestId('photo-input')
      .setInputFiles([join(files, 'front-yard.png'), join(files, 'huge.png')]);
    const chosen = form.getByTestId('photo-file');
    await chosen
      .filter({ hasText: 'front-yard.png' })
      .and(page.locator('[data-status="ready"]'))
      .waitFor();
    const huge = chosen.filter({ hasText: 'huge.png' });
    await expect(huge.getByTestId('photo-error').textContent()).resolves.toMatch(
      /^Too large: 9\.0 MB; a photo may be at most 8 MB\.$/,
    );
    await form.getByRole('button', { name: 'Complete job' }).click();
    await snackbar('Job completed with 1 photo.').waitFor();

    const done = await saved(id);
    expect(done).toMatchObject({
      status: 'completed',
      amount_charged: 70,
      completion_notes: 'Front and back lawn treated.',
    });
    expect(done.completion_photos).toHaveLength(1);
    await statusChip(job).filter({ hasText: 'Completed' }).waitFor();
    await job.getByTestId('job-amount-charged').filter({ hasText: '$70.00' }).waitFor();
    const thumbnail = job.getByTestId('job-photo');
    await thumbnail.waitFor();
    await expect(thumbnail.getAttribute('alt')).resolves.toBe('front-yard.png');
    // Really decoded by the browser, not a broken image.
    await expect
      .poll(() =>
        thumbnail.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
      )
      .toBe(1);
    await expect(job.getByRole('button', { name: 'Add photos' }).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: screenshotPath('job-completed') });
    await job.getByRole('button', { name: 'Close' }).click();

    // Its card no longer moves, but is no dead button: it says why and still opens the job.
    const card = page.locator(`[data-testid="lane"] [data-appointment-id="${id}"]`).first();
    await expect(card.getAttribute('aria-disabled')).resolves.toBeNull();
    await expect(card.getAttribute('aria-label')).resolves.toContain(
      'Only scheduled jobs can be moved; this one opens its details.',
    );
    // Told apart from a scheduled job at a glance by its stripe, green against blue.
    const scheduled = page
      .locator('[data-testid="lane"] [data-testid="job-card"][data-status="scheduled"]')
      .first();
    const [done3, open3] = [await stripe(card), await stripe(scheduled)];
    expect(Math.hypot(...done3.map((c, i) => c - (open3[i] ?? 0)))).toBeGreaterThan(150);
    await card.click();
    await statusChip(job).filter({ hasText: 'Completed' }).waitFor();
    // Its history reads in sentences, as a record's History tab does, newest first.
    const history = (await job.getByTestId('history-entry').allTextContents()).join('\n');
    expect(history).toMatch(
      /You added a photo \(front-yard\.png\)\.[\s\S]*You marked the job completed[\s\S]*You marked the job in progress/,
    );
    await job.getByRole('button', { name: 'Close' }).click();
  });

  it('cancels a job only with a reason', async () => {
    await openBoard(day);
    await page.locator(`[data-testid="queue-item"][data-appointment-id="${single}"]`).click();
    const job = page.getByTestId('job-dialog');
    await statusChip(job).filter({ hasText: 'Scheduled' }).waitFor();
    await job.getByRole('button', { name: 'Cancel job' }).click();
    const form = job.getByTestId('cancel-form');
    await form.getByRole('button', { name: 'Cancel job' }).click();
    await form.getByText('Say why the job is canceled.').waitFor();
    expect((await saved(single)).status).toBe('scheduled');

    await form.getByRole('button', { name: 'Weather' }).click();
    await expect(field(form, 'Reason').inputValue()).resolves.toBe('Weather');
    await form.getByRole('button', { name: 'Cancel job' }).click();
    await snackbar('Job canceled.').waitFor();
    await statusChip(job).filter({ hasText: 'Canceled' }).waitFor();
    await job.getByTestId('job-cancel-reason').filter({ hasText: 'Weather' }).waitFor();
    expect(await saved(single)).toMatchObject({
      status: 'canceled',
      cancellation_reason: 'Weather',
    });
    await job.getByRole('button', { name: 'Close' }).click();
    await page
      .locator(`[data-testid="queue-item"][data-appointment-id="${single}"]`)
      .waitFor({ state: 'detached' });
  });

  it('reschedules a job into a new appointment linked to the old one, and opens it', async () => {
    const next = addDays(day, 1);
    const job = await openJobCard(day, moved);
    await job.getByRole('button', { name: 'Reschedule' }).click();
    const form = job.getByTestId('reschedule-form');
    await field(form, 'Day').fill(next);
    await field(form, 'Start').fill('10:00');
    await expect(field(form, 'End').inputValue()).resolves.toBe('10:30');
    await form.getByRole('checkbox', { name: 'Due to weather' }).check();
    await form.getByRole('button', { name: 'Reschedule' }).click();
    await snackbar('Rescheduled to').waitFor();

    const [replacement] = await appointments()
      .find({ rescheduled_from_appointment_id: moved })
      .toArray();
    expect(replacement).toMatchObject({
      scheduled_date: dayValue(next),
      scheduled_start_time: '10:00',
      scheduled_end_time: '10:30',
      assigned_staff_ids: [lead],
      status: 'scheduled',
      notes: 'Gate code 4321',
      was_rescheduled_due_to_weather: true,
    });
    expect((await saved(moved)).status).toBe('rescheduled');

    // The dialog now shows the new job, with a link back to the one it replaces.
    const link = job.getByTestId('job-rescheduled-from');
    await link.filter({ hasText: '(due to weather)' }).waitFor();
    await job.getByTestId('job-when').filter({ hasText: '10:00 AM' }).waitFor();
    await link.getByRole('button').click();
    await statusChip(job).filter({ hasText: 'Rescheduled' }).waitFor();
    await job.getByTestId('job-when').filter({ hasText: '3:00 PM' }).waitFor();
  });
});
