// A board with more lanes than fit the window: lanes far out of view draw their cards once
// scrolled near (Lanes.tsx), a drag and the keyboard still reach them, and every job is counted.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath } from './support/browser';
import { addStaff, bookJob, demoHost } from './support/demo-host';

const world = demoHost('board_large');
const EXTRA_CREWS = 30;
let page: Page;
let day: string;
/** The added crew leads, in board order (crew leads by last name), each with one job. */
const far: { staff: string; job: string }[] = [];

const lane = (staff: string) => page.locator(`[data-testid="lane"][data-staff-id="${staff}"]`);

beforeAll(async () => {
  const office = await world.office();
  day = await world.busyDay();
  for (let i = 0; i < EXTRA_CREWS; i++) {
    // "Zz…" sorts after the demo's crew leads: these lanes sit at the bottom of the board.
    const staff = await addStaff(office, { first: 'Far', last: `Zz${String(i).padStart(2, '0')}` });
    // Alternate lanes at 8:00 and 11:00, so a job moved to the next lane does not clash.
    const start = i % 2 === 0 ? '08:00' : '11:00';
    const end = i % 2 === 0 ? '09:00' : '12:00';
    const job = await bookJob(office, { day, start, end, staff: [staff] });
    far.push({ staff, job });
  }
  page = await world.signedInPage('dispatch@southern-lawn.example');
  await page.goto(world.url(`/board?date=${day}`));
  await page.getByTestId('lane').first().waitFor();
}, 120_000);

describe('a board longer than the window', () => {
  it('draws the cards of the lanes in view, and those of a far lane once scrolled to it', async () => {
    const last = far.at(-1);
    if (!last) throw new Error('no lanes added');
    // Every lane is on the page, and counts its job even before drawing it.
    await expect(lane(last.staff).getAttribute('data-job-count')).resolves.toBe('1');
    await expect(lane(last.staff).getAttribute('data-cards')).resolves.toBe('deferred');
    await expect(lane(last.staff).getByTestId('job-card').count()).resolves.toBe(0);
    // The lanes at the top show all their jobs.
    const top = page.getByTestId('lane').first();
    await expect(top.getAttribute('data-cards')).resolves.toBe('shown');
    await expect
      .poll(async () => top.getByTestId('job-card').count())
      .toBe(Number(await top.getAttribute('data-job-count')));

    await lane(last.staff).scrollIntoViewIfNeeded();
    const card = lane(last.staff).locator(`[data-appointment-id="${last.job}"]`);
    await card.waitFor();
    await expect(lane(last.staff).getAttribute('data-cards')).resolves.toBe('shown');
    await page.screenshot({ path: screenshotPath('board-large-bottom') });
  });

  it('moves a job by keyboard between lanes far down the board, keeping the focus on it', async () => {
    const [first, second] = far;
    if (!first || !second) throw new Error('no lanes added');
    await lane(first.staff).scrollIntoViewIfNeeded();
    const card = lane(first.staff).locator(`[data-appointment-id="${first.job}"]`);
    await card.focus();
    await page.keyboard.press('ArrowDown');
    const focusedLane = () =>
      page.evaluate(() => {
        type Found = { getAttribute(name: string): string | null } | null;
        const doc = (
          globalThis as unknown as {
            document: { activeElement: { closest(selector: string): Found } | null };
          }
        ).document;
        return doc.activeElement?.closest('[data-testid="lane"]')?.getAttribute('data-staff-id');
      });
    await expect.poll(focusedLane).toBe(second.staff);
    await expect
      .poll(
        async () =>
          (await world.db.collection('appointments').findOne({ appointment_id: first.job }))
            ?.assigned_staff_ids,
      )
      .toEqual([second.staff]);
  });
});
