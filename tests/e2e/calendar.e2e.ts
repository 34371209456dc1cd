// The calendar page in Chromium: views, wall-clock times in the business's zone, drag, resize, refusals.
import bcrypt from 'bcryptjs';
import { MongoClient, type Document } from 'mongodb';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../../electron/core/demo/seed';
import { addDays, localDateOf, minutesOf } from '../../shared/time';
import { connection } from '../support/core';
import { DEMO_DISPATCHER } from '../support/demo';
import { startTestHost, type RunningHost } from '../support/host';
import { AppShell } from './pages/AppShell';
import { builtRendererDir, launchBrowser, screenshotPath } from './support/browser';
import { addStaff, bookJob } from './support/demo-host';

const DB_NAME = `e2e_calendar_${Date.now().toString(36)}`;
const BUSINESS = 'Southern Lawn Care Co';
/** The demo lawn business is in Birmingham, AL; the browser is not. */
const BUSINESS_ZONE = 'America/Chicago';
const BROWSER_ZONE = 'Asia/Tokyo';

let browser: Browser;
let running: RunningHost;
let client: MongoClient;
let page: Page;
let calendar: CalendarModel;
let businessId: string;
/** A weekday after today with scheduled jobs, and the Sunday-to-Saturday week around it. */
let day: string;
let week: { from: string; to: string };
/** A crew lead made for these tests, with one 9:00–10:00 job on `day`. */
let lead: { staff_id: string; first_name: string; last_name: string };
let ownJob: string;
let office: ReturnType<typeof connection>;

const today = localDateOf(new Date(), BUSINESS_ZONE);
const dateValue = (date: string) => new Date(`${date}T00:00:00Z`);

/** The Sunday-to-Saturday week of `date` (the calendar's weeks start on Sunday). */
function weekAround(date: string) {
  const from = addDays(date, -new Date(`${date}T12:00:00Z`).getUTCDay());
  return { from, to: addDays(from, 6) };
}

const appointments = () => client.db(DB_NAME).collection('appointments');

function jobsBetween(from: string, to: string, extra: Document = {}) {
  return appointments()
    .find({
      business_id: businessId,
      scheduled_date: { $gte: dateValue(from), $lte: dateValue(to) },
      deleted_at: null,
      ...extra,
    })
    .toArray();
}

async function clientName(clientId: string): Promise<string> {
  const found = await client.db(DB_NAME).collection('clients').findOne({ client_id: clientId });
  return `${String(found?.first_name)} ${String(found?.last_name)}`;
}

/** Puts our own job at `start`–`end` on `day` through the core, so each test starts from a known place. */
async function placeOwnJob(start: string, end: string): Promise<void> {
  const job = await appointments().findOne({ appointment_id: ownJob });
  await office.value('board.move', {
    appointment_id: ownJob,
    version: job?.version,
    scheduled_date: day,
    start,
    end,
    staff_ids: [lead.staff_id],
    override_warnings: true,
  });
}

/** Page model of the calendar: its toolbar, events and time grid. */
class CalendarModel {
  constructor(readonly page: Page) {}

  get title(): Locator {
    return this.page.getByTestId('calendar-title');
  }

  /** The events on screen (month view also renders hidden copies to measure them). */
  get events(): Locator {
    return this.page.locator('main [data-appointment-id]').filter({ visible: true });
  }

  event(appointmentId: string): Locator {
    return this.page.locator(`main [data-appointment-id="${appointmentId}"]`);
  }

  async open(query: string): Promise<void> {
    await this.page.goto(`${running.host.origin}/#/calendar?${query}`);
    const params = new URLSearchParams(query);
    await this.settled(params.get('view') ?? 'week', params.get('date') ?? today);
  }

  /** Waits until the page shows `view` around `date` and has nothing left to load. */
  async settled(view?: string, date?: string): Promise<void> {
    const shown = [view && `[data-view="${view}"]`, date && `[data-date="${date}"]`].join('');
    await this.page.locator(`main section${shown}[aria-busy="false"]`).waitFor();
  }

  /** Where a time ('HH:mm', on the half hour) starts on the time grid, in page pixels. */
  async timeY(time: string): Promise<number> {
    const box = await this.page.locator(`main [data-time="${time}:00"]`).last().boundingBox();
    if (!box) throw new Error(`no ${time} row on screen`);
    return box.y;
  }

  /** Page pixels per minute on the time grid. */
  async pixelsPerMinute(): Promise<number> {
    return ((await this.timeY('10:00')) - (await this.timeY('09:00'))) / 60;
  }

  /** The time an event shows first ("9:00", "11:30"). */
  async shownStart(appointmentId: string): Promise<string> {
    const text = (await this.event(appointmentId).innerText()).trim();
    return text.split(/\s|–|am|pm/)[0] ?? '';
  }

  /** A real mouse drag: press, move in steps, release. */
  async drag(from: { x: number; y: number }, dx: number, dy: number): Promise<void> {
    await this.page.mouse.move(from.x, from.y);
    await this.page.mouse.down();
    for (let i = 1; i <= 12; i++) {
      await this.page.mouse.move(from.x + (dx * i) / 12, from.y + (dy * i) / 12);
    }
    await this.page.mouse.up();
  }

  /**
   * Drags an event (start–end, 'HH:mm') `minutes` later (earlier when negative) in a time grid.
   * FullCalendar moves the grab point to the middle of the part of the event inside the grabbed
   * half-hour row, so the pointer goes where that point lands mid-way into the target quarter hour.
   */
  async dragEvent(appointmentId: string, start: string, end: string, minutes: number) {
    const box = await this.box(appointmentId);
    const perMinute = await this.pixelsPerMinute();
    const grab = minutesOf(start) + 7.5;
    const rowStart = Math.floor(grab / 30) * 30;
    const inRow = Math.min(rowStart + 30, minutesOf(end)) - minutesOf(start);
    const shift = inRow / 2 - 7.5;
    await this.drag(
      { x: box.x + box.width / 2, y: box.y + 7.5 * perMinute },
      0,
      (minutes - shift) * perMinute,
    );
  }

  async box(appointmentId: string) {
    const box = await this.event(appointmentId).boundingBox();
    if (!box) throw new Error(`event ${appointmentId} is not on screen`);
    return box;
  }
}

async function signedInPage(options: Parameters<Browser['newContext']>[0]): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 900 }, ...options });
  const tab = await context.newPage();
  await new AppShell(tab).openSignedIn(running.host.url, DEMO_DISPATCHER);
  return tab;
}

beforeAll(async () => {
  client = new MongoClient(inject('mongoUri'));
  await seedDemo(client.db(DB_NAME), {
    now: new Date(),
    passwordHash: bcrypt.hashSync(DEMO_PASSWORD, 4),
  });
  running = await startTestHost(builtRendererDir(), { databaseName: DB_NAME });
  const business = await client.db(DB_NAME).collection('businesses').findOne({ name: BUSINESS });
  businessId = String(business?.business_id);
  const [next] = await appointments()
    .find({
      business_id: businessId,
      scheduled_date: { $gt: dateValue(today) },
      status: 'scheduled',
    })
    .sort({ scheduled_date: 1 })
    .limit(1)
    .toArray();
  day = (next?.scheduled_date as Date).toISOString().slice(0, 10);
  week = weekAround(day);

  // A crew lead of our own, free all day, with one job at 9:00 on `day`, booked through the core.
  office = connection(running.core);
  await office.value('auth.signIn', DEMO_DISPATCHER);
  lead = {
    staff_id: await addStaff(office, { first: 'Zed', last: 'Zimmerman' }),
    first_name: 'Zed',
    last_name: 'Zimmerman',
  };
  ownJob = await bookJob(office, { day, start: '09:00', end: '10:00', staff: [lead.staff_id] });

  browser = await launchBrowser();
  page = await signedInPage({ timezoneId: BROWSER_ZONE });
  calendar = new CalendarModel(page);
});

afterAll(async () => {
  await browser?.close();
  await running?.close();
  await client.db(DB_NAME).dropDatabase();
  await client.close();
});

describe('calendar in Chromium', () => {
  it('shows every job of the week in week view, and the URL keeps the week over a reload', async () => {
    await calendar.open(`view=week&date=${day}`);
    const jobs = await jobsBetween(week.from, week.to);
    expect(jobs.length).toBeGreaterThan(0);
    await expect.poll(() => calendar.events.count()).toBe(jobs.length);
    const sample = jobs.find((j) => j.appointment_id === ownJob);
    await expect(calendar.event(ownJob).innerText()).resolves.toContain(
      `${await clientName(String(sample?.client_id))} · `,
    );
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Calendar');
    await page.screenshot({ path: screenshotPath('calendar-week') });

    const title = await calendar.title.innerText();
    await page.getByRole('button', { name: 'Next week' }).click();
    await expect.poll(() => calendar.title.innerText()).not.toBe(title);
    expect(page.url()).toContain(`date=${addDays(day, 7)}`);
    await page.reload();
    await calendar.settled('week', addDays(day, 7));
    await expect(calendar.title.innerText()).resolves.not.toBe(title);
    await page.getByRole('button', { name: 'Previous week' }).click();
    await expect.poll(() => calendar.title.innerText()).toBe(title);
  });

  it('shows the month: every job is on its day or counted in the day\'s "+N more"', async () => {
    await calendar.open(`view=week&date=${day}`);
    await page.getByRole('button', { name: 'Month', exact: true }).click();
    await expect.poll(() => page.url()).toContain('view=month');
    const monthName = new Date(`${day}T12:00:00Z`).toLocaleDateString('en-US', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    await expect.poll(() => calendar.title.innerText()).toBe(monthName);
    await calendar.settled('month', day);
    // Six whole weeks from the Sunday on or before the 1st.
    const first = `${day.slice(0, 7)}-01`;
    const from = weekAround(first).from;
    const jobs = await jobsBetween(from, addDays(from, 41));
    const shown = async () => {
      const more = await page
        .locator('main [role="button"]')
        .filter({ hasText: /^\+\d+ more$/, visible: true })
        .allInnerTexts();
      return (
        (await calendar.events.count()) + more.reduce((n, t) => n + Number(t.replace(/\D/g, '')), 0)
      );
    };
    await expect.poll(shown).toBe(jobs.length);
    await page.screenshot({ path: screenshotPath('calendar-month') });
    await page.reload();
    await calendar.settled('month', day);
    await expect(calendar.title.innerText()).resolves.toBe(monthName);
  });

  it('lists the week, hides canceled jobs on request, and colours by crew or status', async () => {
    await placeOwnJob('09:00', '10:00');
    await calendar.open(`view=list&date=${day}`);
    const jobs = await jobsBetween(week.from, week.to);
    await expect.poll(() => calendar.events.count()).toBe(jobs.length);
    await expect(calendar.event(ownJob).innerText()).resolves.toMatch(/^9:00/);
    await page.screenshot({ path: screenshotPath('calendar-list') });

    const showCanceled = page.getByRole('switch', { name: 'Show canceled' });
    await showCanceled.uncheck();
    const history = jobs.filter((j) => j.status === 'canceled' || j.status === 'rescheduled');
    await expect.poll(() => calendar.events.count()).toBe(jobs.length - history.length);
    await showCanceled.check();
    await expect.poll(() => calendar.events.count()).toBe(jobs.length);

    const colours = async () =>
      new Set(
        await calendar.events.evaluateAll((els) =>
          els.map((el) =>
            (
              el as unknown as { style: { getPropertyValue(name: string): string } }
            ).style.getPropertyValue('--fc-event-color'),
          ),
        ),
      );
    const legend = page.getByTestId('calendar-legend');
    await expect(legend.innerText()).resolves.toContain("Zed Zimmerman's crew");
    expect((await colours()).size).toBeGreaterThan(1);
    await page.getByRole('button', { name: 'By status' }).click();
    const statuses = new Set(jobs.map((j) => String(j.status)));
    await expect.poll(async () => (await colours()).size).toBe(statuses.size);
    await expect(legend.innerText()).resolves.toContain('Scheduled');
    // The choice is remembered.
    await page.reload();
    await calendar.settled('list', day);
    await expect(
      page.getByRole('button', { name: 'By status' }).getAttribute('aria-pressed'),
    ).resolves.toBe('true');
    await expect(legend.innerText()).resolves.not.toContain("Zed Zimmerman's crew");
    await page.getByRole('button', { name: 'By crew' }).click();
    await expect.poll(() => legend.innerText()).toContain("Zed Zimmerman's crew");
  });

  it("shows a 9:00 job at 9:00 in the business's zone when the computer is in Tokyo", async () => {
    await placeOwnJob('09:00', '10:00');
    await expect(
      page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone),
    ).resolves.toBe(BROWSER_ZONE);
    await calendar.open(`view=day&date=${day}`);
    await calendar.event(ownJob).waitFor();
    await expect(calendar.shownStart(ownJob)).resolves.toBe('9:00');
    const box = await calendar.box(ownJob);
    // On its own day, not the next one (9:00 in Birmingham is midnight in Tokyo).
    const column = await page
      .locator(`main [role="cell"][data-date="${day}"]`)
      .last()
      .boundingBox();
    expect(column).not.toBeNull();
    expect(box.x).toBeGreaterThanOrEqual(column?.x ?? Infinity);
    expect(box.x + box.width).toBeLessThanOrEqual((column?.x ?? 0) + (column?.width ?? 0) + 1);
    expect(Math.abs(box.y - (await calendar.timeY('09:00')))).toBeLessThan(3);
    const hour = (await calendar.timeY('10:00')) - (await calendar.timeY('09:00'));
    expect(Math.abs(box.height - hour)).toBeLessThan(4);
    await page.screenshot({ path: screenshotPath('calendar-day-tokyo') });
  });

  it('drags a job to 11:00 in week view: saved, and still there after a reload', async () => {
    await placeOwnJob('09:00', '10:00');
    await calendar.open(`view=week&date=${day}`);
    await calendar.event(ownJob).waitFor();
    await calendar.dragEvent(ownJob, '09:00', '10:00', 120);
    await expect
      .poll(async () => {
        const job = await appointments().findOne({ appointment_id: ownJob });
        return [
          job?.scheduled_start_time,
          job?.scheduled_end_time,
          dateValue(day).getTime() === (job?.scheduled_date as Date).getTime(),
        ];
      })
      .toEqual(['11:00', '12:00', true]);
    await page.reload();
    await calendar.settled('week', day);
    await calendar.event(ownJob).waitFor();
    await expect(calendar.shownStart(ownJob)).resolves.toBe('11:00');
    const moved = await calendar.box(ownJob);
    expect(Math.abs(moved.y - (await calendar.timeY('11:00')))).toBeLessThan(3);
  });

  it("resizes a job's end: the new end time is saved", async () => {
    await placeOwnJob('11:00', '12:00');
    await calendar.open(`view=week&date=${day}`);
    await calendar.event(ownJob).waitFor();
    const box = await calendar.box(ownJob);
    const halfHour = (await calendar.pixelsPerMinute()) * 30;
    // Hovering shows the resize handle along the bottom edge.
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await calendar.drag({ x: box.x + box.width / 2, y: box.y + box.height - 2 }, 0, halfHour);
    await expect
      .poll(async () => {
        const job = await appointments().findOne({ appointment_id: ownJob });
        return [job?.scheduled_start_time, job?.scheduled_end_time];
      })
      .toEqual(['11:00', '12:30']);
    await expect.poll(() => calendar.event(ownJob).innerText()).toContain('12:30');
  });

  it('asks before moving a job past closing time, and moves it on "Move anyway"', async () => {
    await placeOwnJob('11:00', '12:30');
    await calendar.open(`view=week&date=${day}`);
    await calendar.event(ownJob).waitFor();
    await calendar.dragEvent(ownJob, '11:00', '12:30', 390);
    const dialog = page.getByRole('dialog', { name: 'Move this job anyway?' });
    await dialog.waitFor();
    await expect(dialog.innerText()).resolves.toContain('outside business hours');
    // Not saved yet: the job waits at 11:00 until the dispatcher decides.
    await expect.poll(() => calendar.shownStart(ownJob)).toBe('11:00');
    await expect(appointments().findOne({ appointment_id: ownJob })).resolves.toMatchObject({
      scheduled_start_time: '11:00',
    });
    await dialog.getByRole('button', { name: 'Move anyway' }).click();
    await expect
      .poll(async () => {
        const job = await appointments().findOne({ appointment_id: ownJob });
        return [job?.scheduled_start_time, job?.scheduled_end_time];
      })
      .toEqual(['17:30', '19:00']);
    await expect.poll(() => calendar.shownStart(ownJob)).toBe('5:30');
  });

  it("refuses a drag onto the crew's other job: the job snaps back and the reason is shown", async () => {
    // From the database: two scheduled jobs of one crew lead that day, the second after the first.
    const leads = new Set(
      (
        await client
          .db(DB_NAME)
          .collection('staff')
          .find({ business_id: businessId, role: 'crew_lead' })
          .toArray()
      ).map((s) => String(s.staff_id)),
    );
    const jobs = (await jobsBetween(day, day, { status: 'scheduled' })).filter(
      (j) => j.appointment_id !== ownJob,
    );
    let pair: [Document, Document] | undefined;
    for (const a of jobs) {
      const crew = (a.assigned_staff_ids as string[]).find((id) => leads.has(id));
      const b = jobs.find(
        (j) =>
          j !== a &&
          crew !== undefined &&
          (j.assigned_staff_ids as string[]).includes(crew) &&
          minutesOf(String(j.scheduled_start_time)) >= minutesOf(String(a.scheduled_end_time)) + 60,
      );
      if (b) {
        pair = [a, b];
        break;
      }
    }
    if (!pair) throw new Error(`no crew has two jobs on ${day}`);
    const [job, other] = pair;
    const id = String(job.appointment_id);

    await calendar.open(`view=week&date=${day}`);
    await calendar.event(id).waitFor();
    const before = await calendar.box(id);
    const shownBefore = await calendar.shownStart(id);
    const minutes =
      minutesOf(String(other.scheduled_start_time)) - minutesOf(String(job.scheduled_start_time));
    await calendar.dragEvent(
      id,
      String(job.scheduled_start_time),
      String(job.scheduled_end_time),
      minutes,
    );
    const refused = page.getByTestId('move-refused');
    await refused.waitFor();
    await expect(refused.innerText()).resolves.toContain(await clientName(String(other.client_id)));
    await expect.poll(() => calendar.shownStart(id)).toBe(shownBefore);
    const after = await calendar.box(id);
    expect(Math.abs(after.y - before.y)).toBeLessThan(3);
    await expect(appointments().findOne({ appointment_id: id })).resolves.toMatchObject({
      scheduled_start_time: job.scheduled_start_time,
      scheduled_end_time: job.scheduled_end_time,
      version: job.version,
    });
    await page.screenshot({ path: screenshotPath('calendar-refused-drag') });
  });

  it('opens a job when clicked, and a new job at the time picked on the grid', async () => {
    await placeOwnJob('09:00', '10:00');
    await calendar.open(`view=day&date=${day}`);
    await calendar.event(ownJob).click();
    const details = page.getByRole('dialog');
    await details.waitFor();
    const own = await appointments().findOne({ appointment_id: ownJob });
    const name = await clientName(String(own?.client_id));
    await expect.poll(() => details.innerText()).toContain(name);
    await page.keyboard.press('Escape');
    await details.waitFor({ state: 'detached' });

    // An empty half hour after the day's work: 7:00 PM in Birmingham, whatever the computer's zone.
    const column = await page
      .locator(`main [role="cell"][data-date="${day}"]`)
      .last()
      .boundingBox();
    if (!column) throw new Error('day column not on screen');
    const y = (await calendar.timeY('19:00')) + 5;
    await page.mouse.click(column.x + column.width - 10, y);
    const form = page.getByRole('dialog', { name: 'New job' });
    await form.waitFor();
    await expect(form.getByLabel(/^Day\b/).inputValue()).resolves.toBe(day);
    await expect(form.getByLabel(/^Start\b/).inputValue()).resolves.toBe('19:00');
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'detached' });
  });

  it('filters by crew member, and says how to add a job to an empty week', async () => {
    await calendar.open(`view=week&date=${day}`);
    await page.getByLabel('Crew member').click();
    await page.getByRole('option', { name: 'Zed Zimmerman (crew lead)' }).click();
    await expect.poll(() => page.url()).toContain(`staff=${lead.staff_id}`);
    await expect.poll(() => calendar.events.count()).toBe(1);
    await calendar.event(ownJob).waitFor();
    const all = await jobsBetween(week.from, week.to);
    await expect(page.getByTestId('calendar-hidden').innerText()).resolves.toBe(
      `${all.length - 1} jobs hidden by the filters`,
    );

    const empty = addDays(today, 400);
    expect(await jobsBetween(weekAround(empty).from, weekAround(empty).to)).toHaveLength(0);
    await calendar.open(`view=week&date=${empty}`);
    const status = page.getByRole('status').filter({ hasText: 'No jobs booked for' });
    await status.waitFor();
    await expect(status.innerText()).resolves.toContain('New job');
    await expect(calendar.events.count()).resolves.toBe(0);
    await page.screenshot({ path: screenshotPath('calendar-empty-week') });
  });

  it('follows the dark colour scheme', async () => {
    /** The calendar's background brightness, 0 (black) to 255 (white). */
    const brightness = () =>
      page.locator('.sp-calendar').evaluate((el) => {
        const view = el.ownerDocument.defaultView as unknown as {
          getComputedStyle(e: unknown): { backgroundColor: string };
        };
        const [r = 0, g = 0, b = 0] = (
          view.getComputedStyle(el).backgroundColor.match(/\d+/g) ?? []
        ).map(Number);
        return (r + g + b) / 3;
      });
    await calendar.open(`view=week&date=${day}`);
    await calendar.event(ownJob).waitFor();
    expect(await brightness()).toBeGreaterThan(200);
    // The app follows the system's scheme; switch it as the OS would.
    await page.emulateMedia({ colorScheme: 'dark' });
    try {
      await expect.poll(brightness).toBeLessThan(60);
      await page.screenshot({ path: screenshotPath('calendar-week-dark') });
    } finally {
      await page.emulateMedia({ colorScheme: 'light' });
    }
  });
});
