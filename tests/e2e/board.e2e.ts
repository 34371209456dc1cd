import bcrypt from 'bcryptjs';
import { MongoClient } from 'mongodb';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../../electron/core/demo/seed';
import { localDateOf } from '../../shared/time';
import { startTestHost, type RunningHost } from '../support/host';
import { AppShell } from './pages/AppShell';
import { builtRendererDir, launchBrowser, screenshotPath } from './support/browser';

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
  const shell = new AppShell(page);
  await page.goto(running.host.url);
  await shell.waitConnected();
  await shell.signIn('dispatch@southern-lawn.example', DEMO_PASSWORD);
  await page.getByTestId('signed-in-as').waitFor();
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
    await expect(page.getByTestId('job-card').count()).resolves.toBe(placements);
    await page.screenshot({ path: screenshotPath('board-day') });
  });

  it('moves between days and refreshes when another dispatcher changes a job', async () => {
    const day = await busyDay();
    await page.goto(`${running.host.origin}/#/board?date=${day}`);
    await page.getByTestId('job-card').first().waitFor();
    await page.getByRole('button', { name: 'Next day' }).click();
    await expect.poll(() => new URL(page.url()).hash).toContain('date=');
    await page.getByRole('button', { name: 'Previous day' }).click();
    await page.getByTestId('job-card').first().waitFor();

    // Another desktop (a direct write to the shared database) cancels a job: the card fades, no reload.
    const card = page.getByTestId('job-card').first();
    const id = await card.getAttribute('data-appointment-id');
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
          page
            .locator(`[data-appointment-id="${id}"]`)
            .first()
            .evaluate(
              (el) =>
                (
                  globalThis as unknown as { getComputedStyle(e: unknown): { opacity: string } }
                ).getComputedStyle(el).opacity,
            ),
        {
          timeout: 5_000,
        },
      )
      .toBe('0.55');
  });
});
