// The data model's migrations, in order. Add a new one at the end; never edit one that has shipped.
import type { Db } from 'mongodb';
import { indexSpecs, type IndexSpec } from './index-specs';
import type { Migration } from './migrations';
import { AUDIT_COLLECTION } from './repository';
import { PRESENCE_COLLECTION } from '../services/board/presence';

const auditIndexes: IndexSpec[] = [
  {
    key: { business_id: 1, collection: 1, document_id: 1, timestamp: -1 },
    name: 'document_history',
  },
];

async function createIndexes(db: Db, collection: string, specs: readonly IndexSpec[]) {
  if (!specs.length) return;
  // createIndexes is idempotent for identical specs, so a re-run or a racing instance is harmless.
  await db.collection(collection).createIndexes(
    specs.map((spec) => ({
      key: spec.key,
      name: spec.name,
      ...(spec.unique ? { unique: true } : {}),
      ...(spec.expireAfterSeconds !== undefined
        ? { expireAfterSeconds: spec.expireAfterSeconds }
        : {}),
      ...(spec.partialFilterExpression
        ? { partialFilterExpression: spec.partialFilterExpression }
        : {}),
    })),
  );
}

export const schemaMigrations: readonly Migration[] = [
  {
    version: 1,
    name: "The seed's collections and indexes (with a GeoJSON 2dsphere index in place of the seed's invalid one)",
    async up(db) {
      for (const [collection, specs] of Object.entries(indexSpecs)) {
        await createIndexes(db, collection, specs);
      }
      await createIndexes(db, AUDIT_COLLECTION, auditIndexes);
    },
  },
  {
    version: 2,
    name: 'Board presence marks ("being moved by") expire on their own',
    async up(db) {
      await createIndexes(db, PRESENCE_COLLECTION, [
        { key: { expires_at: 1 }, name: 'expire_marks', expireAfterSeconds: 0 },
      ]);
    },
  },
];
