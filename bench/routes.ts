// `npm run bench:routes`: how close the route optimizer (electron/core/routing) gets to the optimum,
// how much shorter its routes are than simpler orders, and how long it takes.
//
// Target (reported, not asserted; a miss prints `target_missed: <metric>`): solve_ms < 1000.
//
// Days are seeded (tests/unit/routing/instances.ts) around Birmingham, AL, on the straight-line
// travel model (road factor 1.3, 40 km/h), 5-minute snap:
// - small_gap_to_optimum_pct: the worst, over 300 one-crew days of 5–9 stops (loose, tight and
//   plain: see SMALL), of how much longer the optimizer's route is than the brute-force optimum.
// - vs_nearest_neighbour_pct / vs_original_pct: how much shorter (km) the optimizer's day is than
//   the nearest-neighbour order of each crew's jobs / than the current day, averaged over 8 one-crew
//   days of 40 stops and 8 days of 6 crews × 25 stops (optimizeDay, crew changes allowed;
//   nearest neighbour keeps each crew's jobs). The current day is the order clients booked in,
//   each crew working its own part of town (see instances.ts): realistic, not optimized.
//   A day on which nearest neighbour finds no feasible order is left out of that average.
// - solve_ms: the slowest single optimizeCrew / optimizeDay call on those 16 large days.
// Per-family figures go to stderr.
import { cpus, loadavg } from 'node:os';
import {
  bruteForceCrew,
  nearestNeighbourCrew,
  optimizeCrew,
  optimizeDay,
  straightLineTravel,
  type RouteCrew,
  type RouteProposal,
} from '../electron/core/routing';
import type { Result } from '../shared/contract/result';
import { makeDay, type DayShape } from '../tests/unit/routing/instances';
import { percentile, report } from './stats';

const SOLVE_TARGET_MS = 1000;
const SMALL_DAYS_PER_SHAPE = 100;
const LARGE_DAYS = 8;
const SEED_BASE = 50_000;

const SMALL: readonly DayShape[] = [
  {
    crews: 1,
    stopsPerCrew: [5, 9],
    radiusKm: 12,
    duration: [15, 60],
    lockedShare: 0.15,
    windowShare: 0.2,
    slackMinutes: 30,
  },
  {
    crews: 1,
    stopsPerCrew: [7, 9],
    radiusKm: 15,
    duration: [20, 90],
    lockedShare: 0.2,
    windowShare: 0.3,
    slackMinutes: 0,
    minGapMinutes: 15,
    snapMinutes: 15,
  },
  { crews: 1, stopsPerCrew: [8, 9], radiusKm: 8, duration: [10, 30], slackMinutes: 240 },
];
const ONE_CREW_40: DayShape = {
  crews: 1,
  stopsPerCrew: 40,
  radiusKm: 5,
  duration: [5, 15],
  lockedShare: 0.1,
  windowShare: 0.15,
};
const SIX_CREWS_25: DayShape = {
  crews: 6,
  stopsPerCrew: 25,
  radiusKm: 12,
  duration: [5, 20],
  lockedShare: 0.1,
  windowShare: 0.15,
  equipmentShare: 0.3,
};

const travel = straightLineTravel();

function value(result: Result<RouteProposal>): RouteProposal {
  if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`);
  return result.value;
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const shorterPct = (than: number, km: number) => ((than - km) / than) * 100;

function smallGap(): number {
  let worst = 0;
  SMALL.forEach((shape, family) => {
    const options = {
      travel,
      minGapMinutes: shape.minGapMinutes ?? 0,
      snapMinutes: shape.snapMinutes ?? 5,
    };
    for (let seed = 1; seed <= SMALL_DAYS_PER_SHAPE; seed++) {
      const day = makeDay(SEED_BASE + 1000 * family + seed, shape);
      const input = { crew: day.crews[0] as RouteCrew, stops: day.stops };
      const optimized = value(optimizeCrew(input, options)).after.km;
      const optimum = value(bruteForceCrew(input, options)).after.km;
      worst = Math.max(worst, (optimized / optimum - 1) * 100);
    }
  });
  return worst;
}

interface Large {
  vsNearest: number[];
  vsOriginal: number[];
  solveMs: number[];
  nearestFailed: number;
}

function large(shape: DayShape, label: string, into: Large): void {
  const family: Large = { vsNearest: [], vsOriginal: [], solveMs: [], nearestFailed: 0 };
  for (let seed = 1; seed <= LARGE_DAYS; seed++) {
    const day = makeDay(SEED_BASE + seed, shape);
    const started = performance.now();
    const proposal = value(
      shape.crews === 1
        ? optimizeCrew({ crew: day.crews[0] as RouteCrew, stops: day.stops }, { travel })
        : optimizeDay(day, { travel }),
    );
    family.solveMs.push(performance.now() - started);
    family.vsOriginal.push(shorterPct(proposal.before.km, proposal.after.km));
    let nearestKm = 0;
    let nearestFound = true;
    for (const crew of day.crews) {
      const stops = day.stops.filter((s) => s.crew_id === crew.crew_id);
      const nearest = value(nearestNeighbourCrew({ crew, stops }, { travel })).crews[0];
      if (!nearest || nearest.status === 'infeasible') nearestFound = false;
      nearestKm += nearest?.after.km ?? 0;
    }
    if (nearestFound) family.vsNearest.push(shorterPct(nearestKm, proposal.after.km));
    else family.nearestFailed++;
  }
  console.error(
    `${label}: vs nearest neighbour ${mean(family.vsNearest).toFixed(1)}% (${family.vsNearest.length} days; no feasible nearest-neighbour order on ${family.nearestFailed}), ` +
      `vs original ${mean(family.vsOriginal).toFixed(1)}%, solve ${family.solveMs.map((ms) => ms.toFixed(0)).join(' / ')} ms`,
  );
  into.vsNearest.push(...family.vsNearest);
  into.vsOriginal.push(...family.vsOriginal);
  into.solveMs.push(...family.solveMs);
  into.nearestFailed += family.nearestFailed;
}

function main(): void {
  const [load] = loadavg();
  if (load !== undefined && load > cpus().length) {
    console.error(
      `bench:routes: the machine is busy (load ${load.toFixed(1)} on ${cpus().length} CPUs); solve_ms will be inflated.`,
    );
  }
  const gap = smallGap();
  const all: Large = { vsNearest: [], vsOriginal: [], solveMs: [], nearestFailed: 0 };
  large(ONE_CREW_40, '1 crew × 40 stops', all);
  large(SIX_CREWS_25, '6 crews × 25 stops', all);
  const sorted = all.solveMs.slice().sort((a, b) => a - b);
  console.error(`solve p50 ${percentile(sorted, 50).toFixed(0)} ms over ${sorted.length} days`);
  const solveMs = sorted[sorted.length - 1] ?? Number.NaN;
  report('small_gap_to_optimum_pct', gap, '%');
  report('vs_nearest_neighbour_pct', mean(all.vsNearest), '%');
  report('vs_original_pct', mean(all.vsOriginal), '%');
  report('solve_ms', solveMs, 'ms');
  if (!(solveMs < SOLVE_TARGET_MS)) console.log('target_missed: solve_ms');
}

main();
