// Applies update documents (operators, replacements, pipelines) and builds upsert documents.
import { type Document } from 'bson';
import { update as mingoUpdate } from 'mingo';
import { runPipeline } from './aggregate';
import { cloneDoc } from './engine';
import { CommandError, badValue } from './errors';
import { hasWrappers, isPlainObject, numericView, restoreWrappers } from './values';

const UPDATE_OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$rename',
  '$push',
  '$pull',
  '$pullAll',
  '$addToSet',
  '$pop',
  '$currentDate',
  '$setOnInsert',
  '$bit',
]);

export type UpdateKind = 'operators' | 'replacement' | 'pipeline';

export function updateKind(u: unknown): UpdateKind {
  if (Array.isArray(u)) return 'pipeline';
  if (!isPlainObject(u))
    throw new CommandError(14, 'Update argument must be either an object or an array');
  const keys = Object.keys(u);
  const ops = keys.filter((k) => k.startsWith('$'));
  if (ops.length === 0) return 'replacement';
  if (ops.length !== keys.length) {
    throw new CommandError(
      9,
      `Unknown modifier: ${keys.find((k) => !k.startsWith('$'))}. Expected a valid update modifier or pipeline-style update specified as an array`,
    );
  }
  for (const op of ops) {
    if (!UPDATE_OPERATORS.has(op)) {
      throw new CommandError(
        9,
        `Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`,
      );
    }
  }
  return 'operators';
}

/** Returns the updated copy of `doc` (never mutates the stored document). */
export function applyUpdate(
  doc: Document,
  u: Document | Document[],
  opts: {
    arrayFilters?: Document[];
    filter?: Document;
    inserting?: boolean;
    resolver?: (name: string) => Document[];
  },
): Document {
  const kind = updateKind(u);
  if (kind === 'replacement') {
    const rep = u as Document;
    const out: Document = { _id: doc._id };
    for (const [k, v] of Object.entries(rep)) if (k !== '_id' || v !== undefined) out[k] = v;
    return cloneDoc(out);
  }
  const wrapped = hasWrappers(doc);
  if (kind === 'pipeline') {
    const input = wrapped ? numericView(doc) : cloneDoc(doc);
    const [result] = runPipeline([input], u as Document[], opts.resolver ?? (() => []));
    if (!result) throw badValue('update pipeline removed the document');
    return wrapped ? (restoreWrappers(cloneDoc(result), doc) as Document) : result;
  }
  const mod: Document = { ...(u as Document) };
  if (mod.$setOnInsert !== undefined) {
    if (opts.inserting)
      mod.$set = { ...(mod.$set as Document | undefined), ...(mod.$setOnInsert as Document) };
    delete mod.$setOnInsert;
  }
  if (mod.$currentDate !== undefined) {
    const now = new Date();
    const set: Document = { ...(mod.$set as Document | undefined) };
    for (const k of Object.keys(mod.$currentDate as Document)) set[k] = now;
    mod.$set = set;
    delete mod.$currentDate;
  }
  const copy = wrapped ? numericView(doc) : cloneDoc(doc);
  if (Object.keys(mod).length === 0) return cloneDoc(doc);
  try {
    mingoUpdate(copy, mod, opts.arrayFilters, opts.filter && numericView(opts.filter), {
      cloneMode: 'none',
    });
  } catch (error) {
    const message = (error as Error).message;
    if (message.includes("immutable field '_id'")) throw new CommandError(66, message);
    throw badValue(message);
  }
  return wrapped ? (restoreWrappers(cloneDoc(copy), doc) as Document) : copy;
}

/** The seed of an upserted document: the equality conditions of the filter. */
export function upsertSeed(filter: Document): Document {
  const seed: Document = {};
  const add = (f: Document): void => {
    for (const [k, v] of Object.entries(f)) {
      if (k === '$and' && Array.isArray(v)) v.forEach((x) => isPlainObject(x) && add(x));
      else if (k.startsWith('$')) continue;
      else if (isPlainObject(v) && Object.keys(v).some((x) => x.startsWith('$'))) {
        if ('$eq' in v) setDotted(seed, k, v.$eq);
      } else setDotted(seed, k, v);
    }
  };
  add(filter);
  return seed;
}

function setDotted(doc: Document, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur = doc;
  for (const p of parts.slice(0, -1)) {
    if (!isPlainObject(cur[p])) cur[p] = {};
    cur = cur[p] as Document;
  }
  cur[parts[parts.length - 1] as string] = value;
}
