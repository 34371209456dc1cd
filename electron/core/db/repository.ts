// Tenant-scoped repository: the only way the core reads or writes a business's documents.
import type { Collection, Db, Filter, ObjectId, Sort, UpdateFilter } from 'mongodb';
import type { z } from 'zod';
import { formatIssues } from '../dispatch';
import { AppError, ConflictError, NotFoundError } from '../errors';
import type { Clock } from '../ports';
import { diffFields, SYSTEM_FIELDS, type AuditEntry, type FieldChange } from './audit';

/** How many audit entries stay inside a document; every entry is also kept in AUDIT_COLLECTION. */
export const INLINE_AUDIT_LIMIT = 25;
export const AUDIT_COLLECTION = 'audit_entries';
/** The first batch a find asks for (whole results, short of the server's size cap). */
const FIRST_BATCH = 100_000;

export interface CollectionSpec {
  /** MongoDB collection name, as in the seed. */
  name: string;
  /** The seed's string id field (client_id, appointment_id, …). */
  idField: string;
  /** Word used in messages: "client", "appointment". */
  label: string;
  schema: z.ZodType<Record<string, unknown>>;
  softDelete: boolean;
  newId: () => string;
  /** Fields whose values never enter the audit trail (only that they changed). */
  secretFields?: readonly string[];
  /** Recomputes fields derived from the document itself (e.g. GeoJSON location) before each write. */
  normalize?: (doc: Doc) => Doc;
}

/** Who is acting, for which business. Fixed when the repository is made; never taken from input. */
export interface Scope {
  business_id: string;
  user_id: string;
}

export interface FindOptions {
  includeDeleted?: boolean;
  /** Fields left out of the documents read (a list needs no audit trail). */
  omit?: readonly string[];
  /** Only these fields are read (ignored with `omit`): a name lookup needs no whole document. */
  fields?: readonly string[];
  sort?: Sort;
  limit?: number;
  skip?: number;
}

export type Doc = Record<string, unknown>;

export class ValidationError extends AppError {
  constructor(label: string, error: z.ZodError) {
    const details = formatIssues(error.issues);
    const first = details[0];
    super(
      'validation',
      `This ${label} cannot be saved — ${first?.path ? `${first.path}: ` : ''}${first?.message ?? 'invalid'}.`,
      details,
    );
  }
}

export class TenantRepository {
  readonly collection: Collection<Doc>;
  private readonly audit: Collection<Doc>;

  constructor(
    private readonly db: Db,
    readonly spec: CollectionSpec,
    readonly scope: Scope,
    private readonly clock: Clock,
  ) {
    this.collection = db.collection<Doc>(spec.name);
    this.audit = db.collection<Doc>(AUDIT_COLLECTION);
  }

  /**
   * The caller's filter is AND-ed with the scope, so no filter — whatever business_id or $or it
   * carries — can reach another business's documents.
   */
  private scoped(filter: Filter<Doc> = {}, includeDeleted = false): Filter<Doc> {
    const scope: Filter<Doc> = { business_id: this.scope.business_id };
    if (this.spec.softDelete && !includeDeleted) scope.deleted_at = null;
    return Object.keys(filter).length ? { $and: [filter, scope] } : scope;
  }

  private byId(id: string, includeDeleted = false): Filter<Doc> {
    return this.scoped({ [this.spec.idField]: id }, includeDeleted);
  }

  async find(filter: Filter<Doc> = {}, options: FindOptions = {}): Promise<Doc[]> {
    const projection: Record<string, 0 | 1> = { _id: 0 };
    if (options.omit?.length) for (const field of options.omit) projection[field] = 0;
    else for (const field of options.fields ?? []) projection[field] = 1;
    // Everything in the first reply (up to the server's 16 MB a batch): the driver's default first
    // batch is 101 documents, so a board day of 600 jobs cost a second round trip to the database
    // (tens of milliseconds each to a hosted server). `toArray` reads the whole result anyway.
    let cursor = this.collection.find(this.scoped(filter, options.includeDeleted), {
      projection,
      batchSize: options.limit ?? FIRST_BATCH,
    });
    if (options.sort) cursor = cursor.sort(options.sort);
    if (options.skip) cursor = cursor.skip(options.skip);
    if (options.limit) cursor = cursor.limit(options.limit);
    return cursor.toArray();
  }

  /**
   * The count command rather than countDocuments (a $match + $group pipeline): the same exact
   * answer, since the filter always holds the business, without a pipeline stage over every match.
   */
  async count(
    filter: Filter<Doc> = {},
    options: { includeDeleted?: boolean } = {},
  ): Promise<number> {
    const reply = await this.db.command({
      count: this.spec.name,
      query: this.scoped(filter, options.includeDeleted),
    });
    return Number(reply.n);
  }

  /** A document of this business, or not_found — the same answer whether it is elsewhere or nowhere. */
  async get(id: string, options: { includeDeleted?: boolean } = {}): Promise<Doc> {
    const doc = await this.collection.findOne(this.byId(id, options.includeDeleted), {
      projection: { _id: 0 },
    });
    if (!doc) throw new NotFoundError(`No ${this.spec.label} ${id} was found.`, { id });
    return doc;
  }

  private entry(action: string, changes?: AuditEntry['changes'], note?: string): AuditEntry {
    const entry: AuditEntry = {
      action,
      user_id: this.scope.user_id,
      timestamp: this.clock.now(),
    };
    if (changes && Object.keys(changes).length) entry.changes = changes;
    if (note) entry.note = note;
    return entry;
  }

  /** Keeps `entry` in the audit collection; resolves to the archived copy's _id. */
  private async archive(documentId: string, entry: AuditEntry): Promise<ObjectId> {
    const { insertedId } = await this.audit.insertOne({
      business_id: this.scope.business_id,
      collection: this.spec.name,
      document_id: documentId,
      ...entry,
    });
    return insertedId;
  }

  /** Takes back the archived copy of a change that was not made (if it was written at all). */
  private async unarchive(archived: Promise<ObjectId>): Promise<void> {
    const insertedId = await archived.catch(() => undefined);
    if (insertedId !== undefined) await this.audit.deleteOne({ _id: insertedId });
  }

  private validate(doc: Doc): Doc {
    const parsed = this.spec.schema.safeParse(this.spec.normalize ? this.spec.normalize(doc) : doc);
    if (!parsed.success) throw new ValidationError(this.spec.label, parsed.error);
    return parsed.data;
  }

  async create(input: Doc, options: { note?: string } = {}): Promise<Doc> {
    const now = this.clock.now();
    const entry = this.entry('created', undefined, options.note);
    const doc = this.validate({
      ...stripSystem(input, this.spec.idField),
      [this.spec.idField]: this.spec.newId(),
      business_id: this.scope.business_id,
      version: 1,
      created_at: now,
      updated_at: now,
      ...(this.spec.softDelete ? { deleted_at: null } : {}),
      audit_log: [entry],
    });
    await this.collection.insertOne({ ...doc }).catch((err: unknown) => this.duplicate(err));
    await this.archive(String(doc[this.spec.idField]), entry);
    return doc;
  }

  /**
   * Applies `patch` only if the document is still at `expectedVersion`; a stale edit is refused with a
   * ConflictError naming the current version, so nothing is silently overwritten.
   */
  async update(
    id: string,
    expectedVersion: number,
    patch: Doc,
    options: {
      action?: string;
      note?: string;
      /**
       * The document as the caller just read it (with get), to diff against without reading it
       * again; the write is still conditional on `expectedVersion`.
       */
      current?: Doc;
    } = {},
  ): Promise<Doc> {
    const current = options.current ?? (await this.get(id));
    if (current.version !== expectedVersion) throw this.conflict(id, current, expectedVersion);
    const next = this.validate({ ...current, ...stripSystem(patch, this.spec.idField) });
    const changes = diffFields(current, next);
    if (!Object.keys(changes).length) return current;
    // A field the patch removes is unset, not stored as null (which the schemas may not allow).
    const removed = Object.keys(changes).filter((field) => next[field] === undefined);
    return this.write(
      id,
      expectedVersion,
      changes,
      options.action ?? 'updated',
      options.note,
      removed,
    );
  }

  /** The audit copy of a diff: secret fields show that they changed, never their values. */
  private audited(changes: Record<string, FieldChange>): Record<string, FieldChange> {
    const hidden = new Set(this.spec.secretFields ?? []);
    if (!hidden.size) return changes;
    return Object.fromEntries(
      Object.entries(changes).map(([k, v]) => [
        k,
        hidden.has(k) ? { before: '[hidden]', after: '[hidden]' } : v,
      ]),
    );
  }

  private async write(
    id: string,
    expectedVersion: number,
    changes: Record<string, { before: unknown; after: unknown }>,
    action: string,
    note?: string,
    removed: readonly string[] = [],
  ): Promise<Doc> {
    const entry = this.entry(action, this.audited(changes), note);
    const set: Doc = { updated_at: entry.timestamp };
    const unset: Record<string, ''> = {};
    for (const [field, change] of Object.entries(changes)) {
      if (removed.includes(field)) unset[field] = '';
      else set[field] = change.after;
    }
    // The archive's copy goes to the database alongside the change, not after it: the two share a
    // round trip and a journal flush (a board move waits one database call less). A change that is
    // refused takes its copy back.
    const archived = this.archive(id, entry);
    archived.catch(() => undefined);
    let updated: Doc | null;
    try {
      updated = await this.collection
        .findOneAndUpdate(
          this.scoped({ [this.spec.idField]: id, version: expectedVersion }, true),
          {
            $set: set,
            ...(Object.keys(unset).length ? { $unset: unset } : {}),
            $inc: { version: 1 },
            $push: { audit_log: { $each: [entry], $slice: -INLINE_AUDIT_LIMIT } },
          } as unknown as UpdateFilter<Doc>,
          { returnDocument: 'after', projection: { _id: 0 } },
        )
        .catch((err: unknown) => this.duplicate(err));
    } catch (error) {
      await this.unarchive(archived);
      throw error;
    }
    if (!updated) {
      await this.unarchive(archived);
      const latest = await this.collection.findOne(this.byId(id, true), { projection: { _id: 0 } });
      if (!latest) throw new NotFoundError(`No ${this.spec.label} ${id} was found.`, { id });
      throw this.conflict(id, latest, expectedVersion);
    }
    await archived;
    return updated;
  }

  /** A unique index refused the write: say which value is taken instead of failing as a bug. */
  private duplicate(err: unknown): never {
    const e = err as { code?: number; keyValue?: Record<string, unknown> };
    if (e.code !== 11000) throw err;
    const field = Object.keys(e.keyValue ?? {})[0] ?? 'value';
    throw new ConflictError(
      `Another ${this.spec.label} already has this ${field.replace(/_/g, ' ')}.`,
      {
        field,
      },
    );
  }

  private conflict(id: string, latest: Doc, expectedVersion: number): ConflictError {
    const last = (latest.audit_log as AuditEntry[] | undefined)?.at(-1);
    return new ConflictError(
      `This ${this.spec.label} was changed by someone else since you opened it. ` +
        'Your change was not saved; the latest version is shown — make your change again if it still applies.',
      {
        id,
        expected_version: expectedVersion,
        current_version: latest.version,
        changed_by: last?.user_id,
        changed_at: last?.timestamp,
      },
    );
  }

  /** Soft delete: hidden from normal reads, kept with its history, restorable. */
  async remove(id: string, expectedVersion: number): Promise<Doc> {
    if (!this.spec.softDelete)
      throw new AppError('validation', `A ${this.spec.label} cannot be deleted.`);
    const current = await this.get(id);
    if (current.version !== expectedVersion) throw this.conflict(id, current, expectedVersion);
    const now = this.clock.now();
    return this.write(id, expectedVersion, { deleted_at: { before: null, after: now } }, 'deleted');
  }

  async restore(id: string, expectedVersion: number): Promise<Doc> {
    const current = await this.get(id, { includeDeleted: true });
    if (current.deleted_at === null) return current;
    if (current.version !== expectedVersion) throw this.conflict(id, current, expectedVersion);
    return this.write(
      id,
      expectedVersion,
      { deleted_at: { before: current.deleted_at, after: null } },
      'restored',
    );
  }

  /** The full history of one document, newest first, from the audit collection. */
  history(id: string, limit = 200): Promise<Doc[]> {
    return this.audit
      .find(
        { business_id: this.scope.business_id, collection: this.spec.name, document_id: id },
        { projection: { _id: 0, business_id: 0 } },
      )
      .sort({ timestamp: -1, _id: -1 })
      .limit(limit)
      .toArray();
  }
}

function stripSystem(input: Doc, idField: string): Doc {
  const out: Doc = {};
  for (const [k, v] of Object.entries(input)) {
    if (!SYSTEM_FIELDS.has(k) && k !== idField && k !== 'deleted_at') out[k] = v;
  }
  return out;
}
