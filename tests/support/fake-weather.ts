// One local HTTP server speaking Open-Meteo's, OpenWeatherMap's (One Call 3.0) and WeatherAPI.com's
// forecast endpoints in their documented shapes, all answering from one scenario of local weather.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WeatherProviderId } from '../../electron/core/weather/types';
import type { WeatherCondition } from '../../shared/schemas/weather-cache';
import {
  addDays,
  isValidTimeZone,
  localDateOf,
  localTimeOf,
  toUtcInstant,
  type DateKey,
  type TimeOfDay,
} from '../../shared/time';

/** One hour's weather at a place, in the app's units; each API answers it in its own. */
export interface FakeHourWeather {
  temp_fahrenheit: number;
  /** Chance of precipitation, 0–100. */
  rain_percent: number;
  wind_speed_mph: number;
  humidity_percent: number;
  uv_index: number;
  condition: WeatherCondition;
}

export interface FakePlace {
  latitude: number;
  longitude: number;
}

/**
 * Weather for some local hours: on `date` from `from` (default 00:00) up to, not including, `to`
 * (default the end of the day), in the place's zone; at every place, or only within 0.01° of `near`.
 */
export interface FakeSpell extends Partial<FakeHourWeather> {
  date: DateKey;
  from?: TimeOfDay;
  to?: TimeOfDay;
  near?: FakePlace;
}

/** A failure to answer with instead of the forecast, in the provider's documented form. */
export type FakeFailure = (
  | { kind: 'bad_key' }
  /** Open-Meteo and OpenWeatherMap: HTTP 429; WeatherAPI.com: 403 with code 2007 (quota). */
  | { kind: 'rate_limited'; retryAfter?: string }
  /** `reason` replaces the provider's error text (e.g. a proxy echoing the request URL). */
  | { kind: 'server_error'; status?: number; retryAfter?: string; reason?: string }
  /** HTTP 200 with a body cut off halfway through the JSON. */
  | { kind: 'malformed' }
  /** HTTP 200 with JSON missing the forecast (no hourly block, no forecast object). */
  | { kind: 'wrong_shape' }
  /** The provider's answer to coordinates it cannot place. */
  | { kind: 'not_found' }
  /** The normal answer, late. */
  | { kind: 'slow' }
) & { delayMs?: number };

export interface FakeWeatherScenario {
  /** The fake's "now": where forecasts start. Default 00:00 of `today` in the place's zone. */
  now?: Date;
  /** The first forecast day, when `now` is not given. Default the real date. */
  today?: DateKey;
  /** The zone of every place, or of each (the real APIs look it up). Default America/Chicago. */
  timeZone?: string | ((place: FakePlace) => string);
  /** Every hour's weather unless a spell or `weather` says otherwise (default mild and dry). */
  base?: Partial<FakeHourWeather>;
  spells?: FakeSpell[];
  /** Applied last, for weather no spell describes. */
  weather?: (
    place: FakePlace,
    date: DateKey,
    time: TimeOfDay,
  ) => Partial<FakeHourWeather> | undefined;
  /** The keys each keyed provider accepts; any non-empty key when not given. */
  keys?: { openweathermap?: string; weatherapi?: string };
  /** Decides per call whether to fail (after any queued `failNext`). */
  fail?: (call: FakeWeatherCall) => FakeFailure | undefined;
}

export interface FakeWeatherCall {
  provider: WeatherProviderId;
  path: string;
  params: Record<string, string>;
  /** The key as sent (`appid`, `key` or `apikey`), undefined when none was. */
  key: string | undefined;
  /** NaN when the request did not carry a readable coordinate. */
  latitude: number;
  longitude: number;
  /** performance.now() when the request arrived. */
  at: number;
  /** The HTTP status answered, once answered. */
  status?: number;
}

export interface FakeWeather {
  /** Give this as `baseUrl` to any of the three providers. */
  baseUrl: string;
  calls: FakeWeatherCall[];
  /** The scenario in force; change it with `set`. */
  readonly scenario: FakeWeatherScenario;
  /** Replaces the scenario's given fields. */
  set(scenario: Partial<FakeWeatherScenario>): void;
  /** The next `times` calls (to `provider`, or to any) fail this way. */
  failNext(failure: FakeFailure, options?: { provider?: WeatherProviderId; times?: number }): void;
  callsTo(provider: WeatherProviderId): FakeWeatherCall[];
  /** Calls for the place rounded to `decimals` (default 2, about 1 km), optionally to one provider. */
  callsAt(place: FakePlace, options?: { decimals?: number; provider?: WeatherProviderId }): number;
  /** Calls per rounded place ("41.88,-87.63"), optionally to one provider. */
  countByPlace(options?: { decimals?: number; provider?: WeatherProviderId }): Map<string, number>;
  /** Forgets the calls and queued failures; with a scenario, starts over from it. */
  reset(scenario?: FakeWeatherScenario): void;
  close(): Promise<void>;
}

/** A place as a map key, rounded to `decimals`. */
export function placeKey(place: FakePlace, decimals = 2): string {
  return `${place.latitude.toFixed(decimals)},${place.longitude.toFixed(decimals)}`;
}

const DEFAULT_HOUR: FakeHourWeather = {
  temp_fahrenheit: 72,
  rain_percent: 0,
  wind_speed_mph: 6,
  humidity_percent: 55,
  uv_index: 4,
  condition: 'clear',
};

/** Least to most severe: a day's condition is its worst hour's. */
const SEVERITY: readonly WeatherCondition[] = [
  'unknown',
  'clear',
  'partly_cloudy',
  'cloudy',
  'windy',
  'fog',
  'drizzle',
  'rain',
  'snow',
  'sleet',
  'heavy_rain',
  'thunderstorm',
];

/** One representative code per condition in each API's vocabulary (OWM also needs `main`). */
const CODES: Record<
  WeatherCondition,
  { wmo: number; owm: number; owmMain: string; wapi: number; text: string }
> = {
  clear: { wmo: 0, owm: 800, owmMain: 'Clear', wapi: 1000, text: 'Sunny' },
  partly_cloudy: { wmo: 2, owm: 802, owmMain: 'Clouds', wapi: 1003, text: 'Partly cloudy' },
  cloudy: { wmo: 3, owm: 804, owmMain: 'Clouds', wapi: 1009, text: 'Overcast' },
  fog: { wmo: 45, owm: 741, owmMain: 'Fog', wapi: 1135, text: 'Fog' },
  drizzle: { wmo: 53, owm: 301, owmMain: 'Drizzle', wapi: 1153, text: 'Light drizzle' },
  rain: { wmo: 63, owm: 501, owmMain: 'Rain', wapi: 1189, text: 'Moderate rain' },
  heavy_rain: { wmo: 65, owm: 502, owmMain: 'Rain', wapi: 1195, text: 'Heavy rain' },
  thunderstorm: {
    wmo: 95,
    owm: 211,
    owmMain: 'Thunderstorm',
    wapi: 1276,
    text: 'Moderate or heavy rain with thunder',
  },
  snow: { wmo: 73, owm: 601, owmMain: 'Snow', wapi: 1219, text: 'Moderate snow' },
  sleet: { wmo: 67, owm: 611, owmMain: 'Snow', wapi: 1207, text: 'Moderate or heavy sleet' },
  // Open-Meteo and WeatherAPI.com have no code for wind alone: a windy hour reads as clear there.
  windy: { wmo: 0, owm: 771, owmMain: 'Squall', wapi: 1000, text: 'Sunny' },
  // Codes no provider documents, to see how a client takes one.
  unknown: { wmo: 4, owm: 999, owmMain: 'Unknown', wapi: 1999, text: 'Unknown' },
};

const HOUR_MS = 3_600_000;
const round = (value: number, decimals = 1) => Number(value.toFixed(decimals));
const celsius = (f: number) => ((f - 32) * 5) / 9;
const KMH_PER_MPH = 1.609344;
const MS_PER_MPH = 0.44704;
const KN_PER_MPH = 0.868976;

/** The UTC offset of `timeZone` at `instant`, in seconds. */
function offsetSeconds(instant: Date, timeZone: string): number {
  const minute = Math.floor(instant.getTime() / 60_000) * 60_000;
  const wall = Date.parse(
    `${localDateOf(instant, timeZone)}T${localTimeOf(instant, timeZone)}:00.000Z`,
  );
  return (wall - minute) / 1000;
}

/** The instants starting each hour of a local day (23 or 25 on DST days). */
function hoursOfDay(date: DateKey, timeZone: string): Date[] {
  const start = toUtcInstant(date, '00:00', timeZone).getTime();
  const end = toUtcInstant(addDays(date, 1), '00:00', timeZone).getTime();
  const hours: Date[] = [];
  for (let t = start; t < end; t += HOUR_MS) hours.push(new Date(t));
  return hours;
}

function mean(values: number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / Math.max(1, values.length);
}

/** A day's figures from its hours, as the providers summarise a day. */
function summary(hours: FakeHourWeather[]) {
  return {
    high: Math.max(...hours.map((h) => h.temp_fahrenheit)),
    low: Math.min(...hours.map((h) => h.temp_fahrenheit)),
    mean: mean(hours.map((h) => h.temp_fahrenheit)),
    rain: Math.max(...hours.map((h) => h.rain_percent)),
    wind: Math.max(...hours.map((h) => h.wind_speed_mph)),
    humidity: mean(hours.map((h) => h.humidity_percent)),
    uv: Math.max(...hours.map((h) => h.uv_index)),
    condition: hours
      .map((h) => h.condition)
      .reduce((worst, c) => (SEVERITY.indexOf(c) > SEVERITY.indexOf(worst) ? c : worst)),
  };
}

export async function startFakeWeather(initial: FakeWeatherScenario = {}): Promise<FakeWeather> {
  let scenario: FakeWeatherScenario = { ...initial };
  const calls: FakeWeatherCall[] = [];
  const queued: { failure: FakeFailure; provider?: WeatherProviderId; remaining: number }[] = [];

  const zoneOf = (place: FakePlace) =>
    typeof scenario.timeZone === 'function'
      ? scenario.timeZone(place)
      : (scenario.timeZone ?? 'America/Chicago');

  const nowAt = (place: FakePlace): Date => {
    if (scenario.now) return scenario.now;
    const zone = zoneOf(place);
    return toUtcInstant(scenario.today ?? localDateOf(new Date(), zone), '00:00', zone);
  };

  /** The weather at a place in the hour starting at `instant`. */
  function weatherAt(place: FakePlace, instant: Date): FakeHourWeather {
    const zone = zoneOf(place);
    const date = localDateOf(instant, zone);
    const time = localTimeOf(instant, zone);
    let hour: FakeHourWeather = { ...DEFAULT_HOUR, ...scenario.base };
    for (const spell of scenario.spells ?? []) {
      if (spell.date !== date) continue;
      if (spell.from && time < spell.from) continue;
      if (spell.to && time >= spell.to) continue;
      if (
        spell.near &&
        (Math.abs(spell.near.latitude - place.latitude) > 0.01 ||
          Math.abs(spell.near.longitude - place.longitude) > 0.01)
      ) {
        continue;
      }
      const { date: _d, from: _f, to: _t, near: _n, ...weather } = spell;
      hour = { ...hour, ...weather };
    }
    return { ...hour, ...(scenario.weather?.(place, date, time) ?? {}) };
  }

  // ── Open-Meteo: GET /v1/forecast ────────────────────────────────────────────────────────────
  const OPEN_METEO_HOURLY = new Set([
    'temperature_2m',
    'relative_humidity_2m',
    'precipitation_probability',
    'wind_speed_10m',
    'weather_code',
    'uv_index',
  ]);
  const OPEN_METEO_DAILY = new Set([
    'weather_code',
    'temperature_2m_max',
    'temperature_2m_min',
    'temperature_2m_mean',
    'precipitation_probability_max',
    'wind_speed_10m_max',
    'uv_index_max',
    'relative_humidity_2m_mean',
    'relative_humidity_2m_max',
    'relative_humidity_2m_min',
  ]);

  function openMeteo(params: Record<string, string>, place: FakePlace): [number, unknown] {
    const refuse = (reason: string): [number, unknown] => [400, { error: true, reason }];
    if (Number.isNaN(place.latitude) || Number.isNaN(place.longitude)) {
      return refuse("Parameter 'latitude' and 'longitude' must be floating point numbers.");
    }
    if (Math.abs(place.latitude) > 90) {
      return refuse(`Latitude must be in range of -90 to 90°. Given: ${place.latitude}.`);
    }
    if (Math.abs(place.longitude) > 180) {
      return refuse(`Longitude must be in range of -180 to 180°. Given: ${place.longitude}.`);
    }
    const list = (name: string) => (params[name] ? params[name].split(',') : []);
    const hourlyVars = list('hourly');
    const dailyVars = list('daily');
    for (const v of hourlyVars) {
      if (!OPEN_METEO_HOURLY.has(v)) {
        return refuse(
          `Data corrupted at path ''. Cannot initialize ForecastVariable from invalid String value ${v}.`,
        );
      }
    }
    for (const v of dailyVars) {
      if (!OPEN_METEO_DAILY.has(v)) {
        return refuse(
          `Data corrupted at path ''. Cannot initialize ForecastVariableDaily from invalid String value ${v}.`,
        );
      }
    }
    const tzParam = params.timezone ?? 'GMT';
    const zone =
      tzParam === 'auto' ? zoneOf(place) : tzParam === 'GMT' || tzParam === 'UTC' ? 'UTC' : tzParam;
    if (!isValidTimeZone(zone)) return refuse('Invalid timezone');
    const days = params.forecast_days === undefined ? 7 : Number(params.forecast_days);
    if (!Number.isInteger(days) || days < 0 || days > 16) {
      return refuse('Forecast days is invalid. Allowed range 0 to 16.');
    }
    const tempUnit = params.temperature_unit ?? 'celsius';
    const windUnit = params.wind_speed_unit ?? 'kmh';
    const timeformat = params.timeformat ?? 'iso8601';
    if (!['celsius', 'fahrenheit'].includes(tempUnit)) {
      return refuse(`Cannot initialize TemperatureUnit from invalid String value ${tempUnit}.`);
    }
    if (!['kmh', 'ms', 'mph', 'kn'].includes(windUnit)) {
      return refuse(`Cannot initialize WindspeedUnit from invalid String value ${windUnit}.`);
    }
    if (!['iso8601', 'unixtime'].includes(timeformat)) {
      return refuse(`Cannot initialize Timeformat from invalid String value ${timeformat}.`);
    }

    // The API labels the whole series with the one offset in force now (no DST changes within).
    const now = nowAt(place);
    const offset = offsetSeconds(now, zone);
    const today = localDateOf(now, zone);
    const start = Date.parse(`${today}T00:00:00.000Z`) - offset * 1000;
    const label = (ms: number, dateOnly: boolean) => {
      if (timeformat === 'unixtime') return ms / 1000;
      const iso = new Date(ms + offset * 1000).toISOString();
      return dateOnly ? iso.slice(0, 10) : iso.slice(0, 16);
    };
    const temp = (f: number) => round(tempUnit === 'fahrenheit' ? f : celsius(f));
    const wind = (mph: number) =>
      round(
        windUnit === 'mph'
          ? mph
          : windUnit === 'ms'
            ? mph * MS_PER_MPH
            : windUnit === 'kn'
              ? mph * KN_PER_MPH
              : mph * KMH_PER_MPH,
      );
    const units: Record<string, string> = {
      temperature_2m: tempUnit === 'fahrenheit' ? '°F' : '°C',
      wind_speed_10m: { kmh: 'km/h', ms: 'm/s', mph: 'mp/h', kn: 'kn' }[windUnit] ?? 'km/h',
      precipitation_probability: '%',
      relative_humidity_2m: '%',
      weather_code: 'wmo code',
      uv_index: '',
    };
    const unitOf = (v: string) => units[v.replace(/_(max|min|mean)$/, '')] ?? '';

    const body: Record<string, unknown> = {
      latitude: round(Math.round(place.latitude * 40) / 40, 6),
      longitude: round(Math.round(place.longitude * 40) / 40, 6),
      generationtime_ms: 0.0512,
      utc_offset_seconds: offset,
      timezone: zone === 'UTC' ? 'GMT' : zone,
      timezone_abbreviation:
        offset === 0 ? 'GMT' : `GMT${offset > 0 ? '+' : '-'}${Math.abs(offset) / 3600}`,
      elevation: 182,
    };
    if (hourlyVars.length > 0) {
      const instants = Array.from({ length: days * 24 }, (_, i) => start + i * HOUR_MS);
      const hours = instants.map((ms) => weatherAt(place, new Date(ms)));
      const hourly: Record<string, unknown[]> = { time: instants.map((ms) => label(ms, false)) };
      const hourlyUnits: Record<string, string> = { time: timeformat };
      for (const v of hourlyVars) {
        hourlyUnits[v] = unitOf(v);
        hourly[v] = hours.map((h) =>
          v === 'temperature_2m'
            ? temp(h.temp_fahrenheit)
            : v === 'precipitation_probability'
              ? Math.round(h.rain_percent)
              : v === 'wind_speed_10m'
                ? wind(h.wind_speed_mph)
                : v === 'relative_humidity_2m'
                  ? Math.round(h.humidity_percent)
                  : v === 'uv_index'
                    ? round(h.uv_index, 2)
                    : CODES[h.condition].wmo,
        );
      }
      body.hourly_units = hourlyUnits;
      body.hourly = hourly;
    }
    if (dailyVars.length > 0) {
      const dayStarts = Array.from({ length: days }, (_, d) => start + d * 24 * HOUR_MS);
      const summaries = dayStarts.map((dayStart) =>
        summary(
          Array.from({ length: 24 }, (_, i) => weatherAt(place, new Date(dayStart + i * HOUR_MS))),
        ),
      );
      const daily: Record<string, unknown[]> = { time: dayStarts.map((ms) => label(ms, true)) };
      const dailyUnits: Record<string, string> = { time: timeformat };
      for (const v of dailyVars) {
        dailyUnits[v] = unitOf(v);
        daily[v] = summaries.map((s) => {
          switch (v) {
            case 'weather_code':
              return CODES[s.condition].wmo;
            case 'temperature_2m_max':
              return temp(s.high);
            case 'temperature_2m_min':
              return temp(s.low);
            case 'temperature_2m_mean':
              return temp(s.mean);
            case 'precipitation_probability_max':
              return Math.round(s.rain);
            case 'wind_speed_10m_max':
              return wind(s.wind);
            case 'uv_index_max':
              return round(s.uv, 2);
            default:
              return Math.round(s.humidity);
          }
        });
      }
      body.daily_units = dailyUnits;
      body.daily = daily;
    }
    return [200, body];
  }

  // ── OpenWeatherMap One Call 3.0: GET /data/3.0/onecall ──────────────────────────────────────
  function oneCall(params: Record<string, string>, place: FakePlace): [number, unknown] {
    const accepted = scenario.keys?.openweathermap;
    if (!params.appid || (accepted !== undefined && params.appid !== accepted)) {
      return [
        401,
        {
          cod: 401,
          message:
            'Invalid API key. Please see https://openweathermap.org/faq#error401 for more info.',
        },
      ];
    }
    if (Number.isNaN(place.latitude) || Math.abs(place.latitude) > 90) {
      return [400, { cod: '400', message: 'wrong latitude' }];
    }
    if (Number.isNaN(place.longitude) || Math.abs(place.longitude) > 180) {
      return [400, { cod: '400', message: 'wrong longitude' }];
    }
    const units = params.units ?? 'standard';
    const temp = (f: number) =>
      round(units === 'imperial' ? f : units === 'metric' ? celsius(f) : celsius(f) + 273.15, 2);
    const wind = (mph: number) => round(units === 'imperial' ? mph : mph * MS_PER_MPH, 2);
    const excluded = new Set((params.exclude ?? '').split(',').filter(Boolean));
    const zone = zoneOf(place);
    const now = nowAt(place);
    const unix = (d: Date) => Math.floor(d.getTime() / 1000);
    const weather = (c: WeatherCondition, night = false) => [
      {
        id: CODES[c].owm,
        main: CODES[c].owmMain,
        description: CODES[c].text.toLowerCase(),
        icon: `${c === 'clear' ? '01' : c === 'rain' ? '10' : '04'}${night ? 'n' : 'd'}`,
      },
    ];
    const hourOf = (at: Date) => {
      const h = weatherAt(place, at);
      return {
        dt: unix(at),
        temp: temp(h.temp_fahrenheit),
        feels_like: temp(h.temp_fahrenheit - 1),
        pressure: 1015,
        humidity: Math.round(h.humidity_percent),
        dew_point: temp(h.temp_fahrenheit - 12),
        uvi: round(h.uv_index, 2),
        clouds: h.condition === 'clear' ? 5 : 90,
        visibility: 10_000,
        wind_speed: wind(h.wind_speed_mph),
        wind_deg: 200,
        wind_gust: wind(h.wind_speed_mph * 1.5),
        weather: weather(h.condition),
        pop: round(h.rain_percent / 100, 2),
        ...(h.rain_percent >= 50 ? { rain: { '1h': 0.8 } } : {}),
      };
    };
    const body: Record<string, unknown> = {
      lat: round(place.latitude, 4),
      lon: round(place.longitude, 4),
      timezone: zone,
      timezone_offset: offsetSeconds(now, zone),
    };
    const today = localDateOf(now, zone);
    const sun = (date: DateKey) => ({
      sunrise: unix(toUtcInstant(date, '06:12', zone)),
      sunset: unix(toUtcInstant(date, '19:48', zone)),
    });
    if (!excluded.has('current')) {
      const { pop: _pop, ...current } = hourOf(now);
      body.current = { ...current, ...sun(today) };
    }
    if (!excluded.has('minutely')) {
      const minute = Math.floor(now.getTime() / 60_000) * 60;
      body.minutely = Array.from({ length: 61 }, (_, i) => ({
        dt: minute + i * 60,
        precipitation: 0,
      }));
    }
    if (!excluded.has('hourly')) {
      const first = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
      body.hourly = Array.from({ length: 48 }, (_, i) => hourOf(new Date(first + i * HOUR_MS)));
    }
    if (!excluded.has('daily')) {
      body.daily = Array.from({ length: 8 }, (_, d) => {
        const date = addDays(today, d);
        const hours = hoursOfDay(date, zone).map((at) => weatherAt(place, at));
        const s = summary(hours);
        const at = (time: TimeOfDay) =>
          temp(weatherAt(place, toUtcInstant(date, time, zone)).temp_fahrenheit);
        return {
          dt: unix(toUtcInstant(date, '12:00', zone)),
          ...sun(date),
          moonrise: unix(toUtcInstant(date, '21:30', zone)),
          moonset: unix(toUtcInstant(date, '08:40', zone)),
          moon_phase: 0.25,
          summary: `Expect a day of ${CODES[s.condition].text.toLowerCase()}`,
          temp: {
            day: at('12:00'),
            min: temp(s.low),
            max: temp(s.high),
            night: at('00:00'),
            eve: at('18:00'),
            morn: at('06:00'),
          },
          feels_like: {
            day: at('12:00'),
            night: at('00:00'),
            eve: at('18:00'),
            morn: at('06:00'),
          },
          pressure: 1015,
          humidity: Math.round(s.humidity),
          dew_point: temp(s.low - 5),
          wind_speed: wind(s.wind),
          wind_deg: 200,
          wind_gust: wind(s.wind * 1.5),
          weather: weather(s.condition),
          clouds: s.condition === 'clear' ? 5 : 90,
          pop: round(s.rain / 100, 2),
          ...(s.rain >= 50 ? { rain: 4.2 } : {}),
          uvi: round(s.uv, 2),
        };
      });
    }
    return [200, body];
  }

  // ── WeatherAPI.com: GET /v1/forecast.json ───────────────────────────────────────────────────
  function weatherApi(params: Record<string, string>, place: FakePlace): [number, unknown] {
    const refuse = (status: number, code: number, message: string): [number, unknown] => [
      status,
      { error: { code, message } },
    ];
    if (!params.key) return refuse(401, 1002, 'API key is invalid or not provided.');
    const accepted = scenario.keys?.weatherapi;
    if (accepted !== undefined && params.key !== accepted) {
      return refuse(401, 2006, 'API key is invalid.');
    }
    if (!params.q) return refuse(400, 1003, 'Parameter q is missing.');
    if (
      Number.isNaN(place.latitude) ||
      Number.isNaN(place.longitude) ||
      Math.abs(place.latitude) > 90 ||
      Math.abs(place.longitude) > 180
    ) {
      return refuse(400, 1006, 'No matching location found.');
    }
    const days = Math.min(14, Math.max(1, Number(params.days) || 1));
    const zone = zoneOf(place);
    const now = nowAt(place);
    const today = localDateOf(now, zone);
    const unix = (d: Date) => Math.floor(d.getTime() / 1000);
    const condition = (c: WeatherCondition, night = false) => ({
      text: CODES[c].text,
      icon: `//cdn.weatherapi.com/weather/64x64/${night ? 'night' : 'day'}/113.png`,
      code: CODES[c].wapi,
    });
    // WeatherAPI.com gives snow its own chance: a snowy hour's chance is of snow, not of rain.
    const chances = (h: { condition: WeatherCondition; rain_percent: number }) => {
      const snow = h.condition === 'snow' || h.condition === 'sleet';
      const rain = h.condition !== 'snow';
      return {
        rain: rain ? Math.round(h.rain_percent) : 0,
        snow: snow ? Math.round(h.rain_percent) : 0,
      };
    };
    const hourOf = (at: Date) => {
      const h = weatherAt(place, at);
      const local = localTimeOf(at, zone);
      const { rain, snow } = chances(h);
      const isDay = local >= '06:00' && local < '20:00' ? 1 : 0;
      return {
        time_epoch: unix(at),
        time: `${localDateOf(at, zone)} ${local}`,
        temp_c: round(celsius(h.temp_fahrenheit)),
        temp_f: round(h.temp_fahrenheit),
        is_day: isDay,
        condition: condition(h.condition, isDay === 0),
        wind_mph: round(h.wind_speed_mph),
        wind_kph: round(h.wind_speed_mph * KMH_PER_MPH),
        wind_degree: 200,
        wind_dir: 'SSW',
        pressure_mb: 1015,
        pressure_in: 29.97,
        precip_mm: rain >= 50 ? 0.8 : 0,
        precip_in: rain >= 50 ? 0.03 : 0,
        snow_cm: snow >= 50 ? 0.5 : 0,
        humidity: Math.round(h.humidity_percent),
        cloud: h.condition === 'clear' ? 5 : 90,
        feelslike_c: round(celsius(h.temp_fahrenheit - 1)),
        feelslike_f: round(h.temp_fahrenheit - 1),
        windchill_c: round(celsius(h.temp_fahrenheit - 1)),
        windchill_f: round(h.temp_fahrenheit - 1),
        heatindex_c: round(celsius(h.temp_fahrenheit)),
        heatindex_f: round(h.temp_fahrenheit),
        dewpoint_c: round(celsius(h.temp_fahrenheit - 12)),
        dewpoint_f: round(h.temp_fahrenheit - 12),
        will_it_rain: rain >= 50 ? 1 : 0,
        chance_of_rain: rain,
        will_it_snow: snow >= 50 ? 1 : 0,
        chance_of_snow: snow,
        vis_km: 10,
        vis_miles: 6,
        gust_mph: round(h.wind_speed_mph * 1.5),
        gust_kph: round(h.wind_speed_mph * 1.5 * KMH_PER_MPH),
        uv: round(h.uv_index),
      };
    };
    const forecastday = Array.from({ length: days }, (_, d) => {
      const date = addDays(today, d);
      const instants = hoursOfDay(date, zone);
      const s = summary(instants.map((at) => weatherAt(place, at)));
      const { rain, snow } = chances({ condition: s.condition, rain_percent: s.rain });
      return {
        date,
        date_epoch: Date.parse(`${date}T00:00:00.000Z`) / 1000,
        day: {
          maxtemp_c: round(celsius(s.high)),
          maxtemp_f: round(s.high),
          mintemp_c: round(celsius(s.low)),
          mintemp_f: round(s.low),
          avgtemp_c: round(celsius(s.mean)),
          avgtemp_f: round(s.mean),
          maxwind_mph: round(s.wind),
          maxwind_kph: round(s.wind * KMH_PER_MPH),
          totalprecip_mm: rain >= 50 ? 4.2 : 0,
          totalprecip_in: rain >= 50 ? 0.17 : 0,
          totalsnow_cm: snow >= 50 ? 2 : 0,
          avgvis_km: 10,
          avgvis_miles: 6,
          avghumidity: Math.round(s.humidity),
          daily_will_it_rain: rain >= 50 ? 1 : 0,
          daily_chance_of_rain: rain,
          daily_will_it_snow: snow >= 50 ? 1 : 0,
          daily_chance_of_snow: snow,
          condition: condition(s.condition),
          uv: round(s.uv),
        },
        astro: {
          sunrise: '06:12 AM',
          sunset: '07:48 PM',
          moonrise: '09:30 PM',
          moonset: '08:40 AM',
          moon_phase: 'First Quarter',
          moon_illumination: 50,
          is_moon_up: 0,
          is_sun_up: 0,
        },
        hour: instants.map(hourOf),
      };
    });
    const { time_epoch, time, ...current } = hourOf(now);
    const localTime = localTimeOf(now, zone);
    return [
      200,
      {
        location: {
          name: 'Fakeville',
          region: 'Illinois',
          country: 'United States of America',
          lat: round(place.latitude, 2),
          lon: round(place.longitude, 2),
          tz_id: zone,
          localtime_epoch: unix(now),
          // WeatherAPI.com writes the hour without a leading zero here ("2026-06-12 9:05").
          localtime: `${localDateOf(now, zone)} ${Number(localTime.slice(0, 2))}:${localTime.slice(3)}`,
        },
        current: { last_updated_epoch: time_epoch, last_updated: time, ...current },
        forecast: { forecastday },
        ...(params.alerts === 'yes' ? { alerts: { alert: [] } } : {}),
      },
    ];
  }

  // ── Failures, each in the provider's own form ───────────────────────────────────────────────
  function failureAnswer(
    provider: WeatherProviderId,
    failure: FakeFailure,
    normal: () => [number, unknown],
  ): { status: number; body: string; headers: Record<string, string> } {
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
      status,
      body: JSON.stringify(body),
      headers,
    });
    const retry = (value: string | undefined): Record<string, string> =>
      value === undefined ? {} : { 'retry-after': value };
    switch (failure.kind) {
      case 'bad_key':
        if (provider === 'openweathermap') {
          return json(401, {
            cod: 401,
            message:
              'Invalid API key. Please see https://openweathermap.org/faq#error401 for more info.',
          });
        }
        if (provider === 'weatherapi') {
          return json(401, { error: { code: 2006, message: 'API key is invalid.' } });
        }
        return json(400, { error: true, reason: 'The supplied API key is invalid.' });
      case 'rate_limited': {
        const headers = retry(failure.retryAfter);
        if (provider === 'openweathermap') {
          return json(
            429,
            {
              cod: 429,
              message:
                'Your account is temporary blocked due to exceeding of requests limitation of your subscription type. Please choose the proper subscription https://openweathermap.org/price',
            },
            headers,
          );
        }
        if (provider === 'weatherapi') {
          return json(
            403,
            { error: { code: 2007, message: 'API key has exceeded calls per month quota.' } },
            headers,
          );
        }
        return json(
          429,
          {
            error: true,
            reason: 'Minutely API request limit exceeded. Please try again in one minute.',
          },
          headers,
        );
      }
      case 'server_error': {
        const status = failure.status ?? 500;
        const headers = retry(failure.retryAfter);
        if (provider === 'openweathermap') {
          const message = failure.reason ?? 'Internal error';
          return json(status, { cod: String(status), message }, headers);
        }
        if (provider === 'weatherapi') {
          const message = failure.reason ?? 'Internal application error.';
          return json(status, { error: { code: 9999, message } }, headers);
        }
        const reason = failure.reason ?? 'Internal Server Error';
        return json(status, { error: true, reason }, headers);
      }
      case 'malformed': {
        const whole = JSON.stringify(normal()[1]);
        return { status: 200, body: whole.slice(0, Math.floor(whole.length / 2)), headers: {} };
      }
      case 'wrong_shape': {
        const [status, body] = normal();
        const { hourly: _h, forecast: _f, ...rest } = body as Record<string, unknown>;
        return json(status, rest);
      }
      case 'not_found':
        if (provider === 'openweathermap') {
          return json(400, { cod: '400', message: 'wrong latitude' });
        }
        if (provider === 'weatherapi') {
          return json(400, { error: { code: 1006, message: 'No matching location found.' } });
        }
        return json(400, {
          error: true,
          reason: 'Latitude must be in range of -90 to 90°. Given: 91.0.',
        });
      case 'slow': {
        const [status, body] = normal();
        return json(status, body);
      }
    }
  }

  function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const params = Object.fromEntries(url.searchParams);
    const route: Record<string, WeatherProviderId> = {
      '/v1/forecast': 'open_meteo',
      '/data/3.0/onecall': 'openweathermap',
      '/v1/forecast.json': 'weatherapi',
    };
    const provider = route[url.pathname];
    if (req.method !== 'GET' || !provider) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('Not Found');
      return;
    }
    const [latText, lonText] =
      provider === 'weatherapi'
        ? (params.q ?? '').split(',')
        : provider === 'open_meteo'
          ? [params.latitude, params.longitude]
          : [params.lat, params.lon];
    const coordinate = (text: string | undefined) =>
      text === undefined || text.trim() === '' ? NaN : Number(text);
    const place = { latitude: coordinate(latText), longitude: coordinate(lonText) };
    const call: FakeWeatherCall = {
      provider,
      path: url.pathname,
      params,
      key:
        provider === 'openweathermap'
          ? params.appid
          : params[provider === 'weatherapi' ? 'key' : 'apikey'],
      latitude: place.latitude,
      longitude: place.longitude,
      at: performance.now(),
    };
    calls.push(call);

    const normal = (): [number, unknown] =>
      provider === 'open_meteo'
        ? openMeteo(params, place)
        : provider === 'openweathermap'
          ? oneCall(params, place)
          : weatherApi(params, place);
    const queuedIndex = queued.findIndex((q) => !q.provider || q.provider === provider);
    let failure: FakeFailure | undefined;
    if (queuedIndex >= 0) {
      const entry = queued[queuedIndex]!;
      failure = entry.failure;
      entry.remaining -= 1;
      if (entry.remaining <= 0) queued.splice(queuedIndex, 1);
    } else {
      failure = scenario.fail?.(call);
    }
    const answer = failure
      ? failureAnswer(provider, failure, normal)
      : (([status, body]) => ({ status, body: JSON.stringify(body), headers: {} }))(normal());
    const send = () => {
      call.status = answer.status;
      if (res.destroyed) return;
      res.writeHead(answer.status, {
        'content-type': 'application/json; charset=utf-8',
        ...answer.headers,
      });
      res.end(answer.body);
    };
    if (failure?.delayMs) setTimeout(send, failure.delayMs);
    else send();
  }

  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const matching = (provider?: WeatherProviderId) =>
    provider ? calls.filter((c) => c.provider === provider) : calls;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    calls,
    get scenario() {
      return scenario;
    },
    set(changes) {
      scenario = { ...scenario, ...changes };
    },
    failNext(failure, options = {}) {
      queued.push({ failure, provider: options.provider, remaining: options.times ?? 1 });
    },
    callsTo: (provider) => matching(provider),
    callsAt(place, options = {}) {
      const key = placeKey(place, options.decimals);
      return matching(options.provider).filter((c) => placeKey(c, options.decimals) === key).length;
    },
    countByPlace(options = {}) {
      const counts = new Map<string, number>();
      for (const c of matching(options.provider)) {
        const key = placeKey(c, options.decimals);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      return counts;
    },
    reset(fresh) {
      calls.length = 0;
      queued.length = 0;
      if (fresh) scenario = { ...fresh };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
