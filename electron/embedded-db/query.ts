// Query execution: mingo predicates plus geo operators, index selection, sort, projection, explain.
import { type Document } from 'bson';
import { Query } from 'mingo/query';
import { resolve } from 'mingo/util';
import { type Collection } from './engine';
import { CommandError, badValue } from './errors';
import { type NearSpec, geoWithinPredicate, nearDistance, parseNear } from './geo';
import { type FieldBounds, type Index } from './indexes';
import { buildContext } from './mingo-context';
import { compareValues, isPlainObject, numericView, pathValues, typeRank } from './values';

export const geoQueryOperators = {
  $geoWithin: (selector: string, args: unknown) => {
    const test = geoWithinPredicate(args);
    return (obj: Document) => pathValues(obj, selector).some(test) || test(resolve(obj, selector));
  },
};

const queryContext = buildContext({ query: geoQueryOperators });

export interface NearClause {
  field: string;
  spec: NearSpec;
}

export interface CompiledFilter {
  test: (doc: Document) => boolean;
  near?: NearClause;
}

/** Compiles a filter; $near/$nearSphere are pulled out because they order results, not just filter. */
export function compileFilter(filter: Document = {}): CompiledFilter {
  let near: NearClause | undefined;
  const rest: Document = {};
  for (const [field, cond] of Object.entries(filter)) {
    if (isPlainObject(cond) && ('$near' in cond || '$nearSphere' in cond)) {
      const op = '$near' in cond ? '$near' : '$nearSphere';
      near = { field, spec: parseNear(op, cond[op], cond) };
    } else rest[field] = cond;
  }
  const query = new Query(numericView(rest), { context: queryContext });
  return { test: (doc) => query.test(doc), near };
}

export interface Plan {
  index?: Index;
  bounds?: FieldBounds[];
  /** Candidate documents, in index order when an index was used. */
  docs: Document[];
}

const scalar = (v: unknown): boolean =>
  !Array.isArray(v) && !(v instanceof RegExp) && !isPlainObject(v) && v !== undefined;

function fieldBounds(cond: unknown): FieldBounds | undefined {
  if (scalar(cond)) return { kind: 'eq', values: [cond] };
  if (!isPlainObject(cond)) return undefined;
  const keys = Object.keys(cond);
  if (keys.length === 0 || !keys.every((k) => k.startsWith('$'))) return undefined;
  if ('$eq' in cond && scalar(cond.$eq)) return { kind: 'eq', values: [cond.$eq] };
  if (Array.isArray(cond.$in) && cond.$in.length > 0 && cond.$in.every(scalar)) {
    return { kind: 'eq', values: cond.$in as unknown[] };
  }
  const lo = cond.$gt !== undefined ? cond.$gt : cond.$gte;
  const hi = cond.$lt !== undefined ? cond.$lt : cond.$lte;
  const usable = (v: unknown): boolean => v !== undefined && scalar(v) && typeRank(v) > 1;
  const range: FieldBounds = {
    kind: 'range',
    loIncl: cond.$gt === undefined,
    hiIncl: cond.$lt === undefined,
  };
  if (usable(lo)) range.lo = lo;
  if (usable(hi) && (range.lo === undefined || typeRank(hi) === typeRank(range.lo))) range.hi = hi;
  return range.lo !== undefined || range.hi !== undefined ? range : undefined;
}

/** Top-level field conditions, including those inside a top-level $and. */
function conditions(filter: Document): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  const add = (f: Document): void => {
    for (const [k, v] of Object.entries(f)) {
      if (k === '$and' && Array.isArray(v)) v.forEach((x) => isPlainObject(x) && add(x));
      else if (!k.startsWith('$')) out.set(k, [...(out.get(k) ?? []), v]);
    }
  };
  add(filter);
  return out;
}

function boundsFor(index: Index, conds: Map<string, unknown[]>): FieldBounds[] {
  const bounds: FieldBounds[] = [];
  for (const f of index.fields) {
    if (index.spec.key[f] === '2dsphere') break;
    const b = (conds.get(f) ?? []).map(fieldBounds).find((x) => x !== undefined);
    if (!b) break;
    bounds.push(b);
    if (b.kind === 'range') break;
  }
  return bounds;
}

function findIndexByHint(c: Collection, hint: unknown): Index | 'natural' {
  if (typeof hint === 'string') {
    const idx = c.indexes.get(hint);
    if (idx) return idx;
  } else if (isPlainObject(hint)) {
    if ('$natural' in hint) return 'natural';
    const wanted = JSON.stringify(hint);
    for (const idx of c.indexes.values()) if (JSON.stringify(idx.spec.key) === wanted) return idx;
  }
  throw badValue('hint provided does not correspond to an existing index');
}

/** Picks the index with the longest usable key prefix (or the hinted one) and fetches candidates. */
export function plan(c: Collection | undefined, filter: Document, hint?: unknown): Plan {
  if (!c) return { docs: [] };
  const conds = conditions(filter);
  let index: Index | undefined;
  let bounds: FieldBounds[] = [];
  if (
    hint !== undefined &&
    hint !== null &&
    !(isPlainObject(hint) && Object.keys(hint).length === 0)
  ) {
    const h = findIndexByHint(c, hint);
    if (h === 'natural') return { docs: [...c.docs.values()] };
    index = h;
    bounds = boundsFor(h, conds);
  } else {
    let best = 0;
    for (const idx of c.indexes.values()) {
      if (idx.spec.sparse || idx.spec.partialFilterExpression) continue;
      const b = boundsFor(idx, conds);
      const score = b.reduce((s, x) => s + (x.kind === 'eq' ? 2 : 1), 0);
      if (
        score > best ||
        (score === best && score > 0 && index && idx.fields.length < index.fields.length)
      ) {
        best = score;
        index = idx;
        bounds = b;
      }
    }
  }
  if (!index) return { docs: [...c.docs.values()] };
  const ids = bounds.length > 0 ? index.scan(bounds) : index.all();
  const docs: Document[] = [];
  for (const id of ids) {
    const d = c.docs.get(id);
    if (d) docs.push(d);
  }
  return { index, bounds, docs };
}

export type SortSpec = Document;

/** MongoDB sort: arrays sort by their smallest element ascending, largest descending. */
export function sortDocs(docs: Document[], sort: SortSpec): Document[] {
  const fields = Object.entries(sort);
  for (const [f, dir] of fields) {
    if (dir !== 1 && dir !== -1 && !isPlainObject(dir)) {
      throw badValue(`$sort key ordering must be 1 (for ascending) or -1 (for descending): ${f}`);
    }
  }
  const keyed = docs.map((doc) => ({
    doc,
    keys: fields.map(([f, dir]) => {
      const vals = pathValues(doc, f).map((v) => (v === undefined ? null : v));
      return vals.reduce((a, b) => (compareValues(a, b) > 0 === (dir === -1) ? a : b));
    }),
  }));
  keyed.sort((a, b) => {
    for (let i = 0; i < fields.length; i++) {
      const c = compareValues(a.keys[i], b.keys[i]);
      if (c) return (fields[i]?.[1] === -1 ? -c : c) as number;
    }
    return 0;
  });
  return keyed.map((k) => k.doc);
}

/**
 * A projection that only includes or only excludes top-level fields (`{ a: 1, b: 1 }`,
 * `{ audit_log: 0 }`): applied by copying keys, as mingo's general path costs a query per document.
 * Null for anything else (dotted paths, operators, mixed inclusion and exclusion).
 */
function topLevelProjection(
  projection: Document,
): { include: boolean; fields: Set<string>; keepId: boolean } | null {
  let include: boolean | undefined;
  let keepId = true;
  const fields = new Set<string>();
  for (const [key, value] of Object.entries(projection)) {
    if (key.includes('.') || key.startsWith('$')) return null;
    if (typeof value !== 'number' && typeof value !== 'boolean') return null;
    const on = Boolean(value);
    if (key === '_id') {
      keepId = on;
      continue;
    }
    if (include !== undefined && include !== on) return null;
    include = on;
    fields.add(key);
  }
  // `{ _id: 1 }` alone keeps only _id: leave that to the general path.
  if (include === undefined && keepId) return null;
  return { include: include ?? false, fields, keepId };
}

/** Applies a find projection, keeping the stored field order as MongoDB does. */
export function project(docs: Document[], projection: Document | undefined): Document[] {
  if (!projection || Object.keys(projection).length === 0) return docs;
  const simple = topLevelProjection(projection);
  if (simple) {
    const { include, fields, keepId } = simple;
    return docs.map((doc) => {
      const out: Document = {};
      for (const key of Object.keys(doc)) {
        const wanted = key === '_id' ? keepId : fields.has(key) === include;
        if (wanted) out[key] = doc[key];
      }
      return out;
    });
  }
  return docs.map((doc) => {
    const projected = new Query({}, { context: queryContext })
      .find([doc], projection)
      .all()[0] as Document;
    return orderLike(projected, doc);
  });
}

export function orderLike(projected: Document, original: Document): Document {
  const out: Document = {};
  for (const k of Object.keys(original)) if (k in projected) out[k] = projected[k];
  for (const k of Object.keys(projected)) if (!(k in out)) out[k] = projected[k];
  return out;
}

export interface FindOptions {
  sort?: Document;
  projection?: Document;
  skip?: number;
  limit?: number;
  hint?: unknown;
}

export interface FindResult {
  docs: Document[];
  plan: Plan;
  /** Distances computed for a $near query, keyed by document. */
  distances?: Map<Document, number>;
}

/** Runs a filter with optional sort/skip/limit; does not project. */
export function runFind(
  c: Collection | undefined,
  filter: Document,
  opts: FindOptions = {},
): FindResult {
  const compiled = compileFilter(filter);
  const p = plan(c, filter, compiled.near ? undefined : opts.hint);
  let docs = c?.wrapped
    ? p.docs.filter((d) => compiled.test(numericView(d)))
    : p.docs.filter(compiled.test);
  let distances: Map<Document, number> | undefined;
  if (compiled.near) {
    const { field, spec } = compiled.near;
    const geoIndex = c && [...c.indexes.values()].find((i) => i.geoFields.includes(field));
    if (c && !geoIndex) {
      throw new CommandError(
        291,
        `error processing query: unable to find index for $geoNear query`,
      );
    }
    distances = new Map();
    const scored: Array<{ doc: Document; d: number }> = [];
    for (const doc of docs) {
      const d = nearDistance(spec, pathValues(doc, field)[0]);
      if (d === undefined) continue;
      if (spec.maxDistance !== undefined && d > spec.maxDistance) continue;
      if (spec.minDistance !== undefined && d < spec.minDistance) continue;
      scored.push({ doc, d });
      distances.set(doc, d);
    }
    scored.sort((a, b) => a.d - b.d);
    docs = scored.map((s) => s.doc);
  }
  if (opts.sort && Object.keys(opts.sort).length > 0) docs = sortDocs(docs, opts.sort);
  const skip = opts.skip ?? 0;
  if (skip < 0) throw badValue('skip value must be non-negative');
  const limit = Math.abs(opts.limit ?? 0);
  if (skip || limit) docs = docs.slice(skip, limit ? skip + limit : undefined);
  return { docs, plan: p, distances };
}

/** The queryPlanner section of explain output. */
export function explainPlan(c: Collection | undefined, filter: Document, p: Plan): Document {
  const inputStage = p.index
    ? {
        stage: 'IXSCAN',
        keyPattern: p.index.spec.key,
        indexName: p.index.name,
        isMultiKey: false,
        direction: 'forward',
        indexBounds: Object.fromEntries(
          p.index.fields.map((f, i) => [f, describeBounds(p.bounds?.[i])]),
        ),
      }
    : undefined;
  const winningPlan = inputStage
    ? { stage: 'FETCH', filter, inputStage }
    : { stage: 'COLLSCAN', filter, direction: 'forward' };
  return {
    namespace: c?.ns ?? '',
    parsedQuery: filter,
    indexFilterSet: false,
    winningPlan,
    rejectedPlans: [],
  };
}

function describeBounds(b: FieldBounds | undefined): string[] {
  if (!b) return ['[MinKey, MaxKey]'];
  if (b.kind === 'eq') return b.values.map((v) => `[${String(v)}, ${String(v)}]`);
  return [
    `${b.loIncl ? '[' : '('}${b.lo === undefined ? 'MinKey' : String(b.lo)}, ${b.hi === undefined ? 'MaxKey' : String(b.hi)}${b.hiIncl ? ']' : ')'}`,
  ];
}
