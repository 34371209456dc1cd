// The board's time axis: the business's hours with an hour either side, widened to whole hours so
// that no job falls off either end, and worked out again for each new day the board is given.
import { describe, expect, it } from 'vitest';
import { axisOf, type Day } from '../../../renderer/src/features/board/layout';

const job = (start: string, end: string) =>
  ({ scheduled_start_time: start, scheduled_end_time: end }) as Day['appointments'][number];
const dayOf = (hours: Day['hours'], jobs: Day['appointments'] = []) =>
  ({ hours, appointments: jobs }) as unknown as Day;

describe('axisOf', () => {
  it('runs from an hour before opening to an hour after closing', () => {
    expect(axisOf(dayOf({ start: '08:00', end: '17:00' }))).toEqual({ from: 7 * 60, to: 18 * 60 });
  });

  it('shows 6 AM to 8 PM on a closed day', () => {
    expect(axisOf(dayOf(null))).toEqual({ from: 6 * 60, to: 20 * 60 });
  });

  it('widens to the whole hours of jobs outside those hours, and no further than midnight', () => {
    const day = dayOf({ start: '08:00', end: '17:00' }, [
      job('05:30', '06:15'),
      job('09:00', '10:00'),
      job('21:10', '21:40'),
    ]);
    expect(axisOf(day)).toEqual({ from: 5 * 60, to: 22 * 60 });
    expect(axisOf(dayOf({ start: '00:30', end: '23:30' }))).toEqual({ from: 0, to: 24 * 60 });
  });

  it('follows a new day object (a moved job), not the answer it gave the previous one', () => {
    const before = dayOf({ start: '08:00', end: '17:00' }, [job('09:00', '10:00')]);
    expect(axisOf(before).from).toBe(7 * 60);
    const after = { ...before, appointments: [job('04:45', '05:45')] } as Day;
    expect(axisOf(after).from).toBe(4 * 60);
    expect(axisOf(before).from).toBe(7 * 60);
  });
});
