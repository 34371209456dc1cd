// Editing the board with the mouse and the keyboard: resize, adding a crew member, keys, the move
// dialog, unassigning, filters — each checked in the database afterwards.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addStaff, bookJob, demoHost, mouseDrag } from './support/demo-host';
import { screenshotPath } from './support/browser';

const world = demoHost('board_edit');
let page: Page;
let day: string;
let office: Awaited<ReturnType<typeof world.office>>;
const crew: Record<'lead' | 'other' | 'member', string> = { lead: '', other: '', member: '' };

type Apt = {
  assigned_staff_ids: string[];
  scheduled_start_time: string;
  scheduled_end_time: string;
};
const saved = async (id: string) =>
  (await world.db.collection('appointments').findOne({ appointment_id: id })) as unknown as Apt;

const job = (start: string, end: string, staff: string, client = 0) =>
  bookJob(office, { day, start, end, staff: [staff], client });

const card = (id: string, lane: string) =>
  page.locator(`[data-testid="lane"][data-staff-id="${lane}"] [data-appointment-id="${id}"]`);

beforeAll(async () => {
  office = await world.office();
  day = await world.busyDay();
  const person = (last: string, role: 'crew_lead' | 'crew_member') =>
    addStaff(office, { first: 'Edit', last }, role);
  crew.lead = await person('Aardvark', 'crew_lead');
  crew.other = await person('Abbott', 'crew_lead');
  crew.member = await person('Acker', 'crew_member');
  // A job together puts Acker in Aardvark's crew on the board: the lanes go Aardvark, Acker, Abbott.
  await bookJob(office, {
    day,
    start: '16:00',
    end: '17:00',
    staff: [crew.lead, crew.member],
    client: 4,
  });
  // The office's computer keeps the business's time (Birmingham): with the browser on UTC, from
  // midnight UTC "today" on this computer is already the busy day, which the app prefetched at
  // sign-in, before this file's jobs were booked, and the board kept showing that stale copy.
  page = await world.signedInPage('dispatch@southern-lawn.example', {
    timezoneId: 'America/Chicago',
  });
});

describe('editing the board', () => {
  it('resizes a job by dragging its right edge, and adds a second person with a Shift-drop', async () => {
    const id = await job('09:00', '10:00', crew.lead);
    await page.goto(world.url(`/board?date=${day}`));
    await card(id, crew.lead).waitFor();

    const handle = card(id, crew.lead).getByTestId('resize-handle');
    const box = await handle.boundingBox();
    if (!box) throw new Error('resize handle not on screen');
    // 120 px per hour: 60 px to the right is half an hour longer.
    const at = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await mouseDrag(page, at, { x: at.x + 60, y: at.y });
    await expect.poll(async () => (await saved(id)).scheduled_end_time).toBe('10:30');
    expect((await saved(id)).scheduled_start_time).toBe('09:00');

    // Shift held at the drop: the crew member joins; the job now shows in both lanes, linked.
    const from = await card(id, crew.lead).boundingBox();
    const lane = await page
      .locator(`[data-staff-id="${crew.member}"] [data-testid="lane-timeline"]`)
      .boundingBox();
    if (!from || !lane) throw new Error('card or lane not on screen');
    const start = { x: from.x + 20, y: from.y + from.height / 2 };
    await mouseDrag(page, start, { x: start.x, y: lane.y + lane.height / 2 }, { release: false });
    await page.keyboard.down('Shift');
    await page.mouse.up();
    await page.keyboard.up('Shift');
    await expect
      .poll(async () => (await saved(id)).assigned_staff_ids)
      .toEqual([crew.lead, crew.member]);
    await card(id, crew.member).waitFor();
    await expect(card(id, crew.lead).getByTestId('linked-crew').count()).resolves.toBe(1);
    await expect(card(id, crew.member).getAttribute('aria-label')).resolves.toContain(
      'With Edit Aardvark',
    );
    expect((await saved(id)).scheduled_start_time).toBe('09:00');
    await page.screenshot({ path: screenshotPath('board-linked-crew') });
  });

  it('moves a job with the keyboard alone, keeping the focus on it', async () => {
    const id = await job('13:00', '14:00', crew.member, 1);
    await page.goto(world.url(`/board?date=${day}`));
    await card(id, crew.member).focus();

    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await saved(id)).scheduled_start_time).toBe('13:15');
    await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(async () => (await saved(id)).scheduled_end_time).toBe('14:30');

    // Arrow up: the lane above, Acker's crew lead Aardvark (free at that time).
    const lanes = await page
      .locator('[data-testid="lane"]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-staff-id')));
    const next = lanes[lanes.indexOf(crew.member) - 1];
    expect(next).toBe(crew.lead);
    await page.keyboard.press('ArrowUp');
    await expect.poll(async () => (await saved(id)).assigned_staff_ids).toEqual([next]);
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            (
              globalThis as unknown as {
                document: { activeElement: { getAttribute(n: string): string | null } | null };
              }
            ).document.activeElement?.getAttribute('data-lane') ?? null,
        ),
      )
      .toBe(next);
  });

  it('moves and re-crews a job from the move dialog (M), under the same rules', async () => {
    const id = await job('15:00', '16:00', crew.other, 2);
    await page.goto(world.url(`/board?date=${day}`));
    await card(id, crew.other).focus();
    await page.keyboard.press('m');
    const dialog = page.getByTestId('move-dialog');
    await dialog.waitFor();
    await dialog.getByLabel('Start').fill('17:00');
    await dialog.getByLabel('End').fill('18:30');
    await dialog.getByRole('button', { name: 'Save' }).click();
    // 6:30 PM is after the business closes: a warning the dispatcher may override.
    const warning = page.getByRole('dialog', { name: 'Move this job anyway?' });
    await warning.waitFor();
    await expect(warning.textContent()).resolves.toContain('outside business hours');
    await warning.getByRole('button', { name: 'Move anyway' }).click();
    await expect
      .poll(async () => {
        const a = await saved(id);
        return [a.scheduled_start_time, a.scheduled_end_time];
      })
      .toEqual(['17:00', '18:30']);
    await dialog.waitFor({ state: 'detached' });
  });

  it('unassigns a job dropped on the queue, and filters the lanes by status', async () => {
    const id = await job('10:00', '11:00', crew.other, 3);
    await page.goto(world.url(`/board?date=${day}`));
    await page.getByTestId('board-lanes').evaluate((el) => {
      (el as unknown as { scrollLeft: number }).scrollLeft = 0;
    });
    const from = await card(id, crew.other).boundingBox();
    const queue = await page.getByTestId('unassigned-queue').boundingBox();
    if (!from || !queue) throw new Error('card or queue not on screen');
    await mouseDrag(
      page,
      { x: from.x + 10, y: from.y + from.height / 2 },
      { x: queue.x + queue.width / 2, y: queue.y + 80 },
    );
    await page.screenshot({ path: screenshotPath('board-unassign') });
    await expect.poll(async () => (await saved(id)).assigned_staff_ids).toEqual([]);
    await page.locator(`[data-testid="queue-item"][data-appointment-id="${id}"]`).waitFor();

    // Status filter "Canceled": scheduled jobs leave the lanes; the address keeps the filter.
    const before = await page.getByTestId('job-card').count();
    expect(before).toBeGreaterThan(0);
    await page.getByTestId('filter-status').click();
    await page.getByRole('option', { name: 'Canceled' }).click();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.url()).toContain('status=canceled');
    const shown = () =>
      page
        .locator('[data-testid="job-card"]')
        .evaluateAll((els) => els.map((el) => el.getAttribute('data-status')));
    await expect.poll(async () => (await shown()).every((s) => s === 'canceled')).toBe(true);
    expect((await shown()).length).toBeLessThan(before);
    await page.reload();
    await page.locator('[data-testid="lane"]').first().waitFor();
    await expect(
      page.locator('[data-testid="job-card"]:not([data-status="canceled"])').count(),
    ).resolves.toBe(0);
  });

  it('zooms the time axis: more of the day at once, drags at the new scale, kept after a reload', async () => {
    const id = await job('11:30', '12:30', crew.other, 2);
    await page.goto(world.url(`/board?date=${day}`));
    await card(id, crew.other).waitFor();
    const lanes = page.getByTestId('board-lanes');
    const hourWidth = async () => Number(await lanes.getAttribute('data-hour-width'));
    const cardWidth = async () => (await card(id, crew.other).boundingBox())?.width ?? 0;
    /** Hours from the axis's start to the middle of the lanes in view (names column: 180 px). */
    const middleHours = async () => {
      const w = await hourWidth();
      return lanes.evaluate((el, width) => {
        const e = el as unknown as { scrollLeft: number; clientWidth: number };
        return (e.scrollLeft + (e.clientWidth - 180) / 2) / width;
      }, w);
    };
    expect(await hourWidth()).toBe(120);
    expect(await cardWidth()).toBeCloseTo(118, 0);

    // Zooming in keeps the time in the middle of the lanes in the middle.
    await lanes.evaluate((el) => {
      const e = el as unknown as { scrollLeft: number; clientWidth: number };
      e.scrollLeft = 4 * 120 - (e.clientWidth - 180) / 2;
    });
    expect(await middleHours()).toBeCloseTo(4, 1);
    await page.getByTestId('zoom-in').click();
    expect(await hourWidth()).toBe(180);
    expect(await cardWidth()).toBeCloseTo(178, 0);
    expect(await middleHours()).toBeCloseTo(4, 1);

    // Out to the narrowest: a whole working day beside the queue, hours labelled "11 AM".
    for (const width of [120, 80, 48]) {
      await page.getByTestId('zoom-out').click();
      expect(await hourWidth()).toBe(width);
    }
    await expect(page.getByTestId('zoom-out').isDisabled()).resolves.toBe(true);
    expect(await cardWidth()).toBeCloseTo(46, 0);
    await expect(
      page
        .locator('.sp-axis-hour')
        .filter({ hasText: /^11 AM$/ })
        .count(),
    ).resolves.toBe(1);
    await page.screenshot({ path: screenshotPath('board-zoomed-out') });

    // A drag one hour's width to the right (48 px now) moves the job an hour.
    const from = await card(id, crew.other).boundingBox();
    if (!from) throw new Error('card not on screen');
    const at = { x: from.x + 10, y: from.y + from.height / 2 };
    await mouseDrag(page, at, { x: at.x + 48, y: at.y });
    await expect.poll(async () => (await saved(id)).scheduled_start_time).toBe('12:30');
    expect((await saved(id)).scheduled_end_time).toBe('13:30');

    // The zoom is this computer's choice: a reload keeps it.
    await page.reload();
    await card(id, crew.other).waitFor();
    expect(await hourWidth()).toBe(48);
    for (const width of [80, 120]) {
      await page.getByTestId('zoom-in').click();
      expect(await hourWidth()).toBe(width);
    }
  });
});
