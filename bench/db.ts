// Embedded database benchmark through the real driver: bulk inserts, indexed lookups, index vs full scan.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { MongoClient } from 'mongodb';
import { spawnEmbeddedServer } from '../electron/embedded-db/index';
import { percentile, report } from './stats';

const DOCS = 200_000;
const BATCH = 1_000;
const BUSINESSES = 50;
const QUERIES = 500;
const SCAN_QUERIES = 20;

const day = (i: number): string => {
  const d = new Date(Date.UTC(2024, 0, 1) + (i % 365) * 86_400_000);
  return d.toISOString().slice(0, 10);
};

async function main(): Promise<void> {
  const dbPath = mkdtempSync(join(tmpdir(), 'servicepro-bench-'));
  const server = await spawnEmbeddedServer({ dbPath });
  const client = new MongoClient(server.uri);
  try {
    const coll = client.db('bench').collection('appointments');
    await coll.createIndex({ business_id: 1, scheduled_date: 1 });
    const statuses = ['scheduled', 'confirmed', 'completed', 'cancelled'];
    const started = performance.now();
    for (let i = 0; i < DOCS; i += BATCH) {
      const batch = Array.from({ length: BATCH }, (_, j) => {
        const n = i + j;
        return {
          business_id: `biz-${n % BUSINESSES}`,
          staff_id: `staff-${n % 400}`,
          customer_id: `cust-${(n * 7) % 20_000}`,
          scheduled_date: day(Math.floor(n / BUSINESSES)),
          start_time: `${String(8 + (n % 10)).padStart(2, '0')}:00`,
          status: statuses[n % statuses.length],
          price: 50 + (n % 200),
          notes: 'Routine service visit',
        };
      });
      await coll.insertMany(batch, { ordered: false });
    }
    const insertSeconds = (performance.now() - started) / 1000;

    const query = (i: number): Record<string, unknown> => ({
      business_id: `biz-${(i * 13) % BUSINESSES}`,
      scheduled_date: day((i * 17) % 365),
    });
    for (let i = 0; i < 20; i++) await coll.find(query(i)).toArray();
    const timings: number[] = [];
    for (let i = 0; i < QUERIES; i++) {
      const t = performance.now();
      await coll.find(query(i)).toArray();
      timings.push(performance.now() - t);
    }
    const scans: number[] = [];
    for (let i = 0; i < SCAN_QUERIES; i++) {
      const t = performance.now();
      await coll.find(query(i)).hint({ $natural: 1 }).toArray();
      scans.push(performance.now() - t);
    }
    const sorted = [...timings].sort((a, b) => a - b);
    const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
    report('insert_per_s', DOCS / insertSeconds, 'docs/s');
    report('indexed_find_p50_ms', percentile(sorted, 50), 'ms');
    report('indexed_find_p99_ms', percentile(sorted, 99), 'ms');
    report('index_speedup_x', mean(scans) / mean(timings), 'x');
  } finally {
    await client.close();
    await server.close();
    rmSync(dbPath, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
