// Compiled aggregation: pipelines of common stages and operators run as closures built once per
// pipeline, without mingo's per-document expression dispatch and input cloning.
//
// The fast path is a pure optimisation: a stage it cannot compile ends the compiled prefix (mingo
// runs the rest), and any value it is unsure of at run time (an error MongoDB would raise, a case
// where mingo's answer is its own) throws `Decline`, after which the whole pipeline is run by mingo
// again. Input documents are never mutated: stages build new objects and share unchanged values.
import { type Document, ObjectId } from 'bson';
import { compileFilter } from './query';
import { compareValues, hasWrappers, isPlainObject, typeRank } from './values';

/** Thrown (at compile or run time) when the fast path leaves a pipeline to mingo. */
export class Decline extends Error {}
const DECLINE = new Decline('declined by the compiled aggregation path');
const decline = (): never => {
  throw DECLINE;
};

/** Switch for tests: with `enabled` false every pipeline runs on mingo. */
export const fastAggregation = { enabled: true };

type Expr = (doc: Document) => unknown;
type Stage = (docs: Document[]) => Document[];

export interface CompiledPipeline {
  run: Stage;
  /** How many leading stages `run` covers; mingo runs the rest. */
  length: number;
}

const isDoc = (v: unknown): v is Document => {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
};

/** A field name the fast path can read with `doc[name]` (not a prototype member, not dotted). */
const plainName = (name: string): boolean =>
  name.length > 0 && !name.startsWith('$') && !name.includes('.') && !(name in Object.prototype);

const isNullish = (v: unknown): v is null | undefined => v === null || v === undefined;

/** MongoDB truthiness: false, null, missing and zero are false; NaN is left to mingo. */
function truthy(v: unknown): boolean {
  if (v === false || v === null || v === undefined || v === 0) return false;
  if (typeof v === 'number' && Number.isNaN(v)) decline();
  return true;
}

// ---------------------------------------------------------------------------------------------
// Expressions

function fieldPath(path: string): Expr {
  const parts = path.split('.');
  for (const p of parts) {
    if (!p || p.startsWith('$') || /^\d+$/.test(p) || p in Object.prototype) decline();
  }
  if (parts.length === 1) {
    const name = parts[0] as string;
    return (doc) => doc[name];
  }
  const walk = (start: unknown, from: number): unknown => {
    let v = start;
    for (let i = from; i < parts.length; i++) {
      if (Array.isArray(v)) return throughArray(v, i);
      if (!isDoc(v)) return undefined;
      v = v[parts[i] as string];
    }
    return v;
  };
  // '$a.b' over an array of subdocuments: the b of each one that has it, in order.
  const throughArray = (arr: unknown[], from: number): unknown[] => {
    const out: unknown[] = [];
    for (const el of arr) {
      if (Array.isArray(el)) decline();
      if (!isDoc(el)) continue;
      const v = walk(el, from);
      if (v !== undefined) out.push(v);
    }
    return out;
  };
  const head = parts[0] as string;
  return (doc) => walk(doc[head], 1);
}

function args(spec: unknown, min: number, max = min): Expr[] {
  if (!Array.isArray(spec) || spec.length < min || spec.length > max) decline();
  return (spec as unknown[]).map(compileExpr);
}

/** One operand, given bare or as a one-element array. */
function oneArg(spec: unknown): Expr {
  if (Array.isArray(spec)) return args(spec, 1)[0] as Expr;
  return compileExpr(spec);
}

/**
 * Ordering of two values for $gt/$lt/$cmp. Only values of one type bracket (not null): mingo does
 * not order missing, null or mixed types as MongoDB does, so those are left to it.
 */
function order(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (isNullish(a) || isNullish(b) || wrapper(a) || wrapper(b)) decline();
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  if (typeRank(a) !== typeRank(b)) decline();
  return compareValues(a, b);
}

/** A numeric wrapper (Double, Long…): compared by mingo, which reads them its own way. */
const wrapper = (v: unknown): boolean =>
  typeof v === 'object' && v !== null && !(v instanceof Date) && typeRank(v) === 2;

/** Equality for $eq/$ne/$in; missing compared with null or missing is left to mingo. */
function equal(a: unknown, b: unknown): boolean {
  if (a === undefined || b === undefined) {
    if (isNullish(a) && isNullish(b)) decline();
    return false;
  }
  if (wrapper(a) || wrapper(b)) decline();
  return compareValues(a, b) === 0;
}

function addExpr(spec: unknown): Expr {
  const fs = args(spec, 1, Infinity);
  return (doc) => {
    let sum = 0;
    let date: Date | undefined;
    let isNull = false;
    for (const f of fs) {
      const v = f(doc);
      if (typeof v === 'number') sum += v;
      else if (isNullish(v)) isNull = true;
      else if (v instanceof Date && !date) date = v;
      else decline();
    }
    if (isNull) return null;
    if (!date) return sum;
    if (!Number.isInteger(sum)) decline();
    return new Date(date.getTime() + sum);
  };
}

function subtractExpr(spec: unknown): Expr {
  const [fa, fb] = args(spec, 2) as [Expr, Expr];
  return (doc) => {
    const a = fa(doc);
    const b = fb(doc);
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    const okType = (v: unknown) => isNullish(v) || typeof v === 'number' || v instanceof Date;
    if (!okType(a) || !okType(b)) decline();
    if (isNullish(a) || isNullish(b)) return null;
    if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
    if (a instanceof Date && typeof b === 'number' && Number.isInteger(b)) {
      return new Date(a.getTime() - b);
    }
    return decline();
  };
}

function multiplyExpr(spec: unknown): Expr {
  const fs = args(spec, 1, Infinity);
  return (doc) => {
    let product = 1;
    let isNull = false;
    for (const f of fs) {
      const v = f(doc);
      if (typeof v === 'number') product *= v;
      else if (isNullish(v)) isNull = true;
      else decline();
    }
    return isNull ? null : product;
  };
}

function divideExpr(spec: unknown): Expr {
  const [fa, fb] = args(spec, 2) as [Expr, Expr];
  return (doc) => {
    const a = fa(doc);
    const b = fb(doc);
    if (typeof a === 'number' && typeof b === 'number' && b !== 0) return a / b;
    if ((isNullish(a) || typeof a === 'number') && isNullish(b)) return null;
    if (isNullish(a) && typeof b === 'number' && b !== 0) return null;
    return decline();
  };
}

function extremeExpr(spec: unknown, sign: 1 | -1): Expr {
  const fs = args(spec, 2, Infinity);
  return (doc) => {
    let best: unknown = null;
    for (const f of fs) {
      const v = f(doc);
      if (v === undefined || Array.isArray(v)) decline();
      if (v === null) continue;
      if (best === null || compareValues(v, best) * sign > 0) best = v;
    }
    return best;
  };
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** Optional minus and 1–10 digits: what both MongoDB and mingo read as the same int. */
function integerText(s: string): boolean {
  const start = s.charCodeAt(0) === 45 ? 1 : 0;
  if (s.length === start || s.length - start > 10) return false;
  for (let i = start; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function toIntExpr(spec: unknown): Expr {
  const f = oneArg(spec);
  return (doc) => {
    const v = f(doc);
    if (isNullish(v)) return null;
    let n: number;
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (typeof v === 'number') n = Math.trunc(v);
    else if (typeof v === 'string' && integerText(v)) n = Number(v);
    else return decline();
    if (!Number.isFinite(n) || n < INT32_MIN || n > INT32_MAX) decline();
    return n === 0 ? 0 : n;
  };
}

const ascii = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
};

function substrBytesExpr(spec: unknown): Expr {
  const [fs, fstart, flen] = args(spec, 3) as [Expr, Expr, Expr];
  return (doc) => {
    const s = fs(doc);
    const start = fstart(doc);
    const len = flen(doc);
    // ASCII only, so bytes are characters; the rest (and clamping) is mingo's.
    if (typeof s !== 'string' || !ascii(s)) return decline();
    if (typeof start !== 'number' || typeof len !== 'number') return decline();
    if (!Number.isInteger(start) || !Number.isInteger(len) || start < 0 || len < 0) decline();
    if (start + len > s.length) decline();
    return s.slice(start, start + len);
  };
}

function typeExpr(spec: unknown): Expr {
  const f = oneArg(spec);
  return (doc) => {
    const v = f(doc);
    if (v === undefined) return 'missing';
    if (v === null) return 'null';
    if (typeof v === 'string') return 'string';
    if (typeof v === 'boolean') return 'bool';
    if (v instanceof Date) return 'date';
    if (Array.isArray(v)) return 'array';
    if (v instanceof ObjectId) return 'objectId';
    if (isDoc(v)) return 'object';
    // Numbers: stored doubles read as JS numbers, so int/double is mingo's guess either way.
    return decline();
  };
}

function datePartExpr(spec: unknown, part: (d: Date) => number): Expr {
  if (isPlainObject(spec) && !Object.keys(spec).some((k) => k.startsWith('$'))) decline();
  const f = oneArg(spec);
  return (doc) => {
    const v = f(doc);
    return v instanceof Date && !Number.isNaN(v.getTime()) ? part(v) : decline();
  };
}

function condExpr(spec: unknown): Expr {
  let parts: unknown[];
  if (Array.isArray(spec)) parts = spec;
  else if (isPlainObject(spec)) {
    const keys = Object.keys(spec).sort().join(',');
    if (keys !== 'else,if,then') decline();
    parts = [spec.if, spec.then, spec.else];
  } else return decline();
  const [fi, ft, fe] = args(parts, 3) as [Expr, Expr, Expr];
  return (doc) => (truthy(fi(doc)) ? ft(doc) : fe(doc));
}

function switchExpr(spec: unknown): Expr {
  if (!isPlainObject(spec) || !Array.isArray(spec.branches)) return decline();
  if (Object.keys(spec).some((k) => k !== 'branches' && k !== 'default')) decline();
  const branches = (spec.branches as unknown[]).map((b) => {
    if (!isPlainObject(b) || Object.keys(b).length !== 2 || !('case' in b) || !('then' in b)) {
      return decline();
    }
    return { when: compileExpr(b.case), then: compileExpr(b.then) };
  });
  const fallback = 'default' in spec ? compileExpr(spec.default) : undefined;
  return (doc) => {
    for (const b of branches) if (truthy(b.when(doc))) return b.then(doc);
    return fallback ? fallback(doc) : decline();
  };
}

function stringsExpr(spec: unknown): Expr {
  const fs = args(spec, 0, Infinity);
  return (doc) => {
    let out = '';
    let isNull = false;
    for (const f of fs) {
      const v = f(doc);
      if (typeof v === 'string') out += v;
      else if (isNullish(v)) isNull = true;
      else decline();
    }
    return isNull ? null : out;
  };
}

function caseExpr(spec: unknown, upper: boolean): Expr {
  const f = oneArg(spec);
  return (doc) => {
    const v = f(doc);
    if (typeof v !== 'string') return decline();
    return upper ? v.toUpperCase() : v.toLowerCase();
  };
}

function compare(spec: unknown, test: (c: number) => boolean): Expr {
  const [fa, fb] = args(spec, 2) as [Expr, Expr];
  return (doc) => test(order(fa(doc), fb(doc)));
}

function logical(spec: unknown, all: boolean): Expr {
  const fs = Array.isArray(spec) ? spec.map(compileExpr) : [compileExpr(spec)];
  return all ? (doc) => fs.every((f) => truthy(f(doc))) : (doc) => fs.some((f) => truthy(f(doc)));
}

const OPERATORS: Record<string, (spec: unknown) => Expr> = {
  $literal: (spec) => {
    if (hasWrappers(spec)) decline();
    return () => spec;
  },
  $add: addExpr,
  $subtract: subtractExpr,
  $multiply: multiplyExpr,
  $divide: divideExpr,
  $max: (spec) => extremeExpr(spec, 1),
  $min: (spec) => extremeExpr(spec, -1),
  $ifNull: (spec) => {
    const fs = args(spec, 2, Infinity);
    const last = fs[fs.length - 1] as Expr;
    const first = fs.slice(0, -1);
    return (doc) => {
      for (const f of first) {
        const v = f(doc);
        if (!isNullish(v)) return v;
      }
      return last(doc);
    };
  },
  $cond: condExpr,
  $switch: switchExpr,
  $and: (spec) => logical(spec, true),
  $or: (spec) => logical(spec, false),
  $not: (spec) => {
    const f = oneArg(spec);
    return (doc) => !truthy(f(doc));
  },
  $eq: (spec) => {
    const [fa, fb] = args(spec, 2) as [Expr, Expr];
    return (doc) => equal(fa(doc), fb(doc));
  },
  $ne: (spec) => {
    const [fa, fb] = args(spec, 2) as [Expr, Expr];
    return (doc) => !equal(fa(doc), fb(doc));
  },
  $gt: (spec) => compare(spec, (c) => c > 0),
  $gte: (spec) => compare(spec, (c) => c >= 0),
  $lt: (spec) => compare(spec, (c) => c < 0),
  $lte: (spec) => compare(spec, (c) => c <= 0),
  $cmp: (spec) => {
    const [fa, fb] = args(spec, 2) as [Expr, Expr];
    return (doc) => Math.sign(order(fa(doc), fb(doc)));
  },
  $in: (spec) => {
    const [fv, fl] = args(spec, 2) as [Expr, Expr];
    return (doc) => {
      const v = fv(doc);
      const list = fl(doc);
      if (!Array.isArray(list)) return decline();
      // Missing is in no list (MongoDB and mingo agree, null in the list or not).
      return v !== undefined && list.some((x) => equal(v, x));
    };
  },
  $toInt: toIntExpr,
  $substrBytes: substrBytesExpr,
  $type: typeExpr,
  $size: (spec) => {
    const f = oneArg(spec);
    return (doc) => {
      const v = f(doc);
      return Array.isArray(v) ? v.length : decline();
    };
  },
  $concat: stringsExpr,
  $toLower: (spec) => caseExpr(spec, false),
  $toUpper: (spec) => caseExpr(spec, true),
  $year: (spec) => datePartExpr(spec, (d) => d.getUTCFullYear()),
  $month: (spec) => datePartExpr(spec, (d) => d.getUTCMonth() + 1),
  $dayOfMonth: (spec) => datePartExpr(spec, (d) => d.getUTCDate()),
};

/** Compiles an aggregation expression, or throws Decline. */
export function compileExpr(spec: unknown): Expr {
  if (typeof spec === 'string') {
    if (spec.startsWith('$$')) return decline();
    if (spec.startsWith('$')) return fieldPath(spec.slice(1));
    return () => spec;
  }
  if (
    spec === null ||
    typeof spec === 'number' ||
    typeof spec === 'boolean' ||
    spec instanceof Date ||
    spec instanceof ObjectId
  ) {
    return () => spec;
  }
  if (Array.isArray(spec)) {
    const fs = spec.map(compileExpr);
    // A missing element of an array literal reads as null.
    return (doc) => fs.map((f) => f(doc) ?? null);
  }
  if (isDoc(spec)) {
    const keys = Object.keys(spec);
    if (keys.length === 1 && keys[0]?.startsWith('$')) {
      const op = OPERATORS[keys[0]];
      return op ? op(spec[keys[0]]) : decline();
    }
    if (keys.some((k) => !plainName(k))) decline();
    const fields = keys.map((k) => [k, compileExpr(spec[k])] as const);
    return (doc) => {
      const out: Document = {};
      for (const [k, f] of fields) {
        const v = f(doc);
        if (v !== undefined) out[k] = v;
      }
      return out;
    };
  }
  return decline();
}

// ---------------------------------------------------------------------------------------------
// $group

/**
 * A string equal for values $group puts together (numbers by value, dates by time). Strings are
 * length-prefixed inside arrays and documents, so no two values share a key.
 */
function groupKey(v: unknown, nested = false): string {
  if (v === null || v === undefined) return 'z';
  switch (typeof v) {
    case 'string':
      return nested ? `s${v.length}:${v}` : `s${v}`;
    case 'number':
      return `n${v}`;
    case 'boolean':
      return v ? 't' : 'f';
  }
  if (v instanceof Date) return `d${v.getTime()}`;
  if (v instanceof ObjectId) return `o${v.toHexString()}`;
  if (Array.isArray(v)) {
    let out = '[';
    for (const x of v) out += `${groupKey(x, true)},`;
    return `${out}]`;
  }
  if (isDoc(v)) {
    let out = '{';
    for (const k in v) out += `${k.length}:${k}${groupKey(v[k], true)},`;
    return `${out}}`;
  }
  return decline();
}

interface Accumulator {
  init: () => unknown;
  step: (state: unknown, doc: Document) => unknown;
  result: (state: unknown) => unknown;
}

/** A number $sum/$avg adds; arrays and numeric wrappers are left to mingo. */
const numeric = (v: unknown): boolean => {
  if (typeof v === 'number') return true;
  if (Array.isArray(v) || typeRank(v) === 2) decline();
  return false;
};

function accumulator(spec: unknown): Accumulator {
  if (!isDoc(spec) || Object.keys(spec).length !== 1) return decline();
  const op = Object.keys(spec)[0] as string;
  const arg = spec[op];
  switch (op) {
    case '$count':
      if (!isDoc(arg) || Object.keys(arg).length) decline();
      return { init: () => 0, step: (n) => (n as number) + 1, result: (n) => n };
    case '$sum': {
      if (typeof arg === 'number') {
        const k = arg;
        return { init: () => 0, step: (n) => (n as number) + k, result: (n) => n };
      }
      const f = compileExpr(arg);
      return {
        init: () => 0,
        step: (n, doc) => {
          const v = f(doc);
          return numeric(v) ? (n as number) + (v as number) : n;
        },
        result: (n) => n,
      };
    }
    case '$avg': {
      const f = compileExpr(arg);
      return {
        init: () => ({ sum: 0, n: 0 }),
        step: (s, doc) => {
          const v = f(doc);
          const st = s as { sum: number; n: number };
          if (numeric(v)) {
            st.sum += v as number;
            st.n++;
          }
          return st;
        },
        result: (s) => {
          const st = s as { sum: number; n: number };
          return st.n ? st.sum / st.n : null;
        },
      };
    }
    case '$min':
    case '$max': {
      const f = compileExpr(arg);
      const sign = op === '$max' ? 1 : -1;
      return {
        init: () => null,
        step: (best, doc) => {
          const v = f(doc);
          if (Array.isArray(v)) decline();
          if (isNullish(v)) return best;
          return best === null || compareValues(v, best) * sign > 0 ? v : best;
        },
        result: (best) => best,
      };
    }
    case '$first':
    case '$last': {
      const f = compileExpr(arg);
      const NONE = {};
      const first = op === '$first';
      return {
        init: () => NONE,
        step: (s, doc) => (first && s !== NONE ? s : (f(doc) ?? null)),
        result: (s) => (s === NONE ? null : s),
      };
    }
    case '$push':
    case '$addToSet': {
      const f = compileExpr(arg);
      const set = op === '$addToSet';
      return {
        init: () => ({ list: [] as unknown[], seen: new Set<string>() }),
        step: (s, doc) => {
          const st = s as { list: unknown[]; seen: Set<string> };
          const v = f(doc);
          // mingo keeps a missing value as null where MongoDB leaves it out.
          if (v === undefined) decline();
          if (set) {
            const key = groupKey(v);
            if (st.seen.has(key)) return st;
            st.seen.add(key);
          }
          st.list.push(v);
          return st;
        },
        result: (s) => (s as { list: unknown[] }).list,
      };
    }
  }
  return decline();
}

interface Group {
  id: unknown;
  states: unknown[];
}

/** A $group as a function of the documents fed to it one by one (`add`), then `done`. */
function groupStage(spec: unknown): { add: (doc: Document) => void; done: () => Document[] } {
  if (!isDoc(spec) || !('_id' in spec)) return decline();
  const idExpr = compileExpr(spec._id);
  const names: string[] = [];
  const accs: Accumulator[] = [];
  for (const [k, v] of Object.entries(spec)) {
    if (k === '_id') continue;
    if (!plainName(k)) decline();
    names.push(k);
    accs.push(accumulator(v));
  }
  let order: Group[] = [];
  // Strings and numbers (the usual keys) are looked up as they are; the rest by groupKey.
  let strings = new Map<string, Group>();
  let numbers = new Map<number, Group>();
  let others = new Map<string, Group>();
  const group = (id: unknown): Group => {
    let g: Group | undefined;
    if (typeof id === 'string') g = strings.get(id);
    else if (typeof id === 'number') g = numbers.get(id === 0 ? 0 : id);
    else g = others.get(groupKey(id));
    if (g) return g;
    g = { id, states: accs.map((a) => a.init()) };
    if (typeof id === 'string') strings.set(id, g);
    else if (typeof id === 'number') numbers.set(id === 0 ? 0 : id, g);
    else others.set(groupKey(id), g);
    order.push(g);
    return g;
  };
  return {
    add: (doc) => {
      const states = group(idExpr(doc) ?? null).states;
      for (let i = 0; i < accs.length; i++) {
        states[i] = (accs[i] as Accumulator).step(states[i], doc);
      }
    },
    done: () => {
      const out: Document[] = [];
      for (const g of order) {
        const d: Document = { _id: g.id };
        for (let i = 0; i < accs.length; i++) {
          d[names[i] as string] = (accs[i] as Accumulator).result(g.states[i]);
        }
        out.push(d);
      }
      order = [];
      strings = new Map();
      numbers = new Map();
      others = new Map();
      return out;
    },
  };
}

function groupDocs(spec: unknown): Stage {
  const g = groupStage(spec);
  return (docs) => {
    for (const doc of docs) g.add(doc);
    return g.done();
  };
}

// ---------------------------------------------------------------------------------------------
// Other stages

/** The spec is an operator expression (one `$` key), not a nested projection or literal object. */
const isOperatorObject = (v: unknown): boolean =>
  isDoc(v) && Object.keys(v).length === 1 && Object.keys(v)[0]?.startsWith('$') === true;

function projectStage(spec: unknown): Stage {
  if (!isDoc(spec) || Object.keys(spec).length === 0) return decline();
  let keepId = true;
  let computedId: Expr | undefined;
  const include = new Set<string>();
  const exclude = new Set<string>();
  const computed: Array<[string, Expr]> = [];
  for (const [k, v] of Object.entries(spec)) {
    if (!plainName(k)) decline();
    if (v === 1 || v === true || v === 0 || v === false) {
      const on = v === 1 || v === true;
      if (k === '_id') keepId = on;
      else (on ? include : exclude).add(k);
      continue;
    }
    if (typeof v === 'number' || typeof v === 'boolean') decline();
    if (isDoc(v) && !isOperatorObject(v)) decline();
    if (k === '_id') computedId = compileExpr(v);
    else computed.push([k, compileExpr(v)]);
  }
  if (exclude.size > 0) {
    if (include.size > 0 || computed.length > 0 || computedId) decline();
    return (docs) =>
      docs.map((doc) => {
        const out: Document = {};
        for (const k of Object.keys(doc)) {
          if (k === '_id' ? keepId : !exclude.has(k)) out[k] = doc[k];
        }
        return out;
      });
  }
  if (include.size === 0 && computed.length === 0 && !computedId && !keepId) {
    // `{_id: 0}` alone: everything but _id.
    return (docs) =>
      docs.map((doc) => {
        const out: Document = {};
        for (const k of Object.keys(doc)) if (k !== '_id') out[k] = doc[k];
        return out;
      });
  }
  return (docs) =>
    docs.map((doc) => {
      const out: Document = {};
      if (computedId) {
        const id = computedId(doc);
        if (id !== undefined) out._id = id;
      } else if (keepId && doc._id !== undefined) out._id = doc._id;
      if (include.size) {
        for (const k in doc) {
          if (include.has(k) && doc[k] !== undefined) out[k] = doc[k];
        }
      }
      for (const [k, f] of computed) {
        const v = f(doc);
        if (v !== undefined) out[k] = v;
      }
      return out;
    });
}

function addFieldsStage(spec: unknown): Stage {
  if (!isDoc(spec) || Object.keys(spec).length === 0) return decline();
  const fields: Array<[string, Expr]> = [];
  for (const [k, v] of Object.entries(spec)) {
    // A plain object would merge into an embedded document: left to mingo.
    if (!plainName(k) || (isDoc(v) && !isOperatorObject(v))) decline();
    fields.push([k, compileExpr(v)]);
  }
  const values: unknown[] = new Array(fields.length);
  return (docs) =>
    docs.map((doc) => {
      for (let i = 0; i < fields.length; i++) values[i] = (fields[i] as [string, Expr])[1](doc);
      let out: Document = { ...doc };
      for (let i = 0; i < fields.length; i++) {
        const k = (fields[i] as [string, Expr])[0];
        if (values[i] === undefined) delete out[k];
        else out[k] = values[i];
      }
      if ('_id' in out && Object.keys(out)[0] !== '_id') {
        const { _id, ...rest } = out;
        out = { _id, ...rest };
      }
      return out;
    });
}

function unwindSpec(spec: unknown): { field: string; preserve: boolean } {
  let path: unknown = spec;
  let preserve = false;
  if (isDoc(spec)) {
    if (Object.keys(spec).some((k) => k !== 'path' && k !== 'preserveNullAndEmptyArrays')) {
      decline();
    }
    path = spec.path;
    if (spec.preserveNullAndEmptyArrays !== undefined) {
      if (typeof spec.preserveNullAndEmptyArrays !== 'boolean') decline();
      preserve = spec.preserveNullAndEmptyArrays as boolean;
    }
  }
  if (typeof path !== 'string' || !path.startsWith('$') || !plainName(path.slice(1))) {
    return decline();
  }
  return { field: path.slice(1), preserve };
}

/** Feeds each unwound document of `doc` to `emit`; `view` builds it from the element. */
function unwindEach(
  field: string,
  preserve: boolean,
  doc: Document,
  emit: (d: Document) => void,
  view: (doc: Document, el: unknown) => Document,
): void {
  const v = doc[field];
  if (Array.isArray(v)) {
    if (v.length === 0) {
      if (preserve) {
        const copy: Document = { ...doc };
        delete copy[field];
        emit(copy);
      }
      return;
    }
    for (const el of v) emit(view(doc, el));
  } else if (!isNullish(v) || preserve) emit(doc);
}

function unwindStage(spec: unknown): Stage {
  const { field, preserve } = unwindSpec(spec);
  const view = (doc: Document, el: unknown): Document => ({ ...doc, [field]: el });
  return (docs) => {
    const out: Document[] = [];
    const emit = (d: Document) => out.push(d);
    for (const doc of docs) unwindEach(field, preserve, doc, emit, view);
    return out;
  };
}

/**
 * $unwind straight into $group: the unwound documents only feed the group's expressions (which
 * keep values, never documents), so one copy of each input serves all its elements in turn.
 */
function unwindGroupStage(unwind: unknown, spec: unknown): Stage {
  const { field, preserve } = unwindSpec(unwind);
  const g = groupStage(spec);
  let copyOf: Document | undefined;
  let copy: Document = {};
  const view = (doc: Document, el: unknown): Document => {
    if (copyOf !== doc) {
      copy = { ...doc };
      copyOf = doc;
    }
    copy[field] = el;
    return copy;
  };
  return (docs) => {
    for (const doc of docs) unwindEach(field, preserve, doc, g.add, view);
    copyOf = undefined;
    copy = {};
    return g.done();
  };
}

function sortStage(spec: unknown): Stage {
  if (!isDoc(spec) || Object.keys(spec).length === 0) return decline();
  const keys = Object.entries(spec).map(([k, dir]) => {
    if (!plainName(k) || (dir !== 1 && dir !== -1)) decline();
    return [k, dir as number] as const;
  });
  return (docs) => {
    const keyed = docs.map((doc) => ({
      doc,
      keys: keys.map(([k]) => {
        const v = doc[k];
        // Arrays sort by their least or greatest element in MongoDB; mingo has its own idea.
        if (Array.isArray(v)) decline();
        return v;
      }),
    }));
    keyed.sort((a, b) => {
      for (let i = 0; i < keys.length; i++) {
        const c = compareValues(a.keys[i], b.keys[i]);
        if (c) return c * (keys[i] as readonly [string, number])[1];
      }
      return 0;
    });
    return keyed.map((k) => k.doc);
  };
}

// ---------------------------------------------------------------------------------------------
// $match: top-level fields compared with literals compile here; other filters use compileFilter.

type Test = (doc: Document) => boolean;

/** A literal a query may compare with: its matching is plain BSON comparison. */
const scalar = (v: unknown): boolean =>
  typeof v === 'string' ||
  (typeof v === 'number' && !Number.isNaN(v)) ||
  typeof v === 'boolean' ||
  v instanceof ObjectId ||
  (v instanceof Date && !Number.isNaN(v.getTime()));

/** A field's value, or any element of an array there, satisfies `ok`. */
const anyOf =
  (field: string, ok: (v: unknown) => boolean): Test =>
  (doc) => {
    const v = doc[field];
    if (Array.isArray(v)) return v.some(ok);
    return ok(v);
  };

/** Equality with a scalar or null, as a value test (arrays handled by anyOf). */
function equalsValue(value: unknown): (v: unknown) => boolean {
  if (value === null) return isNullish;
  if (!scalar(value)) return decline();
  if (typeof value === 'string' || typeof value === 'boolean') return (v) => v === value;
  if (typeof value === 'number') return (v) => typeof v === 'number' && v === value;
  const rank = typeRank(value);
  return (v) => typeRank(v) === rank && compareValues(v, value) === 0;
}

function inValues(list: unknown): (v: unknown) => boolean {
  if (!Array.isArray(list)) return decline();
  const tests = list.map(equalsValue);
  const strings = new Set(list.filter((v) => typeof v === 'string'));
  const times = new Set(list.filter((v) => v instanceof Date).map((d) => (d as Date).getTime()));
  const others = list.filter((v) => typeof v !== 'string' && !(v instanceof Date));
  if (others.length === 0) {
    return (v) =>
      typeof v === 'string' ? strings.has(v) : v instanceof Date && times.has(v.getTime());
  }
  return (v) => tests.some((t) => t(v));
}

const TYPE_TESTS: Record<string, (v: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  date: (v) => v instanceof Date,
  bool: (v) => typeof v === 'boolean',
  objectId: (v) => v instanceof ObjectId,
};

/** One `field: condition` pair as a test, or Decline. */
function fieldTest(field: string, cond: unknown): Test {
  if (!plainName(field)) return decline();
  if (!isDoc(cond) || !Object.keys(cond).some((k) => k.startsWith('$'))) {
    // Equality with an array also matches the whole array: left to compileFilter.
    return anyOf(field, equalsValue(cond));
  }
  const tests: Test[] = [];
  for (const [op, value] of Object.entries(cond)) {
    switch (op) {
      case '$eq':
        tests.push(anyOf(field, equalsValue(value)));
        break;
      case '$ne': {
        const t = anyOf(field, equalsValue(value));
        tests.push((doc) => !t(doc));
        break;
      }
      case '$in':
        tests.push(anyOf(field, inValues(value)));
        break;
      case '$nin': {
        const t = anyOf(field, inValues(value));
        tests.push((doc) => !t(doc));
        break;
      }
      case '$gt':
      case '$gte':
      case '$lt':
      case '$lte': {
        // Ranges compare within one type bracket (a date range never matches a number).
        if (!scalar(value)) return decline();
        const rank = typeRank(value);
        const ok =
          op === '$gt'
            ? (c: number) => c > 0
            : op === '$gte'
              ? (c: number) => c >= 0
              : op === '$lt'
                ? (c: number) => c < 0
                : (c: number) => c <= 0;
        tests.push(anyOf(field, (v) => typeRank(v) === rank && ok(compareValues(v, value))));
        break;
      }
      case '$exists':
        if (typeof value !== 'boolean') return decline();
        tests.push((doc) => (doc[field] !== undefined) === value);
        break;
      case '$type': {
        const t = typeof value === 'string' ? TYPE_TESTS[value] : undefined;
        if (!t) return decline();
        tests.push(anyOf(field, t));
        break;
      }
      default:
        return decline();
    }
  }
  return tests.length === 1 ? (tests[0] as Test) : (doc) => tests.every((t) => t(doc));
}

function filterTest(filter: unknown): Test {
  if (!isDoc(filter)) return decline();
  const tests: Test[] = [];
  for (const [field, cond] of Object.entries(filter)) {
    if (field === '$and' || field === '$or') {
      if (!Array.isArray(cond) || cond.length === 0) return decline();
      const parts = cond.map(filterTest);
      tests.push(
        field === '$and' ? (doc) => parts.every((t) => t(doc)) : (doc) => parts.some((t) => t(doc)),
      );
    } else tests.push(fieldTest(field, cond));
  }
  if (tests.length === 1) return tests[0] as Test;
  return (doc) => {
    for (const t of tests) if (!t(doc)) return false;
    return true;
  };
}

/** A $match filter as a test: compiled here when it can be, else query.ts's (simple or mingo). */
export function matchTest(spec: unknown): Test {
  if (!isDoc(spec)) return decline();
  try {
    return filterTest(spec);
  } catch (error) {
    if (!(error instanceof Decline)) throw error;
  }
  try {
    const compiled = compileFilter(spec);
    if (compiled.near) return decline();
    return compiled.simple ?? compiled.test;
  } catch {
    return decline();
  }
}

function matchStage(spec: unknown): Stage {
  const test = matchTest(spec);
  return (docs) => docs.filter((d) => test(d));
}

const count = (v: unknown, positive: boolean): number =>
  typeof v === 'number' && Number.isSafeInteger(v) && (positive ? v > 0 : v >= 0) ? v : decline();

function facetStage(spec: unknown): Stage {
  if (!isDoc(spec) || Object.keys(spec).length === 0) return decline();
  const branches = Object.entries(spec).map(([k, sub]) => {
    if (!plainName(k) || !Array.isArray(sub)) decline();
    if (sub.length === 0) return [k, (docs: Document[]) => docs] as const;
    const compiled = compilePipeline(sub as Document[]);
    if (!compiled || compiled.length !== (sub as Document[]).length) decline();
    return [k, (compiled as CompiledPipeline).run] as const;
  });
  return (docs) => {
    const out: Document = {};
    for (const [k, run] of branches) out[k] = run(docs);
    return [out];
  };
}

function compileStage(stage: unknown): Stage {
  if (!isDoc(stage) || Object.keys(stage).length !== 1) return decline();
  const name = Object.keys(stage)[0] as string;
  const spec = stage[name];
  switch (name) {
    case '$match':
      return matchStage(spec);
    case '$project':
      return projectStage(spec);
    case '$addFields':
    case '$set':
      return addFieldsStage(spec);
    case '$group':
      return groupDocs(spec);
    case '$unwind':
      return unwindStage(spec);
    case '$sort':
      return sortStage(spec);
    case '$limit': {
      const n = count(spec, true);
      return (docs) => (docs.length > n ? docs.slice(0, n) : docs);
    }
    case '$skip': {
      const n = count(spec, false);
      return (docs) => (n ? docs.slice(n) : docs);
    }
    case '$count': {
      if (typeof spec !== 'string' || !plainName(spec)) return decline();
      // On no input MongoDB gives no document and mingo a zero count: left to mingo.
      return (docs) => (docs.length ? [{ [spec]: docs.length }] : decline());
    }
    case '$facet':
      return facetStage(spec);
  }
  return decline();
}

/**
 * Compiles the longest leading run of stages the fast path supports, or undefined when there is
 * none (or the fast path is switched off).
 */
export function compilePipeline(pipeline: Document[]): CompiledPipeline | undefined {
  if (!fastAggregation.enabled || hasWrappers(pipeline)) return undefined;
  const stages: Stage[] = [];
  let covered = 0;
  while (covered < pipeline.length) {
    const stage = pipeline[covered];
    const next = pipeline[covered + 1];
    try {
      if (isDoc(stage) && '$unwind' in stage && isDoc(next) && '$group' in next) {
        if (Object.keys(stage).length !== 1 || Object.keys(next).length !== 1) decline();
        try {
          stages.push(unwindGroupStage(stage.$unwind, next.$group));
          covered += 2;
          continue;
        } catch (error) {
          if (!(error instanceof Decline)) throw error;
        }
      }
      stages.push(compileStage(stage));
      covered++;
    } catch (error) {
      if (error instanceof Decline) break;
      throw error;
    }
  }
  if (stages.length === 0) return undefined;
  return {
    length: covered,
    run: (docs) => {
      let current = docs;
      for (const s of stages) current = s(current);
      return current;
    },
  };
}
