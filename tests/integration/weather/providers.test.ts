import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createWeatherProvider,
  type WeatherProviderOptions,
} from '../../../electron/core/weather/providers';
import {
  WeatherProviderError,
  type Forecast,
  type ForecastRequest,
  type WeatherProviderId,
} from '../../../electron/core/weather/types';
import { weatherConditionSchema } from '../../../shared/schemas/weather-cache';
import { localDateOf, localTimeOf, toUtcInstant } from '../../../shared/time';
import {
  startFakeWeather,
  type FakeFailure,
  type FakeWeather,
  type FakeWeatherScenario,
} from '../../support/fake-weather';

const KEY = 'sk-test-SECRET/42+x';
const ALL: WeatherProviderId[] = ['open_meteo', 'openweathermap', 'weatherapi'];
const KEYED: WeatherProviderId[] = ['openweathermap', 'weatherapi'];
const chicago = { latitude: 41.8781, longitude: -87.6298 };

let fake: FakeWeather;

beforeAll(async () => {
  fake = await startFakeWeather();
});
afterAll(() => fake.close());

/** A fresh scenario per test; the keyed providers accept only KEY. */
function scenario(s: FakeWeatherScenario = {}) {
  fake.reset({ keys: { openweathermap: KEY, weatherapi: KEY }, today: '2026-06-12', ...s });
}
beforeEach(() => scenario());

/** The provider against the fake, with KEY when it needs one. */
const provider = (id: WeatherProviderId, options: WeatherProviderOptions = {}) =>
  createWeatherProvider(id, {
    baseUrl: fake.baseUrl,
    ...(id === 'open_meteo' ? {} : { apiKey: KEY }),
    ...options,
  });

const request = (r: Partial<ForecastRequest> = {}): ForecastRequest => ({
  ...chicago,
  timeZone: 'America/Chicago',
  days: 3,
  ...r,
});

async function failure(promise: Promise<unknown>): Promise<WeatherProviderError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WeatherProviderError);
  const error = err as WeatherProviderError;
  // Whatever went wrong, the key shows nowhere a user or a log could read it.
  for (const text of [error.message, error.stack ?? '', JSON.stringify(error)]) {
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(encodeURIComponent(KEY));
  }
  return error;
}

/** The local 'HH:mm' of each hour on `date` in `zone` whose chance of rain is at least `atLeast`. */
function rainyHours(forecast: Forecast, date: string, zone: string, atLeast = 50): string[] {
  return forecast.hours
    .filter((h) => localDateOf(h.at, zone) === date && h.rain_percent >= atLeast)
    .map((h) => localTimeOf(h.at, zone));
}

describe.each(ALL)('%s forecast', (id) => {
  it('gives days in °F, mph and %, cut in the business zone, and rain at the hours it falls', async () => {
    scenario({
      today: '2026-06-12',
      base: { temp_fahrenheit: 75, wind_speed_mph: 8, humidity_percent: 60, uv_index: 7 },
      spells: [
        {
          date: '2026-06-12',
          from: '13:00',
          to: '17:00',
          rain_percent: 90,
          condition: 'rain',
          temp_fahrenheit: 64,
        },
        { date: '2026-06-13', from: '14:00', to: '16:00', temp_fahrenheit: 97, wind_speed_mph: 31 },
      ],
    });
    const forecast = await provider(id).forecast(request({ days: 3 }));

    expect(forecast.provider).toBe(id);
    expect(forecast.days.map((d) => d.date)).toEqual(['2026-06-12', '2026-06-13', '2026-06-14']);
    expect(forecast.days[0]).toEqual({
      date: '2026-06-12',
      condition: 'rain',
      rain_percent: 90,
      temp_high_fahrenheit: 75,
      temp_low_fahrenheit: 64,
      wind_speed_mph: 8,
      uv_index: 7,
      humidity_percent: 60,
    });
    expect(forecast.days[1]).toMatchObject({
      condition: 'clear',
      rain_percent: 0,
      temp_high_fahrenheit: 97,
      wind_speed_mph: 31,
    });
    expect(rainyHours(forecast, '2026-06-12', 'America/Chicago')).toEqual([
      '13:00',
      '14:00',
      '15:00',
      '16:00',
    ]);
    const oneOClock = forecast.hours.find(
      (h) => h.at.getTime() === toUtcInstant('2026-06-12', '13:00', 'America/Chicago').getTime(),
    );
    expect(oneOClock).toEqual({
      at: new Date('2026-06-12T18:00:00.000Z'),
      temp_fahrenheit: 64,
      rain_percent: 90,
      wind_speed_mph: 8,
      condition: 'rain',
    });
    // No hour beyond the days asked for.
    expect(forecast.hours.every((h) => localDateOf(h.at, 'America/Chicago') <= '2026-06-14')).toBe(
      true,
    );
  });

  it.each([
    {
      change: 'spring forward (2026-03-08, a 23-hour day)',
      now: toUtcInstant('2026-03-08', '00:00', 'America/New_York'),
      dstDay: '2026-03-08',
      dstHours: 23,
      rainDay: '2026-03-09',
    },
    {
      change: 'fall back (2026-11-01, a 25-hour day)',
      now: toUtcInstant('2026-11-01', '00:00', 'America/New_York'),
      dstDay: '2026-11-01',
      dstHours: 25,
      rainDay: '2026-11-02',
    },
  ])('places every hour right across a DST $change', async ({ now, dstDay, dstHours, rainDay }) => {
    const zone = 'America/New_York';
    scenario({
      now,
      timeZone: zone,
      spells: [{ date: rainDay, from: '13:00', to: '17:00', rain_percent: 80, condition: 'rain' }],
    });
    const forecast = await provider(id).forecast(
      request({ latitude: 40.7128, longitude: -74.006, timeZone: zone, days: 3 }),
    );

    const instants = forecast.hours.map((h) => h.at.getTime());
    expect(instants.length).toBeGreaterThanOrEqual(47);
    instants.slice(1).forEach((t, i) => expect(t - instants[i]!).toBe(3_600_000));
    expect(forecast.hours.filter((h) => localDateOf(h.at, zone) === dstDay)).toHaveLength(dstHours);
    // Rain from 1 to 5 pm local the day after the change: an hour off would show 12:00 or 17:00.
    expect(rainyHours(forecast, rainDay, zone)).toEqual(['13:00', '14:00', '15:00', '16:00']);
    expect(forecast.days.slice(0, 2).map((d) => [d.date, d.rain_percent])).toEqual([
      [dstDay, 0],
      [rainDay, 80],
    ]);
  });

  it('dates days by the business zone even where its midday is the previous day in UTC', async () => {
    const zone = 'Pacific/Auckland';
    scenario({
      today: '2026-01-15',
      timeZone: zone,
      spells: [{ date: '2026-01-16', rain_percent: 70, condition: 'rain' }],
    });
    const forecast = await provider(id).forecast(
      request({ latitude: -36.8485, longitude: 174.7633, timeZone: zone, days: 3 }),
    );
    expect(forecast.days.map((d) => [d.date, d.rain_percent])).toEqual([
      ['2026-01-15', 0],
      ['2026-01-16', 70],
      ['2026-01-17', 0],
    ]);
  });

  it("reads the provider's weather codes as the app's conditions", async () => {
    // Every condition but 'windy', which no provider has a weather code for (wind is its own figure).
    const conditions = weatherConditionSchema.options.filter((c) => c !== 'windy');
    scenario({
      today: '2026-06-12',
      weather: (_place, date, time) => {
        const hour = Number(time.slice(0, 2));
        return date === '2026-06-12' && hour < conditions.length
          ? { condition: conditions[hour] }
          : undefined;
      },
    });
    const forecast = await provider(id).forecast(request({ days: 1 }));
    const morning = forecast.hours
      .filter((h) => localDateOf(h.at, 'America/Chicago') === '2026-06-12')
      .slice(0, conditions.length);
    expect(morning.map((h) => h.condition)).toEqual(conditions);
  });

  it('stamps the forecast with the injected clock', async () => {
    const fetchedAt = new Date('2026-06-12T05:01:02.000Z');
    const forecast = await provider(id, { clock: { now: () => fetchedAt } }).forecast(
      request({ days: 1 }),
    );
    expect(forecast.fetched_at).toEqual(fetchedAt);
    expect(forecast.days).toHaveLength(1);
  });

  it('refuses a request no provider can answer, without calling', async () => {
    expect((await failure(provider(id).forecast(request({ days: 15 })))).kind).toBe('bad_request');
    expect((await failure(provider(id).forecast(request({ latitude: 95 })))).kind).toBe(
      'bad_request',
    );
    expect((await failure(provider(id).forecast(request({ timeZone: 'Mars/Olympus' })))).kind).toBe(
      'bad_request',
    );
    expect(fake.calls).toHaveLength(0);
  });
});

describe('Open-Meteo', () => {
  it('works without any key and sends none', async () => {
    const forecast = await createWeatherProvider('open_meteo', { baseUrl: fake.baseUrl }).forecast(
      request({ days: 5 }),
    );
    expect(forecast.days).toHaveLength(5);
    expect(forecast.hours).toHaveLength(5 * 24);
    expect(fake.callsTo('open_meteo')).toHaveLength(1);
    expect(fake.calls[0]?.key).toBeUndefined();
  });

  it('reads the hours right when Open-Meteo labels them at a stale UTC offset after a DST change', async () => {
    // Asked on Saturday in EST, the API labels Monday's 1 pm EDT as "12:00" (one offset for all).
    scenario({
      now: toUtcInstant('2026-03-07', '09:00', 'America/New_York'),
      timeZone: 'America/New_York',
      spells: [{ date: '2026-03-09', from: '13:00', to: '14:00', rain_percent: 95 }],
    });
    const forecast = await provider('open_meteo').forecast(
      request({ timeZone: 'America/New_York', days: 4 }),
    );
    expect(rainyHours(forecast, '2026-03-09', 'America/New_York')).toEqual(['13:00']);
  });
});

describe.each(KEYED)('%s key', (id) => {
  it('sends the key with every forecast call', async () => {
    await provider(id).forecast(request());
    expect(fake.callsTo(id)).toHaveLength(1);
    expect(fake.callsTo(id)[0]?.key).toBe(KEY);
  });

  it('without a key, says what to do and calls nobody', async () => {
    const name = id === 'openweathermap' ? 'OpenWeatherMap' : 'WeatherAPI.com';
    for (const apiKey of [undefined, '', '   ']) {
      let thrown: unknown;
      try {
        createWeatherProvider(id, { baseUrl: fake.baseUrl, apiKey });
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(WeatherProviderError);
      expect(thrown).toMatchObject({
        kind: 'unauthorized',
        provider: id,
        message: `${name} needs an API key: add it in Settings → Weather, or choose Open-Meteo, which needs none.`,
      });
    }
    expect(fake.calls).toHaveLength(0);
  });

  it('turns a refused key into unauthorized, pointing to Settings, never quoting the key', async () => {
    scenario({ keys: { openweathermap: 'the-right-key', weatherapi: 'the-right-key' } });
    const error = await failure(provider(id).forecast(request()));
    expect(error.kind).toBe('unauthorized');
    expect(error.message).toContain('Settings → Weather');
    expect(fake.callsTo(id)[0]?.key).toBe(KEY);
  });
  it('an error page quoting the request URL does not leak the key', async () => {
    fake.failNext(
      {
        kind: 'server_error',
        status: 502,
        reason: `upstream failed for /forecast?appid=${KEY}&key=${encodeURIComponent(KEY)}`,
      },
      { provider: id },
    );
    const error = await failure(provider(id).forecast(request()));
    expect(error.kind).toBe('unavailable');
    expect(error.message).toContain('upstream failed');
  });
});

describe.each(ALL)('%s failures', (id) => {
  const fail = (failure: FakeFailure) => fake.failNext(failure, { provider: id });

  it('a rate limit is rate_limited, with Retry-After seconds honoured', async () => {
    fail({ kind: 'rate_limited', retryAfter: '120' });
    const error = await failure(provider(id).forecast(request()));
    expect(error.kind).toBe('rate_limited');
    expect(error.retryAfterMs).toBe(120_000);
    expect(error.message).toContain('2 minutes');
  });

  it('a Retry-After given as an HTTP date counts from the clock', async () => {
    const now = new Date('2026-06-12T15:00:00.000Z');
    fail({ kind: 'rate_limited', retryAfter: 'Fri, 12 Jun 2026 15:01:30 GMT' });
    const error = await failure(provider(id, { clock: { now: () => now } }).forecast(request()));
    expect(error).toMatchObject({ kind: 'rate_limited', retryAfterMs: 90_000 });
  });

  it.each([500, 502, 503])('HTTP %i is unavailable', async (status) => {
    fail({ kind: 'server_error', status });
    expect((await failure(provider(id).forecast(request()))).kind).toBe('unavailable');
  });

  it('a body cut off halfway is bad_response', async () => {
    fail({ kind: 'malformed' });
    expect((await failure(provider(id).forecast(request()))).kind).toBe('bad_response');
  });

  it('JSON without the forecast is bad_response', async () => {
    fail({ kind: 'wrong_shape' });
    expect((await failure(provider(id).forecast(request()))).kind).toBe('bad_response');
  });

  it('coordinates the provider cannot place are bad_request', async () => {
    fail({ kind: 'not_found' });
    expect((await failure(provider(id).forecast(request()))).kind).toBe('bad_request');
  });

  it('gives up at the time limit as unavailable, without waiting for the answer', async () => {
    fail({ kind: 'slow', delayMs: 2_000 });
    const started = performance.now();
    const error = await failure(provider(id, { timeoutMs: 200 }).forecast(request()));
    expect(error.kind).toBe('unavailable');
    expect(error.message).toContain('did not answer within');
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it('a late answer within the time limit is still a forecast', async () => {
    fail({ kind: 'slow', delayMs: 100 });
    const forecast = await provider(id, { timeoutMs: 2_000 }).forecast(request());
    expect(forecast.days).toHaveLength(3);
  });

  it('a server nobody answers at is unavailable', async () => {
    const gone = await startFakeWeather();
    await gone.close();
    const error = await failure(provider(id, { baseUrl: gone.baseUrl }).forecast(request()));
    expect(error.kind).toBe('unavailable');
    expect(error.message).toContain('cannot be reached');
  });

  it('a cancelled call rejects with the abort, not as a provider failure', async () => {
    fail({ kind: 'slow', delayMs: 2_000 });
    const controller = new AbortController();
    const pending = provider(id).forecast(request(), controller.signal);
    setTimeout(() => controller.abort(), 50);
    const err = await pending.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).not.toBeInstanceOf(WeatherProviderError);
    expect((err as Error).name).toBe('AbortError');
  });
});

describe('WeatherAPI.com errors by code', () => {
  it('a used-up monthly quota (403, code 2007) is rate_limited, not a bad key', async () => {
    fake.failNext({ kind: 'rate_limited' }, { provider: 'weatherapi' });
    const error = await failure(provider('weatherapi').forecast(request()));
    expect(error.kind).toBe('rate_limited');
    expect(error.retryAfterMs).toBeUndefined();
  });

  it('an internal error sent as HTTP 400 (code 9999) is unavailable', async () => {
    fake.failNext({ kind: 'server_error', status: 400 }, { provider: 'weatherapi' });
    expect((await failure(provider('weatherapi').forecast(request()))).kind).toBe('unavailable');
  });

  it('counts a snowy hour as precipitation', async () => {
    scenario({
      spells: [
        { date: '2026-06-12', from: '08:00', to: '10:00', rain_percent: 70, condition: 'snow' },
      ],
    });
    const forecast = await provider('weatherapi').forecast(request({ days: 1 }));
    expect(rainyHours(forecast, '2026-06-12', 'America/Chicago')).toEqual(['08:00', '09:00']);
    expect(forecast.days[0]).toMatchObject({ rain_percent: 70, condition: 'snow' });
  });
});

describe('the fake weather server', () => {
  it('counts calls per provider and per rounded place', async () => {
    const nearby = { latitude: 41.8779, longitude: -87.6301 };
    await provider('open_meteo').forecast(request());
    await provider('openweathermap').forecast(request(nearby));
    await provider('weatherapi').forecast(request({ latitude: 33.5186, longitude: -86.8104 }));
    expect(fake.callsTo('open_meteo')).toHaveLength(1);
    expect(fake.callsAt(chicago)).toBe(2);
    expect(fake.callsAt(chicago, { provider: 'weatherapi' })).toBe(0);
    expect(fake.countByPlace()).toEqual(
      new Map([
        ['41.88,-87.63', 2],
        ['33.52,-86.81', 1],
      ]),
    );
  });

  it('answers in the units asked for, as the real APIs do', async () => {
    scenario({ base: { temp_fahrenheit: 212, wind_speed_mph: 10 } });
    const response = await fetch(
      `${fake.baseUrl}/v1/forecast?latitude=41.88&longitude=-87.63&hourly=temperature_2m,wind_speed_10m&forecast_days=1`,
    );
    const body = (await response.json()) as {
      hourly: { temperature_2m: number[]; wind_speed_10m: number[] };
    };
    expect(body.hourly.temperature_2m[0]).toBe(100);
    expect(body.hourly.wind_speed_10m[0]).toBe(16.1);
  });
});
