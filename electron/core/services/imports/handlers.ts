// clients.importPreview / importCommit / exportCsv: client lists in and out as CSV.
import type { Filter } from 'mongodb';
import {
  IMPORT_PREVIEW_ROWS,
  type ImportMapping,
  type ImportRowError,
} from '../../../../shared/contract';
import { localDateOf } from '../../../../shared/time';
import type { HandlerContext } from '../../context';
import type { DatabaseHolder } from '../../db/holder';
import { recomputeBusinessCounts } from '../../db/derived';
import { AUDIT_COLLECTION, type Doc, type TenantRepository } from '../../db/repository';
import type { Handler, Handlers } from '../../dispatch';
import { AppError, ConflictError } from '../../errors';
import type { Clock } from '../../ports';
import { specFor } from '../records/handlers';
import { clientSearchClauses } from '../records/search-terms';
import { tenantRepository } from '../tenant';
import {
  checkMapping,
  contactKeys,
  missingFields,
  prepareRows,
  suggestMapping,
  type PreparedRow,
} from './client-rows';
import { parseCsv, toCsv } from './csv';

export interface ImportDeps {
  database: DatabaseHolder;
  clock: Clock;
}

type ImportHandlers = Pick<
  Handlers,
  'clients.importPreview' | 'clients.importCommit' | 'clients.exportCsv'
>;

/** Clients are read in pages of this many, so a large list never sits in one query. */
const PAGE_SIZE = 1000;

/** Every client matching `filter`, page by page in id order (each page a fresh, bounded query). */
async function* allClients(
  repo: TenantRepository,
  filter: Filter<Doc>,
  includeDeleted = false,
): AsyncGenerator<Doc> {
  let after: string | undefined;
  for (;;) {
    const page = await repo.find(
      after === undefined ? filter : { $and: [filter, { client_id: { $gt: after } }] },
      { includeDeleted, sort: { client_id: 1 }, limit: PAGE_SIZE },
    );
    yield* page;
    if (page.length < PAGE_SIZE) return;
    after = String(page.at(-1)?.client_id);
  }
}

/** Export columns: what a person or another program can use; no audit trail, payment or internal fields. */
const EXPORT_COLUMNS: readonly [string, (c: Doc) => unknown][] = [
  ['Client ID', (c) => c.client_id],
  ['First Name', (c) => c.first_name],
  ['Last Name', (c) => c.last_name],
  ['Email', (c) => c.email],
  ['Phone', (c) => c.phone],
  ['Address', (c) => c.address],
  ['City', (c) => c.city],
  ['State', (c) => c.state],
  ['ZIP Code', (c) => c.zip_code],
  ['Latitude', (c) => c.latitude],
  ['Longitude', (c) => c.longitude],
  ['Preferred Contact', (c) => c.preferred_contact_method],
  ['Active', (c) => (c.is_active ? 'yes' : 'no')],
  ['Notes', (c) => c.notes],
  ['Balance Due', (c) => c.balance_due],
  ['Total Spent', (c) => c.total_spent],
  ['Jobs', (c) => c.job_count],
  ['Last Job', (c) => c.last_job_date],
  ['Created', (c) => c.created_at],
];

const cellOf = (value: unknown): unknown =>
  value instanceof Date ? value.toISOString() : (value ?? '');

export function createImportHandlers(deps: ImportDeps): ImportHandlers {
  const spec = specFor('clients');
  const repo = (ctx: HandlerContext) => tenantRepository(deps, ctx, spec);

  /** Contact keys of the business's current clients, for duplicate detection. */
  async function existingContacts(r: TenantRepository): Promise<Set<string>> {
    const keys = new Set<string>();
    for await (const client of allClients(r, {})) {
      for (const key of contactKeys(client.email, client.phone)) keys.add(key);
    }
    return keys;
  }

  async function prepare(
    ctx: HandlerContext,
    csvText: string,
    mapping: ImportMapping | undefined,
  ): Promise<{
    headers: string[];
    suggested: ImportMapping;
    mapping: ImportMapping;
    rows: PreparedRow[];
  }> {
    const r = repo(ctx);
    const csv = parseCsv(csvText);
    const suggested = suggestMapping(csv.headers);
    const used = mapping ?? suggested;
    checkMapping(used, csv.headers);
    const existing = await existingContacts(r);
    const session = ctx.session;
    if (!session) throw new AppError('unauthenticated', 'Please sign in first.');
    const now = deps.clock.now();
    const rows = prepareRows(csv, {
      spec,
      mapping: used,
      headers: csv.headers,
      existing,
      // What TenantRepository.create adds to a new document, so a prepared row is one it would save.
      system: () => ({
        client_id: spec.newId(),
        business_id: session.business_id,
        version: 1,
        created_at: now,
        updated_at: now,
        deleted_at: null,
        audit_log: [
          {
            action: 'created',
            user_id: session.user_id,
            timestamp: now,
            note: 'Imported from CSV',
          },
        ],
      }),
    });
    return { headers: csv.headers, suggested, mapping: used, rows };
  }

  const preview: Handler<'clients.importPreview'> = async (ctx, input) => {
    const { headers, suggested, mapping, rows } = await prepare(ctx, input.csv, input.mapping);
    const errors: ImportRowError[] = rows.flatMap((r) => r.errors);
    const valid = rows.filter((r) => r.doc).length;
    return {
      headers,
      suggested_mapping: suggested,
      missing_fields: missingFields(mapping),
      rows: rows.slice(0, IMPORT_PREVIEW_ROWS).map((r) => ({
        row: r.line,
        values: r.values,
        valid: !!r.doc,
        duplicate: r.duplicate,
      })),
      errors,
      row_count: rows.length,
      valid_count: valid,
      error_count: rows.length - valid,
      duplicate_count: rows.filter((r) => r.duplicate).length,
    };
  };

  const commit: Handler<'clients.importCommit'> = async (ctx, input) => {
    const { rows } = await prepare(ctx, input.csv, input.mapping);
    const invalid = rows.filter((r) => !r.doc);
    if (invalid.length && !input.skip_invalid) {
      const errors = invalid.flatMap((r) => r.errors);
      const first = errors
        .slice(0, 3)
        .map((e) => `line ${e.row}, ${e.field || 'row'}: ${e.message}`)
        .join('; ');
      throw new AppError(
        'validation',
        `${invalid.length} of ${rows.length} rows cannot be imported (${first}). Nothing was imported; fix the file or skip the invalid rows.`,
        { errors: errors.slice(0, 100), invalid_rows: invalid.length },
      );
    }
    const docs = rows
      .filter((r) => r.doc && !(input.skip_duplicates && r.duplicate))
      .map((r) => r.doc as Doc);
    const skipped = rows.length - docs.length;
    if (!docs.length) return { imported: 0, skipped };

    const r = repo(ctx);
    const db = deps.database.get().db;
    const businessId = r.scope.business_id;
    const ids = docs.map((d) => String(d.client_id));
    // The embedded server has no transactions: all rows go in one insertMany, and if any part of it
    // (or of the audit copies) fails, whatever did go in is deleted again.
    try {
      await r.collection.insertMany(
        docs.map((d) => ({ ...d })),
        { ordered: true },
      );
      await db.collection(AUDIT_COLLECTION).insertMany(
        docs.map((d) => ({
          business_id: businessId,
          collection: spec.name,
          document_id: String(d.client_id),
          ...(d.audit_log as Doc[])[0],
        })),
        { ordered: true },
      );
    } catch (err) {
      await r.collection.deleteMany({ business_id: businessId, client_id: { $in: ids } });
      await db.collection(AUDIT_COLLECTION).deleteMany({
        business_id: businessId,
        collection: spec.name,
        document_id: { $in: ids },
      });
      const e = err as { code?: number; keyValue?: Record<string, unknown> };
      if (e.code !== 11000) throw err;
      const field = Object.keys(e.keyValue ?? {})[0] ?? 'value';
      throw new ConflictError(
        `Another client already has this ${field.replace(/_/g, ' ')}, so nothing was imported.`,
        { field },
      );
    }
    await recomputeBusinessCounts(db, businessId);
    ctx.logger.log('info', 'Clients imported from CSV', {
      business_id: businessId,
      imported: docs.length,
      skipped,
    });
    return { imported: docs.length, skipped };
  };

  const exportCsv: Handler<'clients.exportCsv'> = async (ctx, input) => {
    const r = repo(ctx);
    const clauses: Filter<Doc>[] = Object.entries(input.filter).map(([field, value]) => ({
      [field]: value,
    }));
    // The list's own search (word starts, search_terms), so the file holds the rows the list shows.
    if (input.search) clauses.push(...(clientSearchClauses(input.search) as Filter<Doc>[]));
    const filter: Filter<Doc> = clauses.length ? { $and: clauses } : {};
    const columns = EXPORT_COLUMNS.map(([name]) => name);
    if (input.include_deleted) columns.push('Deleted');
    const data: unknown[][] = [];
    for await (const client of allClients(r, filter, input.include_deleted)) {
      const row = EXPORT_COLUMNS.map(([, get]) => cellOf(get(client)));
      if (input.include_deleted) row.push(cellOf(client.deleted_at));
      data.push(row);
    }
    const business = await deps.database
      .get()
      .db.collection('businesses')
      .findOne({ business_id: r.scope.business_id }, { projection: { timezone: 1 } });
    const day = localDateOf(deps.clock.now(), String(business?.timezone ?? 'UTC'));
    return { file_name: `clients-${day}.csv`, csv: toCsv(columns, data), count: data.length };
  };

  return {
    'clients.importPreview': preview,
    'clients.importCommit': commit,
    'clients.exportCsv': exportCsv,
  };
}
