// A local HTTP server speaking Nominatim's /search?format=jsonv2 answer shape, recording each request.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';

export interface RecordedRequest {
  /** performance.now() when the request arrived. */
  at: number;
  path: string;
  params: Record<string, string>;
  userAgent: string | undefined;
}

export type Reply =
  | { places: ReturnType<typeof place>[] }
  | { status: number; body?: string }
  | { delayMs: number; places: ReturnType<typeof place>[] };

/** One jsonv2 search result, as the public instance returns it (lat/lon are strings). */
export function place(lat: number, lon: number, displayName: string, placeRank = 30) {
  return {
    place_id: 297_114_546,
    licence: 'Data © OpenStreetMap contributors, ODbL 1.0. http://osm.org/copyright',
    osm_type: 'way',
    osm_id: 29_412_776,
    lat: String(lat),
    lon: String(lon),
    category: 'building',
    type: 'house',
    place_rank: placeRank,
    importance: 0.00001,
    addresstype: placeRank >= 28 ? 'building' : 'road',
    name: '',
    display_name: displayName,
    boundingbox: [
      String(lat - 0.0001),
      String(lat + 0.0001),
      String(lon - 0.0001),
      String(lon + 0.0001),
    ],
  };
}

export interface FakeNominatim {
  url: string;
  requests: RecordedRequest[];
  /** How to answer a query text (`q`); unknown queries get an empty array (not found). */
  replies: Map<string, Reply>;
  close(): Promise<void>;
}

export async function startFakeNominatim(): Promise<FakeNominatim> {
  const requests: RecordedRequest[] = [];
  const replies = new Map<string, Reply>();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const params = Object.fromEntries(url.searchParams);
    requests.push({
      at: performance.now(),
      path: url.pathname,
      params,
      userAgent: req.headers['user-agent'],
    });
    const reply = replies.get(params.q ?? '') ?? { places: [] };
    const send = () => {
      if ('status' in reply) {
        res.writeHead(reply.status, { 'content-type': 'text/html' });
        res.end(reply.body ?? '<html>Server error</html>');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(reply.places));
    };
    if ('delayMs' in reply) setTimeout(send, reply.delayMs);
    else send();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    replies,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A fake Nominatim for a whole test file that composes the core: started before the file's other
 * hooks (the core reads SERVICEPRO_GEOCODER_URL when it is composed, so call this before
 * demoWorld), stopped after, the variable put back. Returns the running server.
 */
export function fakeNominatimForCore(): () => FakeNominatim {
  let server: FakeNominatim | undefined;
  const previousUrl = process.env.SERVICEPRO_GEOCODER_URL;
  beforeAll(async () => {
    server = await startFakeNominatim();
    process.env.SERVICEPRO_GEOCODER_URL = server.url;
  });
  afterAll(async () => {
    if (previousUrl === undefined) delete process.env.SERVICEPRO_GEOCODER_URL;
    else process.env.SERVICEPRO_GEOCODER_URL = previousUrl;
    await server?.close();
  });
  return () => {
    if (!server) throw new Error('the fake Nominatim is not running yet');
    return server;
  };
}
