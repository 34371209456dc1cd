import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/core/errors';
import {
  cachedGeocoder,
  createNominatimGeocoder,
  geocoderFor,
  type GeocodeQuery,
} from '../../../electron/core/geocoding';
import { place, startFakeNominatim, type FakeNominatim } from './fake-nominatim';

let server: FakeNominatim;
const userAgent = 'ServicePro-Test/1.0 (integration tests)';

beforeAll(async () => {
  server = await startFakeNominatim();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.replies.clear();
});

const home: GeocodeQuery = {
  address: '2100 Highland Ave',
  city: 'Birmingham',
  state: 'AL',
  zip_code: '35205',
};
const homeText = '2100 Highland Ave, Birmingham, AL 35205';

/** A provider without the one-second spacing, for tests that are not about it. */
const quick = (options: { timeoutMs?: number } = {}) =>
  createNominatimGeocoder({ baseUrl: server.url, userAgent, minIntervalMs: 0, ...options });

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('Nominatim geocoder', () => {
  it("asks /search for one US result in jsonv2 with the app's User-Agent, and reads the place", async () => {
    server.replies.set(homeText, {
      places: [place(33.5008, -86.7907, '2100, Highland Avenue, Birmingham, Alabama, 35205')],
    });
    const match = await quick().geocode(home);
    expect(match).toEqual({
      latitude: 33.5008,
      longitude: -86.7907,
      display_name: '2100, Highland Avenue, Birmingham, Alabama, 35205',
      precision: 'address',
    });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({
      path: '/search',
      params: { format: 'jsonv2', q: homeText, limit: '1', countrycodes: 'us' },
      userAgent,
    });
  });

  it('does not repeat city, state or ZIP the address already holds', async () => {
    await quick().geocode({ ...home, address: '2100 Highland Ave, Birmingham, AL 35205' });
    expect(server.requests[0]?.params.q).toBe(homeText);
  });

  it('says how exact a street-level match is', async () => {
    server.replies.set(homeText, { places: [place(33.5, -86.79, 'Highland Avenue', 26)] });
    expect((await quick().geocode(home))?.precision).toBe('street');
  });

  it('answers null when the provider finds nothing (an empty array)', async () => {
    expect(await quick().geocode({ ...home, address: '1 Nowhere Rd' })).toBeNull();
    expect(server.requests).toHaveLength(1);
  });

  it('turns a server error into a clear unavailable error', async () => {
    server.replies.set(homeText, { status: 503 });
    const err = await failure(quick().geocode(home));
    expect(err.kind).toBe('unavailable');
    expect(err.message).toMatch(/map service .* answered with an error \(HTTP 503\)/);
  });

  it('says when the provider asks to slow down', async () => {
    server.replies.set(homeText, { status: 429 });
    expect((await failure(quick().geocode(home))).kind).toBe('rate_limited');
  });

  it('refuses an answer that is not a list of places', async () => {
    server.replies.set(homeText, { status: 200, body: '<html>maintenance</html>' });
    const err = await failure(quick().geocode(home));
    expect(err).toMatchObject({ kind: 'unavailable' });
    expect(err.message).toMatch(/could not read/);
  });

  it('gives up after its timeout with an error that says so', async () => {
    server.replies.set(homeText, { delayMs: 1_000, places: [] });
    const err = await failure(quick({ timeoutMs: 150 }).geocode(home));
    expect(err.kind).toBe('unavailable');
    expect(err.message).toMatch(/did not answer within/);
  });

  it('says when the server cannot be reached', async () => {
    const gone = createNominatimGeocoder({
      baseUrl: 'http://127.0.0.1:9',
      userAgent,
      minIntervalMs: 0,
    });
    const err = await failure(gone.geocode(home));
    expect(err.kind).toBe('unavailable');
    expect(err.message).toMatch(/cannot be reached/);
  });

  it('keeps its requests at least one second apart, one at a time', async () => {
    const geocoder = createNominatimGeocoder({ baseUrl: server.url, userAgent });
    await Promise.all([
      geocoder.geocode(home),
      geocoder.geocode({ ...home, address: '2200 Highland Ave' }),
      geocoder.geocode({ ...home, address: '2300 Highland Ave' }),
    ]);
    const times = server.requests.map((r) => r.at);
    expect(times).toHaveLength(3);
    for (let i = 1; i < times.length; i++) {
      expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(1_000);
    }
  });
});

describe('cached geocoder', () => {
  it('answers a repeated lookup, found or not, without asking the server again', async () => {
    server.replies.set(homeText, { places: [place(33.5008, -86.7907, 'Highland Avenue')] });
    const geocoder = cachedGeocoder(quick());
    const first = await geocoder.geocode(home);
    const again = await geocoder.geocode({ ...home, address: ' 2100  highland ave ' });
    expect(again).toEqual(first);
    expect(await geocoder.geocode({ ...home, address: '1 Nowhere Rd' })).toBeNull();
    expect(await geocoder.geocode({ ...home, address: '1 Nowhere Rd' })).toBeNull();
    expect(server.requests).toHaveLength(2);
  });

  it('does not keep failures, so a retry asks again', async () => {
    server.replies.set(homeText, { status: 500 });
    const geocoder = cachedGeocoder(quick());
    await failure(geocoder.geocode(home));
    server.replies.set(homeText, { places: [place(33.5, -86.79, 'Highland Avenue')] });
    expect(await geocoder.geocode(home)).not.toBeNull();
    expect(server.requests).toHaveLength(2);
  });

  it('forgets the least recently used answer beyond its size', async () => {
    const geocoder = cachedGeocoder(quick(), 2);
    const at = (n: number) => ({ ...home, address: `${n} Oak St` });
    await geocoder.geocode(at(1));
    await geocoder.geocode(at(2));
    await geocoder.geocode(at(1));
    await geocoder.geocode(at(3));
    await geocoder.geocode(at(1));
    expect(server.requests).toHaveLength(3);
    await geocoder.geocode(at(2));
    expect(server.requests).toHaveLength(4);
  });
});

describe('geocoderFor', () => {
  it('uses SERVICEPRO_GEOCODER_URL when the configuration names no server', async () => {
    const config = {
      appName: 'ServicePro Dispatch',
      version: '1.2.3',
      mode: 'browser' as const,
      platform: 'linux',
      validateOutput: true,
      geocoder: { minIntervalMs: 0 },
    };
    await geocoderFor(config, { SERVICEPRO_GEOCODER_URL: server.url }).geocode(home);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.userAgent).toMatch(/^ServiceProDispatch\/1\.2\.3 \(/);
  });
});
