// The owner's Reports page in Chromium on the demo data: last month's figures match what reports.get
// answers, the charts are drawn, a section's table downloads as a CSV holding the same rows, and a
// dispatcher (staff role) is told reports are for owners and admins.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../shared/contract/channels/reports';
import { localDateOf } from '../../shared/time';
import { formatMoney } from '../../renderer/src/features/reports/figures';
import { presetPeriod } from '../../renderer/src/features/reports/period';
import { DEMO_OWNER_EMAIL } from '../../electron/core/demo/generate';
import { screenshotPath } from './support/browser';
import { demoHost } from './support/demo-host';

const ZONE = 'America/Chicago';
const world = demoHost('reports');

/** Last month on the lawn business's calendar: the demo's history has completed jobs in it. */
const period = presetPeriod('last-month', localDateOf(new Date(), ZONE));
let report: Report;
let owner: Page;
let dir: string;

beforeAll(async () => {
  const office = await world.office(DEMO_OWNER_EMAIL);
  report = await office.value<Report>('reports.get', { ...period, compare: true });
  owner = await world.signedInPage(DEMO_OWNER_EMAIL, { timezoneId: ZONE });
  dir = await mkdtemp(join(tmpdir(), 'reports-e2e-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const headline = (page: Page, id: string) =>
  page.locator(`[data-testid="report-headline"][data-headline-id="${id}"]`);
const figureOf = (page: Page, id: string) =>
  page.locator(`[data-testid="report-figure"][data-figure-id="${id}"]`);

describe('reports page', () => {
  it("shows last month's revenue and jobs as reports.get works them out, with the change", async () => {
    // The demo has completed, charged jobs last month: the report has something to show.
    expect(report.revenue.total).toBeGreaterThan(0);
    expect(report.revenue.by_service.length).toBeGreaterThan(0);

    await owner.goto(world.url('/reports?preset=last-month'));
    await owner.getByTestId('report-period').filter({ hasText: 'compared with' }).waitFor();
    await expect
      .poll(() => headline(owner, 'revenue').getByTestId('report-headline-value').textContent())
      .toBe(formatMoney(report.revenue.total));
    await expect(
      headline(owner, 'completed').getByTestId('report-headline-value').textContent(),
    ).resolves.toBe(report.jobs.completed.toLocaleString('en-US'));
    await expect(
      headline(owner, 'revenue').getByTestId('report-headline-delta').textContent(),
    ).resolves.toMatch(/^(▲|▼) .* vs previous$|^No change vs previous$/);
  });

  it('draws the charts: one bar per service in revenue by service', async () => {
    const figure = figureOf(owner, 'revenue-by-service');
    await figure.getByTestId('report-chart').locator('svg').first().waitFor();
    await expect
      .poll(() => figure.locator('.MuiBarChart-element').count())
      .toBe(report.revenue.by_service.length);
    // Every section with data draws at least one SVG chart.
    expect(await owner.locator('[data-testid="report-chart"] svg').count()).toBeGreaterThan(5);
    // The table beneath holds the same numbers as the chart.
    const firstService = report.revenue.by_service[0];
    await figure
      .getByTestId('report-table')
      .getByRole('row')
      .filter({ hasText: firstService?.name })
      .filter({ hasText: formatMoney(firstService?.amount ?? 0) })
      .waitFor();
    await owner.screenshot({ path: screenshotPath('reports'), fullPage: true });
  });

  it("downloads revenue by service as a CSV named after the period, holding the report's rows", async () => {
    const [download] = await Promise.all([
      owner.waitForEvent('download'),
      owner.getByRole('button', { name: 'Export Revenue by service as CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(
      `revenue-by-service-${period.from}-to-${period.to}.csv`,
    );
    const path = join(dir, 'revenue-by-service.csv');
    await download.saveAs(path);
    const parsed = Papa.parse<string[]>((await readFile(path, 'utf8')).trim());
    expect(parsed.data[0]).toEqual(['Service', 'Jobs', 'Revenue (USD)']);
    expect(parsed.data.slice(1)).toEqual(
      report.revenue.by_service.map((s) => [
        s.name,
        String(s.jobs),
        String(Math.round(s.amount * 100) / 100),
      ]),
    );
  });

  it('prints the report alone: no navigation or buttons, the charts kept', async () => {
    await owner.emulateMedia({ media: 'print' });
    try {
      await expect(
        owner.getByRole('navigation', { name: 'Main navigation' }).isVisible(),
      ).resolves.toBe(false);
      await expect(
        owner.getByRole('button', { name: 'Export Revenue by service as CSV' }).isVisible(),
      ).resolves.toBe(false);
      await expect(
        figureOf(owner, 'revenue-by-service').getByTestId('report-chart').isVisible(),
      ).resolves.toBe(true);
    } finally {
      await owner.emulateMedia({ media: 'screen' });
    }
  });

  it('keeps a custom period in the address and reports on it', async () => {
    await owner.getByRole('combobox', { name: 'Period' }).click();
    await owner.getByRole('option', { name: 'Custom' }).click();
    await expect
      .poll(() => new URL(owner.url()).hash)
      .toBe(`#/reports?from=${period.from}&to=${period.to}`);
    await owner.getByLabel('To', { exact: true }).fill(period.from);
    await expect.poll(() => new URL(owner.url()).hash).toContain(`to=${period.from}`);
    const oneDay = await (
      await world.office(DEMO_OWNER_EMAIL)
    ).value<Report>('reports.get', { from: period.from, to: period.from, compare: true });
    await expect
      .poll(() => headline(owner, 'revenue').getByTestId('report-headline-value').textContent())
      .toBe(formatMoney(oneDay.revenue.total));
  });

  it('tells a dispatcher (staff role) that reports are for owners and admins', async () => {
    const page = await world.signedInPage('dispatch@southern-lawn.example', { timezoneId: ZONE });
    await page.goto(world.url('/reports'));
    // Worded and drawn as on the Users page: who may, and whom to ask.
    await expect(page.getByTestId('reports-forbidden').textContent()).resolves.toMatch(
      /^Only owners and admins can see reports\s*Ask an owner of Southern Lawn Care Co if you need these figures\.$/,
    );
    await expect(page.locator('[data-testid="report-chart"]').count()).resolves.toBe(0);
    // The core refuses them too, whatever the page shows.
    const office = await world.office('dispatch@southern-lawn.example');
    const result = await office.call('reports.get', { ...period, compare: true });
    expect(result).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    await page.context().close();
  });
});
