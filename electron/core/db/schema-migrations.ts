// The data model's migrations, in order. Add a new one at the end; never edit one that has shipped.
import type { Db } from 'mongodb';
import { sortableFields } from '../../../shared/contract';
import { indexSpecs, type IndexSpec } from './index-specs';
import type { Migration } from './migrations';
import { AUDIT_COLLECTION } from './repository';
import { PRESENCE_COLLECTION } from '../services/board/presence';
import {
  backfillClientSearchTerms,
  CLIENT_LIVE_SEARCH_INDEX,
  CLIENT_SEARCH_INDEX,
} from '../services/records/search-terms';

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

const idFields = {
  clients: 'client_id',
  staff: 'staff_id',
  services: 'service_id',
  equipment: 'equipment_id',
  appointments: 'appointment_id',
  availability: 'availability_id',
} as const;

/**
 * A record list reads one business's live (or all) records in one order, a page at a time:
 * {business_id, deleted_at, <sort field>, <id>} serves the filter, the order and the tie-break.
 */
function listIndexes(area: keyof typeof sortableFields, fields: readonly string[]): IndexSpec[] {
  return fields.map((field) => ({
    key: { business_id: 1, deleted_at: 1, [field]: 1, [idFields[area]]: 1 },
    name: `list_by_${field}`,
  }));
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
  {
    version: 3,
    name: 'Record lists sorted and paged from an index at any size (one per sortable field)',
    async up(db) {
      for (const [area, fields] of Object.entries(sortableFields)) {
        await createIndexes(db, area, listIndexes(area as keyof typeof sortableFields, fields));
      }
    },
  },
  {
    version: 4,
    name: 'Clients found by word prefix from an index: search_terms on every client, indexed per business',
    async up(db) {
      await backfillClientSearchTerms(db);
      await createIndexes(db, 'clients', [CLIENT_SEARCH_INDEX]);
    },
  },
  {
    version: 5,
    name: "Live clients' search terms indexed with deleted_at, so a search's match count reads the index alone",
    async up(db) {
      await createIndexes(db, 'clients', [CLIENT_LIVE_SEARCH_INDEX]);
    },
  },
  {
    version: 6,
    name: "The weather plan's proposals, one business's open ones and one job's at a time; weather cache entries by place",
    async up(db) {
      await createIndexes(db, 'weather_proposals', [
        { key: { proposal_id: 1 }, name: 'proposal_id_unique', unique: true },
        { key: { business_id: 1, status: 1, appointment_id: 1 }, name: 'business_status_job' },
      ]);
      await createIndexes(db, 'weather_cache', [
        { key: { business_id: 1, cell: 1, provider: 1, check_date: 1 }, name: 'business_cell_day' },
      ]);
    },
  },
  {
    version: 7,
    name: "Texting clients: the outbox's due messages, one message per key, replies once each, each business's messaging state",
    async up(db) {
      await createIndexes(db, 'notifications', [
        { key: { business_id: 1, status: 1, send_after: 1 }, name: 'outbox_due' },
        {
          key: { business_id: 1, dedupe_key: 1 },
          name: 'business_dedupe_key_unique',
          unique: true,
          partialFilterExpression: { dedupe_key: { $exists: true } },
        },
        { key: { business_id: 1, delivery_check_at: 1 }, name: 'delivery_due' },
        { key: { business_id: 1, created_at: -1 }, name: 'business_created' },
      ]);
      await createIndexes(db, 'inbound_messages', [
        { key: { inbound_id: 1 }, name: 'inbound_id_unique', unique: true },
        {
          key: { business_id: 1, provider_message_sid: 1 },
          name: 'business_message_sid_unique',
          unique: true,
        },
        { key: { business_id: 1, received_at: -1 }, name: 'business_received' },
        {
          key: { business_id: 1, client_id: 1, received_at: -1 },
          name: 'business_client_received',
        },
      ]);
      await createIndexes(db, 'messaging_state', [
        { key: { business_id: 1 }, name: 'business_id_unique', unique: true },
      ]);
    },
  },
];
