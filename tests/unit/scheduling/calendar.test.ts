// Which dates an availability entry covers (ranges and RRULEs), whose hours hold on a date, and message formatting.
import { describe, expect, it } from 'vitest';
import {
  businessHoursOn,
  coversDate,
  staffHoursOn,
} from '../../../electron/core/services/scheduling/calendar';
import {
  clockRange,
  clockTime,
  listText,
  minutesText,
  shortDate,
} from '../../../electron/core/services/scheduling/format';
import { availability, business, MARCUS, staff } from './fixtures';

describe('coversDate', () => {
  it('covers every day of a range, inclusive', () => {
    const entry = availability({ staff_id: MARCUS, from: '2026-02-10', to: '2026-02-14' });
    expect(
      ['2026-02-09', '2026-02-10', '2026-02-14', '2026-02-15'].map((d) => coversDate(entry, d)),
    ).toEqual([false, true, true, false]);
  });

  it('covers only RRULE occurrences from date_from, honouring COUNT and date_to', () => {
    const firstMondays = availability({
      staff_id: MARCUS,
      from: '2026-01-01',
      to: '2026-12-31',
      is_recurring: true,
      recurrence_rule: 'RRULE:FREQ=MONTHLY;BYDAY=1MO;COUNT=3',
    });
    expect(coversDate(firstMondays, '2026-01-05')).toBe(true);
    expect(coversDate(firstMondays, '2026-03-02')).toBe(true);
    expect(coversDate(firstMondays, '2026-04-06')).toBe(false);
    expect(coversDate(firstMondays, '2026-01-12')).toBe(false);
    const capped = availability({
      staff_id: MARCUS,
      from: '2026-01-01',
      to: '2026-01-31',
      is_recurring: true,
      recurrence_rule: 'FREQ=WEEKLY;BYDAY=TH',
    });
    expect(coversDate(capped, '2026-01-29')).toBe(true);
    expect(coversDate(capped, '2026-02-05')).toBe(false);
  });
});

describe('hours on a date', () => {
  it('replaces the weekly hours with special hours, business-wide and per person', () => {
    const shop = availability({
      type: 'special_hours',
      from: '2026-03-14',
      start_time: '08:00',
      end_time: '12:00',
    });
    const own = availability({
      type: 'special_hours',
      staff_id: MARCUS,
      from: '2026-03-16',
      start_time: '06:00',
      end_time: '10:00',
    });
    const b = business();
    expect(businessHoursOn(b, [shop, own], '2026-03-14')).toEqual({
      ranges: [{ start: '08:00', end: '12:00' }],
      special: true,
    });
    expect(businessHoursOn(b, [shop, own], '2026-03-16')).toEqual({
      ranges: [{ start: '08:00', end: '17:00' }],
      special: false,
    });
    expect(businessHoursOn(b, [shop], '2026-03-15')).toEqual({ ranges: [], special: false });
    expect(staffHoursOn(staff(MARCUS), [shop, own], '2026-03-16')).toEqual({
      ranges: [{ start: '06:00', end: '10:00' }],
      special: true,
    });
    expect(staffHoursOn(staff(MARCUS), [shop, own], '2026-03-14').ranges).toEqual([]);
  });
});

describe('message formatting', () => {
  it('writes times and dates the way a US dispatcher reads them', () => {
    expect(clockTime('00:00')).toBe('12:00 AM');
    expect(clockTime('09:05')).toBe('9:05 AM');
    expect(clockTime('12:30')).toBe('12:30 PM');
    expect(clockTime('23:59')).toBe('11:59 PM');
    expect(clockRange('09:00', '10:00')).toBe('9:00 AM–10:00 AM');
    expect(shortDate('2026-03-08')).toBe('Sun, Mar 8');
    expect(minutesText(1)).toBe('1 minute');
    expect(minutesText(15)).toBe('15 minutes');
    expect(listText(['Ann'])).toBe('Ann');
    expect(listText(['Ann', 'Bo', 'Cy'])).toBe('Ann, Bo and Cy');
  });
});
