// Route optimization (issue 7): proposes the order, times and crews of one day's jobs that drive the least, for the dispatcher to accept or not.
//
// Why our own heuristic: no maintained npm package solves routing with time windows offline. The
// candidates are a cloud API client (@googlemaps/routeoptimization: needs a key and the network),
// general LP/MIP solvers (javascript-lp-solver and forks: a time-window TSP model of 25+ stops is
// far too slow for an interactive button), and the real VRP solvers (OR-Tools, VROOM, jsprit) have
// no npm package. The problem here is small (≤ ~40 stops a crew, a handful of crews), where
// iterated local search is near-optimal: within 2% of brute force on ≤ 9 stops (tests) and well
// under a second on a 6-crew day (bench/routes.ts).
//
// How: each crew's route starts from its current order, cheapest insertion and nearest neighbour;
// local search (2-opt, or-opt of 1–3 stops, exchange) improves it, then seeded restarts from
// random feasible moves, ruin-and-recreate and random-order insertion (and, on routes of ≤ 14
// stops, a repair search that passes through late orders) look for better local optima.
// optimizeDay then relocates and exchanges unlocked stops between crews that may do them. Every
// route returned passes `schedule`, and a day is only replaced by a cheaper one.
//
// Objective: total km; travel minutes break ties. Result: a proposal — the current day when
// nothing cheaper is feasible, and a crew whose jobs cannot be fitted at all is reported as
// 'infeasible' and left as it is.
import type { Result } from '../../../shared/contract/result';
import { hhmm, type TimeOfDay } from '../../../shared/time';
import {
  buildProblem,
  currentRoutes,
  currentTimesFit,
  EPSILON,
  routeCost,
  routeSum,
  schedule,
  validateInput,
  type Problem,
  type RouteCrew,
  type RouteOptions,
  type RouteStop,
} from './problem';
import { cheapestInsertion, nearestNeighbour, searchDay, seededRandom, solveRoute } from './search';
import { straightLineTravel } from './travel';

export interface Travel {
  km: number;
  travel_minutes: number;
}

export interface ProposedStop {
  appointment_id: string;
  crew_id: string;
  start: TimeOfDay;
  end: TimeOfDay;
  start_minutes: number;
  end_minutes: number;
  /** The crew or the start differs from `previous`. */
  changed: boolean;
  previous: { crew_id: string; start: TimeOfDay };
}

export interface CrewProposal {
  crew_id: string;
  /**
   * 'optimized': some stop changes; 'unchanged': the current day is the best found; 'infeasible':
   * no order fits the crew's hours, windows and locked jobs (its day is shown as it is now).
   */
  status: 'optimized' | 'unchanged' | 'infeasible';
  reason?: string;
  /** In driving order. */
  stops: ProposedStop[];
  before: Travel;
  after: Travel;
}

export interface RouteProposal {
  crews: CrewProposal[];
  before: Travel;
  after: Travel;
  saved: Travel;
  /** Appointments whose crew or start would change. */
  moved: string[];
}

export interface DayInput {
  crews: readonly RouteCrew[];
  stops: readonly RouteStop[];
}

export interface CrewInput {
  crew: RouteCrew;
  /** All of them assigned to `crew`. */
  stops: readonly RouteStop[];
}

const DEFAULT_SEED = 7;
/** Brute force tries every order: 10! = 3.6 million is the most it is asked to try. */
const BRUTE_FORCE_LIMIT = 10;

/**
 * Restart rounds of one crew's search. Short routes get many (each is cheap, and tight days need
 * them to reach the optimum: 200 keeps ≤ 9-stop days within 2% in the tests); long ones grow with
 * the route to stay under a second.
 */
const crewRounds = (stops: number, effort: number) =>
  Math.ceil(effort * (stops <= 12 ? 200 : 20 + 4 * stops));
const dayRounds = (crews: number, effort: number) => Math.ceil(effort * 8 * crews);

/**
 * Optimizes every crew of one day; with allowCrewChanges (the default) unlocked jobs may move to
 * another crew that has the skills and equipment they require.
 */
export function optimizeDay(input: DayInput, options: RouteOptions = {}): Result<RouteProposal> {
  const allowMoves = options.allowCrewChanges ?? true;
  const effort = options.effort ?? 1;
  return plan(input, options, allowMoves ? 'day' : 'crew', (p, current) => {
    const random = seededRandom(options.seed ?? DEFAULT_SEED);
    const routes = current.map((seq, c) =>
      solveRoute(
        p,
        c,
        [seq, cheapestInsertion(p, c, seq), nearestNeighbour(p, c, seq)],
        random,
        crewRounds(seq.length, effort),
      ),
    );
    const open = routes.map((seq) => seq !== null);
    if (!allowMoves || open.filter(Boolean).length < 2) return routes;
    const day = searchDay(
      p,
      routes.map((seq, c) => seq ?? (current[c] as number[])),
      open,
      random,
      dayRounds(p.crews.length, effort),
    );
    // Routes that took in new stops get a short search of their own.
    return day.map((seq, c) =>
      open[c]
        ? solveRoute(p, c, [seq], random, Math.ceil(crewRounds(seq.length, effort) / 4))
        : null,
    );
  });
}

/** Optimizes one crew's day: the order and times of its jobs; none moves to another crew. */
export function optimizeCrew(input: CrewInput, options: RouteOptions = {}): Result<RouteProposal> {
  const wrong = crewMismatch(input);
  if (wrong) return wrong;
  return optimizeDay(
    { crews: [input.crew], stops: input.stops },
    { ...options, allowCrewChanges: false },
  );
}

/**
 * The exact optimum for one crew by trying every order (at most 10 stops), with the same rules as
 * the optimizer; for tests and the benchmark.
 */
export function bruteForceCrew(
  input: CrewInput,
  options: RouteOptions = {},
): Result<RouteProposal> {
  const wrong = crewMismatch(input);
  if (wrong) return wrong;
  if (input.stops.length > BRUTE_FORCE_LIMIT) {
    return {
      ok: false,
      error: {
        kind: 'validation',
        message: `Brute force takes at most ${BRUTE_FORCE_LIMIT} stops`,
      },
    };
  }
  return plan({ crews: [input.crew], stops: input.stops }, options, 'crew', (p, current) => [
    bestPermutation(p, 0, current[0] ?? []),
  ]);
}

/**
 * The nearest-neighbour order for one crew, as it is (never replaced by the current day even when
 * that is shorter; 'infeasible' when it finds no feasible order): the benchmark's baseline.
 */
export function nearestNeighbourCrew(
  input: CrewInput,
  options: RouteOptions = {},
): Result<RouteProposal> {
  const wrong = crewMismatch(input);
  if (wrong) return wrong;
  return plan({ crews: [input.crew], stops: input.stops }, options, 'none', (p, current) => [
    nearestNeighbour(p, 0, current[0] ?? []),
  ]);
}

function crewMismatch({ crew, stops }: CrewInput): Result<never> | null {
  const other = stops.find((stop) => stop.crew_id !== crew.crew_id);
  if (!other) return null;
  return {
    ok: false,
    error: {
      kind: 'validation',
      message: `Appointment ${other.appointment_id} is not assigned to crew ${crew.crew_id}`,
      details: { appointment_id: other.appointment_id },
    },
  };
}

/** Heap's algorithm over every order; only orders cheaper than the best so far are scheduled. */
function bestPermutation(p: Problem, crew: number, stops: readonly number[]): number[] | null {
  const seq = stops.slice();
  const counters = new Array<number>(seq.length).fill(0);
  let best: number[] | null = null;
  let bestCost = Infinity;
  const visit = () => {
    const c = routeCost(p, crew, seq);
    if (c < bestCost - EPSILON && schedule(p, crew, seq)) {
      best = seq.slice();
      bestCost = c;
    }
  };
  visit();
  for (let i = 1; i < seq.length;) {
    const counter = counters[i] as number;
    if (counter < i) {
      const j = i % 2 === 0 ? 0 : counter;
      [seq[j], seq[i]] = [seq[i] as number, seq[j] as number];
      visit();
      counters[i] = counter + 1;
      i = 1;
    } else {
      counters[i] = 0;
      i++;
    }
  }
  return best;
}

/**
 * How a search's routes are compared with the current day: 'crew' keeps a crew's current day
 * unless its new route is cheaper, 'day' keeps the whole current day unless the new one is cheaper
 * in total (crews are coupled by moved stops), 'none' takes the routes as they are (baselines).
 */
type Keep = 'crew' | 'day' | 'none';
type Solver = (p: Problem, current: number[][]) => (number[] | null)[];

function plan(
  input: DayInput,
  options: RouteOptions,
  keep: Keep,
  solve: Solver,
): Result<RouteProposal> {
  const invalid = validateInput(input.crews, input.stops, options);
  if (invalid) return { ok: false, error: invalid };
  const p = buildProblem(input.crews, input.stops, options.travel ?? straightLineTravel(), options);
  const current = currentRoutes(p);
  const fits = current.map((seq, c) => currentTimesFit(p, c, seq));
  const found = solve(p, current);
  const costOf = (c: number, seq: number[] | null | undefined) =>
    seq ? routeCost(p, c, seq) : Infinity;
  const chosen: (number[] | null)[] = found.map((seq, c) => {
    const now = current[c] as number[];
    if (keep === 'crew' && fits[c] && !(costOf(c, seq) < routeCost(p, c, now) - EPSILON)) {
      return now;
    }
    if (keep === 'none') return seq;
    return seq ?? (fits[c] ? now : null);
  });
  if (keep === 'day' && fits.every(Boolean)) {
    const total = (routes: (number[] | null)[]) =>
      routes.reduce((sum, seq, c) => sum + costOf(c, seq), 0);
    if (!(total(chosen) < total(current) - EPSILON)) chosen.splice(0, chosen.length, ...current);
  }
  return { ok: true, value: proposal(p, current, fits, chosen) };
}

function proposal(
  p: Problem,
  current: number[][],
  fits: boolean[],
  chosen: (number[] | null)[],
): RouteProposal {
  const travel = (c: number, seq: readonly number[]): Travel => ({
    km: routeSum(p, p.km, c, seq),
    travel_minutes: routeSum(p, p.minutes, c, seq),
  });
  const crews = p.crews.map((crew, c): CrewProposal => {
    const now = current[c] as number[];
    const seq = chosen[c] ?? null;
    const kept = seq === null || (fits[c] && sameOrder(seq, now));
    const order = seq ?? now;
    const starts = order.map((s) => (p.stops[s] as RouteStop).start_minutes);
    if (!kept) schedule(p, c, order, starts);
    const stops = order.map((s, k): ProposedStop => {
      const stop = p.stops[s] as RouteStop;
      const start = starts[k] as number;
      const end = start + stop.duration_minutes;
      return {
        appointment_id: stop.appointment_id,
        crew_id: crew.crew_id,
        start: hhmm(start),
        end: hhmm(end),
        start_minutes: start,
        end_minutes: end,
        changed: start !== stop.start_minutes || crew.crew_id !== stop.crew_id,
        previous: { crew_id: stop.crew_id, start: hhmm(stop.start_minutes) },
      };
    });
    const infeasible = seq === null;
    return {
      crew_id: crew.crew_id,
      status: infeasible ? 'infeasible' : stops.some((s) => s.changed) ? 'optimized' : 'unchanged',
      ...(infeasible
        ? {
            reason:
              "No order of this crew's jobs fits its hours, the jobs' windows and locked times",
          }
        : {}),
      stops,
      before: travel(c, now),
      after: travel(c, order),
    };
  });
  const sum = (pick: (crew: CrewProposal) => Travel): Travel => ({
    km: crews.reduce((total, crew) => total + pick(crew).km, 0),
    travel_minutes: crews.reduce((total, crew) => total + pick(crew).travel_minutes, 0),
  });
  const before = sum((crew) => crew.before);
  const after = sum((crew) => crew.after);
  return {
    crews,
    before,
    after,
    saved: {
      km: before.km - after.km,
      travel_minutes: before.travel_minutes - after.travel_minutes,
    },
    moved: crews.flatMap((crew) =>
      crew.stops.filter((s) => s.changed).map((s) => s.appointment_id),
    ),
  };
}

const sameOrder = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((s, k) => s === b[k]);
