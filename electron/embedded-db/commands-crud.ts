// Read and write commands: insert, update, delete, findAndModify, find, getMore, count, distinct, aggregate.
import { type Document, Long } from 'bson';
import { aggregateCollection } from './aggregate';
import { tokenFor } from './changestreams';
import { CursorManager } from './cursors';
import { type Collection, type Engine } from './engine';
import { CommandError, badValue } from './errors';
import { compileFilter, countFromIndex, explainPlan, project, runFind } from './query';
import { applyUpdate, updateKind, upsertSeed } from './update';
import { isPlainObject, pathValues, valueKey } from './values';
import { type CommandContext, type Handler } from './command-context';

const collName = (cmd: Document, key: string): string => {
  const name = cmd[key];
  if (typeof name !== 'string' || name.length === 0) {
    throw new CommandError(73, `Invalid namespace specified: collection name must be a string`);
  }
  return name;
};

const writeError = (index: number, error: unknown): Document => {
  if (error instanceof CommandError) {
    return { index, code: error.code, errmsg: error.message, ...error.extra };
  }
  return { index, code: 2, errmsg: (error as Error).message };
};

const resolverFor = (engine: Engine, db: string) => (name: string) => [
  ...(engine.get(db, name)?.docs.values() ?? []),
];

function rejectTransactions(cmd: Document): void {
  if (cmd.autocommit === false || cmd.startTransaction) {
    throw new CommandError(
      20,
      'Transaction numbers are only allowed on a replica set member or mongos',
    );
  }
}

const insert: Handler = async (cmd, { server, db }) => {
  rejectTransactions(cmd);
  const { engine } = server;
  const docs = (cmd.documents as Document[] | undefined) ?? [];
  const ordered = cmd.ordered !== false;
  const c = engine.ensure(db, collName(cmd, 'insert'));
  const writeErrors: Document[] = [];
  let n = 0;
  for (let i = 0; i < docs.length; i++) {
    try {
      engine.insert(c, docs[i] as Document);
      n++;
    } catch (error) {
      writeErrors.push(writeError(i, error));
      if (ordered) break;
    }
  }
  await engine.durable();
  return { n, ...(writeErrors.length ? { writeErrors } : {}), ok: 1 };
};

interface UpdateOutcome {
  n: number;
  nModified: number;
  upsertedId?: unknown;
  before?: Document;
  after?: Document;
}

/** One update statement (also used by findAndModify, which passes a sort and limit 1). */
function updateOne(
  engine: Engine,
  c: Collection,
  db: string,
  stmt: {
    q: Document;
    u: Document | Document[];
    multi?: boolean;
    upsert?: boolean;
    arrayFilters?: Document[];
    hint?: unknown;
    sort?: Document;
  },
): UpdateOutcome {
  const kind = updateKind(stmt.u);
  if (stmt.multi && kind === 'replacement') {
    throw new CommandError(9, 'multi update is not supported for replacement-style update');
  }
  const resolver = resolverFor(engine, db);
  const { docs } = runFind(c, stmt.q, {
    hint: stmt.hint,
    sort: stmt.sort,
    limit: stmt.multi ? 0 : 1,
  });
  if (docs.length === 0) {
    if (!stmt.upsert) return { n: 0, nModified: 0 };
    const seed = kind === 'replacement' ? {} : upsertSeed(stmt.q);
    const seedId = upsertSeed(stmt.q)._id;
    let doc = applyUpdate(seed, stmt.u, {
      arrayFilters: stmt.arrayFilters,
      inserting: true,
      resolver,
    });
    if (doc._id === undefined) doc = seedId !== undefined ? { _id: seedId, ...doc } : doc;
    const inserted = engine.insert(c, doc);
    return { n: 1, nModified: 0, upsertedId: inserted._id, after: inserted };
  }
  let nModified = 0;
  let last: UpdateOutcome = { n: 0, nModified: 0 };
  for (const before of docs) {
    const after = applyUpdate(before, stmt.u, {
      arrayFilters: stmt.arrayFilters,
      filter: stmt.q,
      resolver,
    });
    if (valueKey(after) !== valueKey(before) || !sameShape(before, after)) {
      engine.replace(c, before, after, kind === 'replacement');
      nModified++;
    }
    last = { n: docs.length, nModified, before, after };
  }
  return { ...last, n: docs.length, nModified };
}

/** valueKey folds numeric types together; this catches a changed numeric type or field order. */
const sameShape = (a: Document, b: Document): boolean => {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && typeof a[k] === typeof b[k]);
};

const update: Handler = async (cmd, { server, db }) => {
  rejectTransactions(cmd);
  const { engine } = server;
  const stmts = (cmd.updates as Document[] | undefined) ?? [];
  const ordered = cmd.ordered !== false;
  const c = engine.ensure(db, collName(cmd, 'update'));
  const writeErrors: Document[] = [];
  const upserted: Document[] = [];
  let n = 0;
  let nModified = 0;
  for (let i = 0; i < stmts.length; i++) {
    const s = stmts[i] as Document;
    try {
      const r = updateOne(engine, c, db, {
        q: (s.q as Document) ?? {},
        u: s.u as Document,
        multi: !!s.multi,
        upsert: !!s.upsert,
        arrayFilters: s.arrayFilters as Document[] | undefined,
        hint: s.hint,
      });
      n += r.n;
      nModified += r.nModified;
      if (r.upsertedId !== undefined) upserted.push({ index: i, _id: r.upsertedId });
    } catch (error) {
      writeErrors.push(writeError(i, error));
      if (ordered) break;
    }
  }
  await engine.durable();
  return {
    n,
    nModified,
    ...(upserted.length ? { upserted } : {}),
    ...(writeErrors.length ? { writeErrors } : {}),
    ok: 1,
  };
};

const del: Handler = async (cmd, { server, db }) => {
  rejectTransactions(cmd);
  const { engine } = server;
  const stmts = (cmd.deletes as Document[] | undefined) ?? [];
  const ordered = cmd.ordered !== false;
  const c = engine.get(db, collName(cmd, 'delete'));
  const writeErrors: Document[] = [];
  let n = 0;
  for (let i = 0; i < stmts.length; i++) {
    const s = stmts[i] as Document;
    try {
      if (s.limit !== 0 && s.limit !== 1)
        throw new CommandError(9, 'The limit field in delete objects must be 0 or 1');
      if (!c) {
        compileFilter(s.q as Document);
        continue;
      }
      const { docs } = runFind(c, (s.q as Document) ?? {}, {
        limit: s.limit === 1 ? 1 : 0,
        hint: s.hint,
      });
      for (const d of docs) engine.delete(c, d);
      n += docs.length;
    } catch (error) {
      writeErrors.push(writeError(i, error));
      if (ordered) break;
    }
  }
  await engine.durable();
  return { n, ...(writeErrors.length ? { writeErrors } : {}), ok: 1 };
};

const findAndModify: Handler = async (cmd, { server, db }) => {
  rejectTransactions(cmd);
  const { engine } = server;
  const c = engine.ensure(db, collName(cmd, 'findAndModify'));
  const query = (cmd.query as Document | undefined) ?? {};
  const fields = cmd.fields as Document | undefined;
  const shape = (d: Document | undefined): Document | null =>
    d ? (project([d], fields)[0] as Document) : null;
  if (cmd.remove) {
    if (cmd.update !== undefined)
      throw new CommandError(9, 'Cannot specify both an update and remove=true');
    const { docs } = runFind(c, query, { sort: cmd.sort as Document, limit: 1, hint: cmd.hint });
    const target = docs[0];
    if (target) engine.delete(c, target);
    await engine.durable();
    return { lastErrorObject: { n: target ? 1 : 0 }, value: shape(target), ok: 1 };
  }
  if (cmd.update === undefined)
    throw new CommandError(9, 'Either an update or remove=true must be specified');
  const r = updateOne(engine, c, db, {
    q: query,
    u: cmd.update as Document,
    upsert: !!cmd.upsert,
    arrayFilters: cmd.arrayFilters as Document[] | undefined,
    hint: cmd.hint,
    sort: cmd.sort as Document | undefined,
  });
  await engine.durable();
  const lastErrorObject: Document = {
    n: r.n,
    updatedExisting: r.upsertedId === undefined && r.n > 0,
  };
  if (r.upsertedId !== undefined) lastErrorObject.upserted = r.upsertedId;
  const value = cmd.new ? shape(r.after) : r.upsertedId !== undefined ? null : shape(r.before);
  return { lastErrorObject, value, ok: 1 };
};

const find: Handler = (cmd, { server, db }) => {
  const name = collName(cmd, 'find');
  const c = server.engine.get(db, name);
  const filter = (cmd.filter as Document | undefined) ?? {};
  const limit = typeof cmd.limit === 'number' ? cmd.limit : Number(cmd.limit ?? 0);
  const { docs } = runFind(c, filter, {
    sort: cmd.sort as Document | undefined,
    skip: Number(cmd.skip ?? 0),
    limit: Math.abs(limit),
    hint: cmd.hint,
    collation: cmd.collation,
  });
  const batchSize = cmd.batchSize !== undefined ? Number(cmd.batchSize) : undefined;
  const projected = project(docs, cmd.projection as Document | undefined);
  const single = !!cmd.singleBatch || limit < 0;
  return server.cursors.open(`${db}.${name}`, projected, batchSize, single);
};

/** How long a change stream's getMore waits for an event when the driver names no maxTimeMS. */
const DEFAULT_AWAIT_MS = 1000;

const getMore: Handler = async (cmd, { server, db }) => {
  const ns = `${db}.${collName(cmd, 'collection')}`;
  const cursor = server.cursors.get(cmd.getMore, ns);
  const batchSize = cmd.batchSize !== undefined ? Number(cmd.batchSize) : undefined;
  if (cursor.change) {
    const state = cursor.change;
    const lookup = (d: string, coll: string, key: Document): Document | null =>
      server.engine.get(d, coll)?.docs.get(valueKey(key._id)) ?? null;
    let events = server.hub.collect(state, lookup);
    // As MongoDB does, an awaitData getMore answers once an event for this stream arrives or its
    // time is up: a write elsewhere (another collection, or one the pipeline filters out) wakes
    // every waiting stream, and each would otherwise answer empty and be asked again at once.
    const deadline =
      Date.now() + (typeof cmd.maxTimeMS === 'number' ? cmd.maxTimeMS : DEFAULT_AWAIT_MS);
    while (events.length === 0 && !state.invalidated && server.hub.open) {
      const left = deadline - Date.now();
      if (left <= 0) break;
      await server.hub.wait(left);
      events = server.hub.collect(state, lookup);
    }
    let id = cursor.id;
    if (state.invalidated) {
      server.cursors.delete(cursor.id);
      id = Long.ZERO;
    }
    return {
      cursor: {
        nextBatch: events,
        postBatchResumeToken: tokenFor(state.afterSeq),
        id,
        ns,
      },
      ok: 1,
    };
  }
  const nextBatch = CursorManager.take(cursor, batchSize);
  let id = cursor.id;
  if (cursor.pos >= cursor.docs.length) {
    server.cursors.delete(cursor.id);
    id = Long.ZERO;
  }
  return { cursor: { nextBatch, id, ns }, ok: 1 };
};

const killCursors: Handler = (cmd, { server }) => {
  const { killed, notFound } = server.cursors.kill((cmd.cursors as unknown[]) ?? []);
  return {
    cursorsKilled: killed,
    cursorsNotFound: notFound,
    cursorsAlive: [],
    cursorsUnknown: [],
    ok: 1,
  };
};

const count: Handler = (cmd, { server, db }) => {
  const c = server.engine.get(db, collName(cmd, 'count'));
  const query = (cmd.query as Document | undefined) ?? {};
  if (!c) return { n: 0, ok: 1 };
  if (!cmd.skip && !cmd.limit && cmd.hint === undefined) {
    if (Object.keys(query).length === 0) return { n: c.docs.size, ok: 1 };
    const n = countFromIndex(c, query);
    if (n !== undefined) return { n, ok: 1 };
  }
  const { docs } = runFind(c, query, {
    skip: Number(cmd.skip ?? 0),
    limit: Number(cmd.limit ?? 0),
    hint: cmd.hint,
  });
  return { n: docs.length, ok: 1 };
};

const distinct: Handler = (cmd, { server, db }) => {
  const c = server.engine.get(db, collName(cmd, 'distinct'));
  const key = cmd.key;
  if (typeof key !== 'string')
    throw new CommandError(14, "BSON field 'distinct.key' is missing or not a string");
  const { docs } = runFind(c, (cmd.query as Document | undefined) ?? {});
  const seen = new Map<string, unknown>();
  for (const d of docs) {
    for (const v of pathValues(d, key))
      if (v !== undefined && !seen.has(valueKey(v))) seen.set(valueKey(v), v);
  }
  return { values: [...seen.values()], ok: 1 };
};

const aggregate: Handler = (cmd, ctx) => {
  const { server, db } = ctx;
  const pipeline = cmd.pipeline;
  if (!Array.isArray(pipeline))
    throw new CommandError(14, "'pipeline' option must be specified as an array");
  const collection = cmd.aggregate;
  const first = pipeline[0] as Document | undefined;
  if (first && isPlainObject(first) && '$changeStream' in first) return openChangeStream(cmd, ctx);
  if (collection === 1)
    throw badValue('collectionless aggregate is not supported by the embedded database server');
  const name = collName(cmd, 'aggregate');
  const c = server.engine.get(db, name);
  const docs = aggregateCollection(
    c,
    pipeline as Document[],
    resolverFor(server.engine, db),
    cmd.hint,
  );
  const batchSize = (cmd.cursor as Document | undefined)?.batchSize as number | undefined;
  return server.cursors.open(`${db}.${name}`, docs, batchSize);
};

function openChangeStream(cmd: Document, { server, db }: CommandContext): Document {
  const pipeline = cmd.pipeline as Document[];
  const spec = (pipeline[0] as Document).$changeStream as Document;
  const coll = cmd.aggregate === 1 ? null : collName(cmd, 'aggregate');
  const token = spec.resumeAfter ?? spec.startAfter;
  const afterSeq = token !== undefined ? server.hub.resolveToken(token) : server.hub.latest;
  if (spec.startAtOperationTime !== undefined && token === undefined) {
    throw badValue('startAtOperationTime is not supported by the embedded database server');
  }
  const ns = `${db}.${coll ?? '$cmd.aggregate'}`;
  const change = {
    db,
    coll,
    pipeline: pipeline.slice(1),
    afterSeq,
    fullDocument: (spec.fullDocument as string | undefined) ?? 'default',
  };
  const lookup = (d: string, c: string, key: Document): Document | null =>
    server.engine.get(d, c)?.docs.get(valueKey(key._id)) ?? null;
  const firstBatch = token !== undefined ? server.hub.collect(change, lookup) : [];
  const id = server.cursors.register({ ns, docs: [], pos: 0, change });
  return {
    cursor: { firstBatch, postBatchResumeToken: tokenFor(change.afterSeq), id, ns },
    ok: 1,
  };
}

const explain: Handler = (cmd, { server, db }) => {
  const inner = cmd.explain as Document;
  if (!isPlainObject(inner)) throw badValue('explain command requires a nested object');
  const verb = Object.keys(inner)[0];
  let filter: Document = {};
  let hint: unknown;
  let name: string;
  let order: { sort?: Document; skip?: number; limit?: number; collation?: unknown } = {};
  if (verb === 'find') {
    name = collName(inner, 'find');
    filter = (inner.filter as Document | undefined) ?? {};
    hint = inner.hint;
    // The sort and limit decide whether an index is walked in order, so explain runs them too.
    order = {
      sort: inner.sort as Document | undefined,
      skip: Number(inner.skip ?? 0),
      limit: Math.abs(Number(inner.limit ?? 0)),
      collation: inner.collation,
    };
  } else if (verb === 'count') {
    name = collName(inner, 'count');
    filter = (inner.query as Document | undefined) ?? {};
    hint = inner.hint;
  } else if (verb === 'aggregate') {
    name = collName(inner, 'aggregate');
    const first = (inner.pipeline as Document[] | undefined)?.[0];
    if (first && isPlainObject(first) && '$match' in first) filter = first.$match as Document;
    hint = inner.hint;
  } else if (verb === 'distinct') {
    name = collName(inner, 'distinct');
    filter = (inner.query as Document | undefined) ?? {};
  } else {
    throw badValue(`Explain is not supported for the ${String(verb)} command`);
  }
  const c = server.engine.get(db, name);
  const result = runFind(c, filter, { hint, ...order });
  return {
    queryPlanner: explainPlan(c, filter, result.plan),
    executionStats: {
      nReturned: result.docs.length,
      totalDocsExamined: result.plan.docs.length,
      executionSuccess: true,
    },
    command: inner,
    ok: 1,
  };
};

export const crudCommands: Record<string, Handler> = {
  insert,
  update,
  delete: del,
  findAndModify,
  findandmodify: findAndModify,
  find,
  getMore,
  killCursors,
  count,
  distinct,
  aggregate,
  explain,
};
