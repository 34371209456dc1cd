// The board's header date is spelled out by hand (no Intl on the board's first render); it must read
// exactly as en-US Intl writes it, on every day of the year and across leap days.
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/time';
import { longDate } from '../../../renderer/src/features/board/layout';

const intl = (date: string) =>
  new Date(`${date}T12:00:00Z`).toLocaleDateString('en-US', {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    year: 'numeric',
    timeZone: 'UTC',
  });

describe('longDate', () => {
  it('writes a day as "Weekday, Month D, YYYY"', () => {
    expect(longDate('2026-12-09')).toBe('Wednesday, December 9, 2026');
    expect(longDate('2028-02-29')).toBe('Tuesday, February 29, 2028');
  });

  it('reads as en-US Intl does for every day of two years, a leap year among them', () => {
    let day = '2027-01-01';
    for (let i = 0; i < 731; i++) {
      expect(longDate(day)).toBe(intl(day));
      day = addDays(day, 1);
    }
  });
});
