// An end-to-end test file's world: the demo businesses seeded into the run's database, the real
// core and web host on it, Chromium, and pages signed in as demo users.
import bcrypt from 'bcryptjs';
import { MongoClient, type Db } from 'mongodb';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../../../electron/core/demo/seed';
import { localDateOf } from '../../../shared/time';
import { connection, type TestCoreOptions } from '../../support/core';
import { startTestHost, type RunningHost } from '../../support/host';
import { AppShell } from '../pages/AppShell';
import { builtRendererDir, launchBrowser } from './browser';

export const LAWN = 'Southern Lawn Care Co';

export interface DemoHost {
  running: RunningHost;
  client: MongoClient;
  db: Db;
  browser: Browser;
  /** A new browser context (its own cookies and storage: another person) signed in as `email`. */
  signedInPage(email: string, options?: { timezoneId?: string }): Promise<Page>;
  /** A core connection signed in as `email`, for setting up data the way the app would. */
  office(email?: string): Promise<ReturnType<typeof connection>>;
  /** The lawn business's id. */
  lawnId(): Promise<string>;
  /** The first day after today on which the lawn business has scheduled jobs. */
  busyDay(): Promise<string>;
  url(hash: string): string;
}

export interface DemoHostOptions {
  /**
   * More of the core's options (e.g. `weather` pointing at a fake provider), worked out just before
   * the host starts, so that a local server they name can be started first.
   */
  core?: () => TestCoreOptions | Promise<TestCoreOptions>;
}

/** Call at the top level of a test file; the fields are there once its beforeAll hooks have run. */
export function demoHost(name: string, options: DemoHostOptions = {}): DemoHost {
  const world = {} as DemoHost;
  const dbName = `e2e_${name}_${Date.now().toString(36)}`;
  beforeAll(async () => {
    world.client = new MongoClient(inject('mongoUri'));
    world.db = world.client.db(dbName);
    await seedDemo(world.db, {
      now: new Date(),
      passwordHash: bcrypt.hashSync(DEMO_PASSWORD, 4),
    });
    world.running = await startTestHost(builtRendererDir(), {
      ...(await options.core?.()),
      databaseName: dbName,
    });
    world.browser = await launchBrowser();
  });
  afterAll(async () => {
    await world.browser?.close();
    await world.running?.close();
    await world.db?.dropDatabase();
    await world.client?.close();
  });
  world.url = (hash) => `${world.running.host.origin}/#${hash}`;
  world.signedInPage = async (email, options = {}) => {
    const context = await world.browser.newContext({
      viewport: { width: 1600, height: 900 },
      timezoneId: options.timezoneId,
    });
    const page = await context.newPage();
    const shell = new AppShell(page);
    await page.goto(world.running.host.url);
    await shell.waitConnected();
    await shell.signIn(email, DEMO_PASSWORD);
    await page.getByTestId('signed-in-as').waitFor();
    return page;
  };
  world.office = async (email = 'dispatch@southern-lawn.example') => {
    const tab = connection(world.running.core);
    await tab.value('auth.signIn', { email, password: DEMO_PASSWORD });
    return tab;
  };
  world.lawnId = async () =>
    String((await world.db.collection('businesses').findOne({ name: LAWN }))?.business_id);
  world.busyDay = async () => {
    const today = localDateOf(new Date(), 'America/Chicago');
    const [next] = await world.db
      .collection('appointments')
      .find({
        business_id: await world.lawnId(),
        scheduled_date: { $gt: new Date(`${today}T00:00:00Z`) },
        status: 'scheduled',
      })
      .sort({ scheduled_date: 1 })
      .limit(1)
      .toArray();
    return (next?.scheduled_date as Date).toISOString().slice(0, 10);
  };
  return world;
}

/** Drags with real mouse steps (dnd-kit needs movement past its 4 px threshold). */
export async function mouseDrag(
  page: Page,
  from: { x: number; y: number },
  to: { x: number; y: number },
  options: { steps?: number; release?: boolean } = {},
): Promise<void> {
  const steps = options.steps ?? 10;
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= steps; i++) {
    await page.mouse.move(
      from.x + ((to.x - from.x) * i) / steps,
      from.y + ((to.y - from.y) * i) / steps,
    );
  }
  if (options.release !== false) await page.mouse.up();
}

type Office = Awaited<ReturnType<DemoHost['office']>>;

/** Open `hours` every day of the week, as a staff member's availability_schedule. */
export function everyDay(hours: { start: string; end: string } = { start: '06:00', end: '20:00' }) {
  return Object.fromEntries(
    ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((d) => [
      d,
      hours,
    ]),
  );
}

/** A new staff member with no jobs who works 6:00–20:00 every day; returns the staff id. */
export async function addStaff(
  office: Office,
  name: { first: string; last: string },
  role: 'crew_lead' | 'crew_member' = 'crew_lead',
): Promise<string> {
  const person = await office.value<{ staff_id: string }>('staff.create', {
    data: {
      first_name: name.first,
      last_name: name.last,
      role,
      availability_schedule: everyDay(),
    },
  });
  return person.staff_id;
}

/**
 * Books a job the way the office would (created in the queue, then placed with board.move) for a
 * one-person service; `clientId` names the client, or `client` picks one of the business's first
 * clients. Returns its id.
 */
export async function bookJob(
  office: Office,
  job: {
    day: string;
    start: string;
    end: string;
    staff: string[];
    client?: number;
    clientId?: string;
  },
): Promise<string> {
  const { items: services } = await office.value<{
    items: { service_id: string; minimum_staff_count: number; default_price: number }[];
  }>('services.list', { limit: 50 });
  const service = services.find((s) => s.minimum_staff_count === 1);
  const { items: clients } = await office.value<{ items: { client_id: string }[] }>(
    'clients.list',
    { limit: (job.client ?? 0) + 1 },
  );
  const created = await office.value<{ appointment_id: string; version: number }>(
    'appointments.create',
    {
      data: {
        client_id: job.clientId ?? clients[job.client ?? 0]?.client_id,
        service_id: service?.service_id,
        scheduled_date: new Date(`${job.day}T00:00:00Z`),
        scheduled_start_time: job.start,
        scheduled_end_time: job.end,
        estimated_duration_minutes: 60,
        service_price: service?.default_price,
        currency: 'USD',
      },
    },
  );
  await office.value('board.move', {
    appointment_id: created.appointment_id,
    version: created.version,
    scheduled_date: job.day,
    start: job.start,
    end: job.end,
    staff_ids: job.staff,
    equipment_ids: [],
    override_warnings: true,
  });
  return created.appointment_id;
}
