// The server side of the map benchmark (bench/support/server.ts): the business with a map
// position, and 5,000 clients placed around it.
import type { Db } from 'mongodb';
import { withLocation } from '../../shared/schemas/common';
import { benchClient } from './records-data';
import { OWNER, startBenchServer, type BenchServer } from './server';

export { OWNER };

export const MAP_CLIENT_COUNT = 5_000;

/** Birmingham, AL: the office, with the clients in a box about 45 × 45 km around it. */
const OFFICE = { lat: 33.5186, lng: -86.8104 };

export type MapServer = BenchServer<void>;

/** Client `n`'s position: a plain function of n (two coprime strides), so runs are comparable. */
const positionOf = (n: number) => ({
  latitude: Math.round((OFFICE.lat + (((n * 7919) % 1000) / 1000 - 0.5) * 0.4) * 1e6) / 1e6,
  longitude: Math.round((OFFICE.lng + (((n * 104_729) % 997) / 997 - 0.5) * 0.48) * 1e6) / 1e6,
});

async function seedMapClients(db: Db): Promise<void> {
  const business = await db.collection('businesses').findOne({});
  if (!business) throw new Error('no business: create the owner first');
  const business_id = String(business.business_id);
  const now = new Date();
  const clients = Array.from({ length: MAP_CLIENT_COUNT }, (_, n) =>
    withLocation({
      ...benchClient(business_id, String(business.owner_id), n, now),
      ...positionOf(n),
    }),
  );
  for (let i = 0; i < clients.length; i += 1000) {
    await db.collection('clients').insertMany(clients.slice(i, i + 1000), { ordered: false });
  }
  await db.collection('businesses').updateOne(
    { business_id },
    {
      $set: {
        client_count: MAP_CLIENT_COUNT,
        location: { type: 'Point', coordinates: [OFFICE.lng, OFFICE.lat] },
      },
    },
  );
}

export function startMapServer(rendererDir?: string): Promise<MapServer> {
  return startBenchServer({
    name: 'bench_map',
    seed: seedMapClients,
    ...(rendererDir ? { rendererDir } : {}),
  });
}
