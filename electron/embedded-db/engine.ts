// The in-memory catalog (databases, collections, documents, indexes) and its journaled mutations.
import { BSON, type Document, ObjectId } from 'bson';
import { CommandError } from './errors';
import { type IndexSpec, Index } from './indexes';
import { type Persistence } from './storage/persistence';
import {
  DESERIALIZE_RAW,
  compareValues,
  hasWrappers,
  normalizeNumbers,
  pathValues,
  valueKey,
} from './values';

/** An id no stored document has: validates a document as new, so its own _id counts as a duplicate. */
const NEW_DOCUMENT = '\u0000new';

export const ID_INDEX: IndexSpec = { v: 2, key: { _id: 1 }, name: '_id_' };

export interface ChangeEvent {
  operationType: 'insert' | 'update' | 'replace' | 'delete' | 'drop' | 'rename' | 'dropDatabase';
  db: string;
  coll: string;
  documentKey?: Document;
  fullDocument?: Document;
  updateDescription?: { updatedFields: Document; removedFields: string[]; truncatedArrays: [] };
  to?: { db: string; coll: string };
}

/** Deep copy that keeps BSON types (ObjectId, Long, Binary...) intact. */
export const cloneDoc = (doc: Document): Document =>
  normalizeNumbers(BSON.deserialize(BSON.serialize(doc), DESERIALIZE_RAW));

export class Collection {
  readonly docs = new Map<string, Document>();
  readonly indexes = new Map<string, Index>();
  /** Set once any document holds Long/Double/Decimal128 wrappers: queries then evaluate a numeric view. */
  wrapped = false;

  constructor(
    readonly db: string,
    readonly name: string,
    readonly options: Document = {},
  ) {
    this.indexes.set('_id_', new Index(ID_INDEX, this.ns));
  }

  get ns(): string {
    return `${this.db}.${this.name}`;
  }

  /** Validates `doc` against every index as if it replaced the document stored under `id`. */
  check(doc: Document, id: string): void {
    for (const index of this.indexes.values()) index.check(doc, id);
  }

  put(doc: Document): void {
    const id = valueKey(doc._id);
    const existed = this.docs.has(id);
    this.docs.set(id, doc);
    if (!this.wrapped && hasWrappers(doc)) this.wrapped = true;
    for (const index of this.indexes.values()) {
      if (existed) index.update(doc, id);
      else index.insert(doc, id);
    }
  }

  remove(id: string): void {
    if (!this.docs.delete(id)) return;
    for (const index of this.indexes.values()) index.remove(id);
  }

  addIndex(spec: IndexSpec): Index {
    const index = new Index(spec, this.ns);
    for (const [id, doc] of this.docs) {
      index.check(doc, id);
      index.insert(doc, id);
    }
    this.indexes.set(spec.name, index);
    return index;
  }
}

export type ChangeListener = (event: ChangeEvent) => void;

export class Engine {
  readonly dbs = new Map<string, Map<string, Collection>>();
  private lastWrite: Promise<void> = Promise.resolve();
  private pending: Document[] = [];
  private readonly listeners = new Set<ChangeListener>();

  constructor(private readonly persistence?: Persistence) {
    if (persistence) {
      persistence.load((r) => this.apply(r));
      persistence.dumpState = () => this.dump();
      persistence.flushBuffered = () => this.flushPending();
    }
  }

  /** Resolves when every mutation made so far is durable. */
  durable(): Promise<void> {
    this.flushPending();
    return this.lastWrite;
  }

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: ChangeEvent): void {
    for (const l of this.listeners) l(event);
  }

  /** Queues a journal record; a command's records reach the journal together (one append, one promise). */
  private log(op: Document): void {
    if (!this.persistence) return;
    if (this.pending.length === 0) queueMicrotask(() => this.flushPending());
    this.pending.push(op);
  }

  private flushPending(): void {
    if (!this.persistence || this.pending.length === 0) return;
    const p = this.persistence.log(this.pending);
    this.pending = [];
    p.catch(() => undefined);
    this.lastWrite = p;
  }

  /** Replays one journal/snapshot record; every operation is idempotent. */
  private apply(r: Document): void {
    normalizeNumbers(r);
    const ns = r.ns as string;
    switch (r.t) {
      case 'coll':
      case 'create': {
        const [db, name] = splitNs(ns);
        const c = this.ensure(db, name, (r.options as Document) ?? {}, false);
        for (const spec of (r.indexes as IndexSpec[] | undefined) ?? []) {
          if (!c.indexes.has(spec.name)) c.addIndex(spec);
        }
        break;
      }
      case 'doc':
      case 'put': {
        const [db, name] = splitNs(ns);
        this.ensure(db, name, {}, false).put(r.doc as Document);
        break;
      }
      case 'del':
        this.existing(ns)?.remove(valueKey(r.id));
        break;
      case 'index': {
        const c = this.existing(ns);
        const spec = r.spec as IndexSpec;
        if (c && !c.indexes.has(spec.name)) c.addIndex(spec);
        break;
      }
      case 'dropIndex':
        this.existing(ns)?.indexes.delete(r.name as string);
        break;
      case 'drop': {
        const [db, name] = splitNs(ns);
        this.dbs.get(db)?.delete(name);
        break;
      }
      case 'dropDb':
        this.dbs.delete(r.db as string);
        break;
      case 'rename':
        this.moveCollection(r.from as string, r.to as string);
        break;
    }
  }

  /** The whole state as snapshot records; iterate it synchronously to get one point in time. */
  *dump(): Iterable<Document> {
    for (const colls of this.dbs.values()) {
      for (const c of colls.values()) {
        const indexes = [...c.indexes.values()].filter((i) => i.name !== '_id_').map((i) => i.spec);
        yield { t: 'coll', ns: c.ns, options: c.options, indexes };
        for (const doc of c.docs.values()) yield { t: 'doc', ns: c.ns, doc };
      }
    }
  }

  existing(ns: string): Collection | undefined {
    const [db, name] = splitNs(ns);
    return this.dbs.get(db)?.get(name);
  }

  get(db: string, name: string): Collection | undefined {
    return this.dbs.get(db)?.get(name);
  }

  /** Returns the collection, creating it (journaled) when absent. */
  ensure(db: string, name: string, options: Document = {}, journal = true): Collection {
    let colls = this.dbs.get(db);
    if (!colls) this.dbs.set(db, (colls = new Map()));
    let c = colls.get(name);
    if (!c) {
      validateName(db, name);
      c = new Collection(db, name, options);
      colls.set(name, c);
      if (journal) this.log({ t: 'create', ns: c.ns, options });
    }
    return c;
  }

  insert(c: Collection, doc: Document): Document {
    if (doc._id === undefined) doc = { _id: new ObjectId(), ...doc };
    else if (Object.keys(doc)[0] !== '_id') doc = { _id: doc._id, ...doc };
    const id = valueKey(doc._id);
    if (Array.isArray(doc._id)) throw new CommandError(2, "can't use an array for _id");
    c.check(doc, c.docs.has(id) ? NEW_DOCUMENT : id);
    c.put(doc);
    this.log({ t: 'put', ns: c.ns, doc });
    this.emit({
      operationType: 'insert',
      db: c.db,
      coll: c.name,
      documentKey: { _id: doc._id },
      fullDocument: doc,
    });
    return doc;
  }

  /** Stores `after` in place of `before` (same _id), validating indexes first. */
  replace(c: Collection, before: Document, after: Document, replacement: boolean): void {
    const id = valueKey(before._id);
    if (compareValues(before._id, after._id) !== 0 || valueKey(after._id) !== id) {
      throw new CommandError(
        66,
        "Performing an update on the path '_id' would modify the immutable field '_id'",
      );
    }
    c.check(after, id);
    c.put(after);
    this.log({ t: 'put', ns: c.ns, doc: after });
    this.emit({
      operationType: replacement ? 'replace' : 'update',
      db: c.db,
      coll: c.name,
      documentKey: { _id: after._id },
      fullDocument: after,
      ...(replacement ? {} : { updateDescription: diff(before, after) }),
    });
  }

  delete(c: Collection, doc: Document): void {
    c.remove(valueKey(doc._id));
    this.log({ t: 'del', ns: c.ns, id: doc._id });
    this.emit({ operationType: 'delete', db: c.db, coll: c.name, documentKey: { _id: doc._id } });
  }

  createIndex(c: Collection, spec: IndexSpec): void {
    c.addIndex(spec);
    this.log({ t: 'index', ns: c.ns, spec });
  }

  dropIndex(c: Collection, name: string): void {
    c.indexes.delete(name);
    this.log({ t: 'dropIndex', ns: c.ns, name });
  }

  dropCollection(c: Collection): void {
    this.dbs.get(c.db)?.delete(c.name);
    this.log({ t: 'drop', ns: c.ns });
    this.emit({ operationType: 'drop', db: c.db, coll: c.name });
  }

  dropDatabase(db: string): void {
    if (!this.dbs.has(db)) return;
    this.dbs.delete(db);
    this.log({ t: 'dropDb', db });
    this.emit({ operationType: 'dropDatabase', db, coll: '' });
  }

  rename(from: string, to: string): void {
    this.moveCollection(from, to);
    this.log({ t: 'rename', from, to });
    const [db, coll] = splitNs(from);
    const [toDb, toColl] = splitNs(to);
    this.emit({ operationType: 'rename', db, coll, to: { db: toDb, coll: toColl } });
  }

  private moveCollection(from: string, to: string): void {
    const src = this.existing(from);
    if (!src) return;
    const [db, name] = splitNs(from);
    const [toDb, toName] = splitNs(to);
    this.dbs.get(db)?.delete(name);
    const target = this.ensure(toDb, toName, src.options, false);
    target.docs.clear();
    target.indexes.clear();
    for (const index of src.indexes.values()) target.addIndex(index.spec);
    for (const doc of src.docs.values()) target.put(doc);
  }

  /** Deletes documents whose TTL-indexed date has expired; returns how many were removed. */
  sweepTtl(now = Date.now()): number {
    let removed = 0;
    for (const colls of this.dbs.values()) {
      for (const c of colls.values()) {
        for (const index of c.indexes.values()) {
          const ttl = index.spec.expireAfterSeconds;
          if (typeof ttl !== 'number' || index.fields.length !== 1) continue;
          const field = index.fields[0] as string;
          for (const doc of [...c.docs.values()]) {
            const dates = pathValues(doc, field).filter((v): v is Date => v instanceof Date);
            if (dates.length === 0) continue;
            const oldest = Math.min(...dates.map((d) => d.getTime()));
            if (oldest + ttl * 1000 <= now && index.covers(doc)) {
              this.delete(c, doc);
              removed++;
            }
          }
        }
      }
    }
    return removed;
  }
}

export function splitNs(ns: string): [string, string] {
  const dot = ns.indexOf('.');
  return dot < 0 ? [ns, ''] : [ns.slice(0, dot), ns.slice(dot + 1)];
}

function validateName(db: string, name: string): void {
  if (!db || /[/\\. "$]/.test(db) || !name || name.includes('$') || name.startsWith('.')) {
    throw new CommandError(73, `Invalid namespace specified '${db}.${name}'`);
  }
}

/** The updateDescription of a change event: dotted paths of changed and removed fields. */
export function diff(
  before: Document,
  after: Document,
): { updatedFields: Document; removedFields: string[]; truncatedArrays: [] } {
  const updatedFields: Document = {};
  const removedFields: string[] = [];
  const walk = (a: Document, b: Document, prefix: string): void => {
    for (const [k, v] of Object.entries(b)) {
      const old = a[k];
      const isObj = (x: unknown): x is Document =>
        !!x && typeof x === 'object' && (x as object).constructor === Object;
      if (isObj(old) && isObj(v)) walk(old, v, `${prefix}${k}.`);
      else if (old === undefined || valueKey(old) !== valueKey(v) || !sameType(old, v)) {
        updatedFields[`${prefix}${k}`] = v;
      }
    }
    for (const k of Object.keys(a)) if (!(k in b)) removedFields.push(`${prefix}${k}`);
  };
  walk(before, after, '');
  return { updatedFields, removedFields, truncatedArrays: [] };
}

const sameType = (a: unknown, b: unknown): boolean =>
  typeof a === typeof b && (a as object)?.constructor === (b as object)?.constructor;
