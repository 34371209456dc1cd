// Writes the demo data into a database (both demo businesses, replaced whole if they are already
// there), or sample data into a business created at first run.
import type { Db } from 'mongodb';
import { Temporal } from 'temporal-polyfill';
import { COLLECTION_NAMES } from '../../../shared/schemas';
import { recomputeBusinessCounts } from '../db/derived';
import { migrate } from '../db/migrations';
import { schemaMigrations } from '../db/schema-migrations';
import { silentLogger } from '../logger';
import type { Logger } from '../ports';
import { hashPassword } from '../services/auth/passwords';
import {
  generateDemoData,
  generateSampleData,
  type DemoData,
  type SampleOptions,
} from './generate';

/** Every demo user's password. Demo data is fake and local; this is printed, not a secret. */
export const DEMO_PASSWORD = 'demo-password-2026';
const DEMO_TIMEZONE = 'America/Chicago';

export interface SeedResult {
  counts: Record<string, number>;
  accounts: { email: string; role: string; business: string }[];
}

export async function seedDemo(
  db: Db,
  options: { now: Date; logger?: Logger; passwordHash?: string },
): Promise<SeedResult> {
  await migrate(db, schemaMigrations, options.logger ?? silentLogger);
  const data: DemoData = generateDemoData({
    today: Temporal.Instant.fromEpochMilliseconds(options.now.getTime())
      .toZonedDateTimeISO(DEMO_TIMEZONE)
      .toPlainDate(),
    now: options.now,
    passwordHash: options.passwordHash ?? (await hashPassword(DEMO_PASSWORD)),
  });
  const businessIds = data.businesses.map((b) => b.business_id);
  const counts: Record<string, number> = {};
  for (const name of COLLECTION_NAMES) {
    const docs = data[name] as unknown as Record<string, unknown>[];
    const collection = db.collection(name);
    await collection.deleteMany({ business_id: { $in: businessIds } });
    if (docs.length)
      await collection.insertMany(
        docs.map((d) => ({ ...d })),
        { ordered: true },
      );
    counts[name] = docs.length;
  }
  const names = new Map(data.businesses.map((b) => [b.business_id, b.name]));
  return {
    counts,
    accounts: data.users
      .filter((u) => u.role !== 'customer')
      .map((u) => ({
        email: u.email,
        role: u.role,
        business: names.get(u.business_id ?? '') ?? '',
      })),
  };
}

/**
 * Adds sample clients, staff, services, equipment, time off and jobs to a business just created
 * (first run), then counts its staff and clients. Returns how many documents of each kind it wrote.
 */
export async function seedSample(
  db: Db,
  options: { business: SampleOptions['business']; now: Date },
): Promise<Record<string, number>> {
  const { business, now } = options;
  const data = generateSampleData({
    business,
    now,
    today: Temporal.Instant.fromEpochMilliseconds(now.getTime())
      .toZonedDateTimeISO(business.timezone)
      .toPlainDate(),
  });
  const counts: Record<string, number> = {};
  for (const [name, docs] of Object.entries(data) as [string, Record<string, unknown>[]][]) {
    if (docs.length) await db.collection(name).insertMany(docs.map((d) => ({ ...d })));
    counts[name] = docs.length;
  }
  await recomputeBusinessCounts(db, business.business_id);
  return counts;
}

/** Removes what `seedSample` wrote for a business (after a failure part-way). */
export async function removeSample(db: Db, business_id: string): Promise<void> {
  for (const name of COLLECTION_NAMES) {
    if (name === 'businesses' || name === 'users') continue;
    await db.collection(name).deleteMany({ business_id });
  }
  await recomputeBusinessCounts(db, business_id);
}
