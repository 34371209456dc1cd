// Writes the demo data into a database: both demo businesses, replaced whole if they are already there.
import type { Db } from 'mongodb';
import { Temporal } from 'temporal-polyfill';
import { COLLECTION_NAMES } from '../../../shared/schemas';
import { migrate } from '../db/migrations';
import { schemaMigrations } from '../db/schema-migrations';
import { silentLogger } from '../logger';
import type { Logger } from '../ports';
import { hashPassword } from '../services/auth/passwords';
import { generateDemoData, type DemoData } from './generate';

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
