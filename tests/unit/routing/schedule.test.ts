// The scheduling rules every proposed sequence must pass (problem.ts `schedule` and `lateness`).
import { describe, expect, it } from 'vitest';
import {
  straightLineTravel,
  type RouteCrew,
  type RouteOptions,
  type RouteStop,
} from '../../../electron/core/routing';
import { buildProblem, lateness, schedule } from '../../../electron/core/routing/problem';
import { makeDay } from './instances';
import { at, flatTravel } from './support';
import { seededRandom } from '../../../electron/core/routing/search';

const crew: RouteCrew = { crew_id: 'lead', start: at(0), hours: { start: 8 * 60, end: 17 * 60 } };

function stop(id: string, x: number, extra: Partial<RouteStop> = {}): RouteStop {
  return {
    appointment_id: id,
    crew_id: 'lead',
    location: at(x),
    duration_minutes: 60,
    start_minutes: 8 * 60,
    locked: false,
    ...extra,
  };
}

/** Starts of the stops driven in the given order, or null when the order is refused. */
function starts(stops: RouteStop[], options: RouteOptions = {}, hours = crew.hours) {
  const p = buildProblem([{ ...crew, hours }], stops, flatTravel, { snapMinutes: 1, ...options });
  const out: number[] = [];
  return schedule(p, 0, [...stops.keys()], out) ? out : null;
}

describe('scheduling a sequence of stops', () => {
  it('leaves the start at the start of the hours and drives to the first job', () => {
    expect(starts([stop('a', 25)])).toEqual([8 * 60 + 25]);
  });

  it('starts the next job a drive after the previous ends when the drive is longer than the buffer', () => {
    expect(starts([stop('a', 10), stop('b', 40)], { minGapMinutes: 15 })).toEqual([490, 580]);
  });

  it('keeps the travel buffer when the drive is shorter', () => {
    expect(starts([stop('a', 10), stop('b', 12)], { minGapMinutes: 15 })).toEqual([490, 565]);
  });

  it('rounds drive minutes up and starts up to the snap', () => {
    expect(starts([stop('a', 10.2)], { snapMinutes: 1 })).toEqual([491]);
    expect(starts([stop('a', 10.2)], { snapMinutes: 15 })).toEqual([495]);
  });

  it('keeps a locked job at its exact time, waiting when the crew is early', () => {
    const locked = stop('b', 12, { locked: true, start_minutes: 11 * 60 + 7 });
    expect(starts([stop('a', 10), locked], { snapMinutes: 15 })).toEqual([495, 667]);
  });

  it('refuses an order that reaches a locked job late', () => {
    const locked = stop('b', 12, { locked: true, start_minutes: 9 * 60 });
    expect(starts([stop('a', 10), locked])).toBeNull();
  });

  it('refuses a job that would end after the crew’s hours', () => {
    expect(starts([stop('a', 10)], {}, { start: 8 * 60, end: 9 * 60 + 9 })).toBeNull();
    expect(starts([stop('a', 10)], {}, { start: 8 * 60, end: 9 * 60 + 10 })).toEqual([490]);
  });

  it('waits for a window to open and refuses a start after it closes', () => {
    expect(starts([stop('a', 10, { window: { earliest: 10 * 60 } })])).toEqual([600]);
    expect(starts([stop('a', 10), stop('b', 20, { window: { latest: 9 * 60 } })])).toBeNull();
  });

  it('measures lateness as zero exactly when the order is accepted', () => {
    const random = seededRandom(11);
    const outcomes = new Set<boolean>();
    for (let seed = 0; seed < 40; seed++) {
      const day = makeDay(seed, {
        crews: 1,
        stopsPerCrew: [4, 8],
        radiusKm: 12,
        duration: [15, 60],
        lockedShare: 0.3,
        windowShare: 0.3,
        slackMinutes: 0,
      });
      const p = buildProblem(day.crews, day.stops, straightLineTravel(), {});
      const order = [...day.stops.keys()];
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j] as number, order[i] as number];
      }
      const accepted = schedule(p, 0, order);
      outcomes.add(accepted);
      expect(lateness(p, 0, order) === 0).toBe(accepted);
    }
    expect(outcomes).toEqual(new Set([true, false]));
  });
});
