// Query execution: mingo predicates plus geo operators, index selection, sort, projection, explain.
import { Double, type Document, Int32 } from 'bson';
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
  /**
   * The same test without mingo, for filters made only of top-level equalities and regexes joined
   * by $and (what record lists send); it reads stored documents as they are, wrappers included.
   */
  simple?: (doc: Document) => boolean;
  near?: NearClause;
}

type Check = (doc: Document) => boolean;

/** A field's value, or any element of an array there, satisfies `ok` (MongoDB's implicit array match). */
const anyValue =
  (field: string, ok: (v: unknown) => boolean): Check =>
  (doc) => {
    const v = doc[field];
    return ok(v) || (Array.isArray(v) && v.some(ok));
  };

function simpleRegex(cond: unknown): RegExp | undefined {
  let source: unknown;
  let flags = '';
  if (cond instanceof RegExp) ({ source, flags } = cond);
  else if (
    isPlainObject(cond) &&
    '$regex' in cond &&
    Object.keys(cond).every((k) => k === '$regex' || k === '$options')
  ) {
    const options = cond.$options ?? '';
    if (typeof options !== 'string') return undefined;
    if (cond.$regex instanceof RegExp) ({ source, flags } = cond.$regex);
    else source = cond.$regex;
    flags += options;
  }
  // x (extended) has no JavaScript equivalent; g and y would make test() stateful.
  if (typeof source !== 'string' || !/^[imsu]*$/.test(flags)) return undefined;
  try {
    return new RegExp(source, [...new Set(flags)].join(''));
  } catch {
    return undefined;
  }
}

/** One top-level field condition as a Check with MongoDB's semantics, or undefined if not that simple. */
function simpleCondition(field: string, cond: unknown): Check | undefined {
  if (field.includes('.') || field.startsWith('$')) return undefined;
  if (isPlainObject(cond) && Object.keys(cond).length === 1 && '$eq' in cond) cond = cond.$eq;
  // null matches null, missing, and an array holding null — not an empty array.
  if (cond === null) return anyValue(field, (v) => v === null || v === undefined);
  if (
    typeof cond === 'string' ||
    typeof cond === 'boolean' ||
    typeof cond === 'number' ||
    cond instanceof Int32 ||
    cond instanceof Double
  ) {
    const rank = typeRank(cond);
    return anyValue(field, (v) => typeRank(v) === rank && compareValues(v, cond) === 0);
  }
  if (isPlainObject(cond) && Object.keys(cond).length === 1 && '$in' in cond) {
    return simpleIn(field, cond.$in);
  }
  // `{$regex: …}` is a plain object too: a range first, else a regex below.
  if (isPlainObject(cond) && !('$regex' in cond)) return simpleRange(field, cond);
  const re = simpleRegex(cond);
  if (!re) return undefined;
  const text = String(re);
  // `^abc` and nothing more is startsWith('abc'), at a fraction of the cost.
  const literal = regexPrefix(re.source, re.flags);
  const onString = literal?.whole
    ? (v: string) => v.startsWith(literal.prefix)
    : (v: string) => re.test(v);
  return anyValue(field, (v) =>
    typeof v === 'string' ? onString(v) : v instanceof RegExp && String(v) === text,
  );
}

const RANGE_OPS: Record<string, (order: number) => boolean> = {
  $gt: (order) => order > 0,
  $gte: (order) => order >= 0,
  $lt: (order) => order < 0,
  $lte: (order) => order <= 0,
};

/**
 * `{field: {$gte: a, $lt: b}}` over dates, numbers and strings (a report's days, a list's bounds):
 * each bound compared in BSON order with values of the same type only, as MongoDB brackets types;
 * on an array, each bound may be met by a different element, as MongoDB matches without $elemMatch.
 */
function simpleRange(field: string, cond: Record<string, unknown>): Check | undefined {
  const keys = Object.keys(cond);
  if (keys.length === 0 || !keys.every((k) => k in RANGE_OPS)) return undefined;
  const checks: Check[] = [];
  for (const op of keys) {
    const bound = cond[op];
    const ok =
      bound instanceof Date
        ? !Number.isNaN(bound.getTime())
        : typeof bound === 'string' ||
          (typeof bound === 'number' && !Number.isNaN(bound)) ||
          bound instanceof Int32 ||
          bound instanceof Double;
    if (!ok) return undefined;
    const rank = typeRank(bound);
    const holds = RANGE_OPS[op] as (order: number) => boolean;
    checks.push(
      anyValue(
        field,
        (v) =>
          !(typeof v === 'number' && Number.isNaN(v)) &&
          typeRank(v) === rank &&
          holds(compareValues(v, bound)),
      ),
    );
  }
  return checks.length === 1 ? checks[0] : (doc) => checks.every((check) => check(doc));
}

/**
 * `{field: {$in: [...]}}` over strings, dates and null (ids and days, what the board asks for) as
 * one Set lookup per value — mingo hashes the whole list again for every document it tests.
 */
function simpleIn(field: string, values: unknown): Check | undefined {
  if (!Array.isArray(values)) return undefined;
  const strings = new Set<string>();
  const times = new Set<number>();
  let withNull = false;
  for (const value of values) {
    if (typeof value === 'string') strings.add(value);
    else if (value instanceof Date && !Number.isNaN(value.getTime())) times.add(value.getTime());
    else if (value === null) withNull = true;
    else return undefined;
  }
  const one = (v: unknown) =>
    typeof v === 'string'
      ? strings.has(v)
      : v instanceof Date
        ? times.has(v.getTime())
        : withNull && (v === null || v === undefined);
  // As with equality to null, a null in the list matches a missing field and an array holding null.
  return anyValue(field, one);
}

/** The whole filter as Checks (equalities first, as they are cheapest), or undefined. */
function simpleChecks(filter: Document, into: { eq: Check[]; other: Check[] }): boolean {
  for (const [field, cond] of Object.entries(filter)) {
    if (field === '$and') {
      if (!Array.isArray(cond) || cond.length === 0) return false;
      for (const part of cond) if (!isPlainObject(part) || !simpleChecks(part, into)) return false;
      continue;
    }
    if (field === '$or') {
      // Any of the branches, each itself simple (a job's staff or its equipment, say).
      if (!Array.isArray(cond) || cond.length === 0) return false;
      const branches: Check[] = [];
      for (const part of cond) {
        const branch = isPlainObject(part) ? compileSimple(part) : undefined;
        if (!branch) return false;
        branches.push(branch);
      }
      into.other.push((doc) => branches.some((branch) => branch(doc)));
      continue;
    }
    const check = simpleCondition(field, cond);
    if (!check) return false;
    (simpleRegex(cond) ? into.other : into.eq).push(check);
  }
  return true;
}

function compileSimple(filter: Document): Check | undefined {
  const parts = { eq: [] as Check[], other: [] as Check[] };
  if (!simpleChecks(filter, parts)) return undefined;
  const checks = [...parts.eq, ...parts.other];
  return (doc) => checks.every((check) => check(doc));
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
  const simple = near ? undefined : compileSimple(rest);
  // mingo compiles the filter when constructed (most of a small find's cost): only where needed.
  // A filter the simple path takes is valid, so nothing is left to reject early.
  const build = () => new Query(numericView(rest), { context: queryContext });
  let query = simple ? undefined : build();
  const test = (doc: Document) => (query ??= build()).test(doc);
  return { test, simple, near };
}

export interface Plan {
  index?: Index;
  bounds?: FieldBounds[];
  /** Candidate documents, in index order when an index was used. */
  docs: Document[];
  /** An index walked against its key pattern's order (a sort the index gives in reverse). */
  backward?: boolean;
  /**
   * A walk that read only the documents another index's bounds hold (MongoDB's AND_HASH): that
   * index and its bounds. `index` is the walk, which gives the order.
   */
  intersected?: { index: Index; bounds: FieldBounds[] };
}

const scalar = (v: unknown): boolean =>
  !Array.isArray(v) && !(v instanceof RegExp) && !isPlainObject(v) && v !== undefined;

const REGEX_SYNTAX = new Set([...'.*+?^$|()[]{}\\']);

/**
 * The literal text every match of an anchored regex starts with, or undefined when it is not such a
 * regex: MongoDB's rule for bounding an index scan by a regex (`/^abc/`, `^a\.b`, no `i`/`m`/`x`
 * flags, no alternation). A character made optional by `?`, `*` or `{` is not part of the prefix.
 * `whole`: the regex is nothing but that prefix, so it matches exactly the strings starting with it.
 */
export function regexPrefix(
  source: string,
  flags: string,
): { prefix: string; whole: boolean } | undefined {
  if (!/^s?$/.test(flags) || !source.startsWith('^') || source.includes('|')) return undefined;
  let prefix = '';
  let last = 0;
  for (let i = 1; i < source.length; i++) {
    const ch = source[i] as string;
    if (ch === '\\') {
      const next = source[i + 1];
      if (next === undefined || /[0-9A-Za-z]/.test(next)) return { prefix, whole: false };
      prefix += next;
      last = 1;
      i++;
      continue;
    }
    if (ch === '?' || ch === '*' || ch === '{') {
      return { prefix: prefix.slice(0, prefix.length - last), whole: false };
    }
    if (REGEX_SYNTAX.has(ch)) return { prefix, whole: false };
    prefix += ch;
    last = 1;
  }
  return { prefix, whole: true };
}

/** The string range a prefix spans: [prefix, prefix with its last unit raised), all strings for ''. */
function prefixBounds(prefix: string): FieldBounds {
  const lastUnit = prefix.charCodeAt(prefix.length - 1);
  const hi =
    prefix.length > 0 && lastUnit < 0xffff
      ? prefix.slice(0, -1) + String.fromCharCode(lastUnit + 1)
      : undefined;
  return {
    kind: 'range',
    lo: prefix,
    loIncl: true,
    ...(hi !== undefined ? { hi } : {}),
    hiIncl: false,
  };
}

function regexBounds(cond: unknown): FieldBounds | undefined {
  let source: string | undefined;
  let flags = '';
  if (cond instanceof RegExp) ({ source, flags } = cond);
  else if (
    isPlainObject(cond) &&
    Object.keys(cond).every((k) => k === '$regex' || k === '$options')
  ) {
    const options = cond.$options ?? '';
    if (typeof options !== 'string') return undefined;
    if (cond.$regex instanceof RegExp) ({ source, flags } = cond.$regex);
    else if (typeof cond.$regex === 'string') source = cond.$regex;
    flags += options;
  }
  if (source === undefined) return undefined;
  const literal = regexPrefix(source, flags);
  return literal === undefined ? undefined : prefixBounds(literal.prefix);
}

function fieldBounds(cond: unknown): FieldBounds | undefined {
  if (scalar(cond)) return { kind: 'eq', values: [cond] };
  const regex = regexBounds(cond);
  if (regex) return regex;
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

/**
 * The bounds an index gets from the filter, field by field along its key until a range or an
 * unbounded field; where a field has several usable conditions (two prefixes AND-ed), the one
 * covering the fewest entries.
 */
function boundsFor(index: Index, conds: Map<string, unknown[]>): FieldBounds[] {
  const bounds: FieldBounds[] = [];
  for (const f of index.fields) {
    if (index.spec.key[f] === '2dsphere') break;
    const options = (conds.get(f) ?? [])
      .map(fieldBounds)
      .filter((x): x is FieldBounds => x !== undefined);
    let b = options[0];
    if (!b) break;
    if (options.length > 1) {
      let least = Infinity;
      for (const option of options) {
        const n = index.estimate([...bounds, option]);
        if (n < least) {
          least = n;
          b = option;
        }
      }
    }
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

const usableUnhinted = (idx: Index): boolean =>
  !idx.spec.sparse && !idx.spec.partialFilterExpression;

interface Choice {
  index?: Index;
  bounds: FieldBounds[];
  /** Index entries the bounds cover; the collection's size for a collection scan. */
  estimate: number;
}

/** The index whose bounds cover the fewest entries (on a tie, the shorter key). */
function chooseIndex(c: Collection, conds: Map<string, unknown[]>): Choice {
  let best: Choice = { bounds: [], estimate: c.docs.size };
  for (const idx of c.indexes.values()) {
    if (!usableUnhinted(idx)) continue;
    const bounds = boundsFor(idx, conds);
    if (bounds.length === 0) continue;
    const estimate = idx.estimate(bounds);
    if (
      !best.index ||
      estimate < best.estimate ||
      (estimate === best.estimate && idx.fields.length < best.index.fields.length)
    ) {
      best = { index: idx, bounds, estimate };
    }
  }
  return best;
}

function fetch(c: Collection, ids: Iterable<string>): Document[] {
  const docs: Document[] = [];
  for (const id of ids) {
    const d = c.docs.get(id);
    if (d) docs.push(d);
  }
  return docs;
}

/** Picks the index whose bounds cover the fewest entries (or the hinted one) and fetches candidates. */
export function plan(c: Collection | undefined, filter: Document, hint?: unknown): Plan {
  if (!c) return { docs: [] };
  const conds = conditions(filter);
  let choice: Choice;
  if (
    hint !== undefined &&
    hint !== null &&
    !(isPlainObject(hint) && Object.keys(hint).length === 0)
  ) {
    const h = findIndexByHint(c, hint);
    if (h === 'natural') return { docs: [...c.docs.values()] };
    choice = { index: h, bounds: boundsFor(h, conds), estimate: 0 };
  } else choice = chooseIndex(c, conds);
  const { index, bounds } = choice;
  if (!index) return { docs: [...c.docs.values()] };
  const ids = bounds.length > 0 ? index.scan(bounds) : index.all();
  return { index, bounds, docs: fetch(c, ids) };
}

/**
 * A condition an index bound says exactly, so a document in the bound needs no test: equality with
 * a string or a boolean, or a bare `^literal` regex (the strings starting with it). Equality with
 * null is bounded by the null key too, which also holds empty arrays (that null does not match), so
 * those documents are still checked for that field alone.
 */
function exactBounds(cond: unknown): FieldBounds | undefined {
  if (isPlainObject(cond) && Object.keys(cond).length === 1 && '$eq' in cond) cond = cond.$eq;
  if (cond === null || typeof cond === 'string' || typeof cond === 'boolean') {
    return { kind: 'eq', values: [cond] };
  }
  const re = simpleRegex(cond);
  const literal = re && !re.flags ? regexPrefix(re.source, '') : undefined;
  return literal?.whole ? prefixBounds(literal.prefix) : undefined;
}

/**
 * How many documents match `filter`, read from the entries of one index alone, or undefined when no
 * index can say: every condition must be one of `exactBounds`, one per field, on the leading key
 * fields of a plain index (a range only on the last of them). A search-as-you-type count over
 * 10,000 clients reads a few thousand entries instead of fetching and testing every client.
 * (A stored regular expression equal to a prefix regex, which MongoDB also counts, is not seen.)
 */
export function countFromIndex(c: Collection, filter: Document): number | undefined {
  const conds = conditions(filter);
  if (conds.size === 0 || !compileSimple(filter)) return undefined;
  const exact = new Map<string, FieldBounds>();
  const nullChecks: Array<{ field: string; check: Check }> = [];
  for (const [field, list] of conds) {
    const b = list.length === 1 ? exactBounds(list[0]) : undefined;
    if (!b) return undefined;
    exact.set(field, b);
    if (b.kind === 'eq' && b.values[0] === null) {
      nullChecks.push({ field, check: simpleCondition(field, null)! });
    }
  }
  let best: { index: Index; bounds: FieldBounds[]; estimate: number } | undefined;
  for (const index of c.indexes.values()) {
    if (!usableUnhinted(index) || index.geoFields.length > 0) continue;
    const bounds: FieldBounds[] = [];
    for (const field of index.fields.slice(0, exact.size)) {
      const b = exact.get(field);
      if (!b || bounds.at(-1)?.kind === 'range') break;
      bounds.push(b);
    }
    if (bounds.length !== exact.size) continue;
    const estimate = index.estimate(bounds);
    if (!best || estimate < best.estimate) best = { index, bounds, estimate };
  }
  if (!best) return undefined;
  const ids = best.index.scan(best.bounds);
  // Only a document with an array on a null-checked field's path needs reading: its null key there
  // may be an empty array. (A client search's count over 10,000 clients read every one for
  // `deleted_at` while this was asked of any key field, as each client's search terms are an array.)
  const holders = nullChecks.map(({ field }) => best.index.arrayHolders(field));
  if (holders.every((h) => h.size === 0)) return ids.length;
  let n = 0;
  for (const id of ids) {
    if (!holders.some((h) => h.has(id))) {
      n++;
      continue;
    }
    const doc = c.docs.get(id);
    if (doc && nullChecks.every(({ check }) => check(doc))) n++;
  }
  return n;
}

/** An index walk that yields documents already in the requested sort order. */
interface SortWalk {
  index: Index;
  /** Single-value equality bounds on the key fields before the sort fields. */
  prefix: FieldBounds[];
  reverse: boolean;
  /** Entries within the prefix: what a walk that never stops would read. */
  size: number;
}

const singleEq = (b: FieldBounds | undefined): b is Extract<FieldBounds, { kind: 'eq' }> =>
  b?.kind === 'eq' && b.values.length === 1;

/**
 * An index that gives the sort's order: after fields fixed to one value by the filter, the sort
 * fields are the next key fields, all in the index's order or all in the reverse. The index holds
 * every document (not sparse, not partial) and no geo key; its entries are kept ascending whatever
 * the key's direction, so the walk's direction follows the sort's directions alone.
 */
function sortWalks(c: Collection, conds: Map<string, unknown[]>, sort: Document): SortWalk[] {
  const sortFields = Object.entries(sort);
  if (sortFields.some(([, dir]) => dir !== 1 && dir !== -1)) return [];
  const walks: SortWalk[] = [];
  for (const idx of c.indexes.values()) {
    if (!usableUnhinted(idx) || idx.geoFields.length > 0) continue;
    const fixed = boundsFor(idx, conds);
    let p = 0;
    while (p < fixed.length && singleEq(fixed[p])) p++;
    const prefix = fixed.slice(0, p);
    // A fixed field still orders documents holding arrays there, so it is not skipped in the sort.
    if (sortFields.length > idx.fields.length - p) continue;
    const reverse = sortFields[0]?.[1] === -1;
    const fits = sortFields.every(
      ([f, dir], i) => idx.fields[p + i] === f && (dir === -1) === reverse,
    );
    if (fits) walks.push({ index: idx, prefix, reverse, size: idx.estimate(prefix) });
  }
  return walks;
}

export type SortSpec = Document;

/** MongoDB sort: arrays sort by their smallest element ascending, largest descending. */
function validateSort(sort: SortSpec): void {
  for (const [f, dir] of Object.entries(sort)) {
    if (dir !== 1 && dir !== -1 && !isPlainObject(dir)) {
      throw badValue(`$sort key ordering must be 1 (for ascending) or -1 (for descending): ${f}`);
    }
  }
}

export function sortDocs(docs: Document[], sort: SortSpec): Document[] {
  validateSort(sort);
  const fields = Object.entries(sort);
  const keyed = docs.map((doc) => ({
    doc,
    keys: fields.map(([f, dir]) => {
      // A top-level field holding no array is its own key (most sorts): no path walk.
      const own: unknown = f.includes('.') ? undefined : doc[f];
      if (own !== undefined && !Array.isArray(own)) return own;
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
  /** Given (MongoDB's collation option): not supported here, so no index order is trusted. */
  collation?: unknown;
}

export interface FindResult {
  docs: Document[];
  plan: Plan;
  /** Distances computed for a $near query, keyed by document. */
  distances?: Map<Document, number>;
}

/**
 * A walk is worth trying when it should find skip+limit matches sooner than the best bounded scan
 * reads its entries: with m matches spread over the walk's n entries, about (skip+limit)·n/m reads,
 * m being at most that scan's size e, so a walk wins when (skip+limit)·n < e².
 */
function pickWalk(walks: SortWalk[], wanted: number, scan: number): SortWalk | undefined {
  let best: SortWalk | undefined;
  for (const w of walks) if (!best || w.size < best.size) best = w;
  return best && wanted * best.size < scan * scan ? best : undefined;
}

/** About how many index entries collecting ids reads in the time one document's test takes. */
const INTERSECT_ENTRIES_PER_TEST = 30;

/**
 * The documents a sorted walk need only read, when collecting them first is cheaper than testing
 * what the walk meets: the bounded scan's documents (every match is one), as a set. A walk that
 * should find `wanted` matches within a few reads per match (a broad filter) tests them as it goes;
 * one that would read many documents per match (a narrower one, e.g. a client search by a rarer
 * first letter: 25 matches among some 430 clients) reads the scan's entries instead, which cost a
 * fraction of a document's test each, and then tests only the documents among them.
 */
function intersectWith(scan: Choice, walk: SortWalk, wanted: number): Set<string> | undefined {
  if (!scan.index || scan.estimate === 0) return undefined;
  const reads = (wanted * walk.size) / scan.estimate;
  if (reads < wanted + scan.estimate / INTERSECT_ENTRIES_PER_TEST) return undefined;
  return new Set(scan.index.scan(scan.bounds));
}

/**
 * Runs a sorted, limited find by walking an index in sort order and stopping at skip+limit matches.
 * Gives up (undefined) after reading `budget` documents, so a walk through a filter that matches
 * few costs at most about as much as the bounded scan it stood in for.
 */
function walkSorted(
  c: Collection,
  walk: SortWalk,
  test: (d: Document) => boolean,
  skip: number,
  limit: number,
  budget: number,
  only?: ReadonlySet<string>,
): Document[] | undefined {
  const prefix = walk.prefix.map((b) => (b as Extract<FieldBounds, { kind: 'eq' }>).values[0]);
  const out: Document[] = [];
  let read = 0;
  let complete = true;
  walk.index.walk(prefix, walk.reverse, (id) => {
    if (only && !only.has(id)) return true;
    if (++read > budget) return (complete = false);
    const d = c.docs.get(id);
    if (d && test(d)) out.push(d);
    return out.length < skip + limit;
  });
  return complete ? out.slice(skip) : undefined;
}

/** Runs a filter with optional sort/skip/limit; does not project. */
export function runFind(
  c: Collection | undefined,
  filter: Document,
  opts: FindOptions = {},
): FindResult {
  const compiled = compileFilter(filter);
  const test =
    compiled.simple ??
    (c?.wrapped ? (d: Document) => compiled.test(numericView(d)) : compiled.test);
  const skip = opts.skip ?? 0;
  if (skip < 0) throw badValue('skip value must be non-negative');
  const limit = Math.abs(opts.limit ?? 0);
  const sort = opts.sort && Object.keys(opts.sort).length > 0 ? opts.sort : undefined;
  if (sort) validateSort(sort);
  const hinted =
    opts.hint !== undefined &&
    opts.hint !== null &&
    !(isPlainObject(opts.hint) && Object.keys(opts.hint).length === 0);
  if (c && sort && limit > 0 && !compiled.near && !hinted && opts.collation === undefined) {
    const conds = conditions(filter);
    const scan = chooseIndex(c, conds);
    const walk = pickWalk(sortWalks(c, conds, sort), skip + limit, scan.estimate);
    if (walk) {
      // Entries are stored ascending whatever the key pattern says; explain speaks of the pattern.
      const patternDesc = walk.index.spec.key[Object.keys(sort)[0] as string] === -1;
      const backward = walk.reverse !== patternDesc;
      const only = intersectWith(scan, walk, skip + limit);
      if (only && scan.index) {
        // Every match is among the bounded scan's documents: the walk skips the others unread,
        // so a filter matching one document in twenty tests 25 documents, not 500.
        const docs = walkSorted(c, walk, test, skip, limit, Infinity, only) as Document[];
        const intersected = { index: scan.index, bounds: scan.bounds };
        return {
          docs,
          plan: { index: walk.index, bounds: walk.prefix, docs, backward, intersected },
        };
      }
      const docs = walkSorted(c, walk, test, skip, limit, Math.max(2 * scan.estimate, 1000));
      if (docs) return { docs, plan: { index: walk.index, bounds: walk.prefix, docs, backward } };
    }
  }
  const p = plan(c, filter, compiled.near ? undefined : opts.hint);
  if (!sort && !compiled.near && limit > 0) {
    // Unsorted with a limit (findOne, a capped count): stop at the last document wanted.
    const docs: Document[] = [];
    for (const d of p.docs) {
      if (!test(d)) continue;
      docs.push(d);
      if (docs.length === skip + limit) break;
    }
    return { docs: docs.slice(skip), plan: p };
  }
  let docs = p.docs.filter(test);
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
  if (sort) docs = sortDocs(docs, sort);
  if (skip || limit) docs = docs.slice(skip, limit ? skip + limit : undefined);
  return { docs, plan: p, distances };
}

/** The queryPlanner section of explain output. */
export function explainPlan(c: Collection | undefined, filter: Document, p: Plan): Document {
  const ixscan = (index: Index, bounds: FieldBounds[] | undefined, backward = false) => ({
    stage: 'IXSCAN',
    keyPattern: index.spec.key,
    indexName: index.name,
    isMultiKey: index.multikey,
    direction: backward ? 'backward' : 'forward',
    indexBounds: Object.fromEntries(index.fields.map((f, i) => [f, describeBounds(bounds?.[i])])),
  });
  const scan = p.index && ixscan(p.index, p.bounds, p.backward);
  // The scan whose documents the walk keeps to comes first, as MongoDB lists AND_HASH's inputs.
  const inputStage =
    scan && p.intersected
      ? {
          stage: 'AND_HASH',
          inputStages: [ixscan(p.intersected.index, p.intersected.bounds), scan],
        }
      : scan;
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
