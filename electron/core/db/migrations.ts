// Versioned start-up migrations, recorded in the database so each runs once per database.
import type { Db } from 'mongodb';
import type { Logger } from '../ports';

export interface Migration {
  version: number;
  name: string;
  /** Must be idempotent: two app instances may start against one database at the same moment. */
  up(db: Db): Promise<void>;
}

export const MIGRATIONS_COLLECTION = 'migrations';

/** Applies, in order, every migration newer than the database's; returns the versions applied. */
export async function migrate(
  db: Db,
  migrations: readonly Migration[],
  logger: Logger,
): Promise<number[]> {
  const record = db.collection<{ _id: number; name: string; applied_at: Date }>(
    MIGRATIONS_COLLECTION,
  );
  const done = new Set(
    (await record.find({}, { projection: { _id: 1 } }).toArray()).map((m) => m._id),
  );
  const applied: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (done.has(migration.version)) continue;
    await migration.up(db);
    // The version is the _id: a second instance racing us gets a duplicate key, which is fine.
    await record
      .updateOne(
        { _id: migration.version },
        { $setOnInsert: { name: migration.name, applied_at: new Date() } },
        { upsert: true },
      )
      .catch((err: unknown) => {
        if ((err as { code?: number }).code !== 11000) throw err;
      });
    logger.log('info', 'Migration applied', { version: migration.version, name: migration.name });
    applied.push(migration.version);
  }
  return applied;
}
