// Time math across daylight-saving changes in America/Chicago and the stored-date conventions.
import { describe, expect, it } from 'vitest';
import {
  addDays,
  dateKeyOf,
  daysBetween,
  hhmm,
  isDateKey,
  isValidTimeZone,
  localDateOf,
  localTimeOf,
  minutesOf,
  scheduledDateValue,
  toUtcInstant,
  weekdayName,
} from '../../../shared/time';
import { dateKeyIn } from '../../../shared/time/day-key';

const CHICAGO = 'America/Chicago';
const iso = (d: Date) => d.toISOString();

describe('toUtcInstant', () => {
  it('uses CST (UTC−6) before and CDT (UTC−5) from the spring-forward day 2026-03-08', () => {
    expect(iso(toUtcInstant('2026-03-07', '09:00', CHICAGO))).toBe('2026-03-07T15:00:00.000Z');
    expect(iso(toUtcInstant('2026-03-08', '09:00', CHICAGO))).toBe('2026-03-08T14:00:00.000Z');
    expect(iso(toUtcInstant('2026-03-08', '01:59', CHICAGO))).toBe('2026-03-08T07:59:00.000Z');
    expect(iso(toUtcInstant('2026-03-08', '03:00', CHICAGO))).toBe('2026-03-08T08:00:00.000Z');
  });

  it('uses CDT before and CST from the fall-back day 2026-11-01', () => {
    expect(iso(toUtcInstant('2026-10-31', '09:00', CHICAGO))).toBe('2026-10-31T14:00:00.000Z');
    expect(iso(toUtcInstant('2026-11-01', '09:00', CHICAGO))).toBe('2026-11-01T15:00:00.000Z');
  });

  it("moves a time skipped by spring forward ahead by the gap ('compatible')", () => {
    // 02:30 does not exist on 2026-03-08; compatible → 03:30 CDT = 08:30Z.
    expect(iso(toUtcInstant('2026-03-08', '02:30', CHICAGO))).toBe('2026-03-08T08:30:00.000Z');
  });

  it('resolves a time that happens twice at fall back to the earlier instant', () => {
    // 01:30 happens at 06:30Z (CDT) and again at 07:30Z (CST).
    expect(iso(toUtcInstant('2026-11-01', '01:30', CHICAGO))).toBe('2026-11-01T06:30:00.000Z');
  });

  it('makes the DST days 23 and 25 hours long', () => {
    const hours = (from: string, to: string) =>
      (toUtcInstant(to, '00:00', CHICAGO).getTime() -
        toUtcInstant(from, '00:00', CHICAGO).getTime()) /
      3_600_000;
    expect(hours('2026-03-08', '2026-03-09')).toBe(23);
    expect(hours('2026-11-01', '2026-11-02')).toBe(25);
    expect(hours('2026-11-02', '2026-11-03')).toBe(24);
  });

  it('works in other zones and refuses bad input', () => {
    expect(iso(toUtcInstant('2026-07-01', '09:00', 'America/Denver'))).toBe(
      '2026-07-01T15:00:00.000Z',
    );
    expect(iso(toUtcInstant('2026-07-01', '09:00', 'UTC'))).toBe('2026-07-01T09:00:00.000Z');
    expect(() => toUtcInstant('2026-02-30', '09:00', CHICAGO)).toThrow(RangeError);
    expect(() => toUtcInstant('2026-03-08', '9:00', CHICAGO)).toThrow(/HH:mm/);
    expect(() => toUtcInstant('2026-03-08', '09:00', 'Mars/Olympus')).toThrow();
  });
});

describe('localDateOf / localTimeOf', () => {
  it('gives the business-local day and time of an instant', () => {
    expect(localDateOf(new Date('2026-03-08T05:30:00Z'), CHICAGO)).toBe('2026-03-07');
    expect(localDateOf(new Date('2026-03-08T06:30:00Z'), CHICAGO)).toBe('2026-03-08');
    expect(localDateOf(new Date('2026-11-02T05:30:00Z'), CHICAGO)).toBe('2026-11-01');
    expect(localDateOf(new Date('2026-11-02T06:30:00Z'), CHICAGO)).toBe('2026-11-02');
    expect(localTimeOf(new Date('2026-03-08T14:00:00Z'), CHICAGO)).toBe('09:00');
    expect(localTimeOf(new Date('2026-03-07T15:00:00Z'), CHICAGO)).toBe('09:00');
  });

  it('round-trips with toUtcInstant on both DST days', () => {
    for (const date of ['2026-03-08', '2026-11-01']) {
      for (const time of ['00:00', '08:15', '12:00', '17:45', '23:59']) {
        const instant = toUtcInstant(date, time, CHICAGO);
        expect(localDateOf(instant, CHICAGO)).toBe(date);
        expect(localTimeOf(instant, CHICAGO)).toBe(time);
      }
    }
  });
});

describe('stored calendar dates', () => {
  it('stores a calendar date at 00:00 UTC and reads it back', () => {
    expect(iso(scheduledDateValue('2026-03-08'))).toBe('2026-03-08T00:00:00.000Z');
    expect(dateKeyOf(scheduledDateValue('2026-11-01'))).toBe('2026-11-01');
    expect(dateKeyOf(new Date('2025-01-20T00:00:00Z'))).toBe('2025-01-20');
  });

  it('refuses dates that are not at 00:00 UTC or do not exist', () => {
    expect(() => dateKeyOf(new Date('2026-03-08T06:00:00Z'))).toThrow(/00:00 UTC/);
    expect(() => dateKeyOf(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => scheduledDateValue('2026-13-01')).toThrow(RangeError);
    expect(() => scheduledDateValue('2026-02-29')).toThrow(RangeError);
    expect(isDateKey('2028-02-29')).toBe(true);
    expect(isDateKey('2026-02-29')).toBe(false);
  });
});

describe('HH:mm', () => {
  it('converts both ways for every minute of the day', () => {
    for (let m = 0; m < 24 * 60; m++) expect(minutesOf(hhmm(m))).toBe(m);
    expect(minutesOf('08:30')).toBe(510);
    expect(hhmm(1439)).toBe('23:59');
  });

  it('refuses out-of-range values', () => {
    expect(() => minutesOf('24:00')).toThrow(RangeError);
    expect(() => minutesOf('12:60')).toThrow(RangeError);
    expect(() => hhmm(1440)).toThrow(RangeError);
    expect(() => hhmm(-1)).toThrow(RangeError);
    expect(() => hhmm(12.5)).toThrow(RangeError);
  });
});

describe('calendar arithmetic', () => {
  it('adds days across DST, month ends and leap days', () => {
    expect(addDays('2026-03-07', 1)).toBe('2026-03-08');
    expect(addDays('2026-03-08', 1)).toBe('2026-03-09');
    expect(addDays('2026-11-01', -1)).toBe('2026-10-31');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-11-25', -70)).toBe('2026-09-16');
    expect(daysBetween('2026-03-01', '2026-03-15')).toBe(14);
    expect(daysBetween('2026-03-15', '2026-03-01')).toBe(-14);
  });

  it('names weekdays', () => {
    expect(weekdayName('2026-03-08')).toBe('sunday');
    expect(weekdayName('2026-11-25')).toBe('wednesday');
    expect(weekdayName('2026-11-27')).toBe('friday');
    expect(weekdayName('2026-11-30')).toBe('monday');
  });
});

describe('isValidTimeZone', () => {
  it('accepts IANA zones and refuses the rest', () => {
    expect(isValidTimeZone('America/Chicago')).toBe(true);
    expect(isValidTimeZone('America/Denver')).toBe(true);
    expect(isValidTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('America/Chicagoo')).toBe(false);
    expect(isValidTimeZone('Central Time')).toBe(false);
    expect(isValidTimeZone('+05:00')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});

describe("dateKeyIn (the Temporal-free day of the page's first script)", () => {
  it('agrees with localDateOf around midnight and both DST changes, in several zones', () => {
    const zones = [CHICAGO, 'UTC', 'Pacific/Auckland', 'Asia/Kolkata', 'America/St_Johns'];
    const starts = ['2026-03-08T00:00:00Z', '2026-11-01T00:00:00Z', '2026-12-31T00:00:00Z'];
    for (const zone of zones) {
      for (const start of starts) {
        for (let hour = 0; hour < 36; hour += 0.5) {
          const instant = new Date(Date.parse(start) + hour * 3_600_000);
          expect(dateKeyIn(instant, zone)).toBe(localDateOf(instant, zone));
        }
      }
    }
  });
});
