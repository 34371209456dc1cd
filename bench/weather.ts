// `npm run bench:weather`: one weather-watch sweep of 50 businesses × 2,000 upcoming jobs (100,000
// jobs within the businesses' 48-hour windows), on the embedded database (the built
// out/embedded-db, in its own process) with a local fake of Open-Meteo as the provider.
//
// No target: the figures are reported as they are.
// - sweep_ms: wall time of one full core.sweepWeather() from a cold forecast cache (the first
//   sweep). Includes the fake provider's answers, which run in this process.
// - provider_calls: calls the fake received during that sweep (checked against the sweep's totals).
// - distinct_cells_days: the sweep's distinct 0.1° cell and local date pairs.
// - jobs_checked / jobs_at_risk: the first sweep's totals.
// - second_sweep_ms / second_provider_calls: a second sweep right after, which must answer from
//   the cache (0 calls); it still redoes every proposal of a job at risk.
//
// The world (bench/support/weather-data.ts): 8 metros in four US time zones, 6–7 businesses each
// sharing its cells; each business has 100 one-person crews, 1,500 clients up to 30 km from the
// metro's centre and 2,000 jobs on the hour over its next 48 hours. It rains (85%) over part of
// Dallas tomorrow 12:00–18:00, so some hundreds of jobs are at risk and get proposals.
// BENCH_VERBOSE=1 says on stderr how seeding went and what the sweeps found; mismatches between
// what was seeded and what the sweep counted are always said. A business the sweep could not check
// (its error is logged) makes the figures meaningless: the run then says so and exits with 1.
// BENCH_WEATHER_BUSINESSES=n seeds only the first n businesses (a smaller run, for profiling).
import { cpus, loadavg } from 'node:os';
import type { Db } from 'mongodb';
import type { ProposalDoc } from '../electron/core/services/weather/sweep';
import type { SweepTotals } from '../electron/core/services/weather/watch';
import { report } from './stats';
import { startWeatherBench } from './support/weather-setup';
import { BUSINESSES, type SeededWorld } from './support/weather-data';

const verbose = Boolean(process.env.BENCH_VERBOSE);
const progress = (line: string) => {
  if (verbose) console.error(`bench:weather: ${line}`);
};
const warn = (line: string) => console.error(`bench:weather: ${line}`);

/** A count in the `<metric>: <value> <unit>` form of stats.ts's report, without decimals. */
function count(metric: string, value: number, unit: string): void {
  console.log(`${metric}: ${value} ${unit}`);
}

const totalsText = (t: SweepTotals) =>
  `${t.businesses} businesses, ${t.checked} jobs checked, ${t.at_risk} at risk, ${t.proposals} open proposals, ` +
  `${t.provider_calls} provider calls, ${t.distinct_cells_days} cell-days, ${t.alerts} alerts`;

/** Says where the first sweep's totals differ from what the seed implies. */
function crossCheck(world: SeededWorld, totals: SweepTotals, fakeCalls: number): void {
  const expect = (what: string, got: number, wanted: number) => {
    if (got !== wanted) warn(`${what}: the sweep counted ${got}, expected ${wanted}`);
  };
  expect('businesses swept', totals.businesses, world.businesses);
  expect('jobs checked', totals.checked, world.jobs);
  expect('jobs at risk (jobs seeded in the rain)', totals.at_risk, world.inRain);
  expect('open proposals', totals.proposals, world.inRain);
  expect('provider calls (its own count vs the fake’s)', totals.provider_calls, fakeCalls);
  expect('provider calls (one per cell of a job)', fakeCalls, world.cells);
  expect('distinct cell-days', totals.distinct_cells_days, world.cellDays);
  expect('alerts (businesses with jobs in the rain)', totals.alerts, world.businessesInRain);
}

/** What the proposals came to, and whether any two offer the same crew the same slot. */
async function describeProposals(db: Db): Promise<void> {
  const open = await db
    .collection<ProposalDoc>('weather_proposals')
    .find({ status: 'open' })
    .toArray();
  const moves = open.filter((p) => p.after !== null);
  const sameDay = moves.filter((p) => p.after?.date === p.before.date);
  const sameCrew = moves.filter((p) => p.same_crew);
  const taken = new Map<string, number>();
  for (const p of moves) {
    for (const staffId of p.after?.staff_ids ?? []) {
      const key = `${p.business_id}|${staffId}|${p.after?.date}|${p.after?.start}`;
      taken.set(key, (taken.get(key) ?? 0) + 1);
    }
  }
  const shared = [...taken.values()].filter((n) => n > 1);
  progress(
    `proposals: ${open.length} open, ${moves.length} moves (${sameDay.length} the same day, ${sameCrew.length} with the same crew), ` +
      `${open.length - moves.length} without a slot`,
  );
  if (shared.length) {
    warn(
      `${shared.reduce((a, b) => a + b, 0)} moves offer ${shared.length} crew slots to more than one job at once: ` +
        'approving them all would double-book those crews',
    );
  }
  const move = moves[0];
  if (move) progress(`e.g. ${move.note}`);
  const none = open.find((p) => p.after === null);
  if (none) progress(`e.g. ${none.note}`);
}

async function main(): Promise<void> {
  const [load] = loadavg();
  if (load !== undefined && load > cpus().length) {
    warn(
      `the machine is busy (load ${load.toFixed(1)} on ${cpus().length} CPUs); the times will be inflated.`,
    );
  }
  const businesses = Number(process.env.BENCH_WEATHER_BUSINESSES ?? BUSINESSES);
  if (!Number.isInteger(businesses) || businesses < 1 || businesses > BUSINESSES) {
    throw new Error(`BENCH_WEATHER_BUSINESSES must be a whole number from 1 to ${BUSINESSES}`);
  }
  if (businesses !== BUSINESSES) warn(`a smaller run: ${businesses} businesses, not ${BUSINESSES}`);
  const bench = await startWeatherBench(businesses, progress);
  try {
    const { core, db, seeded: world } = bench.server;
    progress(
      `seeded ${world.businesses} businesses, ${world.staff} crews, ${world.clients} clients and ${world.jobs} jobs ` +
        `in ${(world.seedMs / 1000).toFixed(1)} s; the jobs lie in ${world.cells} cells (${world.cellDays} cell-days), ` +
        `${world.inRain} of them in the rain (${world.businessesInRain} businesses)`,
    );
    bench.weather.reset();
    progress('first sweep…');

    let started = performance.now();
    const first = await core.sweepWeather();
    const sweepMs = performance.now() - started;
    const firstCalls = bench.weather.calls.length;
    progress(`first sweep: ${totalsText(first)} in ${(sweepMs / 1000).toFixed(1)} s`);
    crossCheck(world, first, firstCalls);
    const failed = world.businesses - first.businesses;
    if (failed) {
      warn(
        `the first sweep could not check ${failed} of ${world.businesses} businesses (see the errors ` +
          'logged above): its figures do not measure a full sweep',
      );
      process.exitCode = 1;
    }
    report('sweep_ms', sweepMs, 'ms');
    count('provider_calls', firstCalls, 'calls');
    count('distinct_cells_days', first.distinct_cells_days, 'cell-days');
    count('jobs_checked', first.checked, 'jobs');
    count('jobs_at_risk', first.at_risk, 'jobs');
    if (failed) count('businesses_failed', failed, 'businesses');
    // What follows is printed whatever the database says: one too busy to answer is itself a finding.
    await describeProposals(db).catch((error: unknown) =>
      warn(`the proposals could not be read: ${error instanceof Error ? error.message : error}`),
    );

    started = performance.now();
    const second = await core.sweepWeather().catch((error: unknown) => {
      warn(`the second sweep failed: ${error instanceof Error ? error.message : error}`);
      return null;
    });
    const secondMs = performance.now() - started;
    const secondCalls = bench.weather.calls.length - firstCalls;
    if (!second) {
      process.exitCode = 1;
      return;
    }
    progress(`second sweep: ${totalsText(second)} in ${(secondMs / 1000).toFixed(1)} s`);
    if (secondCalls !== 0 || second.provider_calls !== 0) {
      warn(
        `the second sweep asked the provider ${secondCalls} times (it counted ${second.provider_calls}): ` +
          'the forecasts cached by the first sweep were not used',
      );
    }
    if (second.alerts !== 0) warn(`the second sweep raised ${second.alerts} alerts again`);
    const failedAgain = world.businesses - second.businesses;
    if (failedAgain) {
      warn(`the second sweep could not check ${failedAgain} of ${world.businesses} businesses`);
      process.exitCode = 1;
    }
    report('second_sweep_ms', secondMs, 'ms');
    count('second_provider_calls', secondCalls, 'calls');
    if (failedAgain) count('second_businesses_failed', failedAgain, 'businesses');
  } finally {
    await bench.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
