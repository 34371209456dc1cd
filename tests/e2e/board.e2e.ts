import bcrypt from 'bcryptjs';
import { MongoClient } from 'mongodb';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../../electron/core/demo/seed';
import { localDateOf } from '../../shared/time';
import { connection } from '../support/core';
import { DEMO_DISPATCHER } from '../support/demo';
import { startTestHost, type RunningHost } from '../support/host';
import { AppShell } from './pages/AppShell';
import { builtRendererDir, launchBrowser, screenshotPath } from './support/browser';
import { addStaff, bookJob } from './support/demo-host';

const DB_NAME = `e2e_board_${Date.now().toString(36)}`;
let browser: Browser;
let running: RunningHost;
let client: MongoClient;
let page: Page;
const today = localDateOf(new Date(), 'America/Chicago');

beforeAll(async () => {
  client = new MongoClient(inject('mongoUri'));
  await seedDemo(client.db(DB_NAME), {
    now: new Date(),
    passwordHash: bcrypt.hashSync(DEMO_PASSWORD, 4),
  });
  running = await startTestHost(builtRendererDir(), { databaseName: DB_NAME });
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1600, height: 900 } })).newPage();
  await new AppShell(page).openSignedIn(running.host.url, DEMO_DISPATCHER);
});
afterAll(async () => {
  await browser?.close();
  await running?.close();
  await client.db(DB_NAME).dropDatabase();
  await client.close();
});

/** The next day after today on which the demo lawn business has scheduled jobs (holidays have none). */
async function busyDay(): Promise<string> {
  const db = client.db(DB_NAME);
  const business = await db.collection('businesses').findOne({ name: 'Southern Lawn Care Co' });
  const [next] = await db
    .collection('appointments')
    .find({
      business_id: business?.business_id,
      scheduled_date: { $gt: new Date(`${today}T00:00:00Z`) },
      status: 'scheduled',
    })
    .sort({ scheduled_date: 1 })
    .limit(1)
    .toArray();
  return (next?.scheduled_date as Date).toISOString().slice(0, 10);
}

describe('dispatch board in Chromium', () => {
  it('shows one lane per crew member and every job of the day on the lanes', async () => {
    const day = await busyDay();
    await page.goto(`${running.host.origin}/#/board?date=${day}`);
    await page.getByTestId('lane').first().waitFor();
    const db = client.db(DB_NAME);
    const business = await db.collection('businesses').findOne({ name: 'Southern Lawn Care Co' });
    const jobs = await db
      .collection('appointments')
      .find({
        business_id: business?.business_id,
        scheduled_date: new Date(`${day}T00:00:00Z`),
        deleted_at: null,
      })
      .toArray();
    const placements = jobs.reduce((n, j) => n + (j.assigned_staff_ids as string[]).length, 0);
    expect(placements).toBeGreaterThan(0);
    const activeStaff = await db
      .collection('staff')
      .countDocuments({ business_id: business?.business_id, is_active: true, deleted_at: null });
    await expect(page.getByTestId('lane').count()).resolves.toBe(activeStaff);
    // Every placement is counted on its lane; lanes near the view draw all their cards (the far ones
    // draw theirs once scrolled near: board-large.e2e.ts).
    const lanes = await page.getByTestId('lane').evaluateAll((els) =>
      els.map((el) => ({
        jobs: Number(el.getAttribute('data-job-count')),
        shown: el.getAttribute('data-cards') === 'shown',
        cards: el.querySelectorAll('[data-testid="job-card"]').length,
      })),
    );
    expect(lanes.reduce((n, lane) => n + lane.jobs, 0)).toBe(placements);
    expect(lanes.filter((lane) => lane.shown).length).toBeGreaterThan(0);
    for (const lane of lanes) expect(lane.cards).toBe(lane.shown ? lane.jobs : 0);
    await page.screenshot({ path: screenshotPath('board-day') });
  });

  it('moves between days and refreshes when another dispatcher changes a job', async () => {
    const day = await busyDay();
    const [job] = await client
      .db(DB_NAME)
      .collection('appointments')
      .find({
        scheduled_date: new Date(`${day}T00:00:00Z`),
        status: 'scheduled',
        'assigned_staff_ids.0': { $exists: true },
      })
      .limit(1)
      .toArray();
    const id = String(job?.appointment_id);
    await page.goto(`${running.host.origin}/#/board?date=${day}`);
    const card = page.locator(`[data-appointment-id="${id}"]`).first();
    await card.waitFor();
    await page.getByRole('button', { name: 'Next day' }).click();
    await card.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Previous day' }).click();
    await card.waitFor();
    // The header counts the day's live jobs (canceled and rescheduled ones aside).
    const live = await client
      .db(DB_NAME)
      .collection('appointments')
      .countDocuments({
        business_id: job?.business_id,
        scheduled_date: new Date(`${day}T00:00:00Z`),
        deleted_at: null,
        status: { $nin: ['canceled', 'rescheduled'] },
      });
    const counts = page.getByTestId('board-counts');
    await expect.poll(() => counts.textContent()).toMatch(new RegExp(`^${live} jobs`));

    // Another desktop (a direct write to the shared database) cancels a job: the card fades, no reload.
    const db = client.db(DB_NAME);
    await db.collection('appointments').updateOne(
      { appointment_id: id },
      {
        $set: {
          status: 'canceled',
          cancellation_reason: 'Client request',
          updated_at: new Date(),
        },
        $inc: { version: 1 },
      },
    );
    await expect
      .poll(
        () =>
          card.evaluate(
            (el) =>
              (
                globalThis as unknown as { getComputedStyle(e: unknown): { opacity: string } }
              ).getComputedStyle(el).opacity,
          ),
        {
          timeout: 5_000,
        },
      )
      .toBe('0.5');
    // …and the header's count drops by that job.
    await expect.poll(() => counts.textContent()).toMatch(new RegExp(`^${live - 1} jobs`));
  });

  it('opens on a day with its jobs in the first thing drawn, and shows the frame with a loading wheel while a day is slow', async () => {
    const day = await busyDay();
    const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
    try {
      const opening = await context.newPage();
      const shell = new AppShell(opening);
      await shell.openSignedIn(running.host.url, DEMO_DISPATCHER);
      // Answers to board.day wait in `held` while `holding`, until released.
      let holding = false;
      const held: Array<() => void> = [];
      const release = () => {
        holding = false;
        for (const send of held.splice(0)) send();
      };
      await context.routeWebSocket(/.*/, (socket) => {
        const server = socket.connectToServer();
        const dayIds = new Set<number>();
        socket.onMessage((message) => {
          const request = /^\{"id":(\d+),"channel":"board\.day"/.exec(String(message));
          if (request) dayIds.add(Number(request[1]));
          server.send(message);
        });
        server.onMessage((message) => {
          const answer = /^\{"type":"result","id":(\d+)/.exec(String(message));
          if (holding && answer && dayIds.has(Number(answer[1]))) {
            held.push(() => socket.send(message));
          } else {
            socket.send(message);
          }
        });
      });
      // In the page, before the app's first script: a board.day answer is handed to the app no
      // sooner than 150 ms after the app's code was fetched. The code evaluates meanwhile, and the
      // app, once started, waits up to 300 ms (FIRST_DATA_WAIT_MS) for the answer: so it lands
      // while the app is starting, on the page's own clock, however busy the machine (a release
      // sent from the test could come later than that on a busy one).
      await context.addInitScript({
        content: `
          (() => {
            const Native = globalThis.WebSocket;
            const dayIds = new Set();
            const codeFetchedAt = () =>
              performance
                .getEntriesByType('resource')
                .find((e) => /\\/assets\\/mount-/.test(e.name))?.responseEnd;
            globalThis.WebSocket = class extends Native {
              send(data) {
                const request = /^\\{"id":(\\d+),"channel":"board\\.day"/.exec(String(data));
                if (request) dayIds.add(Number(request[1]));
                super.send(data);
              }
              get onmessage() {
                return super.onmessage;
              }
              set onmessage(listener) {
                super.onmessage = (event) => {
                  const answer = /^\\{"type":"result","id":(\\d+)/.exec(String(event.data));
                  if (!answer || !dayIds.has(Number(answer[1]))) return listener.call(this, event);
                  const hand = () => {
                    const fetched = codeFetchedAt();
                    if (fetched === undefined) return setTimeout(hand, 2);
                    const wait = fetched + 150 - performance.now();
                    if (wait <= 0) return listener.call(this, event);
                    setTimeout(() => listener.call(this, event), wait);
                  };
                  hand();
                };
              }
            };
          })();`,
      });
      // From the page's first script on: whether the board's loading wheel was ever drawn.
      await context.addInitScript({
        content: `
          globalThis.__wheelSeen = false;
          new MutationObserver((records) => {
            for (const record of records) {
              for (const node of record.addedNodes) {
                const sel = '[aria-label="Loading the board"]';
                if (node.nodeType === 1 && (node.matches(sel) || node.querySelector(sel))) {
                  globalThis.__wheelSeen = true;
                }
              }
            }
          }).observe(document, { childList: true, subtree: true });`,
      });
      const wheelSeen = () =>
        opening.evaluate(() => (globalThis as { __wheelSeen?: boolean }).__wheelSeen);
      const boardUrl = `${running.host.origin}/#/board?date=${day}`;

      // The day's answer lands while the app's code is still starting: the first thing drawn is the
      // board with its lanes, never an empty frame with a loading wheel first.
      await opening.goto('about:blank');
      await opening.goto(boardUrl);
      await opening.getByTestId('lane').first().waitFor();
      expect(await wheelSeen()).toBe(false);

      // A day slow to come: the app's frame is drawn with the loading wheel, not a blank window.
      holding = true;
      await opening.reload();
      await expect.poll(() => held.length).toBe(1);
      await opening.getByRole('progressbar', { name: 'Loading the board' }).waitFor();
      await expect(shell.heading.textContent()).resolves.toBe('Dispatch board');
      expect(await opening.getByTestId('lane').count()).toBe(0);
      release();
      await opening.getByTestId('lane').first().waitFor();
      await opening
        .getByRole('progressbar', { name: 'Loading the board' })
        .waitFor({ state: 'detached' });
    } finally {
      await context.close();
    }
  });

  it('drags jobs between crews and from the queue, and refuses a clashing drop with the reason', async () => {
    const day = await busyDay();
    const office = connection(running.core);
    await office.value('auth.signIn', DEMO_DISPATCHER);
    const a = { staff_id: await addStaff(office, { first: 'Drag', last: 'Aardvark' }) };
    const b = { staff_id: await addStaff(office, { first: 'Drag', last: 'Abbott' }) };
    const { items: services } = await office.value<{
      items: { service_id: string; minimum_staff_count: number; default_price: number }[];
    }>('services.list', { limit: 50 });
    const service = services.find((s) => s.minimum_staff_count === 1);
    const { items: clients } = await office.value<{
      items: { client_id: string; first_name: string; last_name: string }[];
    }>('clients.list', { limit: 2 });
    const first = await bookJob(office, { day, start: '09:00', end: '10:00', staff: [a.staff_id] });
    await bookJob(office, { day, start: '11:00', end: '12:00', staff: [b.staff_id], client: 1 });

    await page.goto(`${running.host.origin}/#/board?date=${day}`);
    const card = page.locator(`[data-staff-id="${a.staff_id}"] [data-appointment-id="${first}"]`);
    await card.waitFor();
    const drag = async (dx: number, toLane: string) => {
      const from = await page.locator(`[data-appointment-id="${first}"]`).first().boundingBox();
      const lane = await page
        .locator(`[data-staff-id="${toLane}"] [data-testid="lane-timeline"]`)
        .boundingBox();
      if (!from || !lane) throw new Error('card or lane not on screen');
      const x = from.x + from.width / 2;
      const y = from.y + from.height / 2;
      await page.mouse.move(x, y);
      await page.mouse.down();
      for (let i = 1; i <= 10; i++) {
        await page.mouse.move(x + (dx * i) / 10, y + ((lane.y + lane.height / 2 - y) * i) / 10);
      }
      // The lanes lit while the card is held over them: the one under the pointer.
      const lit = await litLanes();
      await page.mouse.up();
      return lit;
    };
    const litLanes = () =>
      page
        .locator('[data-testid="lane"]:has(> [data-testid="lane-timeline"].sp-over)')
        .evaluateAll((els) => els.map((el) => el.getAttribute('data-staff-id')));

    await expect(drag(0, b.staff_id)).resolves.toEqual([b.staff_id]);
    await page
      .locator(`[data-staff-id="${b.staff_id}"] [data-appointment-id="${first}"]`)
      .waitFor();
    await expect(litLanes()).resolves.toEqual([]);
    // The card lands at once (optimistically); the database has it once the core has said yes.
    const db = client.db(DB_NAME);
    await expect
      .poll(() => db.collection('appointments').findOne({ appointment_id: first }))
      .toMatchObject({ assigned_staff_ids: [b.staff_id], scheduled_start_time: '09:00' });

    // Ctrl+Z puts it back on Aardvark; Ctrl+Shift+Z moves it to Abbott again, each noted in the audit log.
    const undoButton = page.getByRole('button', { name: 'Undo' });
    await expect.poll(() => undoButton.isEnabled()).toBe(true);
    await page.keyboard.press('Control+z');
    await expect
      .poll(
        async () =>
          (await db.collection('appointments').findOne({ appointment_id: first }))
            ?.assigned_staff_ids,
      )
      .toEqual([a.staff_id]);
    await page
      .locator(`[data-staff-id="${a.staff_id}"] [data-appointment-id="${first}"]`)
      .waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Redo' }).isEnabled()).toBe(true);
    await page.keyboard.press('Control+Shift+z');
    await expect
      .poll(
        async () =>
          (await db.collection('appointments').findOne({ appointment_id: first }))
            ?.assigned_staff_ids,
      )
      .toEqual([b.staff_id]);
    const trail = (await db.collection('appointments').findOne({ appointment_id: first }))
      ?.audit_log as { note?: string }[];
    expect(trail.slice(-2).map((e) => e.note)).toEqual([
      'Undo of the previous move.',
      'Redo of an undone move.',
    ]);
    await page
      .locator(`[data-staff-id="${b.staff_id}"] [data-appointment-id="${first}"]`)
      .waitFor();

    // Two hours later would overlap Abbott's 11:00 job: refused, with the client named, nothing saved.
    await drag(240, b.staff_id);
    const refused = page.getByTestId('move-refused');
    await refused.waitFor();
    await expect(refused.textContent()).resolves.toContain(
      `${clients[1]?.first_name} ${clients[1]?.last_name}`,
    );
    await page.screenshot({ path: screenshotPath('board-refused-drop') });
    // The refused card goes back where it was (it had landed optimistically).
    const back = page.locator(`[data-staff-id="${b.staff_id}"] [data-appointment-id="${first}"]`);
    await expect.poll(() => back.getAttribute('aria-label')).toContain('9:00 AM to 10:00 AM');

    // A new job waits in the queue; dropped on Aardvark's lane where 1:00 PM is, it is booked there.
    const { items: all } = await office.value<{ items: { client_id: string }[] }>('clients.list', {
      limit: 3,
    });
    const queued = await office.value<{ appointment_id: string }>('appointments.create', {
      data: {
        client_id: all[2]?.client_id,
        service_id: service?.service_id,
        scheduled_date: new Date(`${day}T00:00:00Z`),
        scheduled_start_time: '08:00',
        scheduled_end_time: '09:00',
        estimated_duration_minutes: 60,
        service_price: service?.default_price,
        currency: 'USD',
      },
    });
    await page.reload();
    const item = page.locator(
      `[data-testid="queue-item"][data-appointment-id="${queued.appointment_id}"]`,
    );
    await item.waitFor();
    const box = await item.boundingBox();
    const laneBox = await page
      .locator(`[data-staff-id="${a.staff_id}"] [data-testid="lane-timeline"]`)
      .boundingBox();
    if (!box || !laneBox) throw new Error('queue item or lane not on screen');
    // The axis starts at 7:00 AM (an hour before opening); 120 px per hour.
    const dx = laneBox.x + 6 * 120 - box.x;
    const start = { x: box.x + 10, y: box.y + box.height / 2 };
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++) {
      await page.mouse.move(
        start.x + (dx * i) / 12,
        start.y + ((laneBox.y + laneBox.height / 2 - start.y) * i) / 12,
      );
    }
    await page.mouse.up();
    await page
      .locator(`[data-staff-id="${a.staff_id}"] [data-appointment-id="${queued.appointment_id}"]`)
      .waitFor();
    await expect
      .poll(() => db.collection('appointments').findOne({ appointment_id: queued.appointment_id }))
      .toMatchObject({
        assigned_staff_ids: [a.staff_id],
        scheduled_start_time: '13:00',
        scheduled_end_time: '14:00',
      });
    await expect(
      db.collection('appointments').findOne({ appointment_id: first }),
    ).resolves.toMatchObject({
      scheduled_start_time: '09:00',
    });
  });
});
