// The weather check of one job: the forecast over its own hours, the daily fallback, thresholds and DST days.
import { describe, expect, it } from 'vitest';
import { businessConfigSchema, type WeatherData } from '../../../shared/schemas';
import { toUtcInstant } from '../../../shared/time';
import { checkJobWeather, isWeatherExempt } from '../../../electron/core/weather/rules';
import type { Forecast, ForecastHour } from '../../../electron/core/weather/types';
import { dayOf, FINE, forecast, on, RAIN, type HourWeather } from './forecasts';

const CHICAGO = 'America/Chicago';
const NEW_YORK = 'America/New_York';
/** The defaults: rain 70%, below 32°F, above 105°F, wind 35 mph. */
const THRESHOLDS = businessConfigSchema.parse({}).weather_thresholds;
const MONDAY = '2026-06-15';

function check(f: Forecast, start: string, end: string, date = MONDAY, timeZone = CHICAGO) {
  return checkJobWeather(f, { date, start, end }, timeZone, THRESHOLDS);
}

describe('the forecast over the job’s own hours', () => {
  it('ignores rain in the hours before and after the job', () => {
    const f = forecast(
      CHICAGO,
      MONDAY,
      MONDAY,
      on([MONDAY], RAIN, (h) => h === 9 || h === 12),
    );
    const result = check(f, '10:00', '12:00');
    expect(result).toMatchObject({ exceeded: false, risks: [], basis: 'hourly' });
    expect(result?.data.rain_percent).toBe(10);
  });

  it('flags a job whose last hour is rainy', () => {
    const f = forecast(
      CHICAGO,
      MONDAY,
      MONDAY,
      on([MONDAY], RAIN, (h) => h === 12),
    );
    const result = check(f, '11:00', '13:00');
    expect(result).toMatchObject({ exceeded: true, risks: ['Rain 80%'], basis: 'hourly' });
    expect(result?.details.rain_check).toEqual({ threshold: 70, value: 80, exceeded: true });
  });

  it('counts an hour the job only partly covers (10:30–11:30 reads 10:00 and 11:00)', () => {
    const f = forecast(
      CHICAGO,
      MONDAY,
      MONDAY,
      on([MONDAY], { wind_speed_mph: 40 }, (h) => h === 11),
    );
    expect(check(f, '10:30', '11:30')?.risks).toEqual(['Wind 40 mph']);
    expect(check(f, '10:30', '11:00')?.risks).toEqual([]);
  });

  it('summarises the hours as the worst of each figure, with the day’s UV and humidity', () => {
    const around: Record<number, Partial<HourWeather>> = {
      10: { temp_fahrenheit: 60, rain_percent: 20, wind_speed_mph: 5, condition: 'cloudy' },
      11: {
        temp_fahrenheit: 75,
        rain_percent: 30,
        wind_speed_mph: 12,
        condition: 'thunderstorm',
      },
      12: { temp_fahrenheit: 80, rain_percent: 25, wind_speed_mph: 9, condition: 'drizzle' },
    };
    // Worse weather outside the job's hours, which must not count.
    const plan = (hour: number) =>
      around[hour] ?? { temp_fahrenheit: 95, rain_percent: 60, wind_speed_mph: 30 };
    const f = forecast(CHICAGO, MONDAY, MONDAY, plan);
    expect(check(f, '10:00', '13:00')?.data).toEqual({
      date: MONDAY,
      condition: 'thunderstorm',
      rain_percent: 30,
      temp_high_fahrenheit: 80,
      temp_low_fahrenheit: 60,
      wind_speed_mph: 12,
      uv_index: 6,
      humidity_percent: 55,
    });
  });
});

describe('thresholds', () => {
  it('flags wind at exactly the threshold', () => {
    const f = forecast(CHICAGO, MONDAY, MONDAY, on([MONDAY], { wind_speed_mph: 35 }));
    expect(check(f, '09:00', '10:00')).toMatchObject({ exceeded: true, risks: ['Wind 35 mph'] });
  });

  it('flags heat above the maximum temperature', () => {
    const f = forecast(
      CHICAGO,
      MONDAY,
      MONDAY,
      on([MONDAY], { temp_fahrenheit: 108 }, (h) => h >= 13),
    );
    expect(check(f, '14:00', '16:00')).toMatchObject({ exceeded: true, risks: ['High 108°F'] });
    expect(check(f, '10:00', '12:00')?.exceeded).toBe(false);
  });

  it('flags a frosty morning but not the thawed afternoon', () => {
    const f = forecast(
      CHICAGO,
      MONDAY,
      MONDAY,
      on([MONDAY], { temp_fahrenheit: 28 }, (h) => h < 11),
    );
    const morning = check(f, '08:00', '10:00');
    expect(morning).toMatchObject({ exceeded: true, risks: ['Low 28°F'] });
    expect(morning?.details.temp_min_check).toEqual({ threshold: 32, value: 28, exceeded: true });
    expect(check(f, '11:00', '13:00')?.exceeded).toBe(false);
  });

  it('names every threshold crossed', () => {
    const f = forecast(CHICAGO, MONDAY, MONDAY, on([MONDAY], { ...RAIN, wind_speed_mph: 45 }));
    expect(check(f, '09:00', '10:00')?.risks).toEqual(['Rain 80%', 'Wind 45 mph']);
  });
});

describe('falling back to the day’s figures', () => {
  const TUESDAY = '2026-06-16';

  it('uses the day entry when the hourly points stop before the job’s date', () => {
    const f = forecast(
      CHICAGO,
      MONDAY,
      TUESDAY,
      on([TUESDAY], RAIN, (h) => h >= 15),
      MONDAY,
    );
    const result = check(f, '08:00', '10:00', TUESDAY);
    // The morning is dry hour by hour, but only the day is known: rain 80% that day.
    expect(result).toMatchObject({ basis: 'daily', exceeded: true, risks: ['Rain 80%'] });
    expect(result?.data).toEqual(f.days[1]);
  });

  it('uses the day entry when the hourly points stop partway through the job', () => {
    const full = forecast(
      CHICAGO,
      MONDAY,
      MONDAY,
      on([MONDAY], RAIN, (h) => h === 15),
    );
    const cutOff = toUtcInstant(MONDAY, '11:00', CHICAGO).getTime();
    const f = { ...full, hours: full.hours.filter((h) => h.at.getTime() < cutOff) };
    expect(check(f, '10:00', '12:00')).toMatchObject({ basis: 'daily', risks: ['Rain 80%'] });
    expect(check(f, '09:00', '11:00')).toMatchObject({ basis: 'hourly', risks: [] });
  });

  it('reads 3-hourly points as standing until the next one', () => {
    const full = forecast(
      CHICAGO,
      MONDAY,
      MONDAY,
      on([MONDAY], RAIN, (h) => h === 9),
    );
    const f = {
      ...full,
      hours: full.hours.filter((_, i) => i % 3 === 0),
    };
    // Points at 9:00 and 12:00 only: 10:00–11:00 is the 9:00 point's.
    expect(check(f, '10:00', '11:00')).toMatchObject({ basis: 'hourly', risks: ['Rain 80%'] });
    expect(check(f, '12:00', '13:00')).toMatchObject({ basis: 'hourly', risks: [] });
  });

  it('gives null for a date the forecast does not have', () => {
    const f = forecast(CHICAGO, MONDAY, MONDAY);
    expect(check(f, '09:00', '10:00', TUESDAY)).toBeNull();
  });
});

describe('daylight-saving days (America/New_York)', () => {
  /** Hourly points at UTC instants, FINE unless listed. */
  function utcForecast(
    date: string,
    firstUtc: string,
    count: number,
    special: Record<string, Partial<ForecastHour>>,
  ): Forecast {
    const hours: ForecastHour[] = [];
    for (let i = 0; i < count; i++) {
      const at = new Date(new Date(firstUtc).getTime() + i * 3_600_000);
      hours.push({ at, ...FINE, ...special[at.toISOString()] });
    }
    const day: WeatherData = dayOf(date, hours);
    return { ...forecast(NEW_YORK, date, date), days: [day], hours };
  }

  it('maps points to local hours on the spring-forward day (23 hours, EDT from 3:00)', () => {
    // 2026-03-08 runs from 05:00Z (00:00 EST) to 04:00Z the next day; 13:00 EDT is 17:00Z.
    const f = utcForecast('2026-03-08', '2026-03-08T05:00:00Z', 23, {
      '2026-03-08T17:00:00.000Z': RAIN,
    });
    expect(check(f, '13:00', '14:00', '2026-03-08', NEW_YORK)?.risks).toEqual(['Rain 80%']);
    expect(check(f, '12:00', '13:00', '2026-03-08', NEW_YORK)?.risks).toEqual([]);
    expect(check(f, '14:00', '15:00', '2026-03-08', NEW_YORK)?.risks).toEqual([]);
  });

  it('maps points to local hours on the fall-back day (25 hours, both 1:00s read)', () => {
    // 2026-11-01 runs from 04:00Z (00:00 EDT); 01:00 happens at 05:00Z (EDT) and 06:00Z (EST);
    // 13:00 EST is 18:00Z.
    const f = utcForecast('2026-11-01', '2026-11-01T04:00:00Z', 25, {
      '2026-11-01T06:00:00.000Z': { temp_fahrenheit: 28 },
      '2026-11-01T18:00:00.000Z': RAIN,
    });
    expect(check(f, '13:00', '14:00', '2026-11-01', NEW_YORK)?.risks).toEqual(['Rain 80%']);
    expect(check(f, '12:00', '13:00', '2026-11-01', NEW_YORK)?.risks).toEqual([]);
    // 01:00–02:00 lasts two real hours and takes in the second 1:00 (EST).
    expect(check(f, '01:00', '02:00', '2026-11-01', NEW_YORK)?.risks).toEqual(['Low 28°F']);
  });
});

describe('isWeatherExempt', () => {
  it('is true only for services listed as exempt', () => {
    const config = businessConfigSchema.parse({ weather_exempt_service_ids: ['svc_hvac001'] });
    expect(isWeatherExempt('svc_hvac001', config)).toBe(true);
    expect(isWeatherExempt('svc_lawn01', config)).toBe(false);
  });
});
