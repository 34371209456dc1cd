// The search behind the optimizer: constructions, local search (2-opt, or-opt, exchange, moves between crews) and seeded restarts.
import {
  EPSILON,
  endNode,
  lateness,
  MINUTES_PER_DAY,
  routeCost,
  schedule,
  startNode,
  type Problem,
  type RouteCrew,
} from './problem';

/** mulberry32: a small seedable PRNG, so every proposal is reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const randomInt = (random: () => number, below: number) => Math.floor(random() * below);

/**
 * Cheapest insertion: the locked stops in time order form the skeleton; the others go in one by
 * one (tightest window first, or in random order when `random` is given), each where it adds the
 * least cost and the schedule stays feasible. Null when some stop fits nowhere.
 */
export function cheapestInsertion(
  p: Problem,
  crew: number,
  stops: readonly number[],
  random?: () => number,
): number[] | null {
  const seq = stops
    .filter((s) => (p.fixedStart[s] as number) >= 0)
    .sort((a, b) => (p.fixedStart[a] as number) - (p.fixedStart[b] as number));
  if (!schedule(p, crew, seq)) return null;
  const from = startNode(p, crew);
  const loose = stops
    .filter((s) => (p.fixedStart[s] as number) < 0)
    .sort(
      (a, b) =>
        (p.latest[a] as number) - (p.latest[b] as number) ||
        (p.cost[from * p.size + b] as number) - (p.cost[from * p.size + a] as number) ||
        a - b,
    );
  // A random order of insertion gives the search a different, still feasible, place to start.
  if (random) {
    for (let i = loose.length - 1; i > 0; i--) {
      const j = randomInt(random, i + 1);
      [loose[i], loose[j]] = [loose[j] as number, loose[i] as number];
    }
  }
  return insertAll(p, crew, seq, loose) ? seq : null;
}

/** Inserts each of `stops` in turn where it adds the least cost and `seq` stays feasible. */
function insertAll(p: Problem, crew: number, seq: number[], stops: readonly number[]): boolean {
  const from = startNode(p, crew);
  for (const stop of stops) {
    let bestAt = -1;
    let bestDelta = Infinity;
    for (let at = 0; at <= seq.length; at++) {
      const before = at === 0 ? from : (seq[at - 1] as number);
      const after = at === seq.length ? endNode(p, crew) : (seq[at] as number);
      const delta =
        (p.cost[before * p.size + stop] as number) +
        (p.cost[stop * p.size + after] as number) -
        (p.cost[before * p.size + after] as number);
      if (delta >= bestDelta) continue;
      seq.splice(at, 0, stop);
      if (schedule(p, crew, seq)) {
        bestAt = at;
        bestDelta = delta;
      }
      seq.splice(at, 1);
    }
    if (bestAt < 0) return false;
    seq.splice(bestAt, 0, stop);
  }
  return true;
}

/**
 * Ruin and recreate: 2–4 unlocked stops (a random one and those nearest it, or random ones) are
 * taken out and put back in random order at their cheapest feasible places. Null when one fits
 * nowhere.
 */
function ruinAndRecreate(
  p: Problem,
  crew: number,
  seq: readonly number[],
  random: () => number,
): number[] | null {
  const loose = seq.filter((s) => (p.fixedStart[s] as number) < 0);
  if (loose.length < 2) return null;
  const count = Math.min(loose.length, 2 + randomInt(random, 3));
  const seed = loose[randomInt(random, loose.length)] as number;
  let removed: number[];
  if (random() < 0.5) {
    removed = loose
      .slice()
      .sort(
        (a, b) =>
          (p.cost[seed * p.size + a] as number) - (p.cost[seed * p.size + b] as number) || a - b,
      )
      .slice(0, count);
  } else {
    removed = loose.slice();
    for (let i = removed.length - 1; i > 0; i--) {
      const j = randomInt(random, i + 1);
      [removed[i], removed[j]] = [removed[j] as number, removed[i] as number];
    }
    removed = removed.slice(0, count);
  }
  const out = seq.filter((s) => !removed.includes(s));
  if (!schedule(p, crew, out)) return null;
  for (let i = removed.length - 1; i > 0; i--) {
    const j = randomInt(random, i + 1);
    [removed[i], removed[j]] = [removed[j] as number, removed[i] as number];
  }
  return insertAll(p, crew, out, removed) ? out : null;
}

/** Minutes of waiting at a stop that make nearest neighbour look for another one first. */
const NEAREST_WAIT_LIMIT = 30;

/**
 * Nearest neighbour: from where the crew is, drive to the nearest stop that can start without a
 * long wait (a window not yet open, a locked start hours away) and after which every stop with a
 * deadline (a locked start or a window's latest) can still be reached in deadline order; failing
 * that the nearest that keeps the deadlines; failing that the stop with the next deadline. Null
 * when the day cannot be finished that way. The baseline the benchmark compares against.
 */
export function nearestNeighbour(
  p: Problem,
  crew: number,
  stops: readonly number[],
): number[] | null {
  const deadline = (s: number) =>
    (p.fixedStart[s] as number) >= 0 ? (p.fixedStart[s] as number) : (p.latest[s] as number);
  const due = stops
    .filter((s) => deadline(s) < MINUTES_PER_DAY)
    .sort((a, b) => deadline(a) - deadline(b) || a - b);
  const left = new Set(stops);
  const seq: number[] = [];
  const starts: number[] = [];
  let at = startNode(p, crew);
  let free = (p.crews[crew] as RouteCrew).hours.start;
  while (left.size > 0) {
    const fits = (stop: number) =>
      schedule(p, crew, [...seq, stop, ...due.filter((s) => s !== stop)], starts);
    const waits = (stop: number) =>
      (starts[seq.length] as number) - free - (p.driveMinutes[at * p.size + stop] as number) >
      NEAREST_WAIT_LIMIT;
    const candidates = [...left].sort(
      (a, b) => (p.cost[at * p.size + a] as number) - (p.cost[at * p.size + b] as number) || a - b,
    );
    const next =
      candidates.find((stop) => fits(stop) && !waits(stop)) ??
      candidates.find((stop) => fits(stop)) ??
      due[0];
    if (next === undefined) return null;
    left.delete(next);
    const index = due.indexOf(next);
    if (index >= 0) due.splice(index, 1);
    seq.push(next);
    if (!schedule(p, crew, seq, starts)) return null;
    free = (starts[seq.length - 1] as number) + (p.duration[next] as number);
    at = next;
  }
  return schedule(p, crew, seq) ? seq : null;
}

/**
 * Local search to a local optimum: 2-opt (reverse a run), or-opt (move a run of 1–3 stops,
 * optionally reversed) and exchange of two stops. Cost changes are computed in O(1) from prefix
 * sums (both directions, so asymmetric travel is fine); only improving moves are scheduled, and
 * only feasible ones are taken (first improvement). A feasible input gives a feasible output.
 */
export function improveRoute(p: Problem, crew: number, input: readonly number[]): number[] {
  let seq = input.slice();
  const m = seq.length;
  if (m < 2) return seq;
  const size = p.size;
  const cost = p.cost;
  // f = start, seq…, end; fwd/bwd[k] = cost of f[0..k] driven forwards / backwards.
  const f = new Int32Array(m + 2);
  const fwd = new Float64Array(m + 2);
  const bwd = new Float64Array(m + 2);
  const d = (a: number, b: number) => cost[(f[a] as number) * size + (f[b] as number)] as number;
  const take = (candidate: number[]) => {
    if (!schedule(p, crew, candidate)) return false;
    seq = candidate;
    return true;
  };
  const twoOpt = (): boolean => {
    for (let a = 1; a < m; a++) {
      for (let b = a + 1; b <= m; b++) {
        const delta =
          d(a - 1, b) +
          d(a, b + 1) -
          d(a - 1, a) -
          d(b, b + 1) +
          (bwd[b] as number) -
          (bwd[a] as number) -
          (fwd[b] as number) +
          (fwd[a] as number);
        if (!(delta < -EPSILON)) continue;
        const candidate = seq.slice();
        for (let i = a - 1, j = b - 1; i < j; i++, j--) {
          candidate[i] = seq[j] as number;
          candidate[j] = seq[i] as number;
        }
        if (take(candidate)) return true;
      }
    }
    return false;
  };
  const orOpt = (): boolean => {
    for (let length = 1; length <= 3 && length < m; length++) {
      for (let a = 1; a + length - 1 <= m; a++) {
        const b = a + length - 1;
        const gain = d(a - 1, a) + d(b, b + 1) - d(a - 1, b + 1);
        const reverseCost =
          (bwd[b] as number) - (bwd[a] as number) - (fwd[b] as number) + (fwd[a] as number);
        for (let q = 0; q <= m; q++) {
          if (q >= a - 1 && q <= b) continue;
          const gap = d(q, q + 1) + gain;
          const forward = d(q, a) + d(b, q + 1) - gap;
          const reversed =
            length > 1 ? d(q, b) + d(a, q + 1) - gap + reverseCost : Number.POSITIVE_INFINITY;
          for (let variant = 0; variant < 2; variant++) {
            if (!((variant === 0 ? forward : reversed) < -EPSILON)) continue;
            const run = seq.slice(a - 1, b);
            if (variant === 1) run.reverse();
            const candidate = [...seq.slice(0, a - 1), ...seq.slice(b)];
            candidate.splice(q < a - 1 ? q : q - length, 0, ...run);
            if (take(candidate)) return true;
          }
        }
      }
    }
    return false;
  };
  // Exchange of two stops that are not next to each other (neighbours are a 2-opt).
  const exchange = (): boolean => {
    for (let a = 1; a < m; a++) {
      for (let b = a + 2; b <= m; b++) {
        const delta =
          d(a - 1, b) +
          d(b, a + 1) +
          d(b - 1, a) +
          d(a, b + 1) -
          d(a - 1, a) -
          d(a, a + 1) -
          d(b - 1, b) -
          d(b, b + 1);
        if (!(delta < -EPSILON)) continue;
        const candidate = seq.slice();
        candidate[a - 1] = seq[b - 1] as number;
        candidate[b - 1] = seq[a - 1] as number;
        if (take(candidate)) return true;
      }
    }
    return false;
  };
  for (;;) {
    f[0] = startNode(p, crew);
    for (let k = 0; k < m; k++) f[k + 1] = seq[k] as number;
    f[m + 1] = endNode(p, crew);
    for (let k = 0; k <= m; k++) {
      fwd[k + 1] = (fwd[k] as number) + d(k, k + 1);
      bwd[k + 1] = (bwd[k] as number) + d(k + 1, k);
    }
    if (!(twoOpt() || orOpt() || exchange())) return seq;
  }
}

/** Runs of 1–3 stops moved elsewhere at random `moves` times; feasible or not. */
function shake(seq: readonly number[], moves: number, random: () => number): number[] {
  let out = seq.slice();
  const m = out.length;
  if (m < 3) return out;
  for (let k = 0; k < moves; k++) {
    const length = 1 + randomInt(random, Math.min(3, m - 1));
    const from = randomInt(random, m - length + 1);
    const run = out.slice(from, from + length);
    if (random() < 0.5) run.reverse();
    out = [...out.slice(0, from), ...out.slice(from + length)];
    out.splice(randomInt(random, out.length + 1), 0, ...run);
  }
  return out;
}

/** A feasible shake of `seq` (30 tries), or null. */
function kickRoute(
  p: Problem,
  crew: number,
  seq: readonly number[],
  random: () => number,
): number[] | null {
  for (let attempt = 0; attempt < 30; attempt++) {
    const next = shake(seq, 1, random);
    if (schedule(p, crew, next)) return next;
  }
  return null;
}

/** km-equivalent cost of a minute late while repairing (a minute late outweighs any detour). */
const LATE_COST = 5;
/** How much worse than the best the search's current route may be. */
const WANDER = 0.03;
/** Routes up to this long also search through infeasible orders (see repairRoute). */
const REPAIR_LIMIT = 14;

/**
 * Local search on cost + LATE_COST × lateness, over the same moves as improveRoute, evaluating
 * each neighbour in full (short routes only). Returns a feasible order or null. Tight days have
 * feasible orders that no single feasible move connects; this walks through the infeasible ones.
 */
function repairRoute(
  p: Problem,
  crew: number,
  input: readonly number[],
  lateCost = LATE_COST,
): number[] | null {
  const value = (seq: readonly number[]) =>
    routeCost(p, crew, seq) + lateCost * lateness(p, crew, seq);
  let seq = input.slice();
  let current = value(seq);
  const m = seq.length;
  const consider = (candidate: number[]) => {
    const v = value(candidate);
    if (!(v < current - EPSILON)) return false;
    seq = candidate;
    current = v;
    return true;
  };
  const pass = (): boolean => {
    for (let i = 0; i < m; i++) {
      for (let j = i + 1; j < m; j++) {
        const reversed = seq.slice();
        for (let a = i, b = j; a < b; a++, b--) {
          reversed[a] = seq[b] as number;
          reversed[b] = seq[a] as number;
        }
        if (consider(reversed)) return true;
      }
    }
    for (let length = 1; length <= 3 && length < m; length++) {
      for (let from = 0; from + length <= m; from++) {
        const rest = [...seq.slice(0, from), ...seq.slice(from + length)];
        for (let to = 0; to <= rest.length; to++) {
          if (to === from) continue;
          const moved = rest.slice();
          moved.splice(to, 0, ...seq.slice(from, from + length));
          if (consider(moved)) return true;
        }
      }
    }
    return false;
  };
  while (pass()) {
    // One improving move per pass, as improveRoute.
  }
  if (lateness(p, crew, seq) === 0) return seq;
  return lateCost < LATE_COST ? repairRoute(p, crew, seq) : null;
}

/**
 * Iterated local search for one crew: the best local optimum from the given starting orders, then
 * `rounds` times local search again from two random feasible moves away from the best (or from a
 * random-order cheapest insertion, or on short routes from a repaired random shake), keeping only
 * improvements.
 */
export function solveRoute(
  p: Problem,
  crew: number,
  starts: readonly (readonly number[] | null)[],
  random: () => number,
  rounds: number,
): number[] | null {
  let best: number[] | null = null;
  let bestCost = Infinity;
  // The walk goes on from `current`, which may be up to WANDER worse than the best: it leaves
  // local optima that every single kick leads back to (record-to-record travel).
  let current: number[] | null = null;
  let currentCost = Infinity;
  const consider = (seq: number[]) => {
    const c = routeCost(p, crew, seq);
    if (c < bestCost - EPSILON) {
      best = seq;
      bestCost = c;
    }
    if (c < currentCost - EPSILON || c <= bestCost * (1 + WANDER)) {
      current = seq;
      currentCost = c;
    }
  };
  for (const start of starts) {
    if (start && schedule(p, crew, start)) consider(improveRoute(p, crew, start));
  }
  for (let round = 0; round < rounds && current; round++) {
    const from: number[] = round % 16 === 15 && best ? best : current;
    let next: number[] | null;
    if (round % 4 === 3) {
      next = cheapestInsertion(p, crew, from, random);
    } else if (round % 4 === 2) {
      next = ruinAndRecreate(p, crew, from, random);
    } else if (round % 2 === 1 && from.length <= REPAIR_LIMIT) {
      next = repairRoute(p, crew, shake(from, 3, random), round % 8 === 1 ? 0.2 : LATE_COST);
    } else {
      next = from;
      for (let k = 0; k < 2 && next; k++) next = kickRoute(p, crew, next, random);
    }
    if (next) consider(improveRoute(p, crew, next));
  }
  return best;
}

/**
 * Moves between crews until none improves the day: an unlocked stop relocated to the cheapest
 * feasible place in another crew that may do it, or two such stops exchanged. The two routes a
 * move touches are then improved on their own. `open[c]` is false for crews left out.
 */
export function improveDay(p: Problem, routes: number[][], open: readonly boolean[]): void {
  const crews = p.crews.length;
  const size = p.size;
  const d = (a: number, b: number) => p.cost[a * size + b] as number;
  const isLoose = (s: number) => (p.fixedStart[s] as number) < 0;
  const serves = (s: number, c: number) => p.canServe[s * crews + c] === 1;
  const node = (c: number, k: number) => {
    const route = routes[c] as number[];
    return k < 0 ? startNode(p, c) : k >= route.length ? endNode(p, c) : (route[k] as number);
  };
  const apply = (a: number, newA: number[], b: number, newB: number[]) => {
    if (!schedule(p, a, newA) || !schedule(p, b, newB)) return false;
    routes[a] = improveRoute(p, a, newA);
    routes[b] = improveRoute(p, b, newB);
    return true;
  };
  const relocate = (): boolean => {
    for (let a = 0; a < crews; a++) {
      if (!open[a]) continue;
      const ra = routes[a] as number[];
      for (let i = 0; i < ra.length; i++) {
        const x = ra[i] as number;
        if (!isLoose(x)) continue;
        const gain =
          d(node(a, i - 1), x) + d(x, node(a, i + 1)) - d(node(a, i - 1), node(a, i + 1));
        for (let b = 0; b < crews; b++) {
          if (b === a || !open[b] || !serves(x, b)) continue;
          const rb = routes[b] as number[];
          for (let q = 0; q <= rb.length; q++) {
            const before = node(b, q - 1);
            const after = node(b, q);
            const delta = d(before, x) + d(x, after) - d(before, after) - gain;
            if (!(delta < -EPSILON)) continue;
            const newB = rb.slice();
            newB.splice(q, 0, x);
            if (apply(a, [...ra.slice(0, i), ...ra.slice(i + 1)], b, newB)) return true;
          }
        }
      }
    }
    return false;
  };
  const exchange = (): boolean => {
    for (let a = 0; a < crews; a++) {
      if (!open[a]) continue;
      const ra = routes[a] as number[];
      for (let b = a + 1; b < crews; b++) {
        if (!open[b]) continue;
        const rb = routes[b] as number[];
        for (let i = 0; i < ra.length; i++) {
          const x = ra[i] as number;
          if (!isLoose(x) || !serves(x, b)) continue;
          const pa = node(a, i - 1);
          const na = node(a, i + 1);
          const outA = d(pa, x) + d(x, na);
          for (let j = 0; j < rb.length; j++) {
            const y = rb[j] as number;
            if (!isLoose(y) || !serves(y, a)) continue;
            const pb = node(b, j - 1);
            const nb = node(b, j + 1);
            const delta = d(pa, y) + d(y, na) - outA + d(pb, x) + d(x, nb) - d(pb, y) - d(y, nb);
            if (!(delta < -EPSILON)) continue;
            const newA = ra.slice();
            newA[i] = y;
            const newB = rb.slice();
            newB[j] = x;
            if (apply(a, newA, b, newB)) return true;
          }
        }
      }
    }
    return false;
  };
  while (relocate() || exchange()) {
    // Each pass applied one improving move; look again from the changed day.
  }
}

/**
 * Day-level restarts: move 1–2 random unlocked stops to random feasible places in other crews,
 * improve, and keep the day only if its total cost fell.
 */
export function searchDay(
  p: Problem,
  routes: number[][],
  open: readonly boolean[],
  random: () => number,
  rounds: number,
): number[][] {
  const total = (day: number[][]) => day.reduce((sum, seq, c) => sum + routeCost(p, c, seq), 0);
  improveDay(p, routes, open);
  let best = routes.map((seq) => seq.slice());
  let bestCost = total(best);
  const crews = p.crews.length;
  const openCrews = [...open.keys()].filter((c) => open[c]);
  if (openCrews.length < 2) return best;
  for (let round = 0; round < rounds; round++) {
    const day = best.map((seq) => seq.slice());
    const moves = 1 + randomInt(random, 2);
    for (let k = 0; k < moves; k++) {
      const a = openCrews[randomInt(random, openCrews.length)] as number;
      const ra = day[a] as number[];
      if (ra.length === 0) continue;
      const i = randomInt(random, ra.length);
      const x = ra[i] as number;
      const targets = openCrews.filter((b) => b !== a && p.canServe[x * crews + b] === 1);
      if ((p.fixedStart[x] as number) >= 0 || targets.length === 0) continue;
      const b = targets[randomInt(random, targets.length)] as number;
      const rb = day[b] as number[];
      const newA = [...ra.slice(0, i), ...ra.slice(i + 1)];
      for (let attempt = 0; attempt < 8; attempt++) {
        const newB = rb.slice();
        newB.splice(randomInt(random, rb.length + 1), 0, x);
        if (schedule(p, a, newA) && schedule(p, b, newB)) {
          day[a] = improveRoute(p, a, newA);
          day[b] = improveRoute(p, b, newB);
          break;
        }
      }
    }
    improveDay(p, day, open);
    const c = total(day);
    if (c < bestCost - EPSILON) {
      best = day;
      bestCost = c;
    }
  }
  return best;
}
