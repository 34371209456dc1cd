// `npm run bench:board`: the dispatch board in Chromium with 50 lanes and 600 jobs on one day — how
// long the day takes to paint, how long a dragged job takes to be saved and shown in its new place,
// and how smooth the frames are while a job is dragged.
//
// Targets (reported, not asserted; a miss prints `target_missed: <metric>`):
//   first render < 500 ms, drag commit p95 < 50 ms, frames < 16 ms.
// requestAnimationFrame fires once per display refresh, so a frame that is on time shows as one
// 60 Hz refresh interval (16.7 ms), never less: "frames < 16 ms" is checked as "p95 within one
// refresh interval", i.e. no dropped frames.
//
// What each figure measures (all on the page's own clock, performance.now()):
// - first_render_ms: median of 5 full page loads of `#/board?date=…` (after a warm-up load,
//   already signed in through a resume token): from navigation start (the page's time zero) to
//   the end of the first frame in which all 50 lanes are on the page and every lane in the window
//   shows all of its job cards — the frame's rendering has run when a message posted from its
//   requestAnimationFrame callback is handled. (Lanes far out of view draw their cards when
//   scrolled near, see renderer/src/features/board/Lanes.tsx; `cards_drawn_at_load` says how many
//   of the 600 were drawn.) Includes loading the app, the WebSocket connection and sign-in resume,
//   board.day, and React's render.
// - drag_commit_p50_ms / drag_commit_p95_ms: from the pointerup event (its timeStamp) until the
//   first frame has been drawn in which the card sits in its new lane at its new time (no dnd-kit
//   transform) AND the board.move answer accepting the move has reached the page. The board paints
//   the move optimistically before the core answers (useMoveJob → showOnBoards), so the painted
//   card alone does not prove the save; the answer is read from the app's WebSocket by the probe
//   (bench/support/board-page.ts), and after each drag the document is read back from the database.
//   drag_paint_p95_ms (new place painted) and drag_save_p95_ms (answer received) are the two halves.
// - frame_p95_ms: requestAnimationFrame intervals from pointerdown to pointerup over all measured
//   drags (15 pointer moves per drag, one every frame or two, as a mouse reports), 95th percentile.
//
// The server side runs as `npm run web` does, on the embedded defaults (bench/support/board-setup.ts);
// the drags go to free slots the scheduling rules accept (bench/support/board-plan.ts).
import { cpus, loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from 'mongodb';
import { chromium, type Browser, type Page } from 'playwright-core';
import { minutesOf } from '../shared/time';
import { CHROMIUM_ARGS, chromiumPath } from '../tests/e2e/support/browser';
import { LANES, type SeededDay } from './support/board-data';
import {
  answeredCalls,
  armCommit,
  commitTiming,
  dragFrames,
  firstRenderMs,
  installProbe,
  isQuiet,
  KEEP_NAMES_SHIM,
  socketTimes,
  type CommitTiming,
} from './support/board-page';
import { DragPlan, type Move } from './support/board-plan';
import { OWNER, startBoardServer } from './support/board-setup';
import { percentile, report } from './stats';

const RENDER_WARMUPS = 1;
const RENDER_RUNS = 5;
const DRAG_WARMUPS = 3;
const DRAG_RUNS = 40;
/** Pointer moves per drag, about one a frame, as a mouse reports them. */
const DRAG_STEPS = 15;
const STEP_INTERVAL_MS = 10;
/** After a drop the board has settled once no request is open and nothing arrived for this long. */
const QUIET_MS = 300;
/** No new drag starts this long after the start (a busy machine reports fewer `drags`). */
const DRAG_BUDGET_MS = 105_000;
const DEADLINE_MS = 150_000;

const REFRESH_MS = 1000 / 60;
const TARGETS = {
  first_render_ms: 500,
  drag_commit_p95_ms: 50,
  // "< 16 ms", read as within one refresh interval (see the top of the file), with timer jitter.
  frame_p95_ms: REFRESH_MS + 0.5,
};

const started = performance.now();
/** Progress on stderr with BENCH_VERBOSE=1; stdout carries only the figures. */
function progress(message: string): void {
  if (process.env.BENCH_VERBOSE) {
    console.error(`[${((performance.now() - started) / 1000).toFixed(1)} s] ${message}`);
  }
}

const cardSelector = (lane: string, id: string) =>
  `[data-testid="lane"][data-staff-id="${lane}"] [data-testid="job-card"][data-appointment-id="${id}"]`;
const timelineSelector = (lane: string) =>
  `[data-testid="lane"][data-staff-id="${lane}"] [data-testid="lane-timeline"]`;

async function box(page: Page, selector: string) {
  const found = await page.locator(selector).boundingBox();
  if (!found) throw new Error(`not on screen: ${selector}`);
  return found;
}

async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function signIn(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page
    .locator(
      '[data-testid="health-indicator"][data-connection="open"]:not([data-status="unknown"])',
    )
    .waitFor();
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password').fill(OWNER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('signed-in-as').waitFor();
}

/** A full page load of the board's day; ms from navigation start until every card is painted. */
async function loadBoard(page: Page, url: string): Promise<number> {
  // Via about:blank, as the same address with only another hash would not load the page again.
  await page.goto('about:blank');
  await page.goto(url);
  return withTimeout(page.evaluate(firstRenderMs), 60_000, 'the board did not show every job');
}

interface DragResult {
  timing: CommitTiming;
  /** requestAnimationFrame intervals while the pointer moved. */
  frames: number[];
  /** Where the database has the job afterwards: lane index and start minute. */
  landed: { lane: number; start: number };
}

async function drag(
  page: Page,
  db: Db,
  seeded: SeededDay,
  pxPerMinute: number,
  move: Move,
): Promise<DragResult> {
  const fromLane = seeded.lanes[move.job.lane] ?? '';
  const toLane = seeded.lanes[move.toLane] ?? '';
  // Put the job in the middle of the board, away from the edges where dnd-kit scrolls by itself
  // (its lane draws its cards once near the view).
  await page
    .locator(`[data-testid="lane"][data-staff-id="${fromLane}"]`)
    .evaluate((el) =>
      (el as unknown as { scrollIntoView(o: object): void }).scrollIntoView({ block: 'center' }),
    );
  await page.locator(cardSelector(fromLane, move.job.id)).waitFor();
  await page.locator(cardSelector(fromLane, move.job.id)).evaluate((el) =>
    (el as unknown as { scrollIntoView(o: object): void }).scrollIntoView({
      block: 'center',
      inline: 'center',
    }),
  );
  const from = await box(page, cardSelector(fromLane, move.job.id));
  const target = await box(page, timelineSelector(toLane));
  const dx = (move.toStart - move.job.start) * pxPerMinute;
  const start = { x: from.x + from.width / 2, y: from.y + from.height / 2 };
  const end = { x: start.x + dx, y: target.y + target.height / 2 };
  await page.evaluate(armCommit, {
    appointmentId: move.job.id,
    lane: toLane,
    offset: from.x - target.x + dx,
  });

  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  for (let i = 1; i <= DRAG_STEPS; i++) {
    await page.mouse.move(
      start.x + ((end.x - start.x) * i) / DRAG_STEPS,
      start.y + ((end.y - start.y) * i) / DRAG_STEPS,
    );
    await sleep(STEP_INTERVAL_MS);
  }
  await page.mouse.up();
  const timing = await page.evaluate(commitTiming);
  const stamps = await page.evaluate(dragFrames);
  // Let the refetches the move sets off finish, so the next drag starts on a quiet board.
  await page.waitForFunction(isQuiet, QUIET_MS, { polling: 50, timeout: 30_000 });

  const saved = await db.collection('appointments').findOne({ appointment_id: move.job.id });
  return {
    timing,
    frames: stamps.slice(1).map((t, i) => t - (stamps[i] ?? t)),
    landed: {
      lane: seeded.lanes.indexOf(String(saved?.assigned_staff_ids?.[0])),
      start: minutesOf(String(saved?.scheduled_start_time)),
    },
  };
}

/** stats.report prints two decimals below 100; counts are whole. */
const count = (metric: string, n: number) => console.log(`${metric}: ${n} count`);

const sorted = (values: number[]) => values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);

async function main(): Promise<void> {
  const [load] = loadavg();
  if (load !== undefined && load > cpus().length) {
    console.error(
      `bench:board: the machine is busy (load ${load.toFixed(1)} on ${cpus().length} CPUs); the figures will be inflated.`,
    );
  }
  const server = await startBoardServer();
  let browser: Browser | undefined;
  try {
    const { db, host, seeded } = server;
    progress(`seeded ${seeded.jobs.length} jobs on ${seeded.date}`);
    browser = await chromium.launch({
      executablePath: chromiumPath(),
      headless: true,
      args: CHROMIUM_ARGS,
    });
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    await context.addInitScript({ content: KEEP_NAMES_SHIM });
    await context.addInitScript(installProbe, LANES);
    const page = await context.newPage();
    await signIn(page, host.url);
    progress('signed in');

    const boardUrl = `${host.origin}/#/board?date=${seeded.date}`;
    const renders: number[] = [];
    for (let i = 0; i < RENDER_WARMUPS + RENDER_RUNS; i++) {
      const ms = await loadBoard(page, boardUrl);
      const calls = await page.evaluate(answeredCalls);
      const socket = await page.evaluate(socketTimes);
      progress(
        `board load ${i}: painted at ${ms.toFixed(0)} ms; socket ${socket?.createdAt.toFixed(0)}–${socket?.openedAt?.toFixed(0)}, ${calls.map((c) => `${c.channel} ${c.sentAt.toFixed(0)}–${c.answeredAt.toFixed(0)}`).join(', ')}`,
      );
      if (i >= RENDER_WARMUPS) renders.push(ms);
    }
    // Every job is on the board (the lanes count them), though only lanes near the view draw cards.
    const counts = await page
      .locator('[data-testid="lane"]')
      .evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-job-count'))));
    const cards = counts.reduce((a, b) => a + b, 0);
    const lanes = counts.length;
    const drawn = await page.locator('[data-testid="job-card"]').count();
    if (cards !== seeded.jobs.length || lanes !== LANES) {
      throw new Error(`the board shows ${cards} jobs in ${lanes} lanes`);
    }

    // Pixels per minute from two cards an hour apart in the first lane, not from layout constants.
    const [first, second] = seeded.jobs;
    if (!first || !second || second.start - first.start !== 60) throw new Error('unexpected seed');
    const hourPx =
      (await box(page, cardSelector(first.staff_id, second.appointment_id))).x -
      (await box(page, cardSelector(first.staff_id, first.appointment_id))).x;

    const plan = new DragPlan(seeded);
    const commits: number[] = [];
    const paints: number[] = [];
    const saves: number[] = [];
    const frames: number[] = [];
    let failures = 0;
    for (let i = 0; i < DRAG_WARMUPS + DRAG_RUNS; i++) {
      if (performance.now() - started > DRAG_BUDGET_MS && commits.length > 0) {
        console.error(`bench:board: stopped after ${commits.length} drags (time budget)`);
        break;
      }
      const move = plan.next(i);
      const since = await page.evaluate(() => performance.now());
      const result = await drag(page, db, seeded, hourPx / 60, move);
      const calls = (await page.evaluate(answeredCalls)).filter((c) => c.sentAt >= since);
      progress(
        `drag ${i}: ${JSON.stringify(result.timing)}; ${calls.map((c) => `${c.channel} ${(c.answeredAt - c.sentAt).toFixed(0)} ms`).join(', ')}`,
      );
      const { landed } = result;
      plan.apply({ ...move, toLane: landed.lane, toStart: landed.start });
      if (!result.timing.ok || landed.lane !== move.toLane || landed.start !== move.toStart) {
        failures++;
        const why = result.timing.ok
          ? `saved in lane ${landed.lane} at minute ${landed.start}, not where it was dropped`
          : result.timing.timedOut
            ? 'not shown in place and saved within 10 s'
            : 'refused';
        console.error(`bench:board: drag ${i} of ${move.job.id} was ${why}`);
        await page.keyboard.press('Escape');
        continue;
      }
      if (i < DRAG_WARMUPS) continue;
      commits.push(result.timing.committedMs);
      paints.push(result.timing.paintedMs);
      saves.push(result.timing.savedMs);
      frames.push(...result.frames);
    }

    const figures = {
      first_render_ms: percentile(sorted(renders), 50),
      drag_commit_p95_ms: percentile(sorted(commits), 95),
      frame_p95_ms: percentile(sorted(frames), 95),
    };
    count('jobs', cards);
    count('lanes', lanes);
    count('cards_drawn_at_load', drawn);
    report('first_render_ms', figures.first_render_ms, 'ms');
    report('drag_commit_p50_ms', percentile(sorted(commits), 50), 'ms');
    report('drag_commit_p95_ms', figures.drag_commit_p95_ms, 'ms');
    report('drag_paint_p95_ms', percentile(sorted(paints), 95), 'ms');
    report('drag_save_p95_ms', percentile(sorted(saves), 95), 'ms');
    report('frame_p95_ms', figures.frame_p95_ms, 'ms');
    count('drags', commits.length);
    if (failures > 0) count('drag_failures', failures);
    for (const [metric, target] of Object.entries(TARGETS)) {
      if (!(figures[metric as keyof typeof figures] < target)) {
        console.log(`target_missed: ${metric}`);
      }
    }
  } finally {
    await browser?.close();
    await server.close();
  }
}

const deadline = setTimeout(() => {
  console.error(`bench:board: not finished after ${DEADLINE_MS / 1000} s`);
  process.exit(1);
}, DEADLINE_MS);
deadline.unref();
await main().catch((error: unknown) => {
  console.error(`bench:board failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exitCode = 1;
});
