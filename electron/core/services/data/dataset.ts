// A business's data set: which documents of a database belong to one business, read in batches,
// written into another database, counted and checksummed, and removed again. Copy, export and
// import are all built on it.
//
// Which documents belong to a business:
// - in every collection, those whose `business_id` is the business's (its users, its business
//   document, clients, jobs, audit entries, texts, weather plans…), found by listing the database's
//   collections, so a collection added later moves without a change here;
// - in a GridFS bucket (`<bucket>.files` / `<bucket>.chunks`, e.g. the job photos), the files whose
//   `metadata.business_id` is the business's, and those files' chunks;
// - never the app-wide collections (`migrations`: the database's schema version; `setup`: the
//   first-run marker) nor the short-lived ones: `board_presence` (drag marks that expire within
//   15 s) and `weather_cache` (forecasts kept for hours, removed by a TTL index once their day is
//   over, and fetched again when missing). A cache that expires while it is moved would otherwise
//   make the two sides' counts differ.
// Documents are read without promoting BSON values (an Int32 stays an Int32, a Double a Double,
// a Long a Long), so what is written is what was read, type for type, `_id` included.
import type { Db, Document, ObjectId } from 'mongodb';
import { SetChecksum } from './checksum';
import type { CollectionSummary } from '../../../../shared/contract';

/** One per database, not per business. */
export const APP_WIDE_COLLECTIONS: ReadonlySet<string> = new Set(['migrations', 'setup']);
/** Short-lived marks and caches nobody needs after a move (each has a TTL index). */
export const TRANSIENT_COLLECTIONS: ReadonlySet<string> = new Set([
  'board_presence',
  'weather_cache',
]);

/** The business document is written last and removed first: without it, nothing else is in use. */
export const BUSINESS_COLLECTION = 'businesses';

export type CollectionKind = 'documents' | 'files' | 'chunks';

export interface BusinessCollection {
  name: string;
  kind: CollectionKind;
}

/** A name a collection of business data may have (and a file in an export folder is named by). */
export const COLLECTION_NAME = /^[a-z][a-z0-9_]*(\.(files|chunks))?$/;

export function kindOf(name: string): CollectionKind {
  if (name.endsWith('.files')) return 'files';
  if (name.endsWith('.chunks')) return 'chunks';
  return 'documents';
}

/** The GridFS files collection a chunks collection belongs to. */
export const filesOf = (chunks: string) => `${chunks.slice(0, -'.chunks'.length)}.files`;

export function isBusinessData(name: string): boolean {
  return (
    COLLECTION_NAME.test(name) &&
    !APP_WIDE_COLLECTIONS.has(name) &&
    !TRANSIENT_COLLECTIONS.has(name)
  );
}

/**
 * The order data is written in: a bucket's files before its chunks (a chunk never waits for its
 * file), the business document last (until it is there, no one can sign in to a half-written
 * business, and a later attempt knows the rest are leftovers).
 */
export function writeOrder<T extends { name: string }>(list: readonly T[]): T[] {
  const rank = (name: string) =>
    name === BUSINESS_COLLECTION ? 2 : kindOf(name) === 'chunks' ? 1 : 0;
  return [...list].sort((a, b) => rank(a.name) - rank(b.name) || (a.name < b.name ? -1 : 1));
}

/** The collections of `db` that can hold business data, in write order. */
export async function businessCollections(db: Db): Promise<BusinessCollection[]> {
  const listed = await db.listCollections({}, { nameOnly: true }).toArray();
  const names = listed
    .filter((c) => (c as { type?: string }).type !== 'view')
    .map((c) => c.name)
    .filter(isBusinessData);
  return writeOrder(names.map((name) => ({ name, kind: kindOf(name) })));
}

/** Batches of a bucket's file ids, so a chunk query never carries an unbounded `$in`. */
const FILE_ID_BATCH = 200;

async function* fileIdBatches(
  db: Db,
  filesCollection: string,
  businessId: string,
): AsyncGenerator<ObjectId[]> {
  let batch: ObjectId[] = [];
  const cursor = db
    .collection(filesCollection)
    .find({ 'metadata.business_id': businessId }, { projection: { _id: 1 } });
  for await (const file of cursor) {
    batch.push(file._id as ObjectId);
    if (batch.length === FILE_ID_BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/** The filter of a (non-chunks) collection's business documents. */
export function businessFilter(kind: Exclude<CollectionKind, 'chunks'>, businessId: string) {
  return kind === 'files' ? { 'metadata.business_id': businessId } : { business_id: businessId };
}

export async function countBusinessDocuments(
  db: Db,
  collection: BusinessCollection,
  businessId: string,
): Promise<number> {
  if (collection.kind !== 'chunks') {
    return db
      .collection(collection.name)
      .countDocuments(businessFilter(collection.kind, businessId));
  }
  let count = 0;
  for await (const ids of fileIdBatches(db, filesOf(collection.name), businessId)) {
    count += await db.collection(collection.name).countDocuments({ files_id: { $in: ids } });
  }
  return count;
}

export interface BatchOptions {
  /** Documents per batch (default 500). */
  documents?: number;
  /** A batch ends once its documents reach about this many bytes (default 8 MB; photo chunks). */
  bytes?: number;
}

const READ_OPTIONS = { promoteValues: false, promoteBuffers: false, promoteLongs: false } as const;

/** Approximate BSON size, for cutting batches of photo chunks; exactness does not matter. */
function roughSize(doc: Document): number {
  const data = (doc as { data?: { length?: number; buffer?: { length?: number } } }).data;
  return 512 + (data?.buffer?.length ?? data?.length ?? 0);
}

/** The business's documents of one collection, a batch at a time (never the whole collection). */
export async function* readBusinessBatches(
  db: Db,
  collection: BusinessCollection,
  businessId: string,
  options: BatchOptions = {},
): AsyncGenerator<Document[]> {
  const maxDocs = options.documents ?? 500;
  const maxBytes = options.bytes ?? 8 * 1024 * 1024;
  let batch: Document[] = [];
  let bytes = 0;
  const cursors =
    collection.kind === 'chunks'
      ? (async function* () {
          for await (const ids of fileIdBatches(db, filesOf(collection.name), businessId)) {
            yield* db
              .collection(collection.name)
              .find({ files_id: { $in: ids } }, { ...READ_OPTIONS, batchSize: 16 });
          }
        })()
      : db.collection(collection.name).find(businessFilter(collection.kind, businessId), {
          ...READ_OPTIONS,
          batchSize: maxDocs,
        });
  for await (const doc of cursors) {
    batch.push(doc);
    bytes += roughSize(doc);
    if (batch.length >= maxDocs || bytes >= maxBytes) {
      yield batch;
      batch = [];
      bytes = 0;
    }
  }
  if (batch.length) yield batch;
}

/** Count and checksum of the business's documents of one collection, as stored in `db`. */
export async function summarizeCollection(
  db: Db,
  collection: BusinessCollection,
  businessId: string,
): Promise<CollectionSummary> {
  const sum = new SetChecksum();
  for await (const batch of readBusinessBatches(db, collection, businessId)) {
    for (const doc of batch) sum.add(doc);
  }
  return { collection: collection.name, count: sum.count, checksum: sum.hex };
}

/**
 * Writes documents as they are. Ordered, so the first refused document stops the batch; the
 * caller removes what was written (see `removeBusinessData`).
 */
export async function insertBatch(db: Db, collection: string, docs: Document[]): Promise<void> {
  if (docs.length === 0) return;
  // Each document has its _id already, so the driver adds none and writes them unchanged.
  await db.collection(collection).insertMany(docs, { ordered: true });
}

/**
 * The indexes the driver's GridFS creates on a bucket's first upload — only when its files
 * collection is empty, which it is not after a copy — so a copied bucket gets them here.
 */
export async function ensureBucketIndexes(db: Db, collections: readonly { name: string }[]) {
  for (const { name } of collections) {
    if (kindOf(name) === 'files') {
      await db.collection(name).createIndex({ filename: 1, uploadDate: 1 });
    } else if (kindOf(name) === 'chunks') {
      await db.collection(name).createIndex({ files_id: 1, n: 1 }, { unique: true });
    }
  }
}

/** What a database holds of a business: its business document's name, and any other documents. */
export async function businessPresence(
  db: Db,
  businessId: string,
): Promise<{ name: string | null; documents: number }> {
  const business = await db
    .collection(BUSINESS_COLLECTION)
    .findOne({ business_id: businessId }, { projection: { name: 1 } });
  let documents = 0;
  for (const collection of await businessCollections(db)) {
    if (collection.name === BUSINESS_COLLECTION || collection.kind === 'chunks') continue;
    documents += await db
      .collection(collection.name)
      .countDocuments(businessFilter(collection.kind, businessId), { limit: 1 });
  }
  return {
    name: business ? String((business as { name?: unknown }).name ?? businessId) : null,
    documents,
  };
}

/**
 * Removes every document of the business from `db`: its business document first, then chunks of
 * its files, the files, and the rest. Used to undo a copy or an import that failed, and to clear
 * what an interrupted one left (documents without their business document).
 */
export async function removeBusinessData(
  db: Db,
  businessId: string,
  extra: readonly string[] = [],
): Promise<void> {
  await db.collection(BUSINESS_COLLECTION).deleteMany({ business_id: businessId });
  const listed = await businessCollections(db);
  const names = new Set([...listed.map((c) => c.name), ...extra.filter(isBusinessData)]);
  const all = [...names].map((name) => ({ name, kind: kindOf(name) }));
  for (const chunks of all.filter((c) => c.kind === 'chunks')) {
    for await (const ids of fileIdBatches(db, filesOf(chunks.name), businessId)) {
      await db.collection(chunks.name).deleteMany({ files_id: { $in: ids } });
    }
  }
  for (const collection of all) {
    if (collection.kind === 'chunks') continue;
    await db.collection(collection.name).deleteMany(businessFilter(collection.kind, businessId));
  }
}

/**
 * Emails of the business's users that already have an account in `target` (users are unique by
 * email across businesses: the `email_unique` index).
 */
export async function clashingEmails(
  source: Db,
  target: Db,
  businessId: string,
): Promise<string[]> {
  const emails = (
    await source
      .collection('users')
      .find({ business_id: businessId }, { projection: { email: 1 } })
      .toArray()
  ).map((u) => String(u.email));
  return clashingEmailsIn(target, emails, businessId);
}

export async function clashingEmailsIn(
  target: Db,
  emails: readonly string[],
  businessId: string,
): Promise<string[]> {
  if (emails.length === 0) return [];
  const found = await target
    .collection('users')
    .find(
      { email: { $in: [...emails] }, business_id: { $ne: businessId } },
      { projection: { email: 1 } },
    )
    .toArray();
  return found.map((u) => String(u.email)).sort();
}
