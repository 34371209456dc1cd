// How the Availability screens word an entry's repeats and times (availabilityText.ts): an office
// reads "Every 2 weeks on Friday" and "8:00 AM–12:00 PM", never an RRULE or a 24-hour span.
import { describe, expect, it } from 'vitest';
import {
  describeRule,
  timesText,
  weeklyRule,
} from '../../../renderer/src/features/availability/availabilityText';

describe('describeRule', () => {
  it('names the weekdays of the weekly rules the screen writes, in short', () => {
    expect(describeRule(weeklyRule(['friday', 'monday']))).toBe('Every Mon, Fri');
    expect(describeRule('RRULE:FREQ=WEEKLY;BYDAY=WE')).toBe('Every Wed');
  });

  it('reads any other rule out in words', () => {
    expect(describeRule('FREQ=WEEKLY;INTERVAL=2;BYDAY=FR')).toBe('Every 2 weeks on Friday');
    expect(describeRule('FREQ=MONTHLY;BYDAY=1MO')).toBe('Every month on the 1st Monday');
    expect(describeRule('FREQ=MONTHLY;BYMONTHDAY=15')).toBe('Every month on the 15th');
  });

  it('says nothing for no rule', () => {
    expect(describeRule(null)).toBe('');
    expect(describeRule('')).toBe('');
  });
});

describe('timesText', () => {
  it('writes special hours on the 12-hour clock, and no times as all day', () => {
    expect(timesText({ start_time: '08:00', end_time: '12:00' })).toBe('8:00 AM–12:00 PM');
    expect(timesText({ start_time: '13:30', end_time: '17:00' })).toBe('1:30 PM–5:00 PM');
    expect(timesText({ start_time: null, end_time: null })).toBe('All day');
  });
});
