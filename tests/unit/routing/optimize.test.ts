import { describe, expect, it } from 'vitest';
import {
  bruteForceCrew,
  nearestNeighbourCrew,
  optimizeCrew,
  optimizeDay,
  straightLineTravel,
  type DayInput,
  type RouteCrew,
  type RouteProposal,
  type RouteStop,
} from '../../../electron/core/routing';
import type { Result } from '../../../shared/contract/result';
import { makeDay, type DayShape } from './instances';
import { at, expectValidProposal, flatTravel } from './support';

const travel = straightLineTravel();

function value(result: Result<RouteProposal>): RouteProposal {
  if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`);
  return result.value;
}

/** Small days: loose, tight (no slack, 15-minute buffer and snap, many locked jobs), plain. */
const SMALL: readonly { shape: DayShape; seeds: number }[] = [
  {
    shape: {
      crews: 1,
      stopsPerCrew: [5, 9],
      radiusKm: 12,
      duration: [15, 60],
      lockedShare: 0.15,
      windowShare: 0.2,
      slackMinutes: 30,
    },
    seeds: 50,
  },
  {
    shape: {
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
    seeds: 50,
  },
  {
    shape: { crews: 1, stopsPerCrew: [8, 9], radiusKm: 8, duration: [10, 30], slackMinutes: 240 },
    seeds: 30,
  },
];

const optionsOf = (shape: DayShape) => ({
  travel,
  minGapMinutes: shape.minGapMinutes ?? 0,
  snapMinutes: shape.snapMinutes ?? 5,
});

describe('optimizing one crew', () => {
  it('comes within 2% of the brute-force optimum on 130 seeded days of 5–9 stops', () => {
    let worst = 0;
    let improved = 0;
    SMALL.forEach(({ shape, seeds }, family) => {
      for (let seed = 1; seed <= seeds; seed++) {
        const day = makeDay(1000 * family + seed, shape);
        const input = { crew: day.crews[0] as RouteCrew, stops: day.stops };
        const options = optionsOf(shape);
        const optimized = value(optimizeCrew(input, options));
        const optimum = value(bruteForceCrew(input, options));
        expectValidProposal(day, optimized, options);
        expectValidProposal(day, optimum, options);
        // Never worse than the current day, never better than the optimum.
        expect(optimized.after.km).toBeLessThanOrEqual(optimized.before.km + 1e-9);
        expect(optimized.after.km).toBeGreaterThanOrEqual(optimum.after.km - 1e-9);
        worst = Math.max(worst, (optimized.after.km / optimum.after.km - 1) * 100);
        if (optimized.saved.km > 0) improved++;
      }
    });
    expect(worst).toBeLessThanOrEqual(2);
    // The days are worth optimizing: the booking order is almost never the best.
    expect(improved).toBeGreaterThan(100);
  });

  it('keeps the current day, times included, when it is already the best order', () => {
    const day = makeDay(5, SMALL[0]!.shape);
    const input = { crew: day.crews[0] as RouteCrew, stops: day.stops };
    const first = value(optimizeCrew(input, { travel }));
    const accepted: RouteStop[] = first.crews[0]!.stops.map((proposed) => ({
      ...day.stops.find((s) => s.appointment_id === proposed.appointment_id)!,
      start_minutes: proposed.start_minutes,
    }));
    const again = value(optimizeCrew({ ...input, stops: accepted }, { travel }));
    expect(again.moved).toEqual([]);
    expect(again.saved.km).toBe(0);
    expect(again.crews[0]!.status).toBe('unchanged');
  });

  it('orders stops on a line without doubling back and reports the time saved', () => {
    // An open route (the day ends at the last job), so the one best order is out along the line.
    const crew: RouteCrew = {
      crew_id: 'lead',
      start: at(0),
      end: 'open',
      hours: { start: 480, end: 1020 },
    };
    const xs = [30, 10, 40, 20];
    const stops: RouteStop[] = xs.map((x, k) => ({
      appointment_id: `a${x}`,
      crew_id: 'lead',
      location: at(x),
      duration_minutes: 30,
      start_minutes: 480 + 90 * k + 30,
      locked: false,
    }));
    const proposal = value(optimizeCrew({ crew, stops }, { travel: flatTravel, snapMinutes: 5 }));
    const route = proposal.crews[0]!.stops;
    expect(route.map((s) => s.appointment_id)).toEqual(['a10', 'a20', 'a30', 'a40']);
    expect(route.map((s) => s.start)).toEqual(['08:10', '08:50', '09:30', '10:10']);
    expect(proposal.before.km).toBe(30 + 20 + 30 + 20);
    expect(proposal.after.km).toBe(40);
    expect(proposal.saved).toEqual({ km: 60, travel_minutes: 60 });
    expect(proposal.moved.sort()).toEqual(['a10', 'a20', 'a30', 'a40']);
  });

  it('is reproducible: the same day and seed give the same proposal', () => {
    const day = makeDay(77, { crews: 1, stopsPerCrew: 30, radiusKm: 5, duration: [5, 15] });
    const input = { crew: day.crews[0] as RouteCrew, stops: day.stops };
    expect(optimizeCrew(input, { seed: 3 })).toEqual(optimizeCrew(input, { seed: 3 }));
  });

  it('beats nearest neighbour and the booking order on a 40-stop day', () => {
    const day = makeDay(40, {
      crews: 1,
      stopsPerCrew: 40,
      radiusKm: 5,
      duration: [5, 15],
      lockedShare: 0.1,
      windowShare: 0.15,
    });
    const input = { crew: day.crews[0] as RouteCrew, stops: day.stops };
    const optimized = value(optimizeCrew(input, { travel }));
    const nearest = value(nearestNeighbourCrew(input, { travel }));
    expectValidProposal(day, optimized, { travel });
    expect(optimized.after.km).toBeLessThan(nearest.after.km);
    expect(optimized.after.km).toBeLessThan(0.6 * optimized.before.km);
  });
});

describe('optimizing a day of several crews', () => {
  const shape: DayShape = {
    crews: 6,
    stopsPerCrew: 25,
    radiusKm: 12,
    duration: [5, 20],
    lockedShare: 0.1,
    windowShare: 0.15,
    equipmentShare: 0.3,
  };

  it('never moves a locked job, breaks a time rule, or gives a job to a crew without its equipment', () => {
    for (const seed of [1, 2]) {
      const day = makeDay(seed, shape);
      const proposal = value(optimizeDay(day, { travel }));
      expectValidProposal(day, proposal, { travel });
      expect(proposal.after.km).toBeLessThan(proposal.before.km);
      expect(proposal.crews.every((c) => c.status === 'optimized')).toBe(true);
    }
  });

  it('keeps every job on its crew when crew changes are not allowed', () => {
    const day = makeDay(3, shape);
    const proposal = value(optimizeDay(day, { travel, allowCrewChanges: false }));
    expectValidProposal(day, proposal, { travel });
    for (const crew of proposal.crews) {
      expect(crew.stops.every((s) => s.previous.crew_id === crew.crew_id)).toBe(true);
    }
  });

  /** Crew west at x = 0, crew east at x = 100; one job at x = 95 booked on the west crew. */
  function twoCrews(job: Partial<RouteStop>, eastCapabilities: string[]): DayInput {
    const hours = { start: 480, end: 1020 };
    return {
      crews: [
        { crew_id: 'west', start: at(0), hours, capabilities: ['sprayer'] },
        { crew_id: 'east', start: at(100), hours, capabilities: eastCapabilities },
      ],
      stops: [
        {
          appointment_id: 'far',
          crew_id: 'west',
          location: at(95),
          duration_minutes: 30,
          start_minutes: 660,
          locked: false,
          requires: ['sprayer'],
          ...job,
        },
        {
          appointment_id: 'near',
          crew_id: 'west',
          location: at(5),
          duration_minutes: 30,
          start_minutes: 510,
          locked: false,
        },
      ],
    };
  }
  const crewOf = (proposal: RouteProposal, id: string) =>
    proposal.crews.find((c) => c.stops.some((s) => s.appointment_id === id))?.crew_id;

  it('moves a job to a closer crew that has the equipment it needs', () => {
    const day = twoCrews({}, ['sprayer']);
    const proposal = value(optimizeDay(day, { travel: flatTravel }));
    expectValidProposal(day, proposal, { travel: flatTravel });
    expect(crewOf(proposal, 'far')).toBe('east');
    expect(proposal.after.km).toBe(10 + 10);
  });

  it('leaves a job with its crew when the closer crew lacks its equipment', () => {
    const day = twoCrews({}, []);
    const proposal = value(optimizeDay(day, { travel: flatTravel }));
    expect(crewOf(proposal, 'far')).toBe('west');
    expect(proposal.moved).toEqual([]);
  });

  it('never gives a locked job to another crew', () => {
    const day = twoCrews({ locked: true }, ['sprayer']);
    const proposal = value(optimizeDay(day, { travel: flatTravel }));
    expect(crewOf(proposal, 'far')).toBe('west');
    expect(proposal.moved).toEqual([]);
  });
});

describe('days that cannot be planned', () => {
  const crew: RouteCrew = { crew_id: 'lead', start: at(0), hours: { start: 480, end: 1020 } };
  const job = (id: string, x: number, start: number, locked: boolean): RouteStop => ({
    appointment_id: id,
    crew_id: 'lead',
    location: at(x),
    duration_minutes: 60,
    start_minutes: start,
    locked,
  });

  it('reports a crew whose locked jobs cannot both be reached as infeasible and leaves its day as it is', () => {
    // 10:00–11:00 at x = 0 and 11:10 at x = 100: a 100-minute drive in 10 minutes.
    const stops = [job('a', 10, 600, true), job('b', 100, 670, true), job('c', 20, 480, false)];
    const proposal = value(optimizeCrew({ crew, stops }, { travel: flatTravel }));
    expect(proposal.crews[0]!.status).toBe('infeasible');
    expect(proposal.crews[0]!.reason).toMatch(/No order/);
    expect(proposal.moved).toEqual([]);
    expect(proposal.saved.km).toBe(0);
  });

  it('refuses input that does not describe a day with a validation error', () => {
    const cases: [DayInput, RegExp][] = [
      [
        { crews: [crew], stops: [{ ...job('a', 1, 600, false), crew_id: 'nobody' }] },
        /not in the plan/,
      ],
      [{ crews: [crew], stops: [job('a', 1, 600, false), job('a', 2, 700, false)] }, /twice/],
      [{ crews: [{ ...crew, hours: { start: 600, end: 500 } }], stops: [] }, /invalid hours/],
      [
        { crews: [crew], stops: [{ ...job('a', 1, 600, false), duration_minutes: -5 }] },
        /duration/,
      ],
      [{ crews: [], stops: [] }, /No crew/],
    ];
    for (const [input, message] of cases) {
      const result = optimizeDay(input, { travel: flatTravel });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.kind).toBe('validation');
        expect(result.error.message).toMatch(message);
      }
    }
    const otherCrew = optimizeCrew(
      { crew, stops: [{ ...job('a', 1, 600, false), crew_id: 'other' }] },
      { travel: flatTravel },
    );
    expect(otherCrew.ok).toBe(false);
  });
});
