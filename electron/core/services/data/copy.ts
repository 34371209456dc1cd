// Copies one business's data from one database into another and proves it arrived: every
// collection's count and checksum on the target against what was read from the source. If anything
// fails, what was written to the target is removed again before the error is thrown.
import type { Db } from 'mongodb';
import type { CollectionSummary } from '../../../../shared/contract';
import { AppError } from '../../errors';
import { SetChecksum } from './checksum';
import {
  BUSINESS_COLLECTION,
  businessCollections,
  businessPresence,
  countBusinessDocuments,
  ensureBucketIndexes,
  insertBatch,
  readBusinessBatches,
  removeBusinessData,
  summarizeCollection,
  type BatchOptions,
} from './dataset';
import type { ProgressSink } from './progress';

export interface CopyOptions {
  source: Db;
  target: Db;
  businessId: string;
  progress: ProgressSink;
  batch?: BatchOptions;
}

/**
 * A copy or an import that failed part-way: where, why, and whether what it wrote was removed
 * (false when the target could not be reached to remove it; the next attempt clears it first).
 */
export class MoveFailed extends Error {
  constructor(
    readonly collection: string | null,
    readonly reason: unknown,
    readonly cleaned: boolean,
  ) {
    super(`Moving ${collection ?? 'the data'} failed: ${reasonText(reason)}`);
    this.name = 'MoveFailed';
  }
}

/** A failure said plainly: a refused write, a clash, or the driver's own words. */
export function reasonText(err: unknown): string {
  if (err instanceof AppError) return err.message.replace(/\.$/, '');
  const e = err as { code?: number; message?: string } | null;
  if (e?.code === 11000) {
    return `a document clashes with one already there (${(e.message ?? '').replace(/^E11000 /, '').slice(0, 200)})`;
  }
  return (e?.message ?? String(err)).slice(0, 300);
}

/** Removes what was written after a failure; says whether that worked. */
export async function undoWrites(
  target: Db,
  businessId: string,
  collections: readonly string[],
  progress: ProgressSink,
): Promise<boolean> {
  progress({ phase: 'cleaning_up', collection: null, done: 0, total: 0, step: 0, steps: 0 });
  try {
    await removeBusinessData(target, businessId, collections);
    return true;
  } catch {
    return false;
  }
}

/** Why two summaries differ, in words; null when they agree. */
export function summaryMismatch(
  expected: CollectionSummary,
  actual: CollectionSummary,
): string | null {
  if (expected.count !== actual.count) {
    return `${expected.collection}: ${actual.count} documents instead of ${expected.count}`;
  }
  if (expected.checksum !== actual.checksum) {
    return `${expected.collection}: the same number of documents (${actual.count}), but their contents differ`;
  }
  return null;
}

/**
 * Copies and verifies. The target must not hold the business (its business document); documents of
 * it without one are what an interrupted copy left, and are cleared first.
 */
export async function copyBusiness(options: CopyOptions): Promise<CollectionSummary[]> {
  const { source, target, businessId, progress } = options;
  const collections = await businessCollections(source);
  const steps = collections.length;

  const there = await businessPresence(target, businessId);
  if (there.name !== null) {
    throw new AppError('conflict', `The target already holds ${there.name}.`);
  }
  if (there.documents > 0) await removeBusinessData(target, businessId);

  const summaries: CollectionSummary[] = [];
  let current: string | null = null;
  try {
    await ensureBucketIndexes(target, collections);
    for (const [index, collection] of collections.entries()) {
      current = collection.name;
      const total = await countBusinessDocuments(source, collection, businessId);
      const sum = new SetChecksum();
      progress({
        phase: 'copying',
        collection: collection.name,
        done: 0,
        total,
        step: index + 1,
        steps,
      });
      for await (const batch of readBusinessBatches(
        source,
        collection,
        businessId,
        options.batch,
      )) {
        await insertBatch(target, collection.name, batch);
        for (const doc of batch) sum.add(doc);
        progress({
          phase: 'copying',
          collection: collection.name,
          done: sum.count,
          total: Math.max(total, sum.count),
          step: index + 1,
          steps,
        });
      }
      summaries.push({ collection: collection.name, count: sum.count, checksum: sum.hex });
    }

    for (const [index, collection] of collections.entries()) {
      current = collection.name;
      const expected = summaries[index]!;
      progress({
        phase: 'verifying',
        collection: collection.name,
        done: 0,
        total: expected.count,
        step: index + 1,
        steps,
      });
      const actual = await summarizeCollection(target, collection, businessId);
      const problem = summaryMismatch(expected, actual);
      if (problem) {
        throw new AppError('unavailable', `The copy did not check out (${problem}).`, {
          collection: collection.name,
          expected,
          actual,
        });
      }
      progress({
        phase: 'verifying',
        collection: collection.name,
        done: actual.count,
        total: expected.count,
        step: index + 1,
        steps,
      });
    }
  } catch (err) {
    const names = collections.map((c) => c.name);
    throw new MoveFailed(current, err, await undoWrites(target, businessId, names, progress));
  }
  return summaries;
}

/** The business's name in `db`, or an error saying it is not there. */
export async function businessName(db: Db, businessId: string): Promise<string> {
  const business = await db
    .collection(BUSINESS_COLLECTION)
    .findOne({ business_id: businessId }, { projection: { name: 1 } });
  if (!business) throw new AppError('not_found', `No business ${businessId} in this database.`);
  return String((business as { name?: unknown }).name ?? businessId);
}
