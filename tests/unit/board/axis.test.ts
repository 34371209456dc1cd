// The board's time axis: the business's hours with an hour either side, widened to whole hours so
// that no job falls off either end, and worked out again for each new day the board is given; and
// its zoom, which sets an hour's width and so where a time sits and how far a drag moves a job.
import { describe, expect, it } from 'vitest';
import {
  axisOf,
  HOUR_WIDTHS,
  isHourWidth,
  snappedMinutes,
  xOf,
  type Day,
} from '../../../renderer/src/features/board/layout';

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

describe('the zoom', () => {
  it('places a time by the hour width in use', () => {
    expect(xOf(9 * 60 + 30, 7 * 60, 120)).toBe(300);
    expect(xOf(9 * 60 + 30, 7 * 60, 48)).toBe(120);
    expect(xOf(7 * 60, 7 * 60, 240)).toBe(0);
  });

  it('turns a drag into quarter hours at the hour width in use', () => {
    expect(snappedMinutes(60, 120)).toBe(30);
    expect(snappedMinutes(48, 48)).toBe(60);
    expect(snappedMinutes(-48, 48)).toBe(-60);
    // At 48 px an hour, 5 px is about 6 minutes (nearer no move) and 7 px nearly 9 (a quarter).
    expect(snappedMinutes(5, 48)).toBe(0);
    expect(snappedMinutes(7, 48)).toBe(15);
    expect(snappedMinutes(44, 240)).toBe(15);
  });

  it('accepts only the widths it offers, as a stored choice may be anything', () => {
    for (const width of HOUR_WIDTHS) expect(isHourWidth(width)).toBe(true);
    for (const bad of [0, 100, '120', null, undefined, -48]) expect(isHourWidth(bad)).toBe(false);
  });
});
