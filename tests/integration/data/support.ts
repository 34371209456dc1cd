// Helpers of the data-moving tests: a data folder holding the demo, extra data of every kind (a job
// photo in GridFS, audit entries), and an independent reading of a business's documents in a
// database — by collection, each document's exact Extended JSON, and a SHA-256 over them — to hold
// the code's own counts and checksums against.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import { EJSON } from 'bson';
import { MongoClient, type Db, type Document } from 'mongodb';
import { DEMO_PASSWORD, seedDemo } from '../../../electron/core/demo/seed';
import { startEmbeddedServer } from '../../../electron/embedded-db/index';
import type { connection } from '../../support/core';

export type Tab = ReturnType<typeof connection>;

export const LAWN = 'Southern Lawn Care Co';
export const HVAC = 'Front Range Heating & Air';
export const LAWN_OWNER = 'owner@southern-lawn.example';
export const LAWN_DISPATCHER = 'dispatch@southern-lawn.example';
export const DEMO_NOW = new Date('2026-04-15T15:00:00Z');

/** A real 1×1 PNG. */
export const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/** Seeds both demo businesses into a database (bcrypt cost 4: fast, checked the same way). */
export function seedInto(db: Db) {
  return seedDemo(db, { now: DEMO_NOW, passwordHash: bcrypt.hashSync(DEMO_PASSWORD, 4) });
}

/** The demo in the embedded database of a data folder (`<dataDir>/db`), as the app keeps it. */
export async function seedDataDir(dataDir: string): Promise<{ lawnId: string; hvacId: string }> {
  return withServer(join(dataDir, 'db'), async (db) => {
    await seedInto(db);
    return { lawnId: await businessIdOf(db, LAWN), hvacId: await businessIdOf(db, HVAC) };
  });
}

/** Runs `work` on the database of an embedded server started on `dbPath`, then stops it. */
export async function withServer<T>(dbPath: string, work: (db: Db) => Promise<T>): Promise<T> {
  const server = await startEmbeddedServer({ dbPath });
  const client = new MongoClient(server.uri);
  try {
    return await work(client.db('servicepro'));
  } finally {
    await client.close();
    await server.close();
  }
}

export async function signIn(tab: Tab, email: string): Promise<Tab> {
  await tab.value('auth.signIn', { email, password: DEMO_PASSWORD });
  return tab;
}

/**
 * Data of the kinds the demo has none of: a photo on a job (GridFS files and chunks), and an edited
 * client (audit entries).
 */
export async function addPhotoAndEdit(tab: Tab): Promise<void> {
  const { items } = await tab.value<{
    items: { appointment_id: string; version: number }[];
  }>('appointments.list', { limit: 1 });
  const job = items[0]!;
  await tab.value('jobs.addPhoto', {
    appointment_id: job.appointment_id,
    version: job.version,
    file_name: 'front-lawn.png',
    content_type: 'image/png',
    data_base64: PNG,
  });
  const { items: clients } = await tab.value<{
    items: { client_id: string; version: number }[];
  }>('clients.list', { limit: 1 });
  const client = clients[0]!;
  await tab.value('clients.update', {
    id: client.client_id,
    version: client.version,
    changes: { notes: 'Gate code 4411. Dog is friendly.' },
  });
}

export async function businessIdOf(db: Db, name: string): Promise<string> {
  const business = await db.collection('businesses').findOne({ name });
  if (!business) throw new Error(`No business ${name}`);
  return String(business.business_id);
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sorted((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** A document exactly, BSON types included, whatever order a server keeps its fields in. */
const exact = (doc: Document) => JSON.stringify(sorted(EJSON.serialize(doc, { relaxed: false })));

const NOT_BUSINESS_DATA = new Set(['migrations', 'setup', 'board_presence', 'weather_cache']);

export interface CollectionReading {
  count: number;
  sha256: string;
  documents: string[];
}

/**
 * Every document of the business in `db`, read here without the code under test: by `business_id`,
 * GridFS files by `metadata.business_id` and their chunks by `files_id`; sorted by `_id`.
 */
export async function readBusiness(
  db: Db,
  businessId: string,
): Promise<Record<string, CollectionReading>> {
  const names = (await db.listCollections({}, { nameOnly: true }).toArray())
    .map((c) => c.name)
    .filter((n) => !NOT_BUSINESS_DATA.has(n));
  const raw = { promoteValues: false } as const;
  const out: Record<string, CollectionReading> = {};
  for (const name of names.sort()) {
    let docs: Document[];
    if (name.endsWith('.chunks')) {
      const files = await db
        .collection(name.replace(/\.chunks$/, '.files'))
        .find({ 'metadata.business_id': businessId })
        .toArray();
      docs = await db
        .collection(name)
        .find({ files_id: { $in: files.map((f) => f._id) } }, raw)
        .toArray();
    } else if (name.endsWith('.files')) {
      docs = await db.collection(name).find({ 'metadata.business_id': businessId }, raw).toArray();
    } else {
      docs = await db.collection(name).find({ business_id: businessId }, raw).toArray();
    }
    const documents = docs.sort((a, b) => String(a._id).localeCompare(String(b._id))).map(exact);
    if (documents.length === 0) continue;
    out[name] = {
      count: documents.length,
      sha256: createHash('sha256').update(documents.join('\n')).digest('hex'),
      documents,
    };
  }
  return out;
}

/** How many documents of the business `db` holds in all (0: none at all). */
export async function documentsOf(db: Db, businessId: string): Promise<number> {
  const reading = await readBusiness(db, businessId);
  return Object.values(reading).reduce((n, c) => n + c.count, 0);
}

/** Counts and hashes only (what a failing assertion should print). */
export const countsAndHashes = (reading: Record<string, CollectionReading>) =>
  Object.fromEntries(
    Object.entries(reading).map(([name, c]) => [name, { count: c.count, sha256: c.sha256 }]),
  );
