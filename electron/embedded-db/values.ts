// BSON value helpers: MongoDB's cross-type ordering, canonical keys for hashing, dotted-path reads.
import { Binary, Decimal128, type Document, Double, Int32, Long, ObjectId, Timestamp } from 'bson';

/** MongoDB's BSON type ordering class (numbers of every width share one class). */
export function typeRank(v: unknown): number {
  if (v === undefined || v === null) return 1;
  switch (typeof v) {
    case 'number':
    case 'bigint':
      return 2;
    case 'string':
      return 3;
    case 'boolean':
      return 8;
  }
  if (v instanceof Long || v instanceof Int32 || v instanceof Double || v instanceof Decimal128) {
    return 2;
  }
  if (Array.isArray(v)) return 5;
  if (v instanceof Binary) return 6;
  if (v instanceof ObjectId) return 7;
  if (v instanceof Date) return 9;
  if (v instanceof Timestamp) return 10;
  if (v instanceof RegExp) return 11;
  const bsontype = (v as { _bsontype?: string })._bsontype;
  if (bsontype === 'MinKey') return 0;
  if (bsontype === 'MaxKey') return 12;
  return 4;
}

export function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Long) return v.toNumber();
  if (v instanceof Int32 || v instanceof Double) return v.valueOf();
  if (v instanceof Decimal128) return Number(v.toString());
  return NaN;
}

/** Total order over BSON values following MongoDB's comparison/sort order. */
export function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case 2: {
      const x = toNumber(a);
      const y = toNumber(b);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case 3:
      return a === b ? 0 : (a as string) < (b as string) ? -1 : 1;
    case 4: {
      const ea = Object.entries(a as Document);
      const eb = Object.entries(b as Document);
      for (let i = 0; i < Math.min(ea.length, eb.length); i++) {
        const [ka, va] = ea[i] as [string, unknown];
        const [kb, vb] = eb[i] as [string, unknown];
        const c = compareValues(va, vb) || (ka < kb ? -1 : ka > kb ? 1 : 0);
        if (c) return c;
      }
      return ea.length - eb.length;
    }
    case 5: {
      const xa = a as unknown[];
      const xb = b as unknown[];
      for (let i = 0; i < Math.min(xa.length, xb.length); i++) {
        const c = compareValues(xa[i], xb[i]);
        if (c) return c;
      }
      return xa.length - xb.length;
    }
    case 6:
      return Buffer.compare(Buffer.from((a as Binary).buffer), Buffer.from((b as Binary).buffer));
    case 7:
      return Buffer.compare((a as ObjectId).id, (b as ObjectId).id);
    case 8:
      return a === b ? 0 : a ? 1 : -1;
    case 9:
      return (a as Date).getTime() - (b as Date).getTime();
    case 10:
      return (a as Timestamp).compare(b as Timestamp);
    case 11:
      return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
    default:
      return 0;
  }
}

/** A string that is equal for values MongoDB treats as equal (numbers across types included). */
export function valueKey(v: unknown): string {
  if (v === undefined || v === null) return 'z';
  switch (typeof v) {
    case 'string':
      return `s${v}`;
    case 'number':
      return `n${v}`;
    case 'boolean':
      return v ? 'bt' : 'bf';
  }
  if (typeRank(v) === 2) return `n${toNumber(v)}`;
  if (v instanceof ObjectId) return `o${v.toHexString()}`;
  if (v instanceof Date) return `d${v.getTime()}`;
  if (Array.isArray(v)) return `[${v.map(valueKey).join(',')}]`;
  if (v instanceof Binary) return `x${v.sub_type}:${Buffer.from(v.buffer).toString('hex')}`;
  if (v instanceof RegExp || v instanceof Timestamp) return `r${String(v)}`;
  if (typeRank(v) === 4) {
    return `{${Object.entries(v as Document)
      .map(([k, x]) => `${JSON.stringify(k)}:${valueKey(x)}`)
      .join(',')}}`;
  }
  return `?${String(v)}`;
}

/** Every value reachable through a dotted path, descending into arrays as MongoDB does for indexes. */
export function pathValues(doc: unknown, path: string): unknown[] {
  const parts = path.split('.');
  const out: unknown[] = [];
  const walk = (v: unknown, i: number): void => {
    if (i === parts.length) {
      if (Array.isArray(v)) {
        if (v.length === 0) out.push(undefined);
        else for (const x of v) out.push(x);
      } else out.push(v);
      return;
    }
    if (Array.isArray(v)) {
      const idx = Number(parts[i]);
      if (Number.isInteger(idx) && /^\d+$/.test(parts[i] as string)) walk(v[idx], i + 1);
      else for (const x of v) walk(x, i);
      return;
    }
    if (v === null || typeof v !== 'object' || typeRank(v) !== 4) {
      out.push(undefined);
      return;
    }
    walk((v as Document)[parts[i] as string], i + 1);
  };
  walk(doc, 0);
  return out.length ? out : [undefined];
}

/** The single value at a dotted path without array expansion (undefined when missing). */
export function getPath(doc: unknown, path: string): unknown {
  let v: unknown = doc;
  for (const p of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Document)[p];
  }
  return v;
}

/** Prints a value the way MongoDB's error messages do (e.g. `"a@x.test"`, `ObjectId('...')`). */
export function formatValue(v: unknown): string {
  if (v === undefined || v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (v instanceof ObjectId) return `ObjectId('${v.toHexString()}')`;
  if (v instanceof Date) return `new Date(${v.getTime()})`;
  if (Array.isArray(v)) return `[ ${v.map(formatValue).join(', ')} ]`;
  if (typeRank(v) === 4) {
    const entries = Object.entries(v as Document).map(([k, x]) => `${k}: ${formatValue(x)}`);
    return `{ ${entries.join(', ')} }`;
  }
  return String(v);
}

export const isPlainObject = (v: unknown): v is Document => typeRank(v) === 4 && v !== null;

/** Raw decoding: every number stays wrapped so normalizeNumbers can decide what to keep. */
export const DESERIALIZE_RAW = {
  promoteValues: false,
  promoteLongs: false,
  promoteBuffers: false,
} as const;

const isContainer = (v: unknown): v is Document | unknown[] =>
  Array.isArray(v) || (v !== null && typeof v === 'object' && (v as object).constructor === Object);

/**
 * Int32 and fractional Doubles become JS numbers (they re-serialize to the same BSON type); integral
 * Doubles, Longs and Decimal128 stay wrapped so they round-trip exactly. Mutates in place.
 */
export function normalizeNumbers<T>(v: T): T {
  if (!isContainer(v)) return v;
  const entries = Array.isArray(v) ? v.entries() : Object.entries(v);
  for (const [k, x] of entries) {
    let out: unknown = x;
    if (x instanceof Int32) out = x.value;
    else if (x instanceof Double && !Number.isInteger(x.value)) out = x.value;
    else if (isContainer(x)) normalizeNumbers(x);
    if (out !== x) (v as Record<string | number, unknown>)[k] = out;
  }
  return v;
}

/** Whether a value holds numeric wrappers that mingo cannot compare or do arithmetic on. */
export function hasWrappers(v: unknown): boolean {
  if (v instanceof Long || v instanceof Double || v instanceof Decimal128) return true;
  if (Array.isArray(v)) return v.some(hasWrappers);
  if (isContainer(v)) {
    for (const x of Object.values(v)) if (hasWrappers(x)) return true;
  }
  return false;
}

/** A copy with numeric wrappers replaced by JS numbers, for evaluation by mingo. */
export function numericView<T>(v: T): T {
  if (v instanceof Long || v instanceof Double || v instanceof Decimal128 || v instanceof Int32) {
    return toNumber(v) as T;
  }
  if (Array.isArray(v)) return v.map(numericView) as T;
  if (isContainer(v)) {
    const out: Document = {};
    for (const [k, x] of Object.entries(v)) out[k] = numericView(x);
    return out as T;
  }
  return v;
}

/** After evaluating on a numeric view, puts back the wrapper types the original document had. */
export function restoreWrappers(after: unknown, before: unknown): unknown {
  if (typeof after === 'number' && typeRank(before) === 2 && typeof before === 'object') {
    if (toNumber(before) === after) return before;
    if (before instanceof Long && Number.isInteger(after)) return Long.fromNumber(after);
    if (before instanceof Double) return new Double(after);
    if (before instanceof Decimal128) return Decimal128.fromString(String(after));
    return after;
  }
  if (Array.isArray(after) && Array.isArray(before)) {
    return after.map((x, i) => restoreWrappers(x, before[i]));
  }
  if (
    isContainer(after) &&
    isContainer(before) &&
    !Array.isArray(after) &&
    !Array.isArray(before)
  ) {
    for (const k in after) after[k] = restoreWrappers(after[k], before[k]);
  }
  return after;
}
