// Times as the office reads them: every screen and text message writes 'HH:mm' through clockTime.
import { describe, expect, it } from 'vitest';
import { clockRange, clockTime } from '../../../shared/time/clock';

describe('clockTime', () => {
  it('writes a morning, an afternoon and the minutes as people say them', () => {
    expect(clockTime('09:05')).toBe('9:05 AM');
    expect(clockTime('13:30')).toBe('1:30 PM');
    expect(clockTime('23:59')).toBe('11:59 PM');
  });

  it('calls midnight 12 AM and noon 12 PM, never 0 or 12 AM at noon', () => {
    expect(clockTime('00:00')).toBe('12:00 AM');
    expect(clockTime('00:45')).toBe('12:45 AM');
    expect(clockTime('12:00')).toBe('12:00 PM');
    expect(clockTime('12:15')).toBe('12:15 PM');
  });

  it('reads a stored time with seconds as the same time', () => {
    expect(clockTime('14:00:00')).toBe('2:00 PM');
  });
});

describe('clockRange', () => {
  it('writes both ends in full, across noon too', () => {
    expect(clockRange('10:00', '14:00')).toBe('10:00 AM–2:00 PM');
    expect(clockRange('08:00', '09:30')).toBe('8:00 AM–9:30 AM');
  });
});
